#include "data/csv.h"

#include <gtest/gtest.h>

#include <string>

#include "reglab/error.h"
#include "reglab/spec.h"

namespace reglab {
namespace {

// The message of the Error that parse_csv throws (and checks the path is the file's).
std::string csv_error(const std::string& text, const std::string& label_column = "",
                      const std::string& task = "auto") {
  try {
    parse_csv(text, label_column, task, "upload.csv");
  } catch (const Error& e) {
    if (e.path() != "upload.csv" && e.path() != "data.labelColumn") ADD_FAILURE() << "path " << e.path();
    return e.message();
  }
  ADD_FAILURE() << "expected an Error for:\n" << text.substr(0, 200);
  return "";
}

const char* const kIris =
    "sepal_length,sepal_width,petal_length,petal_width,species\n"
    "5.1,3.5,1.4,0.2,0\n"
    "7.0,3.2,4.7,1.4,1\n"
    "6.3,3.3,6.0,2.5,2\n"
    "4.9,3.0,1.4,0.2,0\n";

TEST(Csv, ParsesAGoodFileWithHeader) {
  Dataset d = parse_csv(kIris, "", "auto", "iris.csv");
  ASSERT_EQ(d.rows(), 4);
  ASSERT_EQ(d.features(), 4);
  EXPECT_EQ(d.num_classes, 3);
  EXPECT_EQ(d.labels, (Labels{0, 1, 2, 0}));
  EXPECT_FLOAT_EQ(d.x(1, 2), 4.7f);
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"sepal_length", "sepal_width", "petal_length", "petal_width"}));
  EXPECT_TRUE(d.y.size() == 0);
}

TEST(Csv, HeaderlessFileUsesTheLastColumnAsLabel) {
  Dataset d = parse_csv("1,2,0\n3,4,1\n5,6,1\n", "", "auto", "f.csv");
  ASSERT_EQ(d.rows(), 3);
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"x1", "x2"}));
  EXPECT_EQ(d.labels, (Labels{0, 1, 1}));
  EXPECT_FLOAT_EQ(d.x(0, 0), 1.0f);
}

TEST(Csv, HeaderIsDetectedWhenOnlyTheLabelNameIsText) {
  Dataset d = parse_csv("1,2,label\n3,4,0\n5,6,1\n", "", "auto", "f.csv");
  EXPECT_EQ(d.rows(), 2);
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"1", "2"}));
}

TEST(Csv, StringLabelsBecomeClassIndicesInOrderOfFirstAppearance) {
  // No header: the first row's features are numbers and the next row's label is text too.
  Dataset d = parse_csv("5.1,3.5,setosa\n7.0,3.2,versicolor\n6.3,3.3,virginica\n4.9,3.0,setosa\n", "", "auto", "f");
  ASSERT_EQ(d.rows(), 4);
  EXPECT_EQ(d.num_classes, 3);
  EXPECT_EQ(d.labels, (Labels{0, 1, 2, 0}));
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
}

TEST(Csv, AutoTaskPicksRegressionForRealValuedLabels) {
  Dataset d = parse_csv("x,y\n0.1,0.5\n0.2,1.25\n0.3,2\n", "", "auto", "f");
  EXPECT_EQ(d.num_classes, 0);
  ASSERT_EQ(d.y.rows(), 3);
  ASSERT_EQ(d.y.cols(), 1);
  EXPECT_FLOAT_EQ(d.y(1, 0), 1.25f);
  EXPECT_TRUE(d.labels.empty());
  Dataset forced = parse_csv("x,y\n0.1,0\n0.2,1\n", "", "regression", "f");
  EXPECT_EQ(forced.num_classes, 0);
  EXPECT_FLOAT_EQ(forced.y(1, 0), 1.0f);
}

TEST(Csv, LabelColumnCanBeChosenByName) {
  Dataset d = parse_csv("class,a,b\n1,0.5,0.25\n0,1.5,2.5\n", "class", "auto", "f");
  EXPECT_EQ(d.labels, (Labels{1, 0}));
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"a", "b"}));
  EXPECT_FLOAT_EQ(d.x(1, 1), 2.5f);
}

TEST(Csv, AcceptsCrlfQuotedFieldsBomAndTrailingBlankLines) {
  Dataset d = parse_csv("\xEF\xBB\xBF\"a, first\",\"b\"\"\",label\r\n 1 ,\"2\",0\r\n3,4,1\r\n\r\n\n", "", "auto", "f");
  ASSERT_EQ(d.rows(), 2);
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"a, first", "b\""}));
  EXPECT_FLOAT_EQ(d.x(0, 0), 1.0f);
  EXPECT_FLOAT_EQ(d.x(0, 1), 2.0f);
  EXPECT_EQ(d.labels, (Labels{0, 1}));
}

TEST(Csv, BadNumberNamesLineAndColumn) {
  std::string text = kIris;
  text += "5.0,abc,1.4,0.2,0\n";
  EXPECT_EQ(csv_error(text), "line 6, column 2 (sepal_width): 'abc' is not a number");
}

TEST(Csv, BadNumberWithoutHeaderNamesLineAndColumn) {
  EXPECT_EQ(csv_error("1,2,0\n3,0x1F,1\n"), "line 2, column 2: '0x1F' is not a number");
}

TEST(Csv, LineNumbersCountBlankLines) {
  EXPECT_EQ(csv_error("a,b,label\n1,2,0\n\n\n3,4,1\n5,six,0\n"), "line 6, column 2 (b): 'six' is not a number");
}

TEST(Csv, RaggedRowIsAnError) {
  EXPECT_EQ(csv_error("a,b,c,d,label\n1,2,3,4,0\n1,2,3,4,1\n1,2,3,1\n"), "line 4 has 4 fields, expected 5");
}

TEST(Csv, NaNIsRejected) {
  EXPECT_EQ(csv_error("a,b,label\n1,NaN,0\n"), "line 2, column 2 (b): 'NaN' is not a finite number");
}

TEST(Csv, InfinityAndFloatOverflowAreRejected) {
  EXPECT_EQ(csv_error("a,b,label\n-inf,1,0\n"), "line 2, column 1 (a): '-inf' is not a finite number");
  EXPECT_EQ(csv_error("a,b,label\n1,1e39,0\n"), "line 2, column 2 (b): '1e39' is not a finite number");
  EXPECT_EQ(csv_error("a,b,label\n1,2,nan\n3,4,0\n", "", "regression"),
            "line 2, column 3 (label): 'nan' is not a finite number");
}

TEST(Csv, EmptyValueIsAnError) {
  EXPECT_EQ(csv_error("a,b,label\n1,,0\n"), "line 2, column 2 (b): the value is empty");
  EXPECT_EQ(csv_error("a,b,label\n1,2,\n"), "line 2, column 3 (label): the label is empty");
}

TEST(Csv, EmptyInputAndHeaderOnlyAreErrors) {
  EXPECT_EQ(csv_error(""), "the CSV text is empty");
  EXPECT_EQ(csv_error("\n \r\n"), "the CSV text is empty");
  EXPECT_EQ(csv_error("a,b,label\n"), "the CSV has a header line but no data rows");
}

TEST(Csv, ClassificationLabelsMustBeNonNegativeIntegers) {
  EXPECT_EQ(csv_error("a,label\n1,0\n2,-1\n"),
            "line 3, column 2 (label): '-1' is not a class index (classification labels are integers >= 0 or names)");
  EXPECT_EQ(csv_error("a,label\n1,0\n2,1.5\n", "", "classification"),
            "line 3, column 2 (label): '1.5' is not a class index (classification labels are integers >= 0 or names)");
}

TEST(Csv, RegressionRejectsTextTargets) {
  EXPECT_EQ(csv_error("a,y\n1,0.5\n2,high\n", "", "regression"),
            "line 3, column 2 (y): 'high' is not a number (the task is regression)");
}

TEST(Csv, SingleClassIsAnError) {
  EXPECT_EQ(csv_error("a,label\n1,0\n2,0\n"), "every label is 0: classification needs at least 2 classes");
}

TEST(Csv, UnknownLabelColumnIsAnError) {
  try {
    parse_csv("a,b,label\n1,2,0\n", "target", "auto", "f.csv");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "data.labelColumn");
    EXPECT_EQ(e.message(), "no column named 'target' in the header (a, b, label)");
  }
}

TEST(Csv, UnknownTaskIsAnError) {
  try {
    parse_csv("a,label\n1,0\n2,1\n", "", "ranking", "f.csv");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "data.task");
  }
}

TEST(Csv, UnclosedQuoteIsAnError) {
  EXPECT_EQ(csv_error("a,label\n\"1,0\n2,1\n"), "line 2, column 1: a quoted field is not closed");
}

TEST(Csv, TooManyFeatureColumnsIsAnError) {
  std::string row;
  for (int c = 0; c < kMaxFeatures + 2; ++c) row += (c ? ",1" : "1");
  EXPECT_EQ(csv_error(row + "\n"), "line 1 has " + std::to_string(kMaxFeatures + 2) + " fields: at most " +
                                       std::to_string(kMaxFeatures) + " features (plus the label) are allowed");
}

TEST(Csv, TooManyRowsIsAnError) {
  std::string text;
  text.reserve(4 * (kMaxSamples + 2));
  for (int i = 0; i <= kMaxSamples; ++i) text += i % 2 ? "1,1\n" : "2,0\n";
  EXPECT_EQ(csv_error(text), "more than " + std::to_string(kMaxSamples) + " data rows (the limit)");
}

}  // namespace
}  // namespace reglab
