// exp, the logistic sigmoid and tanh on 4 floats at once, for the GRU cell (layers/sequence/gru_cell.cpp).
// Written with GCC/Clang vector extensions, so the same code is SSE natively and SIMD128 in the wasm
// build (em++ -msimd128), and the native tests check exactly what the wasm runs. The wasm build
// otherwise calls musl's scalar expf three times per hidden unit per step, the largest cost of a
// GRU step after the recurrent product.
//   exp(x):  n = round(x·log₂e),  r = x − n·ln2 (ln2 in two parts, Cody–Waite),  |r| ≤ ln2/2,
//            e^r ≈ 1 + r + r²·P(r) (Cephes expf's degree-5 P),  e^x = e^r · 2ⁿ (2ⁿ built in the
//            exponent bits of two factors).
//            x > ln FLT_MAX → +inf; subnormal results as std::exp, 0 below; NaN → NaN.
//   sigmoid(x) = 1 / (1 + e^{−x})   (→ 0 as e^{−x} → inf, 1 as it → 0)
//   tanh(x) = sign(x)·(1 − e)/(1 + e),  e = e^{−2|x|}   (one exp; ±1 at ±inf)
// Errors measured in tests/cpp/vector_math_test.cpp against std:: (float), over [−87, 88] for exp
// and [−30, 30] for the others: exp relative error < 2e−7, sigmoid and tanh absolute error < 2e−7
// (measured 8e−8, 9e−8, 9e−8 against double).
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>

namespace reglab::vmath {

using f32x4 = float __attribute__((vector_size(16)));
using i32x4 = std::int32_t __attribute__((vector_size(16)));

inline f32x4 splat(float v) { return f32x4{v, v, v, v}; }
inline f32x4 load(const float* p) {
  f32x4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, f32x4 v) { std::memcpy(p, &v, sizeof v); }

inline f32x4 exp(f32x4 x) {
  const f32x4 hi = splat(88.72283935546875f);  // ln FLT_MAX
  const f32x4 lo = splat(-103.972077f);        // ln 2⁻¹⁵⁰: below half the smallest subnormal
  f32x4 xc = x > hi ? hi : x;                  // comparisons with NaN are false: NaN passes through
  xc = xc < lo ? lo : xc;
  // Round to nearest with the 1.5·2²³ trick: adding it leaves the integer in the low mantissa bits.
  const f32x4 round = splat(12582912.0f);
  const f32x4 n = (xc * 1.44269504088896341f + round) - round;
  const f32x4 r = (xc - n * 0.693359375f) - n * -2.12194440e-4f;
  f32x4 p = splat(1.9875691500e-4f);
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * (r * r) + r + 1.0f;
  // 2ⁿ as 2^⌊n/2⌋ · 2^(n − ⌊n/2⌋), each a normal float for n ∈ [−150, 128]: e^x down to the
  // subnormals, as std::exp, and no overflow of the exponent bits at n = 128.
  const i32x4 ni = __builtin_convertvector(n, i32x4), half = ni >> 1;
  const i32x4 bits1 = (half + 127) << 23, bits2 = (ni - half + 127) << 23;
  f32x4 scale1, scale2;
  std::memcpy(&scale1, &bits1, sizeof scale1);
  std::memcpy(&scale2, &bits2, sizeof scale2);
  const f32x4 y = p * scale1 * scale2;
  const f32x4 y_low = x < lo ? splat(0.0f) : y;
  return x > hi ? splat(std::numeric_limits<float>::infinity()) : y_low;
}

inline f32x4 sigmoid(f32x4 x) { return 1.0f / (1.0f + exp(-x)); }

inline f32x4 tanh(f32x4 x) {
  const i32x4 sign_bit = {INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN};
  i32x4 bits;
  std::memcpy(&bits, &x, sizeof bits);
  const i32x4 sign = bits & sign_bit;
  const i32x4 abs_bits = bits & ~sign_bit;
  f32x4 abs_x;
  std::memcpy(&abs_x, &abs_bits, sizeof abs_x);
  const f32x4 e = exp(-2.0f * abs_x);
  const f32x4 t = (1.0f - e) / (1.0f + e);
  i32x4 t_bits;
  std::memcpy(&t_bits, &t, sizeof t_bits);
  t_bits |= sign;
  f32x4 out;
  std::memcpy(&out, &t_bits, sizeof out);
  return out;
}

}  // namespace reglab::vmath
