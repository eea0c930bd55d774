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


// ---- validation and test files read against the training file ---------------------------------

// The message of the Error that parse_csv_like throws for `text` against kIris (path "val.csv").
std::string like_error(const std::string& text, const std::string& train_text = kIris, const std::string& label_column = "") {
  std::vector<std::string> header;
  Dataset train = parse_csv(train_text, label_column, "auto", "data.csv", &header);
  try {
    parse_csv_like(text, label_column, train, header, "val.csv");
  } catch (const Error& e) {
    if (e.path() != "val.csv") ADD_FAILURE() << "path " << e.path();
    return e.message();
  }
  ADD_FAILURE() << "expected an Error for:\n" << text.substr(0, 200);
  return "";
}

TEST(Csv, ValidationFileTakesTheTrainingColumnsAndClasses) {
  std::vector<std::string> header;
  Dataset train = parse_csv(kIris, "", "auto", "data.csv", &header);
  EXPECT_EQ(header.size(), 5u);
  Dataset val = parse_csv_like("sepal_length,sepal_width,petal_length,petal_width,species\n5.0,3.4,1.5,0.2,2\n6.0,2.2,4.0,1.0,1\n",
                               "", train, header, "val.csv");
  EXPECT_EQ(val.rows(), 2);
  EXPECT_EQ(val.num_classes, 3);
  EXPECT_EQ(val.labels, (Labels{2, 1}));
  EXPECT_EQ(val.feature_names, train.feature_names);
  // A headerless file is read by position.
  EXPECT_EQ(parse_csv_like("5.0,3.4,1.5,0.2,0\n", "", train, header, "val.csv").labels, (Labels{0}));
}

TEST(Csv, ValidationFileWithNamedClassesUsesTheTrainingIndices) {
  const std::string train_text = "a,b,kind\n1,2,cat\n3,4,dog\n5,6,cat\n";
  std::vector<std::string> header;
  Dataset train = parse_csv(train_text, "", "auto", "data.csv", &header);
  Dataset val = parse_csv_like("a,b,kind\n1,1,dog\n2,2,cat\n", "", train, header, "val.csv");
  EXPECT_EQ(val.labels, (Labels{1, 0}));
  EXPECT_EQ(val.class_names, (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(like_error("a,b,kind\n1,1,dog\n2,2,bird\n", train_text), "line 3, column 3 (kind): class 'bird' never appears in data.csv");
}

TEST(Csv, ValidationFileWithOtherColumnsIsAnError) {
  EXPECT_EQ(like_error("a,b,c,label\n1,2,3,0\n"), "line 1 has 4 fields, expected 5 like data.csv");
  EXPECT_EQ(like_error("sepal_length,sepal_w,petal_length,petal_width,species\n5.0,3.4,1.5,0.2,0\n"),
            "line 1, column 2: 'sepal_w' where data.csv has 'sepal_width' (the columns must be those of data.csv)");
  EXPECT_EQ(like_error("5.0,3.4,1.5,0.2,0\n5.0,3.4,1.5,0\n"), "line 2 has 4 fields, expected 5");
}

TEST(Csv, ValidationFileErrorsNameLineAndColumnLikeTheTrainingFile) {
  EXPECT_EQ(like_error("sepal_length,sepal_width,petal_length,petal_width,species\n5.0,3.4,1.5,0.2,0\n5.0,abc,1.5,0.2,0\n"),
            "line 3, column 2 (sepal_width): 'abc' is not a number");
  EXPECT_EQ(like_error("sepal_length,sepal_width,petal_length,petal_width,species\n"), "the CSV has a header line but no data rows");
  EXPECT_EQ(like_error("5.0,3.4,1.5,0.2,7\n"), "line 1, column 5: class '7' never appears in data.csv");
  EXPECT_EQ(like_error("5.0,3.4,1.5,0.2,0.5\n"), "line 1, column 5: class '0.5' never appears in data.csv");
}

TEST(Csv, ValidationFileOfARegressionIsRegression) {
  const std::string train_text = "x,y\n1,0.5\n2,1.5\n3,2.25\n";
  std::vector<std::string> header;
  Dataset train = parse_csv(train_text, "", "auto", "data.csv", &header);
  Dataset val = parse_csv_like("x,y\n4,3\n", "", train, header, "val.csv");  // an integer target stays a target
  EXPECT_EQ(val.num_classes, 0);
  EXPECT_FLOAT_EQ(val.y(0, 0), 3.0f);
  EXPECT_EQ(like_error("x,y\n4,high\n", train_text), "line 2, column 2 (y): 'high' is not a number (the task is regression)");
}

TEST(Csv, ValidationFileFindsTheNamedLabelColumn) {
  const std::string train_text = "label,a,b\n0,1,2\n1,3,4\n";
  std::vector<std::string> header;
  Dataset train = parse_csv(train_text, "label", "auto", "data.csv", &header);
  Dataset val = parse_csv_like("label,a,b\n1,5,6\n", "label", train, header, "val.csv");
  EXPECT_EQ(val.labels, (Labels{1}));
  EXPECT_FLOAT_EQ(val.x(0, 0), 5.0f);
}

}  // namespace
}  // namespace reglab
