#include "train/sequence_model.h"

#include <algorithm>
#include <cmath>

#include "reglab/error.h"

namespace reglab {

namespace {

double rate(const ModelSpec& spec, size_t i) { return i < spec.dropout.size() ? spec.dropout[i] : 0.0; }

// A block's parameter name ("self_attn.in_proj.W", "norm1.gamma", "linear1.u") as PyTorch's
// nn.TransformerEncoderLayer names it ("self_attn.in_proj_weight", "norm1.weight", "linear1.weight_u").
std::string torch_block_name(std::string n) {
  const std::pair<const char*, const char*> suffixes[] = {{".W", ".weight"}, {".b", ".bias"}, {".gamma", ".weight"},
                                                          {".beta", ".bias"}, {".u", ".weight_u"}, {".v", ".weight_v"}};
  for (const auto& [from, to] : suffixes) {
    const std::string f = from;
    if (n.size() > f.size() && n.compare(n.size() - f.size(), f.size(), f) == 0) {
      n = n.substr(0, n.size() - f.size()) + to;
      break;
    }
  }
  const std::string in_proj = "self_attn.in_proj.";
  if (n.compare(0, in_proj.size(), in_proj) == 0) n = "self_attn.in_proj_" + n.substr(in_proj.size());
  return n;
}

// The penalty group within a block (in_proj 0, out_proj + norm1 1, linear1 2, linear2 + norm2 3).
int block_group(const std::string& name) {
  if (name.rfind("self_attn.in_proj", 0) == 0) return 0;
  if (name.rfind("self_attn.out_proj", 0) == 0 || name.rfind("norm1", 0) == 0) return 1;
  if (name.rfind("linear1", 0) == 0) return 2;
  return 3;
}

// Largest singular value by power iteration on WᵀW from a fixed start (for the matrices that are
// not Dense layers: embeddings and the GRU's; reported, not applied).
double largest_singular_value(const Matrix& W) {
  if (W.size() == 0) return 0;
  Eigen::VectorXf v = Eigen::VectorXf::Ones(W.cols()) / std::sqrt(static_cast<float>(W.cols()));
  double sigma = 0;
  for (int k = 0; k < 30; ++k) {
    Eigen::VectorXf u = W * v;
    sigma = u.norm();
    if (sigma == 0) return 0;
    v = W.transpose() * u;
    const float n = v.norm();
    if (n == 0) return 0;
    v /= n;
  }
  return sigma;
}

ActivationKind block_activation(const std::string& name) {
  return name == "gelu" ? ActivationKind::GELU : ActivationKind::ReLU;
}

}  // namespace

SequenceModel::SequenceModel(const ModelSpec& spec, const RegularizationSpec& reg, int vocabulary, int outputs,
                             Rng& init_rng)
    : transformer_(spec.kind == "transformer"), batch_norm_(spec.norm == "batch") {
  inputs_ = spec.maxLength;
  outputs_ = outputs;
  const int D = spec.embed;
  const double L = spec.maxLength;
  const SequenceNorm norm = spec.norm == "layer" ? SequenceNorm::Layer : batch_norm_ ? SequenceNorm::Batch : SequenceNorm::None;
  const bool include_padding = spec.batchNormPadding == "included";
  embed_ = std::make_unique<Embedding>(vocabulary, D, 0, init_rng);
  embed_drop_.set_p(static_cast<float>(spec.inputDropout));
  add_tensor("embed.weight", embed_->params()[0], 0);
  groups_.push_back({&embed_->table, nullptr});
  int width = D;
  if (transformer_) {
    pos_ = std::make_unique<PositionEmbedding>(spec.maxLength, D, init_rng);
    add_tensor("pos_embed.weight", pos_->params()[0], 1);
    groups_.push_back({&pos_->P, nullptr});
    TransformerBlockOptions o;
    o.embed = D;
    o.heads = spec.heads;
    o.ffn = spec.ffn;
    o.norm_first = spec.normPlacement == "pre";
    o.norm = norm;
    o.batch_norm_includes_padding = include_padding;
    o.norm_eps = static_cast<float>(spec.normEps);
    o.batch_norm_momentum = static_cast<float>(spec.normMomentum);
    o.activation = block_activation(spec.activation);
    o.attention_dropout = static_cast<float>(spec.attentionDropout);
    o.residual_dropout = o.activation_dropout = static_cast<float>(rate(spec, 0));
    for (int i = 0; i < spec.blocks; ++i) {
      auto block = std::make_unique<TransformerEncoderBlock>(o, init_rng);
      if (reg.spectralNorm)
        for (Dense* d : {&block->self_attn.in_proj, &block->self_attn.out_proj, &block->linear1, &block->linear2})
          d->enable_spectral_norm(reg.spectralIterations, init_rng);
      const int base = static_cast<int>(groups_.size());
      const std::string prefix = "encoder.layers." + std::to_string(i) + ".";
      for (const ParamRef& p : block->params()) add_tensor(prefix + torch_block_name(p.name), p, base + block_group(p.name));
      for (auto& b : block->buffers()) add_buffer(prefix + torch_block_name(b.first), b.second);
      groups_.push_back({&block->self_attn.in_proj.W, &block->self_attn.in_proj});
      groups_.push_back({&block->self_attn.out_proj.W, &block->self_attn.out_proj});
      groups_.push_back({&block->linear1.W, &block->linear1});
      groups_.push_back({&block->linear2.W, &block->linear2});
      // in_proj, QKᵀ and PV, out_proj, the MLP: multiply-adds per position, × 2 FLOPs.
      flops_ += 2.0 * L * (3.0 * D * D + 2.0 * L * D + D * D + 2.0 * D * spec.ffn);
      // Per position: Q, K, V, the attention output, two norms and residuals (~10 D), the MLP's
      // hidden layer twice (F), and the heads' attention weights twice (2 · heads · L).
      activation_floats_ += L * (10.0 * D + 2.0 * spec.ffn + 2.0 * spec.heads * L);
      blocks_.push_back(std::move(block));
    }
  } else {
    for (size_t k = 0; k < spec.hidden.size(); ++k) {
      const int H = spec.hidden[k];
      auto gru = std::make_unique<Gru>(width, H, spec.norm == "layer", init_rng);
      const std::string l = std::to_string(k);
      const int g_ih = static_cast<int>(groups_.size()), g_hh = g_ih + 1;
      for (const ParamRef& p : gru->params()) {
        const std::string n = p.name;
        const std::string name = n == "W_ih"       ? "gru.weight_ih_l" + l
                                 : n == "W_hh"     ? "gru.weight_hh_l" + l
                                 : n == "b_ih"     ? "gru.bias_ih_l" + l
                                 : n == "b_hh"     ? "gru.bias_hh_l" + l
                                 : n == "gamma_ih" ? "gru.ln_ih_l" + l + ".weight"
                                 : n == "beta_ih"  ? "gru.ln_ih_l" + l + ".bias"
                                 : n == "gamma_hh" ? "gru.ln_hh_l" + l + ".weight"
                                                   : "gru.ln_hh_l" + l + ".bias";
        add_tensor(name, p, n.find("ih") != std::string::npos ? g_ih : g_hh);
      }
      groups_.push_back({&gru->W_ih, nullptr});
      groups_.push_back({&gru->W_hh, nullptr});
      if (batch_norm_) {
        auto bn = std::make_unique<MaskedBatchNorm>(H, static_cast<float>(spec.normMomentum),
                                                    static_cast<float>(spec.normEps), include_padding);
        for (const ParamRef& p : bn->params())
          add_tensor("gru.norm_l" + l + (p.role == ParamRole::NormScale ? ".weight" : ".bias"), p, g_hh);
        for (auto& b : bn->buffers()) add_buffer("gru.norm_l" + l + "." + b.first, b.second);
        gru_norms_.push_back(std::move(bn));
      }
      gru_drops_.push_back(std::make_unique<Dropout>(static_cast<float>(rate(spec, k))));
      flops_ += 2.0 * L * 3.0 * H * (width + H);
      activation_floats_ += L * 10.0 * H;  // per step: the gates, their pre-activations, the state
      grus_.push_back(std::move(gru));
      width = H;
    }
    gru_drop_ran_.assign(grus_.size(), 0);
  }
  classifier_ = std::make_unique<Dense>(width, outputs, Init::Xavier, init_rng);
  if (reg.spectralNorm) classifier_->enable_spectral_norm(reg.spectralIterations, init_rng);
  const int g = static_cast<int>(groups_.size());
  for (const ParamRef& p : classifier_->params()) add_tensor(p.role == ParamRole::Weight ? "classifier.weight" : "classifier.bias", p, g);
  for (auto& b : classifier_->buffers()) add_buffer(std::string("classifier.weight_") + b.first, b.second);
  groups_.push_back({&classifier_->W, classifier_.get()});
  flops_ += 2.0 * width * outputs;
}

void SequenceModel::add_tensor(const std::string& name, const ParamRef& p, int group) {
  ParamRef q = p;
  q.layer = group;
  params_.push_back(q);
  std::vector<int> shape;
  if (p.value->rows() == 1) shape = {static_cast<int>(p.value->cols())};  // torch's 1-D biases and norm scales
  tensors_.push_back({name, p.value, true, shape});
}

void SequenceModel::add_buffer(const std::string& name, Matrix* value) {
  std::vector<int> shape;
  if (value->rows() == 1) shape = {static_cast<int>(value->cols())};
  tensors_.push_back({name, value, false, shape});
}

void SequenceModel::read_tokens(const Matrix& x) {
  if (x.cols() != inputs_)
    throw Error("data.tokens", "expected " + std::to_string(inputs_) + " token ids per row (model.maxLength), got " +
                                   std::to_string(x.cols()));
  const int V = embed_->vocabulary();
  B_ = static_cast<int>(x.rows());
  T_ = 1;
  for (int b = 0; b < B_; ++b)
    for (int t = inputs_ - 1; t >= T_; --t)
      if (x(b, t) != 0.0f) {
        T_ = t + 1;
        break;
      }
  ids_.resize(static_cast<size_t>(B_) * T_);
  mask_.resize(B_, T_);
  for (int b = 0; b < B_; ++b)
    for (int t = 0; t < T_; ++t) {
      const float v = x(b, t);
      if (!(v >= 0.0f && v < static_cast<float>(V) && v == std::floor(v)))
        throw Error("data.tokens", "row " + std::to_string(b) + ", position " + std::to_string(t) + ": token id " +
                                       format_number(v) + " is not a whole number in [0, " + std::to_string(V) +
                                       ") (the vocabulary's size)");
      ids_[static_cast<size_t>(b) * T_ + t] = static_cast<int>(v);
      mask_(b, t) = v != 0.0f ? 1.0f : 0.0f;
    }
}

const Matrix& SequenceModel::forward(const Matrix& x, Mode mode, Rng& rng, bool dropout_on) {
  read_tokens(x);
  const Matrix* h = &embed_->forward(ids_);
  if (pos_) h = &pos_->forward(*h, T_);
  embed_drop_ran_ = dropout_on && embed_drop_.p() > 0;
  if (embed_drop_ran_) h = &embed_drop_.forward(*h, Mode::Train, rng);
  if (transformer_) {
    // Blocks follow `mode` for dropout and norm alike; MC dropout runs them in training mode
    // unless that would switch batch norm to batch statistics.
    const Mode block_mode = dropout_on && !batch_norm_ ? Mode::Train : mode;
    for (auto& block : blocks_) h = &block->forward(*h, mask_, block_mode, rng);
    h = &pool_.forward(*h, mask_, mode, rng);
  } else {
    for (size_t k = 0; k < grus_.size(); ++k) {
      h = &grus_[k]->forward(*h, mask_, mode, rng);
      if (batch_norm_) h = &gru_norms_[k]->forward(*h, mask_, mode, rng);
      gru_drop_ran_[k] = dropout_on && gru_drops_[k]->p() > 0;
      if (gru_drop_ran_[k]) h = &gru_drops_[k]->forward(*h, Mode::Train, rng);
    }
    // The state after the last real token: the output at the last position (padding carries it).
    last_.resize(B_, h->cols());
    for (int b = 0; b < B_; ++b) last_.row(b) = h->row(static_cast<Eigen::Index>(b) * T_ + T_ - 1);
    h = &last_;
  }
  return classifier_->forward(*h, mode, rng);
}

void SequenceModel::backward(const Matrix& dout) {
  const Matrix* g = &classifier_->backward(dout);
  if (transformer_) {
    g = &pool_.backward(*g);
    for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it) g = &(*it)->backward(*g);
  } else {
    dseq_.setZero(static_cast<Eigen::Index>(B_) * T_, g->cols());
    for (int b = 0; b < B_; ++b) dseq_.row(static_cast<Eigen::Index>(b) * T_ + T_ - 1) = g->row(b);
    g = &dseq_;
    for (size_t k = grus_.size(); k-- > 0;) {
      if (gru_drop_ran_[k]) g = &gru_drops_[k]->backward(*g);
      if (batch_norm_) g = &gru_norms_[k]->backward(*g);
      g = &grus_[k]->backward(*g);
    }
  }
  if (embed_drop_ran_) g = &embed_drop_.backward(*g);
  if (pos_) pos_->backward(*g);
  embed_->backward(*g);
}

std::vector<double> SequenceModel::layer_sigmas() const {
  std::vector<double> s;
  for (const Group& g : groups_) s.push_back(g.dense ? g.dense->effective_sigma() : largest_singular_value(*g.weight));
  return s;
}

void SequenceModel::refine_spectral_norm(int iterations) {
  for (const Group& g : groups_)
    if (g.dense) g.dense->refine_spectral_norm(iterations);
}

void SequenceModel::set_dropout(const ModelSpec& spec) {
  embed_drop_.set_p(static_cast<float>(spec.inputDropout));
  const float residual = static_cast<float>(rate(spec, 0));
  for (auto& block : blocks_) block->set_dropout(static_cast<float>(spec.attentionDropout), residual, residual);
  for (size_t k = 0; k < gru_drops_.size(); ++k) gru_drops_[k]->set_p(static_cast<float>(rate(spec, k)));
}

NetworkSize sequence_network_size(const ModelSpec& spec, int vocabulary, int outputs) {
  NetworkSize n;
  const double D = spec.embed, L = spec.maxLength;
  n.parameters = static_cast<double>(vocabulary) * D;
  double width = D;
  if (spec.kind == "transformer") {
    const double F = spec.ffn;
    const double norms = spec.norm == "none" ? 0.0 : 4.0 * D;
    n.parameters += L * D + spec.blocks * (3 * D * D + 3 * D + D * D + D + D * F + F + F * D + D + norms);
    n.forward_flops += spec.blocks * 2.0 * L * (3.0 * D * D + 2.0 * L * D + D * D + 2.0 * D * F);
  } else {
    for (int H : spec.hidden) {
      n.parameters += 3.0 * H * (width + H) + 6.0 * H + (spec.norm == "layer" ? 12.0 * H : spec.norm == "batch" ? 2.0 * H : 0.0);
      n.forward_flops += 2.0 * L * 3.0 * H * (width + H);
      width = H;
    }
  }
  n.parameters += width * outputs + outputs;
  n.forward_flops += 2.0 * width * outputs;
  return n;
}

}  // namespace reglab
