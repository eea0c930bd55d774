// Softmax over the keys of an attention score matrix, with padded keys excluded.
#pragma once
#include "reglab/tensor.h"

namespace reglab {

// For each row i of the scores S (rows × T keys) and the 0/1 key mask k (1 × T, 1 = real key):
//   P_ij = k_j e^{S_ij − m_i} / Σ_l k_l e^{S_il − m_i},   m_i = max_{l: k_l = 1} S_il
// i.e. torch.softmax(S.masked_fill(k == 0, −inf)) for a row with at least one real key.
// A row with NO real key (an all-padding sequence) is defined as P_i = 0 — torch gives NaN there;
// 0 keeps the attention output of such a row at 0 (then the output projection's bias), never NaN.
// P must have S's shape; S and P may be the same storage (in place).
void masked_softmax_forward(const Eigen::Ref<const Matrix>& S, const float* key_mask, Eigen::Ref<Matrix> P);
// dS_ij = P_ij (dP_ij − Σ_l P_il dP_il)   (0 at masked keys and in all-masked rows, where P = 0).
// dS must have P's shape; dP and dS may be the same storage.
void masked_softmax_backward(const Eigen::Ref<const Matrix>& P, const Eigen::Ref<const Matrix>& dP,
                             Eigen::Ref<Matrix> dS);

}  // namespace reglab
