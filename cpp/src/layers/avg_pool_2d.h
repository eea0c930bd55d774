// Average pooling (torch.nn.AvgPool2d(k, stride=s), no padding, floor mode; windows:
// image_shape.h), channel by channel, on images stored one per row, channel-major.
#pragma once
#include "layers/image_shape.h"
#include "layers/layer.h"

namespace reglab {

// y[n][c][oi][oj] = (1/k²) Σ_{0≤di,dj<k} x[n][c][oi·s + di][oj·s + dj]
void avg_pool_2d_forward(const Matrix& x, const Pool2DGeometry& g, Matrix& y);
// dx[n][c][i][j] = (1/k²) Σ over the windows that contain (i, j) of dy  (dx overwritten; pixels
// that no window covers — the odd last row or column — get 0).
void avg_pool_2d_backward(const Matrix& dy, const Pool2DGeometry& g, Matrix& dx);

class AvgPool2D : public Layer {
 public:
  explicit AvgPool2D(const Pool2DGeometry& geometry) : geometry_(geometry) {}

  const char* kind() const override { return "avg_pool_2d"; }
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) override;  // same in Train and Eval
  const Matrix& backward(const Matrix& dy) override;
  const Pool2DGeometry& geometry() const { return geometry_; }

 private:
  Pool2DGeometry geometry_;
  Matrix y_, dx_;
};

}  // namespace reglab
