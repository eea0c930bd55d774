#include "losses/loss.h"

#include <stdexcept>

#include "layers/activation.h"
#include "losses/bce_with_logits.h"
#include "losses/mse.h"
#include "reglab/softmax_ce.h"
#include "reglab/error.h"

namespace reglab {

LossKind parse_loss_kind(const std::string& name, const std::string& path) {
  if (name == "softmax_ce") return LossKind::SoftmaxCE;
  if (name == "bce_logits") return LossKind::BCEWithLogits;
  if (name == "mse") return LossKind::MSE;
  throw Error(path, "unknown loss '" + name + "' (expected one of: softmax_ce, bce_logits, mse)");
}

const char* loss_name(LossKind kind) {
  switch (kind) {
    case LossKind::SoftmaxCE: return "softmax_ce";
    case LossKind::BCEWithLogits: return "bce_logits";
    case LossKind::MSE: return "mse";
  }
  return "unknown";
}

float Loss::forward(const Matrix& outputs, const Matrix& targets) {
  if (outputs.rows() != targets.rows() || outputs.cols() != targets.cols())
    throw std::invalid_argument(std::string(loss_name(kind_)) + ": outputs are " + std::to_string(outputs.rows()) +
                                "x" + std::to_string(outputs.cols()) + " but targets are " +
                                std::to_string(targets.rows()) + "x" + std::to_string(targets.cols()));
  float loss = 0.0f;
  switch (kind_) {
    case LossKind::SoftmaxCE:
      loss = softmax_ce_forward(outputs, targets, probs_);
      softmax_ce_backward(probs_, targets, grad_);
      break;
    case LossKind::BCEWithLogits:
      loss = bce_with_logits_forward(outputs, targets);
      bce_with_logits_backward(outputs, targets, grad_);
      break;
    case LossKind::MSE:
      loss = mse_forward(outputs, targets);
      mse_backward(outputs, targets, grad_);
      break;
  }
  return loss;
}

void Loss::output_transform(const Matrix& outputs, Matrix& out) const {
  switch (kind_) {
    case LossKind::SoftmaxCE:
      softmax_forward(outputs, out);
      break;
    case LossKind::BCEWithLogits:
      activation_forward(ActivationKind::Sigmoid, outputs, out);
      break;
    case LossKind::MSE:
      out = outputs;
      break;
  }
}

}  // namespace reglab
