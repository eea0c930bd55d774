#include "augment/text.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "reglab/error.h"

namespace reglab {

namespace {

bool is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

std::string lowercase(std::string s) {
  for (char& c : s) c = to_lower(c);
  return s;
}

// A whitespace-separated word: punctuation before, the word itself, punctuation after.
// A token without letters is all `core`.
struct Token {
  std::string prefix, core, suffix;
};

struct Sentence {
  std::vector<Token> tokens;
  bool capitalize_first = false;  // the sentence started with a capital (stored lowercased)
  std::string ending;             // the last word's trailing punctuation, kept at the very end
};

Sentence split_sentence(const std::string& text) {
  Sentence s;
  size_t i = 0, n = text.size();
  while (i < n) {
    while (i < n && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < n && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (start == i) break;
    std::string word = text.substr(start, i - start);
    size_t a = 0, b = word.size();
    while (a < b && !is_letter(static_cast<unsigned char>(word[a]))) ++a;
    while (b > a && !is_letter(static_cast<unsigned char>(word[b - 1]))) --b;
    Token t;
    if (a == b) t.core = word;
    else t = {word.substr(0, a), word.substr(a, b - a), word.substr(b)};
    s.tokens.push_back(t);
  }
  if (!s.tokens.empty()) {
    std::string& first = s.tokens[0].core;
    // "The" → "the" and "I" → "i", capitalized again at the front by join; "NASA" is kept.
    bool rest_lower = first.empty() || std::none_of(first.begin() + 1, first.end(), is_upper);
    if (!first.empty() && is_upper(first[0]) && rest_lower) {
      first[0] = to_lower(first[0]);
      s.capitalize_first = true;
    }
    s.ending.swap(s.tokens.back().suffix);
  }
  return s;
}

std::string join(const Sentence& s) {
  std::string out;
  for (size_t k = 0; k < s.tokens.size(); ++k) {
    std::string core = s.tokens[k].core;
    if (core == "i") core = "I";
    if (k == 0 && s.capitalize_first && !core.empty()) core[0] = to_upper(core[0]);
    if (k) out += ' ';
    out += s.tokens[k].prefix + core + s.tokens[k].suffix;
  }
  return out + s.ending;
}

// `replacement` written in the case of `original`: "Good" → "Fine", "GOOD" → "FINE".
std::string with_case_of(const std::string& original, const std::string& replacement) {
  std::string out = replacement;
  if (original == "I") return out;  // the pronoun's capital is not a style to copy
  const bool all_upper = original.size() > 1 && std::none_of(original.begin(), original.end(),
                                                             [](char c) { return c >= 'a' && c <= 'z'; });
  if (all_upper) {
    for (char& c : out) c = to_upper(c);
  } else if (!original.empty() && is_upper(original[0]) && !out.empty()) {
    out[0] = to_upper(out[0]);
  }
  return out;
}

const std::vector<std::string>* lookup(const WordMap& table, const std::string& word) {
  auto it = table.find(lowercase(word));
  return it == table.end() ? nullptr : &it->second;
}

const std::string& pick(const std::vector<std::string>& candidates, Rng& rng) {
  return candidates[rng.uniform_int(static_cast<uint32_t>(candidates.size()))];
}

int operation_count(double fraction, size_t words) {
  return std::max(1, static_cast<int>(std::lround(fraction * static_cast<double>(words))));
}

}  // namespace

std::vector<std::string> sentence_words(const std::string& sentence) {
  Sentence s = split_sentence(sentence);
  std::vector<std::string> words;
  words.reserve(s.tokens.size());
  for (const Token& t : s.tokens) words.push_back(lowercase(t.core));
  return words;
}

std::string synonym_replace(const std::string& sentence, double p, Rng& rng) {
  const WordMap& table = synonym_table();
  Sentence s = split_sentence(sentence);
  for (Token& t : s.tokens)
    if (const auto* synonyms = lookup(table, t.core))
      if (rng.bernoulli(p)) t.core = with_case_of(t.core, pick(*synonyms, rng));
  return join(s);
}

std::string random_insert(const std::string& sentence, double fraction, Rng& rng) {
  const WordMap& table = synonym_table("augment.text.insert");
  Sentence s = split_sentence(sentence);
  const int inserts = operation_count(fraction, s.tokens.size());
  for (int k = 0; k < inserts; ++k) {
    std::vector<const std::vector<std::string>*> sources;
    for (const Token& t : s.tokens)
      if (const auto* synonyms = lookup(table, t.core)) sources.push_back(synonyms);
    if (sources.empty()) break;
    const auto& synonyms = *sources[rng.uniform_int(static_cast<uint32_t>(sources.size()))];
    Token inserted{"", pick(synonyms, rng), ""};
    size_t at = rng.uniform_int(static_cast<uint32_t>(s.tokens.size() + 1));
    s.tokens.insert(s.tokens.begin() + static_cast<long>(at), inserted);
  }
  return join(s);
}

std::string random_swap(const std::string& sentence, double fraction, Rng& rng) {
  Sentence s = split_sentence(sentence);
  const uint32_t n = static_cast<uint32_t>(s.tokens.size());
  if (n < 2) return join(s);
  const int swaps = operation_count(fraction, n);
  for (int k = 0; k < swaps; ++k) {
    uint32_t a = rng.uniform_int(n), b = rng.uniform_int(n - 1);
    if (b >= a) ++b;  // a different position, uniformly
    std::swap(s.tokens[a].core, s.tokens[b].core);
  }
  return join(s);
}

std::string random_delete(const std::string& sentence, double p, Rng& rng) {
  Sentence s = split_sentence(sentence);
  if (s.tokens.size() < 2) return join(s);
  std::vector<Token> kept;
  for (const Token& t : s.tokens)
    if (!rng.bernoulli(p)) kept.push_back(t);
  if (kept.empty()) kept.push_back(s.tokens[rng.uniform_int(static_cast<uint32_t>(s.tokens.size()))]);
  s.tokens.swap(kept);
  return join(s);
}

std::string back_translate(const std::string& sentence, Rng& rng, std::string* french) {
  const WordMap& en_fr = english_to_french();
  const WordMap& fr_en = french_to_english();
  Sentence s = split_sentence(sentence);
  Sentence fr = s;
  for (size_t k = 0; k < s.tokens.size(); ++k) {
    const auto* to_french = lookup(en_fr, s.tokens[k].core);
    if (to_french == nullptr) continue;
    const std::string& word_fr = pick(*to_french, rng);
    fr.tokens[k].core = with_case_of(s.tokens[k].core, word_fr);
    if (const auto* to_english = lookup(fr_en, word_fr))
      s.tokens[k].core = with_case_of(s.tokens[k].core, pick(*to_english, rng));
  }
  if (french) *french = join(fr);
  return join(s);
}

void require_word_tables(const TextAugSpec& spec) {
  if (spec.synonym > 0) synonym_table("augment.text.synonym");
  if (spec.insert > 0) synonym_table("augment.text.insert");
  if (spec.backTranslate > 0) english_to_french("augment.text.backTranslate");
}

std::string text_augment_op(const std::string& sentence, const std::string& op, double strength, Rng& rng) {
  if (op != "synonym" && op != "insert" && op != "swap" && op != "delete" && op != "back_translate")
    throw Error("augment.text",
                "unknown operation '" + op + "' (synonym, insert, swap, delete, back_translate)");
  if (strength <= 0) return sentence;
  if (op == "synonym") return synonym_replace(sentence, strength, rng);
  if (op == "insert") return random_insert(sentence, strength, rng);
  if (op == "swap") return random_swap(sentence, strength, rng);
  if (op == "delete") return random_delete(sentence, strength, rng);
  english_to_french();  // before the draw: a build without the tables refuses every call alike
  return rng.bernoulli(strength) ? back_translate(sentence, rng) : sentence;
}

std::string augment_text(const std::string& sentence, const TextAugSpec& spec, Rng& rng) {
  std::string s = sentence;
  if (spec.synonym > 0) s = text_augment_op(s, "synonym", spec.synonym, rng);
  if (spec.insert > 0) s = text_augment_op(s, "insert", spec.insert, rng);
  if (spec.swap > 0) s = text_augment_op(s, "swap", spec.swap, rng);
  if (spec.deletion > 0) s = text_augment_op(s, "delete", spec.deletion, rng);
  if (spec.backTranslate > 0) s = text_augment_op(s, "back_translate", spec.backTranslate, rng);
  return s;
}

}  // namespace reglab
