// Masked mean pooling: padding excluded, all-padding rows give 0, gradients, PyTorch agreement.
#include <gtest/gtest.h>

#include "layers/sequence/masked_mean_pooling.h"
#include "support/fixture.h"
#include "support/gradcheck.h"
#include "support/sequence.h"

namespace reglab {
namespace {

using testing::expect_gradient;
using testing::expect_matches;
using testing::load_fixture;
using testing::padding_mask;
using testing::projection;
using testing::to_matrix;
using testing::uniform_matrix;
using testing::weighted_sum;

TEST(MaskedMeanPooling, AveragesRealTokensOnly) {
  Rng rng(1);
  const Matrix mask = padding_mask({2, 3}, 3);
  Matrix x = uniform_matrix(6, 4, rng);
  Matrix y;
  masked_mean_pooling_forward(x, mask, y);
  EXPECT_TRUE(y.row(0).isApprox((x.row(0) + x.row(1)) / 2));
  x.row(2).setConstant(1e6f);  // a padding position of sequence 0
  Matrix y2;
  masked_mean_pooling_forward(x, mask, y2);
  EXPECT_EQ(Matrix(y2.row(0)), Matrix(y.row(0)));
}

TEST(MaskedMeanPooling, AllPaddingSequenceGivesZerosAndNoNaN) {
  Rng rng(2);
  const Matrix mask = padding_mask({0, 2}, 2);
  const Matrix x = uniform_matrix(4, 3, rng);
  Matrix y, dx;
  masked_mean_pooling_forward(x, mask, y);
  EXPECT_TRUE(y.row(0).isZero(0.0f));
  masked_mean_pooling_backward(projection(2, 3, 1), mask, dx);
  EXPECT_TRUE(dx.allFinite());
  EXPECT_TRUE(dx.topRows(2).isZero(0.0f));
}

TEST(MaskedMeanPooling, GradientMatchesFiniteDifferences) {
  Rng rng(3);
  const Matrix mask = padding_mask({3, 1, 0, 2}, 3);
  Matrix x = uniform_matrix(12, 2, rng);
  const Matrix R = projection(4, 2, 4);
  Matrix y, dx;
  masked_mean_pooling_backward(R, mask, dx);
  auto loss = [&] {
    masked_mean_pooling_forward(x, mask, y);
    return weighted_sum(y, R);
  };
  expect_gradient(loss, x, dx, "dx");
}

TEST(MaskedMeanPooling, MatchesPyTorch) {
  auto f = load_fixture("sequence_masked_mean_pooling");
  const auto& cases = f.inputs()["cases"];
  for (size_t c = 0; c < cases.size(); ++c) {
    const auto& in = cases[c];
    const auto& ex = f.expected()["cases"][c];
    const Matrix x = to_matrix(in["x"]), mask = to_matrix(in["mask"]);
    SCOPED_TRACE("batch of " + std::to_string(mask.rows()));
    Matrix y, dx;
    masked_mean_pooling_forward(x, mask, y);
    expect_matches(y, ex["y"], f, "y");
    masked_mean_pooling_backward(to_matrix(in["dy"]), mask, dx);
    expect_matches(dx, ex["dx"], f, "dx");
  }
}

}  // namespace
}  // namespace reglab
