// Inverted dropout (Srivastava et al. 2014, as in torch): during training each unit is dropped
// with probability p and the survivors are scaled by 1/(1−p), so evaluation is the identity.
#pragma once
#include "layers/layer.h"

namespace reglab {

// p is the DROP probability; keep_mask holds 1 (kept) or 0 (dropped), same shape as x.
// y = x ⊙ keep_mask / (1 − p)          (y resized; p = 1 drops everything: y = 0, as in torch)
void dropout_forward(const Matrix& x, const Matrix& keep_mask, float p, Matrix& y);
// dx = dy ⊙ keep_mask / (1 − p)        (the same mask and the same 1/(1−p) as the forward)
void dropout_backward(const Matrix& dy, const Matrix& keep_mask, float p, Matrix& dx);

class Dropout : public Layer {
 public:
  explicit Dropout(float p) { set_p(p); }

  const char* kind() const override { return "dropout"; }
  // Train: draws a fresh keep mask (each unit kept with probability 1 − p: 16 bits of a PCG32 draw
  // per unit, two units per draw, made in bulk by Rng::generate_u32) unless p = 0, which is the
  // identity and draws nothing. Eval: the identity.
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) override;
  // Uses the mask of the last forward (identity if that forward did not drop).
  const Matrix& backward(const Matrix& dy) override;

  void set_p(float p);  // 0 ≤ p ≤ 1
  float p() const { return p_; }
  const Matrix& keep_mask() const { return keep_mask_; }  // mask of the last training forward

 private:
  float p_ = 0.0f;
  bool masked_ = false;  // whether the last forward applied keep_mask_
  Matrix keep_mask_, y_, dx_;
};

}  // namespace reglab
