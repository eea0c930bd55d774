#include "reglab/gemm.h"

#ifdef __wasm_simd128__
#include "kernels/gemm_simd128.h"
#else
#include "reglab/tensor.h"
#endif

namespace reglab {

void gemm(bool trans_a, bool trans_b, int M, int N, int K, const float* A, int lda, const float* B, int ldb,
          float* C, int ldc, bool accumulate) {
#ifdef __wasm_simd128__
  gemm_simd128(trans_a, trans_b, M, N, K, A, lda, B, ldb, C, ldc, accumulate);
#else
  // Eigen 3.4 has no wasm SIMD backend but vectorizes well natively (SSE/AVX): map the buffers.
  if (M <= 0 || N <= 0) return;
  using Stride = Eigen::OuterStride<>;
  using ConstMap = Eigen::Map<const Matrix, 0, Stride>;
  ConstMap a(A, trans_a ? K : M, trans_a ? M : K, Stride(lda));
  ConstMap b(B, trans_b ? N : K, trans_b ? K : N, Stride(ldb));
  Eigen::Map<Matrix, 0, Stride> c(C, M, N, Stride(ldc));
  auto assign = [&](const auto& product) {
    if (accumulate)
      c.noalias() += product;
    else
      c.noalias() = product;
  };
  if (trans_a && trans_b) {
    assign(a.transpose() * b.transpose());
  } else if (trans_a) {
    assign(a.transpose() * b);
  } else if (trans_b) {
    assign(a * b.transpose());
  } else {
    assign(a * b);
  }
#endif
}

const char* gemm_backend() {
#ifdef __wasm_simd128__
  return "simd128";
#else
  return "eigen";
#endif
}

}  // namespace reglab
