// The reference GEMM: plain loops, the definition the fast kernels are checked against.
//   C[i][j] (+)= Σ_k op(A)[i][k] · op(B)[k][j]   (same arguments as gemm() in reglab/gemm.h)
// Sums are formed in double so the reference is more accurate than what it checks.
#pragma once

namespace reglab {

void gemm_reference(bool trans_a, bool trans_b, int M, int N, int K, const float* A, int lda, const float* B,
                    int ldb, float* C, int ldc, bool accumulate);

}  // namespace reglab
