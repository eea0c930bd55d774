#include "kernels/conv2d_direct.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace reglab {

namespace {

// Four floats as one vector: v128 under wasm SIMD128, an SSE register natively (without SIMD the
// compiler splits it into scalars). memcpy is how an unaligned load/store is spelled portably.
typedef float f32x4 __attribute__((vector_size(16)));
inline f32x4 load4(const float* p) {
  f32x4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store4(float* p, f32x4 v) { std::memcpy(p, &v, sizeof v); }
inline f32x4 splat(float w) { return f32x4{w, w, w, w}; }
inline float sum4(f32x4 v) { return (v[0] + v[1]) + (v[2] + v[3]); }

constexpr int kTile = 8;  // output pixels per step of the forward: two vectors

int round_up(int n, int m) { return (n + m - 1) / m * m; }

// A padded plane holds an output row's whole receptive field for every tile, the last tile's
// overhang included: rows = OH + kh − 1, row stride = round_up(OW, kTile) + kw − 1.
struct Planes {
  int rows, stride;
  int size() const { return rows * stride; }
};
Planes input_planes(const Conv2DGeometry& g) {
  return {g.out_h + g.kernel_h - 1, round_up(g.out_w, kTile) + g.kernel_w - 1};
}
// dy padded for the input gradient: its "output" is the H × W image.
Planes dy_planes(const Conv2DGeometry& g) {
  return {g.in.height + g.kernel_h - 1, round_up(g.in.width, kTile) + g.kernel_w - 1};
}

// dst[c][top + i][left + j] = src[c][i][j] (C planes of H × W), zeros elsewhere.
void pad_planes(const float* src, int C, int H, int W, int top, int left, Planes p, float* dst) {
  std::fill(dst, dst + static_cast<ptrdiff_t>(C) * p.size(), 0.0f);
  for (int c = 0; c < C; ++c)
    for (int i = 0; i < H; ++i)
      std::memcpy(dst + static_cast<ptrdiff_t>(c) * p.size() + static_cast<ptrdiff_t>(top + i) * p.stride + left,
                  src + (static_cast<ptrdiff_t>(c) * H + i) * W, sizeof(float) * W);
}

// out[o][i][j] = bias[o] + Σ_{c,a,e} K[o][(c·kh + a)·kw + e] · in[c][i + a][j + e]  (bias may be null)
// for OB output channels from o0, tile by tile: OB × 2 vector accumulators stay in registers
// while the C·kh·kw taps stream past, each tap one pair of loads shared by the OB channels.
// KH, KW: the kernel size when known at compile time (the tap loops unroll), 0 = read from kh, kw.
// wv: the block's weights, each splatted to a vector, tap-major (wv[t·OB + q] = K[o0 + q][t]).
template <int OB, int KH, int KW>
void correlate_block(const float* in, Planes p, int C, const f32x4* wv, const float* bias, int o0, int kh, int kw,
                     int OH, int OW, float* out) {
  if (KH) kh = KH;
  if (KW) kw = KW;
  const int plane = OH * OW;
  for (int i = 0; i < OH; ++i)
    for (int j0 = 0; j0 < OW; j0 += kTile) {
      f32x4 acc[OB][2];
      for (int q = 0; q < OB; ++q) acc[q][0] = acc[q][1] = splat(bias ? bias[o0 + q] : 0.0f);
      for (int c = 0; c < C; ++c)
        for (int a = 0; a < kh; ++a) {
          const float* row = in + static_cast<ptrdiff_t>(c) * p.size() + static_cast<ptrdiff_t>(i + a) * p.stride + j0;
          const f32x4* w = wv + static_cast<ptrdiff_t>((c * kh + a) * kw) * OB;
          for (int e = 0; e < kw; ++e) {
            const f32x4 v0 = load4(row + e), v1 = load4(row + e + 4);
            for (int q = 0; q < OB; ++q) {
              acc[q][0] += w[e * OB + q] * v0;
              acc[q][1] += w[e * OB + q] * v1;
            }
          }
        }
      for (int q = 0; q < OB; ++q) {
        float* to = out + static_cast<ptrdiff_t>(o0 + q) * plane + static_cast<ptrdiff_t>(i) * OW + j0;
        if (j0 + kTile <= OW) {
          store4(to, acc[q][0]);
          store4(to + 4, acc[q][1]);
        } else {  // the last, partial tile
          float tile[kTile];
          store4(tile, acc[q][0]);
          store4(tile + 4, acc[q][1]);
          std::copy(tile, tile + (OW - j0), to);
        }
      }
    }
}

template <int KH, int KW>
void correlate_sized(const float* in, Planes p, int C, const float* K, const float* bias, int O, int kh, int kw,
                     int OH, int OW, float* out) {
  const int patch = C * kh * kw;
  std::vector<f32x4> wv(static_cast<size_t>(patch) * 4);
  auto splat_block = [&](int o0, int ob) {
    for (int t = 0; t < patch; ++t)
      for (int q = 0; q < ob; ++q) wv[static_cast<size_t>(t) * ob + q] = splat(K[static_cast<ptrdiff_t>(o0 + q) * patch + t]);
  };
  int o0 = 0;
  for (; o0 + 4 <= O; o0 += 4) {
    splat_block(o0, 4);
    correlate_block<4, KH, KW>(in, p, C, wv.data(), bias, o0, kh, kw, OH, OW, out);
  }
  splat_block(o0, O - o0);
  switch (O - o0) {
    case 3: correlate_block<3, KH, KW>(in, p, C, wv.data(), bias, o0, kh, kw, OH, OW, out); break;
    case 2: correlate_block<2, KH, KW>(in, p, C, wv.data(), bias, o0, kh, kw, OH, OW, out); break;
    case 1: correlate_block<1, KH, KW>(in, p, C, wv.data(), bias, o0, kh, kw, OH, OW, out); break;
    default: break;
  }
}

void correlate(const float* in, Planes p, int C, const float* K, const float* bias, int O, int kh, int kw, int OH,
               int OW, float* out) {
  if (kh == 3 && kw == 3)
    correlate_sized<3, 3>(in, p, C, K, bias, O, kh, kw, OH, OW, out);
  else if (kh == 5 && kw == 5)
    correlate_sized<5, 5>(in, p, C, K, bias, O, kh, kw, OH, OW, out);
  else
    correlate_sized<0, 0>(in, p, C, K, bias, O, kh, kw, OH, OW, out);
}

// dW[o][(c·kh + a)·kw + e] += Σ_{i,j} dy[o][i][j] · in[c][i + a][j + e], four pixels per vector:
// one accumulator per tap (KH·KW vectors, in registers for 3×3), so each dy vector is loaded once.
template <int KH, int KW>
void filter_gradient(const float* in, Planes p, int C, const float* dy, int O, int kh, int kw, int OH, int OW,
                     float* dW) {
  if (KH) kh = KH;
  if (KW) kw = KW;
  constexpr int kMaxTaps = (KH ? KH : kMaxConvKernel) * (KW ? KW : kMaxConvKernel);
  const int taps = kh * kw, full = OW / 4 * 4;
  for (int o = 0; o < O; ++o)
    for (int c = 0; c < C; ++c) {
      f32x4 acc[kMaxTaps];
      for (int t = 0; t < taps; ++t) acc[t] = splat(0.0f);
      float rest[kMaxTaps] = {};
      const float* plane = in + static_cast<ptrdiff_t>(c) * p.size();
      for (int i = 0; i < OH; ++i) {
        const float* d = dy + (static_cast<ptrdiff_t>(o) * OH + i) * OW;
        for (int j = 0; j < full; j += 4) {
          const f32x4 dv = load4(d + j);
          for (int a = 0; a < kh; ++a) {
            const float* row = plane + static_cast<ptrdiff_t>(i + a) * p.stride + j;
            for (int e = 0; e < kw; ++e) acc[a * kw + e] += dv * load4(row + e);
          }
        }
        for (int j = full; j < OW; ++j)
          for (int a = 0; a < kh; ++a) {
            const float* row = plane + static_cast<ptrdiff_t>(i + a) * p.stride + j;
            for (int e = 0; e < kw; ++e) rest[a * kw + e] += d[j] * row[e];
          }
      }
      float* to = dW + (static_cast<ptrdiff_t>(o) * C + c) * taps;
      for (int t = 0; t < taps; ++t) to[t] += sum4(acc[t]) + rest[t];
    }
}

}  // namespace

bool conv2d_direct_applies(const Conv2DGeometry& g) { return g.stride == 1 && g.patch() <= kConvDirectMaxPatch; }

int conv2d_direct_padded_size(const Conv2DGeometry& g) { return g.in.channels * input_planes(g).size(); }

void conv2d_direct_pad(const float* x, const Conv2DGeometry& g, float* xp) {
  pad_planes(x, g.in.channels, g.in.height, g.in.width, g.pad_top, g.pad_left, input_planes(g), xp);
}

void conv2d_direct_forward(const float* xp, const Matrix& W, const Matrix& b, const Conv2DGeometry& g, float* y) {
  correlate(xp, input_planes(g), g.in.channels, W.data(), b.data(), g.out_channels, g.kernel_h, g.kernel_w, g.out_h,
            g.out_w, y);
}

void conv2d_direct_backward_filter(const float* xp, const float* dy, const Conv2DGeometry& g, Matrix& dW,
                                   Matrix& db) {
  const int O = g.out_channels, pixels = g.out_h * g.out_w;
  for (int o = 0; o < O; ++o) {
    const float* d = dy + static_cast<ptrdiff_t>(o) * pixels;
    f32x4 acc = splat(0.0f);
    int p = 0;
    for (; p + 4 <= pixels; p += 4) acc += load4(d + p);
    float sum = sum4(acc);
    for (; p < pixels; ++p) sum += d[p];
    db.data()[o] += sum;
  }
  const Planes p = input_planes(g);
  const int C = g.in.channels, kh = g.kernel_h, kw = g.kernel_w;
  if (kh == 3 && kw == 3)
    filter_gradient<3, 3>(xp, p, C, dy, O, kh, kw, g.out_h, g.out_w, dW.data());
  else
    filter_gradient<0, 0>(xp, p, C, dy, O, kh, kw, g.out_h, g.out_w, dW.data());
}

void conv2d_direct_flip(const Matrix& W, const Conv2DGeometry& g, Matrix& W_flipped) {
  const int O = g.out_channels, C = g.in.channels, kh = g.kernel_h, kw = g.kernel_w;
  W_flipped.resize(C, static_cast<Eigen::Index>(O) * kh * kw);
  for (int c = 0; c < C; ++c)
    for (int o = 0; o < O; ++o)
      for (int a = 0; a < kh; ++a)
        for (int e = 0; e < kw; ++e)
          W_flipped(c, (o * kh + a) * kw + e) = W(o, (c * kh + (kh - 1 - a)) * kw + (kw - 1 - e));
}

int conv2d_direct_dy_padded_size(const Conv2DGeometry& g) { return g.out_channels * dy_planes(g).size(); }

void conv2d_direct_backward_input(const float* dy, const Matrix& W_flipped, const Conv2DGeometry& g, float* dyp,
                                  float* dx) {
  const Planes p = dy_planes(g);
  pad_planes(dy, g.out_channels, g.out_h, g.out_w, g.kernel_h - 1 - g.pad_top, g.kernel_w - 1 - g.pad_left, p, dyp);
  correlate(dyp, p, g.out_channels, W_flipped.data(), nullptr, g.in.channels, g.kernel_h, g.kernel_w, g.in.height,
            g.in.width, dx);
}

}  // namespace reglab
