#include "data/real_datasets.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reglab/error.h"
#include "support/fixture.h"

namespace reglab {
namespace {

Dataset load(const std::string& kind) {
  std::string text = testing::read_text_file(std::string(REGLAB_DATA_DIR) + "/" + real_dataset_file(kind));
  return load_real_dataset(kind, text);
}

std::vector<int> class_counts(const Dataset& d) {
  std::vector<int> counts(d.num_classes, 0);
  for (int label : d.labels) counts.at(label)++;
  return counts;
}

TEST(RealDatasets, KindsAndFileNames) {
  EXPECT_TRUE(is_real_dataset("digits"));
  EXPECT_TRUE(is_real_dataset("sentiment"));
  EXPECT_FALSE(is_real_dataset("moons"));
  EXPECT_STREQ(real_dataset_file("breast_cancer"), "breast_cancer.csv");
  EXPECT_EQ(real_dataset_file("iris"), nullptr);
  try {
    load_real_dataset("iris", "");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "data.kind");
  }
}

TEST(RealDatasets, DigitsAre1797EightByEightImagesInTheUnitRange) {
  Dataset d = load("digits");
  ASSERT_EQ(d.rows(), 1797);
  ASSERT_EQ(d.features(), 64);
  EXPECT_EQ(d.num_classes, 10);
  EXPECT_EQ(d.image_h, 8);
  EXPECT_EQ(d.image_w, 8);
  EXPECT_EQ(d.x.minCoeff(), 0.0f);
  EXPECT_EQ(d.x.maxCoeff(), 1.0f);
  EXPECT_EQ(class_counts(d), (std::vector<int>{178, 182, 177, 183, 181, 182, 181, 179, 174, 180}));
  // First image of the file: row 0 is 0,0,5,13,9,1,0,0 → pixel (0, 3) = 13/16.
  EXPECT_FLOAT_EQ(d.x(0, 3), 13.0f / 16.0f);
  EXPECT_EQ(d.labels[0], 0);
}

TEST(RealDatasets, WineAndBreastCancerAreTabularWithTheDocumentedCounts) {
  Dataset wine = load("wine");
  EXPECT_EQ(wine.rows(), 178);
  EXPECT_EQ(wine.features(), 13);
  EXPECT_EQ(class_counts(wine), (std::vector<int>{59, 71, 48}));
  EXPECT_EQ(wine.image_h, 0);
  EXPECT_EQ(wine.feature_names.back(), "proline");
  EXPECT_FLOAT_EQ(wine.x(0, 12), 1065.0f);  // unscaled: split_dataset standardizes

  Dataset cancer = load("breast_cancer");
  EXPECT_EQ(cancer.rows(), 569);
  EXPECT_EQ(cancer.features(), 30);
  EXPECT_EQ(class_counts(cancer), (std::vector<int>{212, 357}));
  EXPECT_EQ(cancer.class_names, (std::vector<std::string>{"malignant", "benign"}));
}

TEST(RealDatasets, SentimentIsBalancedTextWithABagOfWords) {
  Dataset d = load("sentiment");
  ASSERT_GE(d.rows(), 300);
  ASSERT_EQ(d.texts.size(), static_cast<size_t>(d.rows()));
  EXPECT_EQ(d.num_classes, 2);
  std::vector<int> counts = class_counts(d);
  EXPECT_EQ(counts[0], counts[1]);
  EXPECT_EQ(d.features(), static_cast<int>(d.feature_names.size()));
  EXPECT_GT(d.features(), 300);
  for (int i = 0; i < d.rows(); ++i) EXPECT_NEAR(d.x.row(i).sum(), 1.0f, 1e-5f) << d.texts[i];
}

TEST(RealDatasets, MalformedFileNamesTheFile) {
  try {
    load_real_dataset("wine", "a,b,label\n1,2,0\n3,4,1\n");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "wine.csv");
  }
  try {
    load_real_dataset("sentiment", "text,label\ngreat,2\n");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "line 2, column 2 (label): '2' is not 0 or 1");
  }
}

}  // namespace
}  // namespace reglab
