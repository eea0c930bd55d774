#include "layers/sequence/masked_softmax.h"

#include <cmath>
#include <limits>

namespace reglab {

void masked_softmax_forward(const Eigen::Ref<const Matrix>& S, const float* key_mask, Eigen::Ref<Matrix> P) {
  const Eigen::Index rows = S.rows(), T = S.cols();
  for (Eigen::Index i = 0; i < rows; ++i) {
    const float* s = S.data() + i * T;
    float* p = P.data() + i * T;
    float m = -std::numeric_limits<float>::infinity();
    for (Eigen::Index j = 0; j < T; ++j)
      if (key_mask[j] != 0.0f && s[j] > m) m = s[j];
    float sum = 0.0f;
    for (Eigen::Index j = 0; j < T; ++j) {
      p[j] = key_mask[j] != 0.0f ? std::exp(s[j] - m) : 0.0f;
      sum += p[j];
    }
    const float inv = sum > 0.0f ? 1.0f / sum : 0.0f;  // sum = 0 only when no key is real
    for (Eigen::Index j = 0; j < T; ++j) p[j] *= inv;
  }
}

void masked_softmax_backward(const Eigen::Ref<const Matrix>& P, const Eigen::Ref<const Matrix>& dP,
                             Eigen::Ref<Matrix> dS) {
  const Eigen::Index rows = P.rows(), T = P.cols();
  for (Eigen::Index i = 0; i < rows; ++i) {
    const float* p = P.data() + i * T;
    const float* dp = dP.data() + i * T;
    float* ds = dS.data() + i * T;
    float dot = 0.0f;
    for (Eigen::Index j = 0; j < T; ++j) dot += p[j] * dp[j];
    for (Eigen::Index j = 0; j < T; ++j) ds[j] = p[j] * (dp[j] - dot);
  }
}

}  // namespace reglab
