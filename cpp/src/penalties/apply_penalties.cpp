#include "penalties/apply_penalties.h"

#include <stdexcept>
#include <string>

#include "penalties/l1.h"
#include "penalties/l2.h"

namespace reglab {

namespace {
const WeightPenalty& penalty_of(const ParamRef& p, const std::vector<WeightPenalty>& per_layer) {
  if (p.layer < 0 || static_cast<size_t>(p.layer) >= per_layer.size())
    throw std::out_of_range("penalties: no λ given for layer " + std::to_string(p.layer));
  return per_layer[p.layer];
}
}  // namespace

double weight_penalty(const std::vector<ParamRef>& params, const std::vector<WeightPenalty>& per_layer) {
  double total = 0;
  for (const ParamRef& p : params) {
    if (!is_weight(p)) continue;
    const WeightPenalty& lam = penalty_of(p, per_layer);
    if (lam.l1 != 0) total += l1_penalty(*p.value, lam.l1);
    if (lam.l2 != 0) total += l2_penalty(*p.value, lam.l2);
  }
  return total;
}

double apply_penalties(const std::vector<ParamRef>& params, const std::vector<WeightPenalty>& per_layer) {
  double total = 0;
  for (const ParamRef& p : params) {
    if (!is_weight(p)) continue;
    const WeightPenalty& lam = penalty_of(p, per_layer);
    if (lam.l1 != 0) {
      total += l1_penalty(*p.value, lam.l1);
      l1_penalty_backward(*p.value, static_cast<float>(lam.l1), *p.grad);
    }
    if (lam.l2 != 0) {
      total += l2_penalty(*p.value, lam.l2);
      l2_penalty_backward(*p.value, static_cast<float>(lam.l2), *p.grad);
    }
  }
  return total;
}

void apply_l1_proximal(const std::vector<ParamRef>& params, const std::vector<WeightPenalty>& per_layer, float lr) {
  for (const ParamRef& p : params) {
    if (!is_weight(p)) continue;
    const WeightPenalty& lam = penalty_of(p, per_layer);
    if (lam.l1 != 0) l1_proximal_step(*p.value, static_cast<float>(lr * lam.l1));
  }
}

}  // namespace reglab
