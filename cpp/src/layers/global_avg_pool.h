// Global average pooling (torch: x.mean(dim=(2, 3)), or nn.AdaptiveAvgPool2d(1) + flatten): each
// channel of an image becomes its mean, so B × C·H·W becomes B × C.
#pragma once
#include "layers/image_shape.h"
#include "layers/layer.h"

namespace reglab {

// y[n][c] = (1/(H·W)) Σ_{i,j} x[n][c][i][j]
void global_avg_pool_forward(const Matrix& x, const ImageShape& in, Matrix& y);
// dx[n][c][i][j] = dy[n][c] / (H·W)   (dx overwritten)
void global_avg_pool_backward(const Matrix& dy, const ImageShape& in, Matrix& dx);

class GlobalAvgPool : public Layer {
 public:
  explicit GlobalAvgPool(const ImageShape& in) : in_(in) {}

  const char* kind() const override { return "global_avg_pool"; }
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) override;  // same in Train and Eval
  const Matrix& backward(const Matrix& dy) override;
  const ImageShape& input_shape() const { return in_; }

 private:
  ImageShape in_;
  Matrix y_, dx_;
};

}  // namespace reglab
