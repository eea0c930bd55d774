// Train / validation / test splits, and standardization with training statistics only.
#pragma once
#include <vector>

#include "reglab/dataset.h"
#include "reglab/rng.h"

namespace reglab {

// z = (x − μ)/σ per feature, μ and σ from the training split. σ is the population standard
// deviation (divide by n); a constant feature (σ ≈ 0) gets σ = 1, so it becomes 0 and stays finite.
struct Standardizer {
  std::vector<double> mean, std;
  void fit(const Matrix& x);
  void apply(Matrix& x) const;   // in place; x must have mean.size() columns
  bool fitted() const { return !mean.empty(); }
};

// Splits `all` into train / val / test.
//   Sizes: n_test = round(n·test_fraction), n_val = round(n·val_fraction), train = the rest.
//   Classification is stratified: each class is shuffled (seeded) and the test, validation and
//   (with train_size > 0) kept-training counts are shared out among the classes in proportion
//   to their sizes (largest remainder). Regression takes the splits from one permutation.
//   train_size > 0 keeps only that many training samples; 0 keeps all.
//   Each split comes out in random order.
//   standardize: tabular data only (not images, not text) is standardized with the training
//   split's statistics, and the same transform is applied to val and test; `fitted`, when
//   given, receives it (for transforming new inputs, e.g. a decision-boundary grid).
//   given_val / given_test: explicit validation / test sets. A given set is used as it is (in its
//   own order) and its fraction is not used: the other fraction and train_size then act on `all`
//   alone, so with none of them every row of `all` trains. Standardization is still fitted on
//   the training split only and applied to the given sets.
// Throws Error("data.valFraction" / "data.testFraction" / "data.trainSize") when a requested
// split would be empty or too large.
Splits split_dataset(const Dataset& all, double val_fraction, double test_fraction, int train_size,
                     bool standardize, Rng& rng, Standardizer* fitted = nullptr,
                     const Dataset* given_val = nullptr, const Dataset* given_test = nullptr);

// The rows `rows` of data (features, labels or targets, texts, and the metadata).
Dataset subset(const Dataset& data, const std::vector<int>& rows);

}  // namespace reglab
