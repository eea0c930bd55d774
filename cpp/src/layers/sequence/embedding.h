// Token embedding (torch.nn.Embedding): each token id selects one row of a learned table.
// Layout: see sequence_layer.h (ids: B·T ints, output: B·T × D, row b·T + t).
#pragma once
#include <vector>

#include "reglab/rng.h"
#include "reglab/tensor.h"

namespace reglab {

// y_i = E[id_i]            E: V × D (vocabulary × embedding), y: N × D (resized), N = ids.size().
// Every id must lie in [0, V); throws reglab::Error("data.tokens") otherwise.
void embedding_forward(const std::vector<int>& ids, const Matrix& table, Matrix& y);
// dE[v] += Σ_{i: id_i = v} dy_i   (a token seen k times in the batch collects k gradients),
// except the padding row: with padding_id ≥ 0, dE[padding_id] gets nothing, as with torch's
// padding_idx (its row keeps its value, 0 from initialization). padding_id = −1: no such row.
void embedding_backward(const Matrix& dy, const std::vector<int>& ids, int padding_id, Matrix& dtable);

// Table initialized as torch does: E ~ Normal(0, 1), and the padding row set to 0.
// The table's role is Weight (penalties and weight decay apply to it, as torch's weight_decay
// does); spectral normalization is not meant for it.
class Embedding {
 public:
  Embedding(int vocabulary, int features, int padding_id, Rng& rng);

  const Matrix& forward(const std::vector<int>& ids);  // ids kept (copied) for the backward
  void backward(const Matrix& dy);                     // accumulates dtable; the ids need no gradient
  std::vector<ParamRef> params();                      // "E" (Weight)

  int vocabulary() const { return static_cast<int>(table.rows()); }
  int features() const { return static_cast<int>(table.cols()); }
  int padding_id() const { return padding_id_; }

  Matrix table, dtable;

 private:
  int padding_id_;
  std::vector<int> ids_;
  Matrix y_;
};

}  // namespace reglab
