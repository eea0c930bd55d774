#include "data/split.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "reglab/error.h"

namespace reglab {
namespace {

// Classification data whose feature 0 is the sample index (to trace samples through splits).
Dataset indexed_classes(const std::vector<int>& per_class) {
  Dataset d;
  int n = 0;
  for (int c : per_class) n += c;
  d.x.resize(n, 3);
  d.num_classes = static_cast<int>(per_class.size());
  Rng rng(99);
  int row = 0;
  for (int k = 0; k < d.num_classes; ++k)
    for (int i = 0; i < per_class[k]; ++i, ++row) {
      d.x(row, 0) = static_cast<float>(row);
      d.x(row, 1) = static_cast<float>(rng.normal(5.0, 2.0));
      d.x(row, 2) = 7.0f;  // constant feature
      d.labels.push_back(k);
    }
  return d;
}

std::vector<int> class_counts(const Dataset& d) {
  std::vector<int> counts(d.num_classes, 0);
  for (int label : d.labels) counts.at(label)++;
  return counts;
}

std::string split_error_path(const Dataset& d, double val, double test, int train_size) {
  Rng rng(1);
  try {
    split_dataset(d, val, test, train_size, false, rng);
  } catch (const Error& e) {
    return e.path();
  }
  return "no error";
}

TEST(Split, FractionsGiveTheRoundedSizes) {
  Dataset d = indexed_classes({50, 50});
  Rng rng(1);
  Splits s = split_dataset(d, 0.25, 0.1, 0, false, rng);
  EXPECT_EQ(s.test.rows(), 10);
  EXPECT_EQ(s.val.rows(), 25);
  EXPECT_EQ(s.train.rows(), 65);
}

TEST(Split, SplitsAreDisjointAndCoverEverySample) {
  Dataset d = indexed_classes({40, 35, 25});
  Rng rng(2);
  Splits s = split_dataset(d, 0.2, 0.2, 0, false, rng);
  std::set<int> seen;
  for (const Dataset* part : {&s.train, &s.val, &s.test})
    for (int i = 0; i < part->rows(); ++i) {
      int id = static_cast<int>(part->x(i, 0));
      EXPECT_TRUE(seen.insert(id).second) << "sample " << id << " is in two splits";
      EXPECT_EQ(part->labels[i], d.labels[id]);
    }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Split, StratificationKeepsClassProportionsInEverySplit) {
  Dataset d = indexed_classes({60, 30, 10});
  Rng rng(3);
  Splits s = split_dataset(d, 0.2, 0.1, 0, false, rng);
  EXPECT_EQ(class_counts(s.val), (std::vector<int>{12, 6, 2}));
  EXPECT_EQ(class_counts(s.test), (std::vector<int>{6, 3, 1}));
  EXPECT_EQ(class_counts(s.train), (std::vector<int>{42, 21, 7}));
}

TEST(Split, TrainSizeKeepsThatManyTrainingSamplesStratified) {
  Dataset d = indexed_classes({60, 30, 10});
  Rng rng(4);
  Splits s = split_dataset(d, 0.2, 0.0, 20, false, rng);
  EXPECT_EQ(s.train.rows(), 20);
  EXPECT_EQ(class_counts(s.train), (std::vector<int>{12, 6, 2}));
  EXPECT_EQ(s.val.rows(), 20);
  EXPECT_EQ(s.test.rows(), 0);
}

TEST(Split, SameSeedGivesTheSameSplitAndOtherSeedsDiffer) {
  Dataset d = indexed_classes({30, 30});
  Rng a(5), b(5), c(6);
  Splits sa = split_dataset(d, 0.3, 0, 0, false, a), sb = split_dataset(d, 0.3, 0, 0, false, b);
  Splits sc = split_dataset(d, 0.3, 0, 0, false, c);
  EXPECT_EQ(sa.val.x, sb.val.x);
  EXPECT_NE(sa.val.x, sc.val.x);
}

TEST(Split, SplitsComeOutInRandomClassOrder) {
  Dataset d = indexed_classes({50, 50});
  Rng rng(7);
  Splits s = split_dataset(d, 0.2, 0, 0, false, rng);
  int first_half_class1 = 0;
  for (int i = 0; i < 40; ++i) first_half_class1 += s.train.labels[i];
  EXPECT_GT(first_half_class1, 5);
  EXPECT_LT(first_half_class1, 35);
}

TEST(Split, StandardizationUsesTrainingStatisticsOnly) {
  Dataset d = indexed_classes({40, 40});
  Rng raw_rng(8), std_rng(8);
  Splits raw = split_dataset(d, 0.3, 0.2, 0, false, raw_rng);
  Standardizer fitted;
  Splits z = split_dataset(d, 0.3, 0.2, 0, true, std_rng, &fitted);
  ASSERT_TRUE(fitted.fitted());
  // The statistics are the raw training split's (population std).
  for (int j = 0; j < 2; ++j) {
    double mean = raw.train.x.col(j).cast<double>().mean();
    double var = (raw.train.x.col(j).cast<double>().array() - mean).square().mean();
    EXPECT_NEAR(fitted.mean[j], mean, 1e-9);
    EXPECT_NEAR(fitted.std[j], std::sqrt(var), 1e-9);
    EXPECT_NEAR(z.train.x.col(j).cast<double>().mean(), 0.0, 1e-5);
    EXPECT_NEAR((z.train.x.col(j).cast<double>().array().square()).mean(), 1.0, 1e-4);
  }
  // Validation and test got the same transform, so their means are not exactly 0.
  for (const auto& [zs, rs] : {std::pair{&z.val, &raw.val}, std::pair{&z.test, &raw.test}})
    for (int i = 0; i < zs->rows(); ++i)
      for (int j = 0; j < 2; ++j)
        EXPECT_NEAR(zs->x(i, j), (rs->x(i, j) - fitted.mean[j]) / fitted.std[j], 1e-5);
  EXPECT_GT(std::fabs(z.val.x.col(1).cast<double>().mean()), 1e-6);
  // The constant feature has σ = 0 → 1, so it becomes exactly 0 everywhere.
  EXPECT_EQ(fitted.std[2], 1.0);
  EXPECT_EQ(z.val.x.col(2).cwiseAbs().maxCoeff(), 0.0f);
}

TEST(Split, ImagesAndTextsAreNotStandardized) {
  Dataset images = indexed_classes({10, 10});
  images.image_h = 1;
  images.image_w = 3;
  Rng rng(9);
  Standardizer fitted;
  fitted.mean = {1};
  Splits s = split_dataset(images, 0.2, 0, 0, true, rng, &fitted);
  EXPECT_FALSE(fitted.fitted());
  EXPECT_EQ(s.train.x.col(2).minCoeff(), 7.0f);
  EXPECT_EQ(s.train.image_w, 3);

  Dataset texts = indexed_classes({10, 10});
  for (int i = 0; i < texts.rows(); ++i) texts.texts.push_back("sentence " + std::to_string(i));
  Splits t = split_dataset(texts, 0.2, 0, 0, true, rng);
  EXPECT_EQ(t.train.x.col(2).minCoeff(), 7.0f);
  for (int i = 0; i < t.val.rows(); ++i)
    EXPECT_EQ(t.val.texts[i], "sentence " + std::to_string(static_cast<int>(t.val.x(i, 0))));
}

TEST(Split, RegressionSplitsKeepTheTargets) {
  Dataset d;
  d.x.resize(50, 1);
  d.y.resize(50, 1);
  for (int i = 0; i < 50; ++i) d.x(i, 0) = static_cast<float>(i), d.y(i, 0) = static_cast<float>(10 * i);
  Rng rng(10);
  Splits s = split_dataset(d, 0.2, 0.2, 15, false, rng);
  EXPECT_EQ(s.val.rows(), 10);
  EXPECT_EQ(s.test.rows(), 10);
  EXPECT_EQ(s.train.rows(), 15);
  EXPECT_TRUE(s.train.labels.empty());
  for (const Dataset* part : {&s.train, &s.val, &s.test})
    for (int i = 0; i < part->rows(); ++i) EXPECT_EQ(part->y(i, 0), 10 * part->x(i, 0));
}

TEST(Split, EmptyOrOversizedSplitsAreErrorsNamingTheField) {
  Dataset d = indexed_classes({10, 10});
  EXPECT_EQ(split_error_path(d, 0.01, 0, 0), "data.valFraction");  // round(0.2) = 0 samples
  EXPECT_EQ(split_error_path(d, 0.2, 0.01, 0), "data.testFraction");
  EXPECT_EQ(split_error_path(d, 0.6, 0.4, 0), "data.valFraction");  // nothing left to train on
  EXPECT_EQ(split_error_path(d, 0.5, 0, 11), "data.trainSize");
  EXPECT_EQ(split_error_path(d, 0.5, 0, 10), "no error");
  EXPECT_EQ(split_error_path(d, 0.0, 0, 0), "no error");  // no validation set asked for
}


// ---- explicit validation and test sets ------------------------------------------------------

// The ids (feature 0) of a split's rows, sorted.
std::vector<int> ids(const Dataset& d) {
  std::vector<int> out;
  for (int i = 0; i < d.rows(); ++i) out.push_back(static_cast<int>(d.x(i, 0)));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Split, AGivenValidationSetLeavesEveryRowForTraining) {
  Dataset d = indexed_classes({30, 30}), given = indexed_classes({4, 3});
  Rng rng(11);
  Splits s = split_dataset(d, 0.3, 0, 0, false, rng, nullptr, &given);
  EXPECT_EQ(s.train.rows(), 60);
  EXPECT_EQ(s.val.x, given.x);  // as given, in its order
  EXPECT_EQ(s.val.labels, given.labels);
  EXPECT_EQ(s.test.rows(), 0);
}

TEST(Split, TestFractionStillSplitsTheTrainingRowsWhenNoTestSetIsGiven) {
  Dataset d = indexed_classes({30, 30}), given = indexed_classes({4, 3});
  Rng rng(12);
  Splits s = split_dataset(d, 0.3, 0.2, 0, false, rng, nullptr, &given);
  EXPECT_EQ(s.test.rows(), 12);
  EXPECT_EQ(class_counts(s.test), (std::vector<int>{6, 6}));
  EXPECT_EQ(s.train.rows(), 48);
  EXPECT_EQ(s.val.rows(), 7);
  std::vector<int> all = ids(s.train), test = ids(s.test);
  all.insert(all.end(), test.begin(), test.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, ids(d));  // training and test rows together are exactly the given training rows
}

TEST(Split, TrainSizeStillSubsamplesTheGivenTrainingRows) {
  Dataset d = indexed_classes({30, 30}), given = indexed_classes({4, 3});
  Rng rng(13);
  Splits s = split_dataset(d, 0.3, 0, 20, false, rng, nullptr, &given);
  EXPECT_EQ(s.train.rows(), 20);
  EXPECT_EQ(class_counts(s.train), (std::vector<int>{10, 10}));
  EXPECT_EQ(s.val.rows(), 7);
}

TEST(Split, AGivenTestSetWithoutAValidationSetLeavesValFractionInUse) {
  Dataset d = indexed_classes({30, 30}), given = indexed_classes({2, 2});
  Rng rng(14);
  Splits s = split_dataset(d, 0.25, 0.5, 0, false, rng, nullptr, nullptr, &given);
  EXPECT_EQ(s.val.rows(), 15);
  EXPECT_EQ(s.train.rows(), 45);
  EXPECT_EQ(s.test.x, given.x);
}

TEST(Split, StandardizationIsFittedOnTheTrainingRowsAndAppliedToTheGivenSets) {
  Dataset d = indexed_classes({20, 20}), val = indexed_classes({3, 3}), test = indexed_classes({2, 2});
  for (int i = 0; i < val.rows(); ++i) val.x(i, 1) += 100;  // far from the training mean
  Rng rng(15);
  Standardizer fitted;
  Splits z = split_dataset(d, 0.3, 0, 0, true, rng, &fitted, &val, &test);
  const double mean = d.x.col(1).cast<double>().mean();
  EXPECT_NEAR(fitted.mean[1], mean, 1e-9);  // every training row, nothing of the given sets
  for (int i = 0; i < val.rows(); ++i) EXPECT_NEAR(z.val.x(i, 1), (val.x(i, 1) - fitted.mean[1]) / fitted.std[1], 1e-5);
  for (int i = 0; i < test.rows(); ++i) EXPECT_NEAR(z.test.x(i, 0), (test.x(i, 0) - fitted.mean[0]) / fitted.std[0], 1e-5);
  EXPECT_GT(z.val.x.col(1).minCoeff(), 10.0f);
}

TEST(Split, TestFractionThatLeavesNoTrainingRowsNamesTestFraction) {
  Dataset d = indexed_classes({2, 2}), given = indexed_classes({1, 1});
  Rng rng(16);
  try {
    split_dataset(d, 0.3, 1.0 - 1e-9, 0, false, rng, nullptr, &given);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "data.testFraction");
  }
}

}  // namespace
}  // namespace reglab
