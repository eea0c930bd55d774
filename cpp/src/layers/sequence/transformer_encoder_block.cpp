#include "layers/sequence/transformer_encoder_block.h"

namespace reglab {

namespace {
Init init_for(ActivationKind act) {
  return act == ActivationKind::ReLU || act == ActivationKind::GELU || act == ActivationKind::GELUTanh ||
                 act == ActivationKind::LeakyReLU
             ? Init::He
             : Init::Xavier;
}
}  // namespace

TransformerEncoderBlock::TransformerEncoderBlock(const TransformerBlockOptions& o, Rng& rng)
    : self_attn(o.embed, o.heads, o.attention_dropout, rng),
      linear1(o.embed, o.ffn, init_for(o.activation), rng),
      linear2(o.ffn, o.embed, init_for(o.activation), rng),
      options_(o),
      activation_(o.activation),
      drop_attn_out_(o.residual_dropout),
      drop_act_(o.activation_dropout),
      drop_mlp_out_(o.residual_dropout) {
  if (o.ffn < 1) throw Error("model.ffn", "the MLP needs at least 1 hidden unit, got " + format_number(o.ffn));
  if (o.norm == SequenceNorm::Layer) {
    ln1_ = std::make_unique<LayerNorm>(o.embed, o.norm_eps);
    ln2_ = std::make_unique<LayerNorm>(o.embed, o.norm_eps);
  } else if (o.norm == SequenceNorm::Batch) {
    bn1_ = std::make_unique<MaskedBatchNorm>(o.embed, o.batch_norm_momentum, o.norm_eps, o.batch_norm_includes_padding);
    bn2_ = std::make_unique<MaskedBatchNorm>(o.embed, o.batch_norm_momentum, o.norm_eps, o.batch_norm_includes_padding);
  }
}

void TransformerEncoderBlock::set_dropout(float attention, float residual, float activation) {
  options_.attention_dropout = attention;
  options_.residual_dropout = residual;
  options_.activation_dropout = activation;
  self_attn.set_attention_dropout(attention);
  drop_attn_out_.set_p(residual);
  drop_mlp_out_.set_p(residual);
  drop_act_.set_p(activation);
}

const Matrix& TransformerEncoderBlock::norm_forward(int which, const Matrix& x, const Matrix& mask, Mode mode,
                                                    Rng& rng) {
  if (LayerNorm* ln = layer_norm(which)) return ln->forward(x, mode, rng);
  if (MaskedBatchNorm* bn = batch_norm(which)) return bn->forward(x, mask, mode, rng);
  return x;
}

const Matrix& TransformerEncoderBlock::norm_backward(int which, const Matrix& dy) {
  if (LayerNorm* ln = layer_norm(which)) return ln->backward(dy);
  if (MaskedBatchNorm* bn = batch_norm(which)) return bn->backward(dy);
  return dy;
}

const Matrix& TransformerEncoderBlock::mlp_forward(const Matrix& u, Mode mode, Rng& rng) {
  const Matrix& h = drop_act_.forward(activation_.forward(linear1.forward(u, mode, rng), mode, rng), mode, rng);
  return drop_mlp_out_.forward(linear2.forward(h, mode, rng), mode, rng);
}

const Matrix& TransformerEncoderBlock::mlp_backward(const Matrix& dy) {
  return linear1.backward(activation_.backward(drop_act_.backward(linear2.backward(drop_mlp_out_.backward(dy)))));
}

const Matrix& TransformerEncoderBlock::forward(const Matrix& x, const Matrix& mask, Mode mode, Rng& rng) {
  check_sequence_shape(x, mask, "transformer_encoder_block");
  if (options_.norm_first) {
    s_ = x + drop_attn_out_.forward(self_attn.forward(norm_forward(1, x, mask, mode, rng), mask, mode, rng), mode, rng);
    y_ = s_ + mlp_forward(norm_forward(2, s_, mask, mode, rng), mode, rng);
    return y_;
  }
  s_ = x + drop_attn_out_.forward(self_attn.forward(x, mask, mode, rng), mode, rng);
  const Matrix& s_normed = norm_forward(1, s_, mask, mode, rng);
  y_ = s_normed + mlp_forward(s_normed, mode, rng);
  return norm_forward(2, y_, mask, mode, rng);
}

const Matrix& TransformerEncoderBlock::backward(const Matrix& dy) {
  if (options_.norm_first) {
    ds_ = dy + norm_backward(2, mlp_backward(dy));
    dx_ = ds_ + norm_backward(1, self_attn.backward(drop_attn_out_.backward(ds_)));
    return dx_;
  }
  const Matrix& dy_res = norm_backward(2, dy);  // dL/d(s_normed + MLP(s_normed))
  ds_ = dy_res + mlp_backward(dy_res);           // dL/d s_normed
  const Matrix& d_sum = norm_backward(1, ds_);   // dL/d(x + Drop(MHA(x)))
  dx_ = d_sum + self_attn.backward(drop_attn_out_.backward(d_sum));
  return dx_;
}

std::vector<ParamRef> TransformerEncoderBlock::params() {
  std::vector<ParamRef> out;
  for (ParamRef p : self_attn.params()) {
    const std::string n = p.name;
    p.name = n == "in_proj.W"    ? "self_attn.in_proj.W"
             : n == "in_proj.b"  ? "self_attn.in_proj.b"
             : n == "out_proj.W" ? "self_attn.out_proj.W"
                                 : "self_attn.out_proj.b";
    out.push_back(p);
  }
  for (ParamRef p : linear1.params()) {
    p.name = p.role == ParamRole::Weight ? "linear1.W" : "linear1.b";
    out.push_back(p);
  }
  for (ParamRef p : linear2.params()) {
    p.name = p.role == ParamRole::Weight ? "linear2.W" : "linear2.b";
    out.push_back(p);
  }
  for (int which = 1; which <= 2; ++which) {
    std::vector<ParamRef> norm;
    if (LayerNorm* ln = layer_norm(which)) norm = ln->params();
    if (MaskedBatchNorm* bn = batch_norm(which)) norm = bn->params();
    for (ParamRef p : norm) {
      const bool scale = p.role == ParamRole::NormScale;
      p.name = which == 1 ? (scale ? "norm1.gamma" : "norm1.beta") : (scale ? "norm2.gamma" : "norm2.beta");
      out.push_back(p);
    }
  }
  return out;
}

std::vector<std::pair<const char*, Matrix*>> TransformerEncoderBlock::buffers() {
  std::vector<std::pair<const char*, Matrix*>> out;
  for (auto& b : self_attn.buffers()) {
    const std::string n = b.first;
    out.push_back({n == "in_proj.u"   ? "self_attn.in_proj.u"
                   : n == "in_proj.v" ? "self_attn.in_proj.v"
                   : n == "out_proj.u" ? "self_attn.out_proj.u"
                                       : "self_attn.out_proj.v",
                   b.second});
  }
  for (auto& b : linear1.buffers()) out.push_back({b.first[0] == 'u' ? "linear1.u" : "linear1.v", b.second});
  for (auto& b : linear2.buffers()) out.push_back({b.first[0] == 'u' ? "linear2.u" : "linear2.v", b.second});
  if (bn1_) {
    out.push_back({"norm1.running_mean", &bn1_->running_mean});
    out.push_back({"norm1.running_var", &bn1_->running_var});
    out.push_back({"norm2.running_mean", &bn2_->running_mean});
    out.push_back({"norm2.running_var", &bn2_->running_var});
  }
  return out;
}

}  // namespace reglab
