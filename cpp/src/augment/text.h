// Text augmentation: EDA (Wei & Zou 2019, "Easy Data Augmentation") — synonym replacement,
// random insertion, random swap, random deletion — and a toy back-translation EN → FR → EN
// through word tables (text_tables.cpp), for the sentiment dataset.
//
// A sentence is split on whitespace into words; punctuation at a word's ends stays in its slot
// ("great," → "superb,") and the sentence's final punctuation stays at the end; lookups are
// lowercase, a replacement keeps the case of the word it replaces, the first word's capital stays
// at the front after swaps, insertions and deletions, and a lone "i" is written "I". The result
// joins the words with single spaces.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "reglab/rng.h"
#include "reglab/spec.h"
#include "reglab/text_augment.h"

namespace reglab {

using WordMap = std::unordered_map<std::string, std::vector<std::string>>;

// The shipped tables (text_tables.cpp): lowercase word → candidates. The core wasm module
// (reglab-core.wasm, CMakeLists.txt) is linked without them: there each throws Error(field, …),
// `field` being the spec field of the operation that asked for the table.
const WordMap& synonym_table(const char* field = "augment.text.synonym");  // 2–4 synonyms per word, never the word itself
const WordMap& english_to_french(const char* field = "augment.text.backTranslate");  // 1–3 French per English word
const WordMap& french_to_english(const char* field = "augment.text.backTranslate");  // 1–3 English per French word

// Throws, naming the field, where spec turns on an operation that needs the word tables (synonym
// replacement, random insertion, back-translation) and the build has none: a run checks this when
// it is created rather than at its first batch.
void require_word_tables(const TextAugSpec& spec);

// The lowercased words of a sentence as the operations below see them: whitespace-separated
// tokens with punctuation at both ends stripped ("Great," → great, "don't" → don't, "well-made" →
// well-made); a token with no letter is kept whole ("10", "("). The tokenizer
// (data/tokenizer.h) uses the same words, so augmentation and model see the same positions.
std::vector<std::string> sentence_words(const std::string& sentence);

// Each word that has synonyms is replaced, with probability p, by one of them (uniform).
std::string synonym_replace(const std::string& sentence, double p, Rng& rng);
// n = max(1, round(fraction·words)) times: a synonym of a random word that has synonyms is
// inserted at a random position (0..words). Unchanged when no word has a synonym.
std::string random_insert(const std::string& sentence, double fraction, Rng& rng);
// n = max(1, round(fraction·words)) times: two different random positions exchange their words.
std::string random_swap(const std::string& sentence, double fraction, Rng& rng);
// Each word is deleted with probability p; if that would delete every word, one word chosen at
// random is kept. Never returns an empty sentence unless the input was empty.
std::string random_delete(const std::string& sentence, double p, Rng& rng);
// Word by word: a known English word becomes one of its French candidates (uniform), which
// becomes one of its English candidates (uniform); unknown words pass through. `french`, when
// given, receives the intermediate French sentence.
std::string back_translate(const std::string& sentence, Rng& rng, std::string* french = nullptr);

// text_augment_op (one operation by name) is declared in reglab/text_augment.h.

// Applies every enabled operation of spec in the order synonym, insert, swap, deletion,
// back-translation.
std::string augment_text(const std::string& sentence, const TextAugSpec& spec, Rng& rng);

}  // namespace reglab
