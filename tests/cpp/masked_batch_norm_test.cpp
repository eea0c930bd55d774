// BatchNorm over (batch × positions): statistics over real tokens or over every position,
// gradients, running statistics and PyTorch agreement.
#include <gtest/gtest.h>

#include "layers/sequence/masked_batch_norm.h"
#include "reglab/error.h"
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

TEST(MaskedBatchNorm, RealTokenStatisticsIgnorePaddingValues) {
  Rng rng(1);
  const Matrix mask = padding_mask({3, 1, 2}, 3);
  Matrix x = uniform_matrix(9, 4, rng);
  MaskedBatchNorm masked(4, 0.1f, 1e-5f, false), all(4, 0.1f, 1e-5f, true);
  const Matrix y = masked.forward(x, mask, Mode::Train, rng);
  const Matrix y_all = all.forward(x, mask, Mode::Train, rng);
  x.row(5).setConstant(100.0f);  // padding of sequence 1
  const Matrix y2 = masked.forward(x, mask, Mode::Train, rng);
  EXPECT_TRUE(y2.row(0).isApprox(y.row(0)));
  EXPECT_FALSE(all.forward(x, mask, Mode::Train, rng).row(0).isApprox(y_all.row(0), 1e-3f));
}

TEST(MaskedBatchNorm, GradientsMatchFiniteDifferencesInBothModes) {
  for (bool include_padding : {false, true}) {
    SCOPED_TRACE(include_padding ? "including padding" : "real tokens only");
    Rng rng(2);
    const Matrix mask = padding_mask({3, 0, 2, 1}, 3);
    MaskedBatchNorm bn(3, 0.1f, 1e-5f, include_padding);
    bn.gamma = uniform_matrix(1, 3, rng, 0.5, 1.5);
    bn.beta = uniform_matrix(1, 3, rng);
    Matrix x = uniform_matrix(12, 3, rng, -2, 2);
    const Matrix R = projection(12, 3, 3);
    bn.forward(x, mask, Mode::Train, rng);
    const Matrix dx = bn.backward(R), dgamma = bn.dgamma, dbeta = bn.dbeta;
    auto loss = [&] { return weighted_sum(bn.forward(x, mask, Mode::Train, rng), R); };
    expect_gradient(loss, x, dx, "dx");
    expect_gradient(loss, bn.gamma, dgamma, "dgamma");
    expect_gradient(loss, bn.beta, dbeta, "dbeta");
  }
}

TEST(MaskedBatchNorm, FewerThanTwoRealTokensIsAnErrorNotNaN) {
  Rng rng(3);
  MaskedBatchNorm bn(2, 0.1f, 1e-5f, false);
  try {
    bn.forward(Matrix::Ones(4, 2), padding_mask({1, 0}, 2), Mode::Train, rng);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "training.batchSize");
  }
}

TEST(MaskedBatchNorm, EvaluationUsesRunningStatisticsForABatchOfOne) {
  Rng rng(4);
  MaskedBatchNorm bn(2, 0.1f, 1e-5f, false);
  bn.running_mean << 1.0f, -1.0f;
  bn.running_var << 4.0f, 0.25f;
  const Matrix x = uniform_matrix(3, 2, rng);
  const Matrix y = bn.forward(x, padding_mask({2}, 3), Mode::Eval, rng);
  EXPECT_NEAR(y(0, 0), (x(0, 0) - 1.0f) / std::sqrt(4.0f + 1e-5f), 1e-6);
  EXPECT_NEAR(y(1, 1), (x(1, 1) + 1.0f) / std::sqrt(0.25f + 1e-5f), 1e-5);
}

TEST(MaskedBatchNorm, MatchesPyTorch) {
  auto f = load_fixture("sequence_masked_batch_norm");
  const auto& cases = f.inputs()["cases"];
  for (size_t c = 0; c < cases.size(); ++c) {
    const auto& in = cases[c];
    const auto& ex = f.expected()["cases"][c];
    const bool include_padding = in["include_padding"].as_bool();
    const Matrix x = to_matrix(in["x"]), mask = to_matrix(in["mask"]);
    SCOPED_TRACE(std::string(include_padding ? "including padding" : "real tokens only") + ", batch of " +
                 std::to_string(mask.rows()));
    MaskedBatchNorm bn(static_cast<int>(x.cols()), static_cast<float>(in["momentum"].as_number()),
                       static_cast<float>(in["eps"].as_number()), include_padding);
    bn.gamma = to_matrix(in["gamma"]);
    bn.beta = to_matrix(in["beta"]);
    Rng rng(5);
    expect_matches(bn.forward(x, mask, Mode::Train, rng), ex["y"], f, "y");
    expect_matches(bn.backward(to_matrix(in["dy"])), ex["dx"], f, "dx");
    expect_matches(bn.dgamma, ex["dgamma"], f, "dgamma");
    expect_matches(bn.dbeta, ex["dbeta"], f, "dbeta");
    expect_matches(bn.running_mean, ex["running_mean"], f, "running_mean");
    expect_matches(bn.running_var, ex["running_var"], f, "running_var");
    expect_matches(bn.forward(x, mask, Mode::Eval, rng), ex["eval_y"], f, "eval_y");
  }
}

}  // namespace
}  // namespace reglab
