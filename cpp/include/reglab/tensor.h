// Tensors of RegLab: Eigen float32 matrices, row-major, shape batch × features.
// A weight W is stored out × in (the torch.nn.Linear layout), so a dense layer is y = x Wᵀ + b.
// Vectors that belong to a layer (bias, γ, β, running statistics) are 1 × n matrices, so every
// parameter, gradient and optimizer buffer has one type.
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace reglab {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Labels = std::vector<int32_t>;

enum class Mode { Train, Eval };

// What a parameter is for: penalties and weight decay apply to weights only (one rule, here).
enum class ParamRole { Weight, Bias, NormScale, NormShift };

// A view of one learnable tensor and its gradient, owned by a layer.
struct ParamRef {
  const char* name;   // "W", "b", "gamma", "beta"
  ParamRole role;
  Matrix* value;
  Matrix* grad;       // same shape as value; gradients accumulate, zeroing is explicit
  int layer;          // index of the owning layer in the model (for per-layer settings)
};

inline bool is_weight(const ParamRef& p) { return p.role == ParamRole::Weight; }

}  // namespace reglab
