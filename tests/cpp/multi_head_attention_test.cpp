// Multi-head self-attention with a key padding mask: finite differences (with attention dropout),
// padded keys have no influence, all-padding rows stay finite, PyTorch agreement.
#include <gtest/gtest.h>

#include "layers/sequence/multi_head_attention.h"
#include "reglab/error.h"
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

// A 0/1 keep mask with about one entry in four dropped.
Matrix keep_mask(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform() < 0.25 ? 0.0f : 1.0f;
  return m;
}

TEST(MultiHeadAttention, GradientsMatchFiniteDifferencesWithMaskAndDropout) {
  Rng rng(1);
  const int D = 4, heads = 2, T = 3, B = 3;
  const Matrix mask = padding_mask({3, 1, 0}, T);
  MultiHeadAttention attn(D, heads, 0.25f, rng);
  attn.in_proj.b = uniform_matrix(1, 3 * D, rng);
  attn.out_proj.b = uniform_matrix(1, D, rng);
  Matrix x = uniform_matrix(B * T, D, rng, -1.5, 1.5);
  const Matrix keep = keep_mask(B * heads * T, T, rng);
  const Matrix R = projection(B * T, D, 2);
  attn.forward_with_keep_mask(x, mask, keep);
  const Matrix dx = attn.backward(R);
  auto loss = [&] { return weighted_sum(attn.forward_with_keep_mask(x, mask, keep), R); };
  expect_gradient(loss, x, dx, "dx", 1e-2, 1e-2);
  for (const ParamRef& p : attn.params()) {
    const Matrix analytic = *p.grad;
    expect_gradient(loss, *p.value, analytic, p.name, 1e-2, 1e-2);
  }
}

TEST(MultiHeadAttention, PaddedKeysDoNotChangeRealPositions) {
  Rng rng(2);
  const int D = 4, T = 4;
  const Matrix mask = padding_mask({2, 4}, T);
  MultiHeadAttention attn(D, 2, 0.0f, rng);
  Matrix x = uniform_matrix(2 * T, D, rng);
  const Matrix y = attn.forward(x, mask, Mode::Train, rng);
  x.row(3) *= 50.0f;  // a padding position of sequence 0
  const Matrix y2 = attn.forward(x, mask, Mode::Train, rng);
  EXPECT_TRUE(y2.topRows(2).isApprox(y.topRows(2), 1e-6f));
  EXPECT_EQ(Matrix(y2.bottomRows(T)), Matrix(y.bottomRows(T)));
}

TEST(MultiHeadAttention, AllPaddingSequenceGivesTheOutputBiasAndNoNaN) {
  Rng rng(3);
  const int D = 6, T = 3;
  const Matrix mask = padding_mask({0, 2}, T);
  MultiHeadAttention attn(D, 3, 0.0f, rng);
  attn.out_proj.b = uniform_matrix(1, D, rng);
  const Matrix x = uniform_matrix(2 * T, D, rng);
  const Matrix y = attn.forward(x, mask, Mode::Train, rng);
  for (int t = 0; t < T; ++t) EXPECT_EQ(Matrix(y.row(t)), attn.out_proj.b);
  const Matrix dx = attn.backward(projection(2 * T, D, 4));
  EXPECT_TRUE(dx.allFinite());
  EXPECT_TRUE(dx.topRows(T).isZero(0.0f));
}

TEST(MultiHeadAttention, DropoutDrawsFromTheRngInTrainingOnly) {
  Rng rng(4);
  const int D = 4, T = 5;
  const Matrix mask = padding_mask({5}, T);
  MultiHeadAttention attn(D, 2, 0.5f, rng);
  const Matrix x = uniform_matrix(T, D, rng);
  const Matrix a = attn.forward(x, mask, Mode::Train, rng);
  const Matrix b = attn.forward(x, mask, Mode::Train, rng);
  EXPECT_FALSE(a.isApprox(b, 1e-4f));  // fresh masks
  Rng other(9);
  const Matrix e1 = attn.forward(x, mask, Mode::Eval, rng), e2 = attn.forward(x, mask, Mode::Eval, other);
  EXPECT_EQ(e1, e2);
}

TEST(MultiHeadAttention, HeadsThatDoNotDivideEmbedAreAnError) {
  Rng rng(5);
  try {
    MultiHeadAttention attn(6, 4, 0.0f, rng);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "model.heads");
  }
}

TEST(MultiHeadAttention, MatchesPyTorch) {
  auto f = load_fixture("sequence_attention");
  const auto& cases = f.inputs()["cases"];
  for (size_t c = 0; c < cases.size(); ++c) {
    const auto& in = cases[c];
    const auto& ex = f.expected()["cases"][c];
    SCOPED_TRACE(in["name"].as_string());
    const Matrix x = to_matrix(in["x"]), mask = to_matrix(in["mask"]);
    Rng rng(6);
    MultiHeadAttention attn(static_cast<int>(x.cols()), static_cast<int>(in["heads"].as_number()),
                            static_cast<float>(in["dropout_p"].as_number()), rng);
    attn.in_proj.W = to_matrix(in["in_proj_weight"]);
    attn.in_proj.b = to_matrix(in["in_proj_bias"]);
    attn.out_proj.W = to_matrix(in["out_proj_weight"]);
    attn.out_proj.b = to_matrix(in["out_proj_bias"]);
    expect_matches(attn.forward_with_keep_mask(x, mask, to_matrix(in["keep_mask"])), ex["y"], f, "y");
    expect_matches(attn.cache().P, ex["attention_weights"], f, "attention_weights");
    expect_matches(attn.backward(to_matrix(in["dy"])), ex["dx"], f, "dx");
    expect_matches(attn.in_proj.dW, ex["d_in_proj_weight"], f, "d_in_proj_weight");
    expect_matches(attn.in_proj.db, ex["d_in_proj_bias"], f, "d_in_proj_bias");
    expect_matches(attn.out_proj.dW, ex["d_out_proj_weight"], f, "d_out_proj_weight");
    expect_matches(attn.out_proj.db, ex["d_out_proj_bias"], f, "d_out_proj_bias");
  }
}

}  // namespace
}  // namespace reglab
