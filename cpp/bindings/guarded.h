// What every binding file shares (bindings.cpp, and testing.cpp in the test/bench module): calls
// that catch every C++ exception into one last error, and Float32Array ↔ float copies. Inline
// functions in a named namespace, so both files see the same last error.
#pragma once
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <new>
#include <string>
#include <utility>
#include <vector>

#include "reglab/error.h"
#include "reglab/json.h"

namespace reglab::bindings {

using emscripten::val;

// The last error of a call, taken by the JS side (web/engine/reglab.js), which throws it as an Error
// with `path`. Errors are not thrown as JS exceptions through wasm frames: that would skip C++
// destructors and leak; here every C++ exception is caught and the call returns normally.
inline Json& last_error() {
  static Json error;
  return error;
}

inline void set_error(const std::string& path, const std::string& message) {
  Json e = Json::object();
  e.set("path", path);
  e.set("message", message);
  last_error() = e;
}

template <typename F, typename R = decltype(std::declval<F>()())>
R guarded(F&& body, R fallback = R()) {
  try {
    return body();
  } catch (const Error& e) {
    set_error(e.path(), e.message());
  } catch (const std::bad_alloc&) {
    set_error("", "out of memory: the data or the model is too large for this page");
  } catch (const std::exception& e) {
    set_error("", e.what());
  }
  return fallback;
}

inline val float_array(const float* data, size_t n) {
  return val(emscripten::typed_memory_view(n, data)).call<val>("slice");
}

inline std::vector<float> floats_from(const val& array, const std::string& path) {
  if (array.isUndefined() || array.isNull() || !array["length"].isNumber()) throw Error(path, "must be an array of numbers");
  return emscripten::convertJSArrayToNumberVector<float>(array);
}

}  // namespace reglab::bindings
