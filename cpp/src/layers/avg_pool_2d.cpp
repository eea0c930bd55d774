#include "layers/avg_pool_2d.h"

namespace reglab {

// Window rows are summed into the output row one at a time, so the inner loop runs along a row
// of outputs (contiguous for them, stride s for the input) and the compiler vectorizes it.
void avg_pool_2d_forward(const Matrix& x, const Pool2DGeometry& g, Matrix& y) {
  check_image_batch(x, g.in, "avg_pool_2d input");
  const int B = static_cast<int>(x.rows()), C = g.in.channels, H = g.in.height, W = g.in.width;
  const int k = g.kernel, s = g.stride, OH = g.out_h, OW = g.out_w, in_size = g.in.size();
  const int out_size = C * OH * OW;
  const float inv_area = 1.0f / static_cast<float>(k * k);
  y.setZero(B, out_size);
  for (int n = 0; n < B; ++n)
    for (int c = 0; c < C; ++c) {
      const float* xc = x.data() + static_cast<ptrdiff_t>(n) * in_size + static_cast<ptrdiff_t>(c) * H * W;
      for (int oi = 0; oi < OH; ++oi) {
        float* __restrict yr = y.data() + static_cast<ptrdiff_t>(n) * out_size + (c * OH + oi) * OW;
        for (int di = 0; di < k; ++di)
          for (int dj = 0; dj < k; ++dj) {
            const float* __restrict xr = xc + (oi * s + di) * W + dj;
            for (int oj = 0; oj < OW; ++oj) yr[oj] += xr[oj * s];
          }
        for (int oj = 0; oj < OW; ++oj) yr[oj] *= inv_area;
      }
    }
}

void avg_pool_2d_backward(const Matrix& dy, const Pool2DGeometry& g, Matrix& dx) {
  const int B = static_cast<int>(dy.rows()), C = g.in.channels, H = g.in.height, W = g.in.width;
  const int k = g.kernel, s = g.stride, OH = g.out_h, OW = g.out_w, in_size = g.in.size();
  const int out_size = C * OH * OW;
  const float inv_area = 1.0f / static_cast<float>(k * k);
  dx.setZero(B, in_size);
  for (int n = 0; n < B; ++n)
    for (int c = 0; c < C; ++c) {
      float* dxc = dx.data() + static_cast<ptrdiff_t>(n) * in_size + static_cast<ptrdiff_t>(c) * H * W;
      for (int oi = 0; oi < OH; ++oi) {
        const float* __restrict gr = dy.data() + static_cast<ptrdiff_t>(n) * out_size + (c * OH + oi) * OW;
        for (int di = 0; di < k; ++di)
          for (int dj = 0; dj < k; ++dj) {
            float* __restrict dr = dxc + (oi * s + di) * W + dj;
            for (int oj = 0; oj < OW; ++oj) dr[oj * s] += gr[oj] * inv_area;
          }
      }
    }
}

const Matrix& AvgPool2D::forward(const Matrix& x, Mode mode, Rng& rng) {
  avg_pool_2d_forward(x, geometry_, y_);
  return y_;
}

const Matrix& AvgPool2D::backward(const Matrix& dy) {
  avg_pool_2d_backward(dy, geometry_, dx_);
  return dx_;
}

}  // namespace reglab
