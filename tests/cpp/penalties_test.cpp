// L1, L2 and ElasticNet penalties and the proximal L1 step, against the PyTorch fixtures and
// finite differences; and the rule that only role-Weight parameters are ever penalized.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <string>
#include <vector>

#include "analysis/weight_stats.h"
#include "optim/sgd.h"
#include "penalties/apply_penalties.h"
#include "penalties/elastic_net.h"
#include "penalties/l1.h"
#include "penalties/l2.h"
#include "support/fixture.h"
#include "support/gradcheck.h"

namespace reglab {
namespace {

using testing::expect_gradient;
using testing::expect_matches;
using testing::Fixture;
using testing::load_fixture;
using testing::to_matrix;

// The fixture's named sets {W1, W2, …} and {b1, b2, …} as a model's parameters: "Wk" and "bk"
// belong to layer k−1, with roles Weight and Bias; gradients start at 0.
struct Model {
  std::deque<Matrix> values, grads;   // deque: references stay valid while growing
  std::deque<std::string> names;
  std::vector<ParamRef> params;
  void add(const Json& set, ParamRole role) {
    for (const auto& [key, tensor] : set.as_object()) {
      names.push_back(key);
      values.push_back(to_matrix(tensor));
      grads.push_back(Matrix::Zero(values.back().rows(), values.back().cols()));
      params.push_back({names.back().c_str(), role, &values.back(), &grads.back(), std::stoi(key.substr(1)) - 1});
    }
  }
  explicit Model(const Fixture& f) {
    add(f.inputs()["weights"], ParamRole::Weight);
    add(f.inputs()["biases"], ParamRole::Bias);
  }
  int layers() const {
    int n = 0;
    for (const ParamRef& p : params) n = std::max(n, p.layer + 1);
    return n;
  }
  void expect_grads_match(const Fixture& f) const {
    for (const ParamRef& p : params) {
      const char* set = is_weight(p) ? "grad_weights" : "grad_biases";
      expect_matches(*p.grad, f.expected()[set][p.name], f, std::string(set) + "." + p.name);
    }
  }
};

// Weights for the gradient checks: entries in ±[0.05, 1], away from L1's kink at 0.
Matrix weights_away_from_zero(int rows, int cols, unsigned seed) {
  Matrix W = testing::projection(rows, cols, seed);
  W = W.unaryExpr([](float x) { return x < 0 ? std::min(x, -0.05f) : std::max(x, 0.05f); });
  return W;
}

// ---- L1 ----------------------------------------------------------------------------------------

TEST(L1, PenaltyAndSubgradientMatchPyTorch) {
  Fixture f = load_fixture("penalty_l1");
  Model m(f);
  const double lambda = f.inputs()["lambda"].as_number();
  double penalty = 0;
  for (const ParamRef& p : m.params) {
    if (!is_weight(p)) continue;
    penalty += l1_penalty(*p.value, lambda);
    l1_penalty_backward(*p.value, static_cast<float>(lambda), *p.grad);
  }
  expect_matches(penalty, f.expected()["penalty"], f, "penalty");
  m.expect_grads_match(f);
}

TEST(L1, SignOfZeroIsZero) {
  Matrix W(1, 3), dW = Matrix::Zero(1, 3);
  W << -0.5f, 0.0f, 0.5f;
  l1_penalty_backward(W, 2.0f, dW);
  EXPECT_EQ(dW(0, 0), -2.0f);
  EXPECT_EQ(dW(0, 1), 0.0f);
  EXPECT_EQ(dW(0, 2), 2.0f);
}

TEST(L1, GradientMatchesFiniteDifferences) {
  Matrix W = weights_away_from_zero(4, 5, 11);
  const float lambda = 3.0f;
  Matrix dW = Matrix::Zero(4, 5);
  l1_penalty_backward(W, lambda, dW);
  expect_gradient([&] { return l1_penalty(W, lambda); }, W, dW, "L1 dW");
}

TEST(L1Proximal, ProducesExactZeros) {
  Fixture f = load_fixture("penalty_l1_proximal");
  Matrix W = to_matrix(f.inputs()["W"]), grad = to_matrix(f.inputs()["grad"]);
  const float lr = static_cast<float>(f.inputs()["lr"].as_number());
  const float lambda = static_cast<float>(f.inputs()["lambda"].as_number());
  // W_half: a plain SGD step on the data-loss gradient alone (no L1 term in the gradient).
  const std::vector<ParamRef> params = {{"W", ParamRole::Weight, &W, &grad, 0}};
  SGD sgd;
  sgd.step(params, lr);
  expect_matches(W, f.expected()["W_half"], f, "W_half");
  l1_proximal_step(W, lr * lambda);
  expect_matches(W, f.expected()["W_new"], f, "W_new");
  const std::vector<int> mask = testing::to_ints([&] {
    Json flat = Json::array();   // zero_mask is rows × cols; flatten row-major
    for (const Json& row : f.expected()["zero_mask"].as_array())
      for (const Json& v : row.as_array()) flat.push_back(v);
    return flat;
  }());
  ASSERT_EQ(mask.size(), static_cast<size_t>(W.size()));
  for (Eigen::Index i = 0; i < W.size(); ++i)
    EXPECT_EQ(W.data()[i] == 0.0f, mask[i] == 1) << "entry " << i << " = " << W.data()[i];
  EXPECT_EQ(zero_fraction(params), f.expected()["zero_fraction"].as_number());
}

TEST(L1Proximal, SubgradientStepGivesNoExactZeros) {
  // The same step with L1 in the gradient instead: weights jump over 0 rather than stop on it.
  Fixture f = load_fixture("penalty_l1_proximal");
  Matrix W = to_matrix(f.inputs()["W"]), grad = to_matrix(f.inputs()["grad"]);
  const float lr = static_cast<float>(f.inputs()["lr"].as_number());
  l1_penalty_backward(W, static_cast<float>(f.inputs()["lambda"].as_number()), grad);
  W -= lr * grad;
  EXPECT_EQ((W.array() == 0.0f).count(), 0);
}

TEST(L1Proximal, ShrinksSurvivorsByThreshold) {
  Matrix W(1, 4);
  W << 0.3f, -0.3f, 0.05f, -0.1f;
  l1_proximal_step(W, 0.1f);
  EXPECT_FLOAT_EQ(W(0, 0), 0.2f);
  EXPECT_FLOAT_EQ(W(0, 1), -0.2f);
  EXPECT_EQ(W(0, 2), 0.0f);
  EXPECT_EQ(W(0, 3), 0.0f) << "|W| = threshold lands exactly on 0";
}

// ---- L2 ----------------------------------------------------------------------------------------

TEST(L2, PenaltyUsesHalfLambdaAndMatchesPyTorch) {
  Fixture f = load_fixture("penalty_l2");
  Model m(f);
  const double lambda = f.inputs()["lambda"].as_number();
  double penalty = 0;
  for (const ParamRef& p : m.params) {
    if (!is_weight(p)) continue;
    penalty += l2_penalty(*p.value, lambda);
    l2_penalty_backward(*p.value, static_cast<float>(lambda), *p.grad);
  }
  expect_matches(penalty, f.expected()["penalty"], f, "penalty");
  m.expect_grads_match(f);
}

TEST(L2, GradientMatchesFiniteDifferences) {
  Matrix W = testing::projection(3, 6, 5);
  const float lambda = 5.0f;
  Matrix dW = Matrix::Zero(3, 6);
  l2_penalty_backward(W, lambda, dW);
  expect_gradient([&] { return l2_penalty(W, lambda); }, W, dW, "L2 dW");
}

TEST(L2, BackwardAccumulatesIntoGradient) {
  Matrix W = Matrix::Constant(2, 2, 2.0f), dW = Matrix::Constant(2, 2, 1.0f);
  l2_penalty_backward(W, 0.5f, dW);
  EXPECT_TRUE((dW.array() == 2.0f).all()) << "dW = 1 + 0.5·2";
}

// ---- ElasticNet --------------------------------------------------------------------------------

TEST(ElasticNet, PenaltyHasNoHalfAndMatchesPyTorch) {
  Fixture f = load_fixture("penalty_elasticnet");
  Model m(f);
  const double l1 = f.inputs()["lambda1"].as_number(), l2 = f.inputs()["lambda2"].as_number();
  double penalty = 0;
  for (const ParamRef& p : m.params) {
    if (!is_weight(p)) continue;
    penalty += elastic_net_penalty(*p.value, l1, l2);
    elastic_net_penalty_backward(*p.value, static_cast<float>(l1), static_cast<float>(l2), *p.grad);
  }
  expect_matches(penalty, f.expected()["penalty"], f, "penalty");
  m.expect_grads_match(f);
}

TEST(ElasticNet, GradientMatchesFiniteDifferences) {
  Matrix W = weights_away_from_zero(5, 3, 23);
  const float l1 = 2.0f, l2 = 3.0f;
  Matrix dW = Matrix::Zero(5, 3);
  elastic_net_penalty_backward(W, l1, l2, dW);
  expect_gradient([&] { return elastic_net_penalty(W, l1, l2); }, W, dW, "ElasticNet dW");
}

// ---- the model-wide rule: weights only ---------------------------------------------------------

TEST(Penalties, ApplyPenaltiesMatchesFixturesAndSkipsBiases) {
  struct Case {
    const char* fixture;
    WeightPenalty lambda;
  };
  const Fixture l1 = load_fixture("penalty_l1"), l2 = load_fixture("penalty_l2"), en = load_fixture("penalty_elasticnet");
  // ElasticNet's λ2·ΣW² is the λ/2 L2 of apply_penalties with λ = 2·λ2.
  for (const Case& c : {Case{"penalty_l1", {l1.inputs()["lambda"].as_number(), 0}},
                        Case{"penalty_l2", {0, l2.inputs()["lambda"].as_number()}},
                        Case{"penalty_elasticnet",
                             {en.inputs()["lambda1"].as_number(), 2 * en.inputs()["lambda2"].as_number()}}}) {
    SCOPED_TRACE(c.fixture);
    const Fixture f = load_fixture(c.fixture);
    Model m(f);
    for (Matrix& g : m.grads) g.setZero();
    const std::vector<WeightPenalty> per_layer(m.layers(), c.lambda);
    expect_matches(weight_penalty(m.params, per_layer), f.expected()["penalty"], f, "weight_penalty");
    expect_matches(apply_penalties(m.params, per_layer), f.expected()["penalty"], f, "apply_penalties");
    m.expect_grads_match(f);   // grad_biases are all exactly 0
    for (const ParamRef& p : m.params) {
      if (!is_weight(p)) {
        EXPECT_EQ(p.grad->cwiseAbs().maxCoeff(), 0.0f) << p.name;
      }
    }
  }
}

TEST(Penalties, NormParametersAreNeverPenalized) {
  Matrix gamma = Matrix::Constant(1, 3, 1.5f), beta = Matrix::Constant(1, 3, -0.5f), b = Matrix::Constant(1, 3, 2.0f);
  Matrix dgamma = Matrix::Zero(1, 3), dbeta = Matrix::Zero(1, 3), db = Matrix::Zero(1, 3);
  const std::vector<ParamRef> params = {{"gamma", ParamRole::NormScale, &gamma, &dgamma, 0},
                                        {"beta", ParamRole::NormShift, &beta, &dbeta, 0},
                                        {"b", ParamRole::Bias, &b, &db, 0}};
  const std::vector<WeightPenalty> per_layer = {{0.3, 0.7}};
  EXPECT_EQ(apply_penalties(params, per_layer), 0.0);
  EXPECT_TRUE(dgamma.isZero(0) && dbeta.isZero(0) && db.isZero(0));
  apply_l1_proximal(params, per_layer, 1.0f);
  EXPECT_TRUE((gamma.array() == 1.5f).all() && (beta.array() == -0.5f).all() && (b.array() == 2.0f).all());
}

TEST(Penalties, LambdaIsPerLayer) {
  Matrix W1 = Matrix::Constant(2, 2, 1.0f), W2 = Matrix::Constant(2, 2, 1.0f);
  Matrix dW1 = Matrix::Zero(2, 2), dW2 = Matrix::Zero(2, 2);
  const std::vector<ParamRef> params = {{"W", ParamRole::Weight, &W1, &dW1, 0}, {"W", ParamRole::Weight, &W2, &dW2, 1}};
  const double penalty = apply_penalties(params, {{0, 0}, {0, 0.5}});
  EXPECT_DOUBLE_EQ(penalty, 0.25 * 4);
  EXPECT_TRUE(dW1.isZero(0));
  EXPECT_TRUE((dW2.array() == 0.5f).all());
  apply_l1_proximal(params, {{0.1, 0}, {0, 0}}, 1.0f);
  EXPECT_TRUE((W1.array() == 0.9f).all());
  EXPECT_TRUE((W2.array() == 1.0f).all());
  EXPECT_THROW(apply_penalties(params, {{0.1, 0.1}}), std::out_of_range) << "layer 1 has no λ";
}

}  // namespace
}  // namespace reglab
