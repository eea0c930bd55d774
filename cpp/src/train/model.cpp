#include "train/model.h"

#include "kernels/im2col.h"
#include "layers/activation.h"
#include "layers/avg_pool_2d.h"
#include "layers/batch_norm.h"
#include "layers/batch_norm_2d.h"
#include "layers/conv2d.h"
#include "layers/dense.h"
#include "layers/dropout.h"
#include "layers/dropout_2d.h"
#include "layers/layer_norm.h"
#include "layers/max_pool_2d.h"
#include "reglab/error.h"

namespace reglab {

namespace {
enum class Role { Other, Conv, ConvNorm, Dense, DenseNorm };
}  // namespace

Model::Model(const ModelSpec& spec, const RegularizationSpec& reg, int inputs, int outputs, Rng& init_rng,
             int image_channels, int image_h, int image_w) {
  inputs_ = inputs;
  outputs_ = outputs;
  ActivationKind act = parse_activation(spec.activation, "model.activation");
  bool relu_like = act == ActivationKind::ReLU || act == ActivationKind::LeakyReLU || act == ActivationKind::GELU ||
                   act == ActivationKind::GELUTanh;
  Init init = spec.init == "he" ? Init::He : spec.init == "xavier" ? Init::Xavier : (relu_like ? Init::He : Init::Xavier);

  std::vector<Role> roles;  // one per slot: what names its parameters
  int width_now = inputs;  // the output width of the last layer added (for activation_floats_)
  auto add = [&](std::unique_ptr<Layer> layer, Role role) {
    activation_floats_ += width_now;
    Slot s;
    s.layer = std::move(layer);
    slots_.push_back(std::move(s));
    roles.push_back(role);
  };
  auto add_dropout = [&](double p) {
    auto d = std::make_unique<Dropout>(static_cast<float>(p));
    dropouts_.push_back(d.get());
    Dropout* raw = d.get();
    add(std::move(d), Role::Other);
    slots_.back().dropout = raw;
  };
  auto add_dense_norm = [&](int width) {
    if (spec.norm == "batch")
      add(std::make_unique<BatchNorm>(width, static_cast<float>(spec.normMomentum), static_cast<float>(spec.normEps)),
          Role::DenseNorm);
    else if (spec.norm == "layer")
      add(std::make_unique<LayerNorm>(width, static_cast<float>(spec.normEps)), Role::DenseNorm);
  };
  auto add_dense = [&](int in, int out) {
    auto d = std::make_unique<Dense>(in, out, init, init_rng);
    if (reg.spectralNorm) d->enable_spectral_norm(reg.spectralIterations, init_rng);
    dense_.push_back(d.get());
    flops_ += 2.0 * in * out;
    width_now = out;
    add(std::move(d), Role::Dense);
  };

  add_dropout(spec.inputDropout);
  int width = inputs;
  // The core engine module (train/network.cpp) has no convolutional layers: make_network refuses a
  // cnn there before this runs, and leaving the blocks out here keeps their code out of the module.
#ifndef REGLAB_ENGINE_CORE
  if (spec.kind == "cnn") {
    if (image_channels <= 0)
      throw Error("model.conv", "a convolutional network needs image data (data.kind \"digits\" or \"fashion_mnist\", or "
                                "data.imageShape)");
    ImageShape shape{image_channels, image_h, image_w};
    for (size_t i = 0; i < spec.conv.size(); ++i) {
      const ConvBlockSpec& b = spec.conv[i];
      const std::string path = "model.conv[" + std::to_string(i) + "]";
      Conv2DGeometry g = conv2d_geometry(shape, b.filters, b.kernel, b.kernel, b.stride,
                                         parse_padding(b.padding, path + ".padding"), path);
      auto conv = std::make_unique<Conv2D>(g, init, init_rng);
      if (reg.spectralNorm) conv->enable_spectral_norm(reg.spectralIterations, init_rng);
      conv_.push_back(conv.get());
      flops_ += static_cast<double>(g.flops_per_image());
      shape = g.out();
      width_now = shape.size();
      add(std::move(conv), Role::Conv);
      if (spec.norm == "batch")
        add(std::make_unique<BatchNorm2D>(shape, static_cast<float>(spec.normMomentum), static_cast<float>(spec.normEps)),
            Role::ConvNorm);
      else if (spec.norm == "layer")
        add(std::make_unique<LayerNorm>(shape.size(), static_cast<float>(spec.normEps)), Role::ConvNorm);
      // ReLU and max pooling commute exactly: max(relu(a), relu(b)) = relu(max(a, b)), and the
      // gradient reaches the same pixel (the first maximum when it is > 0; none otherwise, as
      // relu'(0) = 0), NaN included. Pooling first runs the ReLU on a quarter of the values (C1:
      // 100,352 instead of 401,408 per batch of 64 after conv1).
      const bool pool_first = b.pool > 1 && b.poolKind != "avg" && act == ActivationKind::ReLU;
      if (!pool_first) add(std::make_unique<Activation>(act), Role::Other);
      if (b.pool > 1) {
        Pool2DGeometry pg = pool2d_geometry(shape, b.pool, b.pool, path);
        if (b.poolKind == "avg")
          add(std::make_unique<AvgPool2D>(pg), Role::Other);
        else
          add(std::make_unique<MaxPool2D>(pg), Role::Other);
        width_now = pg.out().size();
        shape = pg.out();
      }
      if (pool_first) add(std::make_unique<Activation>(act), Role::Other);
      auto d2 = std::make_unique<Dropout2D>(shape, static_cast<float>(spec.convDropout));
      Dropout2D* raw = d2.get();
      dropouts2d_.push_back(raw);
      add(std::move(d2), Role::Other);
      slots_.back().dropout2d = raw;
    }
    width = shape.size();  // flatten: the identity on the channel-major layout
  }
#endif
  for (size_t i = 0; i < spec.hidden.size(); ++i) {
    add_dense(width, spec.hidden[i]);
    if (spec.normPlacement == "pre") add_dense_norm(spec.hidden[i]);
    add(std::make_unique<Activation>(act), Role::Other);
    if (spec.normPlacement == "post") add_dense_norm(spec.hidden[i]);
    add_dropout(i < spec.dropout.size() ? spec.dropout[i] : 0.0);
    width = spec.hidden[i];
  }
  add_dense(width, outputs);
  // Nothing reads dL/d(input): the backward pass stops at the first weight layer, without its dx.
  if (!conv_.empty()) {
    conv_.front()->set_input_gradient(false);
    first_weight_layer_ = conv_.front();
  } else {
    dense_.front()->set_input_gradient(false);
    first_weight_layer_ = dense_.front();
  }

  // Names and penalty groups: ParamRef.layer = the index of the weight layer a parameter belongs
  // to (conv blocks first, then dense layers); a norm's parameters join the layer before them.
  int conv_index = 0, dense_index = 0, conv_norm_index = 0, dense_norm_index = 0;
  const int convs = static_cast<int>(conv_.size());
  for (size_t k = 0; k < slots_.size(); ++k) {
    std::string prefix;
    int group = 0;
    switch (roles[k]) {
      case Role::Conv:
        prefix = "conv" + std::to_string(++conv_index);
        group = conv_index - 1;
        break;
      case Role::ConvNorm:
        prefix = "cnorm" + std::to_string(++conv_norm_index);
        group = conv_norm_index - 1;
        break;
      case Role::Dense:
        prefix = "dense" + std::to_string(++dense_index);
        group = convs + dense_index - 1;
        break;
      case Role::DenseNorm:
        prefix = "norm" + std::to_string(++dense_norm_index);
        group = convs + dense_norm_index - 1;
        break;
      case Role::Other:
        continue;
    }
    Layer& layer = *slots_[k].layer;
    std::vector<int> conv_shape;
    if (roles[k] == Role::Conv) {
      const Conv2DGeometry& g = static_cast<Conv2D&>(layer).geometry();
      conv_shape = {g.out_channels, g.in.channels, g.kernel_h, g.kernel_w};
    }
    for (ParamRef p : layer.params()) {
      p.layer = group;
      params_.push_back(p);
      const bool weight = roles[k] == Role::Conv && p.value == &static_cast<Conv2D&>(layer).W;
      tensors_.push_back({prefix + "." + p.name, p.value, true, weight ? conv_shape : std::vector<int>{}});
    }
    for (auto& b : layer.buffers()) tensors_.push_back({prefix + "." + b.first, b.second, false});
  }
}

const Matrix& Model::forward(const Matrix& x, Mode mode, Rng& rng, bool dropout_on) {
  const Matrix* h = &x;
  for (auto& s : slots_) {
    s.ran = false;
    const bool is_dropout = s.dropout || s.dropout2d;
    if (is_dropout) {
      const float p = s.dropout ? s.dropout->p() : s.dropout2d->p();
      if (!dropout_on || p == 0.0f) continue;
    }
    // Dropout layers run in Train mode whenever they are on (MC dropout); the others follow `mode`.
    h = &s.layer->forward(*h, is_dropout ? Mode::Train : mode, rng);
    s.ran = true;
  }
  return *h;
}

void Model::backward(const Matrix& dout) {
  const Matrix* g = &dout;
  for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) {
    if (!it->ran) continue;
    g = &it->layer->backward(*g);
    if (it->layer.get() == first_weight_layer_) break;  // layers before it have no parameters
  }
}

std::vector<double> Model::layer_sigmas() const {
  std::vector<double> s;
  for (const Conv2D* c : conv_) s.push_back(c->effective_sigma());
  for (const Dense* d : dense_) s.push_back(d->effective_sigma());
  return s;
}

void Model::refine_spectral_norm(int iterations) {
  for (Conv2D* c : conv_) c->refine_spectral_norm(iterations);
  for (Dense* d : dense_) d->refine_spectral_norm(iterations);
}

void Model::set_dropout(const ModelSpec& spec) {
  dropouts_[0]->set_p(static_cast<float>(spec.inputDropout));
  for (size_t i = 1; i < dropouts_.size(); ++i)
    dropouts_[i]->set_p(static_cast<float>(i - 1 < spec.dropout.size() ? spec.dropout[i - 1] : 0.0));
  for (Dropout2D* d : dropouts2d_) d->set_p(static_cast<float>(spec.convDropout));
}

NetworkSize model_network_size(const ModelSpec& spec, const Dataset& train, int outputs) {
  NetworkSize n;
  double width = train.features();
  if (spec.kind == "cnn") {
    if (train.image_channels <= 0)
      throw Error("model.conv", "a convolutional network needs image data (data.kind \"digits\" or \"fashion_mnist\", or "
                                "data.imageShape)");
    ImageShape shape{train.image_channels, train.image_h, train.image_w};
    for (size_t i = 0; i < spec.conv.size(); ++i) {
      const ConvBlockSpec& b = spec.conv[i];
      const std::string path = "model.conv[" + std::to_string(i) + "]";
      Conv2DGeometry g = conv2d_geometry(shape, b.filters, b.kernel, b.kernel, b.stride,
                                         parse_padding(b.padding, path + ".padding"), path);
      n.parameters += static_cast<double>(g.out_channels) * g.patch() + g.out_channels;
      n.forward_flops += static_cast<double>(g.flops_per_image());
      shape = g.out();
      if (spec.norm != "none") n.parameters += 2.0 * (spec.norm == "batch" ? shape.channels : shape.size());
      if (b.pool > 1) shape = pool2d_geometry(shape, b.pool, b.pool, path).out();
    }
    width = shape.size();
  }
  for (int h : spec.hidden) {
    n.parameters += width * h + h + (spec.norm != "none" ? 2.0 * h : 0.0);
    n.forward_flops += 2.0 * width * h;
    width = h;
  }
  n.parameters += width * outputs + outputs;
  n.forward_flops += 2.0 * width * outputs;
  return n;
}

}  // namespace reglab
