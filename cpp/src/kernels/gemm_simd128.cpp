#include "kernels/gemm_simd128.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>

namespace reglab {

namespace {

constexpr int MR = 4;     // rows of the C tile held in registers
constexpr int NR = 8;     // columns of the C tile (two f32x4)
constexpr int KC = 256;   // depth of a packed slice: one B micro-panel (KC × NR) = 8 KB stays in L1
constexpr int MC = 64;    // rows of A packed at a time (64 KB block, read from L2)
constexpr int NC = 512;   // columns of B packed at a time (≤ 512 KB, in L2)

// Grow-only aligned workspace: allocated on the first call, reused by every later one, so the
// training loop does no allocation here.
class Workspace {
 public:
  float* get(size_t floats) {
    if (floats > size_) {
      std::free(data_);
      size_ = floats;
      data_ = static_cast<float*>(std::aligned_alloc(64, (floats * sizeof(float) + 63) / 64 * 64));
    }
    return data_;
  }

 private:
  float* data_ = nullptr;
  size_t size_ = 0;
};

Workspace& packed_a_buffer() {
  static Workspace w;
  return w;
}
Workspace& packed_b_buffer() {
  static Workspace w;
  return w;
}

// op(A)[i0 .. i0+mc) × [k0 .. k0+kc) → panels of MR rows, each laid out k-major: out[k·MR + r].
void pack_a(bool trans, const float* A, int lda, int i0, int mc, int k0, int kc, float* out) {
  for (int p = 0; p < mc; p += MR, out += MR * kc) {
    const int rows = std::min(MR, mc - p);
    if (trans) {  // op(A)(i, k) = A[k][i]: the MR values of one k are contiguous
      for (int k = 0; k < kc; ++k) {
        const float* src = A + static_cast<ptrdiff_t>(k0 + k) * lda + i0 + p;
        if (rows == MR) {
          wasm_v128_store(out + k * MR, wasm_v128_load(src));
        } else {
          for (int r = 0; r < MR; ++r) out[k * MR + r] = r < rows ? src[r] : 0.0f;
        }
      }
    } else {  // op(A)(i, k) = A[i][k]
      for (int r = 0; r < MR; ++r) {
        if (r < rows) {
          const float* src = A + static_cast<ptrdiff_t>(i0 + p + r) * lda + k0;
          for (int k = 0; k < kc; ++k) out[k * MR + r] = src[k];
        } else {
          for (int k = 0; k < kc; ++k) out[k * MR + r] = 0.0f;
        }
      }
    }
  }
}

// op(B)[k0 .. k0+kc) × [j0 .. j0+nc) → panels of NR columns, each k-major: out[k·NR + c].
void pack_b(bool trans, const float* B, int ldb, int k0, int kc, int j0, int nc, float* out) {
  for (int q = 0; q < nc; q += NR, out += NR * kc) {
    const int cols = std::min(NR, nc - q);
    if (!trans) {  // op(B)(k, j) = B[k][j]: the NR values of one k are contiguous
      for (int k = 0; k < kc; ++k) {
        const float* src = B + static_cast<ptrdiff_t>(k0 + k) * ldb + j0 + q;
        if (cols == NR) {
          wasm_v128_store(out + k * NR, wasm_v128_load(src));
          wasm_v128_store(out + k * NR + 4, wasm_v128_load(src + 4));
        } else {
          for (int c = 0; c < NR; ++c) out[k * NR + c] = c < cols ? src[c] : 0.0f;
        }
      }
    } else {  // op(B)(k, j) = B[j][k]
      for (int c = 0; c < NR; ++c) {
        if (c < cols) {
          const float* src = B + static_cast<ptrdiff_t>(j0 + q + c) * ldb + k0;
          for (int k = 0; k < kc; ++k) out[k * NR + c] = src[k];
        } else {
          for (int k = 0; k < kc; ++k) out[k * NR + c] = 0.0f;
        }
      }
    }
  }
}

// The micro-kernel: tile = Σ_k a[k·MR + r] · b[k·NR + c] for a 4 × 8 tile, then C (+)= tile.
// rows × cols < 4 × 8 at the right and bottom edges: only that corner of C is written.
void kernel_4x8(int kc, const float* a, const float* b, float* C, int ldc, int rows, int cols, bool accumulate) {
  v128_t c00 = wasm_f32x4_splat(0.0f), c01 = c00, c10 = c00, c11 = c00;
  v128_t c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  for (int k = 0; k < kc; ++k, a += MR, b += NR) {
    const v128_t b0 = wasm_v128_load(b);
    const v128_t b1 = wasm_v128_load(b + 4);
    v128_t ak = wasm_v128_load32_splat(a);
    c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(ak, b0));
    c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(ak, b1));
    ak = wasm_v128_load32_splat(a + 1);
    c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(ak, b0));
    c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(ak, b1));
    ak = wasm_v128_load32_splat(a + 2);
    c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(ak, b0));
    c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(ak, b1));
    ak = wasm_v128_load32_splat(a + 3);
    c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(ak, b0));
    c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(ak, b1));
  }
  const v128_t tile[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}};
  if (rows == MR && cols == NR) {
    for (int r = 0; r < MR; ++r) {
      float* out = C + static_cast<ptrdiff_t>(r) * ldc;
      if (accumulate) {
        wasm_v128_store(out, wasm_f32x4_add(wasm_v128_load(out), tile[r][0]));
        wasm_v128_store(out + 4, wasm_f32x4_add(wasm_v128_load(out + 4), tile[r][1]));
      } else {
        wasm_v128_store(out, tile[r][0]);
        wasm_v128_store(out + 4, tile[r][1]);
      }
    }
    return;
  }
  alignas(16) float edge[MR][NR];
  for (int r = 0; r < MR; ++r) {
    wasm_v128_store(&edge[r][0], tile[r][0]);
    wasm_v128_store(&edge[r][4], tile[r][1]);
  }
  for (int r = 0; r < rows; ++r) {
    float* out = C + static_cast<ptrdiff_t>(r) * ldc;
    for (int c = 0; c < cols; ++c) out[c] = accumulate ? out[c] + edge[r][c] : edge[r][c];
  }
}

}  // namespace

void gemm_simd128(bool trans_a, bool trans_b, int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                  float* C, int ldc, bool accumulate) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    if (!accumulate)
      for (int i = 0; i < M; ++i) std::fill(C + static_cast<ptrdiff_t>(i) * ldc, C + static_cast<ptrdiff_t>(i) * ldc + N, 0.0f);
    return;
  }
  float* packed_a = packed_a_buffer().get(static_cast<size_t>(MC) * KC);
  float* packed_b = packed_b_buffer().get(static_cast<size_t>(KC) * NC);
  for (int jc = 0; jc < N; jc += NC) {
    const int nc = std::min(NC, N - jc);
    for (int pc = 0; pc < K; pc += KC) {
      const int kc = std::min(KC, K - pc);
      const bool add = accumulate || pc > 0;  // later K slices add to what the first one wrote
      pack_b(trans_b, B, ldb, pc, kc, jc, nc, packed_b);
      for (int ic = 0; ic < M; ic += MC) {
        const int mc = std::min(MC, M - ic);
        pack_a(trans_a, A, lda, ic, mc, pc, kc, packed_a);
        for (int jr = 0; jr < nc; jr += NR) {
          const float* b_panel = packed_b + static_cast<ptrdiff_t>(jr) * kc;
          for (int ir = 0; ir < mc; ir += MR) {
            float* c = C + static_cast<ptrdiff_t>(ic + ir) * ldc + jc + jr;
            kernel_4x8(kc, packed_a + static_cast<ptrdiff_t>(ir) * kc, b_panel, c, ldc, std::min(MR, mc - ir),
                       std::min(NR, nc - jr), add);
          }
        }
      }
    }
  }
}

}  // namespace reglab

#endif  // __wasm_simd128__
