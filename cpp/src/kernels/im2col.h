// The geometry of a 2-D convolution and the im2col / col2im pair that turns it into one GEMM per
// image (conv2d.h). Images are rows of C·H·W values, channel-major (layers/image_shape.h).
//
// Padding (stated precisely, since PyTorch's padding='same' exists only for stride 1):
//   valid: no padding;  out = ⌊(H − k)/s⌋ + 1  (needs k ≤ H)
//   same:  out = ⌈H/s⌉;  total padding P = max((out − 1)·s + k − H, 0), ⌊P/2⌋ zeros on top (left)
//          and the rest, one more when P is odd, at the bottom (right) — TensorFlow's rule. With
//          stride 1 this is exactly PyTorch's padding='same'; in general it equals
//          F.conv2d(F.pad(x, (left, right, top, bottom)), W, b, stride=s).
// The same rules apply to rows (H, kh) and columns (W, kw) independently.
#pragma once
#include <string>

#include "layers/image_shape.h"

namespace reglab {

enum class Padding { Same, Valid };

// Parses "same" / "valid"; anything else throws reglab::Error(path).
Padding parse_padding(const std::string& name, const std::string& path);
const char* padding_name(Padding p);

constexpr int kMaxConvKernel = 7;  // kernels 1–7
constexpr int kMaxConvStride = 2;  // strides 1–2

struct Conv2DGeometry {
  ImageShape in;
  int out_channels = 1;
  int kernel_h = 1, kernel_w = 1;
  int stride = 1;
  Padding padding = Padding::Valid;
  // Derived by conv2d_geometry():
  int out_h = 1, out_w = 1;
  int pad_top = 0, pad_left = 0;  // the bottom / right padding follow from out, k, s (see above)

  ImageShape out() const { return {out_channels, out_h, out_w}; }
  int patch() const { return in.channels * kernel_h * kernel_w; }  // one output's receptive field: C·kh·kw
  long long flops_per_image() const {  // multiply-adds × 2 of the forward product
    return 2LL * out_channels * patch() * out_h * out_w;
  }
};

// Checks and completes a geometry. Errors name `path` + ".filters" / ".kernel" / ".stride" /
// ".padding" (e.g. "model.conv[1].kernel: must be …"), including a kernel larger than the padded
// input.
Conv2DGeometry conv2d_geometry(const ImageShape& in, int out_channels, int kernel_h, int kernel_w, int stride,
                               Padding padding, const std::string& path = "model.conv");

// cols (patch × out_h·out_w, row stride ld_cols ≥ out_h·out_w) of ONE image x (C·H·W values):
//   cols[(c·kh + di)·kw + dj][oi·out_w + oj] = x[c][oi·s + di − pad_top][oj·s + dj − pad_left]
// and 0 where that pixel falls in the padding. Row order (c, di, dj) is the column order of a
// weight [out, in, kh, kw] seen as out × (in·kh·kw), so y_image = W · cols.
// A batch's matrices sit side by side in one patch × B·OH·OW matrix (ld_cols = B·OH·OW, image n
// from column n·OH·OW), so that one GEMM serves the whole batch.
void im2col(const float* x, const Conv2DGeometry& g, float* cols, int ld_cols);
// The adjoint of im2col: dx[c][i][j] += Σ of the dcols entries that im2col copied from x[c][i][j]
// (padding entries are dropped). dx is ACCUMULATED (one image, C·H·W values).
void col2im(const float* dcols, int ld_cols, const Conv2DGeometry& g, float* dx);

}  // namespace reglab
