// The layout of a batch of sequences, and the interface of the layers that read one.
//
// Layout (every op in this folder):
//   - a batch of B sequences padded to T = the batch's longest length is a Matrix of B·T rows × D
//     features, row b·T + t = position t of sequence b (sequence-major, like batch_first=True);
//   - the padding mask is a B × T Matrix of 0/1 floats: 1 = real token, 0 = padding. Padding may
//     sit anywhere (the ops never assume it is only at the end), and a row may be all padding;
//   - token ids are std::vector<int> of length B·T in the same order (padding positions hold the
//     padding id, usually 0).
// Rows at padding positions are computed (as PyTorch computes them) but carry no meaning: every
// op that mixes positions (attention keys, pooling, masked batch statistics, the GRU's state)
// excludes them, and nothing downstream should read them.
#pragma once
#include <utility>
#include <vector>

#include "reglab/error.h"
#include "reglab/rng.h"
#include "reglab/tensor.h"

namespace reglab {

// A layer over a batch of sequences: like Layer (layers/layer.h) with the padding mask alongside.
// Returned matrices are layer-owned (valid until the next call); x and mask must stay alive and
// unchanged until the matching backward. Parameter gradients ACCUMULATE; zeroing is explicit.
class SequenceLayer {
 public:
  virtual ~SequenceLayer() = default;
  virtual const char* kind() const = 0;
  virtual const Matrix& forward(const Matrix& x, const Matrix& mask, Mode mode, Rng& rng) = 0;
  virtual const Matrix& backward(const Matrix& dy) = 0;
  virtual std::vector<ParamRef> params() { return {}; }
  virtual std::vector<std::pair<const char*, Matrix*>> buffers() { return {}; }
};

// Checks that x has B·T rows for a B × T mask; `what` names the op in the message.
inline void check_sequence_shape(const Matrix& x, const Matrix& mask, const char* what) {
  if (x.rows() != mask.rows() * mask.cols())
    throw Error(what, "expected B·T = " + format_number(static_cast<double>(mask.rows() * mask.cols())) +
                          " rows for a " + format_number(static_cast<double>(mask.rows())) + " × " +
                          format_number(static_cast<double>(mask.cols())) + " padding mask, got " +
                          format_number(static_cast<double>(x.rows())));
}

}  // namespace reglab
