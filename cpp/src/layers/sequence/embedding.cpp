#include "layers/sequence/embedding.h"

#include "reglab/error.h"

namespace reglab {

void embedding_forward(const std::vector<int>& ids, const Matrix& table, Matrix& y) {
  const int vocabulary = static_cast<int>(table.rows());
  y.resize(static_cast<Eigen::Index>(ids.size()), table.cols());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] < 0 || ids[i] >= vocabulary)
      throw Error("data.tokens", "token id " + format_number(ids[i]) + " is outside the vocabulary [0, " +
                                     format_number(vocabulary) + ")");
    y.row(static_cast<Eigen::Index>(i)) = table.row(ids[i]);
  }
}

void embedding_backward(const Matrix& dy, const std::vector<int>& ids, int padding_id, Matrix& dtable) {
  for (size_t i = 0; i < ids.size(); ++i)
    if (ids[i] != padding_id) dtable.row(ids[i]) += dy.row(static_cast<Eigen::Index>(i));
}

Embedding::Embedding(int vocabulary, int features, int padding_id, Rng& rng)
    : table(vocabulary, features), dtable(Matrix::Zero(vocabulary, features)), padding_id_(padding_id) {
  if (vocabulary < 1) throw Error("model.vocabulary", "the vocabulary needs at least 1 token");
  if (padding_id < -1 || padding_id >= vocabulary)
    throw Error("model.paddingId", "padding id " + format_number(padding_id) + " is outside the vocabulary");
  for (Eigen::Index i = 0; i < table.size(); ++i) table.data()[i] = static_cast<float>(rng.normal());
  if (padding_id >= 0) table.row(padding_id).setZero();
}

const Matrix& Embedding::forward(const std::vector<int>& ids) {
  embedding_forward(ids, table, y_);
  ids_ = ids;
  return y_;
}

void Embedding::backward(const Matrix& dy) { embedding_backward(dy, ids_, padding_id_, dtable); }

std::vector<ParamRef> Embedding::params() { return {{"E", ParamRole::Weight, &table, &dtable, -1}}; }

}  // namespace reglab
