// Learning-rate schedules: constant, step decay, cosine annealing, linear warm-up.
#include <gtest/gtest.h>

#include <cmath>

#include "train/lr_schedule.h"

namespace reglab {
namespace {

TEST(LrSchedule, ConstantNeverChanges) {
  LrScheduleSpec s;
  s.kind = "constant";
  for (int e : {0, 1, 50, 299}) EXPECT_EQ(scheduled_lr(s, 0.01, e, 300), 0.01);
}

TEST(LrSchedule, StepDecaysByGammaEveryStepSizeEpochs) {
  LrScheduleSpec s;
  s.kind = "step";
  s.stepSize = 10;
  s.gamma = 0.5;
  EXPECT_DOUBLE_EQ(scheduled_lr(s, 0.1, 0, 100), 0.1);
  EXPECT_DOUBLE_EQ(scheduled_lr(s, 0.1, 9, 100), 0.1);
  EXPECT_DOUBLE_EQ(scheduled_lr(s, 0.1, 10, 100), 0.05);
  EXPECT_DOUBLE_EQ(scheduled_lr(s, 0.1, 25, 100), 0.025);
}

TEST(LrSchedule, CosineGoesFromBaseToMinLr) {
  LrScheduleSpec s;
  s.kind = "cosine";
  s.minLr = 0.001;
  const double base = 0.1;
  const int E = 100;
  EXPECT_DOUBLE_EQ(scheduled_lr(s, base, 0, E), base);
  EXPECT_NEAR(scheduled_lr(s, base, 50, E), (base + s.minLr) / 2, 1e-12) << "halfway = midpoint";
  EXPECT_NEAR(scheduled_lr(s, base, 25, E), s.minLr + (base - s.minLr) * (1 + std::cos(std::acos(-1.0) / 4)) / 2, 1e-12);
  double previous = base;
  for (int e = 1; e < E; ++e) {
    const double lr = scheduled_lr(s, base, e, E);
    EXPECT_LT(lr, previous) << "epoch " << e;
    EXPECT_GT(lr, s.minLr);
    previous = lr;
  }
}

TEST(LrSchedule, WarmupRisesLinearlyThenScheduleStarts) {
  LrScheduleSpec s;
  s.kind = "cosine";
  s.warmup = 5;
  const double base = 0.02;
  for (int e = 0; e < 5; ++e) EXPECT_DOUBLE_EQ(scheduled_lr(s, base, e, 105), base * (e + 1) / 5);
  EXPECT_DOUBLE_EQ(scheduled_lr(s, base, 5, 105), base) << "cosine starts at base after warm-up";
  EXPECT_NEAR(scheduled_lr(s, base, 55, 105), base / 2, 1e-12) << "cosine runs over the 100 epochs after warm-up";
  s.kind = "step";
  s.stepSize = 10;
  s.gamma = 0.1;
  EXPECT_DOUBLE_EQ(scheduled_lr(s, base, 14, 105), base);
  EXPECT_NEAR(scheduled_lr(s, base, 15, 105), base * 0.1, 1e-15);
}

TEST(LrSchedule, UnknownKindThrows) {
  LrScheduleSpec s;
  s.kind = "exponential";
  EXPECT_THROW(scheduled_lr(s, 0.1, 0, 10), std::invalid_argument);
}

}  // namespace
}  // namespace reglab
