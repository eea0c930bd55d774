#include "data/split.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "reglab/error.h"

namespace reglab {

void Standardizer::fit(const Matrix& x) {
  const Eigen::Index n = x.rows(), d = x.cols();
  mean.assign(d, 0.0);
  std.assign(d, 1.0);
  if (n == 0) return;
  for (Eigen::Index j = 0; j < d; ++j) {
    double sum = 0;
    for (Eigen::Index i = 0; i < n; ++i) sum += x(i, j);
    const double mu = sum / n;
    double sq = 0;
    for (Eigen::Index i = 0; i < n; ++i) sq += (x(i, j) - mu) * (x(i, j) - mu);
    const double sigma = std::sqrt(sq / n);
    mean[j] = mu;
    std[j] = sigma > 1e-8 * std::max(1.0, std::fabs(mu)) ? sigma : 1.0;
  }
}

void Standardizer::apply(Matrix& x) const {
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    for (Eigen::Index j = 0; j < x.cols(); ++j)
      x(i, j) = static_cast<float>((x(i, j) - mean[j]) / std[j]);
}

Dataset subset(const Dataset& data, const std::vector<int>& rows) {
  Dataset out;
  const int n = static_cast<int>(rows.size());
  out.x.resize(n, data.x.cols());
  for (int i = 0; i < n; ++i) out.x.row(i) = data.x.row(rows[i]);
  if (!data.labels.empty()) {
    out.labels.resize(n);
    for (int i = 0; i < n; ++i) out.labels[i] = data.labels[rows[i]];
  }
  if (data.y.size() > 0) {
    out.y.resize(n, data.y.cols());
    for (int i = 0; i < n; ++i) out.y.row(i) = data.y.row(rows[i]);
  }
  if (!data.texts.empty())
    for (int i = 0; i < n; ++i) out.texts.push_back(data.texts[rows[i]]);
  out.num_classes = data.num_classes;
  out.image_channels = data.image_channels;
  out.image_h = data.image_h;
  out.image_w = data.image_w;
  out.feature_names = data.feature_names;
  out.class_names = data.class_names;
  out.vocabulary = data.vocabulary;
  return out;
}

namespace {

// Shares `total` among groups in proportion to `sizes` (largest remainder; ties go to the
// larger group, then the lower index). Each share is at most its group's size.
std::vector<int> proportional_shares(const std::vector<int>& sizes, int total) {
  long long sum = 0;
  for (int s : sizes) sum += s;
  std::vector<int> shares(sizes.size(), 0);
  if (sum == 0 || total <= 0) return shares;
  std::vector<std::pair<long long, int>> remainders;  // (remainder·sum, group)
  int given = 0;
  for (size_t k = 0; k < sizes.size(); ++k) {
    long long exact = static_cast<long long>(total) * sizes[k];
    shares[k] = static_cast<int>(exact / sum);
    given += shares[k];
    remainders.push_back({exact % sum, static_cast<int>(k)});
  }
  std::sort(remainders.begin(), remainders.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    if (sizes[a.second] != sizes[b.second]) return sizes[a.second] > sizes[b.second];
    return a.second < b.second;
  });
  for (size_t r = 0; r < remainders.size() && given < total; ++r) {
    int k = remainders[r].second;
    if (shares[k] < sizes[k]) ++shares[k], ++given;
  }
  return shares;
}

std::string describe_fraction(const char* name, double fraction, int n) {
  return std::string(name) + " " + format_number(fraction) + " of " + std::to_string(n) + " samples";
}

}  // namespace

Splits split_dataset(const Dataset& all, double val_fraction, double test_fraction, int train_size,
                     bool standardize, Rng& rng, Standardizer* fitted, const Dataset* given_val,
                     const Dataset* given_test) {
  const int n = all.rows();
  if (val_fraction < 0 || val_fraction >= 1)
    throw Error("data.valFraction", "must be in [0, 1), got " + format_number(val_fraction));
  if (test_fraction < 0 || test_fraction >= 1)
    throw Error("data.testFraction", "must be in [0, 1), got " + format_number(test_fraction));
  if (train_size < 0) throw Error("data.trainSize", "must be 0 (all) or positive, got " + std::to_string(train_size));

  // A given set replaces its fraction.
  if (given_val) val_fraction = 0;
  if (given_test) test_fraction = 0;
  const int n_test = static_cast<int>(std::lround(n * test_fraction));
  const int n_val = static_cast<int>(std::lround(n * val_fraction));
  const int n_train = n - n_val - n_test;
  if (val_fraction > 0 && n_val == 0)
    throw Error("data.valFraction", describe_fraction("valFraction", val_fraction, n) + " leaves the validation set empty");
  if (test_fraction > 0 && n_test == 0)
    throw Error("data.testFraction", describe_fraction("testFraction", test_fraction, n) + " leaves the test set empty");
  if (n_train <= 0)
    throw Error(given_val ? "data.testFraction" : "data.valFraction",
                "valFraction " + format_number(val_fraction) + " + testFraction " + format_number(test_fraction) + " of " +
                    std::to_string(n) + " samples leaves no training samples");
  if (train_size > n_train)
    throw Error("data.trainSize", "trainSize " + std::to_string(train_size) + " is more than the " +
                                      std::to_string(n_train) + " samples left for training");

  std::vector<int> train, val, test;
  if (all.is_classification()) {
    std::vector<std::vector<int>> by_class(all.num_classes);
    for (int i = 0; i < n; ++i)
      if (all.labels[i] < 0 || all.labels[i] >= all.num_classes)
        throw Error("data.y", "label " + std::to_string(all.labels[i]) + " of sample " + std::to_string(i) +
                                  " is outside 0.." + std::to_string(all.num_classes - 1));
    for (int i = 0; i < n; ++i) by_class[all.labels[i]].push_back(i);
    for (auto& members : by_class) rng.shuffle(members);
    std::vector<int> sizes(all.num_classes), next(all.num_classes, 0);
    // Takes shares of the samples not yet taken from each class, in proportion to what is left.
    auto take = [&](int total, std::vector<int>& out) {
      for (int k = 0; k < all.num_classes; ++k) sizes[k] = static_cast<int>(by_class[k].size()) - next[k];
      std::vector<int> shares = proportional_shares(sizes, total);
      for (int k = 0; k < all.num_classes; ++k)
        for (int s = 0; s < shares[k]; ++s) out.push_back(by_class[k][next[k]++]);
    };
    take(n_test, test);
    take(n_val, val);
    take(train_size > 0 ? train_size : n_train, train);
  } else {
    std::vector<int> perm = rng.permutation(n);
    test.assign(perm.begin(), perm.begin() + n_test);
    val.assign(perm.begin() + n_test, perm.begin() + n_test + n_val);
    train.assign(perm.begin() + n_test + n_val, perm.begin() + n_test + n_val + (train_size > 0 ? train_size : n_train));
  }
  rng.shuffle(train);
  rng.shuffle(val);
  rng.shuffle(test);

  Splits splits{subset(all, train), given_val ? *given_val : subset(all, val), given_test ? *given_test : subset(all, test)};
  const bool tabular = all.image_h == 0 && all.texts.empty() && all.vocabulary.empty();
  if (standardize && tabular) {
    Standardizer standardizer;
    standardizer.fit(splits.train.x);
    standardizer.apply(splits.train.x);
    standardizer.apply(splits.val.x);
    standardizer.apply(splits.test.x);
    if (fitted) *fitted = standardizer;
  } else if (fitted) {
    *fitted = Standardizer();
  }
  return splits;
}

}  // namespace reglab
