// Softmax cross-entropy for classification, with hard (one-hot), smoothed or mixed (soft) targets.
#pragma once
#include "reglab/tensor.h"

namespace reglab {

// p = softmax(z) per row, computed stably from z − max_k z (probs resized). Probabilities below
// e^{−60} relative to the largest one are exactly 0 (see losses/softmax_ce.cpp for why).
void softmax_forward(const Matrix& logits, Matrix& probs);

// Targets t are B × K rows of probabilities summing to 1 (one-hot, label-smoothed or mixup).
//   per-sample loss ℓ_i = −Σ_k t_ik log p_ik = Σ_k t_ik (logsumexp(z_i) − z_ik)   (log-sum-exp: stays finite)
//   loss = (1/B) Σ_i ℓ_i  (mean over the batch).  Fills probs = softmax(z); returns the loss.
float softmax_ce_forward(const Matrix& logits, const Matrix& targets, Matrix& probs);
// dL/dz = (p − t)/B   (dlogits resized, overwritten).
void softmax_ce_backward(const Matrix& probs, const Matrix& targets, Matrix& dlogits);
// The per-sample losses ℓ_i as a B × 1 column (per_sample resized), and probs as above.
void softmax_ce_per_sample(const Matrix& logits, const Matrix& targets, Matrix& probs, Matrix& per_sample);

}  // namespace reglab
