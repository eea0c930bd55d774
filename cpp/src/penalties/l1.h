// L1 weight penalty ("lasso"), applied to one weight matrix, in two forms:
// the subgradient added to the loss gradient, and the proximal (soft-threshold) step that gives
// exact zeros. The trainer applies them to role Weight only: biases and norm γ/β are never penalized.
#pragma once
#include "reglab/tensor.h"

namespace reglab {

// Ω(W) = λ·Σ|W|   (accumulated in double)
double l1_penalty(const Matrix& W, double lambda);
// dW += λ·sign(W), with sign(0) = 0 (the subgradient torch's abs() backward uses).
// A subgradient step makes weights oscillate around 0 rather than land on it.
void l1_penalty_backward(const Matrix& W, float lambda, Matrix& dW);

// Proximal step (ISTA), applied AFTER the optimizer's step on the data-loss gradient alone:
// W ← sign(W)·max(|W| − threshold, 0), with threshold = lr·λ.
// Every |W| ≤ threshold becomes exactly 0: this is how L1 gives sparse weights.
void l1_proximal_step(Matrix& W, float threshold);

}  // namespace reglab
