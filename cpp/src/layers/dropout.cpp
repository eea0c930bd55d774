#include "layers/dropout.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

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
#ifdef __wasm_simd128__
  // Draws in chunks of 256 (1 KB on the stack), then 4 draws → 8 mask values per SIMD step: the
  // same bits and the same mask as the scalar loop below, without a compare and store per unit.
  constexpr size_t kChunk = 256;
  alignas(16) uint32_t draws[kChunk];
  const size_t pairs = n / 2;
  const v128_t below = wasm_i32x4_splat(static_cast<int32_t>(drop_below)), one = wasm_f32x4_splat(1.0f);
  const v128_t low16 = wasm_i32x4_splat(0xffff);
  size_t done = 0;  // pairs of units written
  while (done + 4 <= pairs) {
    const size_t count = std::min(kChunk, (pairs - done) / 4 * 4);
    rng.generate_u32(count, [&draws](size_t i, uint32_t r) { draws[i] = r; });
    float* out = m + 2 * done;
    for (size_t i = 0; i < count; i += 4, out += 8) {
      const v128_t r = wasm_v128_load(draws + i);
      const v128_t even = wasm_v128_and(wasm_u32x4_ge(wasm_v128_and(r, low16), below), one);  // units 2i
      const v128_t odd = wasm_v128_and(wasm_u32x4_ge(wasm_u32x4_shr(r, 16), below), one);    // units 2i + 1
      wasm_v128_store(out, wasm_i32x4_shuffle(even, odd, 0, 4, 1, 5));
      wasm_v128_store(out + 4, wasm_i32x4_shuffle(even, odd, 2, 6, 3, 7));
    }
    done += count;
  }
  m += 2 * done;
  const size_t rest = n - 2 * done;
#else
  const size_t rest = n;
#endif
  rng.generate_u32((rest + 1) / 2, [m, rest, drop_below](size_t i, uint32_t r) {
    m[2 * i] = (r & 0xffffu) >= drop_below ? 1.0f : 0.0f;
    if (2 * i + 1 < rest) m[2 * i + 1] = (r >> 16) >= drop_below ? 1.0f : 0.0f;
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
