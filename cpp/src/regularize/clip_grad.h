// Gradient clipping over a whole model, as torch.nn.utils.clip_grad_norm_ / clip_grad_value_.
// Applied to every parameter's gradient (weights, biases and norm parameters alike), after the
// penalty gradients are added and before the optimizer step.
#pragma once
#include <vector>

#include "reglab/tensor.h"

namespace reglab {

// ‖g‖ = √(Σ over ALL tensors and elements of g²)   (one global norm; accumulated in double)
float grad_global_norm(const std::vector<ParamRef>& params);

// coef = min(1, θ/(‖g‖ + 1e-6)), g ← coef·g for every gradient (torch's form: the +1e-6 leaves a
// clipped gradient with norm slightly below θ). Returns the PRE-clip norm ‖g‖.
// A non-finite norm (a diverged run) leaves the gradients untouched; the caller sees it returned.
float clip_grad_norm(const std::vector<ParamRef>& params, float max_norm);

// g ← clamp(g, −c, c) element-wise; values exactly at ±c are unchanged.
void clip_grad_value(const std::vector<ParamRef>& params, float clip_value);

}  // namespace reglab
