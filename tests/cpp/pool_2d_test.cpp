// Max, average and global average pooling: PyTorch's forward and backward (odd sizes in floor
// mode, overlapping windows, ties after a ReLU), finite differences, and the window errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "layers/avg_pool_2d.h"
#include "layers/global_avg_pool.h"
#include "layers/max_pool_2d.h"
#include "reglab/error.h"
#include "support/fixture.h"
#include "support/gradcheck.h"

namespace reglab {
namespace {

using testing::expect_gradient;
using testing::expect_matches;
using testing::load_fixture;
using testing::projection;
using testing::to_ints;
using testing::to_matrix;
using testing::uniform_matrix;
using testing::weighted_sum;

ImageShape image_shape(const testing::Fixture& f) {
  const std::vector<int> s = to_ints(f.inputs()["image_shape"]);
  return {s[0], s[1], s[2]};
}

Pool2DGeometry fixture_geometry(const testing::Fixture& f) {
  return pool2d_geometry(image_shape(f), static_cast<int>(f.inputs()["kernel"].as_number()),
                         static_cast<int>(f.inputs()["stride"].as_number()), "pool");
}

template <typename Pool>
void expect_pool_matches_pytorch(const std::string& name) {
  SCOPED_TRACE(name);
  auto f = load_fixture(name);
  Pool layer(fixture_geometry(f));
  Rng rng(1);
  expect_matches(layer.forward(to_matrix(f.inputs()["x"]), Mode::Train, rng), f.expected()["y"], f, "y");
  expect_matches(layer.backward(to_matrix(f.inputs()["dy"])), f.expected()["dx"], f, "dx");
}

TEST(MaxPool2D, FloorModeOnOddImageMatchesPyTorch) { expect_pool_matches_pytorch<MaxPool2D>("max_pool2d"); }
TEST(MaxPool2D, TiesSendTheGradientToTheFirstMaximumLikePyTorch) {
  expect_pool_matches_pytorch<MaxPool2D>("max_pool2d_ties");
}
TEST(MaxPool2D, OverlappingWindowsMatchPyTorch) { expect_pool_matches_pytorch<MaxPool2D>("max_pool2d_overlap"); }
TEST(AvgPool2D, FloorModeOnOddImageMatchesPyTorch) { expect_pool_matches_pytorch<AvgPool2D>("avg_pool2d"); }
TEST(AvgPool2D, OverlappingWindowsMatchPyTorch) { expect_pool_matches_pytorch<AvgPool2D>("avg_pool2d_overlap"); }

TEST(GlobalAvgPool, MatchesPyTorch) {
  auto f = load_fixture("global_avg_pool");
  GlobalAvgPool layer(image_shape(f));
  Rng rng(1);
  expect_matches(layer.forward(to_matrix(f.inputs()["x"]), Mode::Train, rng), f.expected()["y"], f, "y");
  expect_matches(layer.backward(to_matrix(f.inputs()["dy"])), f.expected()["dx"], f, "dx");
}

TEST(MaxPool2D, OddLastRowAndColumnAreIgnoredAndGetNoGradient) {
  const Pool2DGeometry g = pool2d_geometry({1, 5, 7}, 2, 2, "pool");
  EXPECT_EQ(g.out_h, 2);
  EXPECT_EQ(g.out_w, 3);
  Matrix x = Matrix::Zero(1, 35);
  x(0, 4 * 7 + 3) = 100.0f;  // last row: outside every window
  x(0, 0 * 7 + 6) = 50.0f;   // last column
  MaxPool2D layer(g);
  Rng rng(1);
  EXPECT_EQ(layer.forward(x, Mode::Train, rng).maxCoeff(), 0.0f);
  const Matrix& dx = layer.backward(Matrix::Ones(1, 6));
  EXPECT_EQ(dx(0, 4 * 7 + 3), 0.0f);
  EXPECT_EQ(dx(0, 6), 0.0f);
  EXPECT_EQ(dx.sum(), 6.0f);
}

// The 2×2 backward writes every value of dx itself (no zeroing first): a reused buffer full of
// stale values, the uncovered last row and column included, comes back exact.
TEST(MaxPool2D, TwoByTwoBackwardOverwritesAStaleBuffer) {
  const Pool2DGeometry g = pool2d_geometry({2, 5, 7}, 2, 2, "pool");
  Rng rng(3);
  const Matrix x = uniform_matrix(3, 70, rng), dy = uniform_matrix(3, 12, rng);
  Matrix y, fresh, stale = Matrix::Constant(3, 70, 7.0f);
  std::vector<int32_t> argmax;
  max_pool_2d_forward(x, g, y, argmax);
  max_pool_2d_backward(dy, g, argmax, fresh);
  max_pool_2d_backward(dy, g, argmax, stale);
  EXPECT_EQ(fresh, stale);
  for (int n = 0; n < 3; ++n)
    for (int k = 0; k < 12; ++k) EXPECT_EQ(fresh(n, argmax[n * 12 + k]), dy(n, k));
  EXPECT_FLOAT_EQ(fresh.sum(), dy.sum());
}

// Distinct values, at least 0.05 apart, so a ±0.01 step never changes which pixel wins.
Matrix distinct_values(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  std::vector<int> order = rng.permutation(static_cast<int>(rows * cols));
  Matrix x(rows, cols);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = 0.05f * static_cast<float>(order[i]) - 1.0f;
  return x;
}

template <typename Pool>
void expect_pool_gradient(const Pool2DGeometry& g) {
  Rng rng(2);
  Pool layer(g);
  Matrix x = distinct_values(2, g.in.size(), rng);
  const Matrix r = projection(2, g.out().size(), 3);
  auto loss = [&] { return weighted_sum(layer.forward(x, Mode::Train, rng), r); };
  loss();
  const Matrix dx = layer.backward(r);
  expect_gradient(loss, x, dx, "dx");
}

TEST(MaxPool2D, GradientMatchesFiniteDifferences) {
  expect_pool_gradient<MaxPool2D>(pool2d_geometry({2, 5, 7}, 2, 2, "pool"));
  expect_pool_gradient<MaxPool2D>(pool2d_geometry({2, 7, 6}, 3, 2, "pool"));
}

TEST(AvgPool2D, GradientMatchesFiniteDifferences) {
  expect_pool_gradient<AvgPool2D>(pool2d_geometry({2, 5, 7}, 2, 2, "pool"));
  expect_pool_gradient<AvgPool2D>(pool2d_geometry({2, 7, 6}, 3, 1, "pool"));
}

TEST(GlobalAvgPool, GradientMatchesFiniteDifferences) {
  Rng rng(2);
  const ImageShape s{3, 4, 5};
  GlobalAvgPool layer(s);
  Matrix x = distinct_values(2, s.size(), rng);
  const Matrix r = projection(2, 3, 3);
  auto loss = [&] { return weighted_sum(layer.forward(x, Mode::Train, rng), r); };
  loss();
  const Matrix dx = layer.backward(r);
  expect_gradient(loss, x, dx, "dx");
}

TEST(MaxPool2D, NaNPropagates) {
  Matrix x = Matrix::Zero(1, 16);
  x(0, 5) = std::nanf("");
  MaxPool2D layer(pool2d_geometry({1, 4, 4}, 2, 2, "pool"));
  Rng rng(1);
  const Matrix& y = layer.forward(x, Mode::Train, rng);
  EXPECT_TRUE(std::isnan(y(0, 0)));
  EXPECT_EQ(y(0, 1), 0.0f);
}

TEST(Pool2D, WindowLargerThanImageNamesTheField) {
  try {
    pool2d_geometry({4, 3, 3}, 4, 4, "model.conv[2]");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "model.conv[2].pool");
    EXPECT_NE(std::string(e.what()).find("below 1×1"), std::string::npos) << e.what();
  }
  EXPECT_THROW(pool2d_geometry({4, 8, 8}, 2, 3, "model.conv[0]"), Error);  // stride beyond the window
}

}  // namespace
}  // namespace reglab
