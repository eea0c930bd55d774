// Element-wise activation functions and their derivatives, as a layer.
#pragma once
#include <string>

#include "layers/layer.h"

namespace reglab {

// identity, relu, leaky_relu (slope 0.01), tanh, sigmoid, gelu (exact, with erf), gelu_tanh.
enum class ActivationKind { Identity, ReLU, LeakyReLU, Tanh, Sigmoid, GELU, GELUTanh };

// Parses a spec name; throws reglab::Error(path, "unknown activation 'x' (expected one of: ...)").
ActivationKind parse_activation(const std::string& name, const std::string& path);
const char* activation_name(ActivationKind kind);

constexpr float kLeakyReLUSlope = 0.01f;

// y = f(x) element-wise (y resized):
//   relu(x) = max(x, 0)                     leaky_relu(x) = x > 0 ? x : 0.01x
//   tanh(x)                                 sigmoid(x) = 1/(1 + e^{−x})
//   gelu(x) = x Φ(x) = ½x(1 + erf(x/√2))
//   gelu_tanh(x) = ½x(1 + tanh(√(2/π)(x + 0.044715x³)))
void activation_forward(ActivationKind kind, const Matrix& x, Matrix& y);
// dx = dy ⊙ f'(x) (dx resized; x and y are the forward's input and output; x is read only by gelu
// and gelu_tanh, see activation_backward_reads_x — relu and leaky_relu take the sign of x from y).
// Conventions (torch):
//   relu'(0) = 0;  leaky_relu'(x) = 0.01 for x ≤ 0 (so 0.01 at 0);  tanh' = 1 − y²;  sigmoid' = y(1 − y);
//   gelu'(x) = Φ(x) + x φ(x);  gelu_tanh'(x) = ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²).
void activation_backward(ActivationKind kind, const Matrix& x, const Matrix& y, const Matrix& dy, Matrix& dx);
// Whether activation_backward needs the forward's input x (gelu, gelu_tanh) rather than only y.
bool activation_backward_reads_x(ActivationKind kind);

// σ(z) computed without overflow, and exactly 0 for z < −80 instead of a subnormal (σ(−80) ≈ 2e−35):
// WebAssembly cannot flush subnormals to zero, and arithmetic on them is many times slower.
float sigmoid(float z);

class Activation : public Layer {
 public:
  explicit Activation(ActivationKind kind) : kind_(kind) {}

  const char* kind() const override { return "activation"; }
  ActivationKind activation() const { return kind_; }
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;

 private:
  ActivationKind kind_;
  Matrix x_, y_, dx_;  // x_ is kept only when activation_backward_reads_x(kind_)
};

}  // namespace reglab
