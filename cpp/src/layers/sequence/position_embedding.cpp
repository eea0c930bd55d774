#include "layers/sequence/position_embedding.h"

#include <vector>

#include "reglab/error.h"

namespace reglab {

void position_embedding_forward(const Matrix& x, int T, const Matrix& P, Matrix& y) {
  if (T > P.rows())
    throw Error("model.maxLength", "a sequence of length " + format_number(T) + " is longer than maxLength " +
                                       format_number(static_cast<double>(P.rows())));
  if (T < 1 || x.rows() % T != 0)
    throw Error("model.maxLength", "expected B·T rows for T = " + format_number(T) + ", got " +
                                       format_number(static_cast<double>(x.rows())));
  const Eigen::Index B = x.rows() / T;
  y.resize(x.rows(), x.cols());
  for (Eigen::Index b = 0; b < B; ++b) y.middleRows(b * T, T) = x.middleRows(b * T, T) + P.topRows(T);
}

void position_embedding_backward(const Matrix& dy, int T, Matrix& dP) {
  const Eigen::Index B = dy.rows() / T;
  for (Eigen::Index b = 0; b < B; ++b) dP.topRows(T) += dy.middleRows(b * T, T);
}

PositionEmbedding::PositionEmbedding(int max_length, int features, Rng& rng)
    : P(max_length, features), dP(Matrix::Zero(max_length, features)) {
  if (max_length < 1) throw Error("model.maxLength", "must be at least 1, got " + format_number(max_length));
  for (Eigen::Index i = 0; i < P.size(); ++i) P.data()[i] = static_cast<float>(rng.normal());
}

const Matrix& PositionEmbedding::forward(const Matrix& x, int T) {
  position_embedding_forward(x, T, P, y_);
  T_ = T;
  return y_;
}

void PositionEmbedding::backward(const Matrix& dy) { position_embedding_backward(dy, T_, dP); }

std::vector<ParamRef> PositionEmbedding::params() { return {{"P", ParamRole::Weight, &P, &dP, -1}}; }

}  // namespace reglab
