#include "optim/adam.h"

#include <cmath>
#include <stdexcept>

namespace reglab {

Adam::Adam(double beta1, double beta2, double eps, double weight_decay, bool decoupled)
    : beta1_(beta1), beta2_(beta2), eps_(eps), weight_decay_(weight_decay), decoupled_(decoupled) {}

void Adam::reset() {
  t_ = 0;
  m_.clear();
  v_.clear();
}

// m ← β1 m + (1−β1) g',  v ← β2 v + (1−β2) g'²,  p ← p − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε).
void Adam::step(const std::vector<ParamRef>& params, float lr) {
  if (m_.empty()) {
    m_.resize(params.size());
    v_.resize(params.size());
  }
  if (m_.size() != params.size()) throw std::logic_error("Adam: the parameter list changed between steps");
  ++t_;
  // Scalars as torch forms them: in double, then applied to float tensors.
  const float b1 = static_cast<float>(beta1_), b2 = static_cast<float>(beta2_);
  const float one_minus_b1 = static_cast<float>(1.0 - beta1_), one_minus_b2 = static_cast<float>(1.0 - beta2_);
  const double bias_correction1 = 1.0 - std::pow(beta1_, t_);
  const double bias_correction2 = 1.0 - std::pow(beta2_, t_);
  const float step_size = static_cast<float>(static_cast<double>(lr) / bias_correction1);
  const float bias_correction2_sqrt = static_cast<float>(std::sqrt(bias_correction2));
  const float eps = static_cast<float>(eps_);

  for (size_t i = 0; i < params.size(); ++i) {
    Matrix& p = *params[i].value;
    const Matrix& g = *params[i].grad;
    Matrix& m = m_[i];
    Matrix& v = v_[i];
    ensure_state(m, p);
    ensure_state(v, p);
    const double wd = is_weight(params[i]) ? weight_decay_ : 0.0;
    if (decoupled_ && wd != 0) p *= static_cast<float>(1.0 - static_cast<double>(lr) * wd);
    const float coupled = decoupled_ ? 0.0f : static_cast<float>(wd);
    auto g_eff = g.array() + coupled * p.array();   // element-wise expression, no temporary

    m.array() = b1 * m.array() + one_minus_b1 * g_eff;
    v.array() = b2 * v.array() + one_minus_b2 * g_eff.square();
    flush_tiny(m);   // no subnormals in the moments (see flush_tiny: wasm has no FTZ)
    flush_tiny(v);
    p.array() -= step_size * (m.array() / (v.array().sqrt() / bias_correction2_sqrt + eps));
  }
}

}  // namespace reglab
