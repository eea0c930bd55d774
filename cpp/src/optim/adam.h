// Adam (Kingma & Ba 2015) in torch's form; AdamW (adamw.h) is the same step with decoupled decay.
#pragma once
#include <vector>

#include "optim/optimizer.h"

namespace reglab {

// t = number of steps taken (1 on the first step; counts steps, not samples).
// g' = g + λ·p for weights (coupled "Adam + L2"; biases and norm parameters: g' = g)
// m ← β1·m + (1−β1)·g'        v ← β2·v + (1−β2)·g'²        (m = v = 0 before step 1)
// m̂ = m/(1−β1^t)              v̂ = v/(1−β2^t)               (bias correction DIVIDES)
// p ← p − lr·m̂/(√v̂ + ε)       ε added after bias correction, outside the square root
// decoupled: p ← p·(1 − lr·λ) first, and g' = g (AdamW).
// The coupled decay is rescaled by 1/√v̂ like the gradient, so weights with large gradients are
// barely decayed — the reason AdamW exists.
class Adam : public Optimizer {
 public:
  explicit Adam(double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0.0,
                bool decoupled = false);
  void step(const std::vector<ParamRef>& params, float lr) override;
  void reset() override;
  const char* kind() const override { return "adam"; }

  // Per parameter position, before bias correction (torch's exp_avg / exp_avg_sq).
  const std::vector<Matrix>& exp_avg() const { return m_; }
  const std::vector<Matrix>& exp_avg_sq() const { return v_; }
  int step_count() const { return t_; }

 private:
  double beta1_, beta2_, eps_, weight_decay_;
  bool decoupled_;
  int t_ = 0;
  std::vector<Matrix> m_, v_;
};

}  // namespace reglab
