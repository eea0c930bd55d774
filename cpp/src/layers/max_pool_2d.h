// Max pooling (torch.nn.MaxPool2d(k, stride=s), no padding, floor mode; windows: image_shape.h),
// channel by channel, on images stored one per row, channel-major.
#pragma once
#include <cstdint>
#include <vector>

#include "layers/image_shape.h"
#include "layers/layer.h"

namespace reglab {

// y[n][c][oi][oj] = max_{0≤di,dj<k} x[n][c][oi·s + di][oj·s + dj]
// argmax (B × C·OH·OW) keeps, per output, the column of x that won: the FIRST maximum in row-major
// window order, as PyTorch picks it (ties are common after a ReLU: a window of zeros), and a NaN
// wins over any number, so NaN propagates.
void max_pool_2d_forward(const Matrix& x, const Pool2DGeometry& g, Matrix& y, std::vector<int32_t>& argmax);
// dx = 0 except dx[n][argmax] += dy[n][output]  (dx overwritten; overlapping windows add up).
void max_pool_2d_backward(const Matrix& dy, const Pool2DGeometry& g, const std::vector<int32_t>& argmax, Matrix& dx);

class MaxPool2D : public Layer {
 public:
  explicit MaxPool2D(const Pool2DGeometry& geometry) : geometry_(geometry) {}

  const char* kind() const override { return "max_pool_2d"; }
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) override;  // same in Train and Eval
  const Matrix& backward(const Matrix& dy) override;
  const Pool2DGeometry& geometry() const { return geometry_; }
  const std::vector<int32_t>& argmax() const { return argmax_; }

 private:
  Pool2DGeometry geometry_;
  std::vector<int32_t> argmax_;
  Matrix y_, dx_;
};

}  // namespace reglab
