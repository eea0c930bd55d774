// The layered network of model.kind "mlp" and "cnn", built from the spec's model section:
//   cnn: for each block of model.conv:
//          Conv2D → [norm: BatchNorm2D per channel | LayerNorm over C·H·W] → act → [pool] → [Dropout2D]
//          (a ReLU before max pooling runs after it: the same values and gradients, a quarter of the work)
//        then flatten (the identity: an image is already one row of C·H·W values, image_shape.h)
//   both: [input dropout] → for each hidden width: Dense → (norm → act | act → norm) → dropout → … → Dense
// (model.normPlacement orders norm and activation in the dense layers; conv blocks normalize
// before the activation, as in ResNet and PyTorch's usual Conv-BN-ReLU.)
// Dropout layers with p = 0 are skipped (not copied through), so a rate can be raised mid-run.
// Names: conv1.W [out, in, kh, kw] (flattened out × in·kh·kw), conv1.b, cnorm1.* for conv-block
// norms, dense1.W, dense1.b, norm1.* for dense-layer norms — conv layers first, in model order.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "train/network.h"

namespace reglab {

class Conv2D;
class Dense;
class Dropout;
class Dropout2D;

class Model final : public Network {
 public:
  // `image` gives the input shape for conv blocks (channels = 0: the input is not an image).
  Model(const ModelSpec& spec, const RegularizationSpec& reg, int inputs, int outputs, Rng& init_rng,
        int image_channels = 0, int image_h = 0, int image_w = 0);

  using Network::forward;
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng, bool dropout_on) override;
  void backward(const Matrix& dout) override;
  int weight_layers() const override { return static_cast<int>(conv_.size() + dense_.size()); }
  std::vector<double> layer_sigmas() const override;
  void refine_spectral_norm(int iterations) override;
  void set_dropout(const ModelSpec& spec) override;
  double forward_flops() const override { return flops_; }
  double activation_floats() const override { return activation_floats_; }

  const std::vector<Dense*>& dense_layers() const { return dense_; }
  const std::vector<Conv2D*>& conv_layers() const { return conv_; }

 private:
  struct Slot {
    std::unique_ptr<Layer> layer;
    Dropout* dropout = nullptr;      // non-null for dropout layers (skipped when p = 0)
    Dropout2D* dropout2d = nullptr;  // non-null for channel dropout (skipped when p = 0)
    bool ran = false;                // took part in the last forward
  };
  std::vector<Slot> slots_;
  std::vector<Conv2D*> conv_;
  std::vector<Dense*> dense_;
  std::vector<Dropout*> dropouts_;      // [input, hidden…]
  std::vector<Dropout2D*> dropouts2d_;  // one per conv block
  Layer* first_weight_layer_ = nullptr;  // the backward stops there (nothing before it has parameters)
  double flops_ = 0;
  double activation_floats_ = 0;
};

// Parameters and forward FLOPs per sample of the Model the spec describes (mlp, cnn).
NetworkSize model_network_size(const ModelSpec& spec, const Dataset& train, int outputs);

}  // namespace reglab
