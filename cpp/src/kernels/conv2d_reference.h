// The plain-loop definition of a 2-D convolution (cross-correlation, as torch.nn.Conv2d), which
// the im2col + GEMM path of layers/conv2d.cpp is tested against on odd shapes — as gemm_reference
// sits beside gemm_simd128. Sums in double; slow on purpose: one line per index of the formula.
#pragma once
#include "kernels/im2col.h"
#include "reglab/tensor.h"

namespace reglab {

// y[n][o][oi][oj] = b[o] + Σ_{c,di,dj} W[o][c][di][dj] · x[n][c][oi·s + di − pad_top][oj·s + dj − pad_left]
// (x outside the image reads 0).  x: B × C·H·W,  W: out × C·kh·kw,  b: 1 × out,  y: B × out·OH·OW.
void conv2d_forward_reference(const Matrix& x, const Matrix& W, const Matrix& b, const Conv2DGeometry& g, Matrix& y);
// dx (overwritten), dW, db (overwritten) of the forward above for dL/dy = dy.
void conv2d_backward_reference(const Matrix& dy, const Matrix& x, const Matrix& W, const Conv2DGeometry& g,
                               Matrix& dx, Matrix& dW, Matrix& db);

}  // namespace reglab
