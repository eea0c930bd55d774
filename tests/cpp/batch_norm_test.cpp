// BatchNorm1d: PyTorch's batch statistics, running statistics (unbiased variance, momentum of the
// new batch), evaluation, gradients, and the batch-of-one error.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "layers/batch_norm.h"
#include "reglab/error.h"
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

// A layer set up with the fixture's parameters and running statistics.
BatchNorm fixture_layer(const testing::Fixture& f) {
  const Matrix gamma = to_matrix(f.inputs()["gamma"]);
  BatchNorm layer(static_cast<int>(gamma.cols()), static_cast<float>(f.inputs()["momentum"].as_number()),
                  static_cast<float>(f.inputs()["eps"].as_number()));
  layer.gamma = gamma;
  layer.beta = to_matrix(f.inputs()["beta"]);
  layer.running_mean = to_matrix(f.inputs()["running_mean_before"]);
  layer.running_var = to_matrix(f.inputs()["running_var_before"]);
  return layer;
}

TEST(BatchNorm, TrainingMatchesPyTorch) {
  auto f = load_fixture("batchnorm1d");
  BatchNorm layer = fixture_layer(f);
  Rng rng(1);
  const Matrix x = to_matrix(f.inputs()["x"]), dy = to_matrix(f.inputs()["dy"]);
  expect_matches(layer.forward(x, Mode::Train, rng), f.expected()["y"], f, "y");
  expect_matches(layer.cache().mean, f.expected()["batch_mean"], f, "batch_mean");
  expect_matches(layer.cache().var, f.expected()["batch_var_biased"], f, "batch_var_biased");
  expect_matches(layer.running_mean, f.expected()["running_mean"], f, "running_mean");
  expect_matches(layer.running_var, f.expected()["running_var"], f, "running_var");
  expect_matches(layer.backward(dy), f.expected()["dx"], f, "dx");
  expect_matches(layer.dgamma, f.expected()["dgamma"], f, "dgamma");
  expect_matches(layer.dbeta, f.expected()["dbeta"], f, "dbeta");
  // Evaluation with the updated running statistics.
  expect_matches(layer.forward(to_matrix(f.inputs()["x_eval"]), Mode::Eval, rng), f.expected()["eval_y"], f,
                 "eval_y");
}

TEST(BatchNorm, RunningVarUsesUnbiasedEstimate) {
  auto f = load_fixture("batchnorm1d");
  const Matrix x = to_matrix(f.inputs()["x"]);
  const Matrix gamma = to_matrix(f.inputs()["gamma"]), beta = to_matrix(f.inputs()["beta"]);
  Matrix y;
  BatchNormCache cache;
  batch_norm_forward(x, gamma, beta, static_cast<float>(f.inputs()["eps"].as_number()), y, cache);
  // With momentum 1 the running statistics become exactly the batch's own estimates.
  Matrix running_mean = Matrix::Zero(1, x.cols()), running_var = Matrix::Ones(1, x.cols());
  batch_norm_update_running(cache, static_cast<int>(x.rows()), 1.0f, running_mean, running_var);
  expect_matches(running_mean, f.expected()["batch_mean"], f, "batch_mean");
  expect_matches(running_var, f.expected()["batch_var_unbiased"], f, "batch_var_unbiased");
  const double b = static_cast<double>(x.rows());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const MatrixD col = x.col(j).cast<double>();
    const double mean = col.mean();
    const double unbiased = (col.array() - mean).square().sum() / (b - 1);
    EXPECT_NEAR(running_var(0, j), unbiased, 1e-4 * unbiased);
    EXPECT_GT(running_var(0, j), cache.var(0, j) * 1.1f);  // B/(B−1) = 1.2 here: clearly not the biased one
  }
}

TEST(BatchNorm, MomentumIsWeightOfNewBatch) {
  Rng rng(2);
  BatchNorm layer(3, 0.1f, 1e-5f);
  const Matrix x = uniform_matrix(8, 3, rng) + Matrix::Constant(8, 3, 5.0f);
  layer.forward(x, Mode::Train, rng);
  const Matrix batch_mean = x.colwise().mean();
  EXPECT_TRUE(layer.running_mean.isApprox(0.1f * batch_mean, 1e-5f));  // 0.9·0 + 0.1·μ (not 0.99/0.01)
}

TEST(BatchNorm, TrainingWithOneSampleIsAClearError) {
  Rng rng(3);
  BatchNorm layer(4, 0.1f, 1e-5f);
  const Matrix x = uniform_matrix(1, 4, rng);
  try {
    layer.forward(x, Mode::Train, rng);
    FAIL() << "expected reglab::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "training.batchSize");
    EXPECT_NE(e.message().find("batch normalization needs at least 2 samples per batch in training mode, got 1"),
              std::string::npos)
        << e.message();
  }
  EXPECT_EQ(layer.running_mean, Matrix::Zero(1, 4));  // nothing was updated
  EXPECT_EQ(layer.running_var, Matrix::Ones(1, 4));
}

TEST(BatchNorm, EvalWithOneSampleWorks) {
  auto f = load_fixture("batchnorm1d");
  BatchNorm layer = fixture_layer(f);
  Rng rng(4);
  const Matrix x_eval = to_matrix(f.inputs()["x_eval"]);
  const Matrix one = x_eval.topRows(1);
  const Matrix y = layer.forward(one, Mode::Eval, rng);
  ASSERT_TRUE(y.allFinite());
  const Matrix expected =
      ((one - layer.running_mean).array() / (layer.running_var.array() + layer.eps()).sqrt() * layer.gamma.array() +
       layer.beta.array())
          .matrix();
  EXPECT_TRUE(y.isApprox(expected, 1e-5f));
  EXPECT_TRUE(layer.backward(Matrix::Ones(1, one.cols())).allFinite());
}

TEST(BatchNorm, TrainOutputIsStandardizedPerFeature) {
  Rng rng(5);
  BatchNorm layer(5, 0.1f, 1e-5f);
  const Matrix x = uniform_matrix(16, 5, rng, -3.0, 7.0);
  const Matrix y = layer.forward(x, Mode::Train, rng);
  const Matrix mean = y.colwise().mean();
  const Matrix var = (y.rowwise() - mean.row(0)).colwise().squaredNorm() / 16.0f;
  EXPECT_LT(mean.cwiseAbs().maxCoeff(), 1e-5f);
  EXPECT_LT((var.array() - 1.0f).abs().maxCoeff(), 1e-3f);
}

TEST(BatchNorm, TrainGradientsMatchFiniteDifferences) {
  Rng rng(6);
  BatchNorm layer(4, 0.1f, 1e-5f);
  layer.gamma = uniform_matrix(1, 4, rng, 0.5, 1.5);
  layer.beta = uniform_matrix(1, 4, rng);
  Matrix x = uniform_matrix(6, 4, rng);
  const Matrix r = projection(6, 4, 2);
  layer.forward(x, Mode::Train, rng);
  const Matrix dx = layer.backward(r);
  const Matrix dgamma = layer.dgamma, dbeta = layer.dbeta;
  auto loss = [&] { return weighted_sum(layer.forward(x, Mode::Train, rng), r); };
  expect_gradient(loss, x, dx, "dx");
  expect_gradient(loss, layer.gamma, dgamma, "dgamma");
  expect_gradient(loss, layer.beta, dbeta, "dbeta");
}

TEST(BatchNorm, EvalGradientsMatchFiniteDifferences) {
  Rng rng(7);
  BatchNorm layer(3, 0.1f, 1e-5f);
  layer.gamma = uniform_matrix(1, 3, rng, 0.5, 1.5);
  layer.running_mean = uniform_matrix(1, 3, rng);
  layer.running_var = uniform_matrix(1, 3, rng, 0.5, 2.0);
  Matrix x = uniform_matrix(4, 3, rng);
  const Matrix r = projection(4, 3, 5);
  layer.forward(x, Mode::Eval, rng);
  const Matrix dx = layer.backward(r);
  const Matrix dgamma = layer.dgamma, dbeta = layer.dbeta;
  auto loss = [&] { return weighted_sum(layer.forward(x, Mode::Eval, rng), r); };
  expect_gradient(loss, x, dx, "dx");
  expect_gradient(loss, layer.gamma, dgamma, "dgamma");
  expect_gradient(loss, layer.beta, dbeta, "dbeta");
}

TEST(BatchNorm, ParameterGradientsAccumulate) {
  Rng rng(8);
  BatchNorm layer(3, 0.1f, 1e-5f);
  const Matrix x = uniform_matrix(5, 3, rng), dy = uniform_matrix(5, 3, rng);
  layer.forward(x, Mode::Train, rng);
  layer.backward(dy);
  const Matrix dgamma = layer.dgamma, dbeta = layer.dbeta;
  layer.backward(dy);
  EXPECT_TRUE(layer.dgamma.isApprox(2 * dgamma));
  EXPECT_TRUE(layer.dbeta.isApprox(2 * dbeta));
}

TEST(BatchNorm, ParamsAndBuffersHaveNormRolesAndNames) {
  BatchNorm layer(3, 0.1f, 1e-5f);
  auto ps = layer.params();
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_STREQ(ps[0].name, "gamma");
  EXPECT_EQ(ps[0].role, ParamRole::NormScale);
  EXPECT_EQ(ps[0].value, &layer.gamma);
  EXPECT_STREQ(ps[1].name, "beta");
  EXPECT_EQ(ps[1].role, ParamRole::NormShift);
  EXPECT_EQ(ps[1].grad, &layer.dbeta);
  EXPECT_EQ(layer.gamma, Matrix::Ones(1, 3));
  EXPECT_EQ(layer.beta, Matrix::Zero(1, 3));
  auto bs = layer.buffers();
  ASSERT_EQ(bs.size(), 2u);
  EXPECT_STREQ(bs[0].first, "running_mean");
  EXPECT_EQ(bs[0].second, &layer.running_mean);
  EXPECT_STREQ(bs[1].first, "running_var");
  EXPECT_EQ(bs[1].second, &layer.running_var);
  EXPECT_STREQ(layer.kind(), "batch_norm");
}

}  // namespace
}  // namespace reglab
