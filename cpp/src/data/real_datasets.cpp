#include "data/real_datasets.h"

#include "data/csv.h"
#include "data/text_vectorizer.h"
#include "reglab/error.h"

namespace reglab {

bool is_real_dataset(const std::string& kind) { return real_dataset_file(kind) != nullptr; }

const char* real_dataset_file(const std::string& kind) {
  if (kind == "digits") return "digits.csv";
  if (kind == "wine") return "wine.csv";
  if (kind == "breast_cancer") return "breast_cancer.csv";
  if (kind == "sentiment") return "sentiment.csv";
  if (kind == "sentiment_corpus") return "sentiment_corpus.csv";
  return nullptr;
}

std::vector<std::pair<std::string, std::string>> data_files(const std::string& kind) {
  if (kind == "fashion_mnist")
    return {{"fashion_mnist", "fashion_mnist_train.bin"}, {"fashion_mnist_test", "fashion_mnist_test.bin"}};
  if (const char* file = real_dataset_file(kind)) return {{kind, file}};
  return {};
}

namespace {

void expect_shape(const Dataset& data, const std::string& file, int features, int classes) {
  if (data.features() != features || data.num_classes != classes)
    throw Error(file, "expected " + std::to_string(features) + " features and " + std::to_string(classes) +
                          " classes, found " + std::to_string(data.features()) + " and " +
                          std::to_string(data.num_classes));
}

// text,label rows: the sentences are kept, x is their bag of words over the whole set.
Dataset load_sentiment(const std::string& text, const std::string& file) {
  CsvReader reader(text, file);
  std::vector<std::string> fields;
  if (!reader.next(fields) || fields.size() != 2 || fields[0] != "text" || fields[1] != "label")
    throw Error(file, "line 1 must be the header 'text,label'");
  Dataset data;
  while (reader.next(fields)) {
    const std::string where = "line " + std::to_string(reader.line());
    if (fields.size() != 2)
      throw Error(file, where + " has " + std::to_string(fields.size()) + " fields, expected 2");
    if (fields[1] != "0" && fields[1] != "1")
      throw Error(file, where + ", column 2 (label): '" + fields[1] + "' is not 0 or 1");
    data.texts.push_back(fields[0]);
    data.labels.push_back(fields[1] == "1" ? 1 : 0);
  }
  if (data.texts.empty()) throw Error(file, "the file has a header line but no data rows");
  data.num_classes = 2;
  data.class_names = {"negative", "positive"};
  BagOfWords bow;
  bow.fit(data.texts);
  bow.transform(data.texts, data.x);
  data.feature_names = bow.vocabulary();
  return data;
}

}  // namespace

Splits load_sentiment_corpus(const std::string& csv_text, const std::string& file) {
  CsvReader reader(csv_text, file);
  std::vector<std::string> fields;
  if (!reader.next(fields) || fields != std::vector<std::string>{"text", "label", "split"})
    throw Error(file, "line 1 must be the header 'text,label,split'");
  Splits splits;
  while (reader.next(fields)) {
    const std::string where = "line " + std::to_string(reader.line());
    if (fields.size() != 3)
      throw Error(file, where + " has " + std::to_string(fields.size()) + " fields, expected 3");
    if (fields[1] != "0" && fields[1] != "1")
      throw Error(file, where + ", column 2 (label): '" + fields[1] + "' is not 0 or 1");
    Dataset* part = fields[2] == "train" ? &splits.train : fields[2] == "val" ? &splits.val
                  : fields[2] == "test"  ? &splits.test  : nullptr;
    if (part == nullptr)
      throw Error(file, where + ", column 3 (split): '" + fields[2] + "' is not train, val or test");
    part->texts.push_back(fields[0]);
    part->labels.push_back(fields[1] == "1" ? 1 : 0);
  }
  const std::pair<Dataset*, const char*> parts[] = {{&splits.train, "train"}, {&splits.val, "val"}, {&splits.test, "test"}};
  for (const auto& [part, name] : parts) {
    if (part->texts.empty()) throw Error(file, std::string("has no '") + name + "' rows");
    part->num_classes = 2;
    part->class_names = {"negative", "positive"};
  }
  vectorize_splits(splits);
  return splits;
}

Dataset load_real_dataset(const std::string& kind, const std::string& csv_text) {
  const char* file = real_dataset_file(kind);
  if (file == nullptr)
    throw Error("data.kind", "'" + kind + "' is not a real dataset (digits, wine, breast_cancer, sentiment)");
  if (kind == "sentiment") return load_sentiment(csv_text, file);
  if (kind == "sentiment_corpus")
    throw Error("data.kind", "sentiment_corpus has its own split: it is read by load_sentiment_corpus, not as one dataset");

  Dataset data = parse_csv(csv_text, "label", "classification", file);
  if (kind == "digits") {
    expect_shape(data, file, 64, 10);
    data.x /= 16.0f;  // pixel counts 0..16 → [0, 1]
    data.image_channels = 1;
    data.image_h = data.image_w = 8;
  } else if (kind == "wine") {
    expect_shape(data, file, 13, 3);
    data.class_names = {"class_0", "class_1", "class_2"};
  } else {
    expect_shape(data, file, 30, 2);
    data.class_names = {"malignant", "benign"};
  }
  return data;
}

}  // namespace reglab
