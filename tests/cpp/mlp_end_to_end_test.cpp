// The whole training step against PyTorch: a 2→4→3 MLP, softmax CE + (λ/2)‖W‖², SGD momentum,
// three full-batch steps (mlp_end_to_end*.json). Without dropout it runs through the engine's own
// Model, Loss, penalties and optimizer; with dropout it composes the layer functions with the
// fixture's keep masks (the engine's masks come from its own RNG).
#include <gtest/gtest.h>

#include "layers/activation.h"
#include "layers/dense.h"
#include "layers/dropout.h"
#include "losses/label_smoothing.h"
#include "losses/loss.h"
#include "reglab/softmax_ce.h"
#include "optim/sgd.h"
#include "penalties/apply_penalties.h"
#include "penalties/l2.h"
#include "support/fixture.h"
#include "train/model.h"

namespace reglab {
namespace {

using testing::expect_matches;
using testing::load_fixture;
using testing::to_ints;
using testing::to_matrix;

Labels labels_of(const Json& j) {
  Labels l;
  for (int v : to_ints(j)) l.push_back(v);
  return l;
}

TEST(MlpEndToEnd, ModelLossPenaltyAndMomentumMatchPyTorch) {
  auto f = load_fixture("mlp_end_to_end_no_dropout");
  const Json& in = f.inputs();
  std::vector<int> arch = to_ints(in["architecture"]);
  ASSERT_EQ(arch.size(), 3u);
  ModelSpec ms;
  ms.hidden = {arch[1]};
  ms.dropout = {0.0};
  ms.activation = "relu";
  Rng rng(1);
  Model model(ms, RegularizationSpec{}, arch[0], arch[2], rng);
  // Load the fixture's parameters by name (torch W is out × in, like ours).
  std::map<std::string, std::string> names = {{"dense1.W", "W1"}, {"dense1.b", "b1"}, {"dense2.W", "W2"}, {"dense2.b", "b2"}};
  for (const auto& t : model.tensors()) *t.value = to_matrix(in["params"][names.at(t.name)]);

  Matrix x = to_matrix(in["x"]);
  Matrix targets;
  smoothed_targets(labels_of(in["labels"]), arch[2], 0.0f, targets);
  Loss loss(LossKind::SoftmaxCE);
  SGD sgd(in["momentum"].as_number());
  const float lambda = static_cast<float>(in["l2_lambda"].as_number());
  std::vector<WeightPenalty> penalties(2, WeightPenalty{0, lambda});
  const Json& ex = f.expected();
  auto eval_loss = [&] {
    Rng r(0);
    return loss.forward(model.forward(x, Mode::Eval, r), targets);
  };
  expect_matches(eval_loss(), ex["data_loss_eval"][0], f, "data_loss_eval[0]");
  const int steps = static_cast<int>(in["steps"].as_number());
  for (int s = 0; s < steps; ++s) {
    model.zero_grad();
    float data_loss = loss.forward(model.forward(x, Mode::Train, rng), targets);
    model.backward(loss.backward());
    double penalty = apply_penalties(model.params(), penalties);
    expect_matches(data_loss, ex["data_loss"][s], f, "data_loss[" + std::to_string(s) + "]");
    expect_matches(penalty, ex["penalty"][s], f, "penalty");
    expect_matches(data_loss + penalty, ex["total_loss"][s], f, "total_loss");
    if (s == 0)
      for (const auto& p : model.params()) {
        std::string name = p.name == std::string("W") ? "W" : "b";
        int layer = p.layer + 1;
        expect_matches(*p.grad, ex["grads_step1"][name + std::to_string(layer)], f, "grads_step1." + name + std::to_string(layer));
      }
    sgd.step(model.params(), static_cast<float>(in["lr"].as_number()));
    for (const auto& t : model.tensors())
      expect_matches(*t.value, ex["params_after"][s][names.at(t.name)], f, "params_after[" + std::to_string(s) + "]." + t.name);
    expect_matches(eval_loss(), ex["data_loss_eval"][s + 1], f, "data_loss_eval");
  }
}

TEST(MlpEndToEnd, DropoutAfterReluWithGivenMasksMatchesPyTorch) {
  auto f = load_fixture("mlp_end_to_end");
  const Json& in = f.inputs();
  const Json& ex = f.expected();
  Matrix W1 = to_matrix(in["params"]["W1"]), b1 = to_matrix(in["params"]["b1"]);
  Matrix W2 = to_matrix(in["params"]["W2"]), b2 = to_matrix(in["params"]["b2"]);
  Matrix x = to_matrix(in["x"]);
  const float p = static_cast<float>(in["dropout_p"].as_number());
  const float lambda = static_cast<float>(in["l2_lambda"].as_number());
  const float lr = static_cast<float>(in["lr"].as_number());
  Matrix targets;
  smoothed_targets(labels_of(in["labels"]), static_cast<int>(W2.rows()), 0.0f, targets);
  Matrix gW1 = Matrix::Zero(W1.rows(), W1.cols()), gb1 = Matrix::Zero(1, b1.cols());
  Matrix gW2 = Matrix::Zero(W2.rows(), W2.cols()), gb2 = Matrix::Zero(1, b2.cols());
  std::vector<ParamRef> params = {{"W", ParamRole::Weight, &W1, &gW1, 0}, {"b", ParamRole::Bias, &b1, &gb1, 0},
                                  {"W", ParamRole::Weight, &W2, &gW2, 1}, {"b", ParamRole::Bias, &b2, &gb2, 1}};
  SGD sgd(in["momentum"].as_number());
  Matrix a, h, hd, logits, probs, dlogits, dhd, dh, da, dx;
  for (int s = 0; s < static_cast<int>(in["steps"].as_number()); ++s) {
    Matrix mask = to_matrix(in["dropout_keep_masks"][s]);
    dense_forward(x, W1, b1, a);
    activation_forward(ActivationKind::ReLU, a, h);
    dropout_forward(h, mask, p, hd);
    dense_forward(hd, W2, b2, logits);
    float data_loss = softmax_ce_forward(logits, targets, probs);
    double penalty = l2_penalty(W1, lambda) + l2_penalty(W2, lambda);
    expect_matches(data_loss, ex["data_loss"][s], f, "data_loss");
    expect_matches(penalty, ex["penalty"][s], f, "penalty");
    for (auto& q : params) q.grad->setZero();
    softmax_ce_backward(probs, targets, dlogits);
    dense_backward(dlogits, hd, W2, dhd, gW2, gb2);
    dropout_backward(dhd, mask, p, dh);
    activation_backward(ActivationKind::ReLU, a, h, dh, da);
    dense_backward(da, x, W1, dx, gW1, gb1);
    l2_penalty_backward(W1, lambda, gW1);
    l2_penalty_backward(W2, lambda, gW2);
    if (s == 0) {
      expect_matches(gW1, ex["grads_step1"]["W1"], f, "grads_step1.W1");
      expect_matches(gb2, ex["grads_step1"]["b2"], f, "grads_step1.b2");
    }
    sgd.step(params, lr);
    expect_matches(W1, ex["params_after"][s]["W1"], f, "params_after.W1");
    expect_matches(W2, ex["params_after"][s]["W2"], f, "params_after.W2");
    expect_matches(b1, ex["params_after"][s]["b1"], f, "params_after.b1");
  }
  expect_matches(W2, ex["final_params"]["W2"], f, "final_params.W2");
}

}  // namespace
}  // namespace reglab
