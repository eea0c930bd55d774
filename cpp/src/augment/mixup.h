// Mixup (Zhang et al. 2018): train on convex combinations of pairs of examples and of their
// targets. With a permutation π of the batch and λ ~ Beta(α, α):
//   x̃_i = λ·x_i + (1 − λ)·x_π(i),   ỹ_i = λ·y_i + (1 − λ)·y_π(i)
// where y_i are soft targets (one-hot rows for classification). Cross-entropy against ỹ equals
// λ·CE(y) + (1 − λ)·CE(y_π), so the loss takes the mixed targets directly.
#pragma once
#include <vector>

#include "reglab/rng.h"
#include "reglab/tensor.h"

namespace reglab {

// x_out and targets_out are resized to the shapes of x and targets (no allocation when they
// already have them); they must not alias x or targets. perm[i] is the partner of sample i.
void mixup(const Matrix& x, const Matrix& targets, float lam, const std::vector<int>& perm, Matrix& x_out,
           Matrix& targets_out);

// λ ~ Beta(α, α) (Rng::beta); α ≤ 0 means no mixing and returns 1.
// Mean 1/2, variance 1/(4(2α + 1)): small α gives λ near 0 or 1 (mild mixing), α = 1 is uniform.
float sample_mix_lambda(double alpha, Rng& rng);

}  // namespace reglab
