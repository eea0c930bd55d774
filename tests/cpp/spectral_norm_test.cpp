// Spectral normalization: power iteration and backward against torch.nn.utils.spectral_norm,
// convergence to the largest singular value, and the Dense layer's use of it.
#include <gtest/gtest.h>

#include <Eigen/SVD>
#include <cmath>

#include "layers/dense.h"
#include "layers/spectral_norm.h"
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

Matrix uniform_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
  return m;
}

double largest_singular_value(const Matrix& W) {
  Eigen::JacobiSVD<MatrixD> svd(W.cast<double>());
  return svd.singularValues()(0);
}

Matrix* buffer(Dense& layer, const char* name) {
  for (auto& [n, m] : layer.buffers())
    if (std::string(n) == name) return m;
  return nullptr;
}

TEST(SpectralNorm, MatchesPyTorchForEachIterationCount) {
  auto f = load_fixture("spectral_norm");
  const Matrix W = to_matrix(f.inputs()["W"]), G = to_matrix(f.inputs()["dW_sn"]);
  const float eps = static_cast<float>(f.inputs()["eps"].as_number());
  const auto& cases = f.inputs()["cases"];
  ASSERT_EQ(cases.size(), f.expected()["cases"].size());
  for (size_t c = 0; c < cases.size(); ++c) {
    const int iterations = static_cast<int>(cases[c]["n_power_iterations"].as_number());
    const auto& e = f.expected()["cases"][c];
    const std::string tag = "case " + std::to_string(c) + ": ";
    Matrix u = to_matrix(f.inputs()["u0"]), v;
    const float sigma = spectral_norm_power_iteration(W, u, v, iterations, eps);
    expect_matches(u, e["u"], f, tag + "u");
    expect_matches(v, e["v"], f, tag + "v");
    expect_matches(sigma, e["sigma"], f, tag + "sigma");
    expect_matches(Matrix(W / sigma), e["W_sn"], f, tag + "W_sn");
    Matrix dW = Matrix::Zero(W.rows(), W.cols());
    spectral_norm_backward(G, W, u, v, sigma, dW);
    expect_matches(dW, e["dW"], f, tag + "dW");
  }
}

TEST(SpectralNorm, RepeatedSingleIterationsEqualOneLongRun) {
  auto f = load_fixture("spectral_norm");
  const Matrix W = to_matrix(f.inputs()["W"]);
  Matrix u1 = to_matrix(f.inputs()["u0"]), v1, u5 = u1, v5;
  float sigma1 = 0;
  for (int i = 0; i < 5; ++i) sigma1 = spectral_norm_power_iteration(W, u1, v1, 1);
  const float sigma5 = spectral_norm_power_iteration(W, u5, v5, 5);
  EXPECT_NEAR(sigma1, sigma5, 1e-6);
  EXPECT_TRUE(u1.isApprox(u5, 1e-5f));
  expect_matches(sigma5, f.expected()["cases"][1]["sigma"], f, "sigma after 5 x 1");
}

TEST(SpectralNorm, SigmaConvergesToLargestSingularValue) {
  auto f = load_fixture("spectral_norm");
  const Matrix W = to_matrix(f.inputs()["W"]);
  Matrix u = to_matrix(f.inputs()["u0"]), v;
  const float sigma = spectral_norm_power_iteration(W, u, v, 100);
  EXPECT_NEAR(sigma, f.expected()["sigma_exact"].as_number(), 1e-5);
  EXPECT_NEAR(sigma, largest_singular_value(W), 1e-5);

  Rng rng(5);
  const Matrix A = uniform_matrix(7, 5, rng);
  Matrix ua = uniform_matrix(1, 7, rng), va;
  const double exact = largest_singular_value(A);
  const float one = spectral_norm_power_iteration(A, ua, va, 1);
  EXPECT_LE(one, exact * (1 + 1e-6));  // a Rayleigh quotient never exceeds σ_max
  const float many = spectral_norm_power_iteration(A, ua, va, 200);
  EXPECT_NEAR(many, exact, 1e-4 * exact);
}

TEST(SpectralNorm, DenseLayerUsesPersistentU) {
  auto f = load_fixture("spectral_norm");
  const Matrix W = to_matrix(f.inputs()["W"]);
  Rng rng(2);
  Dense layer(static_cast<int>(W.cols()), static_cast<int>(W.rows()), Init::He, rng);
  layer.W = W;
  layer.enable_spectral_norm(1, rng);
  Matrix* u = buffer(layer, "u");
  ASSERT_NE(u, nullptr);
  *u = to_matrix(f.inputs()["u0"]);
  const Matrix x = Matrix::Identity(W.cols(), W.cols());  // y = W_snᵀ row by row (b = 0)
  Matrix y = layer.forward(x, Mode::Train, rng);
  const auto& e0 = f.expected()["cases"][0];
  expect_matches(layer.sigma(), e0["sigma"], f, "sigma after 1 training forward");
  expect_matches(Matrix(y.transpose()), e0["W_sn"], f, "W_sn after 1 training forward");
  for (int i = 0; i < 4; ++i) y = layer.forward(x, Mode::Train, rng);
  const auto& e1 = f.expected()["cases"][1];
  expect_matches(*u, e1["u"], f, "u after 5 training forwards");
  expect_matches(Matrix(y.transpose()), e1["W_sn"], f, "W_sn after 5 training forwards");
  EXPECT_NEAR(layer.effective_sigma(), 1.0, 1e-4);
}

TEST(SpectralNorm, DenseBackwardMatchesPyTorch) {
  auto f = load_fixture("spectral_norm");
  const Matrix W = to_matrix(f.inputs()["W"]), G = to_matrix(f.inputs()["dW_sn"]);
  Rng rng(2);
  Dense layer(static_cast<int>(W.cols()), static_cast<int>(W.rows()), Init::He, rng);
  layer.W = W;
  layer.enable_spectral_norm(5, rng);
  *buffer(layer, "u") = to_matrix(f.inputs()["u0"]);
  // With x = I, dW_sn = dyᵀ x = dyᵀ, so dy = Gᵀ gives the fixture's upstream gradient.
  const Matrix x = Matrix::Identity(W.cols(), W.cols());
  layer.forward(x, Mode::Train, rng);
  layer.backward(Matrix(G.transpose()));
  expect_matches(layer.dW, f.expected()["cases"][1]["dW"], f, "dW through spectral norm");
}

TEST(SpectralNorm, EvalModeKeepsUAndV) {
  Rng rng(4);
  Dense layer(5, 4, Init::He, rng);
  layer.enable_spectral_norm(1, rng);
  const Matrix x = uniform_matrix(3, 5, rng);
  layer.forward(x, Mode::Train, rng);
  const Matrix u = *buffer(layer, "u"), v = *buffer(layer, "v");
  const float sigma = layer.sigma();
  layer.forward(x, Mode::Eval, rng);
  EXPECT_EQ(*buffer(layer, "u"), u);
  EXPECT_EQ(*buffer(layer, "v"), v);
  EXPECT_FLOAT_EQ(layer.sigma(), sigma);
  layer.forward(x, Mode::Train, rng);
  EXPECT_NE(*buffer(layer, "u"), u);  // training iterates further
}

TEST(SpectralNorm, GradientsMatchFiniteDifferencesWithUAndVFixed) {
  Rng rng(8);
  Dense layer(4, 3, Init::He, rng);
  layer.b = uniform_matrix(1, 3, rng);
  layer.enable_spectral_norm(1, rng);
  Matrix x = uniform_matrix(5, 4, rng);
  // dL/dy = R partly aligned with x W_snᵀ, so that Σ G ⊙ W (the σ-term of dW) is far from 0.
  const Matrix y0 = layer.forward(x, Mode::Train, rng);
  const Matrix r = (y0.rowwise() - layer.b.row(0)) + 0.3f * projection(5, 3, 3);
  const Matrix dx = layer.backward(r);
  const Matrix dW = layer.dW, db = layer.db;
  // Evaluation-mode forwards reuse the u, v of the training forward, which is exactly the
  // function whose gradient torch (and we) compute: W ↦ W/(uᵀWv) with u, v constant.
  auto loss = [&] { return weighted_sum(layer.forward(x, Mode::Eval, rng), r); };
  expect_gradient(loss, x, dx, "dx");
  expect_gradient(loss, layer.W, dW, "dW");
  expect_gradient(loss, layer.b, db, "db");
}

TEST(SpectralNorm, KeepsEffectiveSigmaNearOneWhileSigmaTracksW) {
  Rng rng(10);
  Dense layer(20, 12, Init::He, rng);
  layer.W *= 3.0f;
  layer.enable_spectral_norm(1, rng);
  const Matrix x = uniform_matrix(4, 20, rng);
  for (int i = 0; i < 100; ++i) layer.forward(x, Mode::Train, rng);
  const double exact = largest_singular_value(layer.W);
  EXPECT_NEAR(layer.sigma(), exact, 1e-3 * exact);
  EXPECT_NEAR(layer.effective_sigma(), 1.0, 1e-3);
  EXPECT_GT(exact, 2.0);  // the raw weight is far from σ = 1: normalization does the work
}

TEST(SpectralNorm, EstimateStopsEarlyOnceConvergedAndAgreesWithTheFullIteration) {
  Rng rng(9);
  const Matrix A = uniform_matrix(64, 48, rng);
  const double exact = largest_singular_value(A);
  Matrix u = uniform_matrix(1, 64, rng), v;
  // From a random start: converges to σ_max within the tolerance the records need.
  const float cold = spectral_norm_estimate(A, u, v, 200, 1e-6f);
  EXPECT_NEAR(cold, exact, 1e-4 * exact);
  // Warm-started from the converged u after W changed a little (as between two epochs): the early
  // stop gives the σ of the full fixed-count iteration, to the precision the records need.
  Matrix B = A;
  B(3, 5) += 0.01f;
  Matrix u_full = u, v_full;
  const float full = spectral_norm_power_iteration(B, u_full, v_full, 30);
  const float warm = spectral_norm_estimate(B, u, v, 30, 1e-6f);
  EXPECT_NEAR(warm, full, 1e-4 * full);  // what the charts and records need
  EXPECT_NEAR(warm, largest_singular_value(B), 1e-4 * full);
  // One iteration allowed: it returns ‖W v‖ after that iteration (never above σ_max).
  Matrix u1 = uniform_matrix(1, 64, rng), v1;
  EXPECT_LE(spectral_norm_estimate(A, u1, v1, 1, 1e-6f), exact * (1 + 1e-5));
}

TEST(SpectralNorm, SigmaWithoutSpectralNormIsLargestSingularValue) {
  Rng rng(11);
  Dense layer(9, 6, Init::He, rng);
  EXPECT_FALSE(layer.spectral_norm_enabled());
  const double exact = largest_singular_value(layer.W);
  EXPECT_NEAR(layer.sigma(), exact, 1e-3 * exact);
  EXPECT_NEAR(layer.effective_sigma(), exact, 1e-3 * exact);
}

TEST(SpectralNorm, ZeroWeightsGiveNoNaN) {
  Rng rng(12);
  Dense layer(4, 3, Init::He, rng);
  layer.enable_spectral_norm(1, rng);
  layer.W.setZero();
  const Matrix x = uniform_matrix(2, 4, rng);
  const Matrix y = layer.forward(x, Mode::Train, rng);
  EXPECT_TRUE(y.allFinite());
  layer.backward(Matrix::Ones(2, 3));
  EXPECT_TRUE(layer.dW.allFinite());
  layer.W = uniform_matrix(3, 4, rng);  // weights come back: u must recover from 0
  for (int i = 0; i < 50; ++i) layer.forward(x, Mode::Train, rng);
  EXPECT_NEAR(layer.effective_sigma(), 1.0, 1e-3);
}

TEST(SpectralNorm, RejectsZeroIterations) {
  Rng rng(1);
  Dense layer(2, 2, Init::He, rng);
  try {
    layer.enable_spectral_norm(0, rng);
    FAIL() << "expected reglab::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "regularization.spectralIterations");
  }
}

}  // namespace
}  // namespace reglab
