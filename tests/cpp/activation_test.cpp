// Activations: values and derivatives against PyTorch (six fixtures), finite differences,
// derivative conventions at 0, parsing, and saturated inputs.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "layers/activation.h"
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

const ActivationKind kAllKinds[] = {ActivationKind::Identity, ActivationKind::ReLU,    ActivationKind::LeakyReLU,
                                    ActivationKind::Tanh,     ActivationKind::Sigmoid, ActivationKind::GELU,
                                    ActivationKind::GELUTanh};

bool has_subnormal(const Matrix& m) {
  for (Eigen::Index i = 0; i < m.size(); ++i)
    if (std::fpclassify(m.data()[i]) == FP_SUBNORMAL) return true;
  return false;
}

// Runs the fixture `activation_<name>` through the free functions and the layer.
void check_fixture(const std::string& name) {
  SCOPED_TRACE(name);
  auto f = load_fixture("activation_" + name);
  const ActivationKind kind = parse_activation(name, "model.activation");
  if (const Json* slope = f.inputs().find("negative_slope")) {
    EXPECT_FLOAT_EQ(kLeakyReLUSlope, slope->as_number());
  }
  if (const Json* approximate = f.inputs().find("approximate")) {
    EXPECT_EQ(approximate->as_string(), kind == ActivationKind::GELUTanh ? "tanh" : "none");
  }
  const Matrix x = to_matrix(f.inputs()["x"]), dy = to_matrix(f.inputs()["dy"]);
  Matrix y, dx;
  activation_forward(kind, x, y);
  activation_backward(kind, x, y, dy, dx);
  expect_matches(y, f.expected()["y"], f, name + " y");
  expect_matches(dx, f.expected()["dx"], f, name + " dx");

  Rng rng(1);
  Activation layer(kind);
  expect_matches(layer.forward(x, Mode::Train, rng), f.expected()["y"], f, name + " layer y");
  expect_matches(layer.backward(dy), f.expected()["dx"], f, name + " layer dx");
}

TEST(Activation, ReLUMatchesPyTorch) { check_fixture("relu"); }
TEST(Activation, LeakyReLUMatchesPyTorch) { check_fixture("leaky_relu"); }
TEST(Activation, TanhMatchesPyTorch) { check_fixture("tanh"); }
TEST(Activation, SigmoidMatchesPyTorch) { check_fixture("sigmoid"); }
TEST(Activation, ExactGELUMatchesPyTorch) { check_fixture("gelu"); }
TEST(Activation, TanhApproximateGELUMatchesPyTorch) { check_fixture("gelu_tanh"); }

TEST(Activation, GradientsMatchFiniteDifferences) {
  // Inputs in ±[0.05, 3]: at least 0.05 away from the kinks of relu / leaky relu at 0.
  Rng rng(21);
  Matrix x0(6, 5);
  for (Eigen::Index i = 0; i < x0.size(); ++i) {
    const double magnitude = rng.uniform(0.05 + 0.011, 3.0);
    x0.data()[i] = static_cast<float>(rng.bernoulli(0.5) ? magnitude : -magnitude);
  }
  const Matrix r = projection(6, 5, 4);
  for (ActivationKind kind : kAllKinds) {
    Activation layer(kind);
    Matrix x = x0;
    layer.forward(x, Mode::Train, rng);
    const Matrix dx = layer.backward(r);
    auto loss = [&] { return weighted_sum(layer.forward(x, Mode::Train, rng), r); };
    expect_gradient(loss, x, dx, std::string(activation_name(kind)) + " dx", 1e-2);
  }
}

TEST(Activation, DerivativeAtZeroFollowsTorch) {
  const Matrix x = Matrix::Zero(1, 1), dy = Matrix::Constant(1, 1, 2.0f);
  Matrix y, dx;
  activation_forward(ActivationKind::ReLU, x, y);
  activation_backward(ActivationKind::ReLU, x, y, dy, dx);
  EXPECT_EQ(dx(0, 0), 0.0f);  // relu'(0) = 0
  activation_forward(ActivationKind::LeakyReLU, x, y);
  activation_backward(ActivationKind::LeakyReLU, x, y, dy, dx);
  EXPECT_FLOAT_EQ(dx(0, 0), 2.0f * 0.01f);  // leaky_relu'(0) = 0.01 (negative branch)
  activation_forward(ActivationKind::GELU, x, y);
  activation_backward(ActivationKind::GELU, x, y, dy, dx);
  EXPECT_FLOAT_EQ(dx(0, 0), 1.0f);  // gelu'(0) = Φ(0) = ½
}

TEST(Activation, ExactAndTanhGELUDiffer) {
  Matrix x(1, 1), a, b;
  x(0, 0) = -2.6607f;  // near the largest gap between the two forms (about 4.7e-4)
  activation_forward(ActivationKind::GELU, x, a);
  activation_forward(ActivationKind::GELUTanh, x, b);
  EXPECT_NEAR(a(0, 0) - b(0, 0), -4.72e-4, 2e-5);
}

TEST(Activation, SaturatedInputsGiveNoNaNAndNoSubnormals) {
  Matrix x(1, 10);
  x << -1e30f, -1000.0f, -100.0f, -90.0f, -87.0f, -14.0f, 14.0f, 90.0f, 1000.0f, 1e30f;
  const Matrix dy = Matrix::Ones(1, 10);
  for (ActivationKind kind : kAllKinds) {
    SCOPED_TRACE(activation_name(kind));
    Matrix y, dx;
    activation_forward(kind, x, y);
    activation_backward(kind, x, y, dy, dx);
    EXPECT_TRUE(y.allFinite());
    EXPECT_TRUE(dx.allFinite());
    EXPECT_FALSE(has_subnormal(y));
    EXPECT_FALSE(has_subnormal(dx));
  }
  EXPECT_EQ(sigmoid(-100.0f), 0.0f);
  EXPECT_EQ(sigmoid(100.0f), 1.0f);
  EXPECT_NEAR(sigmoid(-20.0f), 2.0611536e-9, 1e-15);
}

// relu(x) = (x < 0 ? 0 : x) on every lane of the SIMD loop and on the scalar tail (7 values): NaN
// stays NaN, as torch.relu, and the order of ReLU and max pooling does not change a value (model.cpp).
TEST(Activation, ReluKeepsNaNAndZeroesNegativesOnEveryLane) {
  Matrix x(1, 7);
  x << -2.0f, std::nanf(""), 3.0f, -0.5f, 0.0f, std::nanf(""), -1e-30f;
  Matrix y;
  activation_forward(ActivationKind::ReLU, x, y);
  EXPECT_EQ(y(0, 0), 0.0f);
  EXPECT_TRUE(std::isnan(y(0, 1)));
  EXPECT_EQ(y(0, 2), 3.0f);
  EXPECT_EQ(y(0, 3), 0.0f);
  EXPECT_EQ(y(0, 4), 0.0f);
  EXPECT_TRUE(std::isnan(y(0, 5)));
  EXPECT_EQ(y(0, 6), 0.0f);
}

TEST(Activation, ParseAcceptsEveryNameAndRoundTrips) {
  for (ActivationKind kind : kAllKinds) EXPECT_EQ(parse_activation(activation_name(kind), "p"), kind);
  EXPECT_EQ(parse_activation("gelu", "p"), ActivationKind::GELU);
  EXPECT_EQ(parse_activation("gelu_tanh", "p"), ActivationKind::GELUTanh);
}

TEST(Activation, ParseRejectsUnknownNameNamingThePath) {
  try {
    parse_activation("swish", "model.activation");
    FAIL() << "expected reglab::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "model.activation");
    const std::string m = e.message();
    EXPECT_NE(m.find("unknown activation 'swish'"), std::string::npos) << m;
    EXPECT_NE(m.find("expected one of: identity, relu, leaky_relu, tanh, sigmoid, gelu, gelu_tanh"),
              std::string::npos)
        << m;
  }
}

TEST(Activation, LayerHasNoParameters) {
  Activation layer(ActivationKind::ReLU);
  EXPECT_TRUE(layer.params().empty());
  EXPECT_TRUE(layer.buffers().empty());
  EXPECT_STREQ(layer.kind(), "activation");
  EXPECT_EQ(layer.activation(), ActivationKind::ReLU);
}

}  // namespace
}  // namespace reglab
