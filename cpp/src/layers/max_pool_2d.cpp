#include "layers/max_pool_2d.h"

namespace reglab {

void max_pool_2d_forward(const Matrix& x, const Pool2DGeometry& g, Matrix& y, std::vector<int32_t>& argmax) {
  check_image_batch(x, g.in, "max_pool_2d input");
  const int B = static_cast<int>(x.rows()), C = g.in.channels, H = g.in.height, W = g.in.width;
  const int k = g.kernel, s = g.stride, OH = g.out_h, OW = g.out_w, in_size = g.in.size();
  const int out_size = C * OH * OW;
  y.resize(B, out_size);
  argmax.resize(static_cast<size_t>(B) * out_size);
  for (int n = 0; n < B; ++n) {
    const float* xn = x.data() + static_cast<ptrdiff_t>(n) * in_size;
    float* yo = y.data() + static_cast<ptrdiff_t>(n) * out_size;
    int32_t* ao = argmax.data() + static_cast<ptrdiff_t>(n) * out_size;
    for (int c = 0; c < C; ++c)
      for (int oi = 0; oi < OH; ++oi)
        for (int oj = 0; oj < OW; ++oj, ++yo, ++ao) {
          int best = (c * H + oi * s) * W + oj * s;
          float m = xn[best];
          for (int di = 0; di < k; ++di) {
            const int row = (c * H + oi * s + di) * W + oj * s;
            for (int dj = 0; dj < k; ++dj) {
              const float v = xn[row + dj];
              if (v > m || (v != v && m == m)) {  // strictly greater: the first maximum stays
                m = v;
                best = row + dj;
              }
            }
          }
          *yo = m;
          *ao = best;
        }
  }
}

void max_pool_2d_backward(const Matrix& dy, const Pool2DGeometry& g, const std::vector<int32_t>& argmax, Matrix& dx) {
  const int B = static_cast<int>(dy.rows()), out_size = g.out().size();
  dx.setZero(B, g.in.size());
  for (int n = 0; n < B; ++n) {
    const float* __restrict gn = dy.data() + static_cast<ptrdiff_t>(n) * out_size;
    const int32_t* __restrict an = argmax.data() + static_cast<ptrdiff_t>(n) * out_size;
    float* dxn = dx.data() + static_cast<ptrdiff_t>(n) * g.in.size();
    for (int k = 0; k < out_size; ++k) dxn[an[k]] += gn[k];
  }
}

const Matrix& MaxPool2D::forward(const Matrix& x, Mode mode, Rng& rng) {
  max_pool_2d_forward(x, geometry_, y_, argmax_);
  return y_;
}

const Matrix& MaxPool2D::backward(const Matrix& dy) {
  max_pool_2d_backward(dy, geometry_, argmax_, dx_);
  return dx_;
}

}  // namespace reglab
