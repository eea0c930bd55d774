// libFuzzer target: any text given as a spec. The contract (docs/security.md):
//   - parse_spec_text either returns a Spec or throws reglab::Error — never crashes, never
//     throws anything else, never trips ASan/UBSan;
//   - a valid spec's canonical JSON parses back to the same canonical JSON;
//   - a valid spec, shrunk to a tiny size so each input runs in milliseconds, builds a run that
//     trains, predicts, evaluates and updates, or is refused with reglab::Error.
// Build and run: tests/fuzz/run.sh (CMake option REGLAB_FUZZ, clang).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.h"
#include "reglab/error.h"
#include "reglab/experiment.h"
#include "reglab/spec.h"

namespace {

using reglab::Json;

const reglab::DataTexts& texts() {
  static const reglab::DataTexts t = reglab_fuzz::small_real_data();
  return t;
}

Json clamp_number(const Json& v, double hi) { return Json(std::min(v.as_number(), hi)); }

// The canonical spec with its size fields clamped: at most 160 samples, 3 hidden layers of 16.
// The fuzzer explores validation and wiring; training at scale is the limits tests' business.
Json shrink(Json canon) {
  Json data = canon["data"];
  data.set("n", clamp_number(data["n"], 160));
  data.set("trainSize", clamp_number(data["trainSize"], 100));
  canon.set("data", data);
  Json model = canon["model"];
  Json hidden = Json::array(), dropout = Json::array();
  for (size_t i = 0; i < model["hidden"].size() && i < 3; ++i) {
    hidden.push_back(clamp_number(model["hidden"][i], 16));
    dropout.push_back(model["dropout"][i]);
  }
  model.set("hidden", hidden);
  model.set("dropout", dropout);
  canon.set("model", model);
  Json reg = canon["regularization"];
  if (reg.contains("layers")) {
    Json layers = Json::array();
    for (size_t i = 0; i < reg["layers"].size() && i < hidden.size() + 1; ++i) layers.push_back(reg["layers"][i]);
    reg.set("layers", layers);
  }
  if (reg["spectralNorm"].is_object()) {
    Json sn = reg["spectralNorm"];
    sn.set("iterations", clamp_number(sn["iterations"], 3));
    reg.set("spectralNorm", sn);
  }
  canon.set("regularization", reg);
  return canon;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  if (size > 64 * 1024) return 0;  // the page never sends more than this as a spec without CSV text
  const std::string text(reinterpret_cast<const char*>(bytes), size);
  reglab::Spec spec;
  try {
    spec = reglab::parse_spec_text(text);
  } catch (const reglab::Error&) {
    return 0;
  }
  const Json canon = reglab::spec_to_json(spec);
  const std::string canon_text = canon.dump();
  if (reglab::spec_to_json(reglab::parse_spec_text(canon_text)).dump() != canon_text)
    reglab_fuzz::fail("the canonical spec does not round-trip");

  reglab::Spec tiny;
  try {
    tiny = reglab::parse_spec(shrink(canon));
  } catch (const reglab::Error&) {
    return 0;  // e.g. trainSize now exceeds the smaller sample
  }
  try {
    reglab::Experiment exp(tiny, texts());
    reglab_fuzz::exercise(exp);
  } catch (const reglab::Error&) {
  }
  return 0;
}
