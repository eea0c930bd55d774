// Masked mean pooling: one vector per sequence, the mean of its real (non-padding) positions.
// Layout: sequence_layer.h (x: B·T × D, mask: B × T) → y: B × D.
#pragma once
#include "layers/sequence/sequence_layer.h"

namespace reglab {

// y_b = Σ_t k_bt x_{b·T+t} / n_b,  n_b = Σ_t k_bt  (k: the padding mask, 1 = real token).
// An all-padding sequence (n_b = 0) gives y_b = 0, not 0/0 = NaN.
void masked_mean_pooling_forward(const Matrix& x, const Matrix& mask, Matrix& y);
// dx_{b·T+t} = k_bt dy_b / n_b   (0 at padding positions and for an all-padding sequence).
void masked_mean_pooling_backward(const Matrix& dy, const Matrix& mask, Matrix& dx);

class MaskedMeanPooling : public SequenceLayer {
 public:
  const char* kind() const override { return "masked_mean_pooling"; }
  const Matrix& forward(const Matrix& x, const Matrix& mask, Mode mode, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;

 private:
  const Matrix* mask_ = nullptr;
  Matrix y_, dx_;
};

}  // namespace reglab
