// gemm() (the dispatching kernel: Eigen natively, the SIMD128 kernel in wasm, checked there by
// tests/js/gemm.test.js) against gemm_reference() on odd shapes, all four transposition cases,
// overwrite and accumulate, and strided (sub-matrix) operands. The shapes cover both SIMD128 paths
// (kernels/gemm_simd128.h): the direct one (K·N ≤ 2048: op(B) read in place, or copied when
// transposed or N % 4 ≠ 0) and the packed one (several K slices, column blocks and row blocks), and
// every edge: M, N, K = 1, M % 4 and N % 8 remainders (N % 4 = 1, 2, 3), K % 4 remainders.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "reglab/gemm.h"
#include "kernels/gemm_reference.h"
#include "layers/dense.h"
#include "reglab/rng.h"

namespace reglab {
namespace {

struct Shape {
  int M, N, K;
};

const Shape kShapes[] = {
    // tiny and degenerate
    {1, 1, 1}, {1, 1, 2}, {2, 1, 1}, {1, 3, 1}, {1, 2, 3}, {4, 4, 4}, {5, 6, 3}, {3, 7, 5}, {6, 5, 4}, {7, 13, 9},
    // the small layers of W1 / W2 (batch 32, evaluation on 250 rows, dW over the batch): direct path
    {32, 16, 2}, {32, 2, 16}, {16, 16, 32}, {2, 16, 32}, {16, 2, 32}, {250, 16, 2}, {250, 2, 16}, {32, 64, 2},
    {32, 2, 64}, {4, 8, 16}, {31, 36, 56}, {64, 1, 128}, {1, 64, 128}, {128, 64, 1}, {70, 530, 3},
    // packed path: K slices (K > 256), column blocks (N > 512), row blocks (M > 128), edges of each
    {3, 5, 700}, {5, 9, 300}, {17, 33, 65}, {33, 17, 513}, {9, 257, 31}, {32, 64, 64}, {130, 20, 120},
    {9, 600, 5}, {1, 41, 60}, {67, 70, 33}};

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
  for (const Shape& s : {Shape{1, 1, 1}, Shape{3, 5, 7}, Shape{6, 2, 3}, Shape{32, 16, 16}, Shape{250, 2, 16},
                         Shape{17, 33, 65}, Shape{64, 9, 128}, Shape{130, 20, 120}, Shape{9, 600, 5}})
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

TEST(Gemm, EmptyOutputIsANoOp) {
  std::vector<float> a = {1, 2}, b = {3, 4}, c = {5};
  gemm(false, false, 0, 1, 2, a.data(), 2, b.data(), 1, c.data(), 1, false);
  gemm(false, false, 1, 0, 2, a.data(), 2, b.data(), 1, c.data(), 1, false);
  EXPECT_EQ(c, (std::vector<float>{5}));
}

TEST(Gemm, RepeatedCallsOfGrowingAndShrinkingShapesStayCorrect) {
  // The SIMD128 kernel reuses grow-only workspaces across calls and paths.
  for (const Shape& s : {Shape{4, 8, 16}, Shape{130, 20, 120}, Shape{32, 2, 16}, Shape{9, 600, 5}, Shape{3, 5, 7}})
    for (int tb = 0; tb < 2; ++tb) expect_gemm_matches(false, tb, s, false, 1);
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
