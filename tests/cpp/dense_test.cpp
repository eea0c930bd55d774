// Dense layer: y = x Wᵀ + b against PyTorch, finite differences, initializations.
#include <gtest/gtest.h>

#include <cmath>

#include "layers/dense.h"
#include "support/fixture.h"
#include "support/gradcheck.h"

namespace reglab {
namespace {

using testing::expect_gradient;
using testing::expect_matches;
using testing::load_fixture;
using testing::projection;
using testing::to_matrix;
using testing::uniform_matrix;
using testing::weighted_sum;

TEST(Dense, FreeFunctionsMatchPyTorch) {
  auto f = load_fixture("dense");
  const Matrix x = to_matrix(f.inputs()["x"]), W = to_matrix(f.inputs()["W"]), b = to_matrix(f.inputs()["b"]);
  const Matrix dy = to_matrix(f.inputs()["dy"]);
  Matrix y, dx, dW = Matrix::Zero(W.rows(), W.cols()), db = Matrix::Zero(1, W.rows());
  dense_forward(x, W, b, y);
  dense_backward(dy, x, W, dx, dW, db);
  expect_matches(y, f.expected()["y"], f, "y");
  expect_matches(dx, f.expected()["dx"], f, "dx");
  expect_matches(dW, f.expected()["dW"], f, "dW");
  expect_matches(db, f.expected()["db"], f, "db");
}

TEST(Dense, LayerMatchesPyTorch) {
  auto f = load_fixture("dense");
  const Matrix x = to_matrix(f.inputs()["x"]), dy = to_matrix(f.inputs()["dy"]);
  Rng rng(1);
  Dense layer(static_cast<int>(x.cols()), static_cast<int>(dy.cols()), Init::He, rng);
  layer.W = to_matrix(f.inputs()["W"]);
  layer.b = to_matrix(f.inputs()["b"]);
  expect_matches(layer.forward(x, Mode::Train, rng), f.expected()["y"], f, "y");
  expect_matches(layer.backward(dy), f.expected()["dx"], f, "dx");
  expect_matches(layer.dW, f.expected()["dW"], f, "dW");
  expect_matches(layer.db, f.expected()["db"], f, "db");
}

TEST(Dense, GradientsMatchFiniteDifferences) {
  Rng rng(7);
  Dense layer(4, 3, Init::Xavier, rng);
  layer.b = uniform_matrix(1, 3, rng);
  Matrix x = uniform_matrix(5, 4, rng);
  const Matrix r = projection(5, 3, 11);
  layer.forward(x, Mode::Train, rng);
  const Matrix dx = layer.backward(r);
  const Matrix dW = layer.dW, db = layer.db;
  auto loss = [&] { return weighted_sum(layer.forward(x, Mode::Train, rng), r); };
  expect_gradient(loss, x, dx, "dx");
  expect_gradient(loss, layer.W, dW, "dW");
  expect_gradient(loss, layer.b, db, "db");
}

TEST(Dense, ParameterGradientsAccumulate) {
  Rng rng(3);
  Dense layer(3, 2, Init::He, rng);
  const Matrix x = uniform_matrix(4, 3, rng), dy = uniform_matrix(4, 2, rng);
  layer.forward(x, Mode::Train, rng);
  layer.backward(dy);
  const Matrix dW1 = layer.dW, db1 = layer.db;
  layer.backward(dy);
  EXPECT_TRUE(layer.dW.isApprox(2 * dW1));
  EXPECT_TRUE(layer.db.isApprox(2 * db1));
  EXPECT_GT(dW1.norm(), 0.0f);
}

TEST(Dense, HeInitHasExpectedStd) {
  Rng rng(42);
  const int in = 500, out = 400;
  Dense layer(in, out, Init::He, rng);
  const double n = static_cast<double>(layer.W.size());
  const double mean = layer.W.cast<double>().sum() / n;
  const double var = (layer.W.cast<double>().array() - mean).square().sum() / n;
  const double expected = std::sqrt(2.0 / in);
  EXPECT_NEAR(mean, 0.0, 0.01 * expected);
  EXPECT_NEAR(std::sqrt(var), expected, 0.01 * expected);
  EXPECT_EQ(layer.b.cwiseAbs().maxCoeff(), 0.0f);
  EXPECT_EQ(layer.W.rows(), out);
  EXPECT_EQ(layer.W.cols(), in);
}

TEST(Dense, XavierInitIsUniformWithinGlorotLimit) {
  Rng rng(42);
  const int in = 300, out = 200;
  Dense layer(in, out, Init::Xavier, rng);
  const double limit = std::sqrt(6.0 / (in + out));
  EXPECT_LE(layer.W.cwiseAbs().maxCoeff(), limit);
  EXPECT_GT(layer.W.cwiseAbs().maxCoeff(), 0.99 * limit);
  const double n = static_cast<double>(layer.W.size());
  const double std = std::sqrt(layer.W.cast<double>().array().square().sum() / n);
  EXPECT_NEAR(std, limit / std::sqrt(3.0), 0.01 * limit);  // uniform(±a) has std a/√3
  EXPECT_EQ(layer.b.cwiseAbs().maxCoeff(), 0.0f);
}

TEST(Dense, SameSeedGivesSameWeights) {
  Rng a(9), b(9);
  Dense la(6, 5, Init::He, a), lb(6, 5, Init::He, b);
  EXPECT_EQ(la.W, lb.W);
}

TEST(Dense, ParamsExposeWeightAndBiasRoles) {
  Rng rng(1);
  Dense layer(3, 2, Init::He, rng);
  auto ps = layer.params();
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_STREQ(ps[0].name, "W");
  EXPECT_EQ(ps[0].role, ParamRole::Weight);
  EXPECT_EQ(ps[0].value, &layer.W);
  EXPECT_EQ(ps[0].grad, &layer.dW);
  EXPECT_STREQ(ps[1].name, "b");
  EXPECT_EQ(ps[1].role, ParamRole::Bias);
  EXPECT_EQ(ps[1].value, &layer.b);
  EXPECT_EQ(ps[1].grad, &layer.db);
  EXPECT_EQ(ps[0].layer, -1);
  EXPECT_TRUE(layer.buffers().empty());
  EXPECT_STREQ(layer.kind(), "dense");
}

TEST(Dense, OutputBufferIsReusedForSameShape) {
  Rng rng(1);
  Dense layer(3, 2, Init::He, rng);
  const Matrix x = uniform_matrix(4, 3, rng);
  const float* first = layer.forward(x, Mode::Train, rng).data();
  const float* second = layer.forward(x, Mode::Train, rng).data();
  EXPECT_EQ(first, second);
}

}  // namespace
}  // namespace reglab
