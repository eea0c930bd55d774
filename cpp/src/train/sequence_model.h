// The sequence classifiers of model.kind "transformer" and "gru", on token ids.
//
// Input: one sequence per row, its token ids as floats (B × model.maxLength, tokenizer.h: 0 = PAD,
// 1 = OOV); the padding mask is id ≠ 0. The batch is trimmed to its longest sequence T (the last
// column holding a real token, as PyTorch's pad_sequence pads to the batch's longest), which
// changes nothing for masked statistics and saves the work on all-padding columns; batch norm with
// padding included (model.batchNormPadding) counts the padding up to T, as it would in PyTorch.
//
//   transformer: E[ids] + P[0..T)  → Dropout(model.inputDropout)
//                → model.blocks × encoder block (transformer_encoder_block.h: embed, heads, ffn,
//                  norm none|layer|batch, normPlacement pre|post = norm_first true|false,
//                  model.attentionDropout on the attention weights, model.dropout on the residual
//                  branches and after the MLP's activation)
//                → masked mean pooling over the real tokens → Dense → logits
//   gru:         E[ids] → Dropout(model.inputDropout)
//                → for each width H_k of model.hidden: GRU layer (gru.h; norm "layer" = the
//                  layer-normalized GRU, "batch" = masked batch norm of its outputs over batch ×
//                  positions) → Dropout(model.dropout[k])
//                → the state after each sequence's last real token (the GRU carries its state
//                  through padding, so it is the output at position T − 1: torch's h_n with packed
//                  sequences) → Dense → logits
//   An all-padding sequence gives pooled / final state 0, so its logits are the classifier's bias.
//
// Names (PyTorch's, so the export can load them with load_state_dict; biases and norm scales are
// 1-D [n] as in torch):
//   embed.weight [V, D] (row 0 = PAD, kept at 0), pos_embed.weight [maxLength, D] (transformer),
//   encoder.layers.{i}.self_attn.in_proj_weight [3D, D], .self_attn.in_proj_bias [3D],
//     .self_attn.out_proj.weight [D, D], .self_attn.out_proj.bias, .linear1.weight [F, D], .linear1.bias,
//     .linear2.weight [D, F], .linear2.bias, .norm1.weight/.bias, .norm2.weight/.bias
//     (+ .norm{1,2}.running_mean/.running_var with batch norm) — nn.TransformerEncoder's names;
//   gru.weight_ih_l{k} [3H, in], gru.weight_hh_l{k} [3H, H], gru.bias_ih_l{k}, gru.bias_hh_l{k} (nn.GRU's),
//     gru.ln_ih_l{k}.weight/.bias, gru.ln_hh_l{k}.weight/.bias [3H] (LN-GRU, no torch counterpart),
//     gru.norm_l{k}.weight/.bias/.running_mean/.running_var (batch norm of layer k's outputs);
//   classifier.weight [K, D or H], classifier.bias [K].
//   Spectral norm adds the power-iteration vectors <weight>_u, <weight>_v (buffers).
// Penalty groups (regularization.layers[i]), one per matrix, in this order:
//   transformer: embed, pos_embed, then per block in_proj, out_proj (+ norm1), linear1, linear2
//                (+ norm2), then the classifier: 2 + 4·blocks + 1;
//   gru:         embed, then per layer W_ih (+ b_ih, LN_ih), W_hh (+ b_hh, LN_hh, batch norm), then
//                the classifier: 1 + 2·layers + 1.
// Spectral normalization (regularization.spectralNorm) covers the Dense projections: attention's
// in_proj and out_proj, linear1, linear2 and the classifier. It does not cover the embeddings (a
// lookup table, not a linear map of the input) nor the GRU's W_ih, W_hh; layer_sigmas() still
// reports their largest singular values.
// Monte-Carlo dropout (dropout on at evaluation) runs the blocks in training mode, so it reaches
// every dropout unless the norm is batch norm (whose batch statistics that mode would use): then
// only the embedding dropout is on.
#pragma once
#include <memory>
#include <vector>

#include "layers/dense.h"
#include "layers/dropout.h"
#include "layers/sequence/embedding.h"
#include "layers/sequence/gru.h"
#include "layers/sequence/masked_batch_norm.h"
#include "layers/sequence/masked_mean_pooling.h"
#include "layers/sequence/position_embedding.h"
#include "layers/sequence/transformer_encoder_block.h"
#include "train/network.h"

namespace reglab {

class SequenceModel final : public Network {
 public:
  // `vocabulary`: the embedding's rows (the tokenizer's size); inputs = spec.maxLength.
  // Throws reglab::Error("model.heads") when heads does not divide embed.
  SequenceModel(const ModelSpec& spec, const RegularizationSpec& reg, int vocabulary, int outputs, Rng& init_rng);

  using Network::forward;
  // x: B × maxLength token ids; throws Error("data.tokens") for an id that is not a whole number in [0, V).
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng, bool dropout_on) override;
  void backward(const Matrix& dout) override;
  int weight_layers() const override { return static_cast<int>(groups_.size()); }
  std::vector<double> layer_sigmas() const override;
  void refine_spectral_norm(int iterations) override;
  void set_dropout(const ModelSpec& spec) override;
  double forward_flops() const override { return flops_; }
  double activation_floats() const override { return activation_floats_; }

  bool transformer() const { return transformer_; }
  const Matrix& mask() const { return mask_; }  // B × T of the last forward
  int length() const { return T_; }             // T of the last forward

 private:
  void read_tokens(const Matrix& x);
  // One penalty group: the matrix it is named for, and its Dense when it is one.
  struct Group {
    const Matrix* weight;
    Dense* dense;
  };
  void add_tensor(const std::string& name, const ParamRef& p, int group);
  void add_buffer(const std::string& name, Matrix* value);

  bool transformer_;
  bool batch_norm_;
  std::unique_ptr<Embedding> embed_;
  std::unique_ptr<PositionEmbedding> pos_;
  Dropout embed_drop_{0.0f};
  std::vector<std::unique_ptr<TransformerEncoderBlock>> blocks_;
  MaskedMeanPooling pool_;
  std::vector<std::unique_ptr<Gru>> grus_;
  std::vector<std::unique_ptr<MaskedBatchNorm>> gru_norms_;  // empty unless norm "batch"
  std::vector<std::unique_ptr<Dropout>> gru_drops_;
  std::unique_ptr<Dense> classifier_;
  std::vector<Group> groups_;
  double flops_ = 0;
  double activation_floats_ = 0;

  // The last forward: ids (B·T), mask (B × T), which dropouts ran, the GRU's final states.
  std::vector<int> ids_;
  Matrix mask_;
  int B_ = 0, T_ = 0;
  bool embed_drop_ran_ = false;
  std::vector<char> gru_drop_ran_;
  Matrix last_, dseq_;
};

// Parameters and forward FLOPs per sequence (at maxLength) of the sequence model the spec describes.
NetworkSize sequence_network_size(const ModelSpec& spec, int vocabulary, int outputs);

}  // namespace reglab
