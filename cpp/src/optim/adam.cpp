#include "optim/adam.h"

#include <cmath>
#include <stdexcept>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

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
  // torch divides √v by √(1 − β₂ᵗ); multiplying by the reciprocal instead leaves one division per
  // element (the divider bounds this loop) and differs by at most an ulp of the denominator.
  const float inv_bias_correction2_sqrt = static_cast<float>(1.0 / std::sqrt(bias_correction2));
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
    // One fused pass per element; the moments are flushed before they are stored and used (no
    // subnormals: see flush_tiny, wasm has no FTZ).
    float* __restrict pp = p.data();
    float* __restrict mm = m.data();
    float* __restrict vv = v.data();
    const float* __restrict gg = g.data();
    const Eigen::Index n = p.size();
    Eigen::Index k = 0;
#ifdef __wasm_simd128__
    // The same steps four lanes at a time. The flush is an AND-NOT with the mask |x| < 1e-30 (NaN
    // passes through, as in flush_tiny): V8 lowers the bitselect the compiler would make of the
    // scalar loop's selects several times slower.
    const v128_t vb1 = wasm_f32x4_splat(b1), vb2 = wasm_f32x4_splat(b2);
    const v128_t v1mb1 = wasm_f32x4_splat(one_minus_b1), v1mb2 = wasm_f32x4_splat(one_minus_b2);
    const v128_t vcoupled = wasm_f32x4_splat(coupled), vstep = wasm_f32x4_splat(step_size);
    const v128_t vinv_bc2 = wasm_f32x4_splat(inv_bias_correction2_sqrt), veps = wasm_f32x4_splat(eps);
    const v128_t vtiny = wasm_f32x4_splat(kFlushBelow);
    for (; k + 4 <= n; k += 4) {
      const v128_t pk = wasm_v128_load(pp + k);
      const v128_t g_eff = wasm_f32x4_add(wasm_v128_load(gg + k), wasm_f32x4_mul(vcoupled, pk));
      v128_t mk = wasm_f32x4_add(wasm_f32x4_mul(vb1, wasm_v128_load(mm + k)), wasm_f32x4_mul(v1mb1, g_eff));
      v128_t vk = wasm_f32x4_add(wasm_f32x4_mul(vb2, wasm_v128_load(vv + k)),
                                 wasm_f32x4_mul(v1mb2, wasm_f32x4_mul(g_eff, g_eff)));
      mk = wasm_v128_andnot(mk, wasm_f32x4_lt(wasm_f32x4_abs(mk), vtiny));
      vk = wasm_v128_andnot(vk, wasm_f32x4_lt(wasm_f32x4_abs(vk), vtiny));
      wasm_v128_store(mm + k, mk);
      wasm_v128_store(vv + k, vk);
      const v128_t denom = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_sqrt(vk), vinv_bc2), veps);
      wasm_v128_store(pp + k, wasm_f32x4_sub(pk, wasm_f32x4_mul(vstep, wasm_f32x4_div(mk, denom))));
    }
#endif
    for (; k < n; ++k) {
      const float g_eff = gg[k] + coupled * pp[k];
      const float mk = flush_tiny(b1 * mm[k] + one_minus_b1 * g_eff);
      const float vk = flush_tiny(b2 * vv[k] + one_minus_b2 * (g_eff * g_eff));
      mm[k] = mk;
      vv[k] = vk;
      pp[k] -= step_size * (mk / (std::sqrt(vk) * inv_bias_correction2_sqrt + eps));
    }
  }
}

}  // namespace reglab
