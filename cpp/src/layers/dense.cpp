#include "layers/dense.h"

#include <algorithm>
#include <cmath>

#include "reglab/gemm.h"
#include "layers/spectral_norm.h"
#include "reglab/error.h"

namespace reglab {

// The three products run on reglab/gemm.h (the packed SIMD128 kernel in the wasm build).
void dense_forward(const Matrix& x, const Matrix& W, const Matrix& b, Matrix& y) {
  const int batch = static_cast<int>(x.rows()), in = static_cast<int>(W.cols()), out = static_cast<int>(W.rows());
  y.resize(batch, out);
  gemm(false, true, batch, out, in, x.data(), in, W.data(), in, y.data(), out, false);  // y = x Wᵀ
  const float* __restrict bias = b.data();
  for (int i = 0; i < batch; ++i) {  // a plain loop: Eigen's rowwise broadcast was 7 % of a W1 epoch
    float* __restrict yi = y.data() + static_cast<ptrdiff_t>(i) * out;
    for (int j = 0; j < out; ++j) yi[j] += bias[j];
  }
}

void dense_backward(const Matrix& dy, const Matrix& x, const Matrix& W, Matrix& dx, Matrix& dW, Matrix& db,
                    bool input_gradient) {
  const int batch = static_cast<int>(dy.rows()), in = static_cast<int>(W.cols()), out = static_cast<int>(W.rows());
  if (input_gradient) {
    dx.resize(batch, in);
    gemm(false, false, batch, in, out, dy.data(), out, W.data(), in, dx.data(), in, false);  // dx = dy W
  }
  gemm(true, false, out, in, batch, dy.data(), out, x.data(), in, dW.data(), in, true);    // dW += dyᵀ x
  db.noalias() += dy.colwise().sum();
}

Dense::Dense(int in, int out, Init init, Rng& rng)
    : W(out, in), b(Matrix::Zero(1, out)), dW(Matrix::Zero(out, in)), db(Matrix::Zero(1, out)) {
  if (init == Init::He) {
    const double stddev = std::sqrt(2.0 / in);
    for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = static_cast<float>(rng.normal(0.0, stddev));
  } else {
    const double limit = std::sqrt(6.0 / (in + out));
    for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = static_cast<float>(rng.uniform(-limit, limit));
  }
}

const Matrix& Dense::forward(const Matrix& x, Mode mode, Rng& rng) {
  x_ = &x;  // no copy: x outlives the backward (layer.h)
  if (spectral_iterations_ == 0) {
    dense_forward(x, W, b, y_);
    return y_;
  }
  // A layer whose weights are all 0 (e.g. after a strong proximal L1 step) drives u to 0, and u
  // would then stay 0 for good: restart it from a constant unit vector.
  if (mode == Mode::Train && u_.squaredNorm() == 0.0f) u_.setConstant(1.0f / std::sqrt(static_cast<float>(u_.cols())));
  sigma_ = spectral_norm_power_iteration(W, u_, v_, mode == Mode::Train ? spectral_iterations_ : 0);
  // W = 0 has no direction to normalize: use σ = 1 (W_sn = W = 0) rather than dividing by 0.
  if (!(sigma_ > 1e-12f)) sigma_ = 1.0f;
  W_sn_ = W / sigma_;
  dense_forward(x, W_sn_, b, y_);
  return y_;
}

const Matrix& Dense::backward(const Matrix& dy) {
  if (spectral_iterations_ == 0) {
    dense_backward(dy, *x_, W, dx_, dW, db, input_gradient_);
    return dx_;
  }
  // Gradient with respect to W_sn first, then mapped back to W through W_sn = W/σ.
  dW_sn_.setZero(W.rows(), W.cols());
  dense_backward(dy, *x_, W_sn_, dx_, dW_sn_, db, input_gradient_);
  spectral_norm_backward(dW_sn_, W, u_, v_, sigma_, dW);
  return dx_;
}

std::vector<ParamRef> Dense::params() {
  return {{"W", ParamRole::Weight, &W, &dW, -1}, {"b", ParamRole::Bias, &b, &db, -1}};
}

std::vector<std::pair<const char*, Matrix*>> Dense::buffers() {
  if (spectral_iterations_ == 0) return {};
  // v is saved as well so that an evaluation after loading the weights uses exactly the σ of training.
  return {{"u", &u_}, {"v", &v_}};
}

constexpr int kSpectralWarmup = 15;

void Dense::enable_spectral_norm(int iterations, Rng& rng) {
  if (iterations < 1)
    throw Error("regularization.spectralIterations",
                "spectral normalization needs at least 1 power iteration, got " + format_number(iterations));
  spectral_iterations_ = iterations;
  u_.resize(1, W.rows());
  for (Eigen::Index i = 0; i < u_.size(); ++i) u_.data()[i] = static_cast<float>(rng.normal());
  u_ /= std::max(u_.norm(), 1e-12f);
  // Warm up u with 15 power iterations, as torch.nn.utils.spectral_norm does when it is
  // registered: with 1 iteration per step from a random u, σ̂ starts far below σ(W) and the
  // normalized weight's σ(W/σ̂) would sit well above 1 for the first epochs.
  v_.resize(1, W.cols());
  sigma_ = spectral_norm_power_iteration(W, u_, v_, kSpectralWarmup);
}

float Dense::sigma() const {
  if (spectral_iterations_ > 0) return sigma_;
  return largest_singular_value(1.0f);
}

void Dense::refine_spectral_norm(int iterations) {
  if (spectral_iterations_ > 0 && iterations > 0) sigma_ = spectral_norm_power_iteration(W, u_, v_, iterations);
}

float Dense::effective_sigma() const {
  return largest_singular_value(spectral_iterations_ > 0 ? 1.0f / sigma_ : 1.0f);
}

// Largest singular value of scale·W (spectral_norm.h: warm_started_sigma).
float Dense::largest_singular_value(float scale) const { return warm_started_sigma(W, probe_u_, probe_v_, scale); }

}  // namespace reglab
