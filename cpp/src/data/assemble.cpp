// Data assembly: from a spec (and the host's dataset texts) to the train / validation / test splits
// the training loop reads. Inline rows, CSV text, the shipped real datasets or a generator give the
// training rows; label noise, the split, standardization and the text vocabulary follow, all
// deterministic from the data seed.
#include "reglab/assemble.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "data/csv.h"
#include "data/fashion_mnist.h"
#include "data/real_datasets.h"
#include "data/sequence_tasks.h"
#include "data/split.h"
#include "data/synthetic.h"
#include "data/text_vectorizer.h"
#include "data/tokenizer.h"
#include "reglab/error.h"

namespace reglab {

namespace {

// Inline rows and labels as a Dataset. `train` (for explicit validation and test rows) fixes the
// task and the classes; the spec reader has checked that their classes are the training's.
Dataset inline_dataset(const DataSpec& d, const std::vector<std::vector<double>>& x, const std::vector<double>& y,
                       const Dataset* train = nullptr) {
  Dataset ds;
  const int n = static_cast<int>(x.size()), f = static_cast<int>(x[0].size());
  ds.x.resize(n, f);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < f; ++j) ds.x(i, j) = static_cast<float>(x[i][j]);
  bool integer_labels = std::all_of(y.begin(), y.end(), [](double v) { return v >= 0 && v == std::floor(v) && v < 1000; });
  bool classify = train ? train->is_classification() : inline_is_classification(d);
  if (classify) {
    if (!integer_labels) throw Error("data.y", "classification labels must be whole numbers ≥ 0 (class indices)");
    int k = 0;
    for (double v : y) {
      ds.labels.push_back(static_cast<int32_t>(v));
      k = std::max(k, static_cast<int>(v) + 1);
    }
    // data.classes (default 2) lets inline labels leave out a class that the model still outputs.
    ds.num_classes = train ? train->num_classes : std::max(k, d.classes);
  } else {
    ds.y.resize(n, 1);
    for (int i = 0; i < n; ++i) ds.y(i, 0) = static_cast<float>(y[i]);
  }
  return ds;
}

// Parsing a shipped CSV costs ~100 ms in wasm (digits: 1,797 rows × 65 values) and lessons create
// runs on the same data again and again, so the parsed dataset is kept per kind, keyed by the
// exact text it was parsed from (a host that registers a new text gets it parsed again).
const Dataset& parsed_real_dataset(const std::string& kind, const std::string& text) {
  struct Entry {
    std::string text;
    Dataset data;
  };
  static std::map<std::string, Entry> cache;
  auto it = cache.find(kind);
  if (it == cache.end() || it->second.text != text)
    it = cache.insert_or_assign(kind, Entry{text, load_real_dataset(kind, text)}).first;
  return it->second.data;
}

// Inline or CSV rows declared as images (data.imageShape): the layers read the shape from the dataset.
void set_image_shape(Dataset& ds, const DataSpec& d, const char* path) {
  if (d.imageShape.empty() || ds.rows() == 0) return;
  const int c = d.imageShape[0], h = d.imageShape[1], w = d.imageShape[2];
  if (ds.features() != c * h * w)
    throw Error(path, "rows have " + std::to_string(ds.features()) + " values, but data.imageShape [" + std::to_string(c) +
                          ", " + std::to_string(h) + ", " + std::to_string(w) + "] needs C·H·W = " + std::to_string(c * h * w));
  ds.image_channels = c;
  ds.image_h = h;
  ds.image_w = w;
}

// The host's bytes of a shipped image file (binary, in DataTexts under its kind), parsed once per text.
const Dataset& parsed_image_file(const std::string& key, const DataTexts& texts, const char* file) {
  struct Entry {
    std::string text;
    Dataset data;
  };
  static std::map<std::string, Entry> cache;
  auto t = texts.find(key);
  if (t == texts.end())
    throw Error("data.kind", std::string("the \"fashion_mnist\" images are not loaded (the host must provide ") + file + ")");
  auto it = cache.find(key);
  if (it == cache.end() || it->second.text != t->second)
    it = cache.insert_or_assign(key, Entry{t->second, load_fashion_mnist(t->second, file)}).first;
  return it->second.data;
}

// The sentiment corpus with its fixed split (real_datasets.h), parsed once per text.
const Splits& parsed_sentiment_corpus(const DataTexts& texts) {
  struct Entry {
    std::string text;
    Splits splits;
  };
  static std::map<std::string, Entry> cache;
  auto t = texts.find("sentiment_corpus");
  if (t == texts.end())
    throw Error("data.kind", "the \"sentiment_corpus\" dataset is not loaded (the host must provide sentiment_corpus.csv)");
  auto it = cache.find("sentiment_corpus");
  if (it == cache.end() || it->second.text != t->second)
    it = cache.insert_or_assign("sentiment_corpus", Entry{t->second, load_sentiment_corpus(t->second)}).first;
  return it->second.splits;
}

// A generated sequence task (sequence_tasks.h) as token rows: x = ids padded to the model's
// maxLength (the spec reader checked data.maxLength ≤ model.maxLength), the symbols as vocabulary.
Dataset sequence_task_dataset(const Spec& spec, Rng& rng) {
  const DataSpec& d = spec.data;
  SequenceTask task = make_sequence_task(d.kind, d.n, d.minLength, d.maxLength, rng);
  const int T = spec.model.maxLength;
  const TokenBatch batch = pad_batch(task.sequences, T, true);
  Dataset ds;
  ds.x.resize(batch.batch, T);
  for (int i = 0; i < batch.batch; ++i)
    for (int t = 0; t < T; ++t) ds.x(i, t) = static_cast<float>(batch.ids[static_cast<size_t>(i) * T + t]);
  ds.labels = task.labels;
  ds.num_classes = 2;
  ds.class_names = task.class_names;
  ds.vocabulary = task.vocabulary;
  return ds;
}

}  // namespace

Splits build_splits(const Spec& spec, const DataTexts& texts) {
  const DataSpec& d = spec.data;
  uint32_t data_seed = d.seed >= 0 ? static_cast<uint32_t>(d.seed) : spec.seed;
  Rng rng(data_seed, 0x5eed);  // the data stream: independent of the training stream
  Dataset all, given_val, given_test;  // all: the training rows; given_*: explicit validation / test sets
  if (d.kind == "inline") {
    all = inline_dataset(d, d.x, d.y);
    if (!d.valX.empty()) given_val = inline_dataset(d, d.valX, d.valY, &all);
    if (!d.testX.empty()) given_test = inline_dataset(d, d.testX, d.testY, &all);
  } else if (d.kind == "fashion_mnist") {
    // The 4,500 training images are split like any dataset; the 2,000 shipped test images (from
    // the dataset's own test set) are the test split.
    if (d.testFraction > 0)
      throw Error("data.testFraction", "fashion_mnist has its own test set (2,000 images from the dataset's test "
                                       "set); leave testFraction at 0");
    all = parsed_image_file("fashion_mnist", texts, "fashion_mnist_train.bin");
    given_test = parsed_image_file("fashion_mnist_test", texts, "fashion_mnist_test.bin");
  } else if (d.kind == "sentiment_corpus") {
    // 1,000 / 300 / 300 sentences in a fixed split: the validation and test sentences use the
    // synonyms that training rarely sees (real_datasets.h); data.trainSize still thins training.
    if (d.testFraction > 0)
      throw Error("data.testFraction", "sentiment_corpus has its own test set (300 sentences); leave testFraction at 0");
    const Splits& corpus = parsed_sentiment_corpus(texts);
    all = corpus.train;
    given_val = corpus.val;
    given_test = corpus.test;
  } else if (is_sequence_task(d)) {
    all = sequence_task_dataset(spec, rng);
  } else if (d.kind == "csv") {
    std::vector<std::string> header;
    all = parse_csv(d.csv, d.labelColumn, d.task, "data.csv", &header);
    if (!d.valCsv.empty()) given_val = parse_csv_like(d.valCsv, d.labelColumn, all, header, "data.valCsv");
    if (!d.testCsv.empty()) given_test = parse_csv_like(d.testCsv, d.labelColumn, all, header, "data.testCsv");
  } else if (is_real_dataset(d.kind)) {
    auto it = texts.find(d.kind);
    if (it == texts.end())
      throw Error("data.kind", std::string("the \"") + d.kind + "\" dataset is not loaded (the host must provide " +
                                   real_dataset_file(d.kind) + ")");
    all = parsed_real_dataset(d.kind, it->second);
  } else {
    all = make_synthetic(d, rng);
  }
  if (d.kind == "inline" && d.vocabulary > 0) {
    // Inline token rows (the spec reader checked the ids): ids named by number past PAD and OOV.
    std::vector<std::string> names = {"<pad>", "<oov>"};
    for (int i = 2; i < d.vocabulary; ++i) names.push_back(std::to_string(i));
    names.resize(d.vocabulary);
    for (Dataset* ds : {&all, &given_val, &given_test}) ds->vocabulary = names;
  }
  set_image_shape(all, d, d.kind == "csv" ? "data.csv" : "data.x");
  set_image_shape(given_val, d, d.kind == "csv" ? "data.valCsv" : "data.valX");
  set_image_shape(given_test, d, d.kind == "csv" ? "data.testCsv" : "data.testX");
  // Named where the samples come from: data.n for the generators, the inline rows, the CSV text.
  const char* source = d.kind == "inline" ? "data.x" : d.kind == "csv" ? "data.csv" : is_real_dataset(d.kind) ? "data.kind" : "data.n";
  if (!d.has_val() && all.rows() < kMinSamples)
    throw Error(source, "needs at least " + std::to_string(kMinSamples) + " samples (some to train on, some to validate on), got " +
                            std::to_string(all.rows()));
  const int rows = all.rows() + given_val.rows() + given_test.rows();
  if (static_cast<double>(rows) * all.features() > kMaxDataValues)
    throw Error(source, "has " + std::to_string(rows) + " samples × " + std::to_string(all.features()) +
                            " features, more than the " + format_number(kMaxDataValues) + " values a browser tab can hold");
  Splits s = split_dataset(all, d.valFraction, d.testFraction, d.trainSize, d.standardize, rng, nullptr,
                           d.has_val() || given_val.rows() > 0 ? &given_val : nullptr,
                           d.has_test() || given_test.rows() > 0 ? &given_test : nullptr);
  // Label noise corrupts the training labels only, once: validation and test keep the true labels,
  // so the curves measure how well a model trained on noisy labels predicts the clean ones.
  if (s.train.is_classification() && d.labelFlip > 0) flip_labels(s.train, d.labelFlip, rng);
  // Vocabulary from the training texts only: token ids for a sequence model, a bag of words otherwise.
  if (!s.train.texts.empty()) {
    if (is_sequence_model(spec.model))
      tokenize_splits(s, spec.model.maxLength);
    else
      vectorize_splits(s);
  }
  return s;
}

}  // namespace reglab
