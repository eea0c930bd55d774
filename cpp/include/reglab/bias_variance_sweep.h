// Bias–variance of trained networks (lesson 6.1, claim 2): for each capacity, K models are trained
// on K independent draws of the training set (1-D sine regression, y = sin(2πx) + ε), then their
// predictions on a fixed grid are decomposed into bias², variance and noise σ².
#pragma once
#include "reglab/json.h"
#include "reglab/spec.h"

namespace reglab {

// options: { "K": 20, "capacities": [[2], [8], [32, 32], …] (hidden layer lists), "grid": 64 }
// Returns [{capacity, hidden, bias2, variance, noise, total, testMse, trainMse}] in order.
Json bias_variance_sweep(const Spec& base, const Json& options);

}  // namespace reglab
