// Gradient clipping by global norm and by value, against torch.nn.utils.clip_grad_norm_ /
// clip_grad_value_ fixtures.
#include <gtest/gtest.h>

#include <cmath>
#include <deque>
#include <limits>
#include <string>
#include <vector>

#include "regularize/clip_grad.h"
#include "support/fixture.h"

namespace reglab {
namespace {

using testing::expect_matches;
using testing::Fixture;
using testing::load_fixture;
using testing::to_matrix;

// A fixture's named gradient set {W1, b1, W2, b2} as ParamRefs (the values are not used).
struct Grads {
  std::deque<Matrix> values, grads;
  std::deque<std::string> names;
  std::vector<ParamRef> params;
  explicit Grads(const Json& set) {
    for (const auto& [key, tensor] : set.as_object()) {
      names.push_back(key);
      grads.push_back(to_matrix(tensor));
      values.push_back(Matrix::Zero(grads.back().rows(), grads.back().cols()));
      const ParamRole role = key[0] == 'W' ? ParamRole::Weight : ParamRole::Bias;
      params.push_back({names.back().c_str(), role, &values.back(), &grads.back(), key.back() - '1'});
    }
  }
};

TEST(ClipGradNorm, MatchesPyTorch) {
  Fixture f = load_fixture("clip_grad_norm");
  const Json& cases = f.inputs()["cases"];
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE("case " + std::to_string(i));
    const Json& expected = f.expected()["cases"][i];
    Grads g(cases[i]["grads"]);
    const std::deque<Matrix> before = g.grads;
    const float max_norm = static_cast<float>(cases[i]["max_norm"].as_number());
    const float norm_before = grad_global_norm(g.params);
    const float total = clip_grad_norm(g.params, max_norm);
    EXPECT_EQ(total, norm_before) << "returns the pre-clip norm";
    expect_matches(total, expected["total_norm"], f, "total_norm");
    for (const ParamRef& p : g.params) expect_matches(*p.grad, expected["grads"][p.name], f, p.name);
    // The coefficient every gradient was multiplied by, read back from the largest entry.
    Eigen::Index r, c;
    before[0].cwiseAbs().maxCoeff(&r, &c);
    const double coef = g.grads[0](r, c) / before[0](r, c);
    expect_matches(coef, expected["clip_coef"], f, "clip_coef");
    EXPECT_EQ(coef < 1.0, expected["clipped"].as_bool());
  }
}

TEST(ClipGradNorm, ClippedNormEndsJustBelowMax) {
  Fixture f = load_fixture("clip_grad_norm");
  Grads g(f.inputs()["cases"][0]["grads"]);
  const float max_norm = 1.0f;
  ASSERT_GT(clip_grad_norm(g.params, max_norm), max_norm);
  const float after = grad_global_norm(g.params);
  EXPECT_LE(after, max_norm);
  EXPECT_GT(after, max_norm * (1 - 1e-5f));
}

TEST(ClipGradNorm, NormIsGlobalNotPerTensor) {
  // Two gradients of norm 0.8 each: neither alone exceeds 1, together they do (‖g‖ = 0.8·√2).
  Matrix W = Matrix::Zero(1, 1), b = Matrix::Zero(1, 1), dW = Matrix::Constant(1, 1, 0.8f),
         db = Matrix::Constant(1, 1, -0.8f);
  const std::vector<ParamRef> params = {{"W", ParamRole::Weight, &W, &dW, 0}, {"b", ParamRole::Bias, &b, &db, 0}};
  EXPECT_NEAR(clip_grad_norm(params, 1.0f), 0.8 * std::sqrt(2.0), 1e-6);
  EXPECT_NEAR(dW(0, 0), 1 / std::sqrt(2.0), 1e-5);
  EXPECT_NEAR(db(0, 0), -1 / std::sqrt(2.0), 1e-5) << "biases are clipped too";
}

TEST(ClipGradNorm, BelowThresholdLeavesGradientsBitIdentical) {
  Matrix W = Matrix::Zero(1, 3), dW(1, 3);
  dW << 0.1f, -0.2f, 0.3f;
  const Matrix before = dW;
  clip_grad_norm({{"W", ParamRole::Weight, &W, &dW, 0}}, 10.0f);
  EXPECT_EQ(dW, before);
}

TEST(ClipGradNorm, NonFiniteNormLeavesGradientsUntouched) {
  Matrix W = Matrix::Zero(1, 2), dW(1, 2);
  dW << std::numeric_limits<float>::infinity(), 1.0f;
  const float total = clip_grad_norm({{"W", ParamRole::Weight, &W, &dW, 0}}, 1.0f);
  EXPECT_TRUE(std::isinf(total)) << "the caller sees the divergence";
  EXPECT_EQ(dW(0, 1), 1.0f);
}

TEST(ClipGradValue, MatchesPyTorchAndKeepsBoundaryValues) {
  Fixture f = load_fixture("clip_grad_value");
  const Json& cases = f.inputs()["cases"];
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE("case " + std::to_string(i));
    Grads g(cases[i]["grads"]);
    const float c = static_cast<float>(cases[i]["clip_value"].as_number());
    clip_grad_value(g.params, c);
    for (const ParamRef& p : g.params) {
      expect_matches(*p.grad, f.expected()["cases"][i]["grads"][p.name], f, p.name);
      EXPECT_LE(p.grad->cwiseAbs().maxCoeff(), c) << p.name;
    }
  }
}

}  // namespace
}  // namespace reglab
