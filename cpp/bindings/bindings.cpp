// The Embind layer: registrations and type translation only — no training logic here.
// Specs, records and reports cross as JSON text; tensors cross as Float32Array (one bulk copy
// each way). reglab::Error becomes a JS Error carrying `path`; any other C++ exception becomes a
// JS Error too, so invalid input never aborts the wasm instance.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <malloc.h>

#include <cmath>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "guarded.h"
#include "reglab/bias_variance_sweep.h"
#include "reglab/error.h"
#include "reglab/experiment.h"
#include "reglab/gallery.h"
#include "reglab/json.h"
#include "reglab/spec.h"
#include "reglab/text_augment.h"

using emscripten::val;
using reglab::Error;
using reglab::Json;
using namespace reglab::bindings;

namespace {

reglab::DataTexts& data_texts() {
  static reglab::DataTexts texts;
  return texts;
}

std::string takeError() {
  if (last_error().is_null()) return "";
  std::string s = last_error().dump();
  last_error() = Json();
  return s;
}

// Records cross to JS as one Float64Array (no JSON on the per-epoch path): a header
// [records, sigmas], then per record one value per scalar field of reglab::kRecordSchema, in its
// order (booleans 0/1), and `sigmas` σ values. NaN = null.
// web/engine/reglab.js (unpackRecords) turns it back into the objects EpochRecord::to_json() shows.
val records_packed(const std::vector<reglab::EpochRecord>& records) {
  using reglab::kRecordSchema;
  using reglab::kRecordSchemaSize;
  size_t scalars = 0;
  for (size_t f = 0; f < kRecordSchemaSize; ++f) scalars += kRecordSchema[f].type != reglab::RecordType::Metrics;
  const size_t sigmas = records.empty() ? 0 : records.front().sigma.size();
  const size_t stride = scalars + sigmas;
  std::vector<double> out(2 + records.size() * stride, NAN);
  out[0] = static_cast<double>(records.size());
  out[1] = static_cast<double>(sigmas);
  for (size_t i = 0; i < records.size(); ++i) {
    const reglab::EpochRecord& r = records[i];
    double* o = out.data() + 2 + i * stride;
    for (size_t f = 0; f < kRecordSchemaSize; ++f)
      if (kRecordSchema[f].value) *o++ = kRecordSchema[f].value(r);
    for (size_t k = 0; k < sigmas && k < r.sigma.size(); ++k) o[k] = std::isfinite(r.sigma[k]) ? r.sigma[k] : NAN;
  }
  return val(emscripten::typed_memory_view(out.size(), out.data())).call<val>("slice");
}

class Run {
 public:
  // On an invalid spec the handle stays empty and takeError() says why; the JS side deletes it.
  explicit Run(const std::string& spec_json)
      : exp_(guarded([&] { return new reglab::Experiment(reglab::parse_spec_text(spec_json), data_texts()); },
                     static_cast<reglab::Experiment*>(nullptr))) {}
  ~Run() { delete exp_; }
  bool ok() const { return exp_ != nullptr; }

  val step(int epochs) {
    return guarded([&] {
      if (epochs < 0) throw Error("epochs", "must be >= 0, got " + std::to_string(epochs));
      return records_packed(exp_->step(epochs));
    }, val::null());
  }
  val history() const { return records_packed(exp_->history()); }
  bool done() const { return exp_->done(); }
  std::string stopReason() const { return exp_->stop_reason(); }
  int epoch() const { return exp_->epoch(); }
  int bestEpoch() const { return exp_->best_epoch(); }
  int inputs() const { return exp_->inputs(); }
  int outputs() const { return exp_->outputs(); }
  std::string spec() const { return reglab::spec_to_json(exp_->spec()).dump(); }

  val predict(val x, int rows, bool train_mode) {
    return guarded([&] {
      std::vector<float> in = floats_from(x, "x");
      if (rows < 0 || static_cast<size_t>(rows) * exp_->inputs() != in.size())
        throw Error("x", "has " + std::to_string(in.size()) + " values, expected rows × inputs = " + std::to_string(rows) +
                             " × " + std::to_string(exp_->inputs()));
      reglab::Matrix out = exp_->predict(in.data(), rows, train_mode ? reglab::Mode::Train : reglab::Mode::Eval);
      return float_array(out.data(), out.size());
    }, val::null());
  }

  val mcPredict(val x, int rows, int passes) {
    return guarded([&] {
      std::vector<float> in = floats_from(x, "x");
      if (rows < 0 || static_cast<size_t>(rows) * exp_->inputs() != in.size())
        throw Error("x", "has " + std::to_string(in.size()) + " values, expected rows × inputs");
      reglab::Matrix mean, variance;
      exp_->mc_predict(in.data(), rows, passes, mean, variance);
      val out = val::object();
      out.set("mean", float_array(mean.data(), mean.size()));
      out.set("variance", float_array(variance.data(), variance.size()));
      return out;
    }, val::null());
  }

  std::string evaluate(const std::string& split) {
    return guarded([&] {
      reglab::Evaluation e = exp_->evaluate(split);
      Json j = Json::object();
      j.set("loss", std::isfinite(e.loss) ? Json(e.loss) : Json());
      j.set("acc", e.acc < 0 ? Json() : Json(e.acc));
      return j.dump();
    });
  }

  val weights() const {
    val list = val::array();
    for (const auto& t : exp_->weights()) {
      val w = val::object();
      w.set("name", val(t.name));
      val shape = val::array();
      for (int d : t.shape) shape.call<void>("push", d);
      w.set("shape", shape);
      w.set("trainable", val(t.trainable));
      w.set("data", float_array(t.data.data(), t.data.size()));
      list.call<void>("push", w);
    }
    return list;
  }

  void setWeights(val list) {
    guarded([&] {
      if (!list.isArray()) throw Error("weights", "must be an array of {name, shape, data}");
      std::vector<reglab::NamedTensor> tensors;
      int n = list["length"].as<int>();
      for (int i = 0; i < n; ++i) {
        val w = list[i];
        std::string path = "weights[" + std::to_string(i) + "]";
        if (!w["name"].isString()) throw Error(path + ".name", "must be a string");
        reglab::NamedTensor t;
        t.name = w["name"].as<std::string>();
        val shape = w["shape"];
        if (!shape.isArray() || shape["length"].as<int>() < 1 || shape["length"].as<int>() > 4)
          throw Error(path + ".shape", "must be [rows, cols] (or [out, in, kh, kw] for a conv weight)");
        for (int d = 0; d < shape["length"].as<int>(); ++d) {
          if (!shape[d].isNumber()) throw Error(path + ".shape[" + std::to_string(d) + "]", "must be a number");
          t.shape.push_back(shape[d].as<int>());
        }
        t.data = floats_from(w["data"], path + ".data");
        tensors.push_back(std::move(t));
      }
      exp_->set_weights(tensors);
      return 0;
    });
  }

  // The samples of one split, for drawing points and galleries.
  val data(const std::string& split) const {
    return guarded([&] {
      const reglab::Splits& s = exp_->splits();
      const reglab::Dataset* d = split == "train" ? &s.train : split == "val" ? &s.val : split == "test" ? &s.test : nullptr;
      if (!d) throw Error("split", "must be train, val or test, got \"" + split + "\"");
      val out = val::object();
      out.set("rows", d->rows());
      out.set("features", d->features());
      out.set("x", float_array(d->x.data(), d->x.size()));
      if (d->is_classification()) {
        out.set("labels", val(emscripten::typed_memory_view(d->labels.size(), d->labels.data())).call<val>("slice"));
        out.set("numClasses", d->num_classes);
        out.set("y", val::null());
      } else {
        out.set("labels", val::null());
        out.set("numClasses", 0);
        out.set("y", float_array(d->y.data(), d->y.size()));
      }
      out.set("imageC", d->image_channels);
      out.set("imageH", d->image_h);
      out.set("imageW", d->image_w);
      if (!d->texts.empty()) {
        val texts = val::array();
        for (const auto& t : d->texts) texts.call<void>("push", val(t));
        out.set("texts", texts);
      }
      return out;
    }, val::null());
  }

  void update(const std::string& partial_json) {
    guarded([&] {
      exp_->update(Json::parse(partial_json));
      return 0;
    });
  }

 private:
  reglab::Experiment* exp_;
};

std::string version() { return REGLAB_VERSION; }

bool simd() {
#ifdef __wasm_simd128__
  return true;
#else
  return false;
#endif
}

std::string describe() { return reglab::describe_spec().dump(); }

std::string validateSpec(const std::string& spec_json) {
  return guarded([&] { return reglab::spec_to_json(reglab::parse_spec_text(spec_json)).dump(); });
}

void registerData(const std::string& kind, const std::string& text) { data_texts()[kind] = text; }
bool hasData(const std::string& kind) { return data_texts().count(kind) > 0; }

std::string augmentText(const std::string& sentence, const std::string& op, double strength, int seed) {
  return guarded([&] {
    reglab::Rng rng(static_cast<uint64_t>(seed), 0x7e87);
    return reglab::text_augment_op(sentence, op, strength, rng);
  });
}

val augmentImages(const std::string& spec_json, int count, int seed) {
  return guarded([&] {
    reglab::Gallery g = reglab::augmented_gallery(reglab::parse_spec_text(spec_json), data_texts(), count,
                                                  static_cast<uint32_t>(seed));
    val out = val::object();
    out.set("h", g.h);
    out.set("w", g.w);
    out.set("count", g.count);
    out.set("originals", float_array(g.originals.data(), g.originals.size()));
    out.set("images", float_array(g.images.data(), g.images.size()));
    out.set("targets", float_array(g.targets.data(), g.targets.size()));
    out.set("numClasses", g.num_classes);
    val names = val::array();
    for (const auto& n : g.class_names) names.call<void>("push", val(n));
    out.set("classNames", names);
    out.set("labels", val(emscripten::typed_memory_view(g.labels.size(), g.labels.data())).call<val>("slice"));
    return out;
  }, val::null());
}

std::string biasVariance(const std::string& spec_json, const std::string& options_json) {
  return guarded([&] {
    return reglab::bias_variance_sweep(reglab::parse_spec_text(spec_json), Json::parse(options_json)).dump();
  });
}

// Bytes of wasm memory in use by the C++ heap (for the leak tests).
double heapBytes() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(reglab) {
  emscripten::function("version", &version);
  emscripten::function("simd", &simd);
  emscripten::function("describe", &describe);
  emscripten::function("validateSpec", &validateSpec);
  emscripten::function("registerData", &registerData);
  emscripten::function("hasData", &hasData);
  emscripten::function("augmentText", &augmentText);
  emscripten::function("augmentImages", &augmentImages);
  emscripten::function("biasVariance", &biasVariance);
  emscripten::function("heapBytes", &heapBytes);
  emscripten::function("takeError", &takeError);
  emscripten::class_<Run>("Run")
      .constructor<const std::string&>()
      .function("ok", &Run::ok)
      .function("step", &Run::step)
      .function("history", &Run::history)
      .function("done", &Run::done)
      .function("stopReason", &Run::stopReason)
      .function("epoch", &Run::epoch)
      .function("bestEpoch", &Run::bestEpoch)
      .function("inputs", &Run::inputs)
      .function("outputs", &Run::outputs)
      .function("spec", &Run::spec)
      .function("predict", &Run::predict)
      .function("mcPredict", &Run::mcPredict)
      .function("evaluate", &Run::evaluate)
      .function("weights", &Run::weights)
      .function("setWeights", &Run::setWeights)
      .function("data", &Run::data)
      .function("update", &Run::update);
}
