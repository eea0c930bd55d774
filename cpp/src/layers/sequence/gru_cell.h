// One step of a gated recurrent unit (Cho et al. 2014) with torch.nn.GRU's gate equations.
// The cell works on the gate PRE-ACTIVATIONS, B × 3H with the gates in torch's order [r z n]:
//   gi = x W_ihᵀ + b_ih   (W_ih: 3H × D),   gh = h W_hhᵀ + b_hh   (W_hh: 3H × H)
// (the layer, gru.h, computes gi for all time steps in one product and gh step by step, and
// optionally layer-normalizes both), then
//   r  = σ(gi_r + gh_r)                  reset gate
//   z  = σ(gi_z + gh_z)                  update gate
//   n  = tanh(gi_n + r ⊙ gh_n)           candidate state (r gates the recurrent part WITH its bias b_hn)
//   h' = (1 − z) ⊙ n + z ⊙ h
// σ and tanh are kernels/vector_math.h's, four hidden units at a time (absolute error < 2e−7).
#pragma once
#include "reglab/tensor.h"

namespace reglab {

// gi, gh: B × 3H; h: B × H. Writes the gates r, z, n and the new state h' (all B × H, sized by the caller).
void gru_cell_forward(const Eigen::Ref<const Matrix>& gi, const Eigen::Ref<const Matrix>& gh,
                      const Eigen::Ref<const Matrix>& h, Eigen::Ref<Matrix> r, Eigen::Ref<Matrix> z,
                      Eigen::Ref<Matrix> n, Eigen::Ref<Matrix> h_new);
// From dh' = dL/dh' (B × H), with a_n = gi_n + r ⊙ gh_n:
//   dn = dh' ⊙ (1 − z),  dz = dh' ⊙ (h − n),  da_n = dn ⊙ (1 − n²)
//   dgi_n = da_n,   dgh_n = da_n ⊙ r,   dr = da_n ⊙ gh_n
//   dgi_r = dgh_r = dr ⊙ r(1 − r),   dgi_z = dgh_z = dz ⊙ z(1 − z)
//   dh = dh' ⊙ z   (the direct path only; the caller adds dgh W_hh)
// dgi, dgh (B × 3H) and dh (B × H) are overwritten (sized by the caller).
void gru_cell_backward(const Eigen::Ref<const Matrix>& dh_new, const Eigen::Ref<const Matrix>& gh,
                       const Eigen::Ref<const Matrix>& h, const Eigen::Ref<const Matrix>& r,
                       const Eigen::Ref<const Matrix>& z, const Eigen::Ref<const Matrix>& n, Eigen::Ref<Matrix> dgi,
                       Eigen::Ref<Matrix> dgh, Eigen::Ref<Matrix> dh);

}  // namespace reglab
