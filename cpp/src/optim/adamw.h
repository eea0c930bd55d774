// AdamW (Loshchilov & Hutter 2019): Adam with weight decay decoupled from the adaptive scaling.
#pragma once
#include "optim/adam.h"

namespace reglab {

// p ← p·(1 − lr·λ)   (weights only; uses the current p, before the gradient step)
// then the Adam step of adam.h with the raw gradient g (the decay never enters m or v),
// so every weight shrinks by the same factor whatever its gradient history.
class AdamW : public Adam {
 public:
  explicit AdamW(double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0.01)
      : Adam(beta1, beta2, eps, weight_decay, /*decoupled=*/true) {}
  const char* kind() const override { return "adamw"; }
};

}  // namespace reglab
