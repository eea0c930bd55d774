#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "augment/text.h"
#include "data/real_datasets.h"
#include "data/tokenizer.h"
#include "reglab/error.h"
#include "support/fixture.h"

namespace reglab {
namespace {

Splits load_corpus() {
  return load_sentiment_corpus(testing::read_text_file(std::string(REGLAB_DATA_DIR) + "/sentiment_corpus.csv"));
}

int positives(const Dataset& d) { return static_cast<int>(std::count(d.labels.begin(), d.labels.end(), 1)); }

TEST(SentimentCorpus, SplitsHaveTheDocumentedSizesAndBalancedLabels) {
  Splits s = load_corpus();
  ASSERT_EQ(s.train.texts.size(), 1000u);
  ASSERT_EQ(s.val.texts.size(), 300u);
  ASSERT_EQ(s.test.texts.size(), 300u);
  EXPECT_EQ(positives(s.train), 500);
  EXPECT_EQ(positives(s.val), 150);
  EXPECT_EQ(positives(s.test), 150);
  EXPECT_EQ(s.val.class_names, (std::vector<std::string>{"negative", "positive"}));
  // Bag of words over the training vocabulary, ready for the existing text models.
  EXPECT_EQ(s.train.rows(), 1000);
  EXPECT_EQ(s.val.features(), s.train.features());
}

TEST(SentimentCorpus, SentencesVaryFrom4To30WordsAndNeverRepeat) {
  Splits s = load_corpus();
  std::set<std::string> seen;
  size_t shortest = 1000, longest = 0, long_rows = 0;
  for (const Dataset* part : {&s.train, &s.val, &s.test})
    for (const std::string& text : part->texts) {
      EXPECT_TRUE(seen.insert(text).second) << "repeated: " << text;
      const size_t words = sentence_words(text).size();
      shortest = std::min(shortest, words);
      longest = std::max(longest, words);
      long_rows += words >= 20;
    }
  EXPECT_EQ(shortest, 4u);
  EXPECT_EQ(longest, 30u);
  EXPECT_GT(long_rows, 80u);  // 87 rows of 20 words or more
}

TEST(SentimentCorpus, ValidationUsesSynonymsThatTrainingRarelyShows) {
  // The head words' synonyms (from the engine's synonym table) are what makes validation hard.
  Splits s = load_corpus();
  Tokenizer tok;
  tok.fit(s.train.texts);
  auto rate = [](const Dataset& d, const std::vector<std::string>& words) {
    int hits = 0, total = 0;
    for (const std::string& text : d.texts)
      for (const std::string& w : sentence_words(text)) {
        ++total;
        hits += std::find(words.begin(), words.end(), w) != words.end();
      }
    return static_cast<double>(hits) / total;
  };
  const std::vector<std::string> heads = {"great", "bad", "delicious", "boring", "rude", "friendly"};
  std::vector<std::string> synonyms;
  for (const std::string& head : heads)
    for (const std::string& synonym : synonym_table().at(head)) synonyms.push_back(synonym);
  // Synonym instead of head: probability 0.05 in training, 0.6 in validation.
  EXPECT_GT(rate(s.val, synonyms), 6 * rate(s.train, synonyms));
  EXPECT_GT(rate(s.train, heads), 2 * rate(s.val, heads));
  // Some validation words never occur in training: the tokenizer maps them to OOV.
  int oov = 0;
  for (const std::string& text : s.val.texts)
    for (int32_t id : tok.encode(text)) oov += id == Tokenizer::kOov;
  EXPECT_GT(oov, 20);
}

TEST(SentimentCorpus, MalformedRowsNameTheFileAndLine) {
  auto message = [](const std::string& csv) {
    try {
      load_sentiment_corpus(csv, "corpus.csv");
    } catch (const Error& e) {
      EXPECT_EQ(e.path(), "corpus.csv");
      return e.message();
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("text,label\nGood.,1\n"), "line 1 must be the header 'text,label,split'");
  EXPECT_EQ(message("text,label,split\nGood.,1,dev\n"), "line 2, column 3 (split): 'dev' is not train, val or test");
  EXPECT_EQ(message("text,label,split\nGood.,2,train\n"), "line 2, column 2 (label): '2' is not 0 or 1");
  EXPECT_EQ(message("text,label,split\nGood.,1,train\nBad.,0,val\n"), "has no 'test' rows");
}

}  // namespace
}  // namespace reglab
