#include "penalties/l2.h"

namespace reglab {

// (λ/2)·Σ W²
double l2_penalty(const Matrix& W, double lambda) {
  return 0.5 * lambda * W.cast<double>().squaredNorm();
}

// dW += λ·W
void l2_penalty_backward(const Matrix& W, float lambda, Matrix& dW) { dW.array() += lambda * W.array(); }

}  // namespace reglab
