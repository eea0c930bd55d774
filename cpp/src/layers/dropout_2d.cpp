#include "layers/dropout_2d.h"

#include <cmath>
#include <cstdint>

namespace reglab {

namespace {

float keep_scale(float p) { return p < 1.0f ? 1.0f / (1.0f - p) : 0.0f; }  // 0, not ∞·0, for p = 1

// out = in · keep_mask[n][c] · scale, one channel plane at a time (a scalar per plane: vectorizes).
void scale_planes(const Matrix& in, const ImageShape& shape, const Matrix& keep_mask, float scale, Matrix& out) {
  const int C = shape.channels, P = shape.pixels();
  out.resize(in.rows(), in.cols());
  for (Eigen::Index n = 0; n < in.rows(); ++n)
    for (int c = 0; c < C; ++c) {
      const ptrdiff_t at = (n * C + c) * static_cast<ptrdiff_t>(P);
      const float* __restrict a = in.data() + at;
      float* __restrict b = out.data() + at;
      const float k = keep_mask(n, c) * scale;
      for (int i = 0; i < P; ++i) b[i] = a[i] * k;
    }
}

}  // namespace

void dropout_2d_forward(const Matrix& x, const ImageShape& shape, const Matrix& keep_mask, float p, Matrix& y) {
  check_image_batch(x, shape, "dropout_2d input");
  scale_planes(x, shape, keep_mask, keep_scale(p), y);
}

void dropout_2d_backward(const Matrix& dy, const ImageShape& shape, const Matrix& keep_mask, float p, Matrix& dx) {
  scale_planes(dy, shape, keep_mask, keep_scale(p), dx);
}

Dropout2D::Dropout2D(const ImageShape& shape, float p) : shape_(shape) { set_p(p); }

void Dropout2D::set_p(float p) {
  if (!(p >= 0.0f && p <= 1.0f))
    throw Error("model.convDropout", "channel dropout probability must be in [0, 1], got " + format_number(p));
  p_ = p;
}

const Matrix& Dropout2D::forward(const Matrix& x, Mode mode, Rng& rng) {
  masked_ = mode == Mode::Train && p_ > 0.0f;
  if (!masked_) {
    check_image_batch(x, shape_, "dropout_2d input");
    y_ = x;
    return y_;
  }
  keep_mask_.resize(x.rows(), shape_.channels);
  const uint32_t drop_below = static_cast<uint32_t>(std::floor(static_cast<double>(p_) * 65536.0));
  float* m = keep_mask_.data();
  rng.generate_u32(static_cast<size_t>(keep_mask_.size()),
                   [m, drop_below](size_t i, uint32_t r) { m[i] = (r >> 16) >= drop_below ? 1.0f : 0.0f; });
  dropout_2d_forward(x, shape_, keep_mask_, p_, y_);
  return y_;
}

const Matrix& Dropout2D::backward(const Matrix& dy) {
  if (!masked_) {
    dx_ = dy;
    return dx_;
  }
  dropout_2d_backward(dy, shape_, keep_mask_, p_, dx_);
  return dx_;
}

}  // namespace reglab
