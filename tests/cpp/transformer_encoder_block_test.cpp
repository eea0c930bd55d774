// Transformer encoder block: finite differences for pre-/post-norm with LayerNorm, masked
// BatchNorm and no norm; all-padding rows stay finite; PyTorch nn.TransformerEncoderLayer agreement.
#include <gtest/gtest.h>

#include "layers/sequence/transformer_encoder_block.h"
#include "support/fixture.h"
#include "support/gradcheck.h"
#include "support/sequence.h"

namespace reglab {
namespace {

using testing::expect_gradient;
using testing::expect_matches;
using testing::load_fixture;
using testing::padding_mask;
using testing::projection;
using testing::to_matrix;
using testing::uniform_matrix;
using testing::weighted_sum;

// Only the real positions enter the loss: padding rows of the output carry no meaning.
Matrix real_rows_only(const Matrix& r, const Matrix& mask) {
  Matrix out = r;
  for (Eigen::Index i = 0; i < out.rows(); ++i) out.row(i) *= mask.data()[i];
  return out;
}

void check_block_gradients(TransformerBlockOptions o, const std::vector<int>& lengths) {
  Rng rng(11);
  const int T = 3, B = static_cast<int>(lengths.size());
  const Matrix mask = padding_mask(lengths, T);
  TransformerEncoderBlock block(o, rng);
  for (ParamRef p : block.params())
    if (p.role != ParamRole::Weight) *p.value = uniform_matrix(p.value->rows(), p.value->cols(), rng, -0.3, 0.3);
  for (ParamRef p : block.params())
    if (p.role == ParamRole::NormScale) p.value->array() += 1.0f;
  Matrix x = uniform_matrix(B * T, o.embed, rng, -1.5, 1.5);
  const Matrix R = real_rows_only(projection(B * T, o.embed, 3), mask);
  block.forward(x, mask, Mode::Train, rng);
  const Matrix dx = block.backward(R);
  EXPECT_TRUE(dx.allFinite());
  auto loss = [&] { return weighted_sum(block.forward(x, mask, Mode::Train, rng), R); };
  expect_gradient(loss, x, dx, "dx", 5e-3, 2e-2);
  for (const ParamRef& p : block.params()) {
    const Matrix analytic = *p.grad;
    expect_gradient(loss, *p.value, analytic, p.name, 5e-3, 2e-2);
  }
}

TransformerBlockOptions small(bool norm_first, SequenceNorm norm) {
  TransformerBlockOptions o;
  o.embed = 4;
  o.heads = 2;
  o.ffn = 6;
  o.norm_first = norm_first;
  o.norm = norm;
  return o;
}

TEST(TransformerEncoderBlock, PostNormGradientsMatchFiniteDifferences) {
  check_block_gradients(small(false, SequenceNorm::Layer), {3, 1, 0, 2});
}

TEST(TransformerEncoderBlock, PreNormGeluGradientsMatchFiniteDifferences) {
  TransformerBlockOptions o = small(true, SequenceNorm::Layer);
  o.activation = ActivationKind::GELU;
  check_block_gradients(o, {2, 3, 0});
}

TEST(TransformerEncoderBlock, MaskedBatchNormGradientsMatchFiniteDifferences) {
  check_block_gradients(small(false, SequenceNorm::Batch), {3, 2, 1});
  TransformerBlockOptions o = small(true, SequenceNorm::Batch);
  o.batch_norm_includes_padding = true;
  check_block_gradients(o, {3, 2, 1});
}

TEST(TransformerEncoderBlock, WithoutNormGradientsMatchFiniteDifferences) {
  check_block_gradients(small(true, SequenceNorm::None), {1, 3});
}

TEST(TransformerEncoderBlock, AllPaddingRowsAndFullDropoutStayFinite) {
  Rng rng(12);
  TransformerBlockOptions o = small(false, SequenceNorm::Layer);
  o.attention_dropout = 0.5f;
  o.residual_dropout = 0.3f;
  o.activation_dropout = 0.3f;
  TransformerEncoderBlock block(o, rng);
  const Matrix mask = padding_mask({0, 0}, 4);
  const Matrix x = uniform_matrix(8, 4, rng);
  EXPECT_TRUE(block.forward(x, mask, Mode::Train, rng).allFinite());
  EXPECT_TRUE(block.backward(projection(8, 4, 1)).allFinite());
  EXPECT_TRUE(block.forward(x, mask, Mode::Eval, rng).allFinite());
}

TEST(TransformerEncoderBlock, ParametersCarryRolesForPenaltiesAndSpectralNorm) {
  Rng rng(13);
  TransformerEncoderBlock block(small(true, SequenceNorm::Layer), rng);
  int weights = 0, biases = 0, norm = 0;
  for (const ParamRef& p : block.params()) {
    weights += p.role == ParamRole::Weight;
    biases += p.role == ParamRole::Bias;
    norm += p.role == ParamRole::NormScale || p.role == ParamRole::NormShift;
  }
  EXPECT_EQ(weights, 4);  // in_proj, out_proj, linear1, linear2
  EXPECT_EQ(biases, 4);
  EXPECT_EQ(norm, 4);
  block.self_attn.in_proj.enable_spectral_norm(1, rng);
  EXPECT_EQ(block.buffers().size(), 2u);
}

TEST(TransformerEncoderBlock, MatchesPyTorchTransformerEncoderLayer) {
  auto f = load_fixture("sequence_transformer_block");
  const auto& cases = f.inputs()["cases"];
  for (size_t c = 0; c < cases.size(); ++c) {
    const auto& in = cases[c];
    const auto& ex = f.expected()["cases"][c];
    SCOPED_TRACE(in["name"].as_string());
    const Matrix x = to_matrix(in["x"]), mask = to_matrix(in["mask"]);
    const auto& w = in["params"];
    TransformerBlockOptions o;
    o.embed = static_cast<int>(x.cols());
    o.heads = static_cast<int>(in["heads"].as_number());
    o.ffn = static_cast<int>(to_matrix(w["linear1.W"]).rows());
    o.norm_first = in["norm_first"].as_bool();
    o.norm_eps = static_cast<float>(in["eps"].as_number());
    o.activation = in["activation"].as_string() == "gelu" ? ActivationKind::GELU : ActivationKind::ReLU;
    Rng rng(14);
    TransformerEncoderBlock block(o, rng);
    for (const ParamRef& p : block.params()) *p.value = to_matrix(w[p.name]);
    expect_matches(block.forward(x, mask, Mode::Train, rng), ex["y"], f, "y");
    expect_matches(block.backward(to_matrix(in["dy"])), ex["dx"], f, "dx");
    for (const ParamRef& p : block.params()) expect_matches(*p.grad, ex["grads"][p.name], f, std::string("d") + p.name);
  }
}

}  // namespace
}  // namespace reglab
