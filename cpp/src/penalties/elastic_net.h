// ElasticNet weight penalty (Zou & Hastie 2005): L1 and squared L2 together, on one weight matrix.
// Applied to role Weight only: biases and norm γ/β are never penalized.
#pragma once
#include "reglab/tensor.h"

namespace reglab {

// Ω(W) = λ1·Σ|W| + λ2·Σ W²   (NO 1/2 on the squared term, unlike l2.h; accumulated in double)
double elastic_net_penalty(const Matrix& W, double lambda1, double lambda2);
// dW += λ1·sign(W) + 2·λ2·W, sign(0) = 0
void elastic_net_penalty_backward(const Matrix& W, float lambda1, float lambda2, Matrix& dW);

}  // namespace reglab
