#include "layers/sequence/masked_batch_norm.h"

namespace reglab {

void masked_batch_norm_forward(const Matrix& x, const Matrix& row_weight, const Matrix& gamma, const Matrix& beta,
                               float eps, Matrix& y, BatchNormCache& cache) {
  const float n = row_weight.sum();
  const float inv_n = n > 0.0f ? 1.0f / n : 0.0f;
  // (1 × rows) · (rows × F): the selection weights the rows.
  cache.mean.noalias() = row_weight.transpose() * x * inv_n;
  cache.xhat.resize(x.rows(), x.cols());
  cache.xhat.noalias() = x.rowwise() - cache.mean.row(0);  // x − μ for now
  cache.var.noalias() = row_weight.transpose() * cache.xhat.cwiseAbs2() * inv_n;
  cache.inv_std.resize(1, x.cols());
  cache.inv_std.array() = (cache.var.array() + eps).rsqrt();
  cache.xhat.array().rowwise() *= cache.inv_std.array().row(0);
  y.resize(x.rows(), x.cols());
  y.array() = (cache.xhat.array().rowwise() * gamma.array().row(0)).rowwise() + beta.array().row(0);
}

void masked_batch_norm_backward(const Matrix& dy, const Matrix& row_weight, const Matrix& gamma, BatchNormCache& cache,
                                Matrix& dx, Matrix& dgamma, Matrix& dbeta) {
  const float n = row_weight.sum();
  const float inv_n = n > 0.0f ? 1.0f / n : 0.0f;
  cache.sum_dy.noalias() = dy.colwise().sum();
  cache.sum_dy_xhat.noalias() = dy.cwiseProduct(cache.xhat).colwise().sum();
  dbeta += cache.sum_dy;
  dgamma += cache.sum_dy_xhat;
  cache.scale.array() = gamma.array() * cache.inv_std.array();  // γ s
  dx.resize(dy.rows(), dy.cols());
  // dx_i = γ s ⊙ (dy_i − (r_i/N)(Σ dy + x̂_i ⊙ Σ dy ⊙ x̂))
  for (Eigen::Index i = 0; i < dy.rows(); ++i) {
    const float r = row_weight(i, 0) * inv_n;
    dx.row(i).array() = cache.scale.array() * (dy.row(i).array() - r * (cache.sum_dy.array() +
                                                                         cache.xhat.row(i).array() *
                                                                             cache.sum_dy_xhat.array()));
  }
}

MaskedBatchNorm::MaskedBatchNorm(int features, float momentum, float eps, bool include_padding)
    : gamma(Matrix::Ones(1, features)), beta(Matrix::Zero(1, features)), dgamma(Matrix::Zero(1, features)),
      dbeta(Matrix::Zero(1, features)), running_mean(Matrix::Zero(1, features)),
      running_var(Matrix::Ones(1, features)), momentum_(momentum), eps_(eps), include_padding_(include_padding) {}

const Matrix& MaskedBatchNorm::forward(const Matrix& x, const Matrix& mask, Mode mode, Rng&) {
  check_sequence_shape(x, mask, "masked_batch_norm");
  last_mode_ = mode;
  if (mode == Mode::Eval) {
    batch_norm_forward_eval(x, gamma, beta, running_mean, running_var, eps_, y_, cache_);
    return y_;
  }
  row_weight_.resize(x.rows(), 1);
  if (include_padding_)
    row_weight_.setOnes();
  else
    row_weight_ = Eigen::Map<const Matrix>(mask.data(), x.rows(), 1);  // row b·T + t = mask(b, t)
  const int selected = static_cast<int>(row_weight_.sum() + 0.5f);
  if (selected < 2)
    throw Error("training.batchSize", std::string("batch normalization needs at least 2 ") +
                                          (include_padding_ ? "positions" : "real tokens") + " in a batch, got " +
                                          format_number(selected));
  masked_batch_norm_forward(x, row_weight_, gamma, beta, eps_, y_, cache_);
  batch_norm_update_running(cache_, selected, momentum_, running_mean, running_var);
  return y_;
}

const Matrix& MaskedBatchNorm::backward(const Matrix& dy) {
  if (last_mode_ == Mode::Eval)
    batch_norm_backward_eval(dy, gamma, cache_, dx_, dgamma, dbeta);
  else
    masked_batch_norm_backward(dy, row_weight_, gamma, cache_, dx_, dgamma, dbeta);
  return dx_;
}

std::vector<ParamRef> MaskedBatchNorm::params() {
  return {{"gamma", ParamRole::NormScale, &gamma, &dgamma, -1}, {"beta", ParamRole::NormShift, &beta, &dbeta, -1}};
}

std::vector<std::pair<const char*, Matrix*>> MaskedBatchNorm::buffers() {
  return {{"running_mean", &running_mean}, {"running_var", &running_var}};
}

}  // namespace reglab
