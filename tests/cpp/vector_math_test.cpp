// kernels/vector_math.h (exp, sigmoid, tanh on 4 floats; the GRU cell's gates) against the double-
// precision std:: functions over their working range, then at the edges: overflow to +inf,
// underflow to subnormals and 0, ±inf, NaN, signed zero. Natively the vectors are SSE; the wasm
// build compiles the same source to SIMD128 (its GRU is checked against PyTorch in
// tests/js/sequence_models.test.js).
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>

#include "kernels/vector_math.h"

namespace reglab {
namespace {

using vmath::f32x4;

// Applies f to x in lane `lane` of a vector whose other lanes hold other values (lanes must not mix).
template <typename F>
float lane_of(F f, float x, int lane) {
  std::array<float, 4> in = {0.5f, -3.0f, 7.0f, -0.25f};
  in[lane] = x;
  std::array<float, 4> out;
  vmath::store(out.data(), f(vmath::load(in.data())));
  return out[lane];
}

template <typename F>
float one(F f, float x) {
  return lane_of(f, x, 0);
}

const auto kExp = [](f32x4 v) { return vmath::exp(v); };
const auto kSigmoid = [](f32x4 v) { return vmath::sigmoid(v); };
const auto kTanh = [](f32x4 v) { return vmath::tanh(v); };

TEST(VectorMath, ExpRelativeErrorBelow2e7OverTheNormalRange) {
  double worst = 0, at = 0;
  const int steps = 1000000;
  for (int i = 0; i <= steps; ++i) {
    const float x = -87.3f + 176.0f * static_cast<float>(i) / steps;  // e^x from the smallest normals to FLT_MAX
    const double want = std::exp(static_cast<double>(x));
    const double rel = std::fabs(one(kExp, x) - want) / want;
    if (rel > worst) worst = rel, at = x;
  }
  EXPECT_LT(worst, 2e-7) << "at x = " << at;
}

TEST(VectorMath, SigmoidAndTanhAbsoluteErrorBelow2e7) {
  double worst_sigmoid = 0, worst_tanh = 0;
  const int steps = 1000000;
  for (int i = 0; i <= steps; ++i) {
    const float x = -30.0f + 60.0f * static_cast<float>(i) / steps;
    const double xd = x;
    worst_sigmoid = std::fmax(worst_sigmoid, std::fabs(one(kSigmoid, x) - 1.0 / (1.0 + std::exp(-xd))));
    worst_tanh = std::fmax(worst_tanh, std::fabs(one(kTanh, x) - std::tanh(xd)));
  }
  EXPECT_LT(worst_sigmoid, 2e-7);
  EXPECT_LT(worst_tanh, 2e-7);
}

TEST(VectorMath, EveryLaneComputesItsOwnValue) {
  for (int lane = 0; lane < 4; ++lane) {
    EXPECT_NEAR(lane_of(kExp, 1.0f, lane), std::exp(1.0f), 1e-6f);
    EXPECT_NEAR(lane_of(kSigmoid, 2.0f, lane), 1.0f / (1.0f + std::exp(-2.0f)), 1e-7f);
    EXPECT_NEAR(lane_of(kTanh, -0.7f, lane), std::tanh(-0.7f), 1e-7f);
  }
}

TEST(VectorMath, ExpOverflowsToInfinityAndUnderflowsThroughSubnormalsToZero) {
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_NEAR(one(kExp, 88.72f) / std::exp(88.72f), 1.0f, 1e-6f);  // just below FLT_MAX
  EXPECT_EQ(one(kExp, 88.73f), inf);
  EXPECT_EQ(one(kExp, 1000.0f), inf);
  EXPECT_EQ(one(kExp, inf), inf);
  EXPECT_NEAR(one(kExp, -95.0f) / std::exp(-95.0f), 1.0f, 1e-3f);  // a subnormal (fewer significant bits)
  EXPECT_EQ(one(kExp, -104.0f), 0.0f);
  EXPECT_EQ(one(kExp, -1000.0f), 0.0f);
  EXPECT_EQ(one(kExp, -inf), 0.0f);
  EXPECT_EQ(one(kExp, 0.0f), 1.0f);
  EXPECT_EQ(one(kExp, -0.0f), 1.0f);
}

TEST(VectorMath, SigmoidAndTanhSaturateAtLargeMagnitudes) {
  const float inf = std::numeric_limits<float>::infinity();
  for (float x : {100.0f, 1e30f, inf}) {
    EXPECT_EQ(one(kSigmoid, x), 1.0f) << x;
    EXPECT_EQ(one(kSigmoid, -x), 0.0f) << -x;  // not NaN: e^{x} overflows to inf, 1/(1 + inf) = 0
    EXPECT_EQ(one(kTanh, x), 1.0f) << x;
    EXPECT_EQ(one(kTanh, -x), -1.0f) << -x;
  }
  EXPECT_EQ(one(kSigmoid, 0.0f), 0.5f);
  EXPECT_EQ(one(kTanh, 0.0f), 0.0f);
  EXPECT_TRUE(std::signbit(one(kTanh, -0.0f)));  // odd function: tanh(−0) = −0
}

TEST(VectorMath, NaNStaysNaN) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_TRUE(std::isnan(one(kExp, nan)));
  EXPECT_TRUE(std::isnan(one(kSigmoid, nan)));
  EXPECT_TRUE(std::isnan(one(kTanh, nan)));
  // ... and only in its own lane.
  const std::array<float, 4> in = {nan, 1.0f, -2.0f, 3.0f};
  std::array<float, 4> out;
  vmath::store(out.data(), vmath::tanh(vmath::load(in.data())));
  EXPECT_TRUE(std::isnan(out[0]));
  for (int i = 1; i < 4; ++i) EXPECT_NEAR(out[i], std::tanh(in[i]), 2e-7f) << i;
}

}  // namespace
}  // namespace reglab
