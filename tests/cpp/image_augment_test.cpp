#include "augment/image.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace reglab {
namespace {

Matrix random_images(int count, int h, int w, uint64_t seed) {
  Matrix m(count, h * w);
  Rng rng(seed);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform());
  return m;
}

// Centre of mass (row, col) of one image.
std::pair<double, double> centre_of_mass(const float* image, int h, int w) {
  double mass = 0, r_sum = 0, c_sum = 0;
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) mass += image[r * w + c], r_sum += r * image[r * w + c], c_sum += c * image[r * w + c];
  return {r_sum / mass, c_sum / mass};
}

TEST(ImageAugment, FlipTwiceIsTheIdentityAndFlipMirrorsColumns) {
  Matrix images = random_images(3, 5, 7, 1);
  Matrix flipped = images;
  flip_horizontal(flipped.row(1).data(), 5, 7);
  EXPECT_EQ(flipped(1, 2 * 7 + 0), images(1, 2 * 7 + 6));
  EXPECT_NE(flipped.row(1), images.row(1));
  flip_horizontal(flipped.row(1).data(), 5, 7);
  EXPECT_EQ(flipped, images);
}

TEST(ImageAugment, WholePixelShiftMovesMassExactly) {
  const int h = 6, w = 6;
  std::vector<float> src(h * w, 0.0f), dst(h * w, -1.0f);
  src[2 * w + 1] = 1.0f;
  src[3 * w + 2] = 0.5f;
  translate_image(src.data(), dst.data(), h, w, 2, 1);  // right 2, down 1
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) {
      float expected = (r == 3 && c == 3) ? 1.0f : (r == 4 && c == 4) ? 0.5f : 0.0f;
      EXPECT_EQ(dst[r * w + c], expected) << r << "," << c;
    }
}

TEST(ImageAugment, ShiftPastTheBorderFillsWithZero) {
  const int h = 4, w = 4;
  std::vector<float> src(h * w, 1.0f), dst(h * w);
  translate_image(src.data(), dst.data(), h, w, -1, 0);  // left by one: the last column is new
  for (int r = 0; r < h; ++r) {
    EXPECT_EQ(dst[r * w + 3], 0.0f);
    EXPECT_EQ(dst[r * w + 0], 1.0f);
  }
}

TEST(ImageAugment, RotationByNinetyDegreesIsCounterClockwise) {
  const int n = 5;
  std::vector<float> src(n * n, 0.0f), dst(n * n);
  src[0 * n + 4] = 1.0f;  // top right
  rotate_image(src.data(), dst.data(), n, n, 90.0);
  EXPECT_NEAR(dst[0 * n + 0], 1.0f, 1e-6f);  // → top left
  float total = 0;
  for (float v : dst) total += v;
  EXPECT_NEAR(total, 1.0f, 1e-5f);
}

TEST(ImageAugment, ZoomScalesDistancesFromTheCentre) {
  const int n = 5;
  std::vector<float> src(n * n, 0.0f), dst(n * n);
  src[2 * n + 3] = 1.0f;  // one pixel right of the centre
  scale_image(src.data(), dst.data(), n, n, 2.0);
  EXPECT_EQ(dst[2 * n + 4], 1.0f);  // two pixels right of the centre
  EXPECT_EQ(dst[2 * n + 3], 0.5f);  // halfway between centre and the pixel: bilinear
}

TEST(ImageAugment, RandomShiftMovesTheCentreOfMassByWholePixels) {
  const int h = 12, w = 12, count = 40;
  Matrix images = Matrix::Zero(count, h * w);
  for (int i = 0; i < count; ++i)
    for (int r = 5; r < 7; ++r)
      for (int c = 5; c < 7; ++c) images(i, r * w + c) = 1.0f;  // a 2×2 blob in the middle
  ImageAugSpec spec;
  spec.shift = 3;
  Rng rng(4);
  Matrix shifted = images;
  augment_images(shifted, h, w, spec, rng);
  int moved = 0;
  for (int i = 0; i < count; ++i) {
    auto [r0, c0] = centre_of_mass(images.row(i).data(), h, w);
    auto [r1, c1] = centre_of_mass(shifted.row(i).data(), h, w);
    EXPECT_NEAR(shifted.row(i).sum(), 4.0f, 1e-5f) << "mass is kept away from the border";
    EXPECT_LE(std::fabs(r1 - r0), 3.0 + 1e-9);
    EXPECT_NEAR(r1 - r0, std::round(r1 - r0), 1e-9);
    EXPECT_NEAR(c1 - c0, std::round(c1 - c0), 1e-9);
    moved += (r1 != r0 || c1 != c0);
  }
  EXPECT_GT(moved, count / 2);
}

TEST(ImageAugment, CutoutZeroesASquare) {
  const int h = 8, w = 8;
  std::vector<float> image(h * w, 1.0f);
  cutout(image.data(), h, w, 3, 4, 4);
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) EXPECT_EQ(image[r * w + c], (r >= 3 && r < 6 && c >= 3 && c < 6) ? 0.0f : 1.0f);
  std::vector<float> corner(h * w, 1.0f);
  cutout(corner.data(), h, w, 4, 0, 0);  // clipped to the 2×2 inside the image
  int zeros = 0;
  for (float v : corner) zeros += v == 0.0f;
  EXPECT_EQ(zeros, 4);
}

TEST(ImageAugment, RandomCutoutErasesOneClippedSquarePerImage) {
  const int h = 8, w = 8;
  Matrix images = Matrix::Ones(30, h * w);
  ImageAugSpec spec;
  spec.cutout = 3;
  Rng rng(5);
  augment_images(images, h, w, spec, rng);
  for (int i = 0; i < images.rows(); ++i) {
    int r_min = h, r_max = -1, c_min = w, c_max = -1, zeros = 0;
    for (int r = 0; r < h; ++r)
      for (int c = 0; c < w; ++c)
        if (images(i, r * w + c) == 0.0f) {
          ++zeros;
          r_min = std::min(r_min, r), r_max = std::max(r_max, r);
          c_min = std::min(c_min, c), c_max = std::max(c_max, c);
        }
    ASSERT_GT(zeros, 0);
    EXPECT_EQ(zeros, (r_max - r_min + 1) * (c_max - c_min + 1)) << "a rectangle";
    EXPECT_LE(r_max - r_min + 1, 3);
    EXPECT_LE(c_max - c_min + 1, 3);
  }
}

TEST(ImageAugment, BlurAveragesTheThreeByThreeNeighbourhood) {
  const int n = 5;
  std::vector<float> src(n * n, 0.0f), dst(n * n);
  src[2 * n + 2] = 9.0f;
  box_blur3(src.data(), dst.data(), n, n);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c)
      EXPECT_FLOAT_EQ(dst[r * n + c], (std::abs(r - 2) <= 1 && std::abs(c - 2) <= 1) ? 1.0f : 0.0f);
  std::vector<float> ones(n * n, 1.0f);
  box_blur3(ones.data(), dst.data(), n, n);
  EXPECT_FLOAT_EQ(dst[0], 1.0f);  // corners average only the pixels inside
}

TEST(ImageAugment, ContrastKeepsTheMeanAndBrightnessShiftsIt) {
  std::vector<float> image = {0.2f, 0.4f, 0.6f, 0.8f};
  adjust_contrast(image.data(), 4, 2.0f);
  EXPECT_FLOAT_EQ(image[0], -0.1f);
  EXPECT_FLOAT_EQ(image[3], 1.1f);
  adjust_brightness(image.data(), 4, 0.25f);
  EXPECT_FLOAT_EQ(image[1] + image[2], 1.5f);
}

TEST(ImageAugment, EveryTransformTogetherStaysInTheUnitRange) {
  Matrix images = random_images(20, 8, 8, 6);
  ImageAugSpec spec;
  spec.shift = 1;
  spec.flip = true;
  spec.rotate = 15;
  spec.scale = 0.1;
  spec.brightness = 0.5;
  spec.contrast = 0.5;
  spec.noise = 0.3;
  spec.blur = 0.5;
  spec.cutout = 2;
  Rng rng(7);
  Matrix original = images;
  augment_images(images, 8, 8, spec, rng);
  EXPECT_GE(images.minCoeff(), 0.0f);
  EXPECT_LE(images.maxCoeff(), 1.0f);
  for (int i = 0; i < 20; ++i) EXPECT_NE(images.row(i), original.row(i));
}

TEST(ImageAugment, SameSeedGivesTheSameResult) {
  ImageAugSpec spec;
  spec.rotate = 20;
  spec.noise = 0.1;
  spec.shift = 2;
  Matrix a = random_images(10, 8, 8, 8), b = a, c = a;
  Rng ra(11), rb(11), rc(12);
  augment_images(a, 8, 8, spec, ra);
  augment_images(b, 8, 8, spec, rb);
  augment_images(c, 8, 8, spec, rc);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(ImageAugment, ProbabilityIsTheChanceAnImageIsAugmented) {
  ImageAugSpec spec;
  spec.noise = 0.1;
  spec.probability = 0;
  Matrix images = random_images(10, 4, 4, 9), copy = images;
  Rng rng(1);
  augment_images(copy, 4, 4, spec, rng);
  EXPECT_EQ(copy, images);

  spec.probability = 0.3;
  Matrix many = random_images(2000, 4, 4, 10), before = many;
  augment_images(many, 4, 4, spec, rng);
  int changed = 0;
  for (int i = 0; i < many.rows(); ++i) changed += many.row(i) != before.row(i);
  EXPECT_NEAR(changed / 2000.0, 0.3, 0.04);
}

}  // namespace
}  // namespace reglab
