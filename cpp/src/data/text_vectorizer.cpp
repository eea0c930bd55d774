#include "data/text_vectorizer.h"

#include <algorithm>

namespace reglab {

namespace {

bool is_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || c >= 0x80;
}

// Calls emit(word) for each token of text; `word` is a reused buffer.
template <typename Emit>
void for_each_word(const std::string& text, std::string& word, Emit emit) {
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    while (i < n && !is_word_char(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < n && is_word_char(static_cast<unsigned char>(text[i]))) ++i;
    size_t end = i;
    while (start < end && text[start] == '\'') ++start;
    while (end > start && text[end - 1] == '\'') --end;
    if (start == end) continue;
    word.assign(text, start, end - start);
    for (char& c : word)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    emit(word);
  }
}

}  // namespace

std::vector<std::string> tokenize_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for_each_word(text, word, [&](const std::string& w) { words.push_back(w); });
  return words;
}

void BagOfWords::fit(const std::vector<std::string>& texts, int max_vocab) {
  std::unordered_map<std::string, int> counts;
  std::string word;
  for (const std::string& text : texts) for_each_word(text, word, [&](const std::string& w) { ++counts[w]; });
  std::vector<std::pair<std::string, int>> ranked(counts.begin(), counts.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (max_vocab >= 0 && static_cast<int>(ranked.size()) > max_vocab) ranked.resize(max_vocab);
  vocabulary_.clear();
  index_.clear();
  for (const auto& entry : ranked) {
    index_.emplace(entry.first, static_cast<int>(vocabulary_.size()));
    vocabulary_.push_back(entry.first);
  }
}

int BagOfWords::index_of(const std::string& word) const {
  auto it = index_.find(word);
  return it == index_.end() ? -1 : it->second;
}

// x_ij = count_ij / (number of known words in sentence i)
void BagOfWords::transform(const std::vector<std::string>& texts, Matrix& x) const {
  x.resize(static_cast<Eigen::Index>(texts.size()), size());
  x.setZero();
  std::string word;
  for (size_t i = 0; i < texts.size(); ++i) {
    int known = 0;
    for_each_word(texts[i], word, [&](const std::string& w) {
      auto it = index_.find(w);
      if (it == index_.end()) return;
      x(static_cast<Eigen::Index>(i), it->second) += 1.0f;
      ++known;
    });
    if (known > 0) x.row(static_cast<Eigen::Index>(i)) /= static_cast<float>(known);
  }
}

BagOfWords vectorize_splits(Splits& splits, int max_vocab) {
  BagOfWords bow;
  bow.fit(splits.train.texts, max_vocab);
  for (Dataset* part : {&splits.train, &splits.val, &splits.test}) {
    bow.transform(part->texts, part->x);
    part->feature_names = bow.vocabulary();
  }
  return bow;
}

}  // namespace reglab
