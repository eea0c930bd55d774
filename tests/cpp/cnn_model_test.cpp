// Convolutional networks through the spec (model.kind "cnn"): the blocks a spec describes, their
// errors, the weights' names and shapes, a whole CNN training step against PyTorch, and every
// regularizer reaching the conv weights.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "reglab/error.h"
#include "reglab/experiment.h"
#include "support/end_to_end.h"
#include "support/fixture.h"

namespace reglab {
namespace {

using testing::expect_matches;
using testing::load_fixture;
using testing::to_matrix;

DataTexts digits() {
  return {{"digits", testing::read_text_file(std::string(REGLAB_DATA_DIR) + "/digits.csv")}};
}

DataTexts fashion() {
  return {{"fashion_mnist", testing::read_text_file(std::string(REGLAB_DATA_DIR) + "/fashion_mnist_train.bin")},
          {"fashion_mnist_test", testing::read_text_file(std::string(REGLAB_DATA_DIR) + "/fashion_mnist_test.bin")}};
}

// The digits CNN spec with `model` (a JSON object body) and optional extra top-level sections.
std::string digits_cnn(const std::string& model, const std::string& extra = "") {
  return R"({"seed": 3, "data": {"kind": "digits", "valFraction": 0.3, "trainSize": 300},
    "model": {"kind": "cnn", )" + model + R"(},
    "optimizer": {"kind": "adam", "lr": 0.01}, "training": {"epochs": 5, "batchSize": 32})" +
         (extra.empty() ? "" : ", " + extra) + "}";
}

// The error a spec raises when parsed and built into a run, "path: message" ("" when none).
std::string error_path(const std::string& spec, const DataTexts& texts) {
  try {
    Experiment run(parse_spec_text(spec), texts);
  } catch (const Error& e) {
    return e.what();  // "path: message"
  }
  return "";
}

TEST(CnnSpec, ANumberIsABlockWithDefaultsAndTheCanonicalFormWritesEveryField) {
  Spec s = parse_spec_text(digits_cnn(R"("conv": [8, {"filters": 4, "kernel": 5, "padding": "valid", "pool": 0}])"));
  ASSERT_EQ(s.model.conv.size(), 2u);
  EXPECT_EQ(s.model.conv[0].filters, 8);
  EXPECT_EQ(s.model.conv[0].kernel, 3);
  EXPECT_EQ(s.model.conv[0].padding, "same");
  EXPECT_EQ(s.model.conv[0].pool, 2);
  EXPECT_EQ(s.model.conv[1].kernel, 5);
  EXPECT_EQ(s.model.conv[1].pool, 0);
  Json canonical = spec_to_json(s);
  EXPECT_EQ(canonical["model"]["conv"][0]["filters"].as_number(), 8);
  EXPECT_EQ(canonical["model"]["conv"][1]["padding"].as_string(), "valid");
  EXPECT_TRUE(parse_spec(canonical).model.conv == s.model.conv);
}

TEST(CnnSpec, BadBlocksAndMismatchedDataNameTheField) {
  auto path_of = [](const std::string& json) {
    try {
      parse_spec_text(json);
    } catch (const Error& e) {
      return e.path();
    }
    return std::string("(no error)");
  };
  EXPECT_EQ(path_of(digits_cnn(R"("conv": [])")), "model.conv");
  EXPECT_EQ(path_of(digits_cnn(R"("conv": [0])")), "model.conv[0]");
  EXPECT_EQ(path_of(digits_cnn(R"("conv": [8, {"kernel": 9}])")), "model.conv[1].kernel");
  EXPECT_EQ(path_of(digits_cnn(R"("conv": [{"padding": "full"}])")), "model.conv[0].padding");
  EXPECT_EQ(path_of(digits_cnn(R"("conv": [{"filter": 8}])")), "model.conv[0].filter");
  EXPECT_EQ(path_of(digits_cnn(R"("conv": ["8"])")), "model.conv[0]");
  EXPECT_EQ(path_of(R"({"data": {"kind": "moons"}, "model": {"kind": "cnn", "conv": [8]}})"), "model.conv");
  EXPECT_EQ(path_of(R"({"data": {"kind": "digits"}, "model": {"conv": [8]}})"), "model.conv");
  EXPECT_EQ(path_of(R"({"data": {"kind": "digits"}, "model": {"convDropout": 0.2}})"), "model.convDropout");
  EXPECT_EQ(path_of(R"({"data": {"kind": "moons", "imageShape": [1, 2, 1]}})"), "data.imageShape");
  EXPECT_EQ(path_of(R"({"data": {"kind": "inline", "x": [[1, 2, 3]], "y": [0], "imageShape": [1, 2, 2]}})"), "data.x[0]");
  EXPECT_EQ(path_of(R"({"data": {"kind": "inline", "x": [[1, 2, 3, 4]], "y": [0], "imageShape": [1, 2]}})"),
            "data.imageShape");
}

TEST(CnnSpec, ABlockThatShrinksTheImageBelowOnePixelIsRefusedAtItsField) {
  // digits are 1×8×8: pool 2 three times gives 1×1, a fourth pooling has nothing left to pool.
  std::string e = error_path(digits_cnn(R"("conv": [4, 4, 4, 4])"), digits());
  EXPECT_EQ(e.rfind("model.conv[3]", 0), 0u) << e;
  // A 7×7 'valid' kernel on the 4×4 image left after one pooling is larger than its input.
  e = error_path(digits_cnn(R"("conv": [4, {"kernel": 7, "padding": "valid"}])"), digits());
  EXPECT_EQ(e.rfind("model.conv[1]", 0), 0u) << e;
  EXPECT_EQ(error_path(digits_cnn(R"("conv": [4, {"kernel": 3, "padding": "valid", "pool": 0}])"), digits()), "");
}

TEST(CnnSpec, TooMuchWorkForTheBrowserIsRefusedWithTheNumbers) {
  std::string e = error_path(R"({"data": {"kind": "fashion_mnist", "valFraction": 0.2},
      "model": {"kind": "cnn", "conv": [{"filters": 64, "pool": 0}, {"filters": 64, "pool": 0}], "hidden": []}})",
                             fashion());
  EXPECT_EQ(e.rfind("model.conv: model × data is too much work", 0), 0u) << e;
}

TEST(CnnModel, WeightsAreNamedInModelOrderWithPyTorchShapes) {
  Experiment run(parse_spec_text(digits_cnn(R"("conv": [8, 16], "hidden": [32], "norm": "batch")")), digits());
  std::vector<std::string> names;
  std::map<std::string, std::vector<int>> shapes;
  for (const auto& t : run.weights()) {
    names.push_back(t.name);
    shapes[t.name] = t.shape;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"conv1.W", "conv1.b", "cnorm1.gamma", "cnorm1.beta", "cnorm1.running_mean",
                                             "cnorm1.running_var", "conv2.W", "conv2.b", "cnorm2.gamma", "cnorm2.beta",
                                             "cnorm2.running_mean", "cnorm2.running_var", "dense1.W", "dense1.b",
                                             "norm1.gamma", "norm1.beta", "norm1.running_mean", "norm1.running_var",
                                             "dense2.W", "dense2.b"}));
  EXPECT_EQ(shapes["conv1.W"], (std::vector<int>{8, 1, 3, 3}));
  EXPECT_EQ(shapes["conv2.W"], (std::vector<int>{16, 8, 3, 3}));
  EXPECT_EQ(shapes["cnorm2.gamma"], (std::vector<int>{1, 16}));
  // 8×8 → pool → 4×4 → pool → 2×2: dense1 reads 16·2·2 features in C·H·W order.
  EXPECT_EQ(shapes["dense1.W"], (std::vector<int>{32, 64}));
  EXPECT_EQ(run.inputs(), 64);
  EXPECT_EQ(run.outputs(), 10);
}

TEST(CnnModel, SetWeightsTakesTheFourDimensionalShapeAndRefusesAnother) {
  Experiment run(parse_spec_text(digits_cnn(R"("conv": [4], "hidden": [])")), digits());
  auto w = run.weights();
  ASSERT_EQ(w[0].name, "conv1.W");
  w[0].data.assign(w[0].data.size(), 0.5f);
  run.set_weights({w[0]});
  EXPECT_EQ(run.weights()[0].data[7], 0.5f);
  NamedTensor wrong = w[0];
  wrong.shape = {4, 9};
  try {
    run.set_weights({wrong});
    FAIL() << "a [rows, cols] shape for a conv weight was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "weights.conv1.W");
    EXPECT_NE(std::string(e.what()).find("expected shape [4, 1, 3, 3]"), std::string::npos) << e.what();
  }
}

// The fixture's CNN through the whole engine: inline images (data.imageShape), valX = x, one
// full-batch SGD-momentum step per epoch from PyTorch's initial weights.
TEST(CnnModel, ThreeTrainingStepsMatchPyTorch) {
  auto f = load_fixture("cnn_end_to_end");
  const Json& in = f.inputs();
  Json spec = Json::parse(R"({"seed": 1, "data": {"kind": "inline", "standardize": false, "task": "classification",
      "classes": 3}, "model": {"kind": "cnn", "conv": [3, {"filters": 4, "padding": "valid", "pool": 0}],
      "hidden": [5], "activation": "relu"}, "loss": {"kind": "softmax_ce"},
      "optimizer": {"kind": "momentum"}, "training": {"shuffle": false}})");
  spec = testing::full_batch_fixture_spec(spec, in);
  Json data = spec["data"];
  data.set("imageShape", in["image_shape"]);
  spec.set("data", data);

  Experiment run(parse_spec(spec), {});
  std::vector<NamedTensor> start = run.weights();
  for (auto& t : start) {
    Matrix m = to_matrix(in["params"][t.name]);
    t.data.assign(m.data(), m.data() + m.size());  // row-major: Matrix is row-major (reglab/tensor.h)
  }
  run.set_weights(start);
  const Json& ex = f.expected();
  expect_matches(run.evaluate("train").loss, ex["data_loss_eval"][0], f, "data_loss_eval[0]");
  auto records = run.step(static_cast<int>(in["steps"].as_number()));
  ASSERT_EQ(records.size(), 3u);
  for (size_t k = 0; k < records.size(); ++k) {
    expect_matches(records[k].trainLoss, ex["data_loss_eval"][k + 1], f, "data_loss_eval[" + std::to_string(k + 1) + "]");
    if (k + 1 < ex["penalty"].size())
      expect_matches(records[k].penalty, ex["penalty"][k + 1], f, "penalty[" + std::to_string(k + 1) + "]");
  }
  for (const auto& t : run.weights()) {
    Matrix got = Eigen::Map<const Matrix>(t.data.data(), to_matrix(ex["final_params"][t.name]).rows(),
                                          to_matrix(ex["final_params"][t.name]).cols());
    expect_matches(got, ex["final_params"][t.name], f, "final_params." + t.name);
  }
}

TEST(CnnModel, LearnsDigitsAsImagesAndIsDeterministic) {
  const std::string spec = digits_cnn(R"("conv": [8, 16], "hidden": [32])");
  Experiment a(parse_spec_text(spec), digits()), b(parse_spec_text(spec), digits());
  auto ra = a.step(5), rb = b.step(5);
  for (size_t i = 0; i < ra.size(); ++i) EXPECT_EQ(ra[i].valLoss, rb[i].valLoss);
  EXPECT_LT(ra.back().trainLoss, 0.5 * ra.front().trainLoss);
  EXPECT_GE(a.evaluate("val").acc, 0.75);  // 300 training digits, 5 epochs (0.81 measured); chance is 0.1
}

TEST(CnnModel, PerLayerPenaltiesCountConvBlocksFirst) {
  // λ only on conv1 (group 0): the penalty is (λ/2)‖conv1.W‖² after the epoch.
  Experiment run(parse_spec_text(digits_cnn(R"("conv": [4], "hidden": [])",
                                            R"("regularization": {"layers": [{"l2": 0.1}, {"l2": 0}]})")),
                 digits());
  auto r = run.step(1);
  double sq = 0;
  for (const auto& t : run.weights())
    if (t.name == "conv1.W")
      for (float v : t.data) sq += static_cast<double>(v) * v;
  EXPECT_NEAR(r[0].penalty, 0.05 * sq, 1e-6 * (1 + sq));
  EXPECT_GT(r[0].penalty, 0);
  // Three groups are one too many for a 1-block CNN with no hidden layer.
  EXPECT_THROW(parse_spec_text(digits_cnn(R"("conv": [4], "hidden": [])",
                                          R"("regularization": {"layers": [{"l2": 0.1}, {}, {}]})")),
               Error);
}

TEST(CnnModel, SpectralNormKeepsConvAndDenseSigmasNearOne) {
  Experiment run(parse_spec_text(digits_cnn(R"("conv": [8, 16], "hidden": [32])",
                                            R"("regularization": {"spectralNorm": true})")),
                 digits());
  auto r = run.step(2);
  ASSERT_EQ(r.back().sigma.size(), 4u);  // conv1, conv2, dense1, dense2
  for (double s : r.back().sigma) EXPECT_NEAR(s, 1.0, 0.05);
  Experiment plain(parse_spec_text(digits_cnn(R"("conv": [8, 16], "hidden": [32])")), digits());
  auto p = plain.step(2);
  EXPECT_GT(std::abs(p.back().sigma[0] - 1.0), 0.1);  // without it conv1's σ is not held at 1
}

TEST(CnnModel, ChannelDropoutChangesTrainingAndCanChangeMidRun) {
  const std::string base = digits_cnn(R"("conv": [8], "hidden": [16])");
  const std::string dropped = digits_cnn(R"("conv": [8], "hidden": [16], "convDropout": 0.3)");
  Experiment a(parse_spec_text(base), digits()), b(parse_spec_text(dropped), digits());
  EXPECT_NE(a.step(1)[0].trainLoss, b.step(1)[0].trainLoss);
  Json update = Json::parse(R"({"model": {"convDropout": 0.5}})");
  EXPECT_NO_THROW(b.update(update));
  EXPECT_EQ(b.spec().model.convDropout, 0.5);
  EXPECT_THROW(b.update(Json::parse(R"({"model": {"conv": [4]}})")), Error);
}

TEST(CnnModel, FashionMnistTrainsOnTheShippedImagesWithItsOwnTestSet) {
  Experiment run(parse_spec_text(R"({"seed": 1, "data": {"kind": "fashion_mnist", "valFraction": 0.2, "trainSize": 600},
      "model": {"kind": "cnn", "conv": [8, 16], "hidden": [64]}, "optimizer": {"kind": "adam", "lr": 0.003},
      "training": {"epochs": 3, "batchSize": 64}})"),
                 fashion());
  run.step(3);
  EXPECT_EQ(run.splits().train.rows(), 600);
  EXPECT_EQ(run.splits().val.rows(), 900);
  EXPECT_EQ(run.splits().test.rows(), 2000);
  EXPECT_GE(run.evaluate("val").acc, 0.6);  // 600 images, 3 epochs; chance is 0.1
  std::string e = error_path(R"({"data": {"kind": "fashion_mnist", "testFraction": 0.1}})", fashion());
  EXPECT_EQ(e.rfind("data.testFraction", 0), 0u) << e;
}

}  // namespace
}  // namespace reglab
