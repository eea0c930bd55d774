// Statistics of a model's weights (role Weight only; biases and norm γ/β are left out), for the
// charts that show what a penalty does: the overall size, the sparsity, the distribution.
#pragma once
#include <vector>

#include "reglab/tensor.h"

namespace reglab {

// ‖W‖ = √(Σ over every weight matrix of Σ W²)   (Frobenius norm of all weights together; double sums)
double weight_l2_norm(const std::vector<ParamRef>& params);

// (number of weight entries exactly 0) / (number of weight entries); 0 when there are no weights.
// −0.0 counts as zero. L1's proximal step produces exact zeros; a subgradient step almost never does.
double zero_fraction(const std::vector<ParamRef>& params);

// Counts of weight values in `bins` equal-width bins over [lo, hi]: bin i holds
// lo + i·w ≤ x < lo + (i+1)·w with w = (hi − lo)/bins, the last bin also holds x = hi.
// Values outside [lo, hi] are counted in the first/last bin, so Σ counts = total (NaNs excepted).
// exact_zeros counts entries equal to 0 (they are ALSO in the bin containing 0).
struct WeightHistogram {
  float lo = 0, hi = 0;
  std::vector<int> counts;
  int exact_zeros = 0;
  int total = 0;   // number of weight entries
};
// Throws std::invalid_argument if bins < 1 or !(lo < hi).
WeightHistogram histogram(const std::vector<ParamRef>& params, float lo, float hi, int bins);
// Symmetric range [−a, a] with a = max|W| (a = 1 when every weight is 0).
WeightHistogram histogram(const std::vector<ParamRef>& params, int bins);

}  // namespace reglab
