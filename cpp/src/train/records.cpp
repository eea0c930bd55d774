// The record schema, declared once, and the records' JSON.
#include "reglab/records.h"

#include <cmath>

namespace reglab {

namespace {
double finite(double v) { return std::isfinite(v) ? v : NAN; }
}  // namespace

// Order = the JSON's key order and the packed layout.
const RecordField kRecordSchema[] = {
    {"epoch", RecordType::Integer, false, "1-based epoch number",
     [](const EpochRecord& r) -> double { return r.epoch; }},
    {"trainLoss", RecordType::Metric, false, "data loss on the training split (evaluation mode, no penalty); null when diverged",
     [](const EpochRecord& r) -> double { return r.diverged ? NAN : finite(r.trainLoss); }},
    {"valLoss", RecordType::Metric, false, "data loss on the validation split; null when diverged",
     [](const EpochRecord& r) -> double { return r.diverged ? NAN : finite(r.valLoss); }},
    {"trainAcc", RecordType::Metric, true, "accuracy on the training split; null for regression",
     [](const EpochRecord& r) -> double { return r.trainAcc < 0 || r.diverged ? NAN : finite(r.trainAcc); }},
    {"valAcc", RecordType::Metric, true, "accuracy on the validation split; null for regression",
     [](const EpochRecord& r) -> double { return r.valAcc < 0 || r.diverged ? NAN : finite(r.valAcc); }},
    {"stepLoss", RecordType::Metric, false,
     "mean loss of the epoch's training steps as the network computed them in training mode (batch statistics for "
     "BatchNorm, dropout on), per sample, no penalty: the loss being optimized. Unlike trainLoss it averages over "
     "weights that change during the epoch and includes label smoothing, mixup/CutMix and augmentation when they are "
     "on; trainLoss − stepLoss is the train-vs-inference gap only when those are off. Null when diverged or when the "
     "epoch took no step",
     [](const EpochRecord& r) -> double { return r.diverged ? NAN : finite(r.stepLoss); }},
    {"penalty", RecordType::Metric, false, "value of the weight penalty term at the end of the epoch",
     [](const EpochRecord& r) -> double { return finite(r.penalty); }},
    {"weightNorm", RecordType::Metric, false, "‖W‖ over all weight matrices (biases and norm parameters excluded)",
     [](const EpochRecord& r) -> double { return finite(r.weightNorm); }},
    {"gradNorm", RecordType::Metric, false, "mean global gradient norm over the epoch's steps, after clipping",
     [](const EpochRecord& r) -> double { return finite(r.gradNorm); }},
    {"gradNormPreClip", RecordType::Metric, false, "the same before clipping",
     [](const EpochRecord& r) -> double { return finite(r.gradNormPreClip); }},
    {"lr", RecordType::Metric, false, "learning rate used in this epoch",
     [](const EpochRecord& r) -> double { return finite(r.lr); }},
    {"zeroFraction", RecordType::Metric, false, "fraction of weights that are exactly 0",
     [](const EpochRecord& r) -> double { return finite(r.zeroFraction); }},
    {"sigma", RecordType::Metrics, false, "largest singular value of each dense layer's effective weight",
     nullptr},
    {"time", RecordType::Millis, false, "ms of training since the run started",
     [](const EpochRecord& r) -> double { return std::round(r.time * 1000) / 1000; }},
    {"best", RecordType::Boolean, false, "the monitored validation value is the best so far",
     [](const EpochRecord& r) -> double { return r.best ? 1 : 0; }},
    {"changed", RecordType::Flag, false, "settings were changed (run.update) before this epoch",
     [](const EpochRecord& r) -> double { return r.changed ? 1 : 0; }},
    {"diverged", RecordType::Flag, false, "the loss became NaN/Inf or exploded: losses are null",
     [](const EpochRecord& r) -> double { return r.diverged ? 1 : 0; }},
};
const size_t kRecordSchemaSize = sizeof(kRecordSchema) / sizeof(kRecordSchema[0]);

namespace {

const char* type_name(RecordType t) {
  switch (t) {
    case RecordType::Integer: return "integer";
    case RecordType::Metric: return "metric";
    case RecordType::Millis: return "millis";
    case RecordType::Boolean: return "boolean";
    case RecordType::Flag: return "flag";
    case RecordType::Metrics: return "metrics";
  }
  return "";
}

}  // namespace

Json EpochRecord::to_json() const {
  // Metrics are float32 quantities: serialize them as floats (short, exact round trip).
  Json j = Json::object();
  for (size_t i = 0; i < kRecordSchemaSize; ++i) {
    const RecordField& f = kRecordSchema[i];
    double v = f.value ? f.value(*this) : NAN;
    switch (f.type) {
      case RecordType::Integer: j.set(f.name, static_cast<int>(v)); break;
      case RecordType::Metric: j.set(f.name, std::isnan(v) ? Json() : Json(static_cast<float>(v))); break;
      case RecordType::Millis: j.set(f.name, v); break;
      case RecordType::Boolean: j.set(f.name, v != 0); break;
      case RecordType::Flag:
        if (v != 0) j.set(f.name, true);
        break;
      case RecordType::Metrics: {
        Json s = Json::array();
        for (double x : sigma) s.push_back(std::isfinite(x) ? Json(static_cast<float>(x)) : Json());
        j.set(f.name, s);
        break;
      }
    }
  }
  return j;
}

Json describe_records() {
  Json out = Json::array();
  for (size_t i = 0; i < kRecordSchemaSize; ++i) {
    Json f = Json::object();
    f.set("name", kRecordSchema[i].name);
    f.set("type", type_name(kRecordSchema[i].type));
    f.set("nullable", kRecordSchema[i].nullable);
    f.set("help", kRecordSchema[i].help);
    out.push_back(f);
  }
  return out;
}

}  // namespace reglab
