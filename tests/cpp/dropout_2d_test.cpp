// Dropout2d: PyTorch's training output and gradient for a given channel mask, the identity in
// evaluation, whole channels dropped at rate p, masks reproducible from the seed, and the range check.
#include <gtest/gtest.h>

#include "layers/dropout_2d.h"
#include "reglab/error.h"
#include "support/fixture.h"
#include "support/gradcheck.h"

namespace reglab {
namespace {

using testing::expect_gradient;
using testing::expect_matches;
using testing::load_fixture;
using testing::projection;
using testing::to_ints;
using testing::to_matrix;

TEST(Dropout2D, GivenMaskMatchesPyTorchInTrainingAndEvaluationIsIdentity) {
  auto f = load_fixture("dropout2d");
  const std::vector<int> s = to_ints(f.inputs()["image_shape"]);
  const ImageShape shape{s[0], s[1], s[2]};
  const float p = static_cast<float>(f.inputs()["p"].as_number());
  const Matrix x = to_matrix(f.inputs()["x"]), dy = to_matrix(f.inputs()["dy"]);
  const Matrix mask = to_matrix(f.inputs()["keep_mask"]);
  Matrix y, dx;
  dropout_2d_forward(x, shape, mask, p, y);
  expect_matches(y, f.expected()["train_y"], f, "train_y");
  dropout_2d_backward(dy, shape, mask, p, dx);
  expect_matches(dx, f.expected()["train_dx"], f, "train_dx");
  Dropout2D layer(shape, p);
  Rng rng(1);
  expect_matches(layer.forward(x, Mode::Eval, rng), f.expected()["eval_y"], f, "eval_y");
  EXPECT_EQ(layer.backward(dy), dy);
}

TEST(Dropout2D, DropsWholeChannelsAtRateP) {
  const ImageShape shape{8, 3, 3};
  Dropout2D layer(shape, 0.3f);
  Rng rng(11);
  const Matrix x = Matrix::Ones(500, shape.size());
  const Matrix& y = layer.forward(x, Mode::Train, rng);
  const Matrix& mask = layer.keep_mask();
  ASSERT_EQ(mask.rows(), 500);
  ASSERT_EQ(mask.cols(), 8);
  for (int n = 0; n < 500; ++n)
    for (int c = 0; c < 8; ++c)
      for (int p = 0; p < 9; ++p) ASSERT_FLOAT_EQ(y(n, c * 9 + p), mask(n, c) / 0.7f);
  const double dropped = 1.0 - mask.cast<double>().mean();
  EXPECT_NEAR(dropped, 0.3, 0.03);  // 4,000 Bernoulli draws: σ ≈ 0.007
  const Matrix& dx = layer.backward(Matrix::Ones(500, shape.size()));
  EXPECT_EQ(dx, y);
}

TEST(Dropout2D, SameSeedGivesTheSameMask) {
  const ImageShape shape{4, 2, 2};
  Dropout2D a(shape, 0.5f), b(shape, 0.5f);
  Rng ra(42), rb(42);
  const Matrix x = Matrix::Ones(6, shape.size());
  a.forward(x, Mode::Train, ra);
  b.forward(x, Mode::Train, rb);
  EXPECT_EQ(a.keep_mask(), b.keep_mask());
  EXPECT_GT(a.keep_mask().sum(), 0.0f);
  EXPECT_LT(a.keep_mask().sum(), 24.0f);
  EXPECT_EQ(ra.next_u32(), rb.next_u32());
}

TEST(Dropout2D, InputGradientMatchesFiniteDifferences) {
  const ImageShape shape{3, 2, 3};
  Dropout2D layer(shape, 0.5f);
  Rng rng(5);
  Matrix x = projection(4, shape.size(), 2);
  const Matrix r = projection(4, shape.size(), 3);
  layer.forward(x, Mode::Train, rng);
  const Matrix mask = layer.keep_mask();
  auto loss = [&] {
    Matrix y;
    dropout_2d_forward(x, shape, mask, 0.5f, y);
    return (y.cast<double>().array() * r.cast<double>().array()).sum();
  };
  const Matrix dx = layer.backward(r);
  expect_gradient(loss, x, dx, "dx");
}

TEST(Dropout2D, ZeroRateIsIdentityAndDrawsNothing) {
  Dropout2D layer({2, 2, 2}, 0.0f);
  Rng rng(3), untouched(3);
  const Matrix x = projection(3, 8, 1);
  EXPECT_EQ(layer.forward(x, Mode::Train, rng), x);
  EXPECT_EQ(rng.next_u32(), untouched.next_u32());
}

TEST(Dropout2D, RateOutsideZeroToOneIsAnError) {
  EXPECT_THROW(Dropout2D({1, 2, 2}, 1.5f), Error);
  try {
    Dropout2D layer({1, 2, 2}, -0.1f);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "model.convDropout");
  }
}

}  // namespace
}  // namespace reglab
