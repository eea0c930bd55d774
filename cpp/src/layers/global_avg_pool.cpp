#include "layers/global_avg_pool.h"

namespace reglab {

void global_avg_pool_forward(const Matrix& x, const ImageShape& in, Matrix& y) {
  check_image_batch(x, in, "global_avg_pool input");
  const int B = static_cast<int>(x.rows()), C = in.channels, P = in.pixels();
  const float inv_p = 1.0f / static_cast<float>(P);
  y.resize(B, C);
  for (int n = 0; n < B; ++n)
    for (int c = 0; c < C; ++c) {
      const float* __restrict plane = x.data() + (static_cast<ptrdiff_t>(n) * C + c) * P;
      float sum = 0.0f;
      for (int p = 0; p < P; ++p) sum += plane[p];
      y(n, c) = sum * inv_p;
    }
}

void global_avg_pool_backward(const Matrix& dy, const ImageShape& in, Matrix& dx) {
  const int B = static_cast<int>(dy.rows()), C = in.channels, P = in.pixels();
  const float inv_p = 1.0f / static_cast<float>(P);
  dx.resize(B, in.size());
  for (int n = 0; n < B; ++n)
    for (int c = 0; c < C; ++c) {
      float* __restrict plane = dx.data() + (static_cast<ptrdiff_t>(n) * C + c) * P;
      const float v = dy(n, c) * inv_p;
      for (int p = 0; p < P; ++p) plane[p] = v;
    }
}

const Matrix& GlobalAvgPool::forward(const Matrix& x, Mode mode, Rng& rng) {
  global_avg_pool_forward(x, in_, y_);
  return y_;
}

const Matrix& GlobalAvgPool::backward(const Matrix& dy) {
  global_avg_pool_backward(dy, in_, dx_);
  return dx_;
}

}  // namespace reglab
