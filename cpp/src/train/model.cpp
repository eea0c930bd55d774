#include "train/model.h"

#include "layers/activation.h"
#include "layers/batch_norm.h"
#include "layers/dense.h"
#include "layers/dropout.h"
#include "layers/layer_norm.h"

namespace reglab {

Model::Model(const ModelSpec& spec, const RegularizationSpec& reg, int inputs, int outputs, Rng& init_rng)
    : inputs_(inputs), outputs_(outputs) {
  ActivationKind act = parse_activation(spec.activation, "model.activation");
  bool relu_like = act == ActivationKind::ReLU || act == ActivationKind::LeakyReLU || act == ActivationKind::GELU ||
                   act == ActivationKind::GELUTanh;
  Init init = spec.init == "he" ? Init::He : spec.init == "xavier" ? Init::Xavier : (relu_like ? Init::He : Init::Xavier);

  auto add_dropout = [&](double p) {
    auto d = std::make_unique<Dropout>(static_cast<float>(p));
    Slot s;
    s.dropout = d.get();
    dropouts_.push_back(d.get());
    s.layer = std::move(d);
    slots_.push_back(std::move(s));
  };
  auto add = [&](std::unique_ptr<Layer> layer, bool norm) {
    Slot s;
    s.layer = std::move(layer);
    s.norm = norm;
    slots_.push_back(std::move(s));
  };
  auto add_norm = [&](int width) {
    if (spec.norm == "batch")
      add(std::make_unique<BatchNorm>(width, static_cast<float>(spec.normMomentum), static_cast<float>(spec.normEps)), true);
    else if (spec.norm == "layer")
      add(std::make_unique<LayerNorm>(width, static_cast<float>(spec.normEps)), true);
  };
  auto add_dense = [&](int in, int out) {
    auto d = std::make_unique<Dense>(in, out, init, init_rng);
    if (reg.spectralNorm) d->enable_spectral_norm(reg.spectralIterations, init_rng);
    dense_.push_back(d.get());
    add(std::move(d), false);
  };

  add_dropout(spec.inputDropout);
  int width = inputs;
  for (size_t i = 0; i < spec.hidden.size(); ++i) {
    add_dense(width, spec.hidden[i]);
    if (spec.normPlacement == "pre") add_norm(spec.hidden[i]);
    add(std::make_unique<Activation>(act), false);
    if (spec.normPlacement == "post") add_norm(spec.hidden[i]);
    add_dropout(i < spec.dropout.size() ? spec.dropout[i] : 0.0);
    width = spec.hidden[i];
  }
  add_dense(width, outputs);
  // Nothing reads dL/d(input): the backward pass stops at the first dense layer, without its dx.
  dense_.front()->set_input_gradient(false);

  // Names: dense1…, norm1…; ParamRef.layer = index of the dense layer a parameter belongs to (or
  // of the hidden layer for norm parameters), which is what per-layer penalties refer to.
  int dense_index = 0, norm_index = 0;
  for (auto& s : slots_) {
    std::string prefix;
    int layer_index = 0;
    std::string kind = s.layer->kind();
    if (kind == "dense") {
      prefix = "dense" + std::to_string(++dense_index);
      layer_index = dense_index - 1;
    } else if (s.norm) {
      prefix = "norm" + std::to_string(++norm_index);
      layer_index = norm_index - 1;
    } else {
      continue;
    }
    for (ParamRef p : s.layer->params()) {
      p.layer = layer_index;
      params_.push_back(p);
      tensors_.push_back({prefix + "." + p.name, p.value, true});
    }
    for (auto& b : s.layer->buffers()) tensors_.push_back({prefix + "." + b.first, b.second, false});
  }
}

const Matrix& Model::forward(const Matrix& x, Mode mode, Rng& rng, bool dropout_on) {
  last_input_ = &x;
  const Matrix* h = &x;
  for (auto& s : slots_) {
    s.ran = false;
    if (s.dropout && (!dropout_on || s.dropout->p() == 0.0f)) continue;
    Mode m = s.dropout ? Mode::Train : mode;
    h = &s.layer->forward(*h, m, rng);
    s.ran = true;
  }
  return *h;
}

void Model::backward(const Matrix& dout) {
  const Matrix* g = &dout;
  for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) {
    if (!it->ran) continue;
    g = &it->layer->backward(*g);
    if (it->layer.get() == dense_.front()) break;  // layers before it have no parameters
  }
}

void Model::zero_grad() {
  for (auto& p : params_) p.grad->setZero();
}

void Model::set_dropout(double input_rate, const std::vector<double>& hidden_rates) {
  dropouts_[0]->set_p(static_cast<float>(input_rate));
  for (size_t i = 1; i < dropouts_.size(); ++i)
    dropouts_[i]->set_p(static_cast<float>(i - 1 < hidden_rates.size() ? hidden_rates[i - 1] : 0.0));
}

size_t Model::parameter_count() const {
  size_t n = 0;
  for (const auto& p : params_) n += static_cast<size_t>(p.value->size());
  return n;
}

}  // namespace reglab
