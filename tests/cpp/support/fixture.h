// Loads a PyTorch reference fixture from tests/fixtures (made by tools/fixtures/gen_fixtures.py) and
// compares engine results with it using the fixture's own tolerance:
// |actual − expected| ≤ abs + rel·|expected|, element-wise.
#pragma once
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "reglab/json.h"
#include "reglab/tensor.h"

namespace reglab::testing {

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Fixture {
  Json root;
  double abs_tol = 1e-5, rel_tol = 1e-4;
  const Json& inputs() const { return root["inputs"]; }
  const Json& expected() const { return root["expected"]; }
};

inline Fixture load_fixture(const std::string& name) {
  Fixture f;
  f.root = Json::parse(read_text_file(std::string(REGLAB_FIXTURE_DIR) + "/" + name + ".json"));
  f.abs_tol = f.root["tolerance"]["abs"].as_number();
  f.rel_tol = f.root["tolerance"]["rel"].as_number();
  return f;
}

// A JSON matrix (list of lists) or vector (list) as a Matrix; a vector becomes 1 × n.
// Values are parsed as double and cast to float: exactly the tensor PyTorch used.
inline Matrix to_matrix(const Json& j) {
  if (!j.is_array()) throw std::runtime_error("fixture: expected an array");
  if (j.size() == 0) return Matrix(0, 0);
  if (j[0].is_array()) {
    Matrix m(j.size(), j[0].size());
    for (size_t r = 0; r < j.size(); ++r)
      for (size_t c = 0; c < j[r].size(); ++c) m(r, c) = static_cast<float>(j[r][c].as_number());
    return m;
  }
  Matrix m(1, j.size());
  for (size_t c = 0; c < j.size(); ++c) m(0, c) = static_cast<float>(j[c].as_number());
  return m;
}

inline std::vector<int> to_ints(const Json& j) {
  std::vector<int> v;
  for (const auto& e : j.as_array()) v.push_back(static_cast<int>(e.as_number()));
  return v;
}

inline bool close(double actual, double expected, double abs_tol, double rel_tol) {
  return std::fabs(actual - expected) <= abs_tol + rel_tol * std::fabs(expected);
}

// Expects `actual` to match the fixture tensor `expected` element-wise within the tolerance.
inline void expect_matches(const Matrix& actual, const Json& expected, const Fixture& f, const std::string& what) {
  Matrix e = to_matrix(expected);
  ASSERT_EQ(actual.rows(), e.rows()) << what << ": rows";
  ASSERT_EQ(actual.cols(), e.cols()) << what << ": cols";
  int bad = 0;
  for (Eigen::Index r = 0; r < e.rows(); ++r)
    for (Eigen::Index c = 0; c < e.cols(); ++c)
      if (!close(actual(r, c), e(r, c), f.abs_tol, f.rel_tol) && bad++ < 5)
        ADD_FAILURE() << what << "(" << r << "," << c << "): got " << actual(r, c) << ", PyTorch " << e(r, c);
  EXPECT_EQ(bad, 0) << what << ": " << bad << " elements outside tolerance";
}

inline void expect_matches(double actual, const Json& expected, const Fixture& f, const std::string& what) {
  EXPECT_TRUE(close(actual, expected.as_number(), f.abs_tol, f.rel_tol))
      << what << ": got " << actual << ", PyTorch " << expected.as_number();
}

}  // namespace reglab::testing
