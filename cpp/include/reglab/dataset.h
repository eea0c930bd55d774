// A dataset as the trainer sees it: features x (n × d) and either class labels (classification,
// num_classes > 0) or real targets y (regression, num_classes == 0). Image datasets record their
// channels, height and width (a row of x is one image, C·H·W values, channel-major then row-major:
// PyTorch's flatten of NCHW); text datasets keep the sentences so that text augmentation can
// rewrite them and re-vectorize per minibatch.
#pragma once
#include <string>
#include <vector>

#include "reglab/tensor.h"

namespace reglab {

struct Dataset {
  Matrix x;                               // n × d features
  Labels labels;                          // n class indices (classification)
  Matrix y;                               // n × outputs targets (regression); empty for classification
  int num_classes = 0;                    // 0 for regression
  int image_channels = 0;                 // > 0 for image data (d == channels·h·w)
  int image_h = 0, image_w = 0;           // > 0 for image data
  std::vector<std::string> texts;         // sentences (text data; x holds their bag-of-words or token ids)
  // Token data for the sequence models: x holds token ids (as floats, n × maxLength, 0 = padding)
  // and this is id → token ("<pad>", "<oov>", then the words or symbols); empty otherwise.
  std::vector<std::string> vocabulary;
  std::vector<std::string> feature_names; // optional, d entries
  std::vector<std::string> class_names;   // optional, num_classes entries

  int rows() const { return static_cast<int>(x.rows()); }
  int features() const { return static_cast<int>(x.cols()); }
  bool is_classification() const { return num_classes > 0; }
};

// The splits of one experiment. Tabular features are standardized with training statistics only.
struct Splits {
  Dataset train, val, test;
};

}  // namespace reglab
