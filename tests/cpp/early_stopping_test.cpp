// Early stopping decisions on the fixture's validation-metric sequences (Keras/Lightning rule).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "support/fixture.h"
#include "train/early_stopping.h"

namespace reglab {
namespace {

using testing::Fixture;
using testing::load_fixture;

TEST(EarlyStopping, MatchesReferenceOnEveryCase) {
  Fixture f = load_fixture("early_stopping");
  const Json& cases = f.inputs()["cases"];
  ASSERT_GT(cases.size(), 0u);
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE("case " + std::to_string(i));
    const Json& c = cases[i];
    const Json& e = f.expected()["cases"][i];
    EarlyStopping es(static_cast<int>(c["patience"].as_number()), c["min_delta"].as_number(),
                     c["mode"].as_string() == "max");
    const Json& values = c["values"];
    int epochs_run = 0;
    for (size_t epoch = 0; epoch < values.size(); ++epoch) {
      es.update(static_cast<int>(epoch), values[epoch].as_number());
      epochs_run = static_cast<int>(epoch) + 1;
      if (es.should_stop()) break;
    }
    EXPECT_EQ(es.should_stop(), e["stopped"].as_bool());
    const int stop_epoch = e["stop_epoch"].is_null() ? -1 : static_cast<int>(e["stop_epoch"].as_number());
    EXPECT_EQ(es.stop_epoch(), stop_epoch);
    EXPECT_EQ(epochs_run, static_cast<int>(e["epochs_run"].as_number()));
    EXPECT_EQ(es.best_epoch(), static_cast<int>(e["best_epoch"].as_number()));
    EXPECT_NEAR(es.best_value(), e["best_value"].as_number(), f.abs_tol);
  }
}

TEST(EarlyStopping, TieIsNotAnImprovement) {
  EarlyStopping es(2, 0.0, false);
  EXPECT_TRUE(es.update(0, 0.5));
  EXPECT_FALSE(es.update(1, 0.5));
  EXPECT_EQ(es.epochs_without_improvement(), 1);
  EXPECT_FALSE(es.should_stop());
  EXPECT_FALSE(es.update(2, 0.5));
  EXPECT_TRUE(es.should_stop());
  EXPECT_EQ(es.best_epoch(), 0);
}

TEST(EarlyStopping, SmallImprovementsBelowMinDeltaDoNotCount) {
  EarlyStopping es(3, 0.1, false);
  es.update(0, 1.0);
  EXPECT_FALSE(es.update(1, 0.95)) << "better, but not by more than min_delta";
  EXPECT_FALSE(es.update(2, 0.91));
  EXPECT_TRUE(es.update(3, 0.89)) << "0.89 < 1.0 − 0.1";
  EXPECT_EQ(es.best_epoch(), 3);
  EXPECT_EQ(es.epochs_without_improvement(), 0);
}

TEST(EarlyStopping, MaximizeModeForAccuracy) {
  EarlyStopping es(1, 0.0, true);
  EXPECT_TRUE(es.update(0, 0.6));
  EXPECT_TRUE(es.update(1, 0.7));
  EXPECT_FALSE(es.update(2, 0.65));
  EXPECT_TRUE(es.should_stop());
  EXPECT_EQ(es.stop_epoch(), 2);
  EXPECT_DOUBLE_EQ(es.best_value(), 0.7);
}

TEST(EarlyStopping, NaNIsNeverAnImprovementAndResetStartsOver) {
  EarlyStopping es(5, 0.0, false);
  es.update(0, 1.0);
  EXPECT_FALSE(es.update(1, std::numeric_limits<double>::quiet_NaN()));
  EXPECT_EQ(es.best_epoch(), 0);
  es.reset();
  EXPECT_EQ(es.best_epoch(), -1);
  EXPECT_TRUE(std::isinf(es.best_value()));
  EXPECT_TRUE(es.update(0, 3.0)) << "epoch 0 always improves";
}

}  // namespace
}  // namespace reglab
