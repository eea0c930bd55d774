// The training loop: each technique switched on through the spec changes the run as documented.
#include <gtest/gtest.h>

#include <cmath>

#include "reglab/error.h"
#include "reglab/experiment.h"
#include "support/fixture.h"

namespace reglab {
namespace {

Spec spec_of(const std::string& json) { return parse_spec_text(json); }

DataTexts real_data(const std::string& kind, const std::string& file) {
  return {{kind, testing::read_text_file(std::string(REGLAB_DATA_DIR) + "/" + file)}};
}

const char* kMoons = R"({"seed": 7, "data": {"kind": "moons", "n": 200, "noise": 0.2, "valFraction": 0.5},
  "model": {"hidden": [16, 16]}, "optimizer": {"kind": "adam", "lr": 0.01}, "training": {"epochs": 40, "batchSize": 32}})";

std::string with(const std::string& patch) {
  // The moons spec with the top-level sections of `patch` replaced, e.g. with(R"("regularization": {"l2": 0.01})").
  Json base = Json::parse(kMoons), over = Json::parse("{" + patch + "}");
  for (const auto& kv : over.as_object()) base.set(kv.first, kv.second);
  return base.dump();
}

TEST(Experiment, SameSpecGivesIdenticalRecords) {
  Experiment a(spec_of(kMoons), {}), b(spec_of(kMoons), {});
  auto ra = a.step(10), rb = b.step(10);
  ASSERT_EQ(ra.size(), 10u);
  for (size_t i = 0; i < ra.size(); ++i) {
    EXPECT_EQ(ra[i].trainLoss, rb[i].trainLoss);
    EXPECT_EQ(ra[i].valLoss, rb[i].valLoss);
    EXPECT_EQ(ra[i].weightNorm, rb[i].weightNorm);
  }
}

TEST(Experiment, LearnsMoons) {
  Experiment run(spec_of(kMoons), {});
  auto r = run.step(40);
  EXPECT_LT(r.back().trainLoss, r.front().trainLoss);
  EXPECT_GE(run.evaluate("val").acc, 0.9);
  EXPECT_EQ(run.stop_reason(), "max_epochs");
}

TEST(Experiment, L2ShrinksTheWeightNormAndReportsThePenalty) {
  Experiment plain(spec_of(kMoons), {}), l2(spec_of(with(R"("regularization": {"l2": 0.05})")), {});
  auto rp = plain.step(40), rl = l2.step(40);
  EXPECT_LT(rl.back().weightNorm, rp.back().weightNorm);
  EXPECT_EQ(rp.back().penalty, 0.0);
  EXPECT_NEAR(rl.back().penalty, 0.05 / 2 * rl.back().weightNorm * rl.back().weightNorm, 1e-3 * rl.back().penalty);
}

TEST(Experiment, L1ProximalGivesExactZeros) {
  // Proximal L1 with SGD: a weight whose data gradient stays below λ is set to exactly 0.
  const char* sgd = R"("optimizer": {"kind": "momentum", "lr": 0.1}, "training": {"epochs": 100, "batchSize": 32})";
  Experiment sub(spec_of(with(std::string(R"("regularization": {"l1": 0.01}, )") + sgd)), {});
  Experiment prox(spec_of(with(std::string(R"("regularization": {"l1": 0.01, "l1Mode": "proximal"}, )") + sgd)), {});
  double z_sub = sub.step(100).back().zeroFraction, z_prox = prox.step(100).back().zeroFraction;
  EXPECT_GT(z_prox, 0.3);
  EXPECT_EQ(z_sub, 0.0);
  EXPECT_GE(prox.evaluate("val").acc, 0.9);
}

TEST(Experiment, DropoutPredictionsVaryInTrainModeOnly) {
  Experiment run(spec_of(with(R"("model": {"hidden": [32, 32], "dropout": 0.5})")), {});
  run.step(5);
  float x[4] = {0.1f, 0.2f, -0.5f, 0.7f};
  Matrix e1 = run.predict(x, 2, Mode::Eval), e2 = run.predict(x, 2, Mode::Eval);
  Matrix t1 = run.predict(x, 2, Mode::Train), t2 = run.predict(x, 2, Mode::Train);
  EXPECT_EQ((e1 - e2).cwiseAbs().maxCoeff(), 0.0f);
  EXPECT_GT((t1 - t2).cwiseAbs().maxCoeff(), 1e-4f);
  Matrix mean, var;
  run.mc_predict(x, 2, 50, mean, var);
  EXPECT_GT(var.maxCoeff(), 0.0f);
  EXPECT_NEAR(mean.row(0).sum(), 1.0f, 1e-5f);
}

TEST(Experiment, LookingAtPredictionsNeverChangesTraining) {
  const std::string spec = with(R"("model": {"hidden": [32, 32], "dropout": 0.5})");
  Experiment a(spec_of(spec), {}), b(spec_of(spec), {});
  a.step(3);
  b.step(3);
  float x[2] = {0.1f, 0.2f};
  Matrix mean, var;
  b.predict(x, 1, Mode::Train);
  b.mc_predict(x, 1, 10, mean, var);
  EXPECT_EQ(a.step(3).back().trainLoss, b.step(3).back().trainLoss);
}

TEST(Experiment, EarlyStoppingStopsAndRestoresTheBestEpoch) {
  // A wide net on a small noisy training set overfits: validation loss turns up.
  Experiment run(spec_of(R"({"seed": 3, "data": {"kind": "moons", "n": 200, "noise": 0.35, "trainSize": 30},
      "model": {"hidden": [128, 128]}, "optimizer": {"kind": "adam", "lr": 0.01},
      "training": {"epochs": 500, "batchSize": 16, "earlyStopping": {"patience": 15}}})"), {});
  auto r = run.step(500);
  ASSERT_EQ(run.stop_reason(), "early_stopping");
  EXPECT_LT(run.epoch(), 500);
  int best = run.best_epoch();
  ASSERT_GT(best, 0);
  EXPECT_EQ(run.epoch() - best, 15);
  double best_val = run.history()[best - 1].valLoss;
  for (const auto& rec : run.history()) EXPECT_GE(rec.valLoss, best_val);
  EXPECT_NEAR(run.evaluate("val").loss, best_val, 1e-6);  // the best weights are back
}

TEST(Experiment, SpectralNormKeepsEveryLayerSigmaAtOne) {
  Experiment run(spec_of(with(R"("regularization": {"spectralNorm": {"iterations": 3}})")), {});
  auto r = run.step(20);
  ASSERT_EQ(r.back().sigma.size(), 3u);
  for (double s : r.back().sigma) EXPECT_LE(s, 1.0 + 1e-3);
  // The warm-up makes σ̂ right from the start, not only after many steps.
  for (double s : r.front().sigma) EXPECT_LE(s, 1.0 + 1e-2);
  Experiment plain(spec_of(kMoons), {});
  auto rp = plain.step(20);
  EXPECT_GT(*std::max_element(rp.back().sigma.begin(), rp.back().sigma.end()), 1.1);
}

TEST(Experiment, ClippingBoundsTheGradientNormAndReportsThePreClipNorm) {
  Experiment run(spec_of(with(R"("regularization": {"clipNorm": 0.05})")), {});
  auto r = run.step(3);
  for (const auto& rec : r) {
    EXPECT_LE(rec.gradNorm, 0.05 + 1e-6);
    EXPECT_GT(rec.gradNormPreClip, rec.gradNorm);
  }
}

TEST(Experiment, HugeLearningRateDivergesWithAReasonNotNaN) {
  Experiment run(spec_of(R"({"seed": 1, "data": {"kind": "moons"}, "model": {"hidden": [64, 64]},
      "optimizer": {"kind": "sgd", "lr": 90}, "training": {"epochs": 200}})"), {});
  auto r = run.step(200);
  EXPECT_EQ(run.stop_reason(), "diverged");
  EXPECT_TRUE(r.back().diverged);
  Json j = r.back().to_json();
  EXPECT_TRUE(j["trainLoss"].is_null());
  for (size_t i = 0; i + 1 < r.size(); ++i) EXPECT_TRUE(std::isfinite(r[i].trainLoss));
}

TEST(Experiment, BatchNormNeverTrainsOnASingleSample) {
  // 33 training samples with batch 32 leave a trailing batch of 1: it is skipped, not NaN.
  Experiment run(spec_of(R"({"data": {"kind": "moons", "n": 66, "valFraction": 0.5},
      "model": {"hidden": [16], "norm": "batch"}, "training": {"epochs": 5, "batchSize": 32}})"), {});
  ASSERT_EQ(run.splits().train.rows(), 33);
  for (const auto& r : run.step(5)) EXPECT_TRUE(std::isfinite(r.trainLoss));
  float x[2] = {0.5f, 0.5f};
  Matrix p = run.predict(x, 1, Mode::Eval);  // eval with one row works
  EXPECT_TRUE(std::isfinite(p(0, 0)));
}

TEST(Experiment, StepLossIsTheTrainingLossWhenTrainingAndInferenceComputeTheSame) {
  // No norm, no dropout and weights that barely move (lr 1e-9): the training steps compute what
  // evaluation computes, so their per-sample mean loss is the training split's loss.
  Experiment run(spec_of(with(R"("optimizer": {"kind": "sgd", "lr": 1e-9}, "training": {"epochs": 1, "batchSize": 7})")), {});
  auto r = run.step(1);
  EXPECT_GT(r[0].stepLoss, 0.1);
  EXPECT_NEAR(r[0].stepLoss, r[0].trainLoss, 1e-5);
  EXPECT_FLOAT_EQ(static_cast<float>(r[0].to_json()["stepLoss"].as_number()), static_cast<float>(r[0].stepLoss));
}

TEST(Experiment, LayerNormAndBatchNormPlacementsTrain) {
  for (const char* norm : {"batch", "layer"})
    for (const char* place : {"pre", "post"}) {
      Experiment run(spec_of(with(std::string(R"("model": {"hidden": [16, 16], "norm": ")") + norm +
                                  R"(", "normPlacement": ")" + place + "\"}")), {});
      auto r = run.step(20);
      EXPECT_LT(r.back().trainLoss, r.front().trainLoss) << norm << "/" << place;
      auto w = run.weights();
      bool has_gamma = false;
      for (const auto& t : w) has_gamma |= t.name == "norm1.gamma";
      EXPECT_TRUE(has_gamma);
    }
}

TEST(Experiment, UpdateChangesSettingsMidRunAndRefusesShapeChanges) {
  Experiment run(spec_of(kMoons), {});
  run.step(5);
  run.update(Json::parse(R"({"optimizer": {"lr": 0.001}, "regularization": {"l2": 0.01}, "model": {"dropout": 0.2}})"));
  auto r = run.step(1);
  EXPECT_TRUE(r[0].changed);
  EXPECT_DOUBLE_EQ(r[0].lr, 0.001);
  EXPECT_GT(r[0].penalty, 0);
  try {
    run.update(Json::parse(R"({"model": {"hidden": [8]}})"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "model.hidden");
  }
  try {
    run.update(Json::parse(R"({"optimizer": {"lr": -2}})"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "optimizer.lr");
  }
}

TEST(Experiment, UpdateFollowsEachFieldsMidRunDeclaration) {
  Experiment run(spec_of(kMoons), {});
  run.step(2);
  // Declared mid-run: the budget (extends the run), clipping, label smoothing, input noise.
  run.update(Json::parse(R"({"training": {"epochs": 60}, "regularization": {"clipNorm": 1}, "loss": {"labelSmoothing": 0.1},
                             "augment": {"noise": 0.05}})"));
  EXPECT_EQ(run.spec().training.epochs, 60);
  EXPECT_DOUBLE_EQ(run.spec().regularization.clipNorm, 1);
  // Not declared mid-run: refused with the field's path, whether or not the old deny-list named it.
  for (const char* partial : {R"({"training": {"batchSize": 8}})", R"({"training": {"earlyStopping": true}})",
                              R"({"optimizer": {"beta1": 0.5}})", R"({"data": {"noise": 0.5}})", R"({"seed": 9})"}) {
    Json p = Json::parse(partial);
    std::string expected = p.as_object().front().first;
    const Json& inner = p.as_object().front().second;
    if (inner.is_object()) expected += "." + inner.as_object().front().first;
    try {
      run.update(p);
      ADD_FAILURE() << partial << " was accepted mid-run";
    } catch (const Error& e) {
      EXPECT_EQ(e.path(), expected) << partial;
      EXPECT_NE(std::string(e.what()).find("cannot change during a run"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(run.spec().training.batchSize, 32) << "a refused update changes nothing";
}

TEST(Experiment, TooLargeForTheBrowserIsAClearError) {
  try {
    Experiment run(spec_of(R"({"data": {"kind": "moons", "n": 200000}, "model": {"hidden": [2048, 2048, 2048]}})"), {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "model.hidden");
    EXPECT_NE(std::string(e.what()).find("too large"), std::string::npos);
  }
}

TEST(Experiment, SineRegressionUsesMse) {
  Experiment run(spec_of(R"({"data": {"kind": "sine", "n": 100, "noise": 0.1}, "model": {"hidden": [32]},
      "training": {"epochs": 100, "batchSize": 16}})"), {});
  auto r = run.step(100);
  EXPECT_LT(r.back().trainLoss, 0.3);
  EXPECT_LT(r.back().trainAcc, 0);  // no accuracy for regression
  try {
    Experiment bad(spec_of(R"({"data": {"kind": "sine"}, "loss": {"kind": "softmax_ce"}})"), {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "loss.kind");
  }
}

TEST(Experiment, DigitsWithAugmentationMixupAndCutmixTrain) {
  DataTexts texts = real_data("digits", "digits.csv");
  for (const char* aug : {R"({"image": {"shift": 1, "rotate": 10, "cutout": 2}})", R"({"mixup": {"alpha": 0.4}})",
                          R"({"cutmix": {"alpha": 1.0}})", R"({"noise": 0.05})"}) {
    Experiment run(spec_of(std::string(R"({"data": {"kind": "digits", "trainSize": 200}, "model": {"hidden": [32]},
        "training": {"epochs": 5, "batchSize": 32}, "augment": )") + aug + "}"), texts);
    auto r = run.step(5);
    EXPECT_LT(r.back().trainLoss, r.front().trainLoss + 0.5) << aug;
    EXPECT_GT(run.evaluate("val").acc, 0.5) << aug;
    EXPECT_EQ(run.splits().train.rows(), 200);
  }
}

TEST(Experiment, LabelSmoothingLowersConfidence) {
  Experiment hard(spec_of(kMoons), {}), smooth(spec_of(with(R"("loss": {"labelSmoothing": 0.2})")), {});
  hard.step(40);
  smooth.step(40);
  const Dataset& val = hard.splits().val;
  Matrix ph = hard.predict(val.x.data(), val.rows(), Mode::Eval), ps = smooth.predict(val.x.data(), val.rows(), Mode::Eval);
  EXPECT_LT(ps.rowwise().maxCoeff().mean(), ph.rowwise().maxCoeff().mean());
  EXPECT_LT(ps.rowwise().maxCoeff().mean(), 0.92f);  // the smoothed target of the true class is 0.9
}

TEST(Experiment, SentimentTextWithAugmentationTrains) {
  DataTexts texts = real_data("sentiment", "sentiment.csv");
  Experiment run(spec_of(R"({"data": {"kind": "sentiment"}, "model": {"hidden": [32]},
      "augment": {"text": {"synonym": 0.2, "delete": 0.1, "backTranslate": 0.2}},
      "training": {"epochs": 30, "batchSize": 16}})"), texts);
  auto r = run.step(30);
  EXPECT_LT(r.back().trainLoss, r.front().trainLoss);
  EXPECT_GT(run.evaluate("val").acc, 0.6);
}


// ---- explicit validation and test data ------------------------------------------------------

std::string build_error(const std::string& spec_text) {
  try {
    Experiment run(spec_of(spec_text), {});
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(Experiment, GivenValidationRowsAreTheValidationSetAndEveryRowTrains) {
  // x: 6 rows; valX: 3 other rows, far off in feature 0 (standardized with the training rows only).
  Experiment run(spec_of(R"({"seed": 3, "data": {"kind": "inline", "x": [[0, 0], [1, 1], [2, 0], [0, 2], [1, 0], [2, 2]],
      "y": [0, 1, 1, 0, 1, 0], "valX": [[10, 0], [11, 1], [12, 2]], "valY": [0, 1, 0], "testX": [[1, 1]], "testY": [1]},
      "model": {"hidden": [8]}, "training": {"epochs": 3, "batchSize": 6}})"), {});
  const Splits& s = run.splits();
  ASSERT_EQ(s.train.rows(), 6);
  ASSERT_EQ(s.val.rows(), 3);
  ASSERT_EQ(s.test.rows(), 1);
  EXPECT_NEAR(s.train.x.col(0).cast<double>().mean(), 0.0, 1e-6);
  // Training column 0 has mean 1, population std √(2/3).
  EXPECT_NEAR(s.val.x(0, 0), (10 - 1) / std::sqrt(2.0 / 3), 1e-5);
  EXPECT_EQ(s.val.labels, (Labels{0, 1, 0}));
  auto records = run.step(3);
  Evaluation val = run.evaluate("val");
  EXPECT_FLOAT_EQ(static_cast<float>(records.back().valLoss), static_cast<float>(val.loss));
  EXPECT_NEAR(records.back().valAcc, val.acc, 1e-12);
}

TEST(Experiment, AllRowsTrainWithValXEqualToX) {
  // valFraction would hold out rows; with valX = x every row trains and validation sees the same rows.
  Experiment run(spec_of(R"({"data": {"kind": "inline", "valFraction": 0.5, "standardize": false,
      "x": [[0, 0], [1, 1], [2, 0]], "y": [0, 1, 1], "valX": [[0, 0], [1, 1], [2, 0]], "valY": [0, 1, 1]},
      "model": {"hidden": [4]}, "training": {"epochs": 2, "batchSize": 3}})"), {});
  auto records = run.step(2);
  EXPECT_EQ(run.splits().train.rows(), 3);
  EXPECT_FLOAT_EQ(static_cast<float>(records.back().trainLoss), static_cast<float>(records.back().valLoss));
}

TEST(Experiment, ValidationAndTestCsvAreReadAgainstTheTrainingCsv) {
  std::string train = "a,b,label\\n";
  for (int i = 0; i < 20; ++i) train += std::to_string(i % 5) + "," + std::to_string(i % 3) + "," + std::to_string(i % 2) + "\\n";
  Experiment run(spec_of(R"({"data": {"kind": "csv", "testFraction": 0.25, "csv": ")" + train +
                         R"(", "valCsv": "a,b,label\n1,1,0\n2,2,1\n"}, "model": {"hidden": [4]}, "training": {"epochs": 1}})"), {});
  EXPECT_EQ(run.splits().val.rows(), 2);
  EXPECT_EQ(run.splits().test.rows(), 5);  // testFraction still splits the training rows: no testCsv
  EXPECT_EQ(run.splits().train.rows(), 15);
  EXPECT_EQ(build_error(R"({"data": {"kind": "csv", "csv": ")" + train + R"(", "valCsv": "a,b,label\n1,1,0\n2,x,1\n"}})"),
            "data.valCsv: line 3, column 2 (b): 'x' is not a number");
  EXPECT_EQ(build_error(R"({"data": {"kind": "csv", "csv": ")" + train + R"(", "testCsv": "a,label\n1,0\n"}})"),
            "data.testCsv: line 1 has 2 fields, expected 3 like data.csv");
  EXPECT_EQ(build_error(R"({"data": {"kind": "csv", "csv": ")" + train + R"(", "valCsv": "a,b,label\n1,1,3\n"}})"),
            "data.valCsv: line 2, column 3 (label): class '3' never appears in data.csv");
}

TEST(Experiment, GivenValidationRowsAllowFewerThanFourTrainingRows) {
  Experiment run(spec_of(R"({"data": {"kind": "inline", "x": [[0], [1]], "y": [0, 1], "valX": [[0.5]], "valY": [1]},
      "model": {"hidden": [2]}, "training": {"epochs": 1}})"), {});
  EXPECT_EQ(run.splits().train.rows(), 2);
  EXPECT_EQ(build_error(R"({"data": {"kind": "inline", "x": [[0], [1]], "y": [0, 1]}})").rfind("data.x: needs at least 4", 0), 0u);
}

TEST(Experiment, InlineClassesKeepsAClassTheLabelsLeaveOut) {
  // Labels 0 and 1 only, but a 3-class model (as a PyTorch model with 3 outputs trained on them).
  const std::string data = R"("x": [[0], [1], [2], [3]], "y": [0, 1, 1, 0])";
  Experiment three(spec_of(R"({"data": {"kind": "inline", "classes": 3, )" + data + R"(}, "model": {"hidden": [2]}})"), {});
  EXPECT_EQ(three.outputs(), 3);
  Experiment two(spec_of(R"({"data": {"kind": "inline", )" + data + R"(}, "model": {"hidden": [2]}})"), {});
  EXPECT_EQ(two.outputs(), 2);
}

}  // namespace
}  // namespace reglab
