// Text augmentation, one operation at a time (the page previews each on a sentence; the operations are
// documented in cpp/src/augment/text.h).
#pragma once
#include <string>

#include "reglab/rng.h"

namespace reglab {

// One operation by name: "synonym" (p per word), "insert" (fraction), "swap" (fraction),
// "delete" (p per word), "back_translate" (probability for the sentence). strength ≤ 0 returns
// the sentence unchanged. Throws Error("augment.text", ...) for another op.
std::string text_augment_op(const std::string& sentence, const std::string& op, double strength, Rng& rng);

}  // namespace reglab
