#include "layers/batch_norm_2d.h"

#include <cmath>
#include <string>
#include <vector>

namespace reglab {

// Every loop sweeps one channel plane (H·W contiguous values) of one image with the channel's
// scalars hoisted: contiguous inner loops that the compiler vectorizes. Plane sums are taken in
// float per plane and added up per channel in double, so a channel of N·H·W values (64·28·28)
// does not lose precision in one long float sum.

namespace {

// Calls f(channel, plane pointer) for every (image, channel) plane of x.
template <typename X, typename F>
void for_each_plane(X* data, Eigen::Index batch, const ImageShape& s, F&& f) {
  const int C = s.channels, P = s.pixels();
  for (Eigen::Index n = 0; n < batch; ++n)
    for (int c = 0; c < C; ++c) f(c, data + (n * C + c) * static_cast<ptrdiff_t>(P));
}

float plane_sum(const float* __restrict p, int P) {
  float s = 0.0f;
  for (int i = 0; i < P; ++i) s += p[i];
  return s;
}

}  // namespace

void batch_norm_2d_forward(const Matrix& x, const ImageShape& shape, const Matrix& gamma, const Matrix& beta,
                           float eps, Matrix& y, BatchNormCache& cache) {
  check_image_batch(x, shape, "batch_norm_2d input");
  const int C = shape.channels, P = shape.pixels();
  const double M = static_cast<double>(x.rows()) * P;
  std::vector<double> sum(C, 0.0), sq(C, 0.0);
  for_each_plane(x.data(), x.rows(), shape, [&](int c, const float* p) { sum[c] += plane_sum(p, P); });
  cache.mean.resize(1, C);
  for (int c = 0; c < C; ++c) cache.mean(0, c) = static_cast<float>(sum[c] / M);
  cache.xhat.resize(x.rows(), x.cols());
  // x̂ holds x − μ for now.
  for_each_plane(x.data(), x.rows(), shape, [&](int c, const float* p) {
    float* __restrict out = cache.xhat.data() + (p - x.data());
    const float mean = cache.mean(0, c);
    float s = 0.0f;
    for (int i = 0; i < P; ++i) {
      const float d = p[i] - mean;
      out[i] = d;
      s += d * d;
    }
    sq[c] += s;
  });
  cache.var.resize(1, C);
  cache.inv_std.resize(1, C);
  for (int c = 0; c < C; ++c) {
    cache.var(0, c) = static_cast<float>(sq[c] / M);
    cache.inv_std(0, c) = 1.0f / std::sqrt(cache.var(0, c) + eps);
  }
  y.resize(x.rows(), x.cols());
  for_each_plane(cache.xhat.data(), x.rows(), shape, [&](int c, float* p) {
    float* __restrict out = y.data() + (p - cache.xhat.data());
    const float inv_std = cache.inv_std(0, c), g = gamma(0, c), b = beta(0, c);
    for (int i = 0; i < P; ++i) {
      const float xhat = p[i] * inv_std;
      p[i] = xhat;
      out[i] = xhat * g + b;
    }
  });
}

void batch_norm_2d_forward_eval(const Matrix& x, const ImageShape& shape, const Matrix& gamma, const Matrix& beta,
                                const Matrix& running_mean, const Matrix& running_var, float eps, Matrix& y,
                                BatchNormCache& cache) {
  check_image_batch(x, shape, "batch_norm_2d input");
  const int C = shape.channels, P = shape.pixels();
  cache.mean = running_mean;
  cache.var = running_var;
  cache.inv_std.resize(1, C);
  for (int c = 0; c < C; ++c) cache.inv_std(0, c) = 1.0f / std::sqrt(running_var(0, c) + eps);
  cache.xhat.resize(x.rows(), x.cols());
  y.resize(x.rows(), x.cols());
  for_each_plane(x.data(), x.rows(), shape, [&](int c, const float* p) {
    const ptrdiff_t at = p - x.data();
    float* __restrict xhat = cache.xhat.data() + at;
    float* __restrict out = y.data() + at;
    const float mean = running_mean(0, c), inv_std = cache.inv_std(0, c), g = gamma(0, c), b = beta(0, c);
    for (int i = 0; i < P; ++i) {
      const float h = (p[i] - mean) * inv_std;
      xhat[i] = h;
      out[i] = h * g + b;
    }
  });
}

namespace {

// Σ dy and Σ dy ⊙ x̂ per channel into cache.sum_dy / sum_dy_xhat, accumulated into dβ, dγ.
void batch_norm_2d_param_grads(const Matrix& dy, const ImageShape& shape, BatchNormCache& cache, Matrix& dgamma,
                               Matrix& dbeta) {
  const int C = shape.channels, P = shape.pixels();
  std::vector<double> s(C, 0.0), sx(C, 0.0);
  for_each_plane(dy.data(), dy.rows(), shape, [&](int c, const float* g) {
    const float* __restrict h = cache.xhat.data() + (g - dy.data());
    float a = 0.0f, b = 0.0f;
    for (int i = 0; i < P; ++i) {
      a += g[i];
      b += g[i] * h[i];
    }
    s[c] += a;
    sx[c] += b;
  });
  cache.sum_dy.resize(1, C);
  cache.sum_dy_xhat.resize(1, C);
  for (int c = 0; c < C; ++c) {
    cache.sum_dy(0, c) = static_cast<float>(s[c]);
    cache.sum_dy_xhat(0, c) = static_cast<float>(sx[c]);
  }
  dbeta += cache.sum_dy;
  dgamma += cache.sum_dy_xhat;
}

}  // namespace

void batch_norm_2d_backward(const Matrix& dy, const ImageShape& shape, const Matrix& gamma, BatchNormCache& cache,
                            Matrix& dx, Matrix& dgamma, Matrix& dbeta) {
  const int C = shape.channels, P = shape.pixels();
  const float M = static_cast<float>(dy.rows()) * static_cast<float>(P);
  batch_norm_2d_param_grads(dy, shape, cache, dgamma, dbeta);
  cache.scale.resize(1, C);
  for (int c = 0; c < C; ++c) cache.scale(0, c) = gamma(0, c) * cache.inv_std(0, c) / M;
  dx.resize(dy.rows(), dy.cols());
  for_each_plane(dy.data(), dy.rows(), shape, [&](int c, const float* g) {
    const ptrdiff_t at = g - dy.data();
    const float* __restrict h = cache.xhat.data() + at;
    float* __restrict out = dx.data() + at;
    const float scale = cache.scale(0, c), s = cache.sum_dy(0, c), sx = cache.sum_dy_xhat(0, c);
    for (int i = 0; i < P; ++i) out[i] = scale * (M * g[i] - s - h[i] * sx);
  });
}

void batch_norm_2d_backward_eval(const Matrix& dy, const ImageShape& shape, const Matrix& gamma,
                                 BatchNormCache& cache, Matrix& dx, Matrix& dgamma, Matrix& dbeta) {
  const int P = shape.pixels();
  batch_norm_2d_param_grads(dy, shape, cache, dgamma, dbeta);
  dx.resize(dy.rows(), dy.cols());
  for_each_plane(dy.data(), dy.rows(), shape, [&](int c, const float* g) {
    float* __restrict out = dx.data() + (g - dy.data());
    const float k = gamma(0, c) * cache.inv_std(0, c);
    for (int i = 0; i < P; ++i) out[i] = g[i] * k;
  });
}

BatchNorm2D::BatchNorm2D(const ImageShape& shape, float momentum, float eps)
    : gamma(Matrix::Ones(1, shape.channels)), beta(Matrix::Zero(1, shape.channels)),
      dgamma(Matrix::Zero(1, shape.channels)), dbeta(Matrix::Zero(1, shape.channels)),
      running_mean(Matrix::Zero(1, shape.channels)), running_var(Matrix::Ones(1, shape.channels)), shape_(shape),
      momentum_(momentum), eps_(eps) {}

const Matrix& BatchNorm2D::forward(const Matrix& x, Mode mode, Rng& rng) {
  last_mode_ = mode;
  if (mode == Mode::Eval) {
    batch_norm_2d_forward_eval(x, shape_, gamma, beta, running_mean, running_var, eps_, y_, cache_);
    return y_;
  }
  const long long values = static_cast<long long>(x.rows()) * shape_.pixels();
  if (values < 2)
    throw Error("training.batchSize",
                "batch normalization over channels needs at least 2 values per channel in training mode, got " +
                    std::to_string(values) + " (a batch of " + std::to_string(x.rows()) + " image(s) of " +
                    std::to_string(shape_.height) + "×" + std::to_string(shape_.width) +
                    " pixels; use a larger batch size or layer normalization)");
  batch_norm_2d_forward(x, shape_, gamma, beta, eps_, y_, cache_);
  batch_norm_update_running(cache_, static_cast<int>(values), momentum_, running_mean, running_var);
  return y_;
}

const Matrix& BatchNorm2D::backward(const Matrix& dy) {
  if (last_mode_ == Mode::Train)
    batch_norm_2d_backward(dy, shape_, gamma, cache_, dx_, dgamma, dbeta);
  else
    batch_norm_2d_backward_eval(dy, shape_, gamma, cache_, dx_, dgamma, dbeta);
  return dx_;
}

std::vector<ParamRef> BatchNorm2D::params() {
  return {{"gamma", ParamRole::NormScale, &gamma, &dgamma, -1}, {"beta", ParamRole::NormShift, &beta, &dbeta, -1}};
}

std::vector<std::pair<const char*, Matrix*>> BatchNorm2D::buffers() {
  return {{"running_mean", &running_mean}, {"running_var", &running_var}};
}

}  // namespace reglab
