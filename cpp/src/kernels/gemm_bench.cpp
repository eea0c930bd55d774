#include "kernels/gemm_bench.h"

#include "kernels/gemm.h"
#include "reglab/rng.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace reglab {

GemmWorkload::GemmWorkload(bool trans_a, bool trans_b, int M, int N, int K, bool accumulate)
    : trans_a_(trans_a), trans_b_(trans_b), accumulate_(accumulate), M_(M), N_(N), K_(K),
      a_(static_cast<size_t>(M) * K), b_(static_cast<size_t>(K) * N), c_(static_cast<size_t>(M) * N, 0.0f) {
  Rng rng(42);
  for (float& v : a_) v = static_cast<float>(rng.uniform(-1, 1));
  for (float& v : b_) v = static_cast<float>(rng.uniform(-1, 1));
}

void GemmWorkload::run(int calls) {
  const int lda = trans_a_ ? M_ : K_, ldb = trans_b_ ? K_ : N_;
  for (int i = 0; i < calls; ++i)
    gemm(trans_a_, trans_b_, M_, N_, K_, a_.data(), lda, b_.data(), ldb, c_.data(), N_, accumulate_);
}

float GemmWorkload::checksum() const {
  float s = 0;
  for (float v : c_) s += v;
  return s;
}

#ifdef __wasm_simd128__
float simd128_mul_add_loop(int iterations, float one, float zero) {
  // p ← p·p with p = 1 and s ← s + s with s = 0 stay 1 and 0: no overflow, no subnormals. The
  // values come in as arguments so the compiler cannot fold the loop away.
  v128_t p0 = wasm_f32x4_splat(one), p1 = p0, p2 = p0, p3 = p0, p4 = p0, p5 = p0, p6 = p0;
  v128_t s0 = wasm_f32x4_splat(zero), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0;
  for (int i = 0; i < iterations; ++i) {
    p0 = wasm_f32x4_mul(p0, p0); s0 = wasm_f32x4_add(s0, s0);
    p1 = wasm_f32x4_mul(p1, p1); s1 = wasm_f32x4_add(s1, s1);
    p2 = wasm_f32x4_mul(p2, p2); s2 = wasm_f32x4_add(s2, s2);
    p3 = wasm_f32x4_mul(p3, p3); s3 = wasm_f32x4_add(s3, s3);
    p4 = wasm_f32x4_mul(p4, p4); s4 = wasm_f32x4_add(s4, s4);
    p5 = wasm_f32x4_mul(p5, p5); s5 = wasm_f32x4_add(s5, s5);
    p6 = wasm_f32x4_mul(p6, p6); s6 = wasm_f32x4_add(s6, s6);
  }
  v128_t t = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_add(p0, p1), wasm_f32x4_add(p2, p3)),
                            wasm_f32x4_add(wasm_f32x4_add(p4, p5), p6));
  t = wasm_f32x4_add(t, wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_add(s0, s1), wasm_f32x4_add(s2, s3)),
                                       wasm_f32x4_add(wasm_f32x4_add(s4, s5), s6)));
  return wasm_f32x4_extract_lane(t, 0);
}
#endif

}  // namespace reglab
