#include "augment/mixup.h"

#include <gtest/gtest.h>

#include <cmath>

#include "support/fixture.h"

namespace reglab {
namespace {

using testing::expect_matches;
using testing::load_fixture;
using testing::to_ints;
using testing::to_matrix;

Matrix one_hot(const std::vector<int>& labels, int classes) {
  Matrix m = Matrix::Zero(static_cast<Eigen::Index>(labels.size()), classes);
  for (size_t i = 0; i < labels.size(); ++i) m(static_cast<Eigen::Index>(i), labels[i]) = 1.0f;
  return m;
}

TEST(Mixup, MatchesThePyTorchFixture) {
  auto f = load_fixture("mixup");
  const auto& in = f.inputs();
  Matrix x = to_matrix(in["x"]);
  Matrix targets = one_hot(to_ints(in["labels"]), static_cast<int>(in["num_classes"].as_number()));
  Matrix x_mixed, y_mixed;
  mixup(x, targets, static_cast<float>(in["lam"].as_number()), to_ints(in["perm"]), x_mixed, y_mixed);
  expect_matches(x_mixed, f.expected()["x_mixed"], f, "x_mixed");
  expect_matches(y_mixed, f.expected()["y_mixed"], f, "y_mixed");

  // The loss part of the fixture: soft-target cross-entropy of the given logits against ỹ.
  Matrix logits = to_matrix(in["logits"]);
  const Eigen::Index batch = logits.rows();
  double loss = 0;
  Matrix dlogits(batch, logits.cols());
  for (Eigen::Index i = 0; i < batch; ++i) {
    double max = logits.row(i).maxCoeff(), sum = 0;
    for (Eigen::Index k = 0; k < logits.cols(); ++k) sum += std::exp(logits(i, k) - max);
    for (Eigen::Index k = 0; k < logits.cols(); ++k) {
      double log_p = logits(i, k) - max - std::log(sum);
      loss -= y_mixed(i, k) * log_p;
      dlogits(i, k) = static_cast<float>((std::exp(log_p) - y_mixed(i, k)) / batch);
    }
  }
  expect_matches(loss / batch, f.expected()["loss"], f, "loss");
  expect_matches(dlogits, f.expected()["dlogits"], f, "dlogits");
}

TEST(Mixup, LambdaOneLeavesTheBatchUnchanged) {
  Matrix x = Matrix::Random(5, 3), targets = one_hot({0, 1, 2, 1, 0}, 3), x_out, t_out;
  mixup(x, targets, 1.0f, {4, 3, 2, 1, 0}, x_out, t_out);
  EXPECT_EQ(x_out, x);
  EXPECT_EQ(t_out, targets);
}

TEST(Mixup, MixedTargetsStayDistributions) {
  Matrix x = Matrix::Random(6, 2), targets = one_hot({0, 1, 2, 1, 0, 2}, 3), x_out, t_out;
  Rng rng(2);
  mixup(x, targets, sample_mix_lambda(0.4, rng), rng.permutation(6), x_out, t_out);
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(t_out.row(i).sum(), 1.0f, 1e-6f);
  EXPECT_GE(t_out.minCoeff(), 0.0f);
}

TEST(Mixup, BetaSamplerHasMeanOneHalfAndVarianceOneOverFourTwoAlphaPlusOne) {
  Rng rng(42);
  for (double alpha : {0.2, 1.0, 2.0}) {
    const int draws = 40000;
    double sum = 0, sq = 0;
    for (int k = 0; k < draws; ++k) {
      double lam = sample_mix_lambda(alpha, rng);
      ASSERT_GE(lam, 0.0);
      ASSERT_LE(lam, 1.0);
      sum += lam, sq += lam * lam;
    }
    double mean = sum / draws, var = sq / draws - mean * mean;
    EXPECT_NEAR(mean, 0.5, 0.01) << alpha;
    EXPECT_NEAR(var, 1.0 / (4 * (2 * alpha + 1)), 0.05 / (4 * (2 * alpha + 1))) << alpha;
  }
}

TEST(Mixup, AlphaZeroMeansNoMixing) {
  Rng rng(1);
  EXPECT_EQ(sample_mix_lambda(0.0, rng), 1.0f);
}

}  // namespace
}  // namespace reglab
