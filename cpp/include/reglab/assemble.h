// Data assembly: the splits a spec describes (cpp/src/data/assemble.cpp).
#pragma once
#include <map>
#include <string>

#include "reglab/dataset.h"
#include "reglab/spec.h"

namespace reglab {

// CSV texts of the real datasets ("digits" → contents of digits.csv). The host (CLI, JS) fills it;
// the engine does no file or network I/O.
using DataTexts = std::map<std::string, std::string>;

// Builds the splits a spec describes (deterministic from the data seed).
Splits build_splits(const Spec& spec, const DataTexts& texts);

}  // namespace reglab
