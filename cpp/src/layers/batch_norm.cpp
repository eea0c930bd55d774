#include "layers/batch_norm.h"

#include <cmath>
#include <string>

#include "reglab/error.h"

namespace reglab {

// Everything below sweeps the row-major B × F matrices row by row, with the per-feature
// statistics as 1 × F accumulators: contiguous inner loops that the compiler vectorizes.

void batch_norm_forward(const Matrix& x, const Matrix& gamma, const Matrix& beta, float eps, Matrix& y,
                        BatchNormCache& cache) {
  const Eigen::Index B = x.rows(), F = x.cols();
  const float inv_b = 1.0f / static_cast<float>(B);
  cache.mean.setZero(1, F);
  cache.var.setZero(1, F);
  cache.inv_std.resize(1, F);
  cache.xhat.resize(B, F);
  y.resize(B, F);
  float* __restrict mean = cache.mean.data();
  float* __restrict var = cache.var.data();
  float* __restrict inv_std = cache.inv_std.data();
  for (Eigen::Index i = 0; i < B; ++i) {
    const float* __restrict xi = x.data() + i * F;
    for (Eigen::Index j = 0; j < F; ++j) mean[j] += xi[j];
  }
  for (Eigen::Index j = 0; j < F; ++j) mean[j] *= inv_b;
  for (Eigen::Index i = 0; i < B; ++i) {  // x̂ holds x − μ_B for now
    const float* __restrict xi = x.data() + i * F;
    float* __restrict ci = cache.xhat.data() + i * F;
    for (Eigen::Index j = 0; j < F; ++j) {
      const float c = xi[j] - mean[j];
      ci[j] = c;
      var[j] += c * c;
    }
  }
  for (Eigen::Index j = 0; j < F; ++j) {
    var[j] *= inv_b;
    inv_std[j] = 1.0f / std::sqrt(var[j] + eps);
  }
  const float* __restrict g = gamma.data();
  const float* __restrict b = beta.data();
  for (Eigen::Index i = 0; i < B; ++i) {
    float* __restrict ci = cache.xhat.data() + i * F;
    float* __restrict yi = y.data() + i * F;
    for (Eigen::Index j = 0; j < F; ++j) {
      const float xhat = ci[j] * inv_std[j];
      ci[j] = xhat;
      yi[j] = xhat * g[j] + b[j];
    }
  }
}

void batch_norm_update_running(const BatchNormCache& cache, int batch, float momentum, Matrix& running_mean,
                               Matrix& running_var) {
  const float unbiased = static_cast<float>(batch) / static_cast<float>(batch - 1);
  running_mean = (1.0f - momentum) * running_mean + momentum * cache.mean;
  running_var = (1.0f - momentum) * running_var + (momentum * unbiased) * cache.var;
}

void batch_norm_forward_eval(const Matrix& x, const Matrix& gamma, const Matrix& beta, const Matrix& running_mean,
                             const Matrix& running_var, float eps, Matrix& y, BatchNormCache& cache) {
  const Eigen::Index B = x.rows(), F = x.cols();
  cache.mean = running_mean;
  cache.var = running_var;
  cache.inv_std.resize(1, F);
  cache.xhat.resize(B, F);
  y.resize(B, F);
  float* __restrict inv_std = cache.inv_std.data();
  for (Eigen::Index j = 0; j < F; ++j) inv_std[j] = 1.0f / std::sqrt(running_var(0, j) + eps);
  const float* __restrict mean = running_mean.data();
  const float* __restrict g = gamma.data();
  const float* __restrict b = beta.data();
  for (Eigen::Index i = 0; i < B; ++i) {
    const float* __restrict xi = x.data() + i * F;
    float* __restrict ci = cache.xhat.data() + i * F;
    float* __restrict yi = y.data() + i * F;
    for (Eigen::Index j = 0; j < F; ++j) {
      const float xhat = (xi[j] - mean[j]) * inv_std[j];
      ci[j] = xhat;
      yi[j] = xhat * g[j] + b[j];
    }
  }
}

namespace {

// Σ_i dy and Σ_i dy ⊙ x̂ per feature into cache.sum_dy / cache.sum_dy_xhat (one row sweep), and
// accumulated into dβ, dγ.
void batch_norm_param_grads(const Matrix& dy, BatchNormCache& cache, Matrix& dgamma, Matrix& dbeta) {
  const Eigen::Index B = dy.rows(), F = dy.cols();
  cache.sum_dy.setZero(1, F);
  cache.sum_dy_xhat.setZero(1, F);
  float* __restrict s = cache.sum_dy.data();
  float* __restrict sx = cache.sum_dy_xhat.data();
  for (Eigen::Index i = 0; i < B; ++i) {
    const float* __restrict gi = dy.data() + i * F;
    const float* __restrict ci = cache.xhat.data() + i * F;
    for (Eigen::Index j = 0; j < F; ++j) {
      s[j] += gi[j];
      sx[j] += gi[j] * ci[j];
    }
  }
  dbeta += cache.sum_dy;
  dgamma += cache.sum_dy_xhat;
}

}  // namespace

void batch_norm_backward(const Matrix& dy, const Matrix& gamma, BatchNormCache& cache, Matrix& dx, Matrix& dgamma,
                         Matrix& dbeta) {
  const Eigen::Index B = dy.rows(), F = dy.cols();
  const float b = static_cast<float>(B);
  batch_norm_param_grads(dy, cache, dgamma, dbeta);
  // The per-feature factor γ/√(σ²_B + ε)/B.
  cache.scale.resize(1, F);
  float* __restrict scale = cache.scale.data();
  for (Eigen::Index j = 0; j < F; ++j) scale[j] = gamma(0, j) * cache.inv_std(0, j) / b;
  const float* __restrict s = cache.sum_dy.data();
  const float* __restrict sx = cache.sum_dy_xhat.data();
  dx.resize(B, F);
  for (Eigen::Index i = 0; i < B; ++i) {
    const float* __restrict gi = dy.data() + i * F;
    const float* __restrict ci = cache.xhat.data() + i * F;
    float* __restrict di = dx.data() + i * F;
    for (Eigen::Index j = 0; j < F; ++j) di[j] = scale[j] * (b * gi[j] - s[j] - ci[j] * sx[j]);
  }
}

void batch_norm_backward_eval(const Matrix& dy, const Matrix& gamma, BatchNormCache& cache, Matrix& dx,
                              Matrix& dgamma, Matrix& dbeta) {
  const Eigen::Index B = dy.rows(), F = dy.cols();
  batch_norm_param_grads(dy, cache, dgamma, dbeta);
  dx.resize(B, F);
  const float* __restrict g = gamma.data();
  const float* __restrict inv_std = cache.inv_std.data();
  for (Eigen::Index i = 0; i < B; ++i) {
    const float* __restrict gi = dy.data() + i * F;
    float* __restrict di = dx.data() + i * F;
    for (Eigen::Index j = 0; j < F; ++j) di[j] = gi[j] * g[j] * inv_std[j];
  }
}

BatchNorm::BatchNorm(int features, float momentum, float eps)
    : gamma(Matrix::Ones(1, features)), beta(Matrix::Zero(1, features)), dgamma(Matrix::Zero(1, features)),
      dbeta(Matrix::Zero(1, features)), running_mean(Matrix::Zero(1, features)),
      running_var(Matrix::Ones(1, features)), momentum_(momentum), eps_(eps) {}

const Matrix& BatchNorm::forward(const Matrix& x, Mode mode, Rng& rng) {
  last_mode_ = mode;
  if (mode == Mode::Eval) {
    batch_norm_forward_eval(x, gamma, beta, running_mean, running_var, eps_, y_, cache_);
    return y_;
  }
  if (x.rows() < 2)
    throw Error("training.batchSize",
                "batch normalization needs at least 2 samples per batch in training mode, got " +
                    std::to_string(x.rows()) +
                    " (one sample has no batch variance; use a larger batch size, make sure the last "
                    "minibatch of an epoch does not hold a single sample, or use layer normalization)");
  batch_norm_forward(x, gamma, beta, eps_, y_, cache_);
  batch_norm_update_running(cache_, static_cast<int>(x.rows()), momentum_, running_mean, running_var);
  return y_;
}

const Matrix& BatchNorm::backward(const Matrix& dy) {
  if (last_mode_ == Mode::Train)
    batch_norm_backward(dy, gamma, cache_, dx_, dgamma, dbeta);
  else
    batch_norm_backward_eval(dy, gamma, cache_, dx_, dgamma, dbeta);
  return dx_;
}

std::vector<ParamRef> BatchNorm::params() {
  return {{"gamma", ParamRole::NormScale, &gamma, &dgamma, -1}, {"beta", ParamRole::NormShift, &beta, &dbeta, -1}};
}

std::vector<std::pair<const char*, Matrix*>> BatchNorm::buffers() {
  return {{"running_mean", &running_mean}, {"running_var", &running_var}};
}

}  // namespace reglab
