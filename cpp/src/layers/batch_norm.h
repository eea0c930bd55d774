// Batch normalization (Ioffe & Szegedy 2015) with torch.nn.BatchNorm1d semantics: per feature,
// training normalizes with the statistics of the current minibatch and keeps running averages of
// them for evaluation.
#pragma once
#include "layers/layer.h"

namespace reglab {

// What the backward pass needs from a forward (all per feature, 1 × F, except xhat).
struct BatchNormCache {
  Matrix mean;     // μ_B (training) or running_mean (evaluation)
  Matrix var;      // σ²_B, BIASED (divide by B); running_var in evaluation
  Matrix inv_std;  // 1/√(var + ε)
  Matrix xhat;     // B × F normalized input
  // Workspace of the backward pass (1 × F, sized once): Σ_i dy, Σ_i dy ⊙ x̂, γ/√(σ²_B + ε)/B.
  Matrix sum_dy, sum_dy_xhat, scale;
};

// Training forward, per feature j over the B rows (needs B ≥ 2):
//   μ_B = (1/B) Σ_i x_ij,  σ²_B = (1/B) Σ_i (x_ij − μ_B)²  (BIASED: it is the variance that normalizes)
//   x̂ = (x − μ_B)/√(σ²_B + ε),  y = γ ⊙ x̂ + β
void batch_norm_forward(const Matrix& x, const Matrix& gamma, const Matrix& beta, float eps, Matrix& y,
                        BatchNormCache& cache);
// Running statistics after a training batch of `batch` rows (torch: momentum is the weight of the
// NEW batch, 0.1 by default — the opposite of Keras' 0.99), with the UNBIASED batch variance:
//   running_mean ← (1 − m) running_mean + m μ_B
//   running_var  ← (1 − m) running_var  + m · B/(B−1) σ²_B
void batch_norm_update_running(const BatchNormCache& cache, int batch, float momentum, Matrix& running_mean,
                               Matrix& running_var);
// Evaluation forward with the running statistics, no batch statistics (works for any B ≥ 1):
//   y = γ ⊙ (x − running_mean)/√(running_var + ε) + β
void batch_norm_forward_eval(const Matrix& x, const Matrix& gamma, const Matrix& beta, const Matrix& running_mean,
                             const Matrix& running_var, float eps, Matrix& y, BatchNormCache& cache);
// Backward of the training forward (dx overwritten; dγ, dβ accumulate; cache's workspace is reused):
//   dβ += Σ_i dy,  dγ += Σ_i dy ⊙ x̂,
//   dx = (γ/√(σ²_B + ε))/B · (B dy − Σ_i dy − x̂ ⊙ Σ_i (dy ⊙ x̂))
void batch_norm_backward(const Matrix& dy, const Matrix& gamma, BatchNormCache& cache, Matrix& dx,
                         Matrix& dgamma, Matrix& dbeta);
// Backward of the evaluation forward (the statistics are constants): dx = dy ⊙ γ/√(running_var + ε).
void batch_norm_backward_eval(const Matrix& dy, const Matrix& gamma, BatchNormCache& cache, Matrix& dx,
                              Matrix& dgamma, Matrix& dbeta);

class BatchNorm : public Layer {
 public:
  BatchNorm(int features, float momentum, float eps);

  const char* kind() const override { return "batch_norm"; }
  // Train: batch statistics, then updates the running statistics; throws reglab::Error
  // ("training.batchSize") for a batch of fewer than 2 rows. Eval: running statistics.
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  std::vector<ParamRef> params() override;
  std::vector<std::pair<const char*, Matrix*>> buffers() override;  // running_mean, running_var

  const BatchNormCache& cache() const { return cache_; }  // statistics of the last forward
  float momentum() const { return momentum_; }
  float eps() const { return eps_; }

  Matrix gamma, beta, dgamma, dbeta;  // 1 × F; γ starts at 1, β at 0
  Matrix running_mean, running_var;   // 1 × F; start at 0 and 1

 private:
  float momentum_, eps_;
  Mode last_mode_ = Mode::Eval;
  BatchNormCache cache_;
  Matrix y_, dx_;
};

}  // namespace reglab
