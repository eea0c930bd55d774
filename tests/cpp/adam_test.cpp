// Adam, Adam + L2 (coupled) and AdamW (decoupled) against the PyTorch fixtures, step by step:
// parameters and both moments (before bias correction) after each of the 3 given gradients.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "optim/adam.h"
#include "optim/adamw.h"
#include "optim/optimizer.h"
#include "support/fixture.h"

namespace reglab {
namespace {

using testing::expect_matches;
using testing::Fixture;
using testing::load_fixture;
using testing::to_matrix;

struct TwoParams {
  Matrix W, b, dW, db;
  explicit TwoParams(const Json& params) : W(to_matrix(params["W"])), b(to_matrix(params["b"])) {
    dW.setZero(W.rows(), W.cols());
    db.setZero(b.rows(), b.cols());
  }
  std::vector<ParamRef> refs() {
    return {{"W", ParamRole::Weight, &W, &dW, 0}, {"b", ParamRole::Bias, &b, &db, 0}};
  }
  void set_grads(const Json& g) {
    dW = to_matrix(g["W"]);
    db = to_matrix(g["b"]);
  }
};

OptimizerSpec spec_from_hyper(const std::string& kind, const Json& hyper) {
  OptimizerSpec s;
  s.kind = kind;
  s.lr = hyper["lr"].as_number();
  s.beta1 = hyper["beta1"].as_number();
  s.beta2 = hyper["beta2"].as_number();
  s.eps = hyper["eps"].as_number();
  s.weightDecay = hyper["weight_decay"].as_number();
  return s;
}

void check_adam_fixture(const std::string& name, Optimizer& opt, float lr) {
  SCOPED_TRACE(name);
  Fixture f = load_fixture(name);
  auto* adam = dynamic_cast<Adam*>(&opt);
  ASSERT_NE(adam, nullptr);
  TwoParams p(f.inputs()["params"]);
  const std::vector<ParamRef> refs = p.refs();
  const Json& grads = f.inputs()["grads"];
  const Json& params_after = f.expected()["params_after"];
  const Json& state_after = f.expected()["state_after"];
  ASSERT_EQ(grads.size(), params_after.size());
  for (size_t s = 0; s < grads.size(); ++s) {
    const std::string step = " after step " + std::to_string(s + 1);
    p.set_grads(grads[s]);
    opt.step(refs, lr);
    EXPECT_EQ(adam->step_count(), static_cast<int>(s + 1));
    expect_matches(p.W, params_after[s]["W"], f, "W" + step);
    expect_matches(p.b, params_after[s]["b"], f, "b" + step);
    ASSERT_EQ(adam->exp_avg().size(), 2u);
    expect_matches(adam->exp_avg()[0], state_after[s]["exp_avg"]["W"], f, "exp_avg W" + step);
    expect_matches(adam->exp_avg()[1], state_after[s]["exp_avg"]["b"], f, "exp_avg b" + step);
    expect_matches(adam->exp_avg_sq()[0], state_after[s]["exp_avg_sq"]["W"], f, "exp_avg_sq W" + step);
    expect_matches(adam->exp_avg_sq()[1], state_after[s]["exp_avg_sq"]["b"], f, "exp_avg_sq b" + step);
  }
}

void check_fixture_via_spec(const std::string& name, const std::string& kind) {
  Fixture f = load_fixture(name);
  const OptimizerSpec spec = spec_from_hyper(kind, f.inputs()["hyper"]);
  auto opt = make_optimizer(spec);
  EXPECT_STREQ(opt->kind(), kind.c_str());
  check_adam_fixture(name, *opt, static_cast<float>(spec.lr));
}

TEST(Adam, MatchesPyTorch) { check_fixture_via_spec("optim_adam", "adam"); }
TEST(Adam, CoupledL2MatchesPyTorch) { check_fixture_via_spec("optim_adam_l2", "adam"); }
TEST(AdamW, MatchesPyTorch) { check_fixture_via_spec("optim_adamw", "adamw"); }

TEST(AdamW, AdamWithDecoupledFlagIsAdamW) {
  Fixture f = load_fixture("optim_adamw");
  OptimizerSpec spec = spec_from_hyper("adam", f.inputs()["hyper"]);
  spec.decoupled = true;
  auto opt = make_optimizer(spec);
  check_adam_fixture("optim_adamw", *opt, static_cast<float>(spec.lr));
}

TEST(Adam, BiasCorrectionCountsSteps) {
  // A constant gradient g gives m̂ = g and v̂ = g² exactly when the correction divides by
  // (1 − β^t) with t = steps taken, so every step moves each weight by lr·g/(|g| + ε) ≈ lr·sign(g),
  // whatever the batch size. (Multiplying, or counting samples, breaks this at once.)
  Matrix W = Matrix::Zero(2, 3), dW(2, 3);
  dW << 0.5f, -2.0f, 1e-3f, 30.0f, -0.01f, 4.0f;
  const std::vector<ParamRef> refs = {{"W", ParamRole::Weight, &W, &dW, 0}};
  Adam adam;
  const float lr = 0.01f;
  for (int t = 1; t <= 20; ++t) {
    const Matrix before = W;
    adam.step(refs, lr);
    EXPECT_EQ(adam.step_count(), t);
    const Matrix expected_step = -lr * dW.array().sign();
    EXPECT_TRUE((W - before).isApprox(expected_step, 1e-4f)) << "step " << t << ": " << (W - before);
  }
}

TEST(Adam, SecondMomentNeverSubnormal) {
  // g² of a tiny gradient, or v decaying under zero gradients, would otherwise land in the
  // subnormal range, which WebAssembly cannot flush to zero. v (and m) are flushed below 1e-30.
  Matrix W = Matrix::Zero(1, 4), dW(1, 4);
  dW << 1e-19f, -1e-17f, 1e-10f, 1.0f;   // (1−β2)·g² = 1e-41 (subnormal), 1e-37, 1e-23, 1e-3
  const std::vector<ParamRef> refs = {{"W", ParamRole::Weight, &W, &dW, 0}};
  Adam adam;
  adam.step(refs, 1e-3f);
  EXPECT_EQ(adam.exp_avg_sq()[0](0, 0), 0.0f);
  EXPECT_EQ(adam.exp_avg_sq()[0](0, 1), 0.0f);
  EXPECT_GT(adam.exp_avg_sq()[0](0, 2), 0.0f);
  dW.setZero();   // from now on the moments only decay
  for (int s = 0; s < 20000; ++s) {
    adam.step(refs, 1e-3f);
    for (Eigen::Index j = 0; j < 4; ++j) {
      ASSERT_NE(std::fpclassify(adam.exp_avg_sq()[0](0, j)), FP_SUBNORMAL) << "v, step " << s;
      ASSERT_NE(std::fpclassify(adam.exp_avg()[0](0, j)), FP_SUBNORMAL) << "m, step " << s;
    }
  }
  EXPECT_EQ(adam.exp_avg()[0].cwiseAbs().maxCoeff(), 0.0f) << "m decayed through 1e-30 to exactly 0";
  EXPECT_EQ(adam.exp_avg_sq()[0](0, 2), 0.0f) << "v = 1e-23·0.999^t passed 1e-30 by step ~16000";
  EXPECT_TRUE(W.allFinite());
}

TEST(AdamW, DecayIsDecoupledFromAdaptiveScaling) {
  // Two weights of the same size, one with a large gradient and one with a small gradient.
  // AdamW shrinks both by exactly lr·λ·w (the decay is not divided by √v̂); Adam + L2 puts λw
  // into the gradient, where it is normalized away for the large-gradient weight.
  const float lr = 0.01f, wd = 0.1f;
  auto one_step = [&](Optimizer&& opt) {
    Matrix W(1, 2), dW(1, 2);
    W << 1.0f, 1.0f;
    dW << 100.0f, -1e-4f;
    opt.step({{"W", ParamRole::Weight, &W, &dW, 0}}, lr);
    return W;
  };
  const Matrix plain = one_step(Adam());
  const Matrix adamw = one_step(AdamW(0.9, 0.999, 1e-8, wd));
  const Matrix adam_l2 = one_step(Adam(0.9, 0.999, 1e-8, wd, /*decoupled=*/false));
  for (Eigen::Index j = 0; j < 2; ++j)
    EXPECT_NEAR(plain(0, j) - adamw(0, j), lr * wd * 1.0f, 1e-6) << "AdamW decay of weight " << j;
  // Adam + L2: the decay of the large-gradient weight is negligible …
  EXPECT_LT(std::fabs(plain(0, 0) - adam_l2(0, 0)), 1e-5f);
  // … while for the small-gradient weight λw outweighs g and flips the step: +lr becomes −lr.
  EXPECT_NEAR(adam_l2(0, 1) - plain(0, 1), -2 * lr, 1e-5);
}

TEST(AdamW, DecaySkipsBiasesAndNormParams) {
  const float lr = 0.01f;
  Matrix b = Matrix::Constant(1, 3, 0.7f), db = Matrix::Constant(1, 3, 0.2f);
  Matrix gamma = Matrix::Constant(1, 3, 1.0f), dgamma = Matrix::Constant(1, 3, -0.1f);
  Matrix b2 = b, db2 = db, gamma2 = gamma, dgamma2 = dgamma;
  AdamW decayed(0.9, 0.999, 1e-8, /*weight_decay=*/0.5);
  Adam plain;
  for (int s = 0; s < 3; ++s) {
    decayed.step({{"b", ParamRole::Bias, &b, &db, 0}, {"gamma", ParamRole::NormScale, &gamma, &dgamma, 1}}, lr);
    plain.step({{"b", ParamRole::Bias, &b2, &db2, 0}, {"gamma", ParamRole::NormScale, &gamma2, &dgamma2, 1}}, lr);
  }
  EXPECT_EQ(b, b2);
  EXPECT_EQ(gamma, gamma2);
}

TEST(Adam, ResetForgetsMomentsAndStepCount) {
  Matrix W = Matrix::Zero(1, 2), dW = Matrix::Constant(1, 2, 0.3f);
  const std::vector<ParamRef> refs = {{"W", ParamRole::Weight, &W, &dW, 0}};
  Adam adam;
  adam.step(refs, 0.01f);
  adam.step(refs, 0.01f);
  adam.reset();
  EXPECT_EQ(adam.step_count(), 0);
  EXPECT_TRUE(adam.exp_avg().empty());
  const Matrix before = W;
  adam.step(refs, 0.01f);
  EXPECT_EQ(adam.step_count(), 1);
  EXPECT_NEAR(before(0, 0) - W(0, 0), 0.01f, 1e-6) << "a fresh first step moves by lr";
}

}  // namespace
}  // namespace reglab
