#include "losses/mse.h"

namespace reglab {

float mse_forward(const Matrix& pred, const Matrix& target) {
  double total = 0.0;
  for (Eigen::Index r = 0; r < pred.rows(); ++r) total += (pred.row(r) - target.row(r)).squaredNorm();
  return static_cast<float>(total / static_cast<double>(pred.size()));
}

void mse_backward(const Matrix& pred, const Matrix& target, Matrix& dpred) {
  dpred.resize(pred.rows(), pred.cols());
  dpred.array() = (pred.array() - target.array()) * (2.0f / static_cast<float>(pred.size()));
}

}  // namespace reglab
