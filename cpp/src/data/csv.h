// CSV loading for user data and the shipped real datasets. The engine does no file I/O: the host
// (CLI or browser) reads the file and passes its text.
//
// Format: comma-separated; RFC 4180 quoting ("a, b" and "say ""hi""" are one field); \n, \r\n
// or \r line ends; blank lines (a trailing one included) are skipped; a UTF-8 byte-order mark is
// ignored; spaces around unquoted fields are trimmed.
#pragma once
#include <string>
#include <vector>

#include "reglab/dataset.h"

namespace reglab {

// The most classes a CSV label column may define (integer labels 0..kMaxClasses−1 or names).
constexpr int kMaxClasses = 1000;

// Reads records one at a time. Errors (an unclosed quote, text after a closing quote) are
// reglab::Error(path, "line L, ...").
class CsvReader {
 public:
  CsvReader(const std::string& text, std::string path);
  // The next non-blank record's fields; false at the end of the text.
  bool next(std::vector<std::string>& fields);
  // 1-based line on which the record returned by the last next() starts.
  int line() const { return record_line_; }

 private:
  const std::string& text_;
  std::string path_;
  size_t pos_ = 0;
  int line_ = 1, record_line_ = 0;
};

// Parses a numeric CSV into a Dataset.
//   Header: the first row is a header when label_column is given, or when one of its feature
//     fields is not a number (or only its label is not a number while the second row's is). So
//     "5.1,3.5,setosa" is data but "sepal,width,species" is a header.
//   Label: the column named label_column, or the last column when it is empty. The other
//     columns are the features (feature_names = header names, else x1, x2, ...).
//   task: "auto" = classification when every label is an integer or some label is not a number,
//     else regression; "classification"; "regression" (y is n × 1, num_classes 0).
//     Classification labels are integers ≥ 0 (num_classes = max + 1) or names, which become
//     class indices in order of first appearance (class_names keeps the names).
// Errors are reglab::Error(path, message) with 1-based line and column and the header name:
//   "line 12, column 3 (petal_width): 'abc' is not a number", "line 7 has 4 fields, expected 5",
//   NaN/Inf values, empty text, a header without data, more than kMaxSamples rows or
//   kMaxFeatures feature columns, fewer than 2 classes.
// header, when given, receives the header's names (empty when the first row is data).
Dataset parse_csv(const std::string& text, const std::string& label_column, const std::string& task,
                  const std::string& path, std::vector<std::string>* header = nullptr);

// A validation or test CSV read against the training CSV (`train`, parsed by parse_csv with
// `train_header`): the same number of columns ("line 1 has 4 fields, expected 3 like data.csv"),
// the same names where both files have a header, the label column by the same rule, the
// training's task, and only classes the training rows have ("line 5, column 3 (label): class
// 'c' never appears in data.csv"). Other errors as for parse_csv.
Dataset parse_csv_like(const std::string& text, const std::string& label_column, const Dataset& train,
                       const std::vector<std::string>& train_header, const std::string& path);

}  // namespace reglab
