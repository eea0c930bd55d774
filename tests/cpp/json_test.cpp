#include <gtest/gtest.h>

#include <cmath>

#include "reglab/error.h"
#include "reglab/json.h"

namespace reglab {
namespace {

TEST(Json, ParsesAndDumpsKeepingKeyOrder) {
  Json j = Json::parse(R"({"b": [1, 2.5, -3e2], "a": {"s": "x\"y\u00e9", "t": true, "n": null}})");
  EXPECT_EQ(j.dump(), R"({"b":[1,2.5,-300],"a":{"s":"x\"yé","t":true,"n":null}})");
}

TEST(Json, NonFiniteNumbersBecomeNull) {
  Json a = Json::array();
  a.push_back(NAN);
  a.push_back(INFINITY);
  EXPECT_EQ(a.dump(), "[null,null]");
}

TEST(Json, FloatValuesRoundTrip) {
  float v = 0.1f;
  Json j(static_cast<double>(v));
  EXPECT_EQ(static_cast<float>(Json::parse(j.dump()).as_number()), v);
}

TEST(Json, SyntaxErrorsNameLineAndColumn) {
  for (const char* bad : {"{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "{\"a\":1,\"a\":2}", "1 2"}) {
    EXPECT_THROW(Json::parse(bad), Error) << bad;
  }
  try {
    Json::parse("[1,\n 2,\n x]");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("line 3, column 2"), std::string::npos) << e.what();
  }
}

TEST(Json, DeepNestingIsRefusedNotACrash) {
  std::string deep(100000, '[');
  EXPECT_THROW(Json::parse(deep), Error);
}

}  // namespace
}  // namespace reglab
