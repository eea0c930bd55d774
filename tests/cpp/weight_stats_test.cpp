// Weight statistics: norm, sparsity and histogram over role-Weight parameters only.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "analysis/weight_stats.h"

namespace reglab {
namespace {

struct SmallModel {
  Matrix W1, b1, gamma, W2, b2, dW1, db1, dgamma, dW2, db2;
  SmallModel() {
    W1.resize(2, 3);
    W1 << 0.0f, 3.0f, -0.0f, 0.0f, -0.5f, 0.25f;
    W2.resize(1, 2);
    W2 << 4.0f, 0.0f;
    b1 = Matrix::Constant(1, 2, 100.0f);   // biases and norm params must not enter any statistic
    gamma = Matrix::Zero(1, 2);
    b2 = Matrix::Zero(1, 1);
    for (Matrix* g : {&dW1, &db1, &dgamma, &dW2, &db2}) g->setZero(1, 1);
  }
  std::vector<ParamRef> params() {
    return {{"W", ParamRole::Weight, &W1, &dW1, 0}, {"b", ParamRole::Bias, &b1, &db1, 0},
            {"gamma", ParamRole::NormScale, &gamma, &dgamma, 1}, {"W", ParamRole::Weight, &W2, &dW2, 2},
            {"b", ParamRole::Bias, &b2, &db2, 2}};
  }
};

TEST(WeightStats, L2NormIsFrobeniusOfAllWeightsTogether) {
  SmallModel m;
  const double expected = std::sqrt(9.0 + 0.25 + 0.0625 + 16.0);
  EXPECT_NEAR(weight_l2_norm(m.params()), expected, 1e-12);
}

TEST(WeightStats, ZeroFractionCountsExactZerosOfWeightsOnly) {
  SmallModel m;
  // W1 has 3 zeros (one is −0.0) of 6, W2 has 1 of 2; gamma/b2 zeros do not count.
  EXPECT_DOUBLE_EQ(zero_fraction(m.params()), 4.0 / 8.0);
  m.W2(0, 1) = 1e-30f;
  EXPECT_DOUBLE_EQ(zero_fraction(m.params()), 3.0 / 8.0) << "tiny is not zero";
  EXPECT_EQ(zero_fraction({}), 0.0);
}

TEST(WeightStats, HistogramBinsWeightsAndCountsExactZeros) {
  SmallModel m;
  const WeightHistogram h = histogram(m.params(), -1.0f, 1.0f, 4);   // bins of width 0.5
  ASSERT_EQ(h.counts.size(), 4u);
  EXPECT_EQ(h.total, 8);
  EXPECT_EQ(h.exact_zeros, 4);
  // −0.5 → bin 1 ([−0.5, 0)); 0 ×4 and 0.25 → bin 2 ([0, 0.5)); 3 and 4 clamp into bin 3.
  EXPECT_EQ(h.counts, (std::vector<int>{0, 1, 5, 2}));
  EXPECT_EQ(std::accumulate(h.counts.begin(), h.counts.end(), 0), h.total);
  EXPECT_EQ(h.lo, -1.0f);
  EXPECT_EQ(h.hi, 1.0f);
}

TEST(WeightStats, HistogramUpperEdgeFallsInLastBin) {
  Matrix W(1, 3), dW = Matrix::Zero(1, 3);
  W << -1.0f, 0.999f, 1.0f;
  const WeightHistogram h = histogram({{"W", ParamRole::Weight, &W, &dW, 0}}, -1.0f, 1.0f, 2);
  EXPECT_EQ(h.counts, (std::vector<int>{1, 2}));
}

TEST(WeightStats, AutoRangeIsSymmetricAroundZero) {
  SmallModel m;
  const WeightHistogram h = histogram(m.params(), 8);
  EXPECT_EQ(h.lo, -4.0f);
  EXPECT_EQ(h.hi, 4.0f);
  EXPECT_EQ(std::accumulate(h.counts.begin(), h.counts.end(), 0), 8);
  EXPECT_EQ(h.counts[7], 2) << "the last bin [3, 4] holds 3 and the largest weight, 4";
}

TEST(WeightStats, HistogramRejectsBadRange) {
  SmallModel m;
  EXPECT_THROW(histogram(m.params(), 1.0f, 1.0f, 4), std::invalid_argument);
  EXPECT_THROW(histogram(m.params(), -1.0f, 1.0f, 0), std::invalid_argument);
}

}  // namespace
}  // namespace reglab
