// The real datasets that ship with RegLab (data/*.csv; see data/PROVENANCE.md). The host reads
// the file named by real_dataset_file() and passes its text; the engine does no file I/O.
//   digits         1797 8×8 handwritten digits, pixels 0..16 scaled to [0, 1], images 1×8×8
//                  (image_channels = 1, image_h = image_w = 8), 10 classes. Not standardized by
//                  split_dataset (images).
//   wine           178 × 13 chemical measurements, 3 cultivars (class_0..class_2).
//   breast_cancer  569 × 30 nucleus measurements, 0 = malignant, 1 = benign.
//   sentiment      324 short reviews (text,label; 0 = negative, 1 = positive), texts kept and
//                  x = bag of words fitted on all texts (vectorize_splits refits on train only).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "reglab/dataset.h"

namespace reglab {

bool is_real_dataset(const std::string& kind);
// "digits.csv", "wine.csv", "breast_cancer.csv", "sentiment.csv", "sentiment_corpus.csv"; nullptr for
// other kinds. (The host provides each file's text under its kind; sentiment_corpus is read by
// load_sentiment_corpus below, with its split, not by load_real_dataset.)
const char* real_dataset_file(const std::string& kind);
// Every file a data.kind needs, as (the key the host registers it under in DataTexts, the file
// name in data/): one CSV for the kinds above; fashion_mnist needs its two image files
// ("fashion_mnist" → fashion_mnist_train.bin, "fashion_mnist_test" → fashion_mnist_test.bin,
// binary: read them as bytes). Empty for generated and inline kinds.
std::vector<std::pair<std::string, std::string>> data_files(const std::string& kind);
// Throws Error("data.kind") for an unknown kind and Error("<file>", ...) for a malformed file.
Dataset load_real_dataset(const std::string& kind, const std::string& csv_text);

// sentiment_corpus.csv (tools/data/make_sentiment_corpus.py): 1,600 generated reviews with a
// fixed split column (text,label,split; split = train | val | test, 1,000/300/300). Validation and
// test use the synonyms of the sentiment words far more often than training (see PROVENANCE.md),
// so the split is part of the data, not drawn by split_dataset. Each split keeps its texts in file
// order; x is their bag of words over the training vocabulary (vectorize_splits).
// Throws Error(file, "line L ...") for a malformed row and Error(file, ...) for an empty split.
Splits load_sentiment_corpus(const std::string& csv_text, const std::string& file = "sentiment_corpus.csv");

}  // namespace reglab
