// Finite-difference gradient checks. The engine computes in float32, so the loss is evaluated
// in float but central differences use a step large enough (h ≈ 1e-2 relative) for float noise,
// and the agreement is judged relative to the gradient's scale.
#pragma once
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "reglab/rng.h"
#include "reglab/tensor.h"

namespace reglab::testing {

// L = Σ y ⊙ R in double, so dL/dy = R: the scalar every layer's gradient check differentiates.
inline double weighted_sum(const Matrix& y, const Matrix& r) {
  return (y.cast<double>().array() * r.cast<double>().array()).sum();
}

// A matrix of uniform draws in [lo, hi) from the test's own Rng.
inline Matrix uniform_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng, double lo = -1.0, double hi = 1.0) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform(lo, hi));
  return m;
}

// `loss()` evaluates a scalar from the current contents of `x`; `analytic` is dloss/dx.
// Every element is perturbed by ±h; the check fails where
// |numeric − analytic| > tol · max(1, max|analytic|).
inline void expect_gradient(const std::function<double()>& loss, Matrix& x, const Matrix& analytic,
                            const std::string& what, double h = 1e-2, double tol = 2e-2) {
  ASSERT_EQ(x.rows(), analytic.rows()) << what;
  ASSERT_EQ(x.cols(), analytic.cols()) << what;
  double scale = std::max(1.0, static_cast<double>(analytic.cwiseAbs().maxCoeff()));
  int bad = 0;
  for (Eigen::Index r = 0; r < x.rows(); ++r)
    for (Eigen::Index c = 0; c < x.cols(); ++c) {
      float saved = x(r, c);
      x(r, c) = saved + static_cast<float>(h);
      double up = loss();
      x(r, c) = saved - static_cast<float>(h);
      double down = loss();
      x(r, c) = saved;
      double numeric = (up - down) / (2 * h);
      if (std::fabs(numeric - analytic(r, c)) > tol * scale && bad++ < 5)
        ADD_FAILURE() << what << "(" << r << "," << c << "): numeric " << numeric << ", analytic " << analytic(r, c);
    }
  EXPECT_EQ(bad, 0) << what << ": " << bad << " elements disagree with finite differences";
}

// A fixed pseudo-random projection R (values in [-1, 1]) so that L = Σ y ⊙ R has dL/dy = R.
inline Matrix projection(Eigen::Index rows, Eigen::Index cols, unsigned seed = 1) {
  Matrix r(rows, cols);
  unsigned s = seed * 2654435761u + 12345u;
  for (Eigen::Index i = 0; i < r.size(); ++i) {
    s = s * 1664525u + 1013904223u;
    r.data()[i] = static_cast<float>((s >> 8) & 0xFFFF) / 32768.0f - 1.0f;
  }
  return r;
}

}  // namespace reglab::testing
