// The network: a stack of layers built from the spec's model section.
//   [input dropout] → for each hidden layer: Dense → (norm → act | act → norm) → dropout → … → Dense
// Dropout layers with p = 0 are skipped (not copied through), so a rate can be raised mid-run.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "layers/layer.h"
#include "reglab/rng.h"
#include "reglab/spec.h"
#include "reglab/tensor.h"

namespace reglab {

class Dense;
class Dropout;

class Model {
 public:
  Model(const ModelSpec& spec, const RegularizationSpec& reg, int inputs, int outputs, Rng& init_rng);

  // `dropout_on` turns dropout on independently of `mode` (Monte-Carlo dropout at inference).
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng, bool dropout_on);
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) { return forward(x, mode, rng, mode == Mode::Train); }
  // Accumulates the parameter gradients; stops at the first dense layer (no gradient of the input).
  void backward(const Matrix& dout);
  void zero_grad();

  const std::vector<ParamRef>& params() const { return params_; }
  // Named parameters and buffers, in a fixed order ("dense1.W", "norm1.running_mean", …).
  struct Named {
    std::string name;
    Matrix* value;
    bool trainable;
  };
  const std::vector<Named>& tensors() const { return tensors_; }
  const std::vector<Dense*>& dense_layers() const { return dense_; }
  // Dropout rates: [input, hidden 1, …]; set_dropout changes them mid-run.
  void set_dropout(double input_rate, const std::vector<double>& hidden_rates);
  int inputs() const { return inputs_; }
  int outputs() const { return outputs_; }
  size_t parameter_count() const;

 private:
  struct Slot {
    std::unique_ptr<Layer> layer;
    Dropout* dropout = nullptr;  // non-null for dropout layers (skipped when p = 0)
    bool norm = false;           // normalization layer (uses Eval mode for MC dropout)
    bool ran = false;            // took part in the last forward
  };
  std::vector<Slot> slots_;
  std::vector<ParamRef> params_;
  std::vector<Named> tensors_;
  std::vector<Dense*> dense_;
  std::vector<Dropout*> dropouts_;  // [input, hidden…]
  const Matrix* last_input_ = nullptr;
  int inputs_, outputs_;
};

}  // namespace reglab
