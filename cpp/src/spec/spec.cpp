// Parsing and validation of the experiment spec — the one place where a spec is checked — and its
// canonical JSON, its description and the mid-run rule. The fields themselves are declared once,
// in fields.cpp; each function here is a visitor walking those declarations (fields.h).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

#include "reglab/error.h"
#include "reglab/records.h"
#include "reglab/spec.h"
#include "spec/fields.h"

namespace reglab {

std::string Range::describe() const {
  if (std::isfinite(min) && std::isfinite(max))
    return std::string(min_open ? "in (" : "in [") + format_number(min) + ", " + format_number(max) + (max_open ? ")" : "]");
  if (std::isfinite(min)) return std::string(min_open ? "> " : ">= ") + format_number(min);
  if (std::isfinite(max)) return std::string(max_open ? "< " : "<= ") + format_number(max);
  return "a number";
}

std::string Range::describe_violation(double v) const {
  if (std::isfinite(min) && std::isfinite(max) && (max - min) <= 10 && min >= 0) return describe();  // small ranges read best whole
  if (min_open ? !(v > min) : !(v >= min)) return std::string(min_open ? "> " : ">= ") + format_number(min);
  return std::string(max_open ? "< " : "<= ") + format_number(max);
}

bool Range::contains(double v) const {
  if (min_open ? !(v > min) : !(v >= min)) return false;
  if (max_open ? !(v < max) : !(v <= max)) return false;
  return true;
}

namespace {

std::string quote(const Json& v) {
  std::string s = v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

std::string join_path(const std::string& parent, const char* key) { return parent.empty() ? key : parent + "." + key; }

double check_number(const Json& v, const std::string& p, const Range& r) {
  if (!v.is_number()) throw Error(p, std::string("must be a number, got ") + v.type_name() + " " + quote(v));
  double x = v.as_number();
  if (!std::isfinite(x)) throw Error(p, "must be a finite number, got " + format_number(x));
  if (!r.contains(x)) throw Error(p, "must be " + r.describe_violation(x) + ", got " + format_number(x));
  return x;
}

int check_integer(const Json& v, const std::string& p, const Range& r) {
  double x = check_number(v, p, r);
  if (x != std::floor(x)) throw Error(p, "must be a whole number, got " + format_number(x));
  return static_cast<int>(x);
}

const Json& at_path(const Json& j, const std::string& path);

// ---- reading ----------------------------------------------------------------------------------

// One JSON object being read: the fields it names are checked off, the rest are refused on leave.
struct ReadFrame {
  Json j;  // a cheap copy (shared storage)
  std::string path;
  std::set<std::string> known;

  ReadFrame(Json json, std::string p) : j(std::move(json)), path(std::move(p)) {
    if (!j.is_null() && !j.is_object())
      throw Error(path, std::string("must be an object, got ") + j.type_name() + " " + quote(j));
  }
  std::string at(const char* key) const { return join_path(path, key); }
  const Json* get(const char* key) {
    known.insert(key);
    const Json* v = j.find(key);
    return (v && !v->is_null()) ? v : nullptr;
  }
  // Rejects fields the spec does not know (a typo must not be silently ignored).
  void finish() const {
    if (!j.is_object()) return;
    for (const auto& kv : j.as_object())
      if (!known.count(kv.first)) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        throw Error(join_path(path, kv.first.c_str()), "unknown field (known fields here: " + list + ")");
      }
  }
};

// Reads a JSON spec into the visited Spec: absent or null fields keep their defaults.
class SpecReader final : public SpecVisitor {
 public:
  explicit SpecReader(const Json& j) : root_(j) { frames_.emplace_back(j, ""); }
  bool reading() const override { return true; }
  bool given(const std::string& path) const override { return !at_path(root_, path).is_null(); }
  void finish() const { frames_.back().finish(); }

  void number(const char* key, double& v, const Range& r, const Meta&) override {
    if (const Json* x = top().get(key)) v = check_number(*x, top().at(key), r);
  }
  void integer(const char* key, int& v, const Range& r, const Meta&) override {
    if (const Json* x = top().get(key)) v = check_integer(*x, top().at(key), r);
  }
  void boolean(const char* key, bool& v, const Meta&) override {
    const Json* x = top().get(key);
    if (!x) return;
    if (!x->is_bool()) throw Error(top().at(key), std::string("must be true or false, got ") + x->type_name() + " " + quote(*x));
    v = x->as_bool();
  }
  void choice(const char* key, std::string& v, Choices c, const Meta&) override {
    const Json* x = top().get(key);
    if (!x) return;
    if (!x->is_string()) throw Error(top().at(key), std::string("must be a string, got ") + x->type_name() + " " + quote(*x));
    for (const char* option : c)
      if (x->as_string() == option) {
        v = option;
        return;
      }
    std::string list;
    for (const char* option : c) list += (list.empty() ? "" : ", ") + std::string(option);
    throw Error(top().at(key), "must be one of " + list + ", got " + quote(*x));
  }
  void string(const char* key, std::string& v, size_t max_len, const Meta&) override {
    const Json* x = top().get(key);
    if (!x) return;
    if (!x->is_string()) throw Error(top().at(key), std::string("must be a string, got ") + x->type_name() + " " + quote(*x));
    if (x->as_string().size() > max_len)
      throw Error(top().at(key), "is too long (" + std::to_string(x->as_string().size()) + " characters, at most " +
                                     std::to_string(max_len) + ")");
    v = x->as_string();
  }
  void toggle(const char* key, bool& on, const Meta&) override {
    const Json* x = top().get(key);
    if (!x) {
      on = false;
    } else if (x->is_bool()) {
      on = x->as_bool();
    } else if (x->is_object()) {
      on = true;
    } else {
      throw Error(top().at(key), std::string("must be an object, true/false or null, got ") + x->type_name() + " " + quote(*x));
    }
  }
  void enter(const char* key, const char*) override {
    top().known.insert(key);
    const Json& v = top().j[key];
    std::string p = top().at(key);
    frames_.emplace_back(v.is_bool() ? Json() : v, std::move(p));
  }
  void leave() override {
    frames_.back().finish();
    frames_.pop_back();
  }

  void widths(const char* key, std::vector<int>& v, const Range& r, const Meta&) override {
    const Json* h = top().get(key);
    if (!h) return;
    std::string p = top().at(key);
    if (!h->is_array()) throw Error(p, std::string("must be an array of layer widths, got ") + h->type_name() + " " + quote(*h));
    if (h->size() > static_cast<size_t>(kMaxHiddenLayers))
      throw Error(p, "has " + std::to_string(h->size()) + " layers, at most " + std::to_string(kMaxHiddenLayers) + " allowed");
    v.clear();
    for (size_t i = 0; i < h->size(); ++i) v.push_back(check_integer((*h)[i], p + "[" + std::to_string(i) + "]", r));
  }
  void rates(const char* key, std::vector<double>& v, size_t layers, const Range& r, const Meta&) override {
    const Json* d = top().get(key);
    std::string p = top().at(key);
    v.clear();
    if (!d) {
      v.assign(layers, 0.0);
    } else if (d->is_number()) {
      v.assign(layers, check_number(*d, p, r));
    } else if (d->is_array()) {
      if (d->size() != layers)
        throw Error(p, "has " + std::to_string(d->size()) + " rates, expected one per hidden layer (" + std::to_string(layers) + ")");
      for (size_t i = 0; i < d->size(); ++i) v.push_back(check_number((*d)[i], p + "[" + std::to_string(i) + "]", r));
    } else {
      throw Error(p, std::string("must be a number or an array of numbers, got ") + d->type_name() + " " + quote(*d));
    }
  }
  void rows(const char* key, std::vector<std::vector<double>>& out, size_t width, const char* like, const Meta&) override {
    const Json* x = top().get(key);
    if (!x) return;
    std::string p = top().at(key);
    if (!x->is_array()) throw Error(p, std::string("must be an array of rows, got ") + x->type_name());
    if (x->size() > static_cast<size_t>(kMaxSamples))
      throw Error(p, "has " + std::to_string(x->size()) + " rows, at most " + std::to_string(kMaxSamples) + " allowed");
    for (size_t i = 0; i < x->size(); ++i) {
      const Json& row = (*x)[i];
      std::string pr = p + "[" + std::to_string(i) + "]";
      if (!row.is_array()) throw Error(pr, std::string("must be an array of numbers, got ") + row.type_name());
      if (i == 0 && width == 0) width = row.size();
      if (row.size() != width || width == 0)
        throw Error(pr, "has " + std::to_string(row.size()) + " values, expected " + std::to_string(width) + " like " + like);
      if (width > static_cast<size_t>(kMaxFeatures))
        throw Error(pr, "has " + std::to_string(width) + " features, at most " + std::to_string(kMaxFeatures) + " allowed");
      if (static_cast<double>(x->size()) * width > kMaxDataValues)
        throw Error(p, "has " + std::to_string(x->size()) + " rows × " + std::to_string(width) + " features, more than the " +
                           format_number(kMaxDataValues) + " values allowed");
      std::vector<double> vals;
      for (size_t c = 0; c < row.size(); ++c) vals.push_back(check_number(row[c], pr + "[" + std::to_string(c) + "]", Range{}));
      out.push_back(std::move(vals));
    }
  }
  void values(const char* key, std::vector<double>& out, const Meta&) override {
    const Json* y = top().get(key);
    if (!y) return;
    std::string p = top().at(key);
    if (!y->is_array()) throw Error(p, std::string("must be an array of numbers, got ") + y->type_name());
    if (y->size() > static_cast<size_t>(kMaxSamples))
      throw Error(p, "has " + std::to_string(y->size()) + " values, at most " + std::to_string(kMaxSamples) + " allowed");
    for (size_t i = 0; i < y->size(); ++i) out.push_back(check_number((*y)[i], p + "[" + std::to_string(i) + "]", Range{}));
  }
  void penalties(const char* key, std::vector<LayerPenalty>& out, const Meta&) override {
    const Json* layers = top().get(key);
    if (!layers) return;
    std::string p = top().at(key);
    if (!layers->is_array()) throw Error(p, std::string("must be an array of {l1, l2} per layer, got ") + layers->type_name());
    for (size_t i = 0; i < layers->size(); ++i) {
      ReadFrame f((*layers)[i], p + "[" + std::to_string(i) + "]");
      LayerPenalty lp;
      if (const Json* v = f.get("l1")) lp.l1 = check_number(*v, f.at("l1"), closed(0, 100));
      if (const Json* v = f.get("l2")) lp.l2 = check_number(*v, f.at("l2"), closed(0, 100));
      f.finish();
      out.push_back(lp);
    }
  }
  void blocks(const char* key, std::vector<ConvBlockSpec>& out, const Meta&) override {
    const Json* list = top().get(key);
    if (!list) return;
    std::string p = top().at(key);
    if (!list->is_array())
      throw Error(p, std::string("must be an array of blocks (a number of filters or an object), got ") + list->type_name() +
                         " " + quote(*list));
    if (list->size() > static_cast<size_t>(kMaxConvBlocks))
      throw Error(p, "has " + std::to_string(list->size()) + " blocks, at most " + std::to_string(kMaxConvBlocks) + " allowed");
    out.clear();
    for (size_t i = 0; i < list->size(); ++i) {
      const Json& b = (*list)[i];
      std::string pb = p + "[" + std::to_string(i) + "]";
      ConvBlockSpec block;
      if (b.is_number()) {
        block.filters = check_integer(b, pb, closed(1, kMaxConvFilters));
      } else if (b.is_object()) {
        ReadFrame f(b, pb);
        if (const Json* v = f.get("filters")) block.filters = check_integer(*v, f.at("filters"), closed(1, kMaxConvFilters));
        if (const Json* v = f.get("kernel")) block.kernel = check_integer(*v, f.at("kernel"), closed(1, 7));
        if (const Json* v = f.get("stride")) block.stride = check_integer(*v, f.at("stride"), closed(1, 2));
        if (const Json* v = f.get("padding")) {
          if (!v->is_string() || (v->as_string() != "same" && v->as_string() != "valid"))
            throw Error(f.at("padding"), "must be \"same\" or \"valid\", got " + quote(*v));
          block.padding = v->as_string();
        }
        if (const Json* v = f.get("pool")) block.pool = check_integer(*v, f.at("pool"), closed(0, 7));
        if (const Json* v = f.get("poolKind")) {
          if (!v->is_string() || (v->as_string() != "max" && v->as_string() != "avg"))
            throw Error(f.at("poolKind"), "must be \"max\" or \"avg\", got " + quote(*v));
          block.poolKind = v->as_string();
        }
        f.finish();
      } else {
        throw Error(pb, std::string("must be a number of filters or an object {filters, kernel, stride, padding, pool}, got ") +
                            b.type_name() + " " + quote(b));
      }
      out.push_back(block);
    }
  }
  void shape(const char* key, std::vector<int>& v, size_t n, const Range& r, const Meta&) override {
    const Json* a = top().get(key);
    if (!a) return;
    std::string p = top().at(key);
    if (!a->is_array() || (a->size() != n && a->size() != 0))
      throw Error(p, "must be an array of " + std::to_string(n) + " integers [C, H, W], got " + quote(*a));
    v.clear();
    for (size_t i = 0; i < a->size(); ++i) v.push_back(check_integer((*a)[i], p + "[" + std::to_string(i) + "]", r));
  }

 private:
  ReadFrame& top() { return frames_.back(); }
  Json root_;
  std::vector<ReadFrame> frames_;
};

// The rules of model.kind "transformer" and "gru" (sequence models read token ids).
void check_sequence_model(const Spec& s) {
  const ModelSpec& m = s.model;
  const std::string kind = "model.kind \"" + m.kind + "\"";
  if (!is_sequence_model(m)) {
    if (is_sequence_task(s.data))
      throw Error("model.kind", "data.kind \"" + s.data.kind + "\" gives token sequences without features: use "
                                "model.kind \"transformer\" or \"gru\" (got \"" + m.kind + "\")");
    if (m.attentionDropout > 0)
      throw Error("model.attentionDropout", "attention dropout needs model.kind \"transformer\" (got \"" + m.kind + "\")");
    if (s.data.vocabulary > 0)
      throw Error("data.vocabulary", "token rows are read by a sequence model: use model.kind \"transformer\" or "
                                     "\"gru\" (got \"" + m.kind + "\")");
    return;
  }
  if (s.data.vocabulary > 0 && s.data.kind != "inline")
    throw Error("data.vocabulary", "declares inline rows of token ids; data.kind \"" + s.data.kind +
                                       "\" brings its own tokens (leave data.vocabulary at 0)");
  if (!has_tokens(s.data))
    throw Error("model.kind", "a sequence model (" + kind + ") reads token ids: data.kind \"sentiment\", "
                              "\"sentiment_corpus\", \"brackets\", \"majority\", or inline token rows with data.vocabulary (got \"" +
                                  s.data.kind + "\")");
  if (m.kind == "transformer") {
    if (m.embed % m.heads != 0)
      throw Error("model.heads", "must divide model.embed (" + std::to_string(m.embed) + ") so each head gets " +
                                     "embed/heads features, got " + std::to_string(m.heads));
    if (m.activation != "relu" && m.activation != "gelu")
      throw Error("model.activation", "a Transformer block's MLP uses \"relu\" or \"gelu\" (as PyTorch's "
                                      "TransformerEncoderLayer), got \"" + m.activation + "\"");
    for (double p : m.dropout)
      if (p != m.dropout.front())
        throw Error("model.dropout", "a Transformer takes one rate for its residual branches and MLP (a number), got "
                                     "different rates per entry");
  } else {
    if (m.hidden.empty())
      throw Error("model.hidden", "a GRU needs at least one layer: model.hidden gives the width of each, e.g. [32]");
    if (m.attentionDropout > 0)
      throw Error("model.attentionDropout", "attention dropout needs model.kind \"transformer\" (got \"gru\")");
  }
  if (s.data.kind == "inline" && s.data.vocabulary > 0) {
    // Inline token rows: model.maxLength whole ids below the vocabulary's size each.
    const auto check_rows = [&](const std::vector<std::vector<double>>& rows, const std::string& key) {
      for (size_t i = 0; i < rows.size(); ++i) {
        const std::string path = "data." + key + "[" + std::to_string(i) + "]";
        if (rows[i].size() != static_cast<size_t>(m.maxLength))
          throw Error(path, "has " + std::to_string(rows[i].size()) + " token ids, expected model.maxLength = " +
                                std::to_string(m.maxLength) + " (pad with 0)");
        for (double id : rows[i])
          if (!(id >= 0 && id < s.data.vocabulary && id == std::floor(id)))
            throw Error(path, "token id " + format_number(id) + " is not a whole number in [0, " +
                                  std::to_string(s.data.vocabulary) + ") (data.vocabulary)");
      }
    };
    check_rows(s.data.x, "x");
    check_rows(s.data.valX, "valX");
    check_rows(s.data.testX, "testX");
  }
  if (is_sequence_task(s.data) && s.data.maxLength > m.maxLength)
    throw Error("model.maxLength", "must be at least data.maxLength (" + std::to_string(s.data.maxLength) +
                                       ") so no generated sequence is cut (a cut changes its label), got " +
                                       std::to_string(m.maxLength));
  if (s.augment.noise > 0)
    throw Error("augment.noise", "Gaussian noise does not apply to token ids (" + kind + "); use text augmentation");
  if (s.augment.mixupAlpha > 0)
    throw Error("augment.mixup", "mixup mixes input vectors, not token ids (" + kind + ")");
}

// Rules on the whole spec, checked after every field was read.
void check_spec(const Spec& s) {
  const ModelSpec& m = s.model;
  const bool cnn = m.kind == "cnn";
  if (cnn && m.conv.empty())
    throw Error("model.conv", "a convolutional network needs at least one block, e.g. [16, 32]");
  if (!cnn && !m.conv.empty())
    throw Error("model.conv", "convolutional blocks need model.kind \"cnn\" (got \"" + m.kind + "\")");
  if (!cnn && m.convDropout > 0)
    throw Error("model.convDropout", "channel dropout is for convolutional blocks; it needs model.kind \"cnn\" (got \"" +
                                         m.kind + "\")");
  if (cnn && !has_images(s.data))
    throw Error("model.conv", "a convolutional network needs images: data.kind \"digits\" or \"fashion_mnist\", or "
                              "inline/CSV rows with data.imageShape [C, H, W] (got data.kind \"" + s.data.kind + "\")");
  check_sequence_model(s);
  // Penalty groups: one per conv block, then one per dense layer (regularization.layers[i]);
  // sequence models: one per embedding and projection matrix (train/sequence_model.h).
  const bool sequence = is_sequence_model(m);
  size_t weight_layers = m.kind == "transformer" ? 2 + 4 * static_cast<size_t>(m.blocks) + 1
                         : m.kind == "gru"       ? 1 + 2 * m.hidden.size() + 1
                                                 : (cnn ? m.conv.size() : 0) + m.hidden.size() + 1;
  if (s.regularization.layers.size() > weight_layers)
    throw Error("regularization.layers", "has " + std::to_string(s.regularization.layers.size()) +
                                             " entries, but the model has " + std::to_string(weight_layers) +
                                             (cnn        ? " weight layers (conv blocks, then dense layers)"
                                              : sequence ? " weight matrices (embeddings, projections, then the classifier)"
                                                         : " dense layers"));
  if (s.model.norm == "batch" && s.training.batchSize < 2)
    throw Error("training.batchSize", "batch normalization needs at least 2 samples per batch in training (got 1); "
                                      "use layer normalization for batch size 1");
  if (s.augment.cutmixAlpha > 0 && !has_images(s.data))
    throw Error("augment.cutmix", "CutMix needs image data (data.kind \"digits\" or \"fashion_mnist\", or data.imageShape), got \"" +
                                      s.data.kind + "\"");
  if (s.augment.image.enabled() && !has_images(s.data))
    throw Error("augment.image", "image augmentation needs image data (data.kind \"digits\" or \"fashion_mnist\", or "
                                 "data.imageShape), got \"" + s.data.kind + "\"");
  if (s.augment.text.enabled() && !has_texts(s.data))
    throw Error("augment.text", "text augmentation needs text data (data.kind \"sentiment\" or \"sentiment_corpus\"), got \"" +
                                    s.data.kind + "\"");
}

// ---- writing ----------------------------------------------------------------------------------

// Writes the canonical JSON: every field, defaults filled; optional blocks that are off as false.
// It only reads the visited Spec (spec_to_json passes a const one through visit_spec).
class SpecWriter final : public SpecVisitor {
 public:
  SpecWriter() { frames_.push_back({"", Json::object(), false}); }
  Json result() { return frames_.front().obj; }

  void number(const char* key, double& v, const Range&, const Meta&) override { put(key, Json(v)); }
  void integer(const char* key, int& v, const Range&, const Meta&) override { put(key, Json(v)); }
  void boolean(const char* key, bool& v, const Meta&) override { put(key, Json(v)); }
  void choice(const char* key, std::string& v, Choices, const Meta&) override { put(key, Json(v)); }
  void string(const char* key, std::string& v, size_t, const Meta&) override {
    if (!v.empty()) put(key, Json(v));
  }
  void toggle(const char* key, bool& on, const Meta&) override {
    off_ = on ? nullptr : key;
    if (!on) put(key, Json(false));
  }
  void enter(const char* key, const char*) override {
    bool muted = off_ && std::strcmp(off_, key) == 0;
    off_ = nullptr;
    frames_.push_back({key, Json::object(), muted});
  }
  void leave() override {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    if (!f.muted) put(f.key, f.obj);
  }
  void widths(const char* key, std::vector<int>& v, const Range&, const Meta&) override {
    Json a = Json::array();
    for (int w : v) a.push_back(w);
    put(key, a);
  }
  void rates(const char* key, std::vector<double>& v, size_t, const Range&, const Meta&) override { put(key, numbers(v)); }
  void rows(const char* key, std::vector<std::vector<double>>& v, size_t, const char*, const Meta&) override {
    if (v.empty()) return;
    Json a = Json::array();
    for (const auto& row : v) a.push_back(numbers(row));
    put(key, a);
  }
  void values(const char* key, std::vector<double>& v, const Meta&) override {
    if (!v.empty()) put(key, numbers(v));
  }
  void penalties(const char* key, std::vector<LayerPenalty>& v, const Meta&) override {
    if (v.empty()) return;
    Json a = Json::array();
    for (const auto& p : v) {
      Json o = Json::object();
      if (p.l1 >= 0) o.set("l1", p.l1);
      if (p.l2 >= 0) o.set("l2", p.l2);
      a.push_back(o);
    }
    put(key, a);
  }
  // Canonical form: every block as an object with all its fields.
  void blocks(const char* key, std::vector<ConvBlockSpec>& v, const Meta&) override {
    Json a = Json::array();
    for (const auto& b : v) {
      Json o = Json::object();
      o.set("filters", b.filters);
      o.set("kernel", b.kernel);
      o.set("stride", b.stride);
      o.set("padding", b.padding);
      o.set("pool", b.pool);
      o.set("poolKind", b.poolKind);
      a.push_back(o);
    }
    put(key, a);
  }
  void shape(const char* key, std::vector<int>& v, size_t, const Range&, const Meta&) override {
    if (v.empty()) return;
    Json a = Json::array();
    for (int x : v) a.push_back(x);
    put(key, a);
  }

 private:
  struct Frame {
    const char* key;
    Json obj;
    bool muted;  // the block of an optional field that is off (written as false)
  };
  void put(const char* key, const Json& v) { frames_.back().obj.set(key, v); }
  static Json numbers(const std::vector<double>& v) {
    Json a = Json::array();
    for (double x : v) a.push_back(x);
    return a;
  }
  std::vector<Frame> frames_;
  const char* off_ = nullptr;
};

// ---- describing -------------------------------------------------------------------------------

// Lists the fields a person sets, with the type, default (the value in a default Spec), range or
// choices, label, help and policy; and apart, the lists that hold data rather than settings
// (data.x/y, regularization.layers), which get no control.
class SpecDescriber final : public SpecVisitor {
 public:
  SpecDescriber() { frames_.push_back({"", "run"}); }
  Json fields = Json::array();
  Json lists = Json::array();

  void number(const char* key, double& v, const Range& r, const Meta& m) override { record(key, "number", Json(v), r, nullptr, m); }
  void integer(const char* key, int& v, const Range& r, const Meta& m) override { record(key, "integer", Json(v), r, nullptr, m); }
  void boolean(const char* key, bool& v, const Meta& m) override { record(key, "boolean", Json(v), Range{}, nullptr, m); }
  void choice(const char* key, std::string& v, Choices c, const Meta& m) override { record(key, "choice", Json(v), Range{}, &c, m); }
  void string(const char* key, std::string& v, size_t, const Meta& m) override { record(key, "string", Json(v), Range{}, nullptr, m); }
  void toggle(const char* key, bool&, const Meta& m) override { record(key, "toggle", Json(false), Range{}, nullptr, m); }
  void enter(const char* key, const char* group) override { frames_.push_back({join_path(frames_.back().path, key), group}); }
  void leave() override { frames_.pop_back(); }
  void widths(const char* key, std::vector<int>& v, const Range& r, const Meta& m) override {
    Json a = Json::array();
    for (int w : v) a.push_back(w);
    record(key, "layers", a, r, nullptr, m);
  }
  void rates(const char* key, std::vector<double>& v, size_t, const Range& r, const Meta& m) override {
    record(key, "dropout", Json(v.empty() ? 0.0 : v.front()), r, nullptr, m);
  }
  void rows(const char* key, std::vector<std::vector<double>>&, size_t, const char*, const Meta& m) override { list(key, "rows", m); }
  void values(const char* key, std::vector<double>&, const Meta& m) override { list(key, "numbers", m); }
  void penalties(const char* key, std::vector<LayerPenalty>&, const Meta& m) override { list(key, "penalties", m); }
  void blocks(const char* key, std::vector<ConvBlockSpec>&, const Meta& m) override { list(key, "conv_blocks", m); }
  void shape(const char* key, std::vector<int>&, size_t, const Range&, const Meta& m) override { list(key, "image_shape", m); }

 private:
  struct Frame {
    std::string path;
    const char* group;
  };
  void record(const char* key, const char* type, Json def, const Range& r, const Choices* choices, const Meta& m) {
    Json f = Json::object();
    f.set("path", join_path(frames_.back().path, key));
    f.set("group", frames_.back().group);
    f.set("type", type);
    f.set("default", std::move(def));
    if (std::isfinite(r.min)) f.set("min", r.min);
    if (std::isfinite(r.max)) f.set("max", r.max);
    if (r.min_open) f.set("minExclusive", true);
    if (r.max_open) f.set("maxExclusive", true);
    if (choices) {
      Json c = Json::array();
      for (const char* s : *choices) c.push_back(s);
      f.set("choices", c);
    }
    f.set("label", m.label);
    f.set("help", m.help);
    f.set("midRun", (m.flags & kMidRun) != 0);
    f.set("shared", (m.flags & kShared) != 0);
    if (std::isfinite(m.ui.min) || (m.flags & (kLogScale | kDataPanel))) {
      Json ui = Json::object();
      if (std::isfinite(m.ui.min)) {
        ui.set("min", m.ui.min);
        ui.set("max", m.ui.max);
      }
      if (m.flags & kLogScale) ui.set("log", true);
      if (m.flags & kDataPanel) ui.set("panel", "data");
      f.set("ui", ui);
    }
    fields.push_back(std::move(f));
  }
  void list(const char* key, const char* type, const Meta& m) {
    Json f = Json::object();
    f.set("path", join_path(frames_.back().path, key));
    f.set("group", frames_.back().group);
    f.set("type", type);
    f.set("label", m.label);
    f.set("help", m.help);
    f.set("midRun", (m.flags & kMidRun) != 0);
    f.set("shared", (m.flags & kShared) != 0);
    lists.push_back(std::move(f));
  }
  std::vector<Frame> frames_;
};

// ---- the mid-run rule -------------------------------------------------------------------------

// Every path with its policy (data.x/y and the per-layer penalties included).
class PolicyLister final : public SpecVisitor {
 public:
  struct Entry {
    std::string path;
    unsigned flags;
    bool toggle;
  };
  std::vector<Entry> entries;
  PolicyLister() { paths_.push_back(""); }

  void number(const char* key, double&, const Range&, const Meta& m) override { add(key, m); }
  void integer(const char* key, int&, const Range&, const Meta& m) override { add(key, m); }
  void boolean(const char* key, bool&, const Meta& m) override { add(key, m); }
  void choice(const char* key, std::string&, Choices, const Meta& m) override { add(key, m); }
  void string(const char* key, std::string&, size_t, const Meta& m) override { add(key, m); }
  void toggle(const char* key, bool&, const Meta& m) override { add(key, m, true); }
  void enter(const char* key, const char*) override { paths_.push_back(join_path(paths_.back(), key)); }
  void leave() override { paths_.pop_back(); }
  void widths(const char* key, std::vector<int>&, const Range&, const Meta& m) override { add(key, m); }
  void rates(const char* key, std::vector<double>&, size_t, const Range&, const Meta& m) override { add(key, m); }
  void rows(const char* key, std::vector<std::vector<double>>&, size_t, const char*, const Meta& m) override { add(key, m); }
  void values(const char* key, std::vector<double>&, const Meta& m) override { add(key, m); }
  void penalties(const char* key, std::vector<LayerPenalty>&, const Meta& m) override { add(key, m); }
  void blocks(const char* key, std::vector<ConvBlockSpec>&, const Meta& m) override { add(key, m); }
  void shape(const char* key, std::vector<int>&, size_t, const Range&, const Meta& m) override { add(key, m); }

 private:
  void add(const char* key, const Meta& m, bool toggle = false) { entries.push_back({join_path(paths_.back(), key), m.flags, toggle}); }
  std::vector<std::string> paths_;
};

const Json& at_path(const Json& j, const std::string& path) {
  static const Json null_json;
  const Json* v = &j;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    v = v->is_object() ? v->find(key) : nullptr;
    if (!v) return null_json;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return *v;
}

}  // namespace

namespace {

// An explicit validation or test set ("val" / "test"): rows and labels with inline data, CSV
// text with CSV data (its columns are checked against data.csv when the run is built), never with
// generated or shipped data; not empty; classes that training has.
void check_explicit_set(const DataSpec& d, const SpecVisitor& reader, const std::string& set, const char* what,
                        const std::vector<std::vector<double>>& x, const std::vector<double>& y, const std::string& csv) {
  const std::string xkey = set + "X", ykey = set + "Y", csvkey = set + "Csv";
  const bool x_given = reader.given("data." + xkey), y_given = reader.given("data." + ykey), csv_given = reader.given("data." + csvkey);
  if ((x_given || y_given) && d.kind != "inline")
    throw Error("data." + (x_given ? xkey : ykey), std::string("explicit ") + what + " rows go with data.kind \"inline\" (got \"" +
                                                     d.kind + "\")" + (d.kind == "csv" ? "; give CSV text in data." + csvkey : ""));
  if (csv_given && d.kind != "csv")
    throw Error("data." + csvkey, "data." + csvkey + " goes with data.kind \"csv\" (got \"" + d.kind + "\")" +
                                      (d.kind == "inline" ? "; give rows in data." + xkey : ""));
  if (csv_given && csv.empty())
    throw Error("data." + csvkey, std::string("the CSV text is empty: give the ") + what +
                                      " samples, or leave data." + csvkey + " out to split them off the training data");
  if (!x_given && !y_given) return;
  if (!x_given) throw Error("data." + xkey, "data." + ykey + " is given, but its rows in data." + xkey + " are missing");
  if (x.empty())
    throw Error("data." + xkey, std::string("is empty: give at least one ") + what + " row, or leave data." + xkey +
                                    " out to split the set off the training rows");
  if (y.size() != x.size())
    throw Error("data." + ykey, "has " + std::to_string(y.size()) + " values, expected one per row of data." + xkey + " (" +
                                    std::to_string(x.size()) + ")");
  if (!inline_is_classification(d)) return;
  const std::set<double> classes(d.y.begin(), d.y.end());
  for (size_t i = 0; i < y.size(); ++i)
    if (!classes.count(y[i])) {
      std::string seen;
      for (double c : classes) seen += (seen.empty() ? "" : ", ") + format_number(c);
      throw Error("data." + ykey + "[" + std::to_string(i) + "]",
                  "class " + format_number(y[i]) + " never appears in data.y (the training classes are " + seen + ")");
    }
}

}  // namespace

bool inline_is_classification(const DataSpec& d) {
  const bool integer_labels =
      std::all_of(d.y.begin(), d.y.end(), [](double v) { return v >= 0 && v == std::floor(v) && v < 1000; });
  return d.task == "classification" || (d.task == "auto" && integer_labels);
}

void check_version(int version) {
  if (version > kSpecVersion)
    throw Error("version", "spec version " + std::to_string(version) + " is newer than this engine supports (" +
                               std::to_string(kSpecVersion) + "); update RegLab");
}

void check_data(const DataSpec& d, const SpecVisitor& reader) {
  if (d.kind == "inline") {
    if (d.x.empty()) throw Error("data.x", "inline data needs rows of features in data.x");
    if (d.y.size() != d.x.size())
      throw Error("data.y", "has " + std::to_string(d.y.size()) + " values, expected one per row of data.x (" +
                                std::to_string(d.x.size()) + ")");
  } else if (!d.x.empty() || !d.y.empty()) {
    throw Error("data.x", "data.x and data.y are only used with data.kind \"inline\" (got \"" + d.kind + "\")");
  }
  if (d.kind == "csv" && d.csv.empty()) throw Error("data.csv", "data.kind \"csv\" needs the CSV text in data.csv");
  if (d.kind != "csv" && !d.csv.empty())
    throw Error("data.csv", "data.csv is only used with data.kind \"csv\" (got \"" + d.kind + "\")");
  if (!d.imageShape.empty()) {
    if (d.kind != "inline" && d.kind != "csv")
      throw Error("data.imageShape", "declares the image shape of inline or CSV rows; data.kind \"" + d.kind +
                                         "\" knows its own (" + (d.kind == "digits" || d.kind == "fashion_mnist" ? "images" : "not images") + ")");
    const double values = static_cast<double>(d.imageShape[0]) * d.imageShape[1] * d.imageShape[2];
    if (values > kMaxFeatures)
      throw Error("data.imageShape", "C·H·W = " + format_number(values) + " values per image, at most " +
                                         std::to_string(kMaxFeatures) + " allowed");
    if (d.kind == "inline" && !d.x.empty() && static_cast<double>(d.x[0].size()) != values)
      throw Error("data.x[0]", "has " + std::to_string(d.x[0].size()) + " values, but data.imageShape [" +
                                   std::to_string(d.imageShape[0]) + ", " + std::to_string(d.imageShape[1]) + ", " +
                                   std::to_string(d.imageShape[2]) + "] needs C·H·W = " + format_number(values));
  }
  check_explicit_set(d, reader, "val", "validation", d.valX, d.valY, d.valCsv);
  check_explicit_set(d, reader, "test", "test", d.testX, d.testY, d.testCsv);
  // The fractions split only what is not given explicitly.
  const double val_fraction = d.has_val() ? 0 : d.valFraction, test_fraction = d.has_test() ? 0 : d.testFraction;
  if (val_fraction + test_fraction >= 0.95)
    throw Error("data.testFraction", "valFraction + testFraction must leave at least 5 % for training, got " +
                                         format_number(val_fraction + test_fraction));
}

Spec parse_spec(const Json& j) {
  if (!j.is_object()) throw Error("", std::string("a spec must be a JSON object, got ") + j.type_name());
  SpecReader reader(j);
  Spec s;
  visit_spec(reader, s);
  reader.finish();
  check_spec(s);
  return s;
}

Spec parse_spec_text(const std::string& text) { return parse_spec(Json::parse(text)); }

Json spec_to_json(const Spec& s) {
  SpecWriter writer;
  visit_spec(writer, const_cast<Spec&>(s));  // the writer only reads
  return writer.result();
}

void check_mid_run_change(const Json& before, const Json& merged) {
  PolicyLister policy;
  Spec defaults;
  visit_spec(policy, defaults);
  for (const auto& f : policy.entries) {
    if (f.flags & kMidRun) continue;
    const Json& a = at_path(before, f.path);
    const Json& b = at_path(merged, f.path);
    bool changed = f.toggle ? (a.is_object() || (a.is_bool() && a.as_bool())) != (b.is_object() || (b.is_bool() && b.as_bool()))
                            : a.dump() != b.dump();
    if (changed)
      throw Error(f.path, (f.flags & kShared) ? "cannot change during a run (it changes the data); reset the run instead"
                                              : "cannot change during a run; reset the run instead");
  }
}

Json describe_spec() {
  SpecDescriber describer;
  Spec defaults;
  visit_spec(describer, defaults);
  Json out = Json::object();
  out.set("version", kSpecVersion);
  out.set("fields", describer.fields);
  out.set("lists", describer.lists);
  Json limits = Json::object();
  limits.set("maxSamples", kMaxSamples);
  limits.set("maxFeatures", kMaxFeatures);
  limits.set("maxLayerWidth", kMaxLayerWidth);
  limits.set("maxHiddenLayers", kMaxHiddenLayers);
  limits.set("maxEpochs", kMaxEpochs);
  limits.set("maxDataTimesModel", kMaxDataTimesModel);
  limits.set("minSamples", kMinSamples);
  limits.set("maxParameters", kMaxParameters);
  limits.set("maxDataValues", kMaxDataValues);
  out.set("limits", limits);
  out.set("techniques", describe_techniques());
  out.set("records", describe_records());
  return out;
}

}  // namespace reglab
