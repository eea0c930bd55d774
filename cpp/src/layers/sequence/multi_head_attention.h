// Multi-head self-attention with a key padding mask (Vaswani et al. 2017; torch.nn.MultiheadAttention
// with batch_first=True, self-attention, key_padding_mask = padding). Layout: sequence_layer.h.
//
// With x: B·T × D, h heads of width d = D/h, the padding mask k (B × T, 1 = real token):
//   [Q K V] = x W_inᵀ + b_in                     W_in: 3D × D (rows: W_q, W_k, W_v — torch's in_proj_weight)
//   for each sequence b and head a (Q_ba = rows b·T…b·T+T−1, columns a·d…a·d+d−1 of Q; same for K, V):
//     S_ba = Q_ba K_baᵀ / √d                       T × T scores, query rows × key columns
//     P_ba = masked_softmax(S_ba, k_b)             over the keys; padded keys get weight 0 (masked_softmax.h)
//     P̃_ba = dropout(P_ba)                          attention-weight dropout: P ⊙ keep/(1−p), training only
//     O_ba = P̃_ba V_ba                              T × d, written to columns a·d… of O (B·T × D)
//   y = O W_outᵀ + b_out                          W_out: D × D (torch's out_proj)
// Padding QUERY rows are computed like real ones (torch does the same) and should be ignored.
// An all-padding sequence has P = 0, so its rows of y are b_out and its gradients are finite (0).
// The projections and the two attention products run through reglab/gemm.h; W_in and W_out are
// Dense layers, so their role (Weight), spectral normalization and penalties apply unchanged.
#pragma once
#include "layers/dense.h"
#include "layers/dropout.h"
#include "layers/sequence/sequence_layer.h"

namespace reglab {

// Scaled dot-product attention of all heads on a fused QKV matrix (B·T × 3D, [Q K V] per row).
// What the backward needs: the attention weights before (P) and after (P̃) dropout, both
// B·h·T × T with block (b, a) at rows (b·h + a)·T.
struct AttentionCache {
  Matrix P, P_dropped;
  Matrix dP;  // workspace of the backward
};

// S = QKᵀ/√d → masked softmax → P; P̃ = P ⊙ keep/(1−p) (keep_mask: B·h·T × T, or nullptr for
// no dropout, then P̃ = P); O = P̃ V (resized B·T × D).
void attention_forward(const Matrix& qkv, const Matrix& mask, int heads, const Matrix* keep_mask, float p,
                       AttentionCache& cache, Matrix& O);
// dP̃ = dO Vᵀ, dV = P̃ᵀ dO, dP = dP̃ ⊙ keep/(1−p), dS = softmax backward, dQ = dS K/√d,
// dK = dSᵀ Q/√d; dqkv (B·T × 3D) overwritten.
void attention_backward(const Matrix& dO, const Matrix& qkv, const Matrix& mask, int heads, const Matrix* keep_mask,
                        float p, AttentionCache& cache, Matrix& dqkv);

class MultiHeadAttention : public SequenceLayer {
 public:
  // W_in, W_out: Xavier-uniform, biases 0 (torch's in_proj init; its out_proj uses Kaiming-uniform).
  // Throws reglab::Error("model.heads") when heads does not divide embed.
  MultiHeadAttention(int embed, int heads, float attention_dropout, Rng& rng);

  const char* kind() const override { return "multi_head_attention"; }
  // Train with dropout > 0: draws the attention keep mask from rng (Dropout's generator).
  const Matrix& forward(const Matrix& x, const Matrix& mask, Mode mode, Rng& rng) override;
  // Training forward with a given keep mask (B·h·T × T), for tests against a reference.
  const Matrix& forward_with_keep_mask(const Matrix& x, const Matrix& mask, const Matrix& keep_mask);
  const Matrix& backward(const Matrix& dy) override;
  std::vector<ParamRef> params() override;  // in_proj.W, in_proj.b, out_proj.W, out_proj.b
  std::vector<std::pair<const char*, Matrix*>> buffers() override;

  int heads() const { return heads_; }
  const AttentionCache& cache() const { return cache_; }
  void set_attention_dropout(float p) { dropout_.set_p(p); }

  Dense in_proj, out_proj;

 private:
  const Matrix& run(const Matrix& x, const Matrix& mask, Mode mode, Rng& rng, const Matrix* keep, float p);

  int heads_;
  Dropout dropout_;  // only its mask generator and p are used
  const Matrix* mask_ = nullptr;
  const Matrix* qkv_ = nullptr;   // in_proj's output of the last forward
  const Matrix* keep_ = nullptr;  // mask of the last forward, or nullptr
  float p_used_ = 0.0f;
  Matrix given_keep_;
  Rng unused_rng_;  // for forward_with_keep_mask (Dense draws nothing)
  AttentionCache cache_;
  Matrix O_, dO_, dqkv_;
};

}  // namespace reglab
