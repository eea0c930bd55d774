// Bag of words for the text datasets.
//
// Tokens are maximal runs of letters and apostrophes, lowercased (ASCII), with apostrophes at the
// ends stripped: "Don't GO!" → don't, go. Bytes ≥ 0x80 count as letters, so "café" stays a word.
//
// A row of x holds normalized counts: x_ij = count_ij / Σ_j' count_ij' over the words of sentence
// i that are in the vocabulary (a row with no known word stays 0). That is the average of the
// one-hot vectors of the sentence's words, so a Dense layer on top, W·x_i = (1/T) Σ_t W e_{w_t},
// is an averaged word-embedding model (fastText / "neural bag of words") whose embedding matrix is W.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "reglab/dataset.h"
#include "reglab/tensor.h"

namespace reglab {

std::vector<std::string> tokenize_words(const std::string& text);

class BagOfWords {
 public:
  // Vocabulary = the max_vocab most frequent words of texts (total count; ties alphabetical).
  void fit(const std::vector<std::string>& texts, int max_vocab = 2000);
  // x becomes texts.size() × size(); rows are normalized counts (see above).
  void transform(const std::vector<std::string>& texts, Matrix& x) const;
  int size() const { return static_cast<int>(vocabulary_.size()); }
  const std::vector<std::string>& vocabulary() const { return vocabulary_; }
  // Column of a word, or −1 when it is not in the vocabulary.
  int index_of(const std::string& word) const;

 private:
  std::vector<std::string> vocabulary_;
  std::unordered_map<std::string, int> index_;
};

// Refits the bag of words on the training texts only and re-vectorizes all three splits
// (feature_names = vocabulary). Returns the fitted vectorizer, which the trainer reuses to
// vectorize augmented training sentences.
BagOfWords vectorize_splits(Splits& splits, int max_vocab = 2000);

}  // namespace reglab
