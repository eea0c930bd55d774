#include "penalties/l1.h"

namespace reglab {

// λ·Σ|W|
double l1_penalty(const Matrix& W, double lambda) { return lambda * W.cast<double>().cwiseAbs().sum(); }

// dW += λ·sign(W), sign(0) = 0
void l1_penalty_backward(const Matrix& W, float lambda, Matrix& dW) {
  dW.array() += lambda * W.array().sign();
}

// W ← sign(W)·max(|W| − τ, 0)
void l1_proximal_step(Matrix& W, float threshold) {
  W.array() = W.array().sign() * (W.array().abs() - threshold).max(0.0f);
}

}  // namespace reglab
