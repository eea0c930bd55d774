// Generated sequence tasks whose length varies widely, for comparing normalizations in sequence
// models (BatchNorm over batch × positions sees padding and length-dependent statistics;
// LayerNorm normalizes each position alone). No file: a seed gives the data.
//
// Ids follow the tokenizer's convention (data/tokenizer.h): 0 = PAD, 1 = OOV (never produced
// here), then the task's symbols; pad_batch() turns the sequences into a B×T batch with mask.
//   brackets  '(' = 2, ')' = 3. Label 1 = balanced (every prefix has at least as many '(' as ')',
//             and the counts are equal). Lengths are even, uniform over [min_length, max_length],
//             for both labels (so parity says nothing). An unbalanced sequence is a balanced one
//             either with one '(' and a later ')' exchanged (counts still equal: depth goes
//             negative somewhere) or with one symbol flipped (counts differ by 2), half each.
//   majority  'a' = 2, 'b' = 3. Label 1 = more a's than b's. Lengths uniform over
//             [min_length, max_length]; there are no ties (a tie is drawn again at the same length). A sequence is
//             a fair coin per symbol, swapped a ↔ b when its majority is not the label drawn, so
//             the two classes have the same length and margin distributions.
// Labels are exactly balanced: label = i mod 2 before the rows are shuffled.
#pragma once
#include <string>
#include <vector>

#include "data/tokenizer.h"
#include "reglab/rng.h"
#include "reglab/tensor.h"

namespace reglab {

struct SequenceTask {
  std::vector<TokenIds> sequences;       // n sequences of ids ≥ 2
  Labels labels;                         // n labels 0/1
  std::vector<std::string> vocabulary;   // id → symbol: "<pad>", "<oov>", then the task's symbols
  std::vector<std::string> class_names;  // label → name
  std::vector<std::string> texts;        // each sequence as symbols joined by spaces ("( ( ) )")
};

// Throws Error("data.kind") for another task name, Error("data.n") for n < 2 and
// Error("data.minLength" / "data.maxLength") for lengths outside 1 ≤ min ≤ max ≤ 1000 (brackets:
// the range must hold an even length ≥ 2).
SequenceTask make_sequence_task(const std::string& task, int n, int min_length, int max_length, Rng& rng);

// True when the ids ('(' = 2, ')' = 3) form a balanced bracket sequence.
bool brackets_balanced(const TokenIds& sequence);

}  // namespace reglab
