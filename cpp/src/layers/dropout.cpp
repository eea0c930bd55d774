#include "layers/dropout.h"

#include <cmath>
#include <cstdint>

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
  // One 32-bit PCG32 output per two units, 16 bits each: a unit is dropped when its half falls below
  // ⌊p·2¹⁶⌋, i.e. with probability p up to 2⁻¹⁶ (p = 1 gives 2¹⁶, so every unit is dropped). Half the
  // generator work of one draw per unit, which was ~10 % of a training step with dropout.
  const uint32_t drop_below = static_cast<uint32_t>(std::floor(static_cast<double>(p_) * 65536.0));
  float* m = keep_mask_.data();
  const size_t n = static_cast<size_t>(keep_mask_.size());
  rng.generate_u32((n + 1) / 2, [m, n, drop_below](size_t i, uint32_t r) {
    m[2 * i] = (r & 0xffffu) >= drop_below ? 1.0f : 0.0f;
    if (2 * i + 1 < n) m[2 * i + 1] = (r >> 16) >= drop_below ? 1.0f : 0.0f;
  });
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
