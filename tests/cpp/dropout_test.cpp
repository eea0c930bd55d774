// Inverted dropout: PyTorch's mask and scaling, train/eval behaviour, mask reuse in backward.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "layers/dropout.h"
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

Matrix uniform_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng, double lo = 0.5, double hi = 2.0) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform(lo, hi));
  return m;
}

TEST(Dropout, MatchesPyTorchWithItsMask) {
  auto f = load_fixture("dropout");
  const Matrix x = to_matrix(f.inputs()["x"]), dy = to_matrix(f.inputs()["dy"]);
  const Matrix mask = to_matrix(f.inputs()["keep_mask"]);
  const float p = static_cast<float>(f.inputs()["p"].as_number());
  Matrix y, dx;
  dropout_forward(x, mask, p, y);
  dropout_backward(dy, mask, p, dx);
  expect_matches(y, f.expected()["train_y"], f, "train_y");
  expect_matches(dx, f.expected()["train_dx"], f, "train_dx");

  Rng rng(1);
  Dropout layer(p);
  expect_matches(layer.forward(x, Mode::Eval, rng), f.expected()["eval_y"], f, "eval_y");
  expect_matches(layer.backward(dy), f.expected()["eval_dx"], f, "eval_dx");
}

TEST(Dropout, EvalModeIsIdentity) {
  Rng rng(2);
  Dropout layer(0.5f);
  const Matrix x = uniform_matrix(8, 6, rng), dy = uniform_matrix(8, 6, rng);
  EXPECT_EQ(layer.forward(x, Mode::Eval, rng), x);
  EXPECT_EQ(layer.backward(dy), dy);
}

TEST(Dropout, TrainModeDiffersBetweenPasses) {
  Rng rng(3);
  Dropout layer(0.5f);
  const Matrix x = uniform_matrix(8, 6, rng);
  const Matrix first = layer.forward(x, Mode::Train, rng);
  const Matrix second = layer.forward(x, Mode::Train, rng);
  EXPECT_NE(first, second);
  EXPECT_NE(first, x);
}

TEST(Dropout, KeepsAboutOneMinusPOfUnits) {
  Rng rng(4);
  const float p = 0.3f;
  Dropout layer(p);
  const Matrix x = Matrix::Ones(200, 100);
  const Matrix y = layer.forward(x, Mode::Train, rng);
  const double kept = (y.array() != 0.0f).cast<double>().sum() / static_cast<double>(y.size());
  EXPECT_NEAR(kept, 1.0 - p, 0.015);  // 20000 units: std of the fraction is 0.003
  // Survivors are scaled by 1/(1 − p), so the mean activation is preserved.
  EXPECT_NEAR(y.cast<double>().mean(), 1.0, 0.03);
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (y.data()[i] != 0.0f) {
      ASSERT_FLOAT_EQ(y.data()[i], 1.0f / (1.0f - p));
    }
  }
  EXPECT_EQ(layer.keep_mask().sum(), (y.array() != 0.0f).cast<float>().sum());
}

TEST(Dropout, BackwardUsesForwardMask) {
  Rng rng(5);
  const float p = 0.4f;
  Dropout layer(p);
  const Matrix x = uniform_matrix(10, 7, rng), dy = uniform_matrix(10, 7, rng);
  const Matrix y = layer.forward(x, Mode::Train, rng);
  const Matrix dx = layer.backward(dy);
  int dropped = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const bool kept = y.data()[i] != 0.0f;  // x > 0 everywhere, so y = 0 exactly where dropped
    dropped += !kept;
    EXPECT_FLOAT_EQ(dx.data()[i], kept ? dy.data()[i] / (1.0f - p) : 0.0f);
  }
  EXPECT_GT(dropped, 0);
  // A second backward still uses the same mask (no new draw).
  EXPECT_EQ(layer.backward(dy), dx);
}

TEST(Dropout, GradientMatchesFiniteDifferences) {
  Rng data_rng(6);
  Matrix x = uniform_matrix(5, 4, data_rng, -1.0, 1.0);
  const Matrix r = projection(5, 4, 9);
  Dropout layer(0.3f);
  // Each forward reseeds, so every evaluation of the loss uses the same mask.
  auto forward = [&] {
    Rng rng(77);
    return layer.forward(x, Mode::Train, rng);
  };
  forward();
  const Matrix dx = layer.backward(r);
  auto loss = [&] { return weighted_sum(forward(), r); };
  expect_gradient(loss, x, dx, "dx");
  EXPECT_GT((dx.array() == 0.0f).count(), 0);
}

TEST(Dropout, BulkDrawsEqualSequentialDraws) {
  // The mask draws come from Rng::generate_u32: exactly the outputs (and final state) of next_u32().
  for (size_t n : {0u, 1u, 3u, 4u, 5u, 17u, 1000u}) {
    Rng bulk(11, 3), one(11, 3);
    std::vector<uint32_t> got(n);
    bulk.generate_u32(n, [&](size_t i, uint32_t r) { got[i] = r; });
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(got[i], one.next_u32()) << "draw " << i << " of " << n;
    EXPECT_EQ(bulk.next_u32(), one.next_u32());
  }
}

TEST(Dropout, MaskDropsWithProbabilityPFromHalfADrawPerUnit) {
  // Units 2k and 2k+1 are dropped exactly when the low / high 16 bits of the k-th 32-bit draw are
  // below ⌊p·2¹⁶⌋; an odd count uses the low half of one last draw (7 × 9 = 63 units, 32 draws).
  const float p = 0.3f;
  Rng rng(12), replay(12);
  Dropout layer(p);
  const Matrix x = Matrix::Ones(7, 9);
  layer.forward(x, Mode::Train, rng);
  const uint32_t drop_below = static_cast<uint32_t>(std::floor(static_cast<double>(p) * 65536.0));
  uint32_t r = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (i % 2 == 0) r = replay.next_u32();
    const uint32_t half = i % 2 == 0 ? (r & 0xffffu) : (r >> 16);
    ASSERT_EQ(layer.keep_mask().data()[i], half >= drop_below ? 1.0f : 0.0f) << i;
  }
  EXPECT_EQ(rng.next_u32(), replay.next_u32());
}

TEST(Dropout, ZeroProbabilityIsIdentityAndDrawsNothing) {
  Rng rng(8), untouched(8);
  Dropout layer(0.0f);
  const Matrix x = uniform_matrix(4, 4, rng);
  untouched = rng;
  EXPECT_EQ(layer.forward(x, Mode::Train, rng), x);
  EXPECT_EQ(rng.next_u32(), untouched.next_u32());
  const Matrix dy = uniform_matrix(4, 4, rng);
  EXPECT_EQ(layer.backward(dy), dy);
}

TEST(Dropout, ProbabilityOneDropsEverythingWithoutNaN) {
  Rng rng(9);
  Dropout layer(1.0f);
  const Matrix x = uniform_matrix(3, 3, rng);
  const Matrix y = layer.forward(x, Mode::Train, rng);
  EXPECT_TRUE(y.allFinite());
  EXPECT_EQ(y.cwiseAbs().maxCoeff(), 0.0f);
  EXPECT_TRUE(layer.backward(x).allFinite());
}

TEST(Dropout, SetPValidatesAndUpdates) {
  Dropout layer(0.1f);
  EXPECT_FLOAT_EQ(layer.p(), 0.1f);
  layer.set_p(0.6f);
  EXPECT_FLOAT_EQ(layer.p(), 0.6f);
  EXPECT_THROW(layer.set_p(-0.1f), Error);
  EXPECT_THROW(layer.set_p(1.5f), Error);
  EXPECT_THROW(Dropout(std::nanf("")), Error);
  EXPECT_STREQ(layer.kind(), "dropout");
  EXPECT_TRUE(layer.params().empty());
}

}  // namespace
}  // namespace reglab
