#include "penalties/l2.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace reglab {

double sum_of_squares(const float* x, Eigen::Index n) {
  Eigen::Index i = 0;
  double total = 0.0;
#ifdef __wasm_simd128__
  // Four floats at a time, widened to two f64x2 halves (Eigen does not vectorize the cast).
  v128_t lo_sum = wasm_f64x2_splat(0.0), hi_sum = wasm_f64x2_splat(0.0);
  for (; i + 4 <= n; i += 4) {
    const v128_t v = wasm_v128_load(x + i);
    const v128_t lo = wasm_f64x2_promote_low_f32x4(v);
    const v128_t hi = wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
    lo_sum = wasm_f64x2_add(lo_sum, wasm_f64x2_mul(lo, lo));
    hi_sum = wasm_f64x2_add(hi_sum, wasm_f64x2_mul(hi, hi));
  }
  const v128_t both = wasm_f64x2_add(lo_sum, hi_sum);
  total = wasm_f64x2_extract_lane(both, 0) + wasm_f64x2_extract_lane(both, 1);
#else
  // Four independent accumulators, so the additions do not wait on each other.
  double acc[4] = {0.0, 0.0, 0.0, 0.0};
  for (; i + 4 <= n; i += 4)
    for (int k = 0; k < 4; ++k) acc[k] += static_cast<double>(x[i + k]) * static_cast<double>(x[i + k]);
  total = (acc[0] + acc[1]) + (acc[2] + acc[3]);
#endif
  for (; i < n; ++i) total += static_cast<double>(x[i]) * static_cast<double>(x[i]);
  return total;
}

// (λ/2)·Σ W²
double l2_penalty(const Matrix& W, double lambda) { return 0.5 * lambda * sum_of_squares(W.data(), W.size()); }

// dW += λ·W
void l2_penalty_backward(const Matrix& W, float lambda, Matrix& dW) { dW.array() += lambda * W.array(); }

}  // namespace reglab
