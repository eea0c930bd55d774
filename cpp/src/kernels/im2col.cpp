#include "kernels/im2col.h"

#include <algorithm>

namespace reglab {

Padding parse_padding(const std::string& name, const std::string& path) {
  if (name == "same") return Padding::Same;
  if (name == "valid") return Padding::Valid;
  throw Error(path, "must be \"same\" or \"valid\", got \"" + name + "\"");
}

const char* padding_name(Padding p) { return p == Padding::Same ? "same" : "valid"; }

namespace {

// Output size and leading padding along one axis (rules in im2col.h).
void axis(int size, int k, int s, Padding padding, int& out, int& pad_before) {
  if (padding == Padding::Valid) {
    out = (size - k) / s + 1;
    pad_before = 0;
    return;
  }
  out = (size + s - 1) / s;
  pad_before = std::max((out - 1) * s + k - size, 0) / 2;
}

// Output indices o in [lo, hi) read an input index o·s + d − pad inside [0, size).
void inside(int out, int s, int d, int pad, int size, int& lo, int& hi) {
  // o·s ≥ pad − d  and  o·s ≤ size − 1 + pad − d
  const int a = pad - d, b = size - 1 + pad - d;
  lo = a <= 0 ? 0 : (a + s - 1) / s;
  hi = b < 0 ? 0 : std::min(out, b / s + 1);
  if (hi < lo) hi = lo;
}

}  // namespace

Conv2DGeometry conv2d_geometry(const ImageShape& in, int out_channels, int kernel_h, int kernel_w, int stride,
                               Padding padding, const std::string& path) {
  check_image_shape(in, path);
  if (out_channels < 1)
    throw Error(path + ".filters", "must be at least 1, got " + std::to_string(out_channels));
  if (kernel_h < 1 || kernel_h > kMaxConvKernel || kernel_w < 1 || kernel_w > kMaxConvKernel)
    throw Error(path + ".kernel", "must be an integer from 1 to " + std::to_string(kMaxConvKernel) + ", got " +
                                      std::to_string(kernel_h) + (kernel_w != kernel_h ? "×" + std::to_string(kernel_w) : ""));
  if (stride < 1 || stride > kMaxConvStride)
    throw Error(path + ".stride", "must be 1 or 2, got " + std::to_string(stride));
  if (padding == Padding::Valid && (kernel_h > in.height || kernel_w > in.width))
    throw Error(path + ".kernel", "a " + std::to_string(kernel_h) + "×" + std::to_string(kernel_w) +
                                      " kernel is larger than the " + std::to_string(in.height) + "×" +
                                      std::to_string(in.width) + " input with padding \"valid\"");
  Conv2DGeometry g;
  g.in = in;
  g.out_channels = out_channels;
  g.kernel_h = kernel_h;
  g.kernel_w = kernel_w;
  g.stride = stride;
  g.padding = padding;
  axis(in.height, kernel_h, stride, padding, g.out_h, g.pad_top);
  axis(in.width, kernel_w, stride, padding, g.out_w, g.pad_left);
  return g;
}

// Both loops walk one cols row (c, di, dj) per output row oi; the in-range stretch of oj is found
// once, so the inner loop is a plain copy (stride 1) or a strided gather (stride 2) with no
// per-pixel bounds test.
void im2col(const float* x, const Conv2DGeometry& g, float* cols, int ld_cols) {
  const int H = g.in.height, W = g.in.width, s = g.stride, OH = g.out_h, OW = g.out_w;
  for (int c = 0; c < g.in.channels; ++c) {
    const float* xc = x + static_cast<ptrdiff_t>(c) * H * W;
    for (int di = 0; di < g.kernel_h; ++di) {
      int oi_lo, oi_hi;
      inside(OH, s, di, g.pad_top, H, oi_lo, oi_hi);
      for (int dj = 0; dj < g.kernel_w; ++dj) {
        int oj_lo, oj_hi;
        inside(OW, s, dj, g.pad_left, W, oj_lo, oj_hi);
        float* row = cols;
        cols += ld_cols;
        std::fill(row, row + static_cast<ptrdiff_t>(oi_lo) * OW, 0.0f);
        for (int oi = oi_lo; oi < oi_hi; ++oi) {
          float* __restrict out = row + static_cast<ptrdiff_t>(oi) * OW;
          for (int oj = 0; oj < oj_lo; ++oj) out[oj] = 0.0f;
          for (int oj = oj_hi; oj < OW; ++oj) out[oj] = 0.0f;
          if (oj_hi == oj_lo) continue;
          // in[t] is the pixel read by output oj_lo + t.
          const float* __restrict in =
              xc + static_cast<ptrdiff_t>(oi * s + di - g.pad_top) * W + (oj_lo * s + dj - g.pad_left);
          out += oj_lo;
          const int n = oj_hi - oj_lo;
          if (s == 1) {
            for (int t = 0; t < n; ++t) out[t] = in[t];
          } else {
            for (int t = 0; t < n; ++t) out[t] = in[t * s];
          }
        }
        std::fill(row + static_cast<ptrdiff_t>(oi_hi) * OW, row + static_cast<ptrdiff_t>(OH) * OW, 0.0f);
      }
    }
  }
}

void col2im(const float* dcols, int ld_cols, const Conv2DGeometry& g, float* dx) {
  const int H = g.in.height, W = g.in.width, s = g.stride, OH = g.out_h, OW = g.out_w;
  for (int c = 0; c < g.in.channels; ++c) {
    float* dxc = dx + static_cast<ptrdiff_t>(c) * H * W;
    for (int di = 0; di < g.kernel_h; ++di) {
      int oi_lo, oi_hi;
      inside(OH, s, di, g.pad_top, H, oi_lo, oi_hi);
      for (int dj = 0; dj < g.kernel_w; ++dj) {
        int oj_lo, oj_hi;
        inside(OW, s, dj, g.pad_left, W, oj_lo, oj_hi);
        const float* row = dcols;
        dcols += ld_cols;
        for (int oi = oi_lo; oi < oi_hi; ++oi) {
          if (oj_hi == oj_lo) break;
          const float* __restrict in = row + static_cast<ptrdiff_t>(oi) * OW + oj_lo;
          float* __restrict out =
              dxc + static_cast<ptrdiff_t>(oi * s + di - g.pad_top) * W + (oj_lo * s + dj - g.pad_left);
          const int n = oj_hi - oj_lo;
          if (s == 1) {
            for (int t = 0; t < n; ++t) out[t] += in[t];
          } else {
            for (int t = 0; t < n; ++t) out[t * s] += in[t];
          }
        }
      }
    }
  }
}

}  // namespace reglab
