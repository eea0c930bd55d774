#include "layers/batch_norm.h"

#include <string>

#include "reglab/error.h"

namespace reglab {

void batch_norm_forward(const Matrix& x, const Matrix& gamma, const Matrix& beta, float eps, Matrix& y,
                        BatchNormCache& cache) {
  const float inv_b = 1.0f / static_cast<float>(x.rows());
  cache.mean.resize(1, x.cols());
  cache.mean.noalias() = x.colwise().sum() * inv_b;
  cache.xhat.resize(x.rows(), x.cols());
  cache.xhat.noalias() = x.rowwise() - cache.mean.row(0);  // x − μ_B for now
  cache.var.resize(1, x.cols());
  cache.var.noalias() = cache.xhat.colwise().squaredNorm() * inv_b;
  cache.inv_std.resize(1, x.cols());
  cache.inv_std.array() = (cache.var.array() + eps).rsqrt();
  cache.xhat.array().rowwise() *= cache.inv_std.array().row(0);
  y.resize(x.rows(), x.cols());
  y.array() = (cache.xhat.array().rowwise() * gamma.array().row(0)).rowwise() + beta.array().row(0);
}

void batch_norm_update_running(const BatchNormCache& cache, int batch, float momentum, Matrix& running_mean,
                               Matrix& running_var) {
  const float unbiased = static_cast<float>(batch) / static_cast<float>(batch - 1);
  running_mean = (1.0f - momentum) * running_mean + momentum * cache.mean;
  running_var = (1.0f - momentum) * running_var + (momentum * unbiased) * cache.var;
}

void batch_norm_forward_eval(const Matrix& x, const Matrix& gamma, const Matrix& beta, const Matrix& running_mean,
                             const Matrix& running_var, float eps, Matrix& y, BatchNormCache& cache) {
  cache.mean = running_mean;
  cache.var = running_var;
  cache.inv_std.resize(1, x.cols());
  cache.inv_std.array() = (running_var.array() + eps).rsqrt();
  cache.xhat.resize(x.rows(), x.cols());
  cache.xhat.array() = (x.array().rowwise() - running_mean.array().row(0)).rowwise() * cache.inv_std.array().row(0);
  y.resize(x.rows(), x.cols());
  y.array() = (cache.xhat.array().rowwise() * gamma.array().row(0)).rowwise() + beta.array().row(0);
}

void batch_norm_backward(const Matrix& dy, const Matrix& gamma, const BatchNormCache& cache, Matrix& dx,
                         Matrix& dgamma, Matrix& dbeta) {
  const float b = static_cast<float>(dy.rows());
  dx.resize(dy.rows(), dy.cols());
  // Feature by feature: the two batch sums are scalars there, so no temporary is needed.
  for (Eigen::Index j = 0; j < dy.cols(); ++j) {
    const float sum_dy = dy.col(j).sum();
    const float sum_dy_xhat = dy.col(j).dot(cache.xhat.col(j));
    dbeta(0, j) += sum_dy;
    dgamma(0, j) += sum_dy_xhat;
    const float scale = gamma(0, j) * cache.inv_std(0, j) / b;
    dx.col(j).array() = scale * (b * dy.col(j).array() - sum_dy - cache.xhat.col(j).array() * sum_dy_xhat);
  }
}

void batch_norm_backward_eval(const Matrix& dy, const Matrix& gamma, const BatchNormCache& cache, Matrix& dx,
                              Matrix& dgamma, Matrix& dbeta) {
  dbeta.noalias() += dy.colwise().sum();
  dgamma.noalias() += dy.cwiseProduct(cache.xhat).colwise().sum();
  dx.resize(dy.rows(), dy.cols());
  dx.array() = (dy.array().rowwise() * gamma.array().row(0)).rowwise() * cache.inv_std.array().row(0);
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
