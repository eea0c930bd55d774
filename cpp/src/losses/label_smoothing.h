// Label smoothing (Szegedy et al. 2016) as torch's F.cross_entropy(label_smoothing = ε) does it.
#pragma once
#include "reglab/tensor.h"

namespace reglab {

// t = (1 − ε)·onehot(label) + ε/K: every class, the true one included, receives ε/K, so the true
// class gets 1 − ε + ε/K (not ε/(K−1) to the others). ε = 0 gives the one-hot targets.
// targets is resized to B × K. Throws reglab::Error("data", ...) for a label outside [0, K).
void smoothed_targets(const Labels& labels, int num_classes, float epsilon, Matrix& targets);

}  // namespace reglab
