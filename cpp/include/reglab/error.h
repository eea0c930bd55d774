// One error type for everything a user can get wrong: it names the spec field (a JSON path such
// as "optimizer.lr" or "model.hidden[1]") and says what is wrong with which value. The bindings
// turn it into a JS Error with `path`; the CLI prints it and exits 2.
#pragma once
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace reglab {

class Error : public std::runtime_error {
 public:
  Error(std::string path, const std::string& message)
      : std::runtime_error(path.empty() ? message : path + ": " + message),
        path_(std::move(path)), message_(message) {}
  const std::string& path() const { return path_; }
  const std::string& message() const { return message_; }

 private:
  std::string path_;
  std::string message_;
};

// Formats a number the way the error messages show it (shortest round-trip-ish, no trailing 0s).
inline std::string format_number(double v) {
  // Range first: casting a double outside long long's range (1e40, ±inf, NaN) is undefined.
  if (v > -1e15 && v < 1e15 && v == std::trunc(v)) return std::to_string(static_cast<long long>(v));
  // "%.9g" is exactly what an ostream with precision(9) prints, without pulling iostreams and
  // locales into the wasm module (~130 KB).
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace reglab
