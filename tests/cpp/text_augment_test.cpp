#include "augment/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "data/csv.h"
#include "data/text_vectorizer.h"
#include "reglab/error.h"
#include "support/fixture.h"

namespace reglab {
namespace {

const std::string kSentence = "The food was great and the service was fast.";

std::vector<std::string> words_of(const std::string& s) { return tokenize_words(s); }

std::string lowercase_copy(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool has_synonym(const std::string& word, const std::string& candidate) {
  auto it = synonym_table().find(word);
  return it != synonym_table().end() &&
         std::find(it->second.begin(), it->second.end(), candidate) != it->second.end();
}

std::vector<std::string> sentiment_texts() {
  std::string text = testing::read_text_file(std::string(REGLAB_DATA_DIR) + "/sentiment.csv");
  CsvReader reader(text, "sentiment.csv");
  std::vector<std::string> fields, texts;
  reader.next(fields);  // header
  while (reader.next(fields)) texts.push_back(fields[0]);
  return texts;
}

TEST(TextAugment, TablesHaveTheDocumentedShape) {
  EXPECT_GE(synonym_table().size(), 150u);
  for (const auto& [word, synonyms] : synonym_table()) {
    EXPECT_GE(synonyms.size(), 2u) << word;
    EXPECT_LE(synonyms.size(), 4u) << word;
    EXPECT_EQ(std::count(synonyms.begin(), synonyms.end(), word), 0) << word;
  }
  for (const auto& [en, french] : english_to_french()) {
    EXPECT_GE(french.size(), 1u) << en;
    EXPECT_LE(french.size(), 3u) << en;
    for (const std::string& fr : french) EXPECT_EQ(french_to_english().count(fr), 1u) << en << " → " << fr;
  }
  for (const auto& [fr, english] : french_to_english()) {
    EXPECT_GE(english.size(), 1u) << fr;
    EXPECT_LE(english.size(), 3u) << fr;
  }
}

TEST(TextAugment, TranslationTablesCoverTheSentimentVocabulary) {
  int tokens = 0, covered = 0;
  for (const std::string& text : sentiment_texts())
    for (const std::string& w : words_of(text)) ++tokens, covered += english_to_french().count(w) > 0;
  ASSERT_GT(tokens, 2000);
  EXPECT_GT(static_cast<double>(covered) / tokens, 0.95);
}

TEST(TextAugment, SynonymReplacementSwapsTableWordsForTheirSynonyms) {
  Rng rng(1);
  std::string out = text_augment_op(kSentence, "synonym", 1.0, rng);
  std::vector<std::string> before = words_of(kSentence), after = words_of(out);
  ASSERT_EQ(before.size(), after.size()) << out;
  int replaced = 0;
  for (size_t k = 0; k < before.size(); ++k) {
    if (synonym_table().count(before[k])) {
      EXPECT_TRUE(has_synonym(before[k], after[k])) << before[k] << " → " << after[k];
      ++replaced;
    } else {
      EXPECT_EQ(before[k], after[k]);
    }
  }
  EXPECT_GE(replaced, 3);  // food, great, service, fast
  EXPECT_EQ(out.back(), '.');
  EXPECT_TRUE(out[0] >= 'A' && out[0] <= 'Z') << out;
}

TEST(TextAugment, SynonymKeepsTheCaseOfTheReplacedWord) {
  Rng rng(2);
  std::string out = synonym_replace("GREAT food", 1.0, rng);
  std::string first = out.substr(0, out.find(' '));
  EXPECT_TRUE(has_synonym("great", lowercase_copy(first))) << out;
  EXPECT_TRUE(std::none_of(first.begin(), first.end(), [](char c) { return c >= 'a' && c <= 'z'; })) << out;
}

TEST(TextAugment, InsertionAddsSynonymsOfWordsInTheSentence) {
  Rng rng(3);
  std::string out = text_augment_op(kSentence, "insert", 0.25, rng);  // round(0.25 · 9) = 2 insertions
  std::vector<std::string> before = words_of(kSentence), after = words_of(out);
  ASSERT_EQ(after.size(), before.size() + 2) << out;
  // The original words remain in order; the others are synonyms of original words.
  size_t k = 0;
  for (const std::string& w : after) {
    if (k < before.size() && w == before[k]) {
      ++k;
      continue;
    }
    EXPECT_TRUE(std::any_of(before.begin(), before.end(), [&](const std::string& b) { return has_synonym(b, w); }))
        << w << " in " << out;
  }
  EXPECT_EQ(k, before.size()) << out;
}

TEST(TextAugment, SwapKeepsTheWordsAndChangesTheirOrder) {
  std::vector<std::string> sorted_before = words_of(kSentence);
  std::sort(sorted_before.begin(), sorted_before.end());
  int changed = 0;
  for (uint64_t seed = 0; seed < 20; ++seed) {
    Rng rng(seed);
    std::string out = text_augment_op(kSentence, "swap", 0.2, rng);
    std::vector<std::string> after = words_of(out);
    std::sort(after.begin(), after.end());
    EXPECT_EQ(after, sorted_before) << out;
    EXPECT_EQ(out.back(), '.');  // punctuation stays in its slot
    changed += words_of(out) != words_of(kSentence);
  }
  EXPECT_GE(changed, 15);
}

TEST(TextAugment, DeletionNeverReturnsAnEmptySentence) {
  for (uint64_t seed = 0; seed < 50; ++seed) {
    Rng rng(seed);
    std::string out = text_augment_op(kSentence, "delete", 1.0, rng);
    std::vector<std::string> after = words_of(out);
    ASSERT_EQ(after.size(), 1u) << out;
    std::vector<std::string> before = words_of(kSentence);
    EXPECT_NE(std::find(before.begin(), before.end(), after[0]), before.end());
  }
  Rng rng(1);
  EXPECT_EQ(random_delete("Great", 1.0, rng), "Great");
}

TEST(TextAugment, DeletionRemovesAboutTheGivenFractionOfWords) {
  Rng rng(4);
  int before = 0, after = 0;
  for (const std::string& text : sentiment_texts()) {
    before += static_cast<int>(words_of(text).size());
    after += static_cast<int>(words_of(text_augment_op(text, "delete", 0.3, rng)).size());
  }
  EXPECT_NEAR(1.0 - static_cast<double>(after) / before, 0.3, 0.03);
}

TEST(TextAugment, BackTranslationReturnsEnglishWords) {
  std::set<std::string> english;
  for (const auto& entry : french_to_english())
    for (const std::string& w : entry.second)
      for (const std::string& t : tokenize_words(w)) english.insert(t);
  Rng rng(5);
  int changed = 0, total = 0;
  for (const std::string& text : sentiment_texts()) {
    std::string french;
    std::string out = back_translate(text, rng, &french);
    std::vector<std::string> before = words_of(text), after = words_of(out);
    ASSERT_EQ(after.size(), before.size()) << out;
    for (size_t k = 0; k < after.size(); ++k)
      EXPECT_TRUE(after[k] == before[k] || english.count(after[k])) << after[k] << " in " << out;
    EXPECT_NE(french, text);
    changed += out != text;
    ++total;
  }
  EXPECT_GT(changed, total / 2);
  Rng r(6);
  std::string french;
  back_translate("The food was delicious.", r, &french);
  EXPECT_TRUE(french.rfind("Le ", 0) == 0 || french.rfind("La ", 0) == 0 || french.rfind("Les ", 0) == 0) << french;
  EXPECT_NE(french.find("était"), std::string::npos) << french;
}

TEST(TextAugment, UnknownWordsPassThroughBackTranslation) {
  Rng rng(7);
  EXPECT_EQ(back_translate("Zyzzyva qwerty!", rng), "Zyzzyva qwerty!");
}

TEST(TextAugment, SameSeedGivesTheSameAugmentation) {
  TextAugSpec spec;
  spec.synonym = 0.3;
  spec.insert = 0.1;
  spec.swap = 0.1;
  spec.deletion = 0.1;
  spec.backTranslate = 0.5;
  std::set<std::string> variants;
  for (uint64_t seed = 0; seed < 10; ++seed) {
    Rng a(seed), b(seed);
    std::string out = augment_text(kSentence, spec, a);
    EXPECT_EQ(out, augment_text(kSentence, spec, b));
    EXPECT_FALSE(out.empty());
    variants.insert(out);
  }
  EXPECT_GE(variants.size(), 8u);
}

TEST(TextAugment, AugmentTextAppliesOnlyTheEnabledOperations) {
  TextAugSpec none;
  Rng rng(8);
  EXPECT_EQ(augment_text(kSentence, none, rng), kSentence);
  TextAugSpec only_synonyms;
  only_synonyms.synonym = 0.5;
  Rng a(9), b(9);
  EXPECT_EQ(augment_text(kSentence, only_synonyms, a), synonym_replace(kSentence, 0.5, b));
  Rng c(10);
  EXPECT_EQ(text_augment_op(kSentence, "swap", 0.0, c), kSentence);
}

TEST(TextAugment, UnknownOperationIsAnError) {
  Rng rng(1);
  try {
    text_augment_op(kSentence, "shuffle", 0.5, rng);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "augment.text");
    EXPECT_NE(e.message().find("shuffle"), std::string::npos);
  }
}

}  // namespace
}  // namespace reglab
