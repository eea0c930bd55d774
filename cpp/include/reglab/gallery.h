// A gallery of augmented training images: what the augmentation of a spec does to real samples
// (the 6.7 lesson shows it, redrawn each epoch with a new seed).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "reglab/experiment.h"
#include "reglab/spec.h"

namespace reglab {

struct Gallery {
  int count = 0, h = 0, w = 0, num_classes = 0;
  std::vector<std::string> class_names;  // the dataset's, when it has them (Fashion-MNIST)
  std::vector<float> originals;  // count × h·w
  std::vector<float> images;     // the same images after augmentation (and mixup/cutmix if on)
  std::vector<float> targets;    // count × num_classes soft labels after mixing
  std::vector<int32_t> labels;   // the original labels
};

Gallery augmented_gallery(const Spec& spec, const DataTexts& texts, int count, uint32_t seed);

}  // namespace reglab
