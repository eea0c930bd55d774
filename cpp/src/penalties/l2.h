// L2 weight penalty ("ridge", weight decay for plain SGD), applied to one weight matrix.
// The trainer applies it to parameters with role Weight only: biases and norm γ/β are never penalized.
#pragma once
#include "reglab/tensor.h"

namespace reglab {

// Σ x_i² over n floats, accumulated in double (also the global gradient norm of clip_grad.h).
double sum_of_squares(const float* x, Eigen::Index n);

// Ω(W) = (λ/2)·Σ W²   (the λ/2 convention, so that the gradient is λW; accumulated in double)
double l2_penalty(const Matrix& W, double lambda);
// dW += λ·W
void l2_penalty_backward(const Matrix& W, float lambda, Matrix& dW);

}  // namespace reglab
