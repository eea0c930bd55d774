// Binary cross-entropy on logits (torch BCEWithLogitsLoss): one independent sigmoid per output.
#pragma once
#include "reglab/tensor.h"

namespace reglab {

// Per element, in the stable form of −[y log σ(z) + (1 − y) log(1 − σ(z))]:
//   ℓ = max(z, 0) − z·y + log(1 + e^{−|z|})
// loss = mean over ALL B·C elements (torch reduction = 'mean'). Returns the loss.
float bce_with_logits_forward(const Matrix& logits, const Matrix& targets);
// dL/dz = (σ(z) − y)/(B·C)   (dlogits resized, overwritten).
void bce_with_logits_backward(const Matrix& logits, const Matrix& targets, Matrix& dlogits);
// The element-wise losses ℓ (per_element resized to B × C).
void bce_with_logits_per_element(const Matrix& logits, const Matrix& targets, Matrix& per_element);

}  // namespace reglab
