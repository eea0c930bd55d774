#include "data/sequence_tasks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "reglab/error.h"

namespace reglab {
namespace {

SequenceTask make(const std::string& task, int n = 2000, int lo = 2, int hi = 40, uint64_t seed = 7) {
  Rng rng(seed);
  return make_sequence_task(task, n, lo, hi, rng);
}

// An independent check: a string of '(' and ')' is balanced when a stack never underflows.
bool balanced_by_stack(const std::string& text) {
  std::vector<char> stack;
  for (char c : text) {
    if (c == '(') stack.push_back(c);
    if (c == ')') {
      if (stack.empty()) return false;
      stack.pop_back();
    }
  }
  return stack.empty();
}

TEST(SequenceTasks, BracketLabelsSayWhetherTheSequenceIsBalanced) {
  SequenceTask task = make("brackets");
  ASSERT_EQ(task.sequences.size(), 2000u);
  int equal_counts_unbalanced = 0;
  for (size_t i = 0; i < task.sequences.size(); ++i) {
    EXPECT_EQ(balanced_by_stack(task.texts[i]), task.labels[i] == 1) << task.texts[i];
    EXPECT_EQ(brackets_balanced(task.sequences[i]), task.labels[i] == 1);
    const auto& s = task.sequences[i];
    if (task.labels[i] == 0 && 2 * std::count(s.begin(), s.end(), 2) == static_cast<long>(s.size()))
      ++equal_counts_unbalanced;
  }
  // About half the unbalanced sequences have as many '(' as ')': counting alone cannot solve it.
  EXPECT_GT(equal_counts_unbalanced, 400);
  EXPECT_LT(equal_counts_unbalanced, 600);
}

TEST(SequenceTasks, MajorityLabelsSayWhetherAOutnumbersB) {
  SequenceTask task = make("majority");
  for (size_t i = 0; i < task.sequences.size(); ++i) {
    const auto& s = task.sequences[i];
    const long a = std::count(s.begin(), s.end(), 2), b = std::count(s.begin(), s.end(), 3);
    ASSERT_EQ(a + b, static_cast<long>(s.size()));
    EXPECT_NE(a, b);
    EXPECT_EQ(a > b, task.labels[i] == 1);
  }
}

TEST(SequenceTasks, LabelsAreExactlyBalancedAndShuffled) {
  for (const char* name : {"brackets", "majority"}) {
    SequenceTask task = make(name, 1001);
    EXPECT_EQ(std::count(task.labels.begin(), task.labels.end(), 1), 500) << name;
    int changes = 0;  // a shuffled order changes label often; an alternating one always
    for (size_t i = 1; i < task.labels.size(); ++i) changes += task.labels[i] != task.labels[i - 1];
    EXPECT_GT(changes, 400) << name;
    EXPECT_LT(changes, 600) << name;
  }
}

TEST(SequenceTasks, LengthsSpanTheRangeForBothLabels) {
  SequenceTask brackets = make("brackets", 4000);
  SequenceTask majority = make("majority", 4000, 1, 40);
  for (const SequenceTask* task : {&brackets, &majority}) {
    std::vector<std::vector<int>> count(2, std::vector<int>(41, 0));
    for (size_t i = 0; i < task->sequences.size(); ++i) count[task->labels[i]].at(task->sequences[i].size())++;
    const bool even_only = task == &brackets;
    for (int label : {0, 1}) {
      int lengths = 0, total = 0;
      for (int len = 0; len <= 40; ++len) {
        if (even_only && len % 2) {
          EXPECT_EQ(count[label][len], 0) << "odd length " << len;
        }
        lengths += count[label][len] > 0;
        total += count[label][len];
      }
      EXPECT_EQ(lengths, even_only ? 20 : 40) << "every allowed length occurs, label " << label;
      // Uniform lengths: the short half and the long half hold about as many sequences.
      int short_half = 0;
      for (int len = 0; len <= 20; ++len) short_half += count[label][len];
      EXPECT_NEAR(static_cast<double>(short_half) / total, 0.5, 0.06) << "label " << label;
    }
  }
}

TEST(SequenceTasks, SameSeedSameDataOtherSeedOtherData) {
  for (const char* name : {"brackets", "majority"}) {
    SequenceTask a = make(name, 300, 2, 40, 11), b = make(name, 300, 2, 40, 11), c = make(name, 300, 2, 40, 12);
    EXPECT_EQ(a.sequences, b.sequences) << name;
    EXPECT_EQ(a.labels, b.labels) << name;
    EXPECT_NE(a.sequences, c.sequences) << name;
  }
}

TEST(SequenceTasks, SequencesPadIntoTheTokenizerBatchLayout) {
  SequenceTask task = make("brackets", 4, 2, 6);
  EXPECT_EQ(task.vocabulary, (std::vector<std::string>{"<pad>", "<oov>", "(", ")"}));
  TokenBatch batch = pad_batch(task.sequences, 40);
  size_t longest = 0;
  for (const auto& s : task.sequences) longest = std::max(longest, s.size());
  EXPECT_EQ(batch.length, static_cast<int>(longest));
  for (int b = 0; b < 4; ++b) {
    EXPECT_EQ(batch.lengths[b], static_cast<int>(task.sequences[b].size()));
    EXPECT_EQ(batch.mask.row(b).sum(), static_cast<float>(task.sequences[b].size()));
  }
}

TEST(SequenceTasks, BadArgumentsNameTheField) {
  auto path_of = [](const std::string& name, int n, int lo, int hi) {
    try {
      make(name, n, lo, hi);
    } catch (const Error& e) {
      return e.path();
    }
    return std::string("no error");
  };
  EXPECT_EQ(path_of("parity", 10, 2, 40), "data.kind");
  EXPECT_EQ(path_of("brackets", 1, 2, 40), "data.n");
  EXPECT_EQ(path_of("majority", 10, 0, 40), "data.minLength");
  EXPECT_EQ(path_of("majority", 10, 5, 4), "data.maxLength");
  EXPECT_EQ(path_of("brackets", 10, 3, 3), "data.maxLength");  // no even length in [3, 3]
  EXPECT_EQ(path_of("brackets", 10, 1, 2), "no error");
}

}  // namespace
}  // namespace reglab
