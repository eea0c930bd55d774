#include "layers/sequence/gru.h"

#include <cmath>

#include "reglab/gemm.h"
#include "layers/dense.h"
#include "layers/sequence/gru_cell.h"

namespace reglab {

namespace {
constexpr float kLayerNormEps = 1e-5f;

// Row b·T + t of x → row t·B + b of x_time, and back.
void to_time_major(const Matrix& x, int B, int T, Matrix& x_time) {
  x_time.resize(x.rows(), x.cols());
  for (int b = 0; b < B; ++b)
    for (int t = 0; t < T; ++t) x_time.row(static_cast<Eigen::Index>(t) * B + b) = x.row(static_cast<Eigen::Index>(b) * T + t);
}

void to_sequence_major(const Eigen::Ref<const Matrix>& x_time, int B, int T, Matrix& x) {
  x.resize(x_time.rows(), x_time.cols());
  for (int b = 0; b < B; ++b)
    for (int t = 0; t < T; ++t) x.row(static_cast<Eigen::Index>(b) * T + t) = x_time.row(static_cast<Eigen::Index>(t) * B + b);
}

Matrix uniform(int rows, int cols, float limit, Rng& rng) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform(-limit, limit));
  return m;
}
}  // namespace

Gru::Gru(int inputs, int hidden, bool layer_norm, Rng& rng) : layer_norm_(layer_norm) {
  if (hidden < 1) throw Error("model.hidden", "the GRU needs at least 1 hidden unit, got " + format_number(hidden));
  const float limit = 1.0f / std::sqrt(static_cast<float>(hidden));
  W_ih = uniform(3 * hidden, inputs, limit, rng);
  W_hh = uniform(3 * hidden, hidden, limit, rng);
  b_ih = uniform(1, 3 * hidden, limit, rng);
  b_hh = uniform(1, 3 * hidden, limit, rng);
  dW_ih.setZero(3 * hidden, inputs);
  dW_hh.setZero(3 * hidden, hidden);
  db_ih.setZero(1, 3 * hidden);
  db_hh.setZero(1, 3 * hidden);
  for (Matrix* m : {&gamma_ih, &gamma_hh}) m->setOnes(1, 3 * hidden);
  for (Matrix* m : {&beta_ih, &beta_hh, &dgamma_ih, &dbeta_ih, &dgamma_hh, &dbeta_hh}) m->setZero(1, 3 * hidden);
}

const Matrix& Gru::forward(const Matrix& x, const Matrix& mask, Mode, Rng&) {
  check_sequence_shape(x, mask, "gru");
  B_ = static_cast<int>(mask.rows());
  T_ = static_cast<int>(mask.cols());
  mask_ = &mask;
  const int H = hidden(), H3 = 3 * H;
  to_time_major(x, B_, T_, x_time_);
  dense_forward(x_time_, W_ih, b_ih, gi_pre_);  // all steps at once
  if (layer_norm_)
    layer_norm_forward(gi_pre_, gamma_ih, beta_ih, kLayerNormEps, gi_, ln_ih_);
  const Matrix& gi = layer_norm_ ? gi_ : gi_pre_;
  const Eigen::Index BT = static_cast<Eigen::Index>(B_) * T_;
  states_.setZero(BT + B_, H);
  gh_pre_.resize(BT, H3);
  if (layer_norm_) {
    gh_.resize(BT, H3);
    ln_hh_.resize(T_);
  }
  r_.resize(BT, H);
  z_.resize(BT, H);
  n_.resize(BT, H);
  h_new_.resize(B_, H);
  for (int t = 0; t < T_; ++t) {
    const Eigen::Index row = static_cast<Eigen::Index>(t) * B_;
    float* gh_pre = gh_pre_.data() + row * H3;
    gemm(false, true, B_, H3, H, states_.data() + row * H, H, W_hh.data(), H, gh_pre, H3, false);
    gh_pre_.middleRows(row, B_).rowwise() += b_hh.row(0);
    if (layer_norm_) {
      step_in_ = gh_pre_.middleRows(row, B_);
      layer_norm_forward(step_in_, gamma_hh, beta_hh, kLayerNormEps, step_out_, ln_hh_[t]);
      gh_.middleRows(row, B_) = step_out_;
    }
    const Matrix& gh = layer_norm_ ? gh_ : gh_pre_;
    gru_cell_forward(gi.middleRows(row, B_), gh.middleRows(row, B_), states_.middleRows(row, B_),
                     r_.middleRows(row, B_), z_.middleRows(row, B_), n_.middleRows(row, B_), h_new_);
    for (int b = 0; b < B_; ++b) {
      const float k = mask(b, t);
      states_.row(row + B_ + b) = k * h_new_.row(b) + (1.0f - k) * states_.row(row + b);
    }
  }
  to_sequence_major(states_.bottomRows(BT), B_, T_, y_);
  return y_;
}

const Matrix& Gru::backward(const Matrix& dy) {
  const int H = hidden(), H3 = 3 * H;
  const Eigen::Index BT = static_cast<Eigen::Index>(B_) * T_;
  const Matrix& mask = *mask_;
  const Matrix& gh = layer_norm_ ? gh_ : gh_pre_;
  to_time_major(dy, B_, T_, dy_time_);
  dgi_.resize(BT, H3);
  dgh_.resize(B_, H3);
  dh_cell_.resize(B_, H);
  dh_new_.resize(B_, H);
  Matrix& dh_carry = dh_carry_;  // dL/dh_t from the steps after t
  dh_carry.setZero(B_, H);
  for (int t = T_ - 1; t >= 0; --t) {
    const Eigen::Index row = static_cast<Eigen::Index>(t) * B_;
    dh_carry += dy_time_.middleRows(row, B_);  // dL/dh_t in total
    for (int b = 0; b < B_; ++b) {             // h_t = k h'_t + (1 − k) h_{t−1}
      const float k = mask(b, t);
      dh_new_.row(b) = k * dh_carry.row(b);
      dh_carry.row(b) *= 1.0f - k;
    }
    gru_cell_backward(dh_new_, gh.middleRows(row, B_), states_.middleRows(row, B_), r_.middleRows(row, B_),
                      z_.middleRows(row, B_), n_.middleRows(row, B_), dgi_.middleRows(row, B_), dgh_, dh_cell_);
    const Matrix* dgh_pre = &dgh_;
    if (layer_norm_) {
      layer_norm_backward(dgh_, gamma_hh, ln_hh_[t], dgh_pre_, dgamma_hh, dbeta_hh);
      dgh_pre = &dgh_pre_;
    }
    const float* h_prev = states_.data() + row * H;
    gemm(true, false, H3, H, B_, dgh_pre->data(), H3, h_prev, H, dW_hh.data(), H, true);  // dW_hh += dghᵀ h_{t−1}
    db_hh.noalias() += dgh_pre->colwise().sum();
    dh_carry += dh_cell_;
    gemm(false, false, B_, H, H3, dgh_pre->data(), H3, W_hh.data(), H, dh_carry.data(), H, true);  // += dgh W_hh
  }
  if (layer_norm_) layer_norm_backward(dgi_, gamma_ih, ln_ih_, dgi_pre_, dgamma_ih, dbeta_ih);
  dense_backward(layer_norm_ ? dgi_pre_ : dgi_, x_time_, W_ih, dx_time_, dW_ih, db_ih);
  to_sequence_major(dx_time_, B_, T_, dx_);
  return dx_;
}

std::vector<ParamRef> Gru::params() {
  std::vector<ParamRef> out = {{"W_ih", ParamRole::Weight, &W_ih, &dW_ih, -1},
                               {"W_hh", ParamRole::Weight, &W_hh, &dW_hh, -1},
                               {"b_ih", ParamRole::Bias, &b_ih, &db_ih, -1},
                               {"b_hh", ParamRole::Bias, &b_hh, &db_hh, -1}};
  if (layer_norm_) {
    out.push_back({"gamma_ih", ParamRole::NormScale, &gamma_ih, &dgamma_ih, -1});
    out.push_back({"beta_ih", ParamRole::NormShift, &beta_ih, &dbeta_ih, -1});
    out.push_back({"gamma_hh", ParamRole::NormScale, &gamma_hh, &dgamma_hh, -1});
    out.push_back({"beta_hh", ParamRole::NormShift, &beta_hh, &dbeta_hh, -1});
  }
  return out;
}

Matrix Gru::last_state() const { return states_.bottomRows(B_); }

}  // namespace reglab
