#include "layers/activation.h"

#include <cmath>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#include "reglab/error.h"

namespace reglab {

namespace {

struct NamedActivation {
  const char* name;
  ActivationKind kind;
};

constexpr NamedActivation kActivations[] = {
    {"identity", ActivationKind::Identity}, {"relu", ActivationKind::ReLU},
    {"leaky_relu", ActivationKind::LeakyReLU}, {"tanh", ActivationKind::Tanh},
    {"sigmoid", ActivationKind::Sigmoid},   {"gelu", ActivationKind::GELU},
    {"gelu_tanh", ActivationKind::GELUTanh},
};

constexpr float kSqrt2OverPi = 0.7978845608028654f;  // √(2/π)
constexpr float kInvSqrt2 = 0.7071067811865476f;     // 1/√2
constexpr float kInvSqrt2Pi = 0.3989422804014327f;   // 1/√(2π)
constexpr float kGeluCubic = 0.044715f;

// Standard normal density φ(x); exactly 0 once it would be subnormal-small (x²/2 > 80).
float normal_pdf(float x) {
  const float half_sq = 0.5f * x * x;
  return half_sq > 80.0f ? 0.0f : kInvSqrt2Pi * std::exp(-half_sq);
}

// d = y > 0 ? g : 0. Under SIMD128 as a compare mask ANDed with g: V8 lowers the v128.bitselect
// that the compiler makes of the plain loop about 5× slower (measured on 64 × 128).
void relu_backward(const float* y, const float* g, float* d, Eigen::Index n) {
  Eigen::Index i = 0;
#ifdef __wasm_simd128__
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (; i + 4 <= n; i += 4)
    wasm_v128_store(d + i, wasm_v128_and(wasm_v128_load(g + i), wasm_f32x4_gt(wasm_v128_load(y + i), zero)));
#endif
  for (; i < n; ++i) d[i] = y[i] > 0.0f ? g[i] : 0.0f;
}

// y = max(x, 0) in the std::max(x, 0) sense: x < 0 ? 0 : x, so a NaN stays NaN (as torch.relu).
// Eigen has no wasm SIMD backend, so its .max(0) ran one float at a time there; f32x4.pmax is
// exactly this select, four at a time.
void relu_forward(const float* x, float* y, Eigen::Index n) {
  Eigen::Index i = 0;
#ifdef __wasm_simd128__
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, wasm_f32x4_pmax(wasm_v128_load(x + i), zero));
#endif
  for (; i < n; ++i) y[i] = x[i] < 0.0f ? 0.0f : x[i];
}

}  // namespace

ActivationKind parse_activation(const std::string& name, const std::string& path) {
  std::string choices;
  for (const auto& a : kActivations) {
    if (name == a.name) return a.kind;
    choices += choices.empty() ? "" : ", ";
    choices += a.name;
  }
  throw Error(path, "unknown activation '" + name + "' (expected one of: " + choices + ")");
}

const char* activation_name(ActivationKind kind) {
  for (const auto& a : kActivations)
    if (a.kind == kind) return a.name;
  return "unknown";
}

float sigmoid(float z) {
  if (z >= 0.0f) return 1.0f / (1.0f + std::exp(-z));
  if (z < -80.0f) return 0.0f;
  const float e = std::exp(z);
  return e / (1.0f + e);
}

void activation_forward(ActivationKind kind, const Matrix& x, Matrix& y) {
  y.resize(x.rows(), x.cols());
  const Eigen::Index n = x.size();
  const float* in = x.data();
  float* out = y.data();
  switch (kind) {
    case ActivationKind::Identity:
      y = x;
      break;
    case ActivationKind::ReLU:
      relu_forward(in, out, n);
      break;
    case ActivationKind::LeakyReLU:
      for (Eigen::Index i = 0; i < n; ++i) out[i] = in[i] > 0.0f ? in[i] : kLeakyReLUSlope * in[i];
      break;
    case ActivationKind::Tanh:
      for (Eigen::Index i = 0; i < n; ++i) out[i] = std::tanh(in[i]);
      break;
    case ActivationKind::Sigmoid:
      for (Eigen::Index i = 0; i < n; ++i) out[i] = sigmoid(in[i]);
      break;
    case ActivationKind::GELU:
      for (Eigen::Index i = 0; i < n; ++i) out[i] = 0.5f * in[i] * (1.0f + std::erf(in[i] * kInvSqrt2));
      break;
    case ActivationKind::GELUTanh:
      for (Eigen::Index i = 0; i < n; ++i) {
        const float v = in[i];
        out[i] = 0.5f * v * (1.0f + std::tanh(kSqrt2OverPi * (v + kGeluCubic * v * v * v)));
      }
      break;
  }
}

void activation_backward(ActivationKind kind, const Matrix& x, const Matrix& y, const Matrix& dy, Matrix& dx) {
  dx.resize(dy.rows(), dy.cols());
  const Eigen::Index n = dy.size();
  const float* in = x.data();
  const float* g = dy.data();
  float* d = dx.data();
  switch (kind) {
    case ActivationKind::Identity:
      dx = dy;
      break;
    // The sign of x is read from y (y > 0 exactly when x > 0 for both), so the layer need not keep x.
    case ActivationKind::ReLU:
      relu_backward(y.data(), g, d, n);
      break;
    case ActivationKind::LeakyReLU: {
      const float* out = y.data();
      for (Eigen::Index i = 0; i < n; ++i) d[i] = out[i] > 0.0f ? g[i] : kLeakyReLUSlope * g[i];
      break;
    }
    case ActivationKind::Tanh:
      dx.array() = dy.array() * (1.0f - y.array().square());
      break;
    case ActivationKind::Sigmoid:
      dx.array() = dy.array() * y.array() * (1.0f - y.array());
      break;
    case ActivationKind::GELU:
      for (Eigen::Index i = 0; i < n; ++i) {
        const float v = in[i];
        const float cdf = 0.5f * (1.0f + std::erf(v * kInvSqrt2));
        d[i] = g[i] * (cdf + v * normal_pdf(v));
      }
      break;
    case ActivationKind::GELUTanh:
      for (Eigen::Index i = 0; i < n; ++i) {
        const float v = in[i];
        const float t = std::tanh(kSqrt2OverPi * (v + kGeluCubic * v * v * v));
        const float sech2 = 1.0f - t * t;
        // Once tanh has saturated (sech² = 0) the second term is 0; skipping it also avoids 0·∞ for huge |x|.
        const float slope = sech2 > 0.0f ? 0.5f * v * sech2 * kSqrt2OverPi * (1.0f + 3.0f * kGeluCubic * v * v) : 0.0f;
        d[i] = g[i] * (0.5f * (1.0f + t) + slope);
      }
      break;
  }
}

bool activation_backward_reads_x(ActivationKind kind) {
  return kind == ActivationKind::GELU || kind == ActivationKind::GELUTanh;
}

const Matrix& Activation::forward(const Matrix& x, Mode mode, Rng& rng) {
  if (activation_backward_reads_x(kind_)) x_ = x;  // the others differentiate from y alone
  activation_forward(kind_, x, y_);
  return y_;
}

const Matrix& Activation::backward(const Matrix& dy) {
  activation_backward(kind_, x_, y_, dy, dx_);
  return dx_;
}

}  // namespace reglab
