// Dense (fully connected) layer: y = x Wᵀ + b, W stored out × in (the torch.nn.Linear layout).
// Optional spectral normalization replaces W by W_sn = W/σ in the forward pass (spectral_norm.h).
#pragma once
#include "layers/layer.h"

namespace reglab {

// y = x Wᵀ + b            x: B × in, W: out × in, b: 1 × out, y: B × out (resized).
void dense_forward(const Matrix& x, const Matrix& W, const Matrix& b, Matrix& y);
// dx = dy W (overwritten);  dW += dyᵀ x;  db += Σ_batch dy   (parameter gradients accumulate).
// input_gradient = false skips dx (left untouched): the first layer of a model needs no dL/dx.
void dense_backward(const Matrix& dy, const Matrix& x, const Matrix& W, Matrix& dx, Matrix& dW, Matrix& db,
                    bool input_gradient = true);

// He:     W ~ Normal(0, √(2/in))           (for ReLU-like activations)
// Xavier: W ~ Uniform(−√(6/(in+out)), +√(6/(in+out)))   (Glorot, for tanh / sigmoid)
// The bias starts at 0 in both cases.
enum class Init { He, Xavier };

class Dense : public Layer {
 public:
  Dense(int in, int out, Init init, Rng& rng);

  const char* kind() const override { return "dense"; }
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  std::vector<ParamRef> params() override;
  std::vector<std::pair<const char*, Matrix*>> buffers() override;  // "u", "v" when spectral norm is on

  // Off: backward only accumulates dW, db and returns a dx that is not computed (the model turns
  // it off for its first dense layer, whose dL/dx — the gradient of the data — nobody reads).
  void set_input_gradient(bool on) { input_gradient_ = on; }

  // Turns spectral normalization on: u starts as a normalized Normal(0, 1) vector of length out.
  // Training-mode forwards run `iterations` power iterations on the persistent u (and v);
  // evaluation-mode forwards reuse the stored u, v: σ = uᵀ W v (torch.nn.utils.spectral_norm).
  void enable_spectral_norm(int iterations, Rng& rng);
  bool spectral_norm_enabled() const { return spectral_iterations_ > 0; }

  // Spectral norm on: the σ that divided W in the last forward (uᵀWv for the stored u, v before
  // any forward). Off: the largest singular value of W, by power iteration on a private vector.
  float sigma() const;
  // Largest singular value of the weight the forward pass actually applies (W/σ when spectral
  // norm is on, W otherwise), by power iteration — the number behind "spectral norm keeps σ ≈ 1".
  float effective_sigma() const;
  // Extra power iterations on the persistent u, v (no gradient): the trainer runs a few after
  // each epoch so the weight used for evaluation is normalized by a converged σ̂, not by one
  // that lags a step behind W. Does nothing when spectral normalization is off.
  void refine_spectral_norm(int iterations);

  int in_features() const { return static_cast<int>(W.cols()); }
  int out_features() const { return static_cast<int>(W.rows()); }

  Matrix W, b, dW, db;

 private:
  float largest_singular_value(float scale) const;

  const Matrix* x_ = nullptr;  // input of the last forward (not copied: see layer.h)
  Matrix y_, dx_;
  bool input_gradient_ = true;
  // Spectral normalization state (spectral_iterations_ == 0: off).
  int spectral_iterations_ = 0;
  float sigma_ = 1.0f;
  Matrix u_, v_, W_sn_, dW_sn_;
  // Private power-iteration vectors for sigma() / effective_sigma() (warm-started across calls).
  mutable Matrix probe_u_, probe_v_;
};

}  // namespace reglab
