// Gaussian input noise: x̃ = x + σ·ε, ε ~ N(0, 1) per element, drawn fresh for every minibatch
// (training only). For small σ this acts like an L2 penalty on the input–output gradient
// (Bishop 1995, "Training with noise is equivalent to Tikhonov regularization").
#pragma once
#include "reglab/rng.h"
#include "reglab/tensor.h"

namespace reglab {

// In place; the noise is drawn row by row, left to right. σ ≤ 0 leaves x unchanged.
void add_input_noise(Matrix& x, float sigma, Rng& rng);

}  // namespace reglab
