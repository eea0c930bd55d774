// Token and position embeddings: per-id gradient accumulation, the padding row, PyTorch agreement.
#include <gtest/gtest.h>

#include "layers/sequence/embedding.h"
#include "layers/sequence/position_embedding.h"
#include "reglab/error.h"
#include "support/fixture.h"
#include "support/gradcheck.h"
#include "support/sequence.h"

namespace reglab {
namespace {

using testing::expect_gradient;
using testing::expect_matches;
using testing::load_fixture;
using testing::projection;
using testing::to_ints;
using testing::to_matrix;
using testing::uniform_matrix;
using testing::weighted_sum;

TEST(Embedding, LooksUpOneRowPerToken) {
  Rng rng(1);
  Embedding emb(5, 3, 0, rng);
  const Matrix& y = emb.forward({2, 4, 0, 2});
  ASSERT_EQ(y.rows(), 4);
  EXPECT_EQ(Matrix(y.row(0)), Matrix(emb.table.row(2)));
  EXPECT_EQ(Matrix(y.row(1)), Matrix(emb.table.row(4)));
  EXPECT_TRUE(y.row(2).isZero(0.0f));  // the padding row starts at 0, as torch's padding_idx
}

TEST(Embedding, GradientAccumulatesPerIdAndSkipsThePaddingRow) {
  Rng rng(2);
  Embedding emb(5, 3, 0, rng);
  const std::vector<int> ids = {2, 4, 0, 2, 0};
  emb.forward(ids);
  const Matrix dy = projection(5, 3, 3);
  emb.backward(dy);
  EXPECT_TRUE(emb.dtable.row(2).isApprox(dy.row(0) + dy.row(3)));  // id 2 seen twice
  EXPECT_TRUE(emb.dtable.row(4).isApprox(dy.row(1)));
  EXPECT_TRUE(emb.dtable.row(0).isZero(0.0f));  // padding id: no gradient
  EXPECT_TRUE(emb.dtable.row(1).isZero(0.0f));  // unseen id
  emb.backward(dy);                             // a second backward accumulates
  EXPECT_TRUE(emb.dtable.row(4).isApprox(2 * dy.row(1)));
}

TEST(Embedding, TokenOutsideTheVocabularyIsAnErrorNamingTheField) {
  Rng rng(3);
  Embedding emb(5, 3, 0, rng);
  try {
    emb.forward({1, 5});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "data.tokens");
  }
}

TEST(PositionEmbedding, GradientMatchesFiniteDifferences) {
  Rng rng(4);
  PositionEmbedding pos(6, 3, rng);
  const int T = 4;
  Matrix x = uniform_matrix(3 * T, 3, rng);
  const Matrix R = projection(3 * T, 3, 5);
  pos.forward(x, T);
  pos.backward(R);
  const Matrix dP = pos.dP;
  auto loss = [&] { return weighted_sum(pos.forward(x, T), R); };
  expect_gradient(loss, pos.P, dP, "dP");
  EXPECT_TRUE(dP.bottomRows(2).isZero(0.0f));  // positions ≥ T are not used
}

TEST(PositionEmbedding, SequenceLongerThanMaxLengthIsAnError) {
  Rng rng(5);
  PositionEmbedding pos(4, 2, rng);
  try {
    pos.forward(Matrix::Zero(10, 2), 5);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "model.maxLength");
  }
}

TEST(Embedding, TokenPlusPositionMatchesPyTorch) {
  auto f = load_fixture("sequence_embedding");
  const auto& in = f.inputs();
  const Matrix table = to_matrix(in["E"]), P = to_matrix(in["P"]);
  const int T = static_cast<int>(in["T"].as_number());
  Rng rng(6);
  Embedding emb(static_cast<int>(table.rows()), static_cast<int>(table.cols()),
                static_cast<int>(in["padding_id"].as_number()), rng);
  PositionEmbedding pos(static_cast<int>(P.rows()), static_cast<int>(P.cols()), rng);
  emb.table = table;
  pos.P = P;
  const Matrix y = pos.forward(emb.forward(to_ints(in["ids"])), T);
  expect_matches(y, f.expected()["y"], f, "y");
  const Matrix dy = to_matrix(in["dy"]);
  emb.backward(dy);
  pos.backward(dy);
  expect_matches(emb.dtable, f.expected()["dE"], f, "dE");
  expect_matches(pos.dP, f.expected()["dP"], f, "dP");
}

}  // namespace
}  // namespace reglab
