#include "layers/conv2d.h"

#include <algorithm>
#include <cmath>

#include "kernels/gemm.h"
#include "layers/spectral_norm.h"

namespace reglab {

void conv2d_forward(const Matrix& x, const Matrix& W, const Matrix& b, const Conv2DGeometry& g, Matrix& y,
                    Matrix& cols) {
  const int batch = static_cast<int>(x.rows()), out = g.out_channels, patch = g.patch();
  const int pixels = g.out_h * g.out_w, in_size = g.in.size(), out_size = out * pixels;
  check_image_batch(x, g.in, "conv2d input");
  y.resize(batch, out_size);
  if (g.pointwise())
    cols.resize(0, 0);
  else
    cols.resize(static_cast<Eigen::Index>(batch) * patch, pixels);
  for (int n = 0; n < batch; ++n) {
    const float* xn = x.data() + static_cast<ptrdiff_t>(n) * in_size;
    const float* cn = xn;
    if (!g.pointwise()) {
      float* c = cols.data() + static_cast<ptrdiff_t>(n) * patch * pixels;
      im2col(xn, g, c);
      cn = c;
    }
    float* yn = y.data() + static_cast<ptrdiff_t>(n) * out_size;
    gemm(false, false, out, pixels, patch, W.data(), patch, cn, pixels, yn, pixels, false);  // y_n = W cols_n
    for (int o = 0; o < out; ++o) {
      float* __restrict plane = yn + static_cast<ptrdiff_t>(o) * pixels;
      const float bias = b(0, o);
      for (int p = 0; p < pixels; ++p) plane[p] += bias;
    }
  }
}

void conv2d_backward(const Matrix& dy, const Matrix& x, const Matrix& W, const Conv2DGeometry& g, const Matrix& cols,
                     Matrix& dx, Matrix& dW, Matrix& db, Matrix& dcols, bool input_gradient) {
  const int batch = static_cast<int>(dy.rows()), out = g.out_channels, patch = g.patch();
  const int pixels = g.out_h * g.out_w, in_size = g.in.size(), out_size = out * pixels;
  if (input_gradient) {
    dx.setZero(batch, in_size);
    if (!g.pointwise()) dcols.resize(patch, pixels);
  }
  float* __restrict dbias = db.data();
  for (int n = 0; n < batch; ++n) {
    const float* dyn = dy.data() + static_cast<ptrdiff_t>(n) * out_size;
    for (int o = 0; o < out; ++o) {
      const float* __restrict plane = dyn + static_cast<ptrdiff_t>(o) * pixels;
      float sum = 0.0f;
      for (int p = 0; p < pixels; ++p) sum += plane[p];
      dbias[o] += sum;
    }
    const float* cn = g.pointwise() ? x.data() + static_cast<ptrdiff_t>(n) * in_size
                                    : cols.data() + static_cast<ptrdiff_t>(n) * patch * pixels;
    gemm(false, true, out, patch, pixels, dyn, pixels, cn, pixels, dW.data(), patch, true);  // dW += dy_n cols_nᵀ
    if (!input_gradient) continue;
    float* dxn = dx.data() + static_cast<ptrdiff_t>(n) * in_size;
    if (g.pointwise()) {
      gemm(true, false, patch, pixels, out, W.data(), patch, dyn, pixels, dxn, pixels, false);  // dx_n = Wᵀ dy_n
    } else {
      gemm(true, false, patch, pixels, out, W.data(), patch, dyn, pixels, dcols.data(), pixels, false);
      col2im(dcols.data(), g, dxn);
    }
  }
}

Conv2D::Conv2D(const Conv2DGeometry& geometry, Init init, Rng& rng)
    : W(geometry.out_channels, geometry.patch()), b(Matrix::Zero(1, geometry.out_channels)),
      dW(Matrix::Zero(geometry.out_channels, geometry.patch())), db(Matrix::Zero(1, geometry.out_channels)),
      geometry_(geometry) {
  const double fan_in = geometry.patch(), fan_out = static_cast<double>(geometry.out_channels) * geometry.kernel_h * geometry.kernel_w;
  if (init == Init::He) {
    const double stddev = std::sqrt(2.0 / fan_in);
    for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = static_cast<float>(rng.normal(0.0, stddev));
  } else {
    const double limit = std::sqrt(6.0 / (fan_in + fan_out));
    for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = static_cast<float>(rng.uniform(-limit, limit));
  }
}

const Matrix& Conv2D::forward(const Matrix& x, Mode mode, Rng& rng) {
  x_ = &x;
  if (spectral_iterations_ == 0) {
    conv2d_forward(x, W, b, geometry_, y_, cols_);
    return y_;
  }
  // As in Dense::forward: a zero u (all-zero W) restarts from a constant unit vector, and W = 0
  // is used as it is (σ = 1).
  if (mode == Mode::Train && u_.squaredNorm() == 0.0f) u_.setConstant(1.0f / std::sqrt(static_cast<float>(u_.cols())));
  sigma_ = spectral_norm_power_iteration(W, u_, v_, mode == Mode::Train ? spectral_iterations_ : 0);
  if (!(sigma_ > 1e-12f)) sigma_ = 1.0f;
  W_sn_ = W / sigma_;
  conv2d_forward(x, W_sn_, b, geometry_, y_, cols_);
  return y_;
}

const Matrix& Conv2D::backward(const Matrix& dy) {
  if (spectral_iterations_ == 0) {
    conv2d_backward(dy, *x_, W, geometry_, cols_, dx_, dW, db, dcols_, input_gradient_);
    return dx_;
  }
  dW_sn_.setZero(W.rows(), W.cols());
  conv2d_backward(dy, *x_, W_sn_, geometry_, cols_, dx_, dW_sn_, db, dcols_, input_gradient_);
  spectral_norm_backward(dW_sn_, W, u_, v_, sigma_, dW);
  return dx_;
}

std::vector<ParamRef> Conv2D::params() {
  return {{"W", ParamRole::Weight, &W, &dW, -1}, {"b", ParamRole::Bias, &b, &db, -1}};
}

std::vector<std::pair<const char*, Matrix*>> Conv2D::buffers() {
  if (spectral_iterations_ == 0) return {};
  return {{"u", &u_}, {"v", &v_}};
}

void Conv2D::enable_spectral_norm(int iterations, Rng& rng) {
  constexpr int kSpectralWarmup = 15;  // as Dense and torch.nn.utils.spectral_norm at registration
  if (iterations < 1)
    throw Error("regularization.spectralIterations",
                "spectral normalization needs at least 1 power iteration, got " + format_number(iterations));
  spectral_iterations_ = iterations;
  u_.resize(1, W.rows());
  for (Eigen::Index i = 0; i < u_.size(); ++i) u_.data()[i] = static_cast<float>(rng.normal());
  u_ /= std::max(u_.norm(), 1e-12f);
  v_.resize(1, W.cols());
  sigma_ = spectral_norm_power_iteration(W, u_, v_, kSpectralWarmup);
}

float Conv2D::sigma() const { return spectral_iterations_ > 0 ? sigma_ : largest_singular_value(1.0f); }

float Conv2D::effective_sigma() const {
  return largest_singular_value(spectral_iterations_ > 0 ? 1.0f / sigma_ : 1.0f);
}

void Conv2D::refine_spectral_norm(int iterations) {
  if (spectral_iterations_ > 0 && iterations > 0) sigma_ = spectral_norm_power_iteration(W, u_, v_, iterations);
}

// As Dense::largest_singular_value: a private probe vector, warm-started between calls.
float Conv2D::largest_singular_value(float scale) const {
  int iterations = 30;
  if (probe_u_.cols() != W.rows()) {
    Rng probe_rng(0x5eed);
    probe_u_.resize(1, W.rows());
    for (Eigen::Index i = 0; i < probe_u_.size(); ++i) probe_u_.data()[i] = static_cast<float>(probe_rng.normal());
    probe_u_ /= std::max(probe_u_.norm(), 1e-12f);
    iterations = 50;
  }
  return scale * spectral_norm_estimate(W, probe_u_, probe_v_, iterations, 1e-6f);
}

}  // namespace reglab
