#include "analysis/weight_stats.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "penalties/l2.h"

namespace reglab {

// √(Σ_W Σ W²)
double weight_l2_norm(const std::vector<ParamRef>& params) {
  double sum_sq = 0;
  for (const ParamRef& p : params)
    if (is_weight(p)) sum_sq += sum_of_squares(p.value->data(), p.value->size());
  return std::sqrt(sum_sq);
}

// #{W = 0} / #W
double zero_fraction(const std::vector<ParamRef>& params) {
  long zeros = 0, total = 0;
  for (const ParamRef& p : params) {
    if (!is_weight(p)) continue;
    zeros += (p.value->array() == 0.0f).count();
    total += p.value->size();
  }
  return total == 0 ? 0.0 : static_cast<double>(zeros) / static_cast<double>(total);
}

WeightHistogram histogram(const std::vector<ParamRef>& params, float lo, float hi, int bins) {
  if (bins < 1) throw std::invalid_argument("histogram: bins must be at least 1");
  if (!(lo < hi)) throw std::invalid_argument("histogram: needs lo < hi");
  WeightHistogram h;
  h.lo = lo;
  h.hi = hi;
  h.counts.assign(bins, 0);
  const double width = (static_cast<double>(hi) - lo) / bins;
  for (const ParamRef& p : params) {
    if (!is_weight(p)) continue;
    const Matrix& W = *p.value;
    for (Eigen::Index i = 0; i < W.size(); ++i) {
      const float x = W.data()[i];
      ++h.total;
      if (x == 0.0f) ++h.exact_zeros;
      if (std::isnan(x)) continue;
      const double pos = std::floor((static_cast<double>(x) - lo) / width);
      const int bin = static_cast<int>(std::clamp(pos, 0.0, static_cast<double>(bins - 1)));
      ++h.counts[bin];
    }
  }
  return h;
}

WeightHistogram histogram(const std::vector<ParamRef>& params, int bins) {
  float a = 0;
  for (const ParamRef& p : params)
    if (is_weight(p) && p.value->size() > 0) a = std::max(a, p.value->cwiseAbs().maxCoeff());
  if (!(a > 0) || !std::isfinite(a)) a = 1;
  return histogram(params, -a, a, bins);
}

}  // namespace reglab
