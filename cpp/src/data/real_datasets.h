// The real datasets that ship with RegLab (data/*.csv; see data/PROVENANCE.md). The host reads
// the file named by real_dataset_file() and passes its text; the engine does no file I/O.
//   digits         1797 8×8 handwritten digits, pixels 0..16 scaled to [0, 1] (image_h = image_w = 8),
//                  10 classes. Not standardized by split_dataset (images).
//   wine           178 × 13 chemical measurements, 3 cultivars (class_0..class_2).
//   breast_cancer  569 × 30 nucleus measurements, 0 = malignant, 1 = benign.
//   sentiment      324 short reviews (text,label; 0 = negative, 1 = positive), texts kept and
//                  x = bag of words fitted on all texts (vectorize_splits refits on train only).
#pragma once
#include <string>

#include "reglab/dataset.h"

namespace reglab {

bool is_real_dataset(const std::string& kind);
// "digits.csv", "wine.csv", "breast_cancer.csv", "sentiment.csv"; nullptr for other kinds.
const char* real_dataset_file(const std::string& kind);
// Throws Error("data.kind") for an unknown kind and Error("<file>", ...) for a malformed file.
Dataset load_real_dataset(const std::string& kind, const std::string& csv_text);

}  // namespace reglab
