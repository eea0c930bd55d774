// The optimizer interface: one update of every parameter from its current gradient.
// The model hands over the same ParamRef list every step; optimizer state (momentum buffers,
// Adam moments, step count) is kept per position in that list.
// Weight decay applies to parameters with role Weight only, never to biases or norm γ/β.
#pragma once
#include <cmath>
#include <memory>
#include <vector>

#include "reglab/spec.h"
#include "reglab/tensor.h"

namespace reglab {

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  // One update of every parameter from its current .grad (penalty gradients already added), at lr.
  // State is kept per position in `params` (the model passes the same list every step).
  virtual void step(const std::vector<ParamRef>& params, float lr) = 0;
  virtual void reset() = 0;           // forget all state (buffers, step count)
  virtual const char* kind() const = 0;
};

// spec.kind: "sgd" (plain), "momentum" (SGD + momentum), "nesterov", "adam", "adamw".
// spec.weightDecay is torch's coupled form (g ← g + λp) for sgd/momentum/nesterov/adam unless
// spec.decoupled (then p ← p·(1 − lr·λ) before the step); for adamw it is always decoupled.
// Throws reglab::Error("optimizer.kind", …) for an unknown kind, and
// reglab::Error("optimizer.momentum", …) for Nesterov without momentum.
std::unique_ptr<Optimizer> make_optimizer(const OptimizerSpec& spec);

// Checks that a per-position state buffer matches its parameter; sizes a fresh (empty) buffer to
// zeros and returns true when it was fresh. Throws std::logic_error if the parameter list changed
// shape between steps (the optimizer must be reset() when the model changes).
bool ensure_state(Matrix& state, const Matrix& param);

// x, or exactly 0 when |x| < 1e-30: the optimizers apply it to every buffer value they store.
// Decaying buffers (Adam's m and v, momentum buffers of parameters whose gradient is 0, e.g. dead
// ReLU units) otherwise drift into subnormal floats.
// Native code could flush them with FTZ/DAZ, but WebAssembly cannot, and subnormal arithmetic
// can be ~100× slower on common CPUs. 1e-30 is harmless: far below Adam's ε = 1e-8 and any
// step a learning rate can make visible.
constexpr float kFlushBelow = 1e-30f;
inline float flush_tiny(float x) { return std::fabs(x) < kFlushBelow ? 0.0f : x; }

}  // namespace reglab
