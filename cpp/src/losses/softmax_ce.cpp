#include "losses/softmax_ce.h"

#include <cmath>

namespace reglab {

namespace {

// Terms with z − max < −60 are set to exactly 0 instead of exp(z − max). WebAssembly has no
// flush-to-zero mode, and arithmetic on subnormal floats (< 1.2e−38) is many times slower; a
// probability e^{−80} ≈ 1.8e−35 would already turn subnormal once divided by K and by the batch
// size in the gradient (p − t)/B. e^{−60} ≈ 8.8e−27 leaves room for K·B up to 10^10, and it is far
// below anything float arithmetic on a probability near 1 can see (its ulp is 6e−8).
constexpr float kExpCutoff = -60.0f;

// Softmax of row r into probs; returns logsumexp(z_r). Plain pointer loops over the K classes.
float softmax_row(const Matrix& logits, Eigen::Index r, Matrix& probs) {
  const Eigen::Index K = logits.cols();
  const float* z = logits.data() + r * K;
  float* p = probs.data() + r * K;
  float zmax = z[0];
  for (Eigen::Index k = 1; k < K; ++k) zmax = z[k] > zmax ? z[k] : zmax;
  float sum = 0.0f;
  for (Eigen::Index k = 0; k < K; ++k) {
    const float shifted = z[k] - zmax;
    const float e = shifted < kExpCutoff ? 0.0f : std::exp(shifted);
    p[k] = e;
    sum += e;
  }
  for (Eigen::Index k = 0; k < K; ++k) p[k] /= sum;  // sum ≥ 1: the largest term is e⁰
  return zmax + std::log(sum);
}

// ℓ_r = Σ_k t_rk (logsumexp − z_rk); skipping t = 0 keeps 0·(huge) out of the sum.
float row_loss(const Matrix& logits, const Matrix& targets, Eigen::Index r, float lse) {
  const Eigen::Index K = logits.cols();
  const float* z = logits.data() + r * K;
  const float* t = targets.data() + r * K;
  float loss = 0.0f;
  for (Eigen::Index k = 0; k < K; ++k)
    if (t[k] != 0.0f) loss += t[k] * (lse - z[k]);
  return loss;
}

}  // namespace

void softmax_forward(const Matrix& logits, Matrix& probs) {
  probs.resize(logits.rows(), logits.cols());
  for (Eigen::Index r = 0; r < logits.rows(); ++r) softmax_row(logits, r, probs);
}

float softmax_ce_forward(const Matrix& logits, const Matrix& targets, Matrix& probs) {
  probs.resize(logits.rows(), logits.cols());
  double total = 0.0;
  for (Eigen::Index r = 0; r < logits.rows(); ++r) total += row_loss(logits, targets, r, softmax_row(logits, r, probs));
  return static_cast<float>(total / static_cast<double>(logits.rows()));
}

void softmax_ce_backward(const Matrix& probs, const Matrix& targets, Matrix& dlogits) {
  dlogits.resize(probs.rows(), probs.cols());
  dlogits.array() = (probs.array() - targets.array()) * (1.0f / static_cast<float>(probs.rows()));
}

void softmax_ce_per_sample(const Matrix& logits, const Matrix& targets, Matrix& probs, Matrix& per_sample) {
  probs.resize(logits.rows(), logits.cols());
  per_sample.resize(logits.rows(), 1);
  for (Eigen::Index r = 0; r < logits.rows(); ++r)
    per_sample(r, 0) = row_loss(logits, targets, r, softmax_row(logits, r, probs));
}

}  // namespace reglab
