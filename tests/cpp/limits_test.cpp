// Extreme but valid settings (issue 8): each one either trains or is refused with an Error that
// names the field and the limit. The decisions are documented in docs/security.md ("Limits").
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "reglab/error.h"
#include "reglab/experiment.h"

namespace reglab {
namespace {

// Moons with `patch`'s top-level sections replaced.
Spec moons(const std::string& patch = "") {
  Json base = Json::parse(R"({"seed": 5, "data": {"kind": "moons", "n": 120, "noise": 0.2, "valFraction": 0.5},
    "model": {"hidden": [16]}, "optimizer": {"kind": "adam", "lr": 0.01}, "training": {"epochs": 30, "batchSize": 16}})");
  const Json over = Json::parse("{" + patch + "}");
  for (const auto& kv : over.as_object()) base.set(kv.first, kv.second);
  return parse_spec(base);
}

// The Error a spec raises when it is validated and built (fails the test when there is none).
Error refusal(const std::string& patch) {
  try {
    Experiment run(moons(patch), {});
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected an Error for " << patch;
  return Error("", "");
}

void expect_finite(const std::vector<EpochRecord>& records) {
  for (const auto& r : records) {
    EXPECT_FALSE(r.diverged) << "epoch " << r.epoch;
    EXPECT_TRUE(std::isfinite(r.trainLoss) && std::isfinite(r.valLoss)) << "epoch " << r.epoch;
  }
}

TEST(Limits, PenaltyOfTenTrainsAndCollapsesTheWeights) {
  Experiment plain(moons(), {});
  Experiment strong(moons(R"("regularization": {"l2": 10})"), {});
  auto a = plain.step(30), b = strong.step(30);
  expect_finite(b);
  EXPECT_LT(b.back().weightNorm, 0.5 * a.back().weightNorm);
  EXPECT_NEAR(b.back().trainLoss, std::log(2.0), 0.05);  // underfits: predicts 50/50
  Experiment l1(moons(R"("regularization": {"l1": 10, "l1Mode": "proximal"})"), {});
  auto c = l1.step(30);
  expect_finite(c);
  EXPECT_GT(c.back().zeroFraction, 0.9);  // the proximal step zeroes nearly every weight
}

TEST(Limits, PenaltyOfTenWithABigSgdStepDivergesWithAReason) {
  // W ← (1 − αλ)W with αλ = 5 multiplies the weights by −4 each step.
  Experiment run(moons(R"("regularization": {"l2": 10}, "optimizer": {"kind": "sgd", "lr": 0.5})"), {});
  auto records = run.step(30);
  ASSERT_FALSE(records.empty());
  EXPECT_LT(records.size(), 30u);
  EXPECT_EQ(run.stop_reason(), "diverged");
  EXPECT_TRUE(records.back().diverged);
  EXPECT_EQ(records.back().to_json()["trainLoss"].dump(), "null");  // never NaN on a chart
  EXPECT_TRUE(run.step(5).empty());                                // a diverged run stays stopped
}

TEST(Limits, DropoutOf099Trains) {
  // 128 units: some survive in most passes (0.99^128 = 28 % chance a whole layer is dropped).
  Experiment run(moons(R"("model": {"hidden": [128, 128], "dropout": 0.99})"), {});
  expect_finite(run.step(30));
  Matrix mean, var;
  Matrix x = run.splits().val.x.topRows(8);
  run.mc_predict(x.data(), 8, 50, mean, var);
  EXPECT_TRUE(mean.allFinite() && var.allFinite());
  EXPECT_GT(var.maxCoeff(), 0);  // almost every unit is dropped: predictions vary a lot
}

TEST(Limits, DropoutOfOneIsRefused) {
  Error e = refusal(R"("model": {"hidden": [8], "dropout": 1})");
  EXPECT_EQ(e.path(), "model.dropout");
  EXPECT_NE(e.message().find("[0, 1)"), std::string::npos) << e.message();
}

TEST(Limits, BatchSizeOneTrains) {
  Experiment run(moons(R"("training": {"epochs": 5, "batchSize": 1})"), {});
  auto records = run.step(5);
  expect_finite(records);
  EXPECT_LT(records.back().trainLoss, records.front().trainLoss * 1.5);
  // Layer norm works per sample, so it trains with batch size 1 too.
  Experiment ln(moons(R"("model": {"hidden": [8], "norm": "layer"}, "training": {"epochs": 3, "batchSize": 1})"), {});
  expect_finite(ln.step(3));
}

TEST(Limits, BatchNormWithBatchSizeOneIsRefused) {
  Error e = refusal(R"("model": {"hidden": [8], "norm": "batch"}, "training": {"batchSize": 1})");
  EXPECT_EQ(e.path(), "training.batchSize");
  EXPECT_NE(e.message().find("layer normalization"), std::string::npos) << e.message();
}

TEST(Limits, FewerThanFourSamplesAreRefusedNamingWhereTheyCameFrom) {
  Error n = refusal(R"("data": {"kind": "moons", "n": 3})");
  EXPECT_EQ(n.path(), "data.n");
  EXPECT_NE(n.message().find("got 3"), std::string::npos) << n.message();
  Error x = refusal(R"("data": {"kind": "inline", "x": [[1, 2]], "y": [1]})");
  EXPECT_EQ(x.path(), "data.x");
  EXPECT_NE(x.message().find("at least 4 samples"), std::string::npos) << x.message();
  Error csv = refusal(R"("data": {"kind": "csv", "csv": "a,label\n1,0\n2,1\n"})");
  EXPECT_EQ(csv.path(), "data.csv");
  EXPECT_NE(csv.message().find("got 2"), std::string::npos) << csv.message();
}

TEST(Limits, OneTrainingSampleTrainsAndIsMemorized) {
  Experiment run(moons(R"("data": {"kind": "moons", "n": 40, "valFraction": 0.5, "trainSize": 1})"), {});
  ASSERT_EQ(run.splits().train.rows(), 1);
  auto records = run.step(30);
  expect_finite(records);
  EXPECT_EQ(records.back().trainAcc, 1.0);
  EXPECT_LT(records.back().trainLoss, records.front().trainLoss);
}

TEST(Limits, BatchNormWithOneTrainingSampleIsRefused) {
  Error e = refusal(R"("data": {"kind": "moons", "n": 40, "trainSize": 1}, "model": {"hidden": [8], "norm": "batch"})");
  EXPECT_EQ(e.path(), "data.trainSize");
  EXPECT_NE(e.message().find("at least 2 training samples"), std::string::npos) << e.message();
}

TEST(Limits, TenThousandEpochsRunToTheEnd) {
  Experiment run(moons(R"("data": {"kind": "moons", "n": 40}, "model": {"hidden": [4]},
                          "training": {"epochs": 10000, "batchSize": 32})"), {});
  auto records = run.step(10000);
  EXPECT_EQ(records.size(), 10000u);
  EXPECT_EQ(run.stop_reason(), "max_epochs");
  EXPECT_EQ(run.history().size(), 10000u);
  expect_finite({records.back()});
}

TEST(Limits, MoreThanTheEpochLimitIsRefused) {
  Error e = refusal(R"("training": {"epochs": 100001})");
  EXPECT_EQ(e.path(), "training.epochs");
  EXPECT_NE(e.message().find("100000"), std::string::npos) << e.message();
}

TEST(Limits, TenLayersOf512TrainOnASmallSet) {
  // 2,366,466 parameters × 160 samples = 3.8e8 ≤ kMaxDataTimesModel (8e8: up to 338 samples).
  Experiment run(moons(R"("data": {"kind": "moons", "n": 160, "valFraction": 0.3},
                          "model": {"hidden": [512, 512, 512, 512, 512, 512, 512, 512, 512, 512]},
                          "training": {"epochs": 1, "batchSize": 32})"), {});
  expect_finite(run.step(1));
}

TEST(Limits, TenLayersOf512OnFourHundredSamplesIsRefusedWithTheBudget) {
  Error e = refusal(R"("data": {"kind": "moons", "n": 400},
                       "model": {"hidden": [512, 512, 512, 512, 512, 512, 512, 512, 512, 512]})");
  EXPECT_EQ(e.path(), "model.hidden");
  EXPECT_NE(e.message().find("2366466 parameters × 400 samples = 946586400 > 800000000"), std::string::npos) << e.message();
  EXPECT_NE(e.message().find("too large for the browser"), std::string::npos) << e.message();
}

TEST(Limits, ModelsBeyondTheParameterCapAreRefusedBeforeAllocation) {
  // 12 layers of 2048 on 4 samples would pass the data × model budget but need ~1 GB of weights.
  Error e = refusal(R"("data": {"kind": "inline", "x": [[0], [1], [2], [3]], "y": [0, 1, 0, 1]},
                       "model": {"hidden": [2048, 2048, 2048, 2048, 2048, 2048, 2048, 2048, 2048, 2048, 2048, 2048]})");
  EXPECT_EQ(e.path(), "model.hidden");
  EXPECT_NE(e.message().find("parameters > 5000000"), std::string::npos) << e.message();
}

TEST(Limits, CsvBeyondTheDataValueCapIsRefusedWhileReading) {
  // 2,501 rows of 4,000 features = 10,004,000 values > kMaxDataValues.
  std::string row;
  for (int c = 0; c < 4000; ++c) row += "0,";
  row += "1\n";
  std::string text;
  text.reserve(row.size() * 2501);
  for (int r = 0; r < 2501; ++r) text += row;
  Json spec = Json::object(), data = Json::object();
  data.set("kind", "csv");
  data.set("csv", text);
  spec.set("data", data);
  try {
    build_splits(parse_spec(spec), {});
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "data.csv");
    EXPECT_NE(e.message().find("line 2501: more than 10000000 feature values"), std::string::npos) << e.message();
  }
}

TEST(Limits, DescribeExportsEveryLimit) {
  Json limits = describe_spec()["limits"];
  EXPECT_EQ(limits["minSamples"].as_number(), kMinSamples);
  EXPECT_EQ(limits["maxParameters"].as_number(), kMaxParameters);
  EXPECT_EQ(limits["maxDataValues"].as_number(), kMaxDataValues);
  EXPECT_EQ(limits["maxDataTimesModel"].as_number(), kMaxDataTimesModel);
}

}  // namespace
}  // namespace reglab
