#include "augment/cutmix.h"

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

TEST(CutMix, MatchesThePyTorchFixture) {
  auto f = load_fixture("cutmix");
  const auto& in = f.inputs();
  const int h = static_cast<int>(in["height"].as_number()), w = static_cast<int>(in["width"].as_number());
  Matrix images = to_matrix(in["images"]);
  Matrix targets = one_hot(to_ints(in["labels"]), static_cast<int>(in["num_classes"].as_number()));
  const auto& b = in["box"];
  CutMixBox box{static_cast<int>(b["y0"].as_number()), static_cast<int>(b["y1"].as_number()),
                static_cast<int>(b["x0"].as_number()), static_cast<int>(b["x1"].as_number())};
  Matrix mixed, y_mixed;
  float lam = cutmix(images, h, w, targets, to_ints(in["perm"]), box, mixed, y_mixed);
  expect_matches(mixed, f.expected()["images_mixed"], f, "images_mixed");
  expect_matches(lam, f.expected()["lam_adjusted"], f, "lam_adjusted");
  expect_matches(y_mixed, f.expected()["y_mixed"], f, "y_mixed");
}

TEST(CutMix, BoxHasTheRequestedAreaUnlessClippedAndStaysInside) {
  Rng rng(3);
  const int h = 8, w = 8;
  int unclipped = 0, clipped = 0;
  for (int k = 0; k < 500; ++k) {
    float lam = static_cast<float>(rng.uniform());
    CutMixBox box = cutmix_box(h, w, lam, rng);
    ASSERT_LE(0, box.y0);
    ASSERT_LE(box.y0, box.y1);
    ASSERT_LE(box.y1, h);
    ASSERT_LE(0, box.x0);
    ASSERT_LE(box.x0, box.x1);
    ASSERT_LE(box.x1, w);
    const int side_h = static_cast<int>(std::lround(h * std::sqrt(1 - lam)));
    const int side_w = static_cast<int>(std::lround(w * std::sqrt(1 - lam)));
    const int area = (box.y1 - box.y0) * (box.x1 - box.x0);
    if (box.y1 - box.y0 == side_h && box.x1 - box.x0 == side_w) {
      ++unclipped;
      EXPECT_NEAR(area, (1 - lam) * h * w, 0.5 * (h + w) + 1);  // rounding of the sides
    } else {
      ++clipped;
      EXPECT_LT(area, side_h * side_w);
    }
  }
  EXPECT_GT(unclipped, 50);
  EXPECT_GT(clipped, 50);
}

TEST(CutMix, AdjustedLambdaIsTheKeptFractionAndMixesTheTargets) {
  Matrix images = Matrix::Zero(2, 16);
  images.row(1).setOnes();
  Matrix targets = one_hot({0, 1}, 2), mixed, y_mixed;
  CutMixBox box{1, 3, 0, 3};  // 2 × 3 = 6 of 16 pixels
  float lam = cutmix(images, 4, 4, targets, {1, 0}, box, mixed, y_mixed);
  EXPECT_FLOAT_EQ(lam, 1.0f - 6.0f / 16.0f);
  EXPECT_FLOAT_EQ(mixed.row(0).sum(), 6.0f);
  EXPECT_FLOAT_EQ(mixed.row(1).sum(), 10.0f);
  EXPECT_FLOAT_EQ(y_mixed(0, 0), lam);
  EXPECT_FLOAT_EQ(y_mixed(0, 1), 1.0f - lam);
}

TEST(CutMix, LambdaOneGivesAnEmptyBox) {
  Rng rng(1);
  CutMixBox box = cutmix_box(8, 8, 1.0f, rng);
  EXPECT_EQ((box.y1 - box.y0) * (box.x1 - box.x0), 0);
  Matrix images = Matrix::Random(3, 64), targets = one_hot({0, 1, 2}, 3), mixed, y_mixed;
  EXPECT_EQ(cutmix(images, 8, 8, targets, {2, 0, 1}, box, mixed, y_mixed), 1.0f);
  EXPECT_EQ(mixed, images);
  EXPECT_EQ(y_mixed, targets);
}

}  // namespace
}  // namespace reglab
