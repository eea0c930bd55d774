// The data loss of a model, chosen by the spec's loss.kind: it pairs each loss with the output
// transform that turns the model's raw outputs into predictions.
//   softmax_ce  → softmax probabilities   (targets: B × K rows summing to 1)
//   bce_logits  → sigmoid probabilities   (targets: B × C of 0/1 or probabilities)
//   mse         → the outputs themselves  (targets: B × C real values)
#pragma once
#include <string>

#include "reglab/tensor.h"

namespace reglab {

enum class LossKind { SoftmaxCE, BCEWithLogits, MSE };

// "softmax_ce", "bce_logits", "mse"; throws reglab::Error(path, "unknown loss ...") otherwise.
LossKind parse_loss_kind(const std::string& name, const std::string& path);
const char* loss_name(LossKind kind);

class Loss {
 public:
  explicit Loss(LossKind kind) : kind_(kind) {}

  // Returns the mean loss of outputs (B × K, raw logits or predictions) against targets (same
  // shape), and computes d loss / d outputs for backward(). Buffers are reused while shapes repeat.
  float forward(const Matrix& outputs, const Matrix& targets);
  // d loss / d outputs of the last forward (B × K).
  const Matrix& backward() const { return grad_; }
  // What predict() returns: softmax / sigmoid / identity of the outputs (out resized).
  void output_transform(const Matrix& outputs, Matrix& out) const;
  LossKind kind() const { return kind_; }

 private:
  LossKind kind_;
  Matrix probs_, grad_;
};

}  // namespace reglab
