// A Transformer encoder block (Vaswani et al. 2017), as torch.nn.TransformerEncoderLayer with
// batch_first=True and src_key_padding_mask = padding. Layout: sequence_layer.h (x, y: B·T × D).
//
//   post-norm (norm_first = false, the 2017 paper, torch's default):
//     s = Norm₁(x + Drop_res(MHA(x)))
//     y = Norm₂(s + Drop_res(MLP(s)))
//   pre-norm (norm_first = true, GPT-2 and most later models: the residual path is never normalized,
//   which is why deep stacks train without warm-up):
//     s = x + Drop_res(MHA(Norm₁(x)))
//     y = s + Drop_res(MLP(Norm₂(s)))
//   MLP(u) = Linear₂(Drop_act(act(Linear₁(u))))       Linear₁: D → F, Linear₂: F → D, act = ReLU | GELU
//   MHA: multi_head_attention.h (key padding mask, attention-weight dropout inside).
// torch uses one dropout rate for Drop_res, Drop_act and the attention weights; here they are three.
// Norm is LayerNorm over the features of each position (layer_norm.h, ε = 1e−5; padding positions
// are normalized too, as in torch, and ignored downstream), masked BatchNorm over (batch × positions)
// (masked_batch_norm.h), or none. An all-padding sequence stays finite: its attention output is
// out_proj's bias (masked_softmax.h).
#pragma once
#include <memory>
#include <string>

#include "layers/activation.h"
#include "layers/dense.h"
#include "layers/dropout.h"
#include "layers/layer_norm.h"
#include "layers/sequence/masked_batch_norm.h"
#include "layers/sequence/multi_head_attention.h"

namespace reglab {

enum class SequenceNorm { None, Layer, Batch };

struct TransformerBlockOptions {
  int embed = 32, heads = 2, ffn = 64;
  bool norm_first = false;
  SequenceNorm norm = SequenceNorm::Layer;
  bool batch_norm_includes_padding = false;  // SequenceNorm::Batch only
  float norm_eps = 1e-5f, batch_norm_momentum = 0.1f;
  ActivationKind activation = ActivationKind::ReLU;  // ReLU or GELU (exact, torch's "gelu")
  float attention_dropout = 0.0f, residual_dropout = 0.0f, activation_dropout = 0.0f;
};

class TransformerEncoderBlock : public SequenceLayer {
 public:
  // Linear₁, Linear₂: He init for ReLU-like activations, Xavier otherwise (as dense.h); biases 0.
  TransformerEncoderBlock(const TransformerBlockOptions& options, Rng& rng);

  const char* kind() const override { return "transformer_encoder_block"; }
  const Matrix& forward(const Matrix& x, const Matrix& mask, Mode mode, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  // self_attn.{in_proj,out_proj}.{W,b}, linear1.{W,b}, linear2.{W,b}, norm1/norm2.{gamma,beta}.
  std::vector<ParamRef> params() override;
  std::vector<std::pair<const char*, Matrix*>> buffers() override;

  const TransformerBlockOptions& options() const { return options_; }
  // Changes the three dropout rates (a model's mid-run update).
  void set_dropout(float attention, float residual, float activation);
  // Whichever norm is in use (nullptr when it is not): norm1 before/after attention, norm2 the MLP.
  LayerNorm* layer_norm(int which) { return which == 1 ? ln1_.get() : ln2_.get(); }
  MaskedBatchNorm* batch_norm(int which) { return which == 1 ? bn1_.get() : bn2_.get(); }

  MultiHeadAttention self_attn;
  Dense linear1, linear2;

 private:
  const Matrix& norm_forward(int which, const Matrix& x, const Matrix& mask, Mode mode, Rng& rng);
  const Matrix& norm_backward(int which, const Matrix& dy);
  const Matrix& mlp_forward(const Matrix& u, Mode mode, Rng& rng);
  const Matrix& mlp_backward(const Matrix& dy);

  TransformerBlockOptions options_;
  std::unique_ptr<LayerNorm> ln1_, ln2_;
  std::unique_ptr<MaskedBatchNorm> bn1_, bn2_;
  Activation activation_;
  Dropout drop_attn_out_, drop_act_, drop_mlp_out_;
  Matrix s_, y_, ds_, dx_;
};

}  // namespace reglab
