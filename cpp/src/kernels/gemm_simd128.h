// A register-blocked GEMM for WebAssembly SIMD128 (<wasm_simd128.h>); only compiled with -msimd128.
// Same arguments and meaning as gemm() in reglab/gemm.h:
//   C (+)= op(A) · op(B),  row-major,  op(A): M × K,  op(B): K × N.
// One micro-kernel keeps a 4 × 8 tile of C in eight f32x4 registers and, per k, broadcasts 4
// values of A against 2 vectors of B (8 mul + 8 add; SIMD128 has no FMA); 4 × 4 and 1-row
// variants cover the right and bottom edges. Two paths feed it:
//  - packed (Goto / BLIS), when op(B) has more than 2048 elements: for each KC-deep slice op(B) is
//    packed into NR-wide column panels and op(A) into MR-tall row panels, both contiguous in k
//    (transposed operands are packed with 4 × 4 SIMD transposes);
//  - direct, for small op(B) (the W1 / W2 layers): nothing is packed, A is read in place in
//    either orientation and op(B) in place when it is row-major with N % 4 = 0, else after one
//    copy into a zero-padded K × ⌈N⌉₄ buffer. This saves the packing that dominated tiny shapes.
#pragma once

namespace reglab {

#ifdef __wasm_simd128__
void gemm_simd128(bool trans_a, bool trans_b, int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                  float* C, int ldc, bool accumulate);
#endif

}  // namespace reglab
