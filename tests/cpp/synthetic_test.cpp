#include "data/synthetic.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "reglab/assemble.h"
#include "reglab/error.h"
#include "reglab/spec.h"

namespace reglab {
namespace {

constexpr double kPi = 3.14159265358979323846;

Dataset generate(const std::string& kind, int n, double noise, int classes, uint64_t seed) {
  DataSpec spec;
  spec.kind = kind;
  spec.n = n;
  spec.noise = noise;
  spec.classes = classes;
  Rng rng(seed);
  return make_synthetic(spec, rng);
}

std::vector<int> class_counts(const Dataset& d) {
  std::vector<int> counts(d.num_classes, 0);
  for (int label : d.labels) counts.at(label)++;
  return counts;
}

const char* const kKinds[] = {"moons", "circles", "spiral", "xor", "gaussians", "sine"};

TEST(Synthetic, SameSeedGivesIdenticalData) {
  for (const char* kind : kKinds) {
    Dataset a = generate(kind, 150, 0.2, 3, 7), b = generate(kind, 150, 0.2, 3, 7);
    EXPECT_EQ(a.x, b.x) << kind;
    EXPECT_EQ(a.labels, b.labels) << kind;
    EXPECT_EQ(a.y, b.y) << kind;
  }
}

TEST(Synthetic, DifferentSeedGivesDifferentData) {
  for (const char* kind : kKinds) {
    Dataset a = generate(kind, 150, 0.2, 3, 7), b = generate(kind, 150, 0.2, 3, 8);
    EXPECT_NE(a.x, b.x) << kind;
  }
}

TEST(Synthetic, ClassesAreBalancedAsScikitLearnSplitsThem) {
  EXPECT_EQ(class_counts(generate("moons", 101, 0.1, 2, 1)), (std::vector<int>{51, 50}));
  EXPECT_EQ(class_counts(generate("circles", 100, 0.1, 2, 1)), (std::vector<int>{50, 50}));
  EXPECT_EQ(class_counts(generate("xor", 7, 0.1, 2, 1)), (std::vector<int>{4, 3}));
  EXPECT_EQ(class_counts(generate("spiral", 101, 0.1, 3, 1)), (std::vector<int>{34, 34, 33}));
  EXPECT_EQ(class_counts(generate("gaussians", 102, 0.1, 4, 1)), (std::vector<int>{26, 26, 25, 25}));
}

TEST(Synthetic, SamplesComeOutShuffled) {
  Dataset d = generate("moons", 200, 0.0, 2, 3);
  int first_half_class1 = 0;
  for (int i = 0; i < 100; ++i) first_half_class1 += d.labels[i];
  EXPECT_GT(first_half_class1, 20);
  EXPECT_LT(first_half_class1, 80);
}

TEST(Synthetic, MoonsWithoutNoiseLieOnTheTwoArcs) {
  Dataset d = generate("moons", 200, 0.0, 2, 5);
  ASSERT_EQ(d.rows(), 200);
  ASSERT_EQ(d.features(), 2);
  for (int i = 0; i < d.rows(); ++i) {
    // Undo the documented shift (−0.5, −0.25) to scikit-learn's coordinates.
    double x = d.x(i, 0) + 0.5, y = d.x(i, 1) + 0.25;
    if (d.labels[i] == 0) {  // upper arc: centre (0, 0), radius 1, y ≥ 0
      EXPECT_NEAR(x * x + y * y, 1.0, 1e-5) << i;
      EXPECT_GE(y, -1e-6) << i;
    } else {  // lower arc: centre (1, 0.5), radius 1, y ≤ 0.5
      EXPECT_NEAR((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5), 1.0, 1e-5) << i;
      EXPECT_LE(y, 0.5 + 1e-6) << i;
    }
  }
  EXPECT_NEAR(d.x.col(0).minCoeff(), -1.5, 1e-6);
  EXPECT_NEAR(d.x.col(0).maxCoeff(), 1.5, 1e-6);
  EXPECT_NEAR(d.x.col(1).minCoeff(), -0.75, 1e-3);  // no sample sits exactly at t = π/2
  EXPECT_NEAR(d.x.col(1).maxCoeff(), 0.75, 1e-3);
}

TEST(Synthetic, CirclesWithoutNoiseHaveRadiusOneAndOneHalf) {
  Dataset d = generate("circles", 100, 0.0, 2, 5);
  for (int i = 0; i < d.rows(); ++i) {
    double r = std::hypot(d.x(i, 0), d.x(i, 1));
    EXPECT_NEAR(r, d.labels[i] == 0 ? 1.0 : 0.5, 1e-6) << i;
  }
}

TEST(Synthetic, XorLabelsFollowTheQuadrantsWithoutNoise) {
  Dataset d = generate("xor", 200, 0.0, 2, 9);
  for (int i = 0; i < d.rows(); ++i) {
    EXPECT_LE(std::fabs(d.x(i, 0)), 1.0f);
    EXPECT_GE(std::fabs(d.x(i, 0)), 0.05f - 1e-6f);
    EXPECT_EQ(d.labels[i], d.x(i, 0) * d.x(i, 1) > 0 ? 0 : 1) << i;
  }
}

TEST(Synthetic, GaussiansAreCentredOnTheUnitCircle) {
  const int classes = 3;
  Dataset d = generate("gaussians", 3000, 0.2, classes, 11);
  for (int k = 0; k < classes; ++k) {
    double sx = 0, sy = 0, sxx = 0;
    int count = 0;
    for (int i = 0; i < d.rows(); ++i)
      if (d.labels[i] == k) sx += d.x(i, 0), sy += d.x(i, 1), sxx += d.x(i, 0) * d.x(i, 0), ++count;
    double mx = sx / count, my = sy / count;
    EXPECT_NEAR(mx, std::cos(2 * kPi * k / classes), 0.03) << k;
    EXPECT_NEAR(my, std::sin(2 * kPi * k / classes), 0.03) << k;
    EXPECT_NEAR(std::sqrt(sxx / count - mx * mx), 0.2, 0.02) << k;
  }
}

TEST(Synthetic, SpiralArmsStayInsideTheUnitDiscWithoutNoise) {
  Dataset d = generate("spiral", 300, 0.0, 3, 2);
  EXPECT_EQ(d.num_classes, 3);
  float max_radius = 0;
  for (int i = 0; i < d.rows(); ++i) max_radius = std::max(max_radius, std::hypot(d.x(i, 0), d.x(i, 1)));
  EXPECT_NEAR(max_radius, 1.0f, 1e-5f);
}

TEST(Synthetic, SineTargetsAreSinePlusNoiseOfTheGivenStd) {
  Rng rng(3);
  Dataset clean = make_sine(500, 0.0, rng);
  EXPECT_EQ(clean.num_classes, 0);
  ASSERT_EQ(clean.x.rows(), 500);
  ASSERT_EQ(clean.x.cols(), 1);
  ASSERT_EQ(clean.y.rows(), 500);
  ASSERT_EQ(clean.y.cols(), 1);
  EXPECT_TRUE(clean.labels.empty());
  for (int i = 0; i < 500; ++i) {
    EXPECT_GE(clean.x(i, 0), 0.0f);
    EXPECT_LT(clean.x(i, 0), 1.0f);
    EXPECT_NEAR(clean.y(i, 0), std::sin(2 * kPi * clean.x(i, 0)), 1e-5);
  }
  Dataset noisy = make_sine(20000, 0.3, rng);
  double sum = 0, sq = 0;
  for (int i = 0; i < noisy.rows(); ++i) {
    double r = noisy.y(i, 0) - std::sin(2 * kPi * noisy.x(i, 0));
    sum += r, sq += r * r;
  }
  EXPECT_NEAR(sum / noisy.rows(), 0.0, 0.01);
  EXPECT_NEAR(std::sqrt(sq / noisy.rows()), 0.3, 0.01);
}

TEST(Synthetic, FlipLabelsChangesExactlyTheRequestedFractionToOtherClasses) {
  Dataset d = generate("spiral", 200, 0.1, 3, 4);
  Dataset flipped = d;
  Rng rng(10);
  flip_labels(flipped, 0.1, rng);
  int changed = 0;
  for (int i = 0; i < d.rows(); ++i)
    if (flipped.labels[i] != d.labels[i]) {
      ++changed;
      EXPECT_GE(flipped.labels[i], 0);
      EXPECT_LT(flipped.labels[i], 3);
    }
  EXPECT_EQ(changed, 20);
  EXPECT_EQ(d.x, flipped.x);
}

// data.labelFlip flips that fraction of the TRAINING labels, once (it was once applied twice, in
// the generator and again on all rows), and leaves validation labels true.
TEST(Synthetic, LabelFlipCorruptsTrainingLabelsOnceAndLeavesValidationClean) {
  Spec spec;
  spec.data.kind = "moons";
  spec.data.n = 200;
  spec.data.valFraction = 0.5;
  spec.data.labelFlip = 0.2;
  Splits flipped = build_splits(spec, {});
  spec.data.labelFlip = 0;
  Splits clean = build_splits(spec, {});
  ASSERT_EQ(flipped.train.rows(), clean.train.rows());
  ASSERT_EQ(flipped.val.rows(), clean.val.rows());
  int changed = 0;
  for (int i = 0; i < clean.train.rows(); ++i) changed += flipped.train.labels[i] != clean.train.labels[i];
  EXPECT_EQ(changed, static_cast<int>(std::lround(0.2 * clean.train.rows())));
  EXPECT_EQ(flipped.train.x, clean.train.x);
  EXPECT_EQ(flipped.val.labels, clean.val.labels);
}

TEST(Synthetic, UnknownKindAndTooFewSamplesAreErrors) {
  DataSpec spec;
  spec.kind = "banana";
  Rng rng(1);
  try {
    make_synthetic(spec, rng);
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "data.kind");
    EXPECT_NE(e.message().find("banana"), std::string::npos);
  }
  spec.kind = "spiral";
  spec.n = 2;
  spec.classes = 3;
  try {
    make_synthetic(spec, rng);
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "data.n");
  }
}

}  // namespace
}  // namespace reglab
