// Bias–variance decomposition of least-squares polynomial fits, against the NumPy float64
// reference (tolerance 1e-8 abs / 1e-6 rel: the computation must be in double).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "analysis/bias_variance.h"
#include "support/fixture.h"

namespace reglab {
namespace {

using testing::close;
using testing::Fixture;
using testing::load_fixture;

std::vector<double> to_doubles(const Json& j) {
  std::vector<double> v;
  for (const Json& e : j.as_array()) v.push_back(e.as_number());
  return v;
}

void expect_close(double actual, const Json& expected, const Fixture& f, const std::string& what) {
  EXPECT_TRUE(close(actual, expected.as_number(), f.abs_tol, f.rel_tol))
      << what << ": got " << actual << ", NumPy " << expected.as_number();
}

void expect_close(const std::vector<double>& actual, const Json& expected, const Fixture& f, const std::string& what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (size_t i = 0; i < actual.size(); ++i) expect_close(actual[i], expected[i], f, what + "[" + std::to_string(i) + "]");
}

struct Inputs {
  std::vector<std::vector<double>> xs, ys;
  std::vector<double> x_test, f_test;
  double sigma;
  explicit Inputs(const Fixture& f) {
    for (const Json& set : f.inputs()["train_sets"].as_array()) {
      xs.push_back(to_doubles(set["x"]));
      ys.push_back(to_doubles(set["y"]));
    }
    x_test = to_doubles(f.inputs()["x_test"]);
    for (double x : x_test) f_test.push_back(std::sin(2 * std::acos(-1.0) * x));
    sigma = f.inputs()["sigma"].as_number();
  }
};

TEST(BiasVariance, PolynomialFitsMatchNumPyForEveryDegree) {
  Fixture f = load_fixture("bias_variance");
  const Inputs in(f);
  expect_close(in.f_test, f.expected()["f_test"], f, "f_test");
  const Json& degrees = f.inputs()["degrees"];
  ASSERT_EQ(degrees.size(), f.expected()["by_degree"].size());
  for (size_t i = 0; i < degrees.size(); ++i) {
    const int degree = static_cast<int>(degrees[i].as_number());
    SCOPED_TRACE("degree " + std::to_string(degree));
    const Json& e = f.expected()["by_degree"][i];
    ASSERT_EQ(static_cast<int>(e["degree"].as_number()), degree);
    const BiasVarianceResult r = bias_variance_polynomial(degree, in.xs, in.ys, in.x_test, in.f_test, in.sigma);
    EXPECT_EQ(r.degree, degree);
    expect_close(r.bias2, e["bias2"], f, "bias2");
    expect_close(r.variance, e["variance"], f, "variance");
    expect_close(r.noise, e["noise"], f, "noise");
    expect_close(r.expected_error, e["expected_error"], f, "expected_error");
    expect_close(r.mse_vs_true, e["mse_vs_true"], f, "mse_vs_true");
    expect_close(r.mean_train_mse, e["mean_train_mse"], f, "mean_train_mse");
    expect_close(r.mean_prediction, e["mean_prediction"], f, "mean_prediction");
    expect_close(r.variance_per_point, e["variance_per_point"], f, "variance_per_point");
  }
}

TEST(BiasVariance, HighDegreeTradesBiasForVariance) {
  Fixture f = load_fixture("bias_variance");
  const Inputs in(f);
  const auto r1 = bias_variance_polynomial(1, in.xs, in.ys, in.x_test, in.f_test, in.sigma);
  const auto r3 = bias_variance_polynomial(3, in.xs, in.ys, in.x_test, in.f_test, in.sigma);
  const auto r9 = bias_variance_polynomial(9, in.xs, in.ys, in.x_test, in.f_test, in.sigma);
  EXPECT_GT(r1.bias2, r3.bias2) << "a line underfits a sine";
  EXPECT_GT(r9.variance, 5 * r3.variance) << "degree 9 chases the noise";
  EXPECT_LT(r9.mean_train_mse, r3.mean_train_mse) << "… while fitting the training sets better";
  EXPECT_LT(r3.expected_error, std::min(r1.expected_error, r9.expected_error)) << "the sweet spot";
}

TEST(BiasVariance, MseVsTrueIsBiasPlusVariance) {
  const std::vector<std::vector<double>> P = {{1.0, 2.0, -1.0}, {3.0, 0.0, 0.5}, {2.0, 1.0, 0.0}};
  const std::vector<double> f = {1.5, 1.0, 0.0};
  const BiasVarianceResult r = bias_variance_from_predictions(P, f, 0.5);
  EXPECT_EQ(r.degree, -1);
  EXPECT_NEAR(r.mse_vs_true, r.bias2 + r.variance, 1e-14);
  EXPECT_DOUBLE_EQ(r.noise, 0.25);
  EXPECT_DOUBLE_EQ(r.expected_error, r.bias2 + r.variance + 0.25);
  EXPECT_DOUBLE_EQ(r.mean_prediction[0], 2.0);
  EXPECT_DOUBLE_EQ(r.variance_per_point[0], 2.0 / 3.0) << "population variance: divide by K";
  EXPECT_TRUE(std::isnan(r.mean_train_mse)) << "unknown without training errors";
  EXPECT_DOUBLE_EQ(bias_variance_from_predictions(P, f, 0.5, {0.1, 0.2, 0.3}).mean_train_mse, 0.2);
  EXPECT_THROW(bias_variance_from_predictions({{1.0, 2.0}}, f, 0.5), std::invalid_argument);
  EXPECT_THROW(bias_variance_from_predictions({}, f, 0.5), std::invalid_argument);
}

TEST(PolynomialFit, RecoversAnExactPolynomial) {
  std::vector<double> x, y;
  for (int i = 0; i < 12; ++i) {
    x.push_back(i / 11.0);
    y.push_back(2.0 - 3.0 * x.back() + 0.5 * std::pow(x.back(), 3));
  }
  const PolynomialFit p = fit_polynomial(3, x, y);
  ASSERT_EQ(p.coef.size(), 4u);
  for (double t : {0.0, 0.37, 1.0, 1.5}) EXPECT_NEAR(p(t), 2.0 - 3.0 * t + 0.5 * t * t * t, 1e-10);
}

TEST(PolynomialFit, UnderdeterminedFitInterpolates) {
  const PolynomialFit p = fit_polynomial(4, {0.1, 0.5, 0.9}, {1.0, -1.0, 2.0});
  EXPECT_NEAR(p(0.1), 1.0, 1e-10);
  EXPECT_NEAR(p(0.5), -1.0, 1e-10);
  EXPECT_NEAR(p(0.9), 2.0, 1e-10);
  EXPECT_THROW(fit_polynomial(-1, {0.1}, {1.0}), std::invalid_argument);
}

}  // namespace
}  // namespace reglab
