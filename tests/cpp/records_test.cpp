// The record schema is declared once (records.cpp): the JSON follows it field by field.
#include <gtest/gtest.h>

#include <cmath>

#include "reglab/records.h"

namespace reglab {
namespace {

TEST(Records, JsonKeysFollowTheSchemaInOrder) {
  EpochRecord r;
  r.epoch = 3;
  r.sigma = {1.5, 0.5};
  r.changed = true;
  Json j = r.to_json();
  std::vector<std::string> keys;
  for (const auto& kv : j.as_object()) keys.push_back(kv.first);
  std::vector<std::string> expected;
  for (size_t i = 0; i < kRecordSchemaSize; ++i)
    if (kRecordSchema[i].type != RecordType::Flag || std::string(kRecordSchema[i].name) == "changed")
      expected.push_back(kRecordSchema[i].name);
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(j.dump(), R"({"epoch":3,"trainLoss":0,"valLoss":0,"trainAcc":null,"valAcc":null,"stepLoss":0,"penalty":0,"weightNorm":0,)"
                      R"("gradNorm":0,"gradNormPreClip":0,"lr":0,"zeroFraction":0,"sigma":[1.5,0.5],"time":0,"best":false,"changed":true})");
}

TEST(Records, DivergedRecordsHaveNullLossesAndTheFlag) {
  EpochRecord r;
  r.trainLoss = NAN;
  r.valLoss = 2;
  r.stepLoss = 1;
  r.trainAcc = 0.5;
  r.diverged = true;
  Json j = r.to_json();
  EXPECT_TRUE(j["trainLoss"].is_null());
  EXPECT_TRUE(j["valLoss"].is_null());
  EXPECT_TRUE(j["stepLoss"].is_null());
  EXPECT_TRUE(j["trainAcc"].is_null());
  EXPECT_TRUE(j["diverged"].as_bool());
  EXPECT_EQ(j.find("changed"), nullptr);
}

TEST(Records, DescribeListsEveryFieldWithTypeAndHelp) {
  Json d = describe_records();
  ASSERT_EQ(d.size(), kRecordSchemaSize);
  for (const auto& f : d.as_array()) {
    EXPECT_FALSE(f["help"].as_string().empty()) << f["name"].as_string();
    EXPECT_FALSE(f["type"].as_string().empty()) << f["name"].as_string();
  }
  EXPECT_TRUE(d[3]["nullable"].as_bool()) << "trainAcc is null for regression";
}

}  // namespace
}  // namespace reglab
