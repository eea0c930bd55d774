// Inputs the fuzzers (tests/fuzz/) found to break the engine, each kept as a test of the fix.
// The inputs themselves are also in tests/fuzz/corpus/, which run.sh replays first.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "reglab/error.h"
#include "reglab/spec.h"

namespace reglab {
namespace {

// fuzz_spec, crash-huge-number-in-error.json: a valFraction of 7.8e40 was formatted for the error
// message by casting it to long long first — undefined behaviour (UBSan: float-cast-overflow).
TEST(FuzzRegression, HugeNumbersAreFormattedWithoutAnIntegerCast) {
  EXPECT_EQ(format_number(7.77777777777777777e40), "7.77777778e+40");
  EXPECT_EQ(format_number(-1e300), "-1e+300");
  EXPECT_EQ(format_number(1e15), "1e+15");
  EXPECT_EQ(format_number(123456789012345.0), "123456789012345");
  EXPECT_EQ(format_number(-3), "-3");
  EXPECT_EQ(format_number(0.5), "0.5");
  EXPECT_EQ(format_number(INFINITY), "inf");
  EXPECT_EQ(format_number(NAN), "nan");
}

TEST(FuzzRegression, HugeOutOfRangeFractionNamesTheFieldAndTheValue) {
  try {
    parse_spec_text(R"({"data": {"kind": "moons", "valFraction": 77777777777777777777777777777777777777770.5}})");
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "data.valFraction");
    EXPECT_NE(e.message().find("got 7.77777778e+40"), std::string::npos) << e.message();
  }
}

TEST(FuzzRegression, HugeIntegerFieldIsRefusedNotTruncated) {
  // 1e40 epochs must be refused by the range check before any conversion to int.
  try {
    parse_spec_text(R"({"training": {"epochs": 1e40}})");
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "training.epochs");
    EXPECT_NE(e.message().find("1e+40"), std::string::npos) << e.message();
  }
}

}  // namespace
}  // namespace reglab
