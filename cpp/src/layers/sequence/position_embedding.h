// Learned position embedding (as in BERT/GPT-2): a trained vector per position, added to the
// token embedding. Layout: see sequence_layer.h (x, y: B·T × D, row b·T + t).
#pragma once
#include <vector>

#include "reglab/rng.h"
#include "reglab/tensor.h"

namespace reglab {

// y_{b·T+t} = x_{b·T+t} + P_t         P: L × D (L = the longest length allowed), T ≤ L.
// y resized; throws reglab::Error("model.maxLength") when T > L or x has no B·T rows.
void position_embedding_forward(const Matrix& x, int T, const Matrix& P, Matrix& y);
// dx = dy (the caller can use dy itself);  dP_t += Σ_b dy_{b·T+t}.
// Padding positions contribute too (torch adds a position table to every position the same way);
// a masked downstream op gives them dy = 0 anyway.
void position_embedding_backward(const Matrix& dy, int T, Matrix& dP);

// P ~ Normal(0, 1) like torch.nn.Embedding; role Weight.
class PositionEmbedding {
 public:
  PositionEmbedding(int max_length, int features, Rng& rng);

  const Matrix& forward(const Matrix& x, int T);
  void backward(const Matrix& dy);  // accumulates dP; dL/dx is dy itself
  std::vector<ParamRef> params();   // "P" (Weight)

  int max_length() const { return static_cast<int>(P.rows()); }

  Matrix P, dP;

 private:
  int T_ = 0;
  Matrix y_;
};

}  // namespace reglab
