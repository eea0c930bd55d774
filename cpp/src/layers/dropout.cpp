#include "layers/dropout.h"

#include "reglab/error.h"

namespace reglab {

namespace {
// 1/(1−p), and 0 for p = 1 (everything dropped) instead of ∞·0 = NaN.
float keep_scale(float p) { return p < 1.0f ? 1.0f / (1.0f - p) : 0.0f; }
}  // namespace

void dropout_forward(const Matrix& x, const Matrix& keep_mask, float p, Matrix& y) {
  y.resize(x.rows(), x.cols());
  y.array() = x.array() * keep_mask.array() * keep_scale(p);
}

void dropout_backward(const Matrix& dy, const Matrix& keep_mask, float p, Matrix& dx) {
  dx.resize(dy.rows(), dy.cols());
  dx.array() = dy.array() * keep_mask.array() * keep_scale(p);
}

void Dropout::set_p(float p) {
  if (!(p >= 0.0f && p <= 1.0f))
    throw Error("model.dropout", "dropout probability must be in [0, 1], got " + format_number(p));
  p_ = p;
}

const Matrix& Dropout::forward(const Matrix& x, Mode mode, Rng& rng) {
  masked_ = mode == Mode::Train && p_ > 0.0f;
  if (!masked_) {
    y_ = x;
    return y_;
  }
  keep_mask_.resize(x.rows(), x.cols());
  const double keep = 1.0 - static_cast<double>(p_);
  float* m = keep_mask_.data();
  for (Eigen::Index i = 0; i < keep_mask_.size(); ++i) m[i] = rng.bernoulli(keep) ? 1.0f : 0.0f;
  dropout_forward(x, keep_mask_, p_, y_);
  return y_;
}

const Matrix& Dropout::backward(const Matrix& dy) {
  if (!masked_) {
    dx_ = dy;
    return dx_;
  }
  dropout_backward(dy, keep_mask_, p_, dx_);
  return dx_;
}

}  // namespace reglab
