// What the trainer (experiment.cpp) needs of a network, whatever its kind: a forward pass on a
// batch (one sample per row), a backward pass that accumulates the parameter gradients, the named
// parameters and buffers (run.weights(), setWeights, the PyTorch export), the penalty groups that
// regularization.layers[i] refers to, the σ records of spectral normalization and the dropout
// rates that may change mid-run. make_network() builds the one the spec's model.kind names:
//   mlp, cnn          → Model (train/model.h): a stack of layers, optional conv blocks in front
//   transformer, gru  → SequenceModel (train/sequence_model.h): on token ids
// A new kind of network is one class implementing this interface and one line in make_network.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "layers/layer.h"
#include "reglab/dataset.h"
#include "reglab/rng.h"
#include "reglab/spec.h"
#include "reglab/tensor.h"

namespace reglab {

class Network {
 public:
  virtual ~Network() = default;

  // `dropout_on` turns dropout on independently of `mode` (Monte-Carlo dropout at inference).
  virtual const Matrix& forward(const Matrix& x, Mode mode, Rng& rng, bool dropout_on) = 0;
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) { return forward(x, mode, rng, mode == Mode::Train); }
  // Accumulates the parameter gradients of the last forward (no gradient of the input).
  virtual void backward(const Matrix& dout) = 0;

  // Named parameters and buffers, in a fixed order ("conv1.W", "dense1.W", "norm1.running_mean", …).
  struct Named {
    std::string name;
    Matrix* value;
    bool trainable;
    std::vector<int> shape = {};  // PyTorch's shape when it is not [rows, cols] (conv weights)
  };
  const std::vector<ParamRef>& params() const { return params_; }  // ParamRef.layer = its penalty group
  const std::vector<Named>& tensors() const { return tensors_; }
  // Penalty groups: the weight layers in model order (conv blocks, then dense layers);
  // regularization.layers[i] overrides λ of group i.
  virtual int weight_layers() const = 0;
  // Largest singular value of each weight layer's applied weight (W/σ with spectral norm), in
  // group order; and the end-of-epoch refinement of the spectral-norm estimates.
  virtual std::vector<double> layer_sigmas() const = 0;
  virtual void refine_spectral_norm(int iterations) = 0;
  // Applies the dropout rates of `spec` (the fields that may change mid-run).
  virtual void set_dropout(const ModelSpec& spec) = 0;
  // Forward FLOPs of one sample (2 × the multiply-adds of the weight layers), for the work bound.
  virtual double forward_flops() const = 0;
  // Floats of the activations one sample keeps in a forward pass (the layers' outputs): evaluation
  // and prediction run in chunks small enough that a chunk's activations stay bounded.
  virtual double activation_floats() const = 0;

  void zero_grad() {
    for (auto& p : params_) p.grad->setZero();
  }
  size_t parameter_count() const {
    size_t n = 0;
    for (const auto& p : params_) n += static_cast<size_t>(p.value->size());
    return n;
  }
  int inputs() const { return inputs_; }
  int outputs() const { return outputs_; }

 protected:
  std::vector<ParamRef> params_;
  std::vector<Named> tensors_;
  int inputs_ = 0, outputs_ = 0;
};

// The network the spec describes for data like `train` with `outputs` outputs. Throws
// reglab::Error naming the field (e.g. "model.conv[1].kernel") for a shape that does not fit.
// The size of that network, without building it (for the bounds checked before allocation):
// parameters (weights + biases, norms' γ/β) and forward FLOPs per sample.
struct NetworkSize {
  double parameters = 0, forward_flops = 0;
};
NetworkSize network_size(const ModelSpec& spec, const Dataset& train, int outputs);

std::unique_ptr<Network> make_network(const ModelSpec& spec, const RegularizationSpec& reg, const Dataset& train,
                                      int outputs, Rng& init_rng);

}  // namespace reglab
