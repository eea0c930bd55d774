// Stochastic gradient descent, with optional (heavy-ball or Nesterov) momentum, in torch's form.
#pragma once
#include <vector>

#include "optim/optimizer.h"

namespace reglab {

// g' = g + λ·p for weights (coupled decay; biases and norm parameters: g' = g).
// plain:     p ← p − lr·g'
// momentum:  buf ← g' on the first step, then buf ← μ·buf + g'   (dampening 0: no (1−μ) factor)
//            p ← p − lr·buf
// Nesterov:  same buf, then p ← p − lr·(g' + μ·buf)   (torch's form, not Sutskever's look-ahead)
// decoupled: p ← p·(1 − lr·λ) first (SGDW), and g' = g.
class SGD : public Optimizer {
 public:
  explicit SGD(double momentum = 0.0, bool nesterov = false, double weight_decay = 0.0, bool decoupled = false);
  void step(const std::vector<ParamRef>& params, float lr) override;
  void reset() override;
  const char* kind() const override;

  // One buffer per parameter position (empty until the first step; none without momentum).
  const std::vector<Matrix>& momentum_buffers() const { return buf_; }

 private:
  double momentum_, weight_decay_;
  bool nesterov_, decoupled_;
  std::vector<Matrix> buf_;
};

}  // namespace reglab
