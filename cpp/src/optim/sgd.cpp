#include "optim/sgd.h"

#include <stdexcept>

namespace reglab {

SGD::SGD(double momentum, bool nesterov, double weight_decay, bool decoupled)
    : momentum_(momentum), weight_decay_(weight_decay), nesterov_(nesterov), decoupled_(decoupled) {
  if (nesterov_ && momentum_ <= 0) throw std::invalid_argument("SGD: Nesterov needs momentum > 0");
}

const char* SGD::kind() const {
  if (momentum_ == 0) return "sgd";
  return nesterov_ ? "nesterov" : "momentum";
}

void SGD::reset() { buf_.clear(); }

// g' = g + λp,  buf ← μ·buf + g' (buf = g' at first),  p ← p − lr·buf  or  p ← p − lr·(g' + μ·buf).
void SGD::step(const std::vector<ParamRef>& params, float lr) {
  const bool use_momentum = momentum_ != 0;
  if (use_momentum) {
    if (buf_.empty()) buf_.resize(params.size());
    if (buf_.size() != params.size()) throw std::logic_error("SGD: the parameter list changed between steps");
  }
  const float mu = static_cast<float>(momentum_);
  for (size_t i = 0; i < params.size(); ++i) {
    Matrix& p = *params[i].value;
    const Matrix& g = *params[i].grad;
    const double wd = is_weight(params[i]) ? weight_decay_ : 0.0;
    if (decoupled_ && wd != 0) p *= static_cast<float>(1.0 - static_cast<double>(lr) * wd);
    const float coupled = decoupled_ ? 0.0f : static_cast<float>(wd);
    float* __restrict pp = p.data();
    const float* __restrict gg = g.data();
    const Eigen::Index n = p.size();
    // Plain element-wise loops (vectorized by the compiler), g' = g + λp formed on the fly.
    if (!use_momentum) {
      for (Eigen::Index k = 0; k < n; ++k) pp[k] -= lr * (gg[k] + coupled * pp[k]);
      continue;
    }
    Matrix& buf = buf_[i];
    const bool fresh = ensure_state(buf, p);
    float* __restrict bb = buf.data();
    for (Eigen::Index k = 0; k < n; ++k) {
      const float g_eff = gg[k] + coupled * pp[k];
      // The buffer is flushed as it is stored (no subnormals: see flush_tiny).
      const float bk = flush_tiny(fresh ? g_eff : mu * bb[k] + g_eff);
      bb[k] = bk;
      pp[k] -= nesterov_ ? lr * (g_eff + mu * bk) : lr * bk;
    }
  }
}

}  // namespace reglab
