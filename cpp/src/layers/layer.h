// The interface every layer of a RegLab model implements (micrograd-sized): a forward pass that
// keeps what its backward needs, a backward pass that returns dL/dx and ACCUMULATES the parameter
// gradients (zeroing is explicit, done by the trainer), and views of the parameters and of the
// non-learnable state that is saved with the weights.
#pragma once
#include <utility>
#include <vector>

#include "reglab/rng.h"
#include "reglab/tensor.h"

namespace reglab {

class Layer {
 public:
  virtual ~Layer() = default;
  virtual const char* kind() const = 0;   // "dense", "activation", "dropout", "batch_norm", "layer_norm"
  // Returns the layer-owned output (valid until the next forward) and keeps what backward needs.
  // x must stay alive and unchanged until the matching backward: a layer may keep a pointer to it
  // rather than a copy (in a model, x is the previous layer's output or the caller's batch).
  virtual const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) = 0;
  // dy = dL/d(output of the last forward). Returns the layer-owned dL/dx. Parameter gradients ACCUMULATE.
  virtual const Matrix& backward(const Matrix& dy) = 0;
  virtual std::vector<ParamRef> params() { return {}; }            // ParamRef.layer is set by the model (use -1)
  // Non-learnable state saved with the weights (running_mean, running_var, spectral-norm u).
  virtual std::vector<std::pair<const char*, Matrix*>> buffers() { return {}; }
};

}  // namespace reglab
