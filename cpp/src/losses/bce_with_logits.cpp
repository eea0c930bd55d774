#include "losses/bce_with_logits.h"

#include <algorithm>
#include <cmath>

#include "layers/activation.h"

namespace reglab {

namespace {

// log(1 + e^{−|z|}) is below 1e−26 once |z| > 60 and is then taken as exactly 0, so that no
// subnormal float appears (WebAssembly cannot flush them to zero; see softmax_ce.cpp).
float bce_element(float z, float y) {
  const float a = std::fabs(z);
  const float softplus_tail = a > 60.0f ? 0.0f : std::log1p(std::exp(-a));
  return std::max(z, 0.0f) - z * y + softplus_tail;
}

}  // namespace

float bce_with_logits_forward(const Matrix& logits, const Matrix& targets) {
  const float* z = logits.data();
  const float* y = targets.data();
  double total = 0.0;
  for (Eigen::Index i = 0; i < logits.size(); ++i) total += bce_element(z[i], y[i]);
  return static_cast<float>(total / static_cast<double>(logits.size()));
}

void bce_with_logits_backward(const Matrix& logits, const Matrix& targets, Matrix& dlogits) {
  dlogits.resize(logits.rows(), logits.cols());
  const float inv_n = 1.0f / static_cast<float>(logits.size());
  const float* z = logits.data();
  const float* y = targets.data();
  float* d = dlogits.data();
  for (Eigen::Index i = 0; i < logits.size(); ++i) d[i] = (sigmoid(z[i]) - y[i]) * inv_n;
}

void bce_with_logits_per_element(const Matrix& logits, const Matrix& targets, Matrix& per_element) {
  per_element.resize(logits.rows(), logits.cols());
  const float* z = logits.data();
  const float* y = targets.data();
  float* l = per_element.data();
  for (Eigen::Index i = 0; i < logits.size(); ++i) l[i] = bce_element(z[i], y[i]);
}

}  // namespace reglab
