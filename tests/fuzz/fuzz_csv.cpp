// libFuzzer target: any text given as a CSV upload. The contract (docs/security.md):
//   - parse_csv either returns a Dataset or throws reglab::Error — never crashes, never throws
//     anything else, never trips ASan/UBSan;
//   - a parsed Dataset is consistent (x is rows × features, one label or target per row, labels
//     in [0, num_classes));
//   - a small one, given as data.kind "csv", trains a tiny model or is refused with reglab::Error.
// Input layout: byte 0 chooses the task (bits 0–1: auto, classification, regression) and the
// label column (bit 2: "label", bit 3: "x1"); the rest is the CSV text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "data/csv.h"
#include "fuzz_common.h"
#include "reglab/error.h"
#include "reglab/experiment.h"
#include "reglab/spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  if (size < 1 || size > 256 * 1024) return 0;
  const uint8_t control = bytes[0];
  static const char* const kTasks[] = {"auto", "classification", "regression", "auto"};
  const std::string task = kTasks[control & 3];
  const std::string label_column = (control & 4) ? "label" : (control & 8) ? "x1" : "";
  const std::string text(reinterpret_cast<const char*>(bytes) + 1, size - 1);

  reglab::Dataset data;
  try {
    data = reglab::parse_csv(text, label_column, task, "data.csv");
  } catch (const reglab::Error&) {
    return 0;
  }
  const int n = data.rows();
  if (n < 1 || data.features() < 1) reglab_fuzz::fail("parse_csv returned an empty dataset");
  if (data.is_classification()) {
    if (static_cast<int>(data.labels.size()) != n) reglab_fuzz::fail("one label per row");
    if (data.num_classes < 2) reglab_fuzz::fail("fewer than 2 classes");
    for (int32_t l : data.labels)
      if (l < 0 || l >= data.num_classes) reglab_fuzz::fail("label out of range");
  } else if (data.y.rows() != n || data.y.cols() != 1) {
    reglab_fuzz::fail("one target per row");
  }
  if (static_cast<int>(data.feature_names.size()) != data.features()) reglab_fuzz::fail("one name per feature");
  if (!data.x.allFinite()) reglab_fuzz::fail("a non-finite feature value was accepted");

  if (n > 400 || data.features() > 64) return 0;  // keep each input fast
  reglab::Json spec = reglab::Json::object();
  reglab::Json d = reglab::Json::object();
  d.set("kind", "csv");
  d.set("csv", text);
  d.set("task", task);
  if (!label_column.empty()) d.set("labelColumn", label_column);
  spec.set("data", d);
  reglab::Json model = reglab::Json::object();
  model.set("hidden", reglab::Json(reglab::Json::Array{reglab::Json(4)}));
  spec.set("model", model);
  try {
    reglab::Experiment exp(reglab::parse_spec(spec), {});
    reglab_fuzz::exercise(exp);
  } catch (const reglab::Error&) {
  }
  return 0;
}
