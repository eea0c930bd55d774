// One GEMM shape on fixed random operands, for timing gemm() alone: the wasm binding
// (benchGemm, timed from JS) and the native reglab_bench tool run exactly this loop.
#pragma once
#include <vector>

namespace reglab {

class GemmWorkload {
 public:
  // C (+)= op(A) · op(B) with op(A): M × K, op(B): K × N (see gemm() in reglab/gemm.h).
  GemmWorkload(bool trans_a, bool trans_b, int M, int N, int K, bool accumulate);
  void run(int calls);                         // `calls` back-to-back gemm() calls
  double flops_per_call() const { return 2.0 * M_ * N_ * K_; }
  float checksum() const;                      // keeps the result observable

 private:
  bool trans_a_, trans_b_, accumulate_;
  int M_, N_, K_;
  std::vector<float> a_, b_, c_;
};

#ifdef __wasm_simd128__
// The machine's SIMD128 f32 ceiling as the engine sees it: `iterations` × 14 independent f32x4
// operations (7 mul chains, 7 add chains: throughput-bound, no loads), 56 flop per iteration. The
// benchmark reports the GEMM kernel against this measured ceiling beside the nominal one.
float simd128_mul_add_loop(int iterations, float one, float zero);
constexpr double kSimd128LoopFlopsPerIteration = 56;
#endif

#if defined(__SSE2__) && !defined(__wasm__)
// The same ceiling natively with 128-bit SSE (what the core itself delivers at the width of
// SIMD128, without V8's limit of 15 vector registers): 8 mul + 8 add chains, 64 flop per iteration.
float sse128_mul_add_loop(long iterations, float one, float zero);
constexpr double kSse128LoopFlopsPerIteration = 64;
#endif

}  // namespace reglab
