#include "layers/spectral_norm.h"

#include <algorithm>

namespace reglab {

float spectral_norm_power_iteration(const Matrix& W, Matrix& u, Matrix& v, int iterations, float eps) {
  v.resize(1, W.cols());
  for (int it = 0; it < iterations; ++it) {
    v.noalias() = u * W;                    // (Wᵀu)ᵀ, 1 × in
    v /= std::max(v.norm(), eps);
    u.noalias() = v * W.transpose();        // (W v)ᵀ, 1 × out
    u /= std::max(u.norm(), eps);
  }
  // σ = Σ_i u_i (W v)_i, row by row so that no temporary is allocated.
  float sigma = 0.0f;
  for (Eigen::Index i = 0; i < W.rows(); ++i) sigma += u(0, i) * W.row(i).dot(v.row(0));
  return sigma;
}

void spectral_norm_backward(const Matrix& dW_sn, const Matrix& W, const Matrix& u, const Matrix& v, float sigma,
                            Matrix& dW) {
  const float g_dot_w = dW_sn.cwiseProduct(W).sum();
  dW.noalias() += dW_sn / sigma;
  dW.noalias() -= (g_dot_w / (sigma * sigma)) * (u.transpose() * v);
}

}  // namespace reglab
