#include "layers/layer_norm.h"

namespace reglab {

void layer_norm_forward(const Matrix& x, const Matrix& gamma, const Matrix& beta, float eps, Matrix& y,
                        LayerNormCache& cache) {
  const float inv_f = 1.0f / static_cast<float>(x.cols());
  cache.mean.resize(x.rows(), 1);
  cache.mean.noalias() = x.rowwise().sum() * inv_f;
  cache.xhat.resize(x.rows(), x.cols());
  cache.xhat.noalias() = x.colwise() - cache.mean.col(0);  // x − μ_i for now
  cache.var.resize(x.rows(), 1);
  cache.var.noalias() = cache.xhat.rowwise().squaredNorm() * inv_f;
  cache.inv_std.resize(x.rows(), 1);
  cache.inv_std.array() = (cache.var.array() + eps).rsqrt();
  cache.xhat.array().colwise() *= cache.inv_std.array().col(0);
  y.resize(x.rows(), x.cols());
  y.array() = (cache.xhat.array().rowwise() * gamma.array().row(0)).rowwise() + beta.array().row(0);
}

void layer_norm_backward(const Matrix& dy, const Matrix& gamma, const LayerNormCache& cache, Matrix& dx,
                         Matrix& dgamma, Matrix& dbeta) {
  dbeta.noalias() += dy.colwise().sum();
  dgamma.noalias() += dy.cwiseProduct(cache.xhat).colwise().sum();
  dx.resize(dy.rows(), dy.cols());
  dx.array() = dy.array().rowwise() * gamma.array().row(0);  // g = dy ⊙ γ
  // Sample by sample: the two means are scalars there.
  const float inv_f = 1.0f / static_cast<float>(dy.cols());
  for (Eigen::Index i = 0; i < dy.rows(); ++i) {
    const float mean_g = dx.row(i).sum() * inv_f;
    const float mean_g_xhat = dx.row(i).dot(cache.xhat.row(i)) * inv_f;
    dx.row(i).array() = cache.inv_std(i, 0) * (dx.row(i).array() - mean_g - cache.xhat.row(i).array() * mean_g_xhat);
  }
}

LayerNorm::LayerNorm(int features, float eps)
    : gamma(Matrix::Ones(1, features)), beta(Matrix::Zero(1, features)), dgamma(Matrix::Zero(1, features)),
      dbeta(Matrix::Zero(1, features)), eps_(eps) {}

const Matrix& LayerNorm::forward(const Matrix& x, Mode mode, Rng& rng) {
  layer_norm_forward(x, gamma, beta, eps_, y_, cache_);
  return y_;
}

const Matrix& LayerNorm::backward(const Matrix& dy) {
  layer_norm_backward(dy, gamma, cache_, dx_, dgamma, dbeta);
  return dx_;
}

std::vector<ParamRef> LayerNorm::params() {
  return {{"gamma", ParamRole::NormScale, &gamma, &dgamma, -1}, {"beta", ParamRole::NormShift, &beta, &dbeta, -1}};
}

}  // namespace reglab
