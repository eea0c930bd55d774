// A GRU layer over time (torch.nn.GRU, one layer, one direction, batch_first=True, h_0 = 0) with the
// padding masked, and an optional layer-normalized variant (Ba et al. 2016). Layout: sequence_layer.h
// (x: B·T × D → y: B·T × H, row b·T + t = the state after position t of sequence b).
//
// At each step t, for every sequence b (gates in gru_cell.h, torch's layout W_ih: 3H × D and
// W_hh: 3H × H with row blocks in the order r, z, n):
//   gi_t = x_t W_ihᵀ + b_ih,   gh_t = h_{t−1} W_hhᵀ + b_hh
//   layer-normalized (Ba et al. 2016, "LN-GRU"): gi_t ← LN(gi_t; γ_ih, β_ih), gh_t ← LN(gh_t; γ_hh, β_hh),
//     each LayerNorm over all 3H pre-activations of the input part and of the recurrent part
//     separately (after the bias, before the gates), ε = 1e−5
//   h'_t = gru_cell(gi_t, gh_t, h_{t−1})
//   h_t = k_bt h'_t + (1 − k_bt) h_{t−1}          padding carries the state through unchanged
//   y_t = h_t
// So y at a real position is torch's output for that step (with packed sequences), y after the
// last real token repeats the final state (torch's packed output has 0 there), and an
// all-padding sequence gives y = 0. Backprop through time runs over all T steps.
// The input part gi of all steps is one GEMM; the recurrent part is one GEMM per step.
#pragma once
#include <vector>

#include "layers/layer_norm.h"
#include "layers/sequence/sequence_layer.h"

namespace reglab {

class Gru : public SequenceLayer {
 public:
  // W_ih, W_hh, b_ih, b_hh ~ Uniform(−1/√H, 1/√H) (torch's init); γ = 1, β = 0.
  Gru(int inputs, int hidden, bool layer_norm, Rng& rng);

  const char* kind() const override { return "gru"; }
  const Matrix& forward(const Matrix& x, const Matrix& mask, Mode mode, Rng& rng) override;  // same in Train and Eval
  const Matrix& backward(const Matrix& dy) override;
  // W_ih, W_hh (Weight), b_ih, b_hh (Bias), and with layer norm gamma_ih, beta_ih, gamma_hh, beta_hh.
  std::vector<ParamRef> params() override;

  // The state after each sequence's last position (B × H): torch's h_n for packed sequences.
  Matrix last_state() const;
  int hidden() const { return static_cast<int>(W_hh.cols()); }
  bool layer_norm() const { return layer_norm_; }

  Matrix W_ih, W_hh, b_ih, b_hh, dW_ih, dW_hh, db_ih, db_hh;
  Matrix gamma_ih, beta_ih, gamma_hh, beta_hh, dgamma_ih, dbeta_ih, dgamma_hh, dbeta_hh;  // 1 × 3H

 private:
  bool layer_norm_;
  int B_ = 0, T_ = 0;
  const Matrix* mask_ = nullptr;
  // Time-major copies (row t·B + b), so that each step's rows are one contiguous block.
  Matrix x_time_, gi_pre_, gi_, gh_pre_, gh_, states_, r_, z_, n_;  // states_: (T+1)·B × H, block 0 = h_0 = 0
  LayerNormCache ln_ih_;
  std::vector<LayerNormCache> ln_hh_;  // one per step
  Matrix step_in_, step_out_, dstep_;   // B × 3H workspace of the per-step LayerNorm
  Matrix h_new_;                        // h'_t of one step, before the mask
  Matrix y_, dy_time_, dgi_, dgi_pre_, dgh_, dgh_pre_, dh_new_, dh_carry_, dh_cell_, dx_time_, dx_;
};

}  // namespace reglab
