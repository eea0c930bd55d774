// Layer normalization (Ba et al. 2016, torch.nn.LayerNorm over the last dimension): each sample is
// normalized over its own features, so it behaves the same in training and evaluation and with
// any batch size (including 1).
// Over images (image_shape.h): LayerNorm(C·H·W) on the channel-major rows is exactly
// nn.LayerNorm([C, H, W]), with its ELEMENTWISE affine γ, β of C·H·W values (flattened channel-major).
#pragma once
#include "layers/layer.h"

namespace reglab {

// What the backward pass needs, per sample (B × 1 columns) and the normalized input.
struct LayerNormCache {
  Matrix mean;     // B × 1, μ_i
  Matrix var;      // B × 1, σ²_i BIASED (divide by F)
  Matrix inv_std;  // B × 1, 1/√(σ²_i + ε)
  Matrix xhat;     // B × F
};

// Per sample i over its F features:
//   μ_i = (1/F) Σ_j x_ij,  σ²_i = (1/F) Σ_j (x_ij − μ_i)²  (biased),
//   x̂ = (x − μ_i)/√(σ²_i + ε),  y = γ ⊙ x̂ + β   (γ, β: 1 × F, one per feature)
void layer_norm_forward(const Matrix& x, const Matrix& gamma, const Matrix& beta, float eps, Matrix& y,
                        LayerNormCache& cache);
// dβ += Σ_i dy,  dγ += Σ_i dy ⊙ x̂   (accumulate), and with g = dy ⊙ γ (dx overwritten):
//   dx_i = (1/√(σ²_i + ε)) (g_i − mean_j g_i − x̂_i · mean_j(g_i ⊙ x̂_i))
void layer_norm_backward(const Matrix& dy, const Matrix& gamma, const LayerNormCache& cache, Matrix& dx,
                         Matrix& dgamma, Matrix& dbeta);

class LayerNorm : public Layer {
 public:
  LayerNorm(int features, float eps);

  const char* kind() const override { return "layer_norm"; }
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) override;  // same in Train and Eval
  const Matrix& backward(const Matrix& dy) override;
  std::vector<ParamRef> params() override;

  const LayerNormCache& cache() const { return cache_; }
  float eps() const { return eps_; }

  Matrix gamma, beta, dgamma, dbeta;  // 1 × F; γ starts at 1, β at 0

 private:
  float eps_;
  LayerNormCache cache_;
  Matrix y_, dx_;
};

}  // namespace reglab
