#include "kernels/conv2d_reference.h"

#include <vector>

namespace reglab {

namespace {

// Calls f(x index, W index, y index) for every term of the convolution sum of one image n.
template <typename F>
void for_each_term(const Conv2DGeometry& g, F&& f) {
  const int C = g.in.channels, H = g.in.height, Wd = g.in.width;
  for (int o = 0; o < g.out_channels; ++o)
    for (int oi = 0; oi < g.out_h; ++oi)
      for (int oj = 0; oj < g.out_w; ++oj)
        for (int c = 0; c < C; ++c)
          for (int di = 0; di < g.kernel_h; ++di)
            for (int dj = 0; dj < g.kernel_w; ++dj) {
              const int i = oi * g.stride + di - g.pad_top, j = oj * g.stride + dj - g.pad_left;
              if (i < 0 || i >= H || j < 0 || j >= Wd) continue;
              f((c * H + i) * Wd + j, (c * g.kernel_h + di) * g.kernel_w + dj, o,
                (o * g.out_h + oi) * g.out_w + oj);
            }
}

}  // namespace

void conv2d_forward_reference(const Matrix& x, const Matrix& W, const Matrix& b, const Conv2DGeometry& g, Matrix& y) {
  const int out_size = g.out().size();
  y.resize(x.rows(), out_size);
  std::vector<double> acc(out_size);
  for (Eigen::Index n = 0; n < x.rows(); ++n) {
    for (int k = 0; k < out_size; ++k) acc[k] = b(0, k / (g.out_h * g.out_w));
    for_each_term(g, [&](int xi, int wi, int o, int yi) { acc[yi] += static_cast<double>(W(o, wi)) * x(n, xi); });
    for (int k = 0; k < out_size; ++k) y(n, k) = static_cast<float>(acc[k]);
  }
}

void conv2d_backward_reference(const Matrix& dy, const Matrix& x, const Matrix& W, const Conv2DGeometry& g,
                               Matrix& dx, Matrix& dW, Matrix& db) {
  MatrixD dxd = MatrixD::Zero(x.rows(), x.cols()), dWd = MatrixD::Zero(W.rows(), W.cols());
  MatrixD dbd = MatrixD::Zero(1, W.rows());
  const int plane = g.out_h * g.out_w;
  for (Eigen::Index n = 0; n < x.rows(); ++n) {
    for (int k = 0; k < dy.cols(); ++k) dbd(0, k / plane) += dy(n, k);
    for_each_term(g, [&](int xi, int wi, int o, int yi) {
      dxd(n, xi) += static_cast<double>(W(o, wi)) * dy(n, yi);
      dWd(o, wi) += static_cast<double>(x(n, xi)) * dy(n, yi);
    });
  }
  dx = dxd.cast<float>();
  dW = dWd.cast<float>();
  db = dbd.cast<float>();
}

}  // namespace reglab
