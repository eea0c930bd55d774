#include "layers/max_pool_2d.h"

#include <algorithm>

namespace reglab {

namespace {

// The "first maximum, NaN wins" rule for one candidate v at index i against the current (m, at).
inline void take_if_greater(float v, int32_t i, float& m, int32_t& at) {
  const bool take = v > m || (v != v && m == m);
  m = take ? v : m;
  at = take ? i : at;
}

// 2×2 windows, stride 2 (the usual CNN pooling): each window as two pairs, top (a, b) then
// bottom (c, d). Picking within each pair and then between the pairs, the earlier one on ties,
// is the same first-maximum rule as the row-major scan of the general loop, without a loop over
// the window; the selects compile to branch-free code.
void max_pool_2x2(const float* xc, int W, int OH, int OW, int32_t base, float* y, int32_t* argmax) {
  for (int oi = 0; oi < OH; ++oi) {
    const float* __restrict r0 = xc + static_cast<ptrdiff_t>(2 * oi) * W;
    const float* __restrict r1 = r0 + W;
    float* __restrict yr = y + static_cast<ptrdiff_t>(oi) * OW;
    int32_t* __restrict ar = argmax + static_cast<ptrdiff_t>(oi) * OW;
    const int32_t row0 = base + 2 * oi * W, row1 = row0 + W;
    for (int oj = 0; oj < OW; ++oj) {
      float top = r0[2 * oj], bottom = r1[2 * oj];
      int32_t top_at = row0 + 2 * oj, bottom_at = row1 + 2 * oj;
      take_if_greater(r0[2 * oj + 1], top_at + 1, top, top_at);
      take_if_greater(r1[2 * oj + 1], bottom_at + 1, bottom, bottom_at);
      take_if_greater(bottom, bottom_at, top, top_at);
      yr[oj] = top;
      ar[oj] = top_at;
    }
  }
}

}  // namespace

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
    if (k == 2 && s == 2) {
      for (int c = 0; c < C; ++c)
        max_pool_2x2(xn + static_cast<ptrdiff_t>(c) * H * W, W, OH, OW, c * H * W, yo + c * OH * OW,
                     ao + c * OH * OW);
      continue;
    }
    for (int c = 0; c < C; ++c)
      for (int oi = 0; oi < OH; ++oi)
        for (int oj = 0; oj < OW; ++oj, ++yo, ++ao) {
          int best = (c * H + oi * s) * W + oj * s;
          float m = xn[best];
          for (int di = 0; di < k; ++di) {
            const int row = (c * H + oi * s + di) * W + oj * s;
            for (int dj = 0; dj < k; ++dj) take_if_greater(xn[row + dj], row + dj, m, best);
          }
          *yo = m;
          *ao = best;
        }
  }
}

namespace {

// 2×2 windows, stride 2: the windows tile the image without overlap, so each window's four
// values are written once (dy at the winner, 0 elsewhere) instead of zeroing dx and adding; only
// the row and column that floor mode leaves outside every window (odd H or W) are zeroed.
void max_pool_2x2_backward(const float* dy, const int32_t* argmax, int C, int H, int W, int OH, int OW, float* dx) {
  for (int c = 0; c < C; ++c) {
    float* dxc = dx + static_cast<ptrdiff_t>(c) * H * W;
    const int32_t base = c * H * W;
    for (int oi = 0; oi < OH; ++oi) {
      float* __restrict r0 = dxc + static_cast<ptrdiff_t>(2 * oi) * W;
      float* __restrict r1 = r0 + W;
      const float* __restrict gr = dy + (static_cast<ptrdiff_t>(c) * OH + oi) * OW;
      const int32_t* __restrict ar = argmax + (static_cast<ptrdiff_t>(c) * OH + oi) * OW;
      const int32_t row0 = base + 2 * oi * W;
      for (int oj = 0; oj < OW; ++oj) {
        const int32_t at = ar[oj] - row0 - 2 * oj;  // 0, 1 (top row) or W, W + 1 (bottom row)
        const float v = gr[oj];
        r0[2 * oj] = at == 0 ? v : 0.0f;
        r0[2 * oj + 1] = at == 1 ? v : 0.0f;
        r1[2 * oj] = at == W ? v : 0.0f;
        r1[2 * oj + 1] = at == W + 1 ? v : 0.0f;
      }
      if (W > 2 * OW) r0[W - 1] = r1[W - 1] = 0.0f;
    }
    if (H > 2 * OH) std::fill(dxc + static_cast<ptrdiff_t>(H - 1) * W, dxc + static_cast<ptrdiff_t>(H) * W, 0.0f);
  }
}

}  // namespace

void max_pool_2d_backward(const Matrix& dy, const Pool2DGeometry& g, const std::vector<int32_t>& argmax, Matrix& dx) {
  const int B = static_cast<int>(dy.rows()), out_size = g.out().size();
  if (g.kernel == 2 && g.stride == 2) {
    dx.resize(B, g.in.size());
    for (int n = 0; n < B; ++n)
      max_pool_2x2_backward(dy.data() + static_cast<ptrdiff_t>(n) * out_size,
                            argmax.data() + static_cast<ptrdiff_t>(n) * out_size, g.in.channels, g.in.height,
                            g.in.width, g.out_h, g.out_w, dx.data() + static_cast<ptrdiff_t>(n) * g.in.size());
    return;
  }
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
