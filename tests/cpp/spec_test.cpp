// The experiment spec: defaults, canonical round trip, and errors that name the field.
#include <gtest/gtest.h>

#include "reglab/error.h"
#include "reglab/spec.h"

namespace reglab {
namespace {

std::string error_path(const std::string& text) {
  try {
    parse_spec_text(text);
  } catch (const Error& e) {
    return e.path();
  }
  return "<no error>";
}

std::string error_text(const std::string& text) {
  try {
    parse_spec_text(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(Spec, EmptyObjectGivesDocumentedDefaults) {
  Spec s = parse_spec_text("{}");
  EXPECT_EQ(s.version, kSpecVersion);
  EXPECT_EQ(s.data.kind, "moons");
  EXPECT_EQ(s.model.hidden, (std::vector<int>{64, 64}));
  EXPECT_EQ(s.model.dropout, (std::vector<double>{0, 0}));
  EXPECT_EQ(s.optimizer.kind, "adam");
  EXPECT_DOUBLE_EQ(s.optimizer.lr, 0.01);
  EXPECT_EQ(s.training.epochs, 300);
  EXPECT_FALSE(s.training.earlyStopping.enabled);
  EXPECT_FALSE(s.regularization.spectralNorm);
}

TEST(Spec, CanonicalJsonRoundTrips) {
  const char* text = R"({"seed": 3, "data": {"kind": "spiral", "classes": 3, "trainSize": 50},
    "model": {"hidden": [32, 16], "dropout": [0.1, 0.5], "norm": "batch", "normPlacement": "post"},
    "regularization": {"l1": 1e-4, "l2": 1e-3, "l1Mode": "proximal", "spectralNorm": {"iterations": 3}, "clipNorm": 1},
    "optimizer": {"kind": "adamw", "weightDecay": 0.01},
    "augment": {"noise": 0.05, "mixup": {"alpha": 0.4}},
    "training": {"earlyStopping": {"patience": 5}, "lrSchedule": {"kind": "cosine"}}})";
  Spec a = parse_spec_text(text);
  std::string canonical = spec_to_json(a).dump();
  Spec b = parse_spec_text(canonical);
  EXPECT_EQ(spec_to_json(b).dump(), canonical);
  EXPECT_TRUE(b.regularization.spectralNorm);
  EXPECT_EQ(b.regularization.spectralIterations, 3);
  EXPECT_DOUBLE_EQ(b.augment.mixupAlpha, 0.4);
  EXPECT_TRUE(b.training.earlyStopping.enabled);
  EXPECT_EQ(b.training.earlyStopping.patience, 5);
  EXPECT_EQ(b.model.dropout, (std::vector<double>{0.1, 0.5}));
}

TEST(Spec, DropoutNumberAppliesToEveryHiddenLayer) {
  Spec s = parse_spec_text(R"({"model": {"hidden": [8, 8, 8], "dropout": 0.25}})");
  EXPECT_EQ(s.model.dropout, (std::vector<double>{0.25, 0.25, 0.25}));
}

TEST(Spec, ErrorsNameTheFieldAndTheValue) {
  EXPECT_EQ(error_text(R"({"optimizer": {"lr": -1}})"), "optimizer.lr: must be > 0, got -1");
  EXPECT_EQ(error_path(R"({"model": {"hidden": [8, -2]}})"), "model.hidden[1]");
  EXPECT_EQ(error_path(R"({"model": {"dropout": 1}})"), "model.dropout");
  EXPECT_EQ(error_path(R"({"regularization": {"l2": -0.1}})"), "regularization.l2");
  EXPECT_EQ(error_path(R"({"augment": {"mixup": {"alpha": 0}}})"), "augment.mixup.alpha");
  EXPECT_EQ(error_path(R"({"augment": {"image": {"spin": 3}}})"), "augment.image.spin");
  EXPECT_EQ(error_path(R"({"training": {"earlyStopping": {"patience": 0}}})"), "training.earlyStopping.patience");
  EXPECT_EQ(error_path(R"({"training": {"lrSchedule": {"kind": "cyclic"}}})"), "training.lrSchedule.kind");
  EXPECT_EQ(error_path(R"({"data": {"kind": "inline", "x": [[1, 2]], "y": []}})"), "data.y");
  EXPECT_EQ(error_path(R"({"data": {"kind": "csv"}})"), "data.csv");
  EXPECT_EQ(error_path(R"({"seed": 1.5})"), "seed");
  EXPECT_EQ(error_path(R"({"unknown": 1})"), "unknown");
}

TEST(Spec, UnknownFieldListsTheKnownOnes) {
  std::string e = error_text(R"({"optimizer": {"learningRate": 0.1}})");
  EXPECT_NE(e.find("optimizer.learningRate: unknown field"), std::string::npos) << e;
  EXPECT_NE(e.find("lr"), std::string::npos) << e;
}

TEST(Spec, WrongTypesSayWhatWasGiven) {
  EXPECT_EQ(error_text(R"({"training": {"shuffle": "yes"}})"), "training.shuffle: must be true or false, got string \"yes\"");
  EXPECT_EQ(error_text(R"({"model": []})"), "model: must be an object, got array []");
}

TEST(Spec, CrossFieldRulesAreChecked) {
  EXPECT_EQ(error_path(R"({"model": {"norm": "batch"}, "training": {"batchSize": 1}})"), "training.batchSize");
  EXPECT_EQ(error_path(R"({"augment": {"cutmix": {"alpha": 1}}})"), "augment.cutmix");
  EXPECT_EQ(error_path(R"({"augment": {"text": {"synonym": 0.2}}})"), "augment.text");
  EXPECT_EQ(error_path(R"({"model": {"hidden": [4]}, "regularization": {"layers": [{}, {}, {}]}})"), "regularization.layers");
}

TEST(Spec, NewerVersionIsRefusedWithAReason) {
  std::string e = error_text(R"({"version": 7})");
  EXPECT_NE(e.find("newer"), std::string::npos) << e;
}

TEST(Spec, InvalidJsonSaysWhere) {
  std::string e = error_text("{\n  \"seed\": 1,\n  \"data\": }");
  EXPECT_NE(e.find("line 3"), std::string::npos) << e;
}

TEST(Spec, DescribeListsEveryFieldWithLabelAndHelp) {
  Json d = describe_spec();
  const Json& fields = d["fields"];
  ASSERT_GT(fields.size(), 60u);
  bool found_lr = false;
  for (const auto& f : fields.as_array()) {
    EXPECT_FALSE(f["label"].as_string().empty()) << f["path"].as_string();
    EXPECT_FALSE(f["help"].as_string().empty()) << f["path"].as_string();
    if (f["path"].as_string() == "optimizer.lr") {
      found_lr = true;
      EXPECT_DOUBLE_EQ(f["default"].as_number(), 0.01);
      EXPECT_TRUE(f["minExclusive"].as_bool());
    }
  }
  EXPECT_TRUE(found_lr);
}

TEST(Spec, DescribeCarriesEachFieldsPolicyAndUiHints) {
  Json d = describe_spec();
  auto field = [&](const std::string& path) -> Json {
    for (const auto& f : d["fields"].as_array())
      if (f["path"].as_string() == path) return f;
    ADD_FAILURE() << path << " is not described";
    return Json();
  };
  EXPECT_TRUE(field("optimizer.lr")["midRun"].as_bool());
  EXPECT_TRUE(field("optimizer.lr")["ui"]["log"].as_bool());
  EXPECT_FALSE(field("optimizer.lr")["shared"].as_bool());
  EXPECT_TRUE(field("data.noise")["shared"].as_bool());
  EXPECT_FALSE(field("data.noise")["midRun"].as_bool());
  EXPECT_DOUBLE_EQ(field("data.noise")["ui"]["max"].as_number(), 1.5);
  EXPECT_FALSE(field("training.batchSize")["midRun"].as_bool());
  EXPECT_EQ(field("regularization.spectralNorm")["type"].as_string(), "toggle");
  EXPECT_DOUBLE_EQ(field("augment.mixup.alpha")["default"].as_number(), 0.2);
  // The lists (inline data, per-layer penalties) are described apart: they get no control.
  std::vector<std::string> lists;
  for (const auto& f : d["lists"].as_array()) lists.push_back(f["path"].as_string());
  EXPECT_EQ(lists, (std::vector<std::string>{"data.x", "data.y", "data.valX", "data.valY", "data.testX", "data.testY",
                                             "data.imageShape", "model.conv", "regularization.layers"}));
}

TEST(Spec, CanonicalJsonListsEveryDescribedFieldOnce) {
  // The writer and the describer walk the same declarations: every described leaf (outside
  // optional blocks that are off) appears in the canonical JSON of the default spec.
  Json canonical = spec_to_json(parse_spec_text("{}"));
  Json d = describe_spec();
  for (const auto& f : d["fields"].as_array()) {
    std::string path = f["path"].as_string();
    if (f["type"].as_string() == "string") continue;  // written only when set
    const Json* v = &canonical;
    size_t start = 0;
    bool under_off_block = false;
    while (true) {
      size_t dot = path.find('.', start);
      v = v->find(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      ASSERT_NE(v, nullptr) << path;
      if (dot == std::string::npos) break;
      if (v->is_bool()) { under_off_block = true; break; }
      start = dot + 1;
    }
    if (!under_off_block && f["type"].as_string() != "toggle" && f["type"].as_string() != "dropout")
      EXPECT_EQ(v->dump(), f["default"].dump()) << path;
  }
}

// ---- explicit validation and test data ------------------------------------------------------

// Inline data with 2 features and classes 0/1, plus `extra` fields of "data".
std::string inline_spec(const std::string& extra, const std::string& kind = "inline") {
  return R"({"data": {"kind": ")" + kind + R"(", "x": [[0, 0], [1, 1], [2, 0], [0, 2]], "y": [0, 1, 1, 0])" +
         (extra.empty() ? "" : ", " + extra) + "}}";
}

TEST(Spec, ExplicitValidationAndTestRowsRoundTrip) {
  Spec s = parse_spec_text(inline_spec(R"("valX": [[1, 2], [3, 4]], "valY": [1, 0], "testX": [[5, 6]], "testY": [1])"));
  EXPECT_TRUE(s.data.has_val());
  EXPECT_TRUE(s.data.has_test());
  EXPECT_EQ(s.data.valX, (std::vector<std::vector<double>>{{1, 2}, {3, 4}}));
  EXPECT_EQ(s.data.testY, (std::vector<double>{1}));
  std::string canonical = spec_to_json(s).dump();
  EXPECT_EQ(spec_to_json(parse_spec_text(canonical)).dump(), canonical);
  EXPECT_NE(canonical.find(R"("valX":[[1,2],[3,4]])"), std::string::npos) << canonical;
}

TEST(Spec, ExplicitRowsMustBeAsWideAsDataX) {
  EXPECT_EQ(error_text(inline_spec(R"("valX": [[1, 2], [3, 4], [5, 6], [1, 2, 3, 4]], "valY": [0, 0, 1, 1])")),
            "data.valX[3]: has 4 values, expected 2 like data.x");
  EXPECT_EQ(error_text(inline_spec(R"("testX": [[1]], "testY": [0])")), "data.testX[0]: has 1 values, expected 2 like data.x");
  EXPECT_EQ(error_path(inline_spec(R"("valX": [[1, "a"]], "valY": [0])")), "data.valX[0][1]");
}

TEST(Spec, ExplicitLabelsNeedOnePerRow) {
  EXPECT_EQ(error_text(inline_spec(R"("valX": [[1, 2], [3, 4], [5, 6]], "valY": [0, 1])")),
            "data.valY: has 2 values, expected one per row of data.valX (3)");
  EXPECT_EQ(error_path(inline_spec(R"("testX": [[1, 2]])")), "data.testY");
  EXPECT_EQ(error_text(inline_spec(R"("valY": [0, 1])")), "data.valX: data.valY is given, but its rows in data.valX are missing");
}

TEST(Spec, ExplicitLabelsMustBeClassesTrainingHas) {
  EXPECT_EQ(error_text(inline_spec(R"("valX": [[1, 2], [3, 4]], "valY": [1, 5])")),
            "data.valY[1]: class 5 never appears in data.y (the training classes are 0, 1)");
  EXPECT_EQ(error_path(inline_spec(R"("testX": [[1, 2]], "testY": [0.5])")), "data.testY[0]");
  // Regression targets are any numbers.
  Spec r = parse_spec_text(R"({"data": {"kind": "inline", "task": "regression", "x": [[0], [1], [2], [3]], "y": [0.5, 1, 2, 3],
    "valX": [[9]], "valY": [7.25]}})");
  EXPECT_EQ(r.data.valY, (std::vector<double>{7.25}));
}

TEST(Spec, AnEmptyValidationSetIsAnError) {
  EXPECT_EQ(error_text(inline_spec(R"("valX": [], "valY": [])")),
            "data.valX: is empty: give at least one validation row, or leave data.valX out to split the set off the training rows");
  EXPECT_EQ(error_path(inline_spec(R"("testX": [], "testY": [])")), "data.testX");
  const std::string csv = R"({"data": {"kind": "csv", "csv": "a,b\n1,0\n2,1\n3,0\n4,1\n", "valCsv": ""}})";
  EXPECT_EQ(error_path(csv), "data.valCsv");
  EXPECT_NE(error_text(csv).find("the CSV text is empty"), std::string::npos);
}

TEST(Spec, ExplicitSetsGoOnlyWithTheirKindOfData) {
  EXPECT_EQ(error_text(R"({"data": {"kind": "moons", "valX": [[1, 2]], "valY": [0]}})"),
            "data.valX: explicit validation rows go with data.kind \"inline\" (got \"moons\")");
  EXPECT_EQ(error_path(R"({"data": {"kind": "digits", "testY": [0]}})"), "data.testY");
  EXPECT_EQ(error_text(R"({"data": {"kind": "csv", "csv": "a,b\n1,0\n", "valX": [[1]], "valY": [0]}})"),
            "data.valX: explicit validation rows go with data.kind \"inline\" (got \"csv\"); give CSV text in data.valCsv");
  EXPECT_EQ(error_text(R"({"data": {"kind": "spiral", "valCsv": "a,b\n1,0\n"}})"),
            "data.valCsv: data.valCsv goes with data.kind \"csv\" (got \"spiral\")");
  EXPECT_EQ(error_text(inline_spec(R"("testCsv": "a,b,c\n1,2,0\n")")),
            "data.testCsv: data.testCsv goes with data.kind \"csv\" (got \"inline\"); give rows in data.testX");
}

TEST(Spec, AGivenSetLeavesItsFractionUnused) {
  // valFraction + testFraction ≥ 0.95 would leave no training rows, but the given validation set
  // replaces valFraction.
  EXPECT_EQ(error_path(inline_spec(R"("valFraction": 0.5, "testFraction": 0.5)")), "data.testFraction");
  Spec s = parse_spec_text(inline_spec(R"("valFraction": 0.5, "testFraction": 0.5, "valX": [[1, 2]], "valY": [0])"));
  EXPECT_DOUBLE_EQ(s.data.testFraction, 0.5);
  // A test set without a validation set is allowed: valFraction splits the validation set off.
  Spec t = parse_spec_text(inline_spec(R"("testX": [[1, 2]], "testY": [1])"));
  EXPECT_FALSE(t.data.has_val());
  EXPECT_TRUE(t.data.has_test());
}

TEST(Spec, ExplicitRowsHaveTheLimitsOfDataX) {
  std::string rows = "[";
  for (int i = 0; i <= kMaxSamples; ++i) rows += i ? ",[1,2]" : "[1,2]";
  rows += "]";
  EXPECT_EQ(error_text(inline_spec(R"("valX": )" + rows + R"(, "valY": [0])")),
            "data.valX: has " + std::to_string(kMaxSamples + 1) + " rows, at most " + std::to_string(kMaxSamples) + " allowed");
}

TEST(Spec, DescribeStatesTheExplicitSplitRule) {
  Json d = describe_spec();
  std::string val_help;
  for (const char* table : {"fields", "lists"})  // data.valX, a list of rows, is in describe().lists
    for (const auto& f : d[table].as_array())
      if (f["path"].as_string() == "data.valX") val_help = f["help"].as_string();
  EXPECT_NE(val_help.find("valFraction is not used"), std::string::npos) << val_help;
  EXPECT_NE(val_help.find("every given training row trains"), std::string::npos) << val_help;
}

}  // namespace
}  // namespace reglab
