// gemm() (the dispatching kernel: Eigen natively, the packed SIMD128 kernel in wasm, checked there
// by tests/js/gemm.test.js) against gemm_reference() on odd shapes, all four transposition cases,
// overwrite and accumulate, and strided (sub-matrix) operands.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kernels/gemm.h"
#include "kernels/gemm_reference.h"
#include "layers/dense.h"
#include "reglab/rng.h"

namespace reglab {
namespace {

struct Shape {
  int M, N, K;
};

const Shape kShapes[] = {{1, 1, 1},   {3, 5, 7},    {17, 33, 65}, {64, 1, 128}, {1, 64, 128}, {128, 64, 1},
                         {5, 9, 300}, {33, 17, 513}, {4, 8, 16},  {70, 530, 3}, {32, 16, 2},  {9, 257, 31}};

std::vector<float> random_values(size_t n, Rng& rng) {
  std::vector<float> v(n);
  for (float& x : v) x = static_cast<float>(rng.uniform(-1, 1));
  return v;
}

// Runs gemm and gemm_reference on the same inputs (padded rows: ld = cols + pad) and compares.
void expect_gemm_matches(bool ta, bool tb, const Shape& s, bool accumulate, int pad) {
  Rng rng(static_cast<uint64_t>(s.M * 1000003 + s.N * 1009 + s.K * 7 + ta * 2 + tb));
  const int a_rows = ta ? s.K : s.M, a_cols = ta ? s.M : s.K;
  const int b_rows = tb ? s.N : s.K, b_cols = tb ? s.K : s.N;
  const int lda = a_cols + pad, ldb = b_cols + pad, ldc = s.N + pad;
  std::vector<float> a = random_values(static_cast<size_t>(a_rows) * lda, rng);
  std::vector<float> b = random_values(static_cast<size_t>(b_rows) * ldb, rng);
  std::vector<float> c = random_values(static_cast<size_t>(s.M) * ldc, rng);
  std::vector<float> expected = c;
  gemm(ta, tb, s.M, s.N, s.K, a.data(), lda, b.data(), ldb, c.data(), ldc, accumulate);
  gemm_reference(ta, tb, s.M, s.N, s.K, a.data(), lda, b.data(), ldb, expected.data(), ldc, accumulate);
  const std::string what = "M=" + std::to_string(s.M) + " N=" + std::to_string(s.N) + " K=" + std::to_string(s.K) +
                           (ta ? " Aᵀ" : " A") + (tb ? " Bᵀ" : " B") + (accumulate ? " +=" : " =") +
                           " pad=" + std::to_string(pad);
  // Float sums of K terms in [−1, 1]: error grows like √K · ε.
  const float tol = 1e-5f * std::sqrt(static_cast<float>(s.K) + 1.0f) * 4.0f;
  for (int i = 0; i < s.M; ++i) {
    for (int j = 0; j < ldc; ++j) {
      const size_t idx = static_cast<size_t>(i) * ldc + j;
      if (j >= s.N) {  // the padding between rows of C is never written
        ASSERT_EQ(c[idx], expected[idx]) << what << " wrote padding at (" << i << ", " << j << ")";
        continue;
      }
      ASSERT_NEAR(c[idx], expected[idx], tol * (1.0f + std::abs(expected[idx]))) << what << " at (" << i << ", " << j << ")";
    }
  }
}

TEST(Gemm, MatchesReferenceOnOddShapesInAllTranspositionCases) {
  for (const Shape& s : kShapes)
    for (int ta = 0; ta < 2; ++ta)
      for (int tb = 0; tb < 2; ++tb) expect_gemm_matches(ta, tb, s, false, 0);
}

TEST(Gemm, AccumulateAddsToTheExistingOutput) {
  for (const Shape& s : kShapes)
    for (int ta = 0; ta < 2; ++ta)
      for (int tb = 0; tb < 2; ++tb) expect_gemm_matches(ta, tb, s, true, 0);
}

TEST(Gemm, RespectsRowStridesAndLeavesPaddingUntouched) {
  for (const Shape& s : {Shape{3, 5, 7}, Shape{17, 33, 65}, Shape{64, 9, 128}})
    for (int ta = 0; ta < 2; ++ta)
      for (int tb = 0; tb < 2; ++tb)
        for (int acc = 0; acc < 2; ++acc) expect_gemm_matches(ta, tb, s, acc, 3);
}

TEST(Gemm, ZeroDepthOverwritesWithZerosAndAccumulateKeepsC) {
  std::vector<float> c = {1, 2, 3, 4}, none;
  gemm(false, false, 2, 2, 0, none.data(), 0, none.data(), 2, c.data(), 2, true);
  EXPECT_EQ(c, (std::vector<float>{1, 2, 3, 4}));
  gemm(false, false, 2, 2, 0, none.data(), 0, none.data(), 2, c.data(), 2, false);
  EXPECT_EQ(c, (std::vector<float>{0, 0, 0, 0}));
}

TEST(Gemm, DenseLayerProductsMatchTheReference) {
  // The three products of dense_forward / dense_backward, through the layer functions.
  Rng rng(5);
  const int batch = 13, in = 37, out = 11;
  Matrix x(batch, in), W(out, in), b(1, out), dy(batch, out), dx, y;
  for (Matrix* m : {&x, &W, &b, &dy})
    for (Eigen::Index i = 0; i < m->size(); ++i) m->data()[i] = static_cast<float>(rng.uniform(-1, 1));
  Matrix dW = Matrix::Constant(out, in, 0.5f), db = Matrix::Zero(1, out);
  dense_forward(x, W, b, y);
  dense_backward(dy, x, W, dx, dW, db);
  Matrix y_ref(batch, out), dx_ref(batch, in), dW_ref = Matrix::Constant(out, in, 0.5f);
  gemm_reference(false, true, batch, out, in, x.data(), in, W.data(), in, y_ref.data(), out, false);
  y_ref.rowwise() += b.row(0);
  gemm_reference(false, false, batch, in, out, dy.data(), out, W.data(), in, dx_ref.data(), in, false);
  gemm_reference(true, false, out, in, batch, dy.data(), out, x.data(), in, dW_ref.data(), in, true);
  EXPECT_LT((y - y_ref).cwiseAbs().maxCoeff(), 1e-5f);
  EXPECT_LT((dx - dx_ref).cwiseAbs().maxCoeff(), 1e-5f);
  EXPECT_LT((dW - dW_ref).cwiseAbs().maxCoeff(), 1e-5f);
}

}  // namespace
}  // namespace reglab
