#include "data/csv.h"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include "reglab/error.h"
#include "reglab/spec.h"

namespace reglab {

CsvReader::CsvReader(const std::string& text, std::string path) : text_(text), path_(std::move(path)) {
  if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;  // UTF-8 byte-order mark
}

bool CsvReader::next(std::vector<std::string>& fields) {
  const std::string& s = text_;
  const size_t n = s.size();
  auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  auto skip_newline = [&]() {  // at '\r' or '\n'; "\r\n" is one line end
    if (s[pos_++] == '\r' && pos_ < n && s[pos_] == '\n') ++pos_;
    ++line_;
  };
  // Skip blank lines.
  for (;;) {
    size_t p = pos_;
    while (p < n && is_blank(s[p])) ++p;
    if (p >= n) {
      pos_ = n;
      return false;
    }
    if (s[p] != '\r' && s[p] != '\n') break;
    pos_ = p;
    skip_newline();
  }
  record_line_ = line_;
  fields.clear();
  std::string field;
  for (;;) {
    while (pos_ < n && is_blank(s[pos_])) ++pos_;
    field.clear();
    if (pos_ < n && s[pos_] == '"') {
      ++pos_;
      for (;;) {
        if (pos_ >= n)
          throw Error(path_, "line " + std::to_string(record_line_) + ", column " + std::to_string(fields.size() + 1) +
                                 ": a quoted field is not closed");
        char c = s[pos_];
        if (c == '"') {
          if (pos_ + 1 < n && s[pos_ + 1] == '"') {  // "" inside quotes is one quote
            field += '"';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        if (c == '\n') ++line_;
        field += c;
        ++pos_;
      }
      while (pos_ < n && is_blank(s[pos_])) ++pos_;
      if (pos_ < n && s[pos_] != ',' && s[pos_] != '\r' && s[pos_] != '\n')
        throw Error(path_, "line " + std::to_string(line_) + ", column " + std::to_string(fields.size() + 1) +
                               ": unexpected text after a closing quote");
    } else {
      size_t start = pos_;
      while (pos_ < n && s[pos_] != ',' && s[pos_] != '\r' && s[pos_] != '\n') ++pos_;
      size_t end = pos_;
      while (end > start && is_blank(s[end - 1])) --end;
      field.assign(s, start, end - start);
    }
    fields.push_back(field);
    if (pos_ >= n) break;
    if (s[pos_] == ',') {
      ++pos_;
      continue;
    }
    skip_newline();
    break;
  }
  return true;
}

namespace {

enum class NumberKind { Finite, NotFinite, NotANumber };

// A decimal number ([+-] digits [. digits] [e [+-] digits]) that fits a float32. NaN, Inf and
// numbers beyond float range are NotFinite; hex and anything else is NotANumber.
NumberKind parse_number(const std::string& text, double& value) {
  const char* s = text.c_str();
  size_t i = 0, n = text.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < n && std::isalpha(static_cast<unsigned char>(s[i]))) {
    std::string word;
    for (size_t k = i; k < n; ++k) word += static_cast<char>(std::tolower(static_cast<unsigned char>(s[k])));
    return (word == "nan" || word == "inf" || word == "infinity") ? NumberKind::NotFinite : NumberKind::NotANumber;
  }
  size_t digits = 0;
  while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return NumberKind::NotANumber;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp_digits;
    if (exp_digits == 0) return NumberKind::NotANumber;
  }
  if (i != n) return NumberKind::NotANumber;
  value = std::strtod(s, nullptr);
  if (!std::isfinite(value) || std::fabs(value) > FLT_MAX) return NumberKind::NotFinite;
  return NumberKind::Finite;
}

bool looks_numeric(const std::string& field) {
  double v;
  return parse_number(field, v) != NumberKind::NotANumber;
}

std::string shown(const std::string& value) {
  return value.size() <= 40 ? value : value.substr(0, 37) + "...";
}

}  // namespace

namespace {

// parse_csv and parse_csv_like in one: `train` (with `train_header`) given = a validation or test
// file read against the training CSV.
Dataset read_csv(const std::string& text, const std::string& label_column, const std::string& task, const std::string& path,
                 std::vector<std::string>* header_out, const Dataset* train, const std::vector<std::string>* train_header) {
  if (task != "auto" && task != "classification" && task != "regression")
    throw Error("data.task", "'" + task + "' is not one of auto, classification, regression");

  CsvReader reader(text, path);
  std::vector<std::string> first, fields;
  if (!reader.next(first)) throw Error(path, "the CSV text is empty");
  const int first_line = reader.line();
  const int columns = static_cast<int>(first.size());
  if (train && columns != train->features() + 1)
    throw Error(path, "line " + std::to_string(first_line) + " has " + std::to_string(columns) + " fields, expected " +
                          std::to_string(train->features() + 1) + " like data.csv");
  if (columns < 2)
    throw Error(path, "line " + std::to_string(first_line) +
                          " has 1 field: a CSV needs at least one feature column and a label column");
  if (columns - 1 > kMaxFeatures)
    throw Error(path, "line " + std::to_string(first_line) + " has " + std::to_string(columns) +
                          " fields: at most " + std::to_string(kMaxFeatures) + " features (plus the label) are allowed");

  // Which column is the label, and is the first row a header?
  int label_col = columns - 1;
  bool has_header = !label_column.empty();
  if (!has_header)
    for (int c = 0; c < columns - 1; ++c)
      if (!looks_numeric(first[c])) has_header = true;

  bool have_second = reader.next(fields);
  if (!has_header && !looks_numeric(first[label_col]) && have_second &&
      static_cast<int>(fields.size()) == columns && looks_numeric(fields[label_col]))
    has_header = true;  // "x,y,label" over numeric labels: only the label name is text

  std::vector<std::string> header;
  if (has_header) {
    header = first;
    if (!label_column.empty()) {
      label_col = -1;
      for (int c = 0; c < columns; ++c)
        if (header[c] == label_column) label_col = c;
      if (label_col < 0) {
        std::string names;
        for (int c = 0; c < columns; ++c) names += (c ? ", " : "") + header[c];
        throw Error("data.labelColumn", "no column named '" + label_column + "' in the header (" + names + ")");
      }
    }
    if (!have_second) throw Error(path, "the CSV has a header line but no data rows");
    if (train && !train_header->empty())
      for (int c = 0; c < columns; ++c)
        if (header[c] != (*train_header)[c])
          throw Error(path, "line " + std::to_string(first_line) + ", column " + std::to_string(c + 1) + ": '" +
                                shown(header[c]) + "' where data.csv has '" + shown((*train_header)[c]) +
                                "' (the columns must be those of data.csv)");
  }
  if (header_out) *header_out = header;

  auto column_label = [&](int c) {
    std::string where = "column " + std::to_string(c + 1);
    if (has_header && !header[c].empty()) where += " (" + header[c] + ")";
    return where;
  };

  Dataset data;
  for (int c = 0; c < columns; ++c)
    if (c != label_col) data.feature_names.push_back(has_header ? header[c] : "x" + std::to_string(data.feature_names.size() + 1));
  const int d = columns - 1;
  std::vector<float> values;
  std::vector<std::string> label_text;
  std::vector<int> label_line;

  auto take_row = [&](const std::vector<std::string>& row, int line) {
    if (static_cast<int>(row.size()) != columns)
      throw Error(path, "line " + std::to_string(line) + " has " + std::to_string(row.size()) + " fields, expected " +
                            std::to_string(columns));
    if (static_cast<int>(label_text.size()) >= kMaxSamples)
      throw Error(path, "more than " + std::to_string(kMaxSamples) + " data rows (the limit)");
    if (static_cast<double>(values.size()) + d > kMaxDataValues)
      throw Error(path, "line " + std::to_string(line) + ": more than " + format_number(kMaxDataValues) +
                            " feature values (rows × features, the limit)");
    for (int c = 0; c < columns; ++c) {
      if (c == label_col) continue;
      double v = 0;
      const std::string where = "line " + std::to_string(line) + ", " + column_label(c) + ": ";
      if (row[c].empty()) throw Error(path, where + "the value is empty");
      NumberKind kind = parse_number(row[c], v);
      if (kind == NumberKind::NotANumber) throw Error(path, where + "'" + shown(row[c]) + "' is not a number");
      if (kind == NumberKind::NotFinite) throw Error(path, where + "'" + shown(row[c]) + "' is not a finite number");
      values.push_back(static_cast<float>(v));
    }
    if (row[label_col].empty())
      throw Error(path, "line " + std::to_string(line) + ", " + column_label(label_col) + ": the label is empty");
    label_text.push_back(row[label_col]);
    label_line.push_back(line);
  };

  if (!has_header) take_row(first, first_line);
  if (have_second) {
    take_row(fields, reader.line());
    while (reader.next(fields)) take_row(fields, reader.line());
  }

  const int n = static_cast<int>(label_text.size());
  data.x.resize(n, d);
  std::copy(values.begin(), values.end(), data.x.data());

  // Decide the task from the labels.
  std::vector<double> label_value(n, 0.0);
  std::vector<NumberKind> label_kind(n);
  bool all_numeric = true, all_integer = true;
  for (int i = 0; i < n; ++i) {
    label_kind[i] = label_text[i].empty() ? NumberKind::NotANumber : parse_number(label_text[i], label_value[i]);
    if (label_kind[i] == NumberKind::NotFinite)
      throw Error(path, "line " + std::to_string(label_line[i]) + ", " + column_label(label_col) + ": '" +
                            shown(label_text[i]) + "' is not a finite number");
    if (label_kind[i] == NumberKind::NotANumber) all_numeric = false;
    else if (label_value[i] != std::floor(label_value[i])) all_integer = false;
  }
  const bool regression = train ? !train->is_classification() : task == "regression" || (task == "auto" && all_numeric && !all_integer);

  if (regression) {
    data.num_classes = 0;
    data.y.resize(n, 1);
    for (int i = 0; i < n; ++i) {
      if (label_kind[i] != NumberKind::Finite)
        throw Error(path, "line " + std::to_string(label_line[i]) + ", " + column_label(label_col) + ": '" +
                              shown(label_text[i]) + "' is not a number (the task is regression)");
      data.y(i, 0) = static_cast<float>(label_value[i]);
    }
    return data;
  }

  data.labels.resize(n);
  if (train) {  // the training file's classes, by index or by name as it gave them
    bool by_index = true;
    for (int k = 0; k < train->num_classes; ++k)
      if (train->class_names[k] != std::to_string(k)) by_index = false;
    std::vector<bool> seen(train->num_classes, false);
    for (int32_t label : train->labels) seen[label] = true;
    for (int i = 0; i < n; ++i) {
      int k = -1;
      if (by_index) {
        double v = label_value[i];
        if (label_kind[i] == NumberKind::Finite && v >= 0 && v == std::floor(v) && v < train->num_classes) k = static_cast<int>(v);
      } else {
        for (int c = 0; c < train->num_classes; ++c)
          if (train->class_names[c] == label_text[i]) k = c;
      }
      if (k < 0 || !seen[k])
        throw Error(path, "line " + std::to_string(label_line[i]) + ", " + column_label(label_col) + ": class '" +
                              shown(label_text[i]) + "' never appears in data.csv");
      data.labels[i] = k;
    }
    data.num_classes = train->num_classes;
    data.class_names = train->class_names;
    return data;
  }
  if (all_numeric) {  // class indices
    int max_label = 0;
    for (int i = 0; i < n; ++i) {
      double v = label_value[i];
      if (v < 0 || v != std::floor(v))
        throw Error(path, "line " + std::to_string(label_line[i]) + ", " + column_label(label_col) + ": '" +
                              shown(label_text[i]) +
                              "' is not a class index (classification labels are integers >= 0 or names)");
      if (v >= kMaxClasses)
        throw Error(path, "line " + std::to_string(label_line[i]) + ", " + column_label(label_col) + ": label " +
                              shown(label_text[i]) + " is too large (at most " + std::to_string(kMaxClasses) +
                              " classes)");
      data.labels[i] = static_cast<int32_t>(v);
      max_label = std::max(max_label, data.labels[i]);
    }
    data.num_classes = max_label + 1;
    for (int k = 0; k < data.num_classes; ++k) data.class_names.push_back(std::to_string(k));
  } else {  // names, indexed in order of first appearance
    std::unordered_map<std::string, int> index;
    for (int i = 0; i < n; ++i) {
      auto it = index.find(label_text[i]);
      if (it == index.end()) {
        if (static_cast<int>(index.size()) >= kMaxClasses)
          throw Error(path, "line " + std::to_string(label_line[i]) + ", " + column_label(label_col) +
                                ": more than " + std::to_string(kMaxClasses) + " different labels");
        it = index.emplace(label_text[i], static_cast<int>(index.size())).first;
        data.class_names.push_back(label_text[i]);
      }
      data.labels[i] = it->second;
    }
    data.num_classes = static_cast<int>(data.class_names.size());
  }
  if (data.num_classes < 2)
    throw Error(path, "every label is " + data.class_names[0] + ": classification needs at least 2 classes");
  return data;
}

}  // namespace

Dataset parse_csv(const std::string& text, const std::string& label_column, const std::string& task,
                  const std::string& path, std::vector<std::string>* header) {
  return read_csv(text, label_column, task, path, header, nullptr, nullptr);
}

Dataset parse_csv_like(const std::string& text, const std::string& label_column, const Dataset& train,
                       const std::vector<std::string>& train_header, const std::string& path) {
  return read_csv(text, label_column, "auto", path, nullptr, &train, &train_header);
}

}  // namespace reglab
