// Word tokenizer for the sequence models: sentence → token ids, padded into a batch.
//
// Words are those of text augmentation (sentence_words in augment/text.h): whitespace-separated,
// punctuation stripped at both ends, lowercased; so an augmented sentence is tokenized exactly
// like a shipped one and swap/delete/insert act on the positions the model sees.
//
// Ids: PAD = 0 (padding, never a word), OOV = 1 (any word not in the vocabulary), then the
// vocabulary, most frequent first (ties alphabetical), counted on the training split only, so
// validation words unseen in training become OOV, as they would for a deployed model.
//
// A batch of B sentences is B×T, row-major: token t of sentence b at b·T + t. A sentence longer
// than T keeps its first T words (truncation at the end); a shorter one is padded with PAD to T.
// mask(b, t) = 1 for a real token (t < length_b), 0 for padding; an empty sentence is an
// all-padding row with length 0.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "reglab/dataset.h"
#include "reglab/tensor.h"

namespace reglab {

using TokenIds = std::vector<int32_t>;

struct TokenBatch {
  int batch = 0, length = 0;  // B, T
  TokenIds ids;               // B·T token ids, PAD beyond each sentence's length
  Matrix mask;                // B × T, 1 = token, 0 = padding
  TokenIds lengths;           // B, tokens kept per sentence (≤ T)
};

// Pads (or truncates) id sequences into a batch. T = max_length when pad_to_max, otherwise the
// longest kept sequence (≤ max_length; at least 1, so an all-empty batch still has a shape).
// Throws Error("tokenizer.maxLength") when max_length < 1.
TokenBatch pad_batch(const std::vector<TokenIds>& sequences, int max_length, bool pad_to_max = false);

class Tokenizer {
 public:
  static constexpr int32_t kPad = 0, kOov = 1;

  // Vocabulary from the training texts: words seen at least min_count times, the most frequent
  // first, at most max_size ids in all counting PAD and OOV (max_size = 0: no limit).
  // Throws Error("tokenizer.minCount") for min_count < 1 and Error("tokenizer.maxVocab") for
  // 0 < max_size < 3 (room for PAD, OOV and one word).
  void fit(const std::vector<std::string>& train_texts, int min_count = 1, int max_size = 0);

  int size() const { return static_cast<int>(words_.size()); }  // ids 0 .. size()−1 (embedding rows)
  const std::vector<std::string>& vocabulary() const { return words_; }  // id → word; "<pad>", "<oov>" first
  int32_t id_of(const std::string& word) const;  // kOov for an unknown word
  TokenIds encode(const std::string& text) const;  // every word, no truncation
  TokenBatch encode_batch(const std::vector<std::string>& texts, int max_length, bool pad_to_max = false) const;

 private:
  std::vector<std::string> words_;
  std::unordered_map<std::string, int32_t> ids_;
};

// A batch's token ids as the sequence models read them: x (B × max_length floats), every row
// padded with PAD to max_length (the model itself trims to the batch's longest sequence).
void token_rows(const Tokenizer& tokenizer, const std::vector<std::string>& texts, int max_length, Matrix& x);
// Fits the vocabulary on the training texts only and replaces x of all three splits by their token
// ids (token_rows; vocabulary = the tokenizer's, feature_names cleared). Returns the tokenizer,
// which the trainer reuses for augmented training sentences.
Tokenizer tokenize_splits(Splits& splits, int max_length);

}  // namespace reglab
