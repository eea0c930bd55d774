#include "data/sequence_tasks.h"

#include <algorithm>

#include "reglab/error.h"

namespace reglab {

namespace {

constexpr int32_t kFirst = 2, kSecond = 3;  // '(' / 'a' and ')' / 'b'

// A uniform draw of an even length in [lo, hi] (lo, hi already checked to hold one).
int even_length(int lo, int hi, Rng& rng) {
  const int first = (lo + 1) / 2, last = hi / 2;  // half-lengths
  return 2 * (first + static_cast<int>(rng.uniform_int(static_cast<uint32_t>(last - first + 1))));
}

// A random balanced sequence of `length` symbols: open with probability 1/2 while both choices
// can still close in time.
TokenIds balanced_brackets(int length, Rng& rng) {
  TokenIds s;
  int depth = 0;
  for (int i = 0; i < length; ++i) {
    const int left = length - i;
    const bool open = depth == 0 || (depth < left && rng.bernoulli(0.5));
    s.push_back(open ? kFirst : kSecond);
    depth += open ? 1 : -1;
  }
  return s;
}

TokenIds unbalanced_brackets(int length, Rng& rng) {
  TokenIds s = balanced_brackets(length, rng);
  if (rng.bernoulli(0.5)) {
    s[rng.uniform_int(static_cast<uint32_t>(length))] ^= 1;  // 2 ↔ 3: counts now differ by 2
    return s;
  }
  // Exchange a '(' with a later ')': depth drops by 2 in between. Try random pairs; the first
  // '(' with any ')' always works (the prefix "(" becomes ")").
  for (int attempt = 0; attempt < 32; ++attempt) {
    const int i = static_cast<int>(rng.uniform_int(static_cast<uint32_t>(length)));
    const int j = static_cast<int>(rng.uniform_int(static_cast<uint32_t>(length)));
    if (i >= j || s[i] != kFirst || s[j] != kSecond) continue;
    std::swap(s[i], s[j]);
    if (!brackets_balanced(s)) return s;
    std::swap(s[i], s[j]);
  }
  const int j = static_cast<int>(std::find(s.begin(), s.end(), kSecond) - s.begin());
  std::swap(s[0], s[j]);
  return s;
}

TokenIds majority_sequence(int min_length, int max_length, bool more_a, Rng& rng) {
  const int length = min_length + static_cast<int>(rng.uniform_int(static_cast<uint32_t>(max_length - min_length + 1)));
  for (;;) {
    TokenIds s(length);
    int a = 0;
    for (int32_t& id : s) {
      id = rng.bernoulli(0.5) ? kFirst : kSecond;
      a += id == kFirst;
    }
    if (2 * a == length) continue;  // a tie has no majority
    if ((2 * a > length) != more_a)
      for (int32_t& id : s) id ^= 1;
    return s;
  }
}

}  // namespace

bool brackets_balanced(const TokenIds& sequence) {
  int depth = 0;
  for (int32_t id : sequence) {
    depth += id == kFirst ? 1 : -1;
    if (depth < 0) return false;
  }
  return depth == 0;
}

SequenceTask make_sequence_task(const std::string& task, int n, int min_length, int max_length, Rng& rng) {
  const bool brackets = task == "brackets";
  if (!brackets && task != "majority")
    throw Error("data.kind", "'" + task + "' is not a sequence task (brackets, majority)");
  if (n < 2) throw Error("data.n", "must be ≥ 2 (one sequence of each label), got " + std::to_string(n));
  if (min_length < 1 || min_length > 1000)
    throw Error("data.minLength", "must be in [1, 1000], got " + std::to_string(min_length));
  if (max_length < min_length || max_length > 1000)
    throw Error("data.maxLength", "must be in [minLength " + std::to_string(min_length) + ", 1000], got " +
                                      std::to_string(max_length));
  if (brackets && (max_length < 2 || (min_length + 1) / 2 > max_length / 2))
    throw Error("data.maxLength", "bracket sequences have even lengths ≥ 2; [" + std::to_string(min_length) + ", " +
                                      std::to_string(max_length) + "] holds none");

  SequenceTask out;
  out.vocabulary = brackets ? std::vector<std::string>{"<pad>", "<oov>", "(", ")"}
                            : std::vector<std::string>{"<pad>", "<oov>", "a", "b"};
  out.class_names = brackets ? std::vector<std::string>{"unbalanced", "balanced"}
                             : std::vector<std::string>{"more b", "more a"};
  std::vector<int> order = rng.permutation(n);
  out.sequences.resize(n);
  out.labels.resize(n);
  for (int i = 0; i < n; ++i) {
    const int label = i % 2;
    TokenIds s;
    if (brackets) {
      const int length = even_length(std::max(min_length, 2), max_length, rng);
      s = label ? balanced_brackets(length, rng) : unbalanced_brackets(length, rng);
    } else {
      s = majority_sequence(min_length, max_length, label == 1, rng);
    }
    out.sequences[order[i]] = std::move(s);
    out.labels[order[i]] = label;
  }
  out.texts.reserve(n);
  for (const TokenIds& s : out.sequences) {
    std::string text;
    for (int32_t id : s) text += (text.empty() ? "" : " ") + out.vocabulary[id];
    out.texts.push_back(text);
  }
  return out;
}

}  // namespace reglab
