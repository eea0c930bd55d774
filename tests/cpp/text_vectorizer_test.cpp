#include "data/text_vectorizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reglab/rng.h"

namespace reglab {
namespace {

TEST(TextVectorizer, TokenizesLowercaseLettersAndApostrophes) {
  EXPECT_EQ(tokenize_words("Don't GO! It's 'great'--really, 10/10."),
            (std::vector<std::string>{"don't", "go", "it's", "great", "really"}));
  EXPECT_TRUE(tokenize_words(" 123 !! ").empty());
}

TEST(TextVectorizer, VocabularyIsMostFrequentFirstAndCapped) {
  BagOfWords bow;
  bow.fit({"good good bad", "good fine bad", "awful"}, 3);
  EXPECT_EQ(bow.vocabulary(), (std::vector<std::string>{"good", "bad", "awful"}));  // ties alphabetical
  EXPECT_EQ(bow.size(), 3);
  EXPECT_EQ(bow.index_of("bad"), 1);
  EXPECT_EQ(bow.index_of("fine"), -1);
}

TEST(TextVectorizer, RowsAreAveragedOneHotsOfKnownWords) {
  BagOfWords bow;
  bow.fit({"the food was good", "the food was bad"});
  Matrix x;
  bow.transform({"Good good FOOD, unknown!", "nothing known here"}, x);
  ASSERT_EQ(x.rows(), 2);
  ASSERT_EQ(x.cols(), bow.size());
  EXPECT_FLOAT_EQ(x(0, bow.index_of("good")), 2.0f / 3.0f);
  EXPECT_FLOAT_EQ(x(0, bow.index_of("food")), 1.0f / 3.0f);
  EXPECT_FLOAT_EQ(x.row(0).sum(), 1.0f);
  EXPECT_EQ(x.row(1).cwiseAbs().sum(), 0.0f);
}

TEST(TextVectorizer, DenseLayerOnTopIsAnAveragedWordEmbedding) {
  BagOfWords bow;
  bow.fit({"a lovely quiet hotel", "a noisy hotel"});
  Matrix embeddings(4, bow.size());  // W: E × V, column v = embedding of word v
  Rng rng(3);
  for (Eigen::Index i = 0; i < embeddings.size(); ++i) embeddings.data()[i] = static_cast<float>(rng.normal());
  Matrix x;
  bow.transform({"quiet quiet hotel"}, x);
  Matrix dense = x * embeddings.transpose();  // y = x Wᵀ
  Matrix average = (2 * embeddings.col(bow.index_of("quiet")) + embeddings.col(bow.index_of("hotel"))) / 3.0f;
  for (int e = 0; e < 4; ++e) EXPECT_NEAR(dense(0, e), average(e, 0), 1e-6);
}

TEST(TextVectorizer, VectorizeSplitsFitsOnTrainingTextsOnly) {
  Splits s;
  s.train.texts = {"great film", "awful film"};
  s.val.texts = {"great unseen words"};
  s.test.texts = {"film"};
  BagOfWords bow = vectorize_splits(s);
  EXPECT_EQ(bow.size(), 3);
  EXPECT_EQ(bow.index_of("unseen"), -1);
  EXPECT_EQ(s.train.x.rows(), 2);
  EXPECT_EQ(s.val.x.cols(), 3);
  EXPECT_FLOAT_EQ(s.val.x(0, bow.index_of("great")), 1.0f);
  EXPECT_FLOAT_EQ(s.test.x(0, bow.index_of("film")), 1.0f);
  EXPECT_EQ(s.test.feature_names, bow.vocabulary());
}

}  // namespace
}  // namespace reglab
