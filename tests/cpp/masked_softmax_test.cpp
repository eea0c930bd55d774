// Softmax over keys with padded keys excluded: finite differences, masking, all-padding rows.
#include <gtest/gtest.h>

#include "layers/sequence/masked_softmax.h"
#include "support/fixture.h"
#include "support/gradcheck.h"
#include "support/sequence.h"

namespace reglab {
namespace {

using testing::expect_gradient;
using testing::expect_matches;
using testing::load_fixture;
using testing::to_matrix;
using testing::projection;
using testing::uniform_matrix;
using testing::weighted_sum;

TEST(MaskedSoftmax, EqualsSoftmaxWhenEveryKeyIsReal) {
  Rng rng(1);
  const Matrix S = uniform_matrix(3, 5, rng, -3, 3);
  const float keys[5] = {1, 1, 1, 1, 1};
  Matrix P(3, 5);
  masked_softmax_forward(S, keys, P);
  for (int i = 0; i < 3; ++i) {
    const Eigen::ArrayXf e = (S.row(i).array() - S.row(i).maxCoeff()).exp().transpose();
    for (int j = 0; j < 5; ++j) EXPECT_NEAR(P(i, j), e(j) / e.sum(), 1e-6);
  }
}

TEST(MaskedSoftmax, PaddedKeysGetZeroWeightAndTheRestSumToOne) {
  Rng rng(2);
  Matrix S = uniform_matrix(4, 6, rng, -3, 3);
  const float keys[6] = {1, 0, 1, 1, 0, 0};
  S(0, 1) = 50.0f;  // a huge score on a padded key must not matter
  Matrix P(4, 6);
  masked_softmax_forward(S, keys, P);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(P(i, 1), 0.0f);
    EXPECT_EQ(P(i, 4), 0.0f);
    EXPECT_EQ(P(i, 5), 0.0f);
    EXPECT_NEAR(P.row(i).sum(), 1.0f, 1e-6);
  }
}

TEST(MaskedSoftmax, RowWithoutRealKeysIsZeroNotNaN) {
  Rng rng(3);
  const Matrix S = uniform_matrix(2, 4, rng);
  const float keys[4] = {0, 0, 0, 0};
  Matrix P(2, 4), dS(2, 4);
  masked_softmax_forward(S, keys, P);
  EXPECT_TRUE(P.isZero(0.0f));
  masked_softmax_backward(P, projection(2, 4, 1), dS);
  EXPECT_TRUE(dS.isZero(0.0f));
}

TEST(MaskedSoftmax, GradientMatchesFiniteDifferences) {
  Rng rng(4);
  Matrix S = uniform_matrix(3, 5, rng, -2, 2);
  const float keys[5] = {1, 1, 0, 1, 0};
  const Matrix R = projection(3, 5, 7);
  Matrix P(3, 5), dS(3, 5);
  masked_softmax_forward(S, keys, P);
  masked_softmax_backward(P, R, dS);
  auto loss = [&] {
    Matrix p(3, 5);
    masked_softmax_forward(S, keys, p);
    return weighted_sum(p, R);
  };
  expect_gradient(loss, S, dS, "dS", 1e-2, 1e-2);
  EXPECT_EQ(dS(0, 2), 0.0f);  // a padded key's score has no effect
}

TEST(MaskedSoftmax, MatchesPyTorch) {
  auto f = load_fixture("sequence_masked_softmax");
  const Matrix S = to_matrix(f.inputs()["scores"]), keys = to_matrix(f.inputs()["key_mask"]);
  Matrix P(S.rows(), S.cols()), dS(S.rows(), S.cols());
  masked_softmax_forward(S, keys.data(), P);
  expect_matches(P, f.expected()["P"], f, "P");
  masked_softmax_backward(P, to_matrix(f.inputs()["dP"]), dS);
  expect_matches(dS, f.expected()["dS"], f, "dS");
}

}  // namespace
}  // namespace reglab
