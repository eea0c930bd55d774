#include "layers/spectral_norm.h"

#include <algorithm>
#include <cmath>

#include "reglab/rng.h"

namespace reglab {

namespace {

// One power-iteration step, v ← normalize(Wᵀu), u ← normalize(W v); returns ‖W v‖ (= uᵀ W v once u
// is normalized). Plain loops over the row-major W (the matrices are small, where Eigen's
// matrix-vector kernels spend most of their time dispatching): Wᵀu as a sweep adding u_i·W_i row
// by row, W v as one dot product per row. v must be 1 × in.
float power_step(const Matrix& W, Matrix& u, Matrix& v, float eps) {
  const Eigen::Index out = W.rows(), in = W.cols();
  float* __restrict vv = v.data();
  float* __restrict uu = u.data();
  v.setZero();
  for (Eigen::Index i = 0; i < out; ++i) {
    const float ui = uu[i];
    const float* __restrict w = W.data() + i * in;
    for (Eigen::Index j = 0; j < in; ++j) vv[j] += ui * w[j];
  }
  v /= std::max(v.norm(), eps);
  for (Eigen::Index i = 0; i < out; ++i) uu[i] = W.row(i).dot(v.row(0));
  const float norm = u.norm();
  u /= std::max(norm, eps);
  return norm;
}

}  // namespace

float spectral_norm_power_iteration(const Matrix& W, Matrix& u, Matrix& v, int iterations, float eps) {
  v.resize(1, W.cols());
  for (int it = 0; it < iterations; ++it) power_step(W, u, v, eps);
  // σ = Σ_i u_i (W v)_i
  float sigma = 0.0f;
  for (Eigen::Index i = 0; i < W.rows(); ++i) sigma += u(0, i) * W.row(i).dot(v.row(0));
  return sigma;
}

float spectral_norm_estimate(const Matrix& W, Matrix& u, Matrix& v, int max_iterations, float rel_tol, float eps) {
  v.resize(1, W.cols());
  float sigma = 0.0f;
  for (int it = 0; it < max_iterations; ++it) {
    const float previous = sigma;
    sigma = power_step(W, u, v, eps);
    if (it > 0 && std::abs(sigma - previous) <= rel_tol * sigma) break;
  }
  return sigma;
}

void spectral_norm_backward(const Matrix& dW_sn, const Matrix& W, const Matrix& u, const Matrix& v, float sigma,
                            Matrix& dW) {
  const float g_dot_w = dW_sn.cwiseProduct(W).sum();
  dW.noalias() += dW_sn / sigma;
  // − c · u vᵀ as a rank-one update, row by row (no matrix product kernel for an outer product).
  const float c = g_dot_w / (sigma * sigma);
  for (Eigen::Index i = 0; i < dW.rows(); ++i) dW.row(i) -= (c * u(0, i)) * v.row(0);
}

float warm_started_sigma(const Matrix& W, Matrix& probe_u, Matrix& probe_v, float scale) {
  int iterations = 30;
  if (probe_u.cols() != W.rows()) {
    Rng probe_rng(0x5eed);
    probe_u.resize(1, W.rows());
    for (Eigen::Index i = 0; i < probe_u.size(); ++i) probe_u.data()[i] = static_cast<float>(probe_rng.normal());
    probe_u /= std::max(probe_u.norm(), 1e-12f);
    iterations = 50;
  }
  return scale * spectral_norm_estimate(W, probe_u, probe_v, iterations, 1e-6f);
}

}  // namespace reglab
