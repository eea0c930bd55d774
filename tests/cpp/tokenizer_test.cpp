#include "data/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "augment/text.h"
#include "reglab/error.h"
#include "reglab/rng.h"

namespace reglab {
namespace {

std::vector<std::string> kTrain = {"The food was good.", "The service was slow, not good!",
                                   "Good food; GOOD service.", "Slow."};

TEST(Tokenizer, VocabularyIsTrainingWordsByFrequencyAfterPadAndOov) {
  Tokenizer tok;
  tok.fit(kTrain);
  // good 4, the 2, food 2, was 2, service 2, slow 2, not 1 → count first, then alphabetical.
  EXPECT_EQ(tok.vocabulary(), (std::vector<std::string>{"<pad>", "<oov>", "good", "food", "service", "slow", "the",
                                                        "was", "not"}));
  EXPECT_EQ(tok.size(), 9);
  EXPECT_EQ(tok.id_of("good"), 2);
  EXPECT_EQ(tok.id_of("tasty"), Tokenizer::kOov);
}

TEST(Tokenizer, MinCountAndMaxSizeCountReservedIds) {
  Tokenizer tok;
  tok.fit(kTrain, 2);
  EXPECT_EQ(tok.id_of("not"), Tokenizer::kOov);  // seen once
  EXPECT_EQ(tok.size(), 8);
  tok.fit(kTrain, 1, 4);  // PAD, OOV and the two most frequent words
  EXPECT_EQ(tok.vocabulary(), (std::vector<std::string>{"<pad>", "<oov>", "good", "food"}));
  EXPECT_EQ(tok.id_of("service"), Tokenizer::kOov);
}

TEST(Tokenizer, WordsAreThoseOfTextAugmentation) {
  const std::string sentence = "\"Great,\" she said: the well-made film isn't 10/10 - wow!";
  EXPECT_EQ(sentence_words(sentence), (std::vector<std::string>{"great", "she", "said", "the", "well-made", "film",
                                                                "isn't", "10/10", "-", "wow"}));
  Tokenizer tok;
  tok.fit({sentence});
  EXPECT_EQ(tok.encode(sentence).size(), 10u);
  // Swapping words keeps every word known: the tokenizer and augmentation agree on the words.
  const std::string review = "\"Great,\" she said: the well-made film isn't long (or dull)!";
  tok.fit({review});
  Rng rng(3);
  for (int k = 0; k < 20; ++k) {
    std::string swapped = random_swap(review, 0.3, rng);
    EXPECT_EQ(tok.encode(swapped).size(), sentence_words(swapped).size()) << swapped;
    for (int32_t id : tok.encode(swapped)) EXPECT_NE(id, Tokenizer::kOov) << swapped;  // same words, moved
  }
}

TEST(Tokenizer, BatchIsRowMajorWithPaddingMaskAndLengths) {
  Tokenizer tok;
  tok.fit(kTrain);
  TokenBatch batch = tok.encode_batch({"good food", "", "the tasty food was good"}, 4);
  ASSERT_EQ(batch.batch, 3);
  ASSERT_EQ(batch.length, 4);  // longest sentence truncated to max length 4
  const int32_t good = tok.id_of("good"), food = tok.id_of("food"), the = tok.id_of("the"), was = tok.id_of("was");
  EXPECT_EQ(batch.ids, (TokenIds{good, food, 0, 0,  //
                                 0, 0, 0, 0,        // empty sentence: an all-padding row
                                 the, Tokenizer::kOov, food, was}));
  EXPECT_EQ(batch.lengths, (TokenIds{2, 0, 4}));
  Matrix expected_mask(3, 4);
  expected_mask << 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1;
  EXPECT_EQ(batch.mask, expected_mask);
  for (int b = 0; b < 3; ++b)
    for (int t = 0; t < 4; ++t) EXPECT_EQ(batch.mask(b, t) == 0, batch.ids[b * 4 + t] == Tokenizer::kPad);
}

TEST(Tokenizer, BatchLengthIsTheLongestSentenceUnlessPaddedToMax) {
  Tokenizer tok;
  tok.fit(kTrain);
  EXPECT_EQ(tok.encode_batch({"good", "good food"}, 24).length, 2);
  EXPECT_EQ(tok.encode_batch({"good", "good food"}, 24, true).length, 24);
  EXPECT_EQ(tok.encode_batch({"", ""}, 24).length, 1);
  EXPECT_EQ(tok.encode_batch({}, 24).ids.size(), 0u);
}

TEST(Tokenizer, BadSettingsNameTheField) {
  Tokenizer tok;
  auto path_of = [](auto call) {
    try {
      call();
    } catch (const Error& e) {
      return e.path();
    }
    return std::string("no error");
  };
  EXPECT_EQ(path_of([&] { tok.fit(kTrain, 0); }), "tokenizer.minCount");
  EXPECT_EQ(path_of([&] { tok.fit(kTrain, 1, 2); }), "tokenizer.maxVocab");
  EXPECT_EQ(path_of([&] { tok.fit(kTrain, 1, -1); }), "tokenizer.maxVocab");
  tok.fit(kTrain);
  EXPECT_EQ(path_of([&] { tok.encode_batch(kTrain, 0); }), "tokenizer.maxLength");
}

}  // namespace
}  // namespace reglab
