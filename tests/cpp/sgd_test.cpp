// SGD (plain, momentum, Nesterov, coupled/decoupled weight decay) against the PyTorch fixtures,
// step by step: parameters and momentum buffers after each of the 3 given gradients.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "optim/optimizer.h"
#include "optim/sgd.h"
#include "reglab/error.h"
#include "support/fixture.h"

namespace reglab {
namespace {

using testing::expect_matches;
using testing::Fixture;
using testing::load_fixture;
using testing::to_matrix;

// The fixtures' two parameters: W (role Weight) and b (role Bias), shapes read from the file.
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

OptimizerSpec spec_from_hyper(const Json& hyper) {
  OptimizerSpec s;
  const double momentum = hyper["momentum"].as_number();
  s.kind = momentum == 0 ? "sgd" : (hyper["nesterov"].as_bool() ? "nesterov" : "momentum");
  s.lr = hyper["lr"].as_number();
  s.momentum = momentum;
  s.weightDecay = hyper["weight_decay"].as_number();
  EXPECT_EQ(hyper["dampening"].as_number(), 0.0) << "RegLab's SGD has no dampening";
  return s;
}

// Runs the fixture's 3 steps through make_optimizer and checks params and buffers after each.
void check_sgd_fixture(const std::string& name) {
  SCOPED_TRACE(name);
  Fixture f = load_fixture(name);
  const OptimizerSpec spec = spec_from_hyper(f.inputs()["hyper"]);
  std::unique_ptr<Optimizer> opt = make_optimizer(spec);
  auto* sgd = dynamic_cast<SGD*>(opt.get());
  ASSERT_NE(sgd, nullptr);
  EXPECT_STREQ(opt->kind(), spec.kind.c_str());

  TwoParams p(f.inputs()["params"]);
  const std::vector<ParamRef> refs = p.refs();
  const Json& grads = f.inputs()["grads"];
  const Json& params_after = f.expected()["params_after"];
  const Json& state_after = f.expected()["state_after"];
  ASSERT_EQ(grads.size(), params_after.size());
  for (size_t s = 0; s < grads.size(); ++s) {
    const std::string step = " after step " + std::to_string(s + 1);
    p.set_grads(grads[s]);
    opt->step(refs, static_cast<float>(spec.lr));
    expect_matches(p.W, params_after[s]["W"], f, "W" + step);
    expect_matches(p.b, params_after[s]["b"], f, "b" + step);
    const Json* buffer = state_after[s].find("momentum_buffer");
    if (buffer) {
      ASSERT_EQ(sgd->momentum_buffers().size(), 2u);
      expect_matches(sgd->momentum_buffers()[0], (*buffer)["W"], f, "momentum_buffer W" + step);
      expect_matches(sgd->momentum_buffers()[1], (*buffer)["b"], f, "momentum_buffer b" + step);
    } else {
      EXPECT_TRUE(sgd->momentum_buffers().empty()) << "plain SGD keeps no buffer";
    }
  }
}

TEST(SGD, PlainStepMatchesPyTorch) { check_sgd_fixture("optim_sgd"); }
TEST(SGD, MomentumMatchesPyTorch) { check_sgd_fixture("optim_sgd_momentum"); }
TEST(SGD, CoupledWeightDecayMatchesPyTorch) { check_sgd_fixture("optim_sgd_weight_decay"); }
TEST(SGD, MomentumWithWeightDecayMatchesPyTorch) { check_sgd_fixture("optim_sgd_momentum_weight_decay"); }
TEST(SGD, NesterovMatchesPyTorchForm) { check_sgd_fixture("optim_nesterov"); }

TEST(SGD, MomentumBufferStartsAsFirstGradient) {
  Fixture f = load_fixture("optim_sgd_momentum");
  TwoParams p(f.inputs()["params"]);
  const Matrix W0 = p.W;
  SGD sgd(0.9);
  p.set_grads(f.inputs()["grads"][0]);
  sgd.step(p.refs(), 0.1f);
  // No (1 − μ) factor and no zero-initialised decay: the first step is a plain SGD step.
  EXPECT_EQ(sgd.momentum_buffers()[0], p.dW);
  EXPECT_TRUE(p.W.isApprox(W0 - 0.1f * p.dW));
}

TEST(SGD, WeightDecaySkipsBiases) {
  // Zero data gradient: only the decay can move anything, and only role Weight may decay.
  Matrix W = Matrix::Constant(2, 3, 0.5f), b = Matrix::Constant(1, 2, 0.5f), gamma = Matrix::Constant(1, 2, 1.0f),
         beta = Matrix::Constant(1, 2, 0.25f);
  Matrix dW = Matrix::Zero(2, 3), db = Matrix::Zero(1, 2), dgamma = Matrix::Zero(1, 2), dbeta = Matrix::Zero(1, 2);
  const std::vector<ParamRef> refs = {{"W", ParamRole::Weight, &W, &dW, 0},
                                      {"b", ParamRole::Bias, &b, &db, 0},
                                      {"gamma", ParamRole::NormScale, &gamma, &dgamma, 1},
                                      {"beta", ParamRole::NormShift, &beta, &dbeta, 1}};
  for (bool decoupled : {false, true}) {
    for (const char* kind : {"sgd", "momentum", "nesterov"}) {
      SCOPED_TRACE(std::string(kind) + (decoupled ? " decoupled" : " coupled"));
      W.setConstant(0.5f);
      OptimizerSpec spec;
      spec.kind = kind;
      spec.weightDecay = 0.1;
      spec.decoupled = decoupled;
      auto opt = make_optimizer(spec);
      for (int s = 0; s < 3; ++s) opt->step(refs, 0.1f);
      EXPECT_LT(W.maxCoeff(), 0.5f) << "weights decay";
      EXPECT_TRUE((b.array() == 0.5f).all()) << "bias untouched";
      EXPECT_TRUE((gamma.array() == 1.0f).all()) << "norm scale untouched";
      EXPECT_TRUE((beta.array() == 0.25f).all()) << "norm shift untouched";
    }
  }
}

TEST(SGD, DecoupledDecayStaysOutOfMomentumBuffer) {
  Matrix W = Matrix::Constant(2, 2, 1.0f), dW = Matrix::Zero(2, 2);
  const std::vector<ParamRef> refs = {{"W", ParamRole::Weight, &W, &dW, 0}};
  const float lr = 0.1f, wd = 0.2f;
  SGD sgdw(0.9, false, wd, /*decoupled=*/true);
  for (int s = 1; s <= 3; ++s) {
    sgdw.step(refs, lr);
    EXPECT_NEAR(W(0, 0), std::pow(1.0 - lr * wd, s), 1e-6) << "W ← W·(1 − lr·λ) each step";
    EXPECT_EQ(sgdw.momentum_buffers()[0].cwiseAbs().maxCoeff(), 0.0f) << "the decay never enters the buffer";
  }
  W.setConstant(1.0f);
  SGD coupled(0.9, false, wd, /*decoupled=*/false);
  coupled.step(refs, lr);
  EXPECT_FLOAT_EQ(coupled.momentum_buffers()[0](0, 0), wd) << "coupled: buf = g + λW";
}

TEST(SGD, ResetForgetsMomentum) {
  Matrix W = Matrix::Constant(1, 3, 1.0f), dW = Matrix::Constant(1, 3, 1.0f);
  const std::vector<ParamRef> refs = {{"W", ParamRole::Weight, &W, &dW, 0}};
  SGD sgd(0.9);
  sgd.step(refs, 0.1f);
  sgd.step(refs, 0.1f);
  EXPECT_FLOAT_EQ(sgd.momentum_buffers()[0](0, 0), 1.9f);
  sgd.reset();
  EXPECT_TRUE(sgd.momentum_buffers().empty());
  sgd.step(refs, 0.1f);
  EXPECT_FLOAT_EQ(sgd.momentum_buffers()[0](0, 0), 1.0f) << "after reset the buffer restarts as g";
}

TEST(SGD, MomentumBufferOfDeadUnitNeverSubnormal) {
  Matrix W = Matrix::Zero(1, 2), dW(1, 2);
  dW << 1.0f, -1.0f;
  const std::vector<ParamRef> refs = {{"W", ParamRole::Weight, &W, &dW, 0}};
  SGD sgd(0.9);
  sgd.step(refs, 0.01f);
  dW.setZero();   // e.g. a ReLU unit that died: its buffer only decays from now on
  for (int s = 0; s < 2000; ++s) {
    sgd.step(refs, 0.01f);
    for (float v : {sgd.momentum_buffers()[0](0, 0), sgd.momentum_buffers()[0](0, 1)})
      ASSERT_NE(std::fpclassify(v), FP_SUBNORMAL) << "step " << s;
  }
  EXPECT_EQ(sgd.momentum_buffers()[0].cwiseAbs().maxCoeff(), 0.0f);
}

TEST(SGD, ChangedParameterShapesThrow) {
  Matrix W = Matrix::Zero(2, 2), dW = Matrix::Ones(2, 2);
  SGD sgd(0.9);
  sgd.step({{"W", ParamRole::Weight, &W, &dW, 0}}, 0.1f);
  Matrix W2 = Matrix::Zero(3, 2), dW2 = Matrix::Ones(3, 2);
  EXPECT_THROW(sgd.step({{"W", ParamRole::Weight, &W2, &dW2, 0}}, 0.1f), std::logic_error);
}

TEST(Optimizer, MakeOptimizerBuildsEveryKind) {
  for (const char* kind : {"sgd", "momentum", "nesterov", "adam", "adamw"}) {
    OptimizerSpec spec;
    spec.kind = kind;
    auto opt = make_optimizer(spec);
    ASSERT_NE(opt, nullptr);
    EXPECT_STREQ(opt->kind(), kind);
  }
}

TEST(Optimizer, UnknownKindNamesTheSpecField) {
  OptimizerSpec spec;
  spec.kind = "rmsprop";
  try {
    make_optimizer(spec);
    FAIL() << "expected reglab::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "optimizer.kind");
    EXPECT_NE(e.message().find("rmsprop"), std::string::npos);
  }
}

TEST(Optimizer, NesterovWithoutMomentumNamesTheSpecField) {
  OptimizerSpec spec;
  spec.kind = "nesterov";
  spec.momentum = 0;
  try {
    make_optimizer(spec);
    FAIL() << "expected reglab::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "optimizer.momentum");
  }
}

}  // namespace
}  // namespace reglab
