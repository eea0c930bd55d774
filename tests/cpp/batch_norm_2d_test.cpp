// BatchNorm2d: PyTorch's per-channel batch statistics over N·H·W, running statistics over two
// steps (unbiased variance, momentum of the new batch), evaluation, a batch of one image,
// finite differences, and the error when a channel has a single value.
#include <gtest/gtest.h>

#include <string>

#include "layers/batch_norm_2d.h"
#include "reglab/error.h"
#include "support/fixture.h"
#include "support/gradcheck.h"

namespace reglab {
namespace {

using testing::expect_gradient;
using testing::expect_matches;
using testing::load_fixture;
using testing::projection;
using testing::to_ints;
using testing::to_matrix;
using testing::weighted_sum;

void expect_batchnorm2d_matches_pytorch(const std::string& name) {
  SCOPED_TRACE(name);
  auto f = load_fixture(name);
  const std::vector<int> s = to_ints(f.inputs()["image_shape"]);
  BatchNorm2D layer({s[0], s[1], s[2]}, static_cast<float>(f.inputs()["momentum"].as_number()),
                    static_cast<float>(f.inputs()["eps"].as_number()));
  layer.gamma = to_matrix(f.inputs()["gamma"]);
  layer.beta = to_matrix(f.inputs()["beta"]);
  layer.running_mean = to_matrix(f.inputs()["running_mean_before"]);
  layer.running_var = to_matrix(f.inputs()["running_var_before"]);
  Rng rng(1);
  const auto& steps = f.inputs()["steps"];
  ASSERT_EQ(steps.size(), f.expected()["steps"].size());
  for (size_t i = 0; i < steps.size(); ++i) {
    SCOPED_TRACE("step " + std::to_string(i + 1));
    const auto& e = f.expected()["steps"][i];
    layer.dgamma.setZero();
    layer.dbeta.setZero();
    expect_matches(layer.forward(to_matrix(steps[i]["x"]), Mode::Train, rng), e["y"], f, "y");
    expect_matches(layer.cache().mean, e["batch_mean"], f, "batch_mean");
    expect_matches(layer.cache().var, e["batch_var_biased"], f, "batch_var_biased");
    expect_matches(layer.running_mean, e["running_mean"], f, "running_mean");
    expect_matches(layer.running_var, e["running_var"], f, "running_var");
    expect_matches(layer.backward(to_matrix(steps[i]["dy"])), e["dx"], f, "dx");
    expect_matches(layer.dgamma, e["dgamma"], f, "dgamma");
    expect_matches(layer.dbeta, e["dbeta"], f, "dbeta");
  }
  layer.dgamma.setZero();
  layer.dbeta.setZero();
  expect_matches(layer.forward(to_matrix(f.inputs()["x_eval"]), Mode::Eval, rng), f.expected()["eval_y"], f, "eval_y");
  expect_matches(layer.backward(to_matrix(f.inputs()["dy_eval"])), f.expected()["eval_dx"], f, "eval_dx");
  expect_matches(layer.dgamma, f.expected()["eval_dgamma"], f, "eval_dgamma");
  expect_matches(layer.dbeta, f.expected()["eval_dbeta"], f, "eval_dbeta");
}

TEST(BatchNorm2D, TwoTrainingStepsAndEvaluationMatchPyTorch) { expect_batchnorm2d_matches_pytorch("batchnorm2d"); }
TEST(BatchNorm2D, BatchOfOneImageMatchesPyTorch) { expect_batchnorm2d_matches_pytorch("batchnorm2d_batch1"); }

// The running variance takes M/(M − 1) σ² with M = B·H·W values per channel, not B/(B − 1).
TEST(BatchNorm2D, RunningVarUsesUnbiasedEstimateOverAllPixels) {
  const ImageShape s{2, 3, 3};
  Rng rng(3);
  Matrix x(2, s.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(rng.normal());
  BatchNorm2D layer(s, 1.0f, 1e-5f);  // momentum 1: the running statistics become the batch's
  layer.forward(x, Mode::Train, rng);
  for (int c = 0; c < 2; ++c) {
    double sum = 0, sq = 0;
    for (int n = 0; n < 2; ++n)
      for (int p = 0; p < 9; ++p) sum += x(n, c * 9 + p);
    const double mean = sum / 18;
    for (int n = 0; n < 2; ++n)
      for (int p = 0; p < 9; ++p) sq += (x(n, c * 9 + p) - mean) * (x(n, c * 9 + p) - mean);
    EXPECT_NEAR(layer.running_mean(0, c), mean, 1e-5);
    EXPECT_NEAR(layer.running_var(0, c), sq / 17, 1e-5 * sq);
    EXPECT_NEAR(layer.cache().var(0, c), sq / 18, 1e-5 * sq);
  }
}

TEST(BatchNorm2D, GradientsMatchFiniteDifferences) {
  const ImageShape s{3, 4, 5};
  Rng rng(4);
  Matrix x(2, s.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(rng.uniform(-2.0, 2.0));
  Matrix gamma(1, 3), beta(1, 3);
  gamma << 1.2f, 0.7f, -0.9f;
  beta << 0.1f, -0.3f, 0.2f;
  const Matrix r = projection(2, s.size(), 9);
  BatchNormCache cache;
  Matrix y;
  auto loss = [&] {
    batch_norm_2d_forward(x, s, gamma, beta, 1e-5f, y, cache);
    return weighted_sum(y, r);
  };
  loss();
  Matrix dx, dgamma = Matrix::Zero(1, 3), dbeta = Matrix::Zero(1, 3);
  batch_norm_2d_backward(r, s, gamma, cache, dx, dgamma, dbeta);
  expect_gradient(loss, x, dx, "dx", 1e-2, 3e-2);
  expect_gradient(loss, gamma, dgamma, "dgamma");
  expect_gradient(loss, beta, dbeta, "dbeta");
}

TEST(BatchNorm2D, EvaluationGradientsMatchFiniteDifferences) {
  const ImageShape s{2, 3, 3};
  Rng rng(5);
  Matrix x(3, s.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(rng.uniform(-2.0, 2.0));
  BatchNorm2D layer(s, 0.1f, 1e-5f);
  layer.gamma << 1.5f, -0.5f;
  layer.running_mean << 0.2f, -0.1f;
  layer.running_var << 0.8f, 1.7f;
  const Matrix r = projection(3, s.size(), 2);
  auto loss = [&] { return weighted_sum(layer.forward(x, Mode::Eval, rng), r); };
  loss();
  const Matrix dx = layer.backward(r);
  expect_gradient(loss, x, dx, "dx");
  expect_gradient(loss, layer.gamma, layer.dgamma, "dgamma");
}

TEST(BatchNorm2D, OneValuePerChannelInTrainingIsAnError) {
  BatchNorm2D layer({4, 1, 1}, 0.1f, 1e-5f);
  Rng rng(1);
  try {
    layer.forward(Matrix::Ones(1, 4), Mode::Train, rng);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "training.batchSize");
  }
  EXPECT_NO_THROW(layer.forward(Matrix::Ones(2, 4), Mode::Train, rng));
  EXPECT_NO_THROW(layer.forward(Matrix::Ones(1, 4), Mode::Eval, rng));
}

TEST(BatchNorm2D, ParametersAreNormRolesAndStatisticsAreBuffers) {
  BatchNorm2D layer({3, 2, 2}, 0.1f, 1e-5f);
  auto params = layer.params();
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[0].role, ParamRole::NormScale);
  EXPECT_EQ(params[1].role, ParamRole::NormShift);
  EXPECT_EQ(params[0].value->cols(), 3);
  auto buffers = layer.buffers();
  ASSERT_EQ(buffers.size(), 2u);
  EXPECT_STREQ(buffers[0].first, "running_mean");
  EXPECT_EQ(buffers[1].second->cols(), 3);
}

}  // namespace
}  // namespace reglab
