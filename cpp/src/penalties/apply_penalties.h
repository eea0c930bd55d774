// The one rule "penalties apply to weights only", for a whole model: loops over the parameters
// with role Weight (never biases, never norm γ/β) and applies L1 and L2 with per-layer λ.
#pragma once
#include <vector>

#include "reglab/tensor.h"

namespace reglab {

// λ for one layer: Ω(W) = l1·Σ|W| + (l2/2)·Σ W²   (the L2 of l2.h, gradient l2·W)
struct WeightPenalty {
  double l1 = 0;
  double l2 = 0;
};

// Σ over role-Weight params p of Ω_{per_layer[p.layer]}(p.value), without touching gradients
// (for reporting the penalty in evaluation). Throws std::out_of_range if a layer has no entry.
double weight_penalty(const std::vector<ParamRef>& params, const std::vector<WeightPenalty>& per_layer);

// Same value, and adds each penalty's (sub)gradient into p.grad: grad += l1·sign(W) + l2·W.
// With L1 in proximal mode, pass l1 = 0 here and call apply_l1_proximal after the optimizer step.
double apply_penalties(const std::vector<ParamRef>& params, const std::vector<WeightPenalty>& per_layer);

// Soft-thresholds every role-Weight param with threshold lr·l1 of its layer (l1.h's proximal step).
void apply_l1_proximal(const std::vector<ParamRef>& params, const std::vector<WeightPenalty>& per_layer, float lr);

}  // namespace reglab
