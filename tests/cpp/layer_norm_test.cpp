// LayerNorm: per-sample statistics against PyTorch, gradients, train = eval, batch of one.
#include <gtest/gtest.h>

#include "layers/layer_norm.h"
#include "support/fixture.h"
#include "support/gradcheck.h"

namespace reglab {
namespace {

using testing::expect_gradient;
using testing::expect_matches;
using testing::load_fixture;
using testing::projection;
using testing::to_matrix;
using testing::weighted_sum;

Matrix uniform_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng, double lo = -2.0, double hi = 2.0) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform(lo, hi));
  return m;
}

TEST(LayerNorm, MatchesPyTorch) {
  auto f = load_fixture("layernorm");
  const Matrix gamma = to_matrix(f.inputs()["gamma"]);
  LayerNorm layer(static_cast<int>(gamma.cols()), static_cast<float>(f.inputs()["eps"].as_number()));
  layer.gamma = gamma;
  layer.beta = to_matrix(f.inputs()["beta"]);
  Rng rng(1);
  const Matrix x = to_matrix(f.inputs()["x"]), dy = to_matrix(f.inputs()["dy"]);
  expect_matches(layer.forward(x, Mode::Train, rng), f.expected()["y"], f, "y");
  expect_matches(Matrix(layer.cache().mean.transpose()), f.expected()["mean"], f, "mean");
  expect_matches(Matrix(layer.cache().var.transpose()), f.expected()["var_biased"], f, "var_biased");
  expect_matches(layer.backward(dy), f.expected()["dx"], f, "dx");
  expect_matches(layer.dgamma, f.expected()["dgamma"], f, "dgamma");
  expect_matches(layer.dbeta, f.expected()["dbeta"], f, "dbeta");
}

TEST(LayerNorm, GradientsMatchFiniteDifferences) {
  Rng rng(2);
  LayerNorm layer(5, 1e-5f);
  layer.gamma = uniform_matrix(1, 5, rng, 0.5, 1.5);
  layer.beta = uniform_matrix(1, 5, rng);
  Matrix x = uniform_matrix(4, 5, rng);
  const Matrix r = projection(4, 5, 6);
  layer.forward(x, Mode::Train, rng);
  const Matrix dx = layer.backward(r);
  const Matrix dgamma = layer.dgamma, dbeta = layer.dbeta;
  auto loss = [&] { return weighted_sum(layer.forward(x, Mode::Train, rng), r); };
  expect_gradient(loss, x, dx, "dx");
  expect_gradient(loss, layer.gamma, dgamma, "dgamma");
  expect_gradient(loss, layer.beta, dbeta, "dbeta");
}

TEST(LayerNorm, SameInTrainAndEval) {
  Rng rng(3);
  LayerNorm layer(6, 1e-5f);
  layer.gamma = uniform_matrix(1, 6, rng);
  const Matrix x = uniform_matrix(5, 6, rng);
  const Matrix train = layer.forward(x, Mode::Train, rng);
  EXPECT_EQ(layer.forward(x, Mode::Eval, rng), train);
}

TEST(LayerNorm, EachSampleIsNormalizedOnItsOwn) {
  Rng rng(4);
  LayerNorm layer(8, 1e-5f);
  const Matrix x = uniform_matrix(3, 8, rng, -5.0, 9.0);
  const Matrix y = layer.forward(x, Mode::Train, rng);
  // A batch of one gives the same row: no dependence on the other samples.
  const Matrix single = layer.forward(x.row(1), Mode::Train, rng);
  EXPECT_TRUE(single.isApprox(y.row(1), 1e-6f));
  for (Eigen::Index i = 0; i < y.rows(); ++i) {
    EXPECT_NEAR(y.row(i).mean(), 0.0, 1e-5);
    EXPECT_NEAR(y.row(i).squaredNorm() / 8.0, 1.0, 1e-3);
  }
}

TEST(LayerNorm, ParamsHaveNormRoles) {
  LayerNorm layer(4, 1e-5f);
  auto ps = layer.params();
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_STREQ(ps[0].name, "gamma");
  EXPECT_EQ(ps[0].role, ParamRole::NormScale);
  EXPECT_EQ(ps[0].grad, &layer.dgamma);
  EXPECT_STREQ(ps[1].name, "beta");
  EXPECT_EQ(ps[1].role, ParamRole::NormShift);
  EXPECT_EQ(ps[1].value, &layer.beta);
  EXPECT_TRUE(layer.buffers().empty());
  EXPECT_STREQ(layer.kind(), "layer_norm");
}

}  // namespace
}  // namespace reglab

// LayerNorm over C·H·W of each image is LayerNorm with F = C·H·W on the channel-major row
// (image_shape.h): nn.LayerNorm([C, H, W]) with its elementwise C·H·W affine, flattened.
namespace reglab {
namespace {

TEST(LayerNorm, OverImagesMatchesPyTorchLayerNormCHW) {
  auto f = testing::load_fixture("layernorm_chw");
  const std::vector<int> s = testing::to_ints(f.inputs()["image_shape"]);
  LayerNorm layer(s[0] * s[1] * s[2], static_cast<float>(f.inputs()["eps"].as_number()));
  layer.gamma = testing::to_matrix(f.inputs()["gamma"]);
  layer.beta = testing::to_matrix(f.inputs()["beta"]);
  Rng rng(1);
  testing::expect_matches(layer.forward(testing::to_matrix(f.inputs()["x"]), Mode::Train, rng), f.expected()["y"], f,
                          "y");
  testing::expect_matches(layer.backward(testing::to_matrix(f.inputs()["dy"])), f.expected()["dx"], f, "dx");
  testing::expect_matches(layer.dgamma, f.expected()["dgamma"], f, "dgamma");
  testing::expect_matches(layer.dbeta, f.expected()["dbeta"], f, "dbeta");
}

}  // namespace
}  // namespace reglab
