// General matrix product for the dense layers, row-major float32:
//   C = op(A) · op(B)          (accumulate = false: C is overwritten)
//   C += op(A) · op(B)         (accumulate = true)
// op(X) = X or Xᵀ. op(A) is M × K, op(B) is K × N, C is M × N. lda, ldb, ldc are the row strides
// (elements between consecutive rows) of A, B and C as they are stored, i.e. before op().
// The three products a dense layer needs (x: B × in, W: out × in, dy: B × out):
//   y   = x · Wᵀ     gemm(false, true,  B,   out, in,  x,  in,  W, in,  y,  out, false)
//   dx  = dy · W     gemm(false, false, B,   in,  out, dy, out, W, in,  dx, in,  false)
//   dW += dyᵀ · x    gemm(true,  false, out, in,  B,   dy, out, x, in,  dW, in,  true)
// gemm() dispatches: the wasm_simd128 kernel (kernels/gemm_simd128.h) when compiled with
// -msimd128, Eigen's GEMM otherwise (native builds, and the wasm build without SIMD).
// kernels/gemm_reference.h holds the plain-loop definition both are tested against.
#pragma once

namespace reglab {

void gemm(bool trans_a, bool trans_b, int M, int N, int K, const float* A, int lda, const float* B, int ldb,
          float* C, int ldc, bool accumulate);

// Which implementation gemm() uses in this build: "simd128" or "eigen".
const char* gemm_backend();

}  // namespace reglab
