#include "augment/mixup.h"

namespace reglab {

// x̃_i = λ x_i + (1 − λ) x_π(i);  ỹ_i = λ y_i + (1 − λ) y_π(i)
void mixup(const Matrix& x, const Matrix& targets, float lam, const std::vector<int>& perm, Matrix& x_out,
           Matrix& targets_out) {
  const float other = 1.0f - lam;
  x_out.resize(x.rows(), x.cols());
  targets_out.resize(targets.rows(), targets.cols());
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    x_out.row(i) = lam * x.row(i) + other * x.row(perm[i]);
    targets_out.row(i) = lam * targets.row(i) + other * targets.row(perm[i]);
  }
}

float sample_mix_lambda(double alpha, Rng& rng) {
  if (alpha <= 0) return 1.0f;
  return static_cast<float>(rng.beta(alpha, alpha));
}

}  // namespace reglab
