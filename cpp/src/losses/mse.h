// Mean squared error for regression (torch F.mse_loss, reduction = 'mean').
#pragma once
#include "reglab/tensor.h"

namespace reglab {

// loss = (1/(B·C)) Σ (pred − target)²   — NO ½ factor.
float mse_forward(const Matrix& pred, const Matrix& target);
// dL/dpred = 2 (pred − target)/(B·C)   (dpred resized, overwritten).
void mse_backward(const Matrix& pred, const Matrix& target, Matrix& dpred);

}  // namespace reglab
