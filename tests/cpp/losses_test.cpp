// Losses: softmax cross-entropy (hard, smoothed and soft targets), BCE with logits and MSE against
// PyTorch, finite differences, saturated logits, and the Loss dispatcher.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "losses/bce_with_logits.h"
#include "losses/label_smoothing.h"
#include "losses/loss.h"
#include "losses/mse.h"
#include "reglab/softmax_ce.h"
#include "reglab/error.h"
#include "reglab/rng.h"
#include "support/fixture.h"
#include "support/gradcheck.h"

namespace reglab {
namespace {

using testing::expect_gradient;
using testing::expect_matches;
using testing::load_fixture;
using testing::to_ints;
using testing::to_matrix;

Matrix uniform_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng, double lo = -3.0, double hi = 3.0) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform(lo, hi));
  return m;
}

// Random B × K rows of probabilities summing to 1.
Matrix soft_targets(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  Matrix t = uniform_matrix(rows, cols, rng, 0.0, 1.0);
  for (Eigen::Index r = 0; r < rows; ++r) t.row(r) /= t.row(r).sum();
  return t;
}

Labels labels_of(const Json& j) {
  Labels labels;
  for (int v : to_ints(j)) labels.push_back(v);
  return labels;
}

bool has_subnormal(const Matrix& m) {
  for (Eigen::Index i = 0; i < m.size(); ++i)
    if (std::fpclassify(m.data()[i]) == FP_SUBNORMAL) return true;
  return false;
}

// ---- softmax cross-entropy ------------------------------------------------------------------

TEST(SoftmaxCE, HardLabelsMatchPyTorch) {
  auto f = load_fixture("loss_softmax_ce");
  const Matrix logits = to_matrix(f.inputs()["logits"]);
  Matrix targets, probs, dlogits, per_sample;
  smoothed_targets(labels_of(f.inputs()["labels"]), static_cast<int>(logits.cols()), 0.0f, targets);
  const float loss = softmax_ce_forward(logits, targets, probs);
  softmax_ce_backward(probs, targets, dlogits);
  expect_matches(loss, f.expected()["loss"], f, "loss");
  expect_matches(probs, f.expected()["probs"], f, "probs");
  expect_matches(dlogits, f.expected()["dlogits"], f, "dlogits");
  softmax_ce_per_sample(logits, targets, probs, per_sample);
  expect_matches(Matrix(per_sample.transpose()), f.expected()["per_sample_loss"], f, "per_sample_loss");
  EXPECT_FLOAT_EQ(per_sample(0, 0), 70.0f);  // logits 50 vs −20: finite thanks to log-sum-exp
}

TEST(SoftmaxCE, SoftTargetsMatchPyTorch) {
  auto f = load_fixture("loss_softmax_ce_soft_targets");
  const Matrix logits = to_matrix(f.inputs()["logits"]), targets = to_matrix(f.inputs()["targets"]);
  Matrix probs, dlogits;
  expect_matches(softmax_ce_forward(logits, targets, probs), f.expected()["loss"], f, "loss");
  softmax_ce_backward(probs, targets, dlogits);
  expect_matches(dlogits, f.expected()["dlogits"], f, "dlogits");
}

TEST(SoftmaxCE, GradientMatchesFiniteDifferences) {
  Rng rng(1);
  Matrix logits = uniform_matrix(5, 4, rng);
  const Matrix targets = soft_targets(5, 4, rng);
  Matrix probs, dlogits;
  softmax_ce_forward(logits, targets, probs);
  softmax_ce_backward(probs, targets, dlogits);
  auto loss = [&] { return static_cast<double>(softmax_ce_forward(logits, targets, probs)); };
  expect_gradient(loss, logits, dlogits, "dlogits", 1e-2, 2e-3);
}

TEST(SoftmaxCE, SaturatedLogitsGiveNoNaNAndNoSubnormals) {
  Matrix logits(4, 3);
  logits << 1000.0f, -1000.0f, 0.0f,  //
      88.0f, 0.0f, -88.0f,            //
      1e30f, -1e30f, 0.0f,            //
      -500.0f, -520.0f, -590.0f;
  Labels labels = {1, 2, 1, 2};
  Matrix targets, probs, dlogits, per_sample;
  smoothed_targets(labels, 3, 0.0f, targets);
  const float loss = softmax_ce_forward(logits, targets, probs);
  softmax_ce_backward(probs, targets, dlogits);
  softmax_ce_per_sample(logits, targets, probs, per_sample);
  EXPECT_TRUE(std::isfinite(loss));
  EXPECT_TRUE(probs.allFinite());
  EXPECT_TRUE(dlogits.allFinite());
  EXPECT_TRUE(per_sample.allFinite());
  EXPECT_FALSE(has_subnormal(probs));
  EXPECT_FALSE(has_subnormal(dlogits));
  EXPECT_FLOAT_EQ(per_sample(0, 0), 2000.0f);
  EXPECT_FLOAT_EQ(per_sample(1, 0), 176.0f);
  EXPECT_FLOAT_EQ(per_sample(3, 0), 90.0f);
  for (Eigen::Index r = 0; r < probs.rows(); ++r) EXPECT_NEAR(probs.row(r).sum(), 1.0, 1e-6);
  // The same guarantee for a large batch, where (p − t)/B is the smallest number produced.
  Rng rng(2);
  Matrix big = uniform_matrix(512, 10, rng, -40.0, 40.0);
  Matrix big_targets(512, 10);
  Labels big_labels(512);
  for (auto& l : big_labels) l = static_cast<int32_t>(rng.uniform_int(10));
  smoothed_targets(big_labels, 10, 0.1f, big_targets);
  softmax_ce_forward(big, big_targets, probs);
  softmax_ce_backward(probs, big_targets, dlogits);
  EXPECT_FALSE(has_subnormal(probs));
  EXPECT_FALSE(has_subnormal(dlogits));
  // Worst case for a cut-off at e^{−80}: nine tied maxima and one logit 79.5 below them give
  // p = e^{−79.5}/9 ≈ 3e−36, and (p − 0)/512 ≈ 6e−39 would be subnormal.
  Matrix tied = Matrix::Zero(512, 10);
  tied.col(9).setConstant(-79.5f);
  smoothed_targets(Labels(512, 0), 10, 0.0f, big_targets);
  softmax_ce_forward(tied, big_targets, probs);
  softmax_ce_backward(probs, big_targets, dlogits);
  EXPECT_FALSE(has_subnormal(dlogits));
  EXPECT_EQ(probs(0, 9), 0.0f);
}

TEST(SoftmaxCE, SoftmaxRowsSumToOne) {
  Rng rng(3);
  const Matrix logits = uniform_matrix(6, 5, rng);
  Matrix probs;
  softmax_forward(logits, probs);
  for (Eigen::Index r = 0; r < probs.rows(); ++r) EXPECT_NEAR(probs.row(r).sum(), 1.0, 1e-6);
  EXPECT_GT(probs.minCoeff(), 0.0f);
}

// ---- label smoothing ------------------------------------------------------------------------

TEST(LabelSmoothing, MatchesPyTorch) {
  auto f = load_fixture("loss_softmax_ce_label_smoothing");
  const Matrix logits = to_matrix(f.inputs()["logits"]);
  const int num_classes = static_cast<int>(f.inputs()["num_classes"].as_number());
  const float epsilon = static_cast<float>(f.inputs()["label_smoothing"].as_number());
  Matrix targets, probs, dlogits;
  smoothed_targets(labels_of(f.inputs()["labels"]), num_classes, epsilon, targets);
  expect_matches(targets, f.expected()["smoothed_targets"], f, "smoothed_targets");
  expect_matches(softmax_ce_forward(logits, targets, probs), f.expected()["loss"], f, "loss");
  softmax_ce_backward(probs, targets, dlogits);
  expect_matches(dlogits, f.expected()["dlogits"], f, "dlogits");
}

TEST(LabelSmoothing, TrueClassAlsoReceivesEpsilonOverK) {
  Matrix targets;
  smoothed_targets({0, 3}, 4, 0.2f, targets);
  EXPECT_FLOAT_EQ(targets(0, 0), 0.8f + 0.05f);
  EXPECT_FLOAT_EQ(targets(0, 1), 0.05f);
  EXPECT_FLOAT_EQ(targets(1, 3), 0.85f);
  for (Eigen::Index r = 0; r < targets.rows(); ++r) EXPECT_NEAR(targets.row(r).sum(), 1.0, 1e-6);
}

TEST(LabelSmoothing, ZeroEpsilonIsOneHot) {
  Matrix targets;
  smoothed_targets({2, 0, 1}, 3, 0.0f, targets);
  Matrix expected(3, 3);
  expected << 0, 0, 1, 1, 0, 0, 0, 1, 0;
  EXPECT_EQ(targets, expected);
}

TEST(LabelSmoothing, RejectsLabelOutsideClasses) {
  Matrix targets;
  EXPECT_THROW(smoothed_targets({0, 3}, 3, 0.1f, targets), Error);
  EXPECT_THROW(smoothed_targets({-1}, 3, 0.1f, targets), Error);
}

// ---- BCE with logits ------------------------------------------------------------------------

TEST(BCEWithLogits, MatchesPyTorch) {
  auto f = load_fixture("loss_bce_with_logits");
  const Matrix logits = to_matrix(f.inputs()["logits"]), targets = to_matrix(f.inputs()["targets"]);
  Matrix dlogits, per_element;
  expect_matches(bce_with_logits_forward(logits, targets), f.expected()["loss"], f, "loss");
  bce_with_logits_backward(logits, targets, dlogits);
  expect_matches(dlogits, f.expected()["dlogits"], f, "dlogits");
  bce_with_logits_per_element(logits, targets, per_element);
  expect_matches(per_element, f.expected()["per_element_loss"], f, "per_element_loss");
}

TEST(BCEWithLogits, GradientMatchesFiniteDifferences) {
  Rng rng(4);
  Matrix logits = uniform_matrix(4, 3, rng);
  const Matrix targets = uniform_matrix(4, 3, rng, 0.0, 1.0);
  Matrix dlogits;
  bce_with_logits_backward(logits, targets, dlogits);
  auto loss = [&] { return static_cast<double>(bce_with_logits_forward(logits, targets)); };
  expect_gradient(loss, logits, dlogits, "dlogits", 1e-2, 2e-3);
}

TEST(BCEWithLogits, SaturatedLogitsGiveNoNaNAndNoSubnormals) {
  Matrix logits(2, 4), targets(2, 4);
  logits << 1000.0f, -1000.0f, 95.0f, -95.0f, 1e30f, -1e30f, 40.0f, -35.0f;
  targets << 1, 0, 1, 0, 1, 0, 0, 1;  // row 0 confident and right (log(1 + e^{−95}) would be subnormal)
  Matrix dlogits, per_element;
  const float loss = bce_with_logits_forward(logits, targets);
  bce_with_logits_backward(logits, targets, dlogits);
  bce_with_logits_per_element(logits, targets, per_element);
  EXPECT_TRUE(std::isfinite(loss));
  EXPECT_TRUE(dlogits.allFinite());
  EXPECT_TRUE(per_element.allFinite());
  EXPECT_FALSE(has_subnormal(dlogits));
  EXPECT_FALSE(has_subnormal(per_element));
  EXPECT_EQ(per_element(0, 0), 0.0f);       // confident and right
  EXPECT_EQ(per_element(0, 3), 0.0f);
  EXPECT_FLOAT_EQ(per_element(1, 2), 40.0f);  // confident and wrong: the loss is the margin
}

// ---- MSE ------------------------------------------------------------------------------------

TEST(MSE, MatchesPyTorch) {
  auto f = load_fixture("loss_mse");
  const Matrix pred = to_matrix(f.inputs()["pred"]), target = to_matrix(f.inputs()["target"]);
  Matrix dpred;
  expect_matches(mse_forward(pred, target), f.expected()["loss"], f, "loss");
  mse_backward(pred, target, dpred);
  expect_matches(dpred, f.expected()["dpred"], f, "dpred");
}

TEST(MSE, HasNoHalfFactor) {
  const Matrix pred = Matrix::Constant(2, 2, 3.0f), target = Matrix::Constant(2, 2, 1.0f);
  Matrix dpred;
  EXPECT_FLOAT_EQ(mse_forward(pred, target), 4.0f);
  mse_backward(pred, target, dpred);
  EXPECT_FLOAT_EQ(dpred(0, 0), 2.0f * 2.0f / 4.0f);
}

TEST(MSE, GradientMatchesFiniteDifferences) {
  Rng rng(5);
  Matrix pred = uniform_matrix(5, 2, rng);
  const Matrix target = uniform_matrix(5, 2, rng);
  Matrix dpred;
  mse_backward(pred, target, dpred);
  auto loss = [&] { return static_cast<double>(mse_forward(pred, target)); };
  expect_gradient(loss, pred, dpred, "dpred", 1e-2, 2e-3);
}

// ---- the Loss dispatcher --------------------------------------------------------------------

TEST(Loss, ParsesKnownNamesAndRejectsOthersNamingThePath) {
  for (LossKind kind : {LossKind::SoftmaxCE, LossKind::BCEWithLogits, LossKind::MSE})
    EXPECT_EQ(parse_loss_kind(loss_name(kind), "loss.kind"), kind);
  EXPECT_STREQ(loss_name(LossKind::BCEWithLogits), "bce_logits");
  try {
    parse_loss_kind("hinge", "loss.kind");
    FAIL() << "expected reglab::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "loss.kind");
    EXPECT_NE(e.message().find("'hinge'"), std::string::npos);
    EXPECT_NE(e.message().find("softmax_ce, bce_logits, mse"), std::string::npos);
  }
}

TEST(Loss, AgreesWithTheFixturesOfEachKind) {
  {
    auto f = load_fixture("loss_softmax_ce_soft_targets");
    Loss loss(LossKind::SoftmaxCE);
    EXPECT_EQ(loss.kind(), LossKind::SoftmaxCE);
    expect_matches(loss.forward(to_matrix(f.inputs()["logits"]), to_matrix(f.inputs()["targets"])),
                   f.expected()["loss"], f, "softmax_ce loss");
    expect_matches(loss.backward(), f.expected()["dlogits"], f, "softmax_ce dlogits");
  }
  {
    auto f = load_fixture("loss_bce_with_logits");
    Loss loss(LossKind::BCEWithLogits);
    expect_matches(loss.forward(to_matrix(f.inputs()["logits"]), to_matrix(f.inputs()["targets"])),
                   f.expected()["loss"], f, "bce loss");
    expect_matches(loss.backward(), f.expected()["dlogits"], f, "bce dlogits");
  }
  {
    auto f = load_fixture("loss_mse");
    Loss loss(LossKind::MSE);
    expect_matches(loss.forward(to_matrix(f.inputs()["pred"]), to_matrix(f.inputs()["target"])),
                   f.expected()["loss"], f, "mse loss");
    expect_matches(loss.backward(), f.expected()["dpred"], f, "mse dpred");
  }
}

TEST(Loss, OutputTransformIsSoftmaxSigmoidOrIdentity) {
  Rng rng(6);
  const Matrix outputs = uniform_matrix(4, 3, rng);
  Matrix out, probs;
  Loss(LossKind::SoftmaxCE).output_transform(outputs, out);
  softmax_forward(outputs, probs);
  EXPECT_EQ(out, probs);
  Loss(LossKind::BCEWithLogits).output_transform(outputs, out);
  EXPECT_TRUE(out.isApprox(((-outputs.array()).exp() + 1.0f).inverse().matrix(), 1e-6f));
  Loss(LossKind::MSE).output_transform(outputs, out);
  EXPECT_EQ(out, outputs);
}

TEST(Loss, ReusesBuffersWhenShapesRepeat) {
  Rng rng(7);
  Loss loss(LossKind::SoftmaxCE);
  const Matrix a = uniform_matrix(8, 3, rng), b = uniform_matrix(8, 3, rng);
  const Matrix targets = soft_targets(8, 3, rng);
  loss.forward(a, targets);
  const float* first = loss.backward().data();
  const Matrix grad_a = loss.backward();
  loss.forward(b, targets);
  EXPECT_EQ(loss.backward().data(), first);
  EXPECT_NE(loss.backward(), grad_a);
}

TEST(Loss, RejectsTargetsOfAnotherShape) {
  Loss loss(LossKind::MSE);
  EXPECT_THROW(loss.forward(Matrix::Zero(4, 2), Matrix::Zero(4, 1)), std::invalid_argument);
}

}  // namespace
}  // namespace reglab
