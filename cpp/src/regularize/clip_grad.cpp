#include "regularize/clip_grad.h"

#include <cmath>

#include "penalties/l2.h"

namespace reglab {

// √(Σ g²)
float grad_global_norm(const std::vector<ParamRef>& params) {
  double sum_sq = 0;
  for (const ParamRef& p : params) sum_sq += sum_of_squares(p.grad->data(), p.grad->size());
  return static_cast<float>(std::sqrt(sum_sq));
}

// g ← min(1, θ/(‖g‖ + 1e-6))·g
float clip_grad_norm(const std::vector<ParamRef>& params, float max_norm) {
  const float total = grad_global_norm(params);
  if (!std::isfinite(total)) return total;
  const float coef = max_norm / (total + 1e-6f);
  if (coef < 1.0f)
    for (const ParamRef& p : params) *p.grad *= coef;
  return total;
}

// g ← clamp(g, −c, c)
void clip_grad_value(const std::vector<ParamRef>& params, float clip_value) {
  for (const ParamRef& p : params) p.grad->array() = p.grad->array().max(-clip_value).min(clip_value);
}

}  // namespace reglab
