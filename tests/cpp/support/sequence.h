// Helpers for the tests of the sequence ops (layout: cpp/src/layers/sequence/sequence_layer.h).
#pragma once
#include <vector>

#include "reglab/rng.h"
#include "reglab/tensor.h"

namespace reglab::testing {

// B × T padding mask: sequence b has lengths[b] real tokens first, then padding.
inline Matrix padding_mask(const std::vector<int>& lengths, int T) {
  Matrix m = Matrix::Zero(static_cast<Eigen::Index>(lengths.size()), T);
  for (size_t b = 0; b < lengths.size(); ++b) m.row(static_cast<Eigen::Index>(b)).head(lengths[b]).setOnes();
  return m;
}

inline Matrix uniform_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng, double lo = -1.0, double hi = 1.0) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform(lo, hi));
  return m;
}

// L = Σ y ⊙ R in double, so dL/dy = R.
inline double weighted_sum(const Matrix& y, const Matrix& r) {
  return (y.cast<double>().array() * r.cast<double>().array()).sum();
}

inline bool all_finite(const Matrix& m) { return m.allFinite(); }

}  // namespace reglab::testing
