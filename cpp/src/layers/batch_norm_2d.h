// Batch normalization over channels (torch.nn.BatchNorm2d): one mean, variance, γ and β per
// channel, the statistics taken over the batch AND the pixels (N·H·W values per channel), on
// images stored one per row, channel-major (image_shape.h). The conventions are those of
// batch_norm.h (BatchNorm1d): biased variance to normalize, unbiased for the running variance,
// momentum = weight of the new batch (0.1 by default), running statistics start at 0 and 1.
#pragma once
#include "layers/batch_norm.h"
#include "layers/image_shape.h"

namespace reglab {

// Training forward, per channel c over the M = N·H·W values x[n][c][i][j] (needs M ≥ 2):
//   μ_c = (1/M) Σ x,  σ²_c = (1/M) Σ (x − μ_c)²  (BIASED),
//   x̂ = (x − μ_c)/√(σ²_c + ε),  y = γ_c x̂ + β_c
// cache.mean / var / inv_std are 1 × C, cache.xhat B × C·H·W. The running statistics are then
// updated by batch_norm_update_running(cache, M, …): running_var gets M/(M−1) σ²_c.
void batch_norm_2d_forward(const Matrix& x, const ImageShape& shape, const Matrix& gamma, const Matrix& beta,
                           float eps, Matrix& y, BatchNormCache& cache);
// Evaluation forward: y = γ_c (x − running_mean_c)/√(running_var_c + ε) + β_c.
void batch_norm_2d_forward_eval(const Matrix& x, const ImageShape& shape, const Matrix& gamma, const Matrix& beta,
                                const Matrix& running_mean, const Matrix& running_var, float eps, Matrix& y,
                                BatchNormCache& cache);
// Backward of the training forward (dx overwritten; dγ, dβ accumulate), per channel over its M values:
//   dβ_c += Σ dy,  dγ_c += Σ dy ⊙ x̂,  dx = (γ_c/√(σ²_c + ε))/M · (M dy − Σ dy − x̂ Σ (dy ⊙ x̂))
void batch_norm_2d_backward(const Matrix& dy, const ImageShape& shape, const Matrix& gamma, BatchNormCache& cache,
                            Matrix& dx, Matrix& dgamma, Matrix& dbeta);
// Backward of the evaluation forward: dx = dy γ_c/√(running_var_c + ε); dγ, dβ as above.
void batch_norm_2d_backward_eval(const Matrix& dy, const ImageShape& shape, const Matrix& gamma,
                                 BatchNormCache& cache, Matrix& dx, Matrix& dgamma, Matrix& dbeta);

class BatchNorm2D : public Layer {
 public:
  BatchNorm2D(const ImageShape& shape, float momentum, float eps);

  const char* kind() const override { return "batch_norm_2d"; }
  // Train: batch statistics, then the running statistics; throws reglab::Error ("training.batchSize")
  // when a channel has fewer than 2 values (a batch of one 1×1 image). Eval: running statistics.
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  std::vector<ParamRef> params() override;                          // gamma (NormScale), beta (NormShift)
  std::vector<std::pair<const char*, Matrix*>> buffers() override;  // running_mean, running_var

  const BatchNormCache& cache() const { return cache_; }
  const ImageShape& shape() const { return shape_; }
  float momentum() const { return momentum_; }
  float eps() const { return eps_; }

  Matrix gamma, beta, dgamma, dbeta;  // 1 × C; γ starts at 1, β at 0
  Matrix running_mean, running_var;   // 1 × C; start at 0 and 1

 private:
  ImageShape shape_;
  float momentum_, eps_;
  Mode last_mode_ = Mode::Eval;
  BatchNormCache cache_;
  Matrix y_, dx_;
};

}  // namespace reglab
