// Helpers for the tests of the sequence ops (layout: cpp/src/layers/sequence/sequence_layer.h).
#pragma once
#include <vector>

#include "reglab/rng.h"
#include "reglab/tensor.h"
#include "support/gradcheck.h"  // weighted_sum, uniform_matrix

namespace reglab::testing {

// B × T padding mask: sequence b has lengths[b] real tokens first, then padding.
inline Matrix padding_mask(const std::vector<int>& lengths, int T) {
  Matrix m = Matrix::Zero(static_cast<Eigen::Index>(lengths.size()), T);
  for (size_t b = 0; b < lengths.size(); ++b) m.row(static_cast<Eigen::Index>(b)).head(lengths[b]).setOnes();
  return m;
}

inline bool all_finite(const Matrix& m) { return m.allFinite(); }

}  // namespace reglab::testing
