#include "data/tokenizer.h"

#include <algorithm>

#include "augment/text.h"
#include "reglab/error.h"

namespace reglab {

TokenBatch pad_batch(const std::vector<TokenIds>& sequences, int max_length, bool pad_to_max) {
  if (max_length < 1) throw Error("tokenizer.maxLength", "must be ≥ 1, got " + std::to_string(max_length));
  TokenBatch out;
  out.batch = static_cast<int>(sequences.size());
  out.lengths.resize(sequences.size());
  int longest = 1;
  for (size_t b = 0; b < sequences.size(); ++b) {
    out.lengths[b] = std::min(static_cast<int32_t>(sequences[b].size()), static_cast<int32_t>(max_length));
    longest = std::max(longest, static_cast<int>(out.lengths[b]));
  }
  const int T = pad_to_max ? max_length : longest;
  out.length = T;
  out.ids.assign(static_cast<size_t>(out.batch) * T, Tokenizer::kPad);
  out.mask = Matrix::Zero(out.batch, T);
  for (int b = 0; b < out.batch; ++b)
    for (int t = 0; t < out.lengths[b]; ++t) {
      out.ids[static_cast<size_t>(b) * T + t] = sequences[b][t];
      out.mask(b, t) = 1.0f;
    }
  return out;
}

void Tokenizer::fit(const std::vector<std::string>& train_texts, int min_count, int max_size) {
  if (min_count < 1) throw Error("tokenizer.minCount", "must be ≥ 1, got " + std::to_string(min_count));
  if (max_size < 0 || (max_size > 0 && max_size < 3))
    throw Error("tokenizer.maxVocab",
                "must be 0 (no limit) or ≥ 3 (PAD, OOV and one word), got " + std::to_string(max_size));
  std::unordered_map<std::string, int> counts;
  for (const std::string& text : train_texts)
    for (const std::string& word : sentence_words(text)) ++counts[word];
  std::vector<std::pair<std::string, int>> ranked;
  for (const auto& entry : counts)
    if (entry.second >= min_count) ranked.push_back(entry);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (max_size > 0 && static_cast<int>(ranked.size()) > max_size - 2) ranked.resize(max_size - 2);
  // "<pad>" and "<oov>" cannot collide with a word: sentence_words strips '<' and '>' at word ends.
  words_ = {"<pad>", "<oov>"};
  ids_.clear();
  for (const auto& entry : ranked) {
    ids_.emplace(entry.first, static_cast<int32_t>(words_.size()));
    words_.push_back(entry.first);
  }
}

int32_t Tokenizer::id_of(const std::string& word) const {
  auto it = ids_.find(word);
  return it == ids_.end() ? kOov : it->second;
}

TokenIds Tokenizer::encode(const std::string& text) const {
  TokenIds ids;
  for (const std::string& word : sentence_words(text)) ids.push_back(id_of(word));
  return ids;
}

TokenBatch Tokenizer::encode_batch(const std::vector<std::string>& texts, int max_length, bool pad_to_max) const {
  std::vector<TokenIds> sequences;
  sequences.reserve(texts.size());
  for (const std::string& text : texts) sequences.push_back(encode(text));
  return pad_batch(sequences, max_length, pad_to_max);
}

void token_rows(const Tokenizer& tokenizer, const std::vector<std::string>& texts, int max_length, Matrix& x) {
  const TokenBatch batch = tokenizer.encode_batch(texts, max_length, true);
  x.resize(static_cast<Eigen::Index>(texts.size()), max_length);
  for (int i = 0; i < batch.batch; ++i)
    for (int t = 0; t < max_length; ++t) x(i, t) = static_cast<float>(batch.ids[static_cast<size_t>(i) * max_length + t]);
}

Tokenizer tokenize_splits(Splits& splits, int max_length) {
  Tokenizer tokenizer;
  tokenizer.fit(splits.train.texts);
  for (Dataset* d : {&splits.train, &splits.val, &splits.test}) {
    token_rows(tokenizer, d->texts, max_length, d->x);
    d->vocabulary = tokenizer.vocabulary();
    d->feature_names.clear();
  }
  return tokenizer;
}

}  // namespace reglab
