// Direct 2-D convolution for layers with few input channels (C1's first layer: 1 channel, 3×3),
// where im2col + GEMM is a poor fit: the GEMM's inner dimension C·kh·kw is only 9, so its
// micro-kernel runs far below its rate, and im2col writes kh·kw copies of every pixel. Here each
// output row is computed straight from a zero-padded copy of the image, four pixels per SIMD
// vector (GCC/Clang vector extensions: SIMD128 under wasm, SSE natively), stride 1 only.
// Conventions as layers/conv2d.h (torch.nn.Conv2d, a cross-correlation) and kernels/im2col.h
// (padding); conv2d.cpp picks this path where conv2d_direct_applies().
//
// With xp the padded image, xp[c][i][j] = x[c][i − pad_top][j − pad_left] (0 outside x):
//   forward:          y[o][i][j]  = b[o] + Σ_{c,di,dj} W[o][c][di][dj] · xp[c][i + di][j + dj]
//   backward, filter: dW[o][c][di][dj] += Σ_{i,j} dy[o][i][j] · xp[c][i + di][j + dj],  db[o] += Σ_{i,j} dy[o][i][j]
//   backward, input:  dx[c][h][w] = Σ_{o,a,e} W[o][c][kh−1−a][kw−1−e] · dyp[o][h + a][w + e]
//                     with dyp[o][r][t] = dy[o][r − (kh−1−pad_top)][t − (kw−1−pad_left)] (0 outside dy):
//                     the forward's correlation again, on the padded dy with the flipped, transposed kernel.
#pragma once
#include "kernels/im2col.h"
#include "reglab/tensor.h"

namespace reglab {

// Largest C·kh·kw taken by the direct path (stride 1 only). Measured in wasm on C1: conv1
// (1 × 3×3 = 9) is faster direct, conv2 (8 × 3×3 = 72) through im2col + GEMM.
constexpr int kConvDirectMaxPatch = 27;
bool conv2d_direct_applies(const Conv2DGeometry& g);

// Floats of one padded image (C planes of padded_rows(g) × padded_row_stride(g)).
int conv2d_direct_padded_size(const Conv2DGeometry& g);
// xp (conv2d_direct_padded_size(g) floats, overwritten) from one image x (C·H·W values).
void conv2d_direct_pad(const float* x, const Conv2DGeometry& g, float* xp);
// One image: y (out·OH·OW values) from its padded copy xp.
void conv2d_direct_forward(const float* xp, const Matrix& W, const Matrix& b, const Conv2DGeometry& g, float* y);
// One image: dW (out × C·kh·kw) and db (1 × out) ACCUMULATE dy's contribution (dy: out·OH·OW values).
void conv2d_direct_backward_filter(const float* xp, const float* dy, const Conv2DGeometry& g, Matrix& dW, Matrix& db);
// One image: dx (C·H·W values, overwritten). W_flipped = conv2d_direct_flip(W) (once per batch);
// dyp is scratch of conv2d_direct_dy_padded_size(g) floats.
void conv2d_direct_flip(const Matrix& W, const Conv2DGeometry& g, Matrix& W_flipped);
int conv2d_direct_dy_padded_size(const Conv2DGeometry& g);
void conv2d_direct_backward_input(const float* dy, const Matrix& W_flipped, const Conv2DGeometry& g, float* dyp,
                                  float* dx);

}  // namespace reglab
