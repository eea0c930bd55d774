// Parsing and validation of the experiment spec — the one place where a spec is checked.
//
// Each field is read once, through a FieldReader call that carries its default, range, label and
// help line. describe_spec() runs the same code on an empty spec with a recorder attached, so the
// table the UI builds its controls from cannot drift from what the parser accepts.
#include <algorithm>
#include <cmath>
#include <set>

#include "reglab/error.h"
#include "reglab/spec.h"

namespace reglab {

namespace {

struct Range {
  double min = -INFINITY, max = INFINITY;
  bool min_open = false, max_open = false;
  std::string describe() const {
    std::string s;
    if (std::isfinite(min) && std::isfinite(max))
      return std::string(min_open ? "in (" : "in [") + format_number(min) + ", " + format_number(max) + (max_open ? ")" : "]");
    if (std::isfinite(min)) return std::string(min_open ? "> " : ">= ") + format_number(min);
    if (std::isfinite(max)) return std::string(max_open ? "< " : "<= ") + format_number(max);
    return "a number";
  }
  // The bound a value breaks, e.g. "> 0" for lr = −1 even when lr also has an upper bound.
  std::string describe_violation(double v) const {
    if (std::isfinite(min) && std::isfinite(max) && (max - min) <= 10 && min >= 0) return describe();  // small ranges read best whole
    if (min_open ? !(v > min) : !(v >= min)) return std::string(min_open ? "> " : ">= ") + format_number(min);
    return std::string(max_open ? "< " : "<= ") + format_number(max);
  }
  bool contains(double v) const {
    if (min_open ? !(v > min) : !(v >= min)) return false;
    if (max_open ? !(v < max) : !(v <= max)) return false;
    return true;
  }
};

Range closed(double a, double b) { return {a, b, false, false}; }
Range half_open(double a, double b) { return {a, b, false, true}; }
Range positive(double b = INFINITY) { return {0, b, true, false}; }

// Where describe_spec() collects the fields.
struct Recorder {
  Json fields = Json::array();
};

std::string quote(const Json& v) {
  std::string s = v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

// The field readers take keys as const char*: the ~150 call sites then pass a pointer instead of
// each building (and, with exceptions, cleaning up) a std::string, which keeps the wasm small.
class FieldReader {
 public:
  FieldReader(const Json& j, std::string path, Recorder* rec, const std::string& group)
      : j_(j), path_(std::move(path)), rec_(rec), group_(group) {
    if (!j_.is_null() && !j_.is_object())
      throw Error(path_, std::string("must be an object, got ") + j_.type_name() + " " + quote(j_));
  }

  std::string path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  const Json* get(const std::string& key) {
    known_.insert(key);
    const Json* v = j_.find(key);
    return (v && !v->is_null()) ? v : nullptr;
  }

  double number(const char* key, double def, Range r, const char* label, const char* help) {
    record(key, "number", Json(def), r, {}, label, help);
    const Json* v = get(key);
    if (!v) return def;
    return check_number(*v, path(key), r);
  }

  static double check_number(const Json& v, const std::string& p, const Range& r) {
    if (!v.is_number()) throw Error(p, std::string("must be a number, got ") + v.type_name() + " " + quote(v));
    double x = v.as_number();
    if (!std::isfinite(x)) throw Error(p, "must be a finite number, got " + format_number(x));
    if (!r.contains(x)) throw Error(p, "must be " + r.describe_violation(x) + ", got " + format_number(x));
    return x;
  }

  int integer(const char* key, int def, Range r, const char* label, const char* help) {
    record(key, "integer", Json(def), r, {}, label, help);
    const Json* v = get(key);
    if (!v) return def;
    return check_integer(*v, path(key), r);
  }

  static int check_integer(const Json& v, const std::string& p, const Range& r) {
    double x = check_number(v, p, r);
    if (x != std::floor(x)) throw Error(p, "must be a whole number, got " + format_number(x));
    return static_cast<int>(x);
  }

  bool boolean(const char* key, bool def, const char* label, const char* help) {
    record(key, "boolean", Json(def), Range{}, {}, label, help);
    const Json* v = get(key);
    if (!v) return def;
    if (!v->is_bool()) throw Error(path(key), std::string("must be true or false, got ") + v->type_name() + " " + quote(*v));
    return v->as_bool();
  }

  std::string choice(const char* key, const std::string& def, const std::vector<std::string>& choices,
                     const char* label, const char* help) {
    record(key, "choice", Json(def), Range{}, choices, label, help);
    const Json* v = get(key);
    if (!v) return def;
    if (!v->is_string()) throw Error(path(key), std::string("must be a string, got ") + v->type_name() + " " + quote(*v));
    for (const auto& c : choices)
      if (c == v->as_string()) return c;
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
    throw Error(path(key), "must be one of " + list + ", got " + quote(*v));
  }

  std::string string(const char* key, const std::string& def, size_t max_len, const char* label, const char* help) {
    record(key, "string", Json(def), Range{}, {}, label, help);
    const Json* v = get(key);
    if (!v) return def;
    if (!v->is_string()) throw Error(path(key), std::string("must be a string, got ") + v->type_name() + " " + quote(*v));
    if (v->as_string().size() > max_len)
      throw Error(path(key), "is too long (" + std::to_string(v->as_string().size()) + " characters, at most " +
                                 std::to_string(max_len) + ")");
    return v->as_string();
  }

  // Inline data: an array of rows of numbers, each `width` wide (0 = as wide as row 0); `like`
  // names what sets the width in the message. Limits as for any dataset.
  std::vector<std::vector<double>> rows(const char* key, size_t width, const std::string& like, const char* label,
                                        const char* help) {
    record(key, "rows", Json::array(), Range{}, {}, label, help);
    std::vector<std::vector<double>> out;
    const Json* x = get(key);
    if (!x) return out;
    if (!x->is_array()) throw Error(path(key), std::string("must be an array of rows, got ") + x->type_name());
    if (x->size() > static_cast<size_t>(kMaxSamples))
      throw Error(path(key), "has " + std::to_string(x->size()) + " rows, at most " + std::to_string(kMaxSamples) + " allowed");
    for (size_t i = 0; i < x->size(); ++i) {
      const Json& row = (*x)[i];
      std::string p = path(key) + "[" + std::to_string(i) + "]";
      if (!row.is_array()) throw Error(p, std::string("must be an array of numbers, got ") + row.type_name());
      if (i == 0 && width == 0) width = row.size();
      if (row.size() != width || width == 0)
        throw Error(p, "has " + std::to_string(row.size()) + " values, expected " + std::to_string(width) + " like " + like);
      if (width > static_cast<size_t>(kMaxFeatures))
        throw Error(p, "has " + std::to_string(width) + " features, at most " + std::to_string(kMaxFeatures) + " allowed");
      if (static_cast<double>(x->size()) * width > kMaxDataValues)
        throw Error(path(key), "has " + std::to_string(x->size()) + " rows × " + std::to_string(width) +
                                   " features, more than the " + format_number(kMaxDataValues) + " values allowed");
      std::vector<double> vals;
      for (size_t c = 0; c < row.size(); ++c) vals.push_back(check_number(row[c], p + "[" + std::to_string(c) + "]", Range{}));
      out.push_back(std::move(vals));
    }
    return out;
  }

  // An array of finite numbers (inline labels or targets).
  std::vector<double> numbers(const char* key, const char* label, const char* help) {
    record(key, "numbers", Json::array(), Range{}, {}, label, help);
    std::vector<double> out;
    const Json* y = get(key);
    if (!y) return out;
    if (!y->is_array()) throw Error(path(key), std::string("must be an array of numbers, got ") + y->type_name());
    if (y->size() > static_cast<size_t>(kMaxSamples))
      throw Error(path(key), "has " + std::to_string(y->size()) + " values, at most " + std::to_string(kMaxSamples) + " allowed");
    for (size_t i = 0; i < y->size(); ++i) out.push_back(check_number((*y)[i], path(key) + "[" + std::to_string(i) + "]", Range{}));
    return out;
  }

  // An optional sub-object: absent, null or false = off; true = on with defaults; object = on.
  bool toggle(const char* key, const char* label, const char* help) {
    record(key, "toggle", Json(false), Range{}, {}, label, help);
    const Json* v = get(key);
    if (!v) return false;
    if (v->is_bool()) return v->as_bool();
    if (v->is_object()) return true;
    throw Error(path(key), std::string("must be an object, true/false or null, got ") + v->type_name() + " " + quote(*v));
  }

  FieldReader child(const char* key, const char* group) {
    known_.insert(key);
    const Json& v = j_[key];
    if (v.is_bool()) return FieldReader(Json(), path(key), rec_, group);
    return FieldReader(v, path(key), rec_, group);
  }

  Recorder* recorder() const { return rec_; }

  // Rejects fields the spec does not know (a typo must not be silently ignored).
  void finish() const {
    if (!j_.is_object()) return;
    for (const auto& kv : j_.as_object())
      if (!known_.count(kv.first)) {
        std::string known;
        for (const auto& k : known_) known += (known.empty() ? "" : ", ") + k;
        throw Error(path(kv.first), "unknown field (known fields here: " + known + ")");
      }
  }

  void record(const std::string& key, const char* type, Json def, const Range& r, const std::vector<std::string>& choices,
              const char* label, const char* help) {
    if (!rec_) return;
    Json f = Json::object();
    f.set("path", path(key));
    f.set("group", group_);
    f.set("type", type);
    f.set("default", std::move(def));
    if (std::isfinite(r.min)) f.set("min", r.min);
    if (std::isfinite(r.max)) f.set("max", r.max);
    if (r.min_open) f.set("minExclusive", true);
    if (r.max_open) f.set("maxExclusive", true);
    if (!choices.empty()) {
      Json c = Json::array();
      for (const auto& s : choices) c.push_back(s);
      f.set("choices", c);
    }
    f.set("label", label);
    f.set("help", help);
    rec_->fields.push_back(std::move(f));
  }

 private:
  Json j_;  // a cheap copy (shared storage): children may be built from temporaries
  std::string path_;
  Recorder* rec_;
  std::string group_;
  std::set<std::string> known_;
};

// ---- sections ---------------------------------------------------------------------------------

const std::vector<std::string> kDataKinds = {"moons", "circles", "spiral", "xor", "gaussians", "sine", "inline",
                                             "csv", "digits", "wine", "breast_cancer", "sentiment"};

// An explicit validation or test set ("val" / "test"): rows and labels with inline data, CSV
// text with CSV data (its columns are checked against data.csv when the run is built), never with
// generated or shipped data; not empty; classes that training has.
void check_explicit_set(FieldReader& r, const DataSpec& d, const std::string& set, const char* what,
                        const std::vector<std::vector<double>>& x, const std::vector<double>& y, const std::string& csv) {
  const std::string xkey = set + "X", ykey = set + "Y", csvkey = set + "Csv";
  const bool x_given = r.get(xkey) != nullptr, y_given = r.get(ykey) != nullptr, csv_given = r.get(csvkey) != nullptr;
  if ((x_given || y_given) && d.kind != "inline")
    throw Error(r.path(x_given ? xkey : ykey), std::string("explicit ") + what + " rows go with data.kind \"inline\" (got \"" +
                                                   d.kind + "\")" + (d.kind == "csv" ? "; give CSV text in data." + csvkey : ""));
  if (csv_given && d.kind != "csv")
    throw Error(r.path(csvkey), "data." + csvkey + " goes with data.kind \"csv\" (got \"" + d.kind + "\")" +
                                    (d.kind == "inline" ? "; give rows in data." + xkey : ""));
  if (csv_given && csv.empty())
    throw Error(r.path(csvkey), std::string("the CSV text is empty: give the ") + what +
                                    " samples, or leave data." + csvkey + " out to split them off the training data");
  if (!x_given && !y_given) return;
  if (!x_given) throw Error(r.path(xkey), "data." + ykey + " is given, but its rows in data." + xkey + " are missing");
  if (x.empty())
    throw Error(r.path(xkey), std::string("is empty: give at least one ") + what + " row, or leave data." + xkey +
                                  " out to split the set off the training rows");
  if (y.size() != x.size())
    throw Error(r.path(ykey), "has " + std::to_string(y.size()) + " values, expected one per row of data." + xkey + " (" +
                                  std::to_string(x.size()) + ")");
  if (!inline_is_classification(d)) return;
  const std::set<double> classes(d.y.begin(), d.y.end());
  for (size_t i = 0; i < y.size(); ++i)
    if (!classes.count(y[i])) {
      std::string seen;
      for (double c : classes) seen += (seen.empty() ? "" : ", ") + format_number(c);
      throw Error(r.path(ykey) + "[" + std::to_string(i) + "]",
                  "class " + format_number(y[i]) + " never appears in data.y (the training classes are " + seen + ")");
    }
}

DataSpec parse_data(FieldReader r) {
  DataSpec d;
  d.kind = r.choice("kind", d.kind, kDataKinds, "Dataset",
                    "Which data to learn: 2-D toy sets, 1-D sine regression, real tabular/image/text sets, or your own.");
  d.n = r.integer("n", d.n, closed(kMinSamples, kMaxSamples), "Samples",
                  "How many points the generator draws (before the train/validation split).");
  d.noise = r.number("noise", d.noise, closed(0, 5), "Noise",
                     "Standard deviation of the Gaussian jitter added by the generator: more noise, more to overfit.");
  d.labelFlip = r.number("labelFlip", d.labelFlip, half_open(0, 0.5), "Label noise",
                         "Fraction of training labels flipped at random.");
  d.classes = r.integer("classes", d.classes, closed(2, 10), "Classes",
                        "Number of classes (spiral, gaussians); with inline labels, the least number of classes (outputs), "
                        "for labels that leave out a class.");
  d.valFraction = r.number("valFraction", d.valFraction, half_open(0.05, 0.95), "Validation fraction",
                           "Share of the data held out to measure generalization (not used when data.valX or data.valCsv gives the validation set).");
  d.testFraction = r.number("testFraction", d.testFraction, half_open(0, 0.9), "Test fraction",
                            "Share of the data kept aside as a final test set (0 = none; not used when data.testX or data.testCsv gives it).");
  d.trainSize = r.integer("trainSize", d.trainSize, closed(0, kMaxSamples), "Training samples",
                          "Keep only this many training samples (0 = all), also of explicitly given training rows. Small training sets make overfitting visible.");
  d.seed = r.integer("seed", d.seed, closed(-1, 2147483647), "Data seed",
                     "Seed of the data draw and split (-1 = the run's seed); change it to redraw the sample.");
  d.standardize = r.boolean("standardize", d.standardize, "Standardize",
                            "Standardize tabular features with training-split mean and std.");
  d.task = r.choice("task", d.task, {"auto", "classification", "regression"}, "Task",
                    "For inline and CSV data: classification or regression (auto: integer labels = classes).");
  d.labelColumn = r.string("labelColumn", "", 200, "Label column", "CSV column holding the label (default: the last).");
  d.csv = r.string("csv", "", 64u << 20, "CSV text", "Your own data as CSV text: numeric feature columns and a label column.");
  d.x = r.rows("x", 0, "row 0", "Inline rows",
               "Your own training samples (data.kind \"inline\"): an array of rows of numbers, all of one width.");
  d.y = r.numbers("y", "Inline labels", "One label per row of data.x: a class index (0, 1, ...) or a regression target.");
  // Explicit validation and test data. The rule is stated once, here, for docs/spec.md.
  d.valX = r.rows("valX", d.x.empty() ? 0 : d.x[0].size(), "data.x", "Validation rows",
                  "Explicit validation samples, as wide as data.x. When a validation set is given (valX or valCsv), "
                  "valFraction is not used: every given training row trains (unless testFraction or trainSize, which "
                  "act only on the training rows, take some away), and valLoss/valAcc measure exactly these rows.");
  d.valY = r.numbers("valY", "Validation labels", "One label per row of data.valX; each class must appear in data.y.");
  d.testX = r.rows("testX", d.x.empty() ? 0 : d.x[0].size(), "data.x", "Test rows",
                   "Explicit test samples, as wide as data.x. When given (testX or testCsv), testFraction is not used; "
                   "without them testFraction still splits a test set off the training rows. A test set may be given "
                   "without a validation set: valFraction then splits the validation set off the training rows.");
  d.testY = r.numbers("testY", "Test labels", "One label per row of data.testX; each class must appear in data.y.");
  d.valCsv = r.string("valCsv", "", 64u << 20, "Validation CSV",
                      "Explicit validation samples as CSV text with the columns of data.csv (as many, the same names when "
                      "both files have a header, the label column by the same rule); replaces valFraction like data.valX.");
  d.testCsv = r.string("testCsv", "", 64u << 20, "Test CSV",
                       "Explicit test samples as CSV text with the columns of data.csv; replaces testFraction like data.testX.");
  r.finish();
  if (d.kind == "inline") {
    if (d.x.empty()) throw Error(r.path("x"), "inline data needs rows of features in data.x");
    if (d.y.size() != d.x.size())
      throw Error(r.path("y"), "has " + std::to_string(d.y.size()) + " values, expected one per row of data.x (" +
                                   std::to_string(d.x.size()) + ")");
  } else if (!d.x.empty() || !d.y.empty()) {
    throw Error(r.path("x"), "data.x and data.y are only used with data.kind \"inline\" (got \"" + d.kind + "\")");
  }
  if (d.kind == "csv" && d.csv.empty()) throw Error(r.path("csv"), "data.kind \"csv\" needs the CSV text in data.csv");
  if (d.kind != "csv" && !d.csv.empty())
    throw Error(r.path("csv"), "data.csv is only used with data.kind \"csv\" (got \"" + d.kind + "\")");
  check_explicit_set(r, d, "val", "validation", d.valX, d.valY, d.valCsv);
  check_explicit_set(r, d, "test", "test", d.testX, d.testY, d.testCsv);
  // The fractions split only what is not given explicitly.
  const double val_fraction = d.has_val() ? 0 : d.valFraction, test_fraction = d.has_test() ? 0 : d.testFraction;
  if (val_fraction + test_fraction >= 0.95)
    throw Error(r.path("testFraction"), "valFraction + testFraction must leave at least 5 % for training, got " +
                                            format_number(val_fraction + test_fraction));
  return d;
}

const std::vector<std::string> kActivations = {"relu", "leaky_relu", "tanh", "sigmoid", "gelu", "gelu_tanh", "identity"};

ModelSpec parse_model(FieldReader r) {
  ModelSpec m;
  r.record("hidden", "layers", Json(Json::Array{Json(64), Json(64)}), closed(1, kMaxLayerWidth), {}, "Hidden layers",
           "Width of each hidden layer; more and wider layers = more capacity to overfit.");
  if (const Json* h = r.get("hidden")) {
    if (!h->is_array()) throw Error(r.path("hidden"), std::string("must be an array of layer widths, got ") + h->type_name() + " " + quote(*h));
    if (h->size() > static_cast<size_t>(kMaxHiddenLayers))
      throw Error(r.path("hidden"), "has " + std::to_string(h->size()) + " layers, at most " + std::to_string(kMaxHiddenLayers) + " allowed");
    m.hidden.clear();
    for (size_t i = 0; i < h->size(); ++i)
      m.hidden.push_back(FieldReader::check_integer((*h)[i], r.path("hidden") + "[" + std::to_string(i) + "]", closed(1, kMaxLayerWidth)));
  }
  m.activation = r.choice("activation", m.activation, kActivations, "Activation", "Non-linearity after each hidden layer.");
  m.init = r.choice("init", m.init, {"auto", "he", "xavier"}, "Initialization",
                    "He (for ReLU-like) or Xavier/Glorot (for tanh/sigmoid) initial weights; auto picks by activation.");
  m.inputDropout = r.number("inputDropout", m.inputDropout, half_open(0, 1), "Input dropout",
                            "Probability of dropping each input feature in training (0.2 is typical for inputs).");
  r.record("dropout", "dropout", Json(0), half_open(0, 1), {}, "Dropout",
           "Probability p of dropping each hidden unit in training (inverted dropout: survivors × 1/(1−p)); one number or one per hidden layer.");
  if (const Json* d = r.get("dropout")) {
    if (d->is_number()) {
      double p = FieldReader::check_number(*d, r.path("dropout"), half_open(0, 1));
      m.dropout.assign(m.hidden.size(), p);
    } else if (d->is_array()) {
      if (d->size() != m.hidden.size())
        throw Error(r.path("dropout"), "has " + std::to_string(d->size()) + " rates, expected one per hidden layer (" +
                                           std::to_string(m.hidden.size()) + ")");
      for (size_t i = 0; i < d->size(); ++i)
        m.dropout.push_back(FieldReader::check_number((*d)[i], r.path("dropout") + "[" + std::to_string(i) + "]", half_open(0, 1)));
    } else {
      throw Error(r.path("dropout"), std::string("must be a number or an array of numbers, got ") + d->type_name() + " " + quote(*d));
    }
  } else {
    m.dropout.assign(m.hidden.size(), 0.0);
  }
  m.norm = r.choice("norm", m.norm, {"none", "batch", "layer"}, "Normalization",
                    "Batch norm (statistics over the batch) or layer norm (over each sample's features) in every hidden layer.");
  m.normPlacement = r.choice("normPlacement", m.normPlacement, {"pre", "post"}, "Norm placement",
                             "Normalize before the activation (pre, as in the original paper) or after it (post).");
  m.normMomentum = r.number("normMomentum", m.normMomentum, positive(1), "Norm momentum",
                            "Weight of the new batch in batch norm's running mean/variance (PyTorch convention, 0.1).");
  m.normEps = r.number("normEps", m.normEps, closed(1e-12, 1), "Norm ε", "Added to the variance before the square root.");
  r.finish();
  return m;
}

LossSpec parse_loss(FieldReader r) {
  LossSpec l;
  l.kind = r.choice("kind", l.kind, {"auto", "softmax_ce", "bce_logits", "mse"}, "Loss",
                    "auto: softmax cross-entropy for classes, MSE for regression; bce_logits for 2 classes with one output.");
  l.labelSmoothing = r.number("labelSmoothing", l.labelSmoothing, half_open(0, 1), "Label smoothing ε",
                              "Targets become (1−ε)·one-hot + ε/K: discourages over-confident predictions.");
  r.finish();
  return l;
}

RegularizationSpec parse_regularization(FieldReader r) {
  RegularizationSpec g;
  g.l1 = r.number("l1", g.l1, closed(0, 100), "L1 λ", "Adds λ·Σ|W| to the loss: pushes weights to exactly zero (sparsity).");
  g.l2 = r.number("l2", g.l2, closed(0, 100), "L2 λ", "Adds (λ/2)·Σ W² to the loss (gradient λW): shrinks all weights.");
  g.l1Mode = r.choice("l1Mode", g.l1Mode, {"subgradient", "proximal"}, "L1 update",
                      "subgradient: add λ·sign(W) to the gradient; proximal: soft-threshold after each step (exact zeros).");
  g.clipNorm = r.number("clipNorm", g.clipNorm, closed(0, 1e6), "Clip norm θ",
                        "Rescale the whole gradient to global L2 norm ≤ θ (0 = off).");
  g.clipValue = r.number("clipValue", g.clipValue, closed(0, 1e6), "Clip value",
                         "Clamp every gradient element to [−c, c] (0 = off).");
  bool sn = r.toggle("spectralNorm", "Spectral norm", "Divide each weight matrix by its largest singular value σ(W).");
  FieldReader s = r.child("spectralNorm", "regularization");
  g.spectralIterations = s.integer("iterations", 1, closed(1, 50), "Power iterations",
                                   "Power-iteration steps per training step to estimate σ(W).");
  s.finish();
  g.spectralNorm = sn;
  if (const Json* layers = r.get("layers")) {
    if (!layers->is_array()) throw Error(r.path("layers"), std::string("must be an array of {l1, l2} per layer, got ") + layers->type_name());
    for (size_t i = 0; i < layers->size(); ++i) {
      FieldReader lr((*layers)[i], r.path("layers") + "[" + std::to_string(i) + "]", nullptr, "");
      LayerPenalty p;
      if (lr.get("l1")) p.l1 = lr.number("l1", -1, closed(0, 100), "", "");
      if (lr.get("l2")) p.l2 = lr.number("l2", -1, closed(0, 100), "", "");
      lr.finish();
      g.layers.push_back(p);
    }
  }
  r.finish();
  return g;
}

OptimizerSpec parse_optimizer(FieldReader r) {
  OptimizerSpec o;
  o.kind = r.choice("kind", o.kind, {"sgd", "momentum", "nesterov", "adam", "adamw"}, "Optimizer",
                    "sgd, SGD with (Nesterov) momentum, Adam, or AdamW (Adam with decoupled weight decay).");
  o.lr = r.number("lr", o.lr, positive(100), "Learning rate", "Step size α of each update.");
  o.momentum = r.number("momentum", o.momentum, half_open(0, 1), "Momentum μ", "Momentum of SGD (momentum / nesterov).");
  o.beta1 = r.number("beta1", o.beta1, half_open(0, 1), "Adam β1", "Decay of Adam's first-moment average.");
  o.beta2 = r.number("beta2", o.beta2, half_open(0, 1), "Adam β2", "Decay of Adam's second-moment average.");
  o.eps = r.number("eps", o.eps, closed(1e-12, 1), "Adam ε", "Added to √v̂ in Adam's denominator.");
  o.weightDecay = r.number("weightDecay", o.weightDecay, closed(0, 10), "Weight decay λ",
                           "AdamW: decoupled W ← (1 − αλ)W before the step; others: λW added to the gradient (like L2) unless decoupled.");
  o.decoupled = r.boolean("decoupled", o.decoupled, "Decoupled decay",
                          "Apply weight decay as W ← (1 − αλ)W (SGDW) instead of through the gradient.");
  r.finish();
  return o;
}

AugmentSpec parse_augment(FieldReader r) {
  AugmentSpec a;
  a.noise = r.number("noise", a.noise, closed(0, 10), "Input noise σ", "Gaussian noise added to every training input, fresh each batch.");
  bool mix = r.toggle("mixup", "Mixup", "Train on convex mixes λx_i + (1−λ)x_j of pairs, with the same mix of labels.");
  FieldReader m = r.child("mixup", "augment");
  double mixup_alpha = m.number("alpha", 0.2, positive(100), "Mixup α", "λ ~ Beta(α, α); small α = mostly light mixes.");
  m.finish();
  a.mixupAlpha = mix ? mixup_alpha : 0;
  bool cut = r.toggle("cutmix", "CutMix", "Paste a random box from another image; labels mixed by the pasted area.");
  FieldReader c = r.child("cutmix", "augment");
  double cutmix_alpha = c.number("alpha", 1.0, positive(100), "CutMix α", "λ ~ Beta(α, α) sets the box area (1 − λ).");
  c.finish();
  a.cutmixAlpha = cut ? cutmix_alpha : 0;
  a.mixProbability = r.number("mixProbability", a.mixProbability, closed(0, 1), "Mix probability",
                              "Chance that a batch is mixed when mixup or CutMix is on.");
  FieldReader im = r.child("image", "augment");
  ImageAugSpec& i = a.image;
  i.shift = im.number("shift", i.shift, closed(0, 8), "Shift (px)", "Random translation up to this many pixels.");
  i.flip = im.boolean("flip", i.flip, "Horizontal flip", "Mirror images left–right half of the time (wrong for digits!).");
  i.rotate = im.number("rotate", i.rotate, closed(0, 180), "Rotation (°)", "Random rotation up to ± this many degrees.");
  i.scale = im.number("scale", i.scale, closed(0, 0.9), "Scale", "Random zoom by up to ± this fraction.");
  i.brightness = im.number("brightness", i.brightness, closed(0, 1), "Brightness", "Random additive brightness change.");
  i.contrast = im.number("contrast", i.contrast, closed(0, 1), "Contrast", "Random relative contrast change.");
  i.noise = im.number("noise", i.noise, closed(0, 1), "Pixel noise σ", "Gaussian noise on pixels.");
  i.blur = im.number("blur", i.blur, closed(0, 1), "Blur probability", "Chance of a 3×3 box blur.");
  i.cutout = im.integer("cutout", i.cutout, closed(0, 64), "Cutout (px)", "Erase a random square of this side (0 = off).");
  i.probability = im.number("probability", i.probability, closed(0, 1), "Augment probability", "Chance each image is augmented.");
  im.finish();
  FieldReader t = r.child("text", "augment");
  TextAugSpec& x = a.text;
  x.synonym = t.number("synonym", x.synonym, closed(0, 1), "Synonym replacement", "Chance each word is replaced by a synonym.");
  x.insert = t.number("insert", x.insert, closed(0, 1), "Random insertion", "Insert synonyms of random words (fraction of length).");
  x.swap = t.number("swap", x.swap, closed(0, 1), "Random swap", "Swap random word pairs (fraction of length).");
  x.deletion = t.number("delete", x.deletion, closed(0, 1), "Random deletion", "Chance each word is deleted.");
  x.backTranslate = t.number("backTranslate", x.backTranslate, closed(0, 1), "Back-translation",
                             "Chance a sentence goes English → French → English through word tables.");
  t.finish();
  r.finish();
  return a;
}

TrainingSpec parse_training(FieldReader r) {
  TrainingSpec t;
  t.epochs = r.integer("epochs", t.epochs, closed(1, kMaxEpochs), "Epochs", "Passes over the training set (the budget).");
  t.batchSize = r.integer("batchSize", t.batchSize, closed(1, 65536), "Batch size", "Samples per gradient step.");
  t.shuffle = r.boolean("shuffle", t.shuffle, "Shuffle", "Reshuffle the training set every epoch.");
  bool es = r.toggle("earlyStopping", "Early stopping", "Stop when the validation metric has not improved for `patience` epochs.");
  FieldReader e = r.child("earlyStopping", "training");
  t.earlyStopping.patience = e.integer("patience", 20, closed(1, kMaxEpochs), "Patience", "Epochs without improvement before stopping.");
  t.earlyStopping.minDelta = e.number("minDelta", 0, closed(0, 1e6), "Min Δ", "An improvement must beat the best by more than this.");
  t.earlyStopping.monitor = e.choice("monitor", "val_loss", {"val_loss", "val_acc"}, "Monitor", "Validation loss (min) or accuracy (max).");
  t.earlyStopping.restoreBest = e.boolean("restoreBest", true, "Restore best", "Return the weights of the best epoch.");
  e.finish();
  t.earlyStopping.enabled = es;
  FieldReader s = r.child("lrSchedule", "training");
  LrScheduleSpec& l = t.lrSchedule;
  l.kind = s.choice("kind", l.kind, {"constant", "step", "cosine"}, "LR schedule", "Constant, step decay, or cosine annealing.");
  l.stepSize = s.integer("stepSize", l.stepSize, closed(1, kMaxEpochs), "Step size", "Epochs between decays (step).");
  l.gamma = s.number("gamma", l.gamma, positive(1), "Decay factor", "Learning rate × γ at each step (step).");
  l.minLr = s.number("minLr", l.minLr, closed(0, 100), "Min LR", "Floor of the cosine schedule.");
  l.warmup = s.integer("warmup", l.warmup, closed(0, kMaxEpochs), "Warm-up", "Epochs of linear warm-up.");
  s.finish();
  r.finish();
  return t;
}

Spec parse_spec_impl(const Json& j, Recorder* rec) {
  FieldReader r(j, "", rec, "run");
  Spec s;
  s.version = r.integer("version", kSpecVersion, closed(1, 1000), "Spec version", "Format version of the spec.");
  if (s.version > kSpecVersion)
    throw Error("version", "spec version " + std::to_string(s.version) + " is newer than this engine supports (" +
                               std::to_string(kSpecVersion) + "); update RegLab");
  s.seed = static_cast<uint32_t>(r.integer("seed", 1, closed(0, 2147483647), "Seed",
                                           "Seeds weights, data, splits, shuffling, dropout and augmentation: same seed, same curves."));
  s.name = r.string("name", "", 200, "Name", "A label for this run.");
  s.data = parse_data(r.child("data", "data"));
  s.model = parse_model(r.child("model", "model"));
  s.loss = parse_loss(r.child("loss", "loss"));
  s.regularization = parse_regularization(r.child("regularization", "regularization"));
  s.optimizer = parse_optimizer(r.child("optimizer", "optimizer"));
  s.augment = parse_augment(r.child("augment", "augment"));
  s.training = parse_training(r.child("training", "training"));
  r.finish();

  // Cross-field rules.
  size_t dense_layers = s.model.hidden.size() + 1;
  if (s.regularization.layers.size() > dense_layers)
    throw Error("regularization.layers", "has " + std::to_string(s.regularization.layers.size()) +
                                             " entries, but the model has " + std::to_string(dense_layers) + " dense layers");
  if (s.model.norm == "batch" && s.training.batchSize < 2)
    throw Error("training.batchSize", "batch normalization needs at least 2 samples per batch in training (got 1); "
                                      "use layer normalization for batch size 1");
  if (s.augment.cutmixAlpha > 0 && s.data.kind != "digits")
    throw Error("augment.cutmix", "CutMix needs image data (data.kind \"digits\"), got \"" + s.data.kind + "\"");
  if (s.augment.image.enabled() && s.data.kind != "digits")
    throw Error("augment.image", "image augmentation needs image data (data.kind \"digits\"), got \"" + s.data.kind + "\"");
  if (s.augment.text.enabled() && s.data.kind != "sentiment")
    throw Error("augment.text", "text augmentation needs text data (data.kind \"sentiment\"), got \"" + s.data.kind + "\"");
  return s;
}

// The techniques of the course module and the spec fields that switch each on (for the UI and docs).
Json describe_techniques() {
  struct T {
    const char* id;
    const char* name;
    const char* lesson;
    std::vector<const char*> fields;
    const char* summary;
  };
  const std::vector<T> list = {
      {"l2", "L2 penalty", "6.2", {"regularization.l2", "regularization.layers"}, "(λ/2)·ΣW² added to the loss: all weights shrink."},
      {"l1", "L1 penalty", "6.2", {"regularization.l1", "regularization.l1Mode", "regularization.layers"}, "λ·Σ|W|: weights pushed to exactly zero."},
      {"elastic_net", "ElasticNet", "6.2", {"regularization.l1", "regularization.l2"}, "L1 and L2 together."},
      {"weight_decay", "Decoupled weight decay", "6.2", {"optimizer.kind", "optimizer.weightDecay", "optimizer.decoupled"}, "W ← (1 − αλ)W outside the gradient (AdamW, SGDW)."},
      {"dropout", "Dropout", "6.3", {"model.dropout", "model.inputDropout"}, "Drop units with probability p in training; survivors scaled by 1/(1−p)."},
      {"batch_norm", "Batch normalization", "6.4", {"model.norm", "model.normPlacement", "model.normMomentum"}, "Normalize each feature over the batch; running statistics at inference."},
      {"layer_norm", "Layer normalization", "6.5", {"model.norm", "model.normPlacement"}, "Normalize each sample over its features: independent of batch size."},
      {"early_stopping", "Early stopping", "6.6", {"training.earlyStopping"}, "Stop when validation stops improving; restore the best weights."},
      {"augmentation", "Data augmentation", "6.7", {"augment.noise", "augment.image", "augment.text"}, "Train on transformed copies of the data."},
      {"mixup", "Mixup", "6.7", {"augment.mixup"}, "Train on convex mixes of pairs and of their labels."},
      {"cutmix", "CutMix", "6.7", {"augment.cutmix"}, "Paste a box from another image; mix labels by area."},
      {"label_smoothing", "Label smoothing", "6.8", {"loss.labelSmoothing"}, "Soft targets (1−ε)·one-hot + ε/K against over-confidence."},
      {"gradient_clipping", "Gradient clipping", "6.8", {"regularization.clipNorm", "regularization.clipValue"}, "Bound the gradient's norm or values against explosions."},
      {"spectral_norm", "Spectral normalization", "6.8", {"regularization.spectralNorm"}, "Divide each weight by its largest singular value: Lipschitz ≤ 1."},
      {"lr_schedule", "Learning-rate schedule", "6.9", {"training.lrSchedule"}, "Constant, step or cosine learning rate."},
  };
  Json out = Json::array();
  for (const auto& t : list) {
    Json j = Json::object();
    j.set("id", t.id);
    j.set("name", t.name);
    j.set("lesson", t.lesson);
    Json f = Json::array();
    for (const char* p : t.fields) f.push_back(p);
    j.set("fields", f);
    j.set("summary", t.summary);
    out.push_back(j);
  }
  return out;
}

}  // namespace

bool inline_is_classification(const DataSpec& d) {
  const bool integer_labels =
      std::all_of(d.y.begin(), d.y.end(), [](double v) { return v >= 0 && v == std::floor(v) && v < 1000; });
  return d.task == "classification" || (d.task == "auto" && integer_labels);
}

Spec parse_spec(const Json& j) {
  if (!j.is_object()) throw Error("", std::string("a spec must be a JSON object, got ") + j.type_name());
  return parse_spec_impl(j, nullptr);
}

Spec parse_spec_text(const std::string& text) { return parse_spec(Json::parse(text)); }

Json describe_spec() {
  Recorder rec;
  parse_spec_impl(Json::object(), &rec);
  Json out = Json::object();
  out.set("version", kSpecVersion);
  out.set("fields", rec.fields);
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
  return out;
}

namespace {

// spec_to_json sets about 90 fields. Going through these out-of-line helpers keeps the key
// strings and Json temporaries out of that one big function: with Emscripten's exception
// handling every temporary there needs its own cleanup path, which was most of its code.
[[gnu::noinline]] void put(Json& o, const char* key, const Json& v) { o.set(key, v); }
[[gnu::noinline]] void put(Json& o, const char* key, double v) { o.set(key, Json(v)); }
[[gnu::noinline]] void put(Json& o, const char* key, int v) { o.set(key, Json(v)); }
[[gnu::noinline]] void put(Json& o, const char* key, bool v) { o.set(key, Json(v)); }
[[gnu::noinline]] void put(Json& o, const char* key, const std::string& v) { o.set(key, Json(v)); }

Json numbers_json(const std::vector<double>& values) {
  Json a = Json::array();
  for (double v : values) a.push_back(v);
  return a;
}

Json rows_json(const std::vector<std::vector<double>>& rows) {
  Json a = Json::array();
  for (const auto& row : rows) a.push_back(numbers_json(row));
  return a;
}

}  // namespace

Json spec_to_json(const Spec& s) {
  Json j = Json::object();
  put(j, "version", s.version);
  put(j, "seed", static_cast<double>(s.seed));
  if (!s.name.empty()) put(j, "name", s.name);
  Json d = Json::object();
  put(d, "kind", s.data.kind);
  put(d, "n", s.data.n);
  put(d, "noise", s.data.noise);
  put(d, "labelFlip", s.data.labelFlip);
  put(d, "classes", s.data.classes);
  put(d, "valFraction", s.data.valFraction);
  put(d, "testFraction", s.data.testFraction);
  put(d, "trainSize", s.data.trainSize);
  put(d, "seed", s.data.seed);
  put(d, "standardize", s.data.standardize);
  put(d, "task", s.data.task);
  if (!s.data.labelColumn.empty()) put(d, "labelColumn", s.data.labelColumn);
  if (!s.data.csv.empty()) put(d, "csv", s.data.csv);
  if (!s.data.valCsv.empty()) put(d, "valCsv", s.data.valCsv);
  if (!s.data.testCsv.empty()) put(d, "testCsv", s.data.testCsv);
  if (!s.data.x.empty()) {
    put(d, "x", rows_json(s.data.x));
    put(d, "y", numbers_json(s.data.y));
  }
  if (!s.data.valX.empty()) {
    put(d, "valX", rows_json(s.data.valX));
    put(d, "valY", numbers_json(s.data.valY));
  }
  if (!s.data.testX.empty()) {
    put(d, "testX", rows_json(s.data.testX));
    put(d, "testY", numbers_json(s.data.testY));
  }
  put(j, "data", d);
  Json m = Json::object();
  Json hidden = Json::array();
  for (int h : s.model.hidden) hidden.push_back(h);
  put(m, "hidden", hidden);
  put(m, "activation", s.model.activation);
  put(m, "init", s.model.init);
  put(m, "inputDropout", s.model.inputDropout);
  Json dropout = Json::array();
  for (double p : s.model.dropout) dropout.push_back(p);
  put(m, "dropout", dropout);
  put(m, "norm", s.model.norm);
  put(m, "normPlacement", s.model.normPlacement);
  put(m, "normMomentum", s.model.normMomentum);
  put(m, "normEps", s.model.normEps);
  put(j, "model", m);
  Json l = Json::object();
  put(l, "kind", s.loss.kind);
  put(l, "labelSmoothing", s.loss.labelSmoothing);
  put(j, "loss", l);
  Json g = Json::object();
  put(g, "l1", s.regularization.l1);
  put(g, "l2", s.regularization.l2);
  put(g, "l1Mode", s.regularization.l1Mode);
  put(g, "clipNorm", s.regularization.clipNorm);
  put(g, "clipValue", s.regularization.clipValue);
  if (s.regularization.spectralNorm) {
    Json sn = Json::object();
    put(sn, "iterations", s.regularization.spectralIterations);
    put(g, "spectralNorm", sn);
  } else {
    put(g, "spectralNorm", false);
  }
  if (!s.regularization.layers.empty()) {
    Json layers = Json::array();
    for (const auto& p : s.regularization.layers) {
      Json o = Json::object();
      if (p.l1 >= 0) put(o, "l1", p.l1);
      if (p.l2 >= 0) put(o, "l2", p.l2);
      layers.push_back(o);
    }
    put(g, "layers", layers);
  }
  put(j, "regularization", g);
  Json o = Json::object();
  put(o, "kind", s.optimizer.kind);
  put(o, "lr", s.optimizer.lr);
  put(o, "momentum", s.optimizer.momentum);
  put(o, "beta1", s.optimizer.beta1);
  put(o, "beta2", s.optimizer.beta2);
  put(o, "eps", s.optimizer.eps);
  put(o, "weightDecay", s.optimizer.weightDecay);
  put(o, "decoupled", s.optimizer.decoupled);
  put(j, "optimizer", o);
  Json a = Json::object();
  put(a, "noise", s.augment.noise);
  if (s.augment.mixupAlpha > 0) {
    Json mx = Json::object();
    put(mx, "alpha", s.augment.mixupAlpha);
    put(a, "mixup", mx);
  } else {
    put(a, "mixup", false);
  }
  if (s.augment.cutmixAlpha > 0) {
    Json cx = Json::object();
    put(cx, "alpha", s.augment.cutmixAlpha);
    put(a, "cutmix", cx);
  } else {
    put(a, "cutmix", false);
  }
  put(a, "mixProbability", s.augment.mixProbability);
  Json im = Json::object();
  put(im, "shift", s.augment.image.shift);
  put(im, "flip", s.augment.image.flip);
  put(im, "rotate", s.augment.image.rotate);
  put(im, "scale", s.augment.image.scale);
  put(im, "brightness", s.augment.image.brightness);
  put(im, "contrast", s.augment.image.contrast);
  put(im, "noise", s.augment.image.noise);
  put(im, "blur", s.augment.image.blur);
  put(im, "cutout", s.augment.image.cutout);
  put(im, "probability", s.augment.image.probability);
  put(a, "image", im);
  Json tx = Json::object();
  put(tx, "synonym", s.augment.text.synonym);
  put(tx, "insert", s.augment.text.insert);
  put(tx, "swap", s.augment.text.swap);
  put(tx, "delete", s.augment.text.deletion);
  put(tx, "backTranslate", s.augment.text.backTranslate);
  put(a, "text", tx);
  put(j, "augment", a);
  Json t = Json::object();
  put(t, "epochs", s.training.epochs);
  put(t, "batchSize", s.training.batchSize);
  put(t, "shuffle", s.training.shuffle);
  if (s.training.earlyStopping.enabled) {
    Json e = Json::object();
    put(e, "patience", s.training.earlyStopping.patience);
    put(e, "minDelta", s.training.earlyStopping.minDelta);
    put(e, "monitor", s.training.earlyStopping.monitor);
    put(e, "restoreBest", s.training.earlyStopping.restoreBest);
    put(t, "earlyStopping", e);
  } else {
    put(t, "earlyStopping", false);
  }
  Json ls = Json::object();
  put(ls, "kind", s.training.lrSchedule.kind);
  put(ls, "stepSize", s.training.lrSchedule.stepSize);
  put(ls, "gamma", s.training.lrSchedule.gamma);
  put(ls, "minLr", s.training.lrSchedule.minLr);
  put(ls, "warmup", s.training.lrSchedule.warmup);
  put(t, "lrSchedule", ls);
  put(j, "training", t);
  return j;
}

}  // namespace reglab
