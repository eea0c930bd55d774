// Channel dropout (torch.nn.Dropout2d, Tompson et al. 2015): during training each channel of each
// image is dropped as a whole with probability p — neighbouring pixels are strongly correlated, so
// dropping single pixels barely regularizes a conv layer — and the surviving channels are scaled
// by 1/(1−p), so evaluation is the identity. Images: one per row, channel-major (image_shape.h).
#pragma once
#include "layers/image_shape.h"
#include "layers/layer.h"

namespace reglab {

// keep_mask is B × C, 1 (kept) or 0 (dropped) per (image, channel); p is the DROP probability.
//   y[n][c][i][j] = x[n][c][i][j] · keep_mask[n][c] / (1 − p)   (p = 1: y = 0, as in torch)
void dropout_2d_forward(const Matrix& x, const ImageShape& shape, const Matrix& keep_mask, float p, Matrix& y);
// dx[n][c][i][j] = dy[n][c][i][j] · keep_mask[n][c] / (1 − p)  (the forward's mask and scale)
void dropout_2d_backward(const Matrix& dy, const ImageShape& shape, const Matrix& keep_mask, float p, Matrix& dx);

class Dropout2D : public Layer {
 public:
  Dropout2D(const ImageShape& shape, float p);

  const char* kind() const override { return "dropout_2d"; }
  // Train with p > 0: draws a fresh B × C keep mask from `rng` — one PCG32 output per (image,
  // channel) in row order, the channel dropped when its high 16 bits fall below ⌊p·2¹⁶⌋ (so the
  // same seed gives the same mask natively and in wasm) — and applies it. Otherwise the identity.
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;  // uses the mask of the last forward

  void set_p(float p);  // 0 ≤ p ≤ 1, else reglab::Error("model.convDropout")
  float p() const { return p_; }
  const Matrix& keep_mask() const { return keep_mask_; }
  const ImageShape& shape() const { return shape_; }

 private:
  ImageShape shape_;
  float p_ = 0.0f;
  bool masked_ = false;
  Matrix keep_mask_, y_, dx_;
};

}  // namespace reglab
