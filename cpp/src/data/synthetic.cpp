#include "data/synthetic.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "reglab/error.h"

namespace reglab {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Samples per class, as scikit-learn splits n: n/K each, the first n mod K classes one more.
int class_count(int n, int classes, int k) { return n / classes + (k < n % classes ? 1 : 0); }

Dataset empty_classification(int n, int d, int classes) {
  Dataset data;
  data.x.resize(n, d);
  data.labels.resize(n);
  data.num_classes = classes;
  for (int j = 0; j < d; ++j) data.feature_names.push_back("x" + std::to_string(j + 1));
  for (int k = 0; k < classes; ++k) data.class_names.push_back("class " + std::to_string(k));
  return data;
}

void add_noise(Dataset& data, double noise, Rng& rng) {
  if (noise <= 0) return;
  for (int i = 0; i < data.x.rows(); ++i)
    for (int j = 0; j < data.x.cols(); ++j) data.x(i, j) += static_cast<float>(rng.normal(0.0, noise));
}

// Reorders the samples by a random permutation, so that the classes are interleaved.
void shuffle_samples(Dataset& data, Rng& rng) {
  std::vector<int> perm = rng.permutation(data.rows());
  Matrix x(data.x.rows(), data.x.cols());
  Labels labels(data.labels.size());
  for (int i = 0; i < data.rows(); ++i) {
    x.row(i) = data.x.row(perm[i]);
    labels[i] = data.labels[perm[i]];
  }
  data.x.swap(x);
  data.labels.swap(labels);
}

void check_counts(int n, int classes) {
  if (classes < 2) throw Error("data.classes", "needs at least 2 classes, got " + std::to_string(classes));
  if (n < classes)
    throw Error("data.n", "n = " + std::to_string(n) + " is too small for " + std::to_string(classes) +
                              " classes (at least one sample per class)");
}

// np.linspace(start, stop, count, endpoint)
double linspace(double start, double stop, int count, int i, bool endpoint) {
  int intervals = endpoint ? count - 1 : count;
  return intervals <= 0 ? start : start + (stop - start) * i / intervals;
}

}  // namespace

Dataset make_moons(int n, double noise, Rng& rng) {
  check_counts(n, 2);
  Dataset data = empty_classification(n, 2, 2);
  const int n_out = class_count(n, 2, 0), n_in = class_count(n, 2, 1);
  int row = 0;
  for (int i = 0; i < n_out; ++i, ++row) {  // upper arc: (cos t, sin t), t ∈ [0, π]
    double t = linspace(0, kPi, n_out, i, true);
    data.x(row, 0) = static_cast<float>(std::cos(t) - 0.5);
    data.x(row, 1) = static_cast<float>(std::sin(t) - 0.25);
    data.labels[row] = 0;
  }
  for (int i = 0; i < n_in; ++i, ++row) {  // lower arc: (1 − cos t, 0.5 − sin t)
    double t = linspace(0, kPi, n_in, i, true);
    data.x(row, 0) = static_cast<float>(1.0 - std::cos(t) - 0.5);
    data.x(row, 1) = static_cast<float>(1.0 - std::sin(t) - 0.5 - 0.25);
    data.labels[row] = 1;
  }
  add_noise(data, noise, rng);
  shuffle_samples(data, rng);
  return data;
}

Dataset make_circles(int n, double noise, Rng& rng) {
  check_counts(n, 2);
  const double factor = 0.5;
  Dataset data = empty_classification(n, 2, 2);
  int row = 0;
  for (int k = 0; k < 2; ++k) {
    const int count = class_count(n, 2, k);
    const double radius = k == 0 ? 1.0 : factor;
    for (int i = 0; i < count; ++i, ++row) {
      double t = linspace(0, 2 * kPi, count, i, false);
      data.x(row, 0) = static_cast<float>(radius * std::cos(t));
      data.x(row, 1) = static_cast<float>(radius * std::sin(t));
      data.labels[row] = k;
    }
  }
  add_noise(data, noise, rng);
  shuffle_samples(data, rng);
  return data;
}

Dataset make_spiral(int n, int classes, double noise, Rng& rng) {
  check_counts(n, classes);
  Dataset data = empty_classification(n, 2, classes);
  int row = 0;
  for (int k = 0; k < classes; ++k) {
    const int count = class_count(n, classes, k);
    for (int i = 0; i < count; ++i, ++row) {
      double r = linspace(0.05, 1.0, count, i, true);
      double theta = 2 * kPi * k / classes + 2 * kPi * r;
      data.x(row, 0) = static_cast<float>(r * std::cos(theta));
      data.x(row, 1) = static_cast<float>(r * std::sin(theta));
      data.labels[row] = k;
    }
  }
  add_noise(data, noise, rng);
  shuffle_samples(data, rng);
  return data;
}

Dataset make_xor(int n, double noise, Rng& rng) {
  check_counts(n, 2);
  Dataset data = empty_classification(n, 2, 2);
  // Quadrant signs: class 0 alternates I (+,+) and III (−,−), class 1 alternates II and IV.
  const int signs[2][2][2] = {{{1, 1}, {-1, -1}}, {{-1, 1}, {1, -1}}};
  int row = 0;
  for (int k = 0; k < 2; ++k) {
    const int count = class_count(n, 2, k);
    for (int i = 0; i < count; ++i, ++row) {
      const int* s = signs[k][i % 2];
      data.x(row, 0) = static_cast<float>(s[0] * rng.uniform(0.05, 1.0));
      data.x(row, 1) = static_cast<float>(s[1] * rng.uniform(0.05, 1.0));
      data.labels[row] = k;
    }
  }
  add_noise(data, noise, rng);
  shuffle_samples(data, rng);
  return data;
}

Dataset make_gaussians(int n, int classes, double noise, Rng& rng) {
  check_counts(n, classes);
  Dataset data = empty_classification(n, 2, classes);
  int row = 0;
  for (int k = 0; k < classes; ++k) {
    const int count = class_count(n, classes, k);
    const double angle = 2 * kPi * k / classes;
    for (int i = 0; i < count; ++i, ++row) {
      data.x(row, 0) = static_cast<float>(std::cos(angle));
      data.x(row, 1) = static_cast<float>(std::sin(angle));
      data.labels[row] = k;
    }
  }
  add_noise(data, noise, rng);
  shuffle_samples(data, rng);
  return data;
}

Dataset make_sine(int n, double noise, Rng& rng) {
  if (n < 1) throw Error("data.n", "n must be at least 1, got " + std::to_string(n));
  Dataset data;
  data.x.resize(n, 1);
  data.y.resize(n, 1);
  data.num_classes = 0;
  data.feature_names = {"x"};
  for (int i = 0; i < n; ++i) {
    double x = rng.uniform();
    double y = std::sin(2 * kPi * x) + (noise > 0 ? rng.normal(0.0, noise) : 0.0);
    data.x(i, 0) = static_cast<float>(x);
    data.y(i, 0) = static_cast<float>(y);
  }
  return data;
}

void flip_labels(Dataset& data, double rate, Rng& rng) {
  if (!data.is_classification() || data.num_classes < 2 || rate <= 0) return;
  const int n = static_cast<int>(data.labels.size());
  const int flips = std::min(n, static_cast<int>(std::lround(rate * n)));
  std::vector<int> order = rng.permutation(n);
  for (int f = 0; f < flips; ++f) {
    int32_t& label = data.labels[order[f]];
    // A uniform draw from the other K − 1 classes: skip over the current one.
    int other = static_cast<int>(rng.uniform_int(static_cast<uint32_t>(data.num_classes - 1)));
    label = other >= label ? other + 1 : other;
  }
}

bool is_synthetic_dataset(const std::string& kind) {
  return kind == "moons" || kind == "circles" || kind == "spiral" || kind == "xor" || kind == "gaussians" ||
         kind == "sine";
}

Dataset make_synthetic(const DataSpec& spec, Rng& rng) {
  Dataset data;
  if (spec.kind == "moons") data = make_moons(spec.n, spec.noise, rng);
  else if (spec.kind == "circles") data = make_circles(spec.n, spec.noise, rng);
  else if (spec.kind == "spiral") data = make_spiral(spec.n, spec.classes, spec.noise, rng);
  else if (spec.kind == "xor") data = make_xor(spec.n, spec.noise, rng);
  else if (spec.kind == "gaussians") data = make_gaussians(spec.n, spec.classes, spec.noise, rng);
  else if (spec.kind == "sine") data = make_sine(spec.n, spec.noise, rng);
  else
    throw Error("data.kind", "'" + spec.kind +
                                 "' is not a synthetic dataset (moons, circles, spiral, xor, gaussians, sine)");
  return data;  // label noise (data.labelFlip) is applied to the training split by build_splits
}

}  // namespace reglab
