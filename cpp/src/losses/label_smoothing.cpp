#include "losses/label_smoothing.h"

#include <string>

#include "reglab/error.h"

namespace reglab {

void smoothed_targets(const Labels& labels, int num_classes, float epsilon, Matrix& targets) {
  targets.resize(static_cast<Eigen::Index>(labels.size()), num_classes);
  targets.setConstant(epsilon / static_cast<float>(num_classes));
  for (size_t i = 0; i < labels.size(); ++i) {
    const int label = labels[i];
    if (label < 0 || label >= num_classes)
      throw Error("data", "label " + std::to_string(label) + " of sample " + std::to_string(i) +
                              " is outside 0.." + std::to_string(num_classes - 1));
    targets(static_cast<Eigen::Index>(i), label) += 1.0f - epsilon;
  }
}

}  // namespace reglab
