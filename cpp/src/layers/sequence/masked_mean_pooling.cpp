#include "layers/sequence/masked_mean_pooling.h"

namespace reglab {

namespace {
// 1/n_b, and 0 for a sequence without a real token.
float inverse_count(const Matrix& mask, Eigen::Index b) {
  const float n = mask.row(b).sum();
  return n > 0.0f ? 1.0f / n : 0.0f;
}
}  // namespace

void masked_mean_pooling_forward(const Matrix& x, const Matrix& mask, Matrix& y) {
  check_sequence_shape(x, mask, "masked_mean_pooling");
  const Eigen::Index B = mask.rows(), T = mask.cols();
  y.resize(B, x.cols());
  for (Eigen::Index b = 0; b < B; ++b) {
    // (1 × T) · (T × D): the mask row weights the positions of sequence b.
    y.row(b).noalias() = mask.row(b) * x.middleRows(b * T, T);
    y.row(b) *= inverse_count(mask, b);
  }
}

void masked_mean_pooling_backward(const Matrix& dy, const Matrix& mask, Matrix& dx) {
  const Eigen::Index B = mask.rows(), T = mask.cols();
  dx.resize(B * T, dy.cols());
  for (Eigen::Index b = 0; b < B; ++b) {
    const float inv = inverse_count(mask, b);
    for (Eigen::Index t = 0; t < T; ++t) dx.row(b * T + t) = (mask(b, t) * inv) * dy.row(b);
  }
}

const Matrix& MaskedMeanPooling::forward(const Matrix& x, const Matrix& mask, Mode, Rng&) {
  masked_mean_pooling_forward(x, mask, y_);
  mask_ = &mask;
  return y_;
}

const Matrix& MaskedMeanPooling::backward(const Matrix& dy) {
  masked_mean_pooling_backward(dy, *mask_, dx_);
  return dx_;
}

}  // namespace reglab
