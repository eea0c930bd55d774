#include "reglab/gemm_bench.h"

#include "reglab/gemm.h"
#include "reglab/rng.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
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

#if defined(__SSE2__) && !defined(__wasm__)
float sse128_mul_add_loop(long iterations, float one, float zero) {
  __m128 p0 = _mm_set1_ps(one), p1 = p0, p2 = p0, p3 = p0, p4 = p0, p5 = p0, p6 = p0, p7 = p0;
  __m128 s0 = _mm_set1_ps(zero), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
  for (long i = 0; i < iterations; ++i) {
    p0 = _mm_mul_ps(p0, p0); s0 = _mm_add_ps(s0, s0);
    p1 = _mm_mul_ps(p1, p1); s1 = _mm_add_ps(s1, s1);
    p2 = _mm_mul_ps(p2, p2); s2 = _mm_add_ps(s2, s2);
    p3 = _mm_mul_ps(p3, p3); s3 = _mm_add_ps(s3, s3);
    p4 = _mm_mul_ps(p4, p4); s4 = _mm_add_ps(s4, s4);
    p5 = _mm_mul_ps(p5, p5); s5 = _mm_add_ps(s5, s5);
    p6 = _mm_mul_ps(p6, p6); s6 = _mm_add_ps(s6, s6);
    p7 = _mm_mul_ps(p7, p7); s7 = _mm_add_ps(s7, s7);
    // Keeps the 16 chains in registers as written (no folding across iterations, no wider vectors).
    __asm__ volatile("" : "+x"(p0), "+x"(p1), "+x"(p2), "+x"(p3), "+x"(s0), "+x"(s1), "+x"(s2), "+x"(s3));
    __asm__ volatile("" : "+x"(p4), "+x"(p5), "+x"(p6), "+x"(p7), "+x"(s4), "+x"(s5), "+x"(s6), "+x"(s7));
  }
  const __m128 p = _mm_add_ps(_mm_add_ps(_mm_add_ps(p0, p1), _mm_add_ps(p2, p3)), _mm_add_ps(_mm_add_ps(p4, p5), _mm_add_ps(p6, p7)));
  const __m128 s = _mm_add_ps(_mm_add_ps(_mm_add_ps(s0, s1), _mm_add_ps(s2, s3)), _mm_add_ps(_mm_add_ps(s4, s5), _mm_add_ps(s6, s7)));
  return _mm_cvtss_f32(_mm_add_ps(p, s));
}
#endif

}  // namespace reglab
