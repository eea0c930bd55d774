// A packed, register-blocked GEMM for WebAssembly SIMD128 (<wasm_simd128.h>); only compiled with
// -msimd128. Same arguments and meaning as gemm() in kernels/gemm.h:
//   C (+)= op(A) · op(B),  row-major,  op(A): M × K,  op(B): K × N.
// Scheme (Goto / BLIS): for each KC-deep slice, op(B) is packed into NR-wide column panels and
// op(A) into MR-tall row panels, both contiguous in k, so the three transposition cases the
// dense layer needs share one micro-kernel. The micro-kernel keeps a 4 × 8 tile of C in eight
// f32x4 registers and, per k, broadcasts 4 values of A against 2 vectors of B (8 mul + 8 add;
// SIMD128 has no FMA). Edge tiles are zero-padded in the packed panels.
#pragma once

namespace reglab {

#ifdef __wasm_simd128__
void gemm_simd128(bool trans_a, bool trans_b, int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                  float* C, int ldc, bool accumulate);
#endif

}  // namespace reglab
