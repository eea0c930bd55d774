// Batch normalization over (batch × positions) for sequences: each feature is normalized with
// statistics taken over the tokens of the batch — the real tokens only, or every position
// including padding (a flag), so a lesson can show why padding corrupts BatchNorm's statistics
// and why small batches of variable length make them noisy. Layout: sequence_layer.h.
// Conventions as batch_norm.h (torch.nn.BatchNorm1d): biased variance to normalize, unbiased
// for the running estimate, momentum = weight of the new batch.
#pragma once
#include "layers/batch_norm.h"
#include "layers/sequence/sequence_layer.h"

namespace reglab {

// Over the selected rows i ∈ R (R = real tokens, k_i = 1, when masked; all B·T rows otherwise),
// N = |R| (needs N ≥ 2), per feature j:
//   μ_j = (1/N) Σ_{i∈R} x_ij,  σ²_j = (1/N) Σ_{i∈R} (x_ij − μ_j)²
//   y_i = γ ⊙ (x_i − μ)/√(σ² + ε) + β      for EVERY row i (padding rows too; their output is
//                                            meaningless and ignored downstream)
// Masked, this is torch.nn.BatchNorm1d applied to x[mask == 1]. `row_weight` is the B·T 0/1
// selection (all ones when padding is included). cache.mean/var/inv_std/xhat as batch_norm.h.
void masked_batch_norm_forward(const Matrix& x, const Matrix& row_weight, const Matrix& gamma, const Matrix& beta,
                               float eps, Matrix& y, BatchNormCache& cache);
// With g = dy ⊙ γ, s = 1/√(σ² + ε), the sums over ALL rows (every output depends on μ, σ²):
//   dx_i = s (g_i − (r_i/N) Σ_l g_l − (r_i/N) x̂_i ⊙ Σ_l g_l ⊙ x̂_l)     (r_i = row_weight_i)
//   dγ += Σ_l dy_l ⊙ x̂_l,  dβ += Σ_l dy_l
// An unselected row has dx_i = s g_i: it does not move the statistics.
void masked_batch_norm_backward(const Matrix& dy, const Matrix& row_weight, const Matrix& gamma, BatchNormCache& cache,
                                Matrix& dx, Matrix& dgamma, Matrix& dbeta);

class MaskedBatchNorm : public SequenceLayer {
 public:
  // include_padding = false: statistics over real tokens only; true: over all B·T positions.
  MaskedBatchNorm(int features, float momentum, float eps, bool include_padding);

  const char* kind() const override { return "masked_batch_norm"; }
  // Train: batch statistics over the selected rows, then the running statistics are updated
  // (unbiased N/(N−1)); throws reglab::Error("training.batchSize") when fewer than 2 rows are
  // selected. Eval: running statistics for every row (batch_norm_forward_eval).
  const Matrix& forward(const Matrix& x, const Matrix& mask, Mode mode, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  std::vector<ParamRef> params() override;
  std::vector<std::pair<const char*, Matrix*>> buffers() override;  // running_mean, running_var

  bool include_padding() const { return include_padding_; }
  const BatchNormCache& cache() const { return cache_; }

  Matrix gamma, beta, dgamma, dbeta;  // 1 × F; γ = 1, β = 0
  Matrix running_mean, running_var;   // 1 × F; 0 and 1

 private:
  float momentum_, eps_;
  bool include_padding_;
  Mode last_mode_ = Mode::Eval;
  Matrix row_weight_;  // B·T × 1
  BatchNormCache cache_;
  Matrix y_, dx_;
};

}  // namespace reglab
