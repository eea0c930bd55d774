#include "penalties/elastic_net.h"

namespace reglab {

// λ1·Σ|W| + λ2·Σ W²
double elastic_net_penalty(const Matrix& W, double lambda1, double lambda2) {
  const auto Wd = W.cast<double>();
  return lambda1 * Wd.cwiseAbs().sum() + lambda2 * Wd.squaredNorm();
}

// dW += λ1·sign(W) + 2λ2·W
void elastic_net_penalty_backward(const Matrix& W, float lambda1, float lambda2, Matrix& dW) {
  dW.array() += lambda1 * W.array().sign() + (2.0f * lambda2) * W.array();
}

}  // namespace reglab
