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
constexpr int KC = 256;   // depth of a slice: one packed B micro-panel (KC × NR) = 8 KB stays in L1
constexpr int MC = 128;   // rows of op(A) swept per packed B slice (≤ 128 KB of A, read from L2)
constexpr int NC = 512;   // columns of op(B) packed at a time (≤ 512 KB, in L2)

// The direct path (nothing packed, op(B) read in place) is used while op(B) has at most this many
// elements (8 KB: it stays in L1 across all row tiles). Measured in Node: at K·N ≤ 1024 the direct
// path is as fast as packing or faster (up to 2× on the tiny W1 / W2 shapes, e.g. 2 × 16 × 32), at
// 2048 about even, at 4096–8192 10–20 % slower for X·Wᵀ and dY·W.
constexpr int kDirectMaxBElements = 2048;

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

// How the micro-kernel finds op(A)(i0 + r, k) from its pointer `a` (at op(A)(i0, 0)) and stride `lda`.
enum class ALayout {
  kRows,   // a[r·lda + k]: A as stored, not transposed (each row of op(A) is contiguous in k)
  kCols,   // a[k·lda + r]: A as stored, transposed
  kPanel,  // a[k·MR + r]: a panel from pack_a; op(B) is then a packed panel too (ldb = NR)
};

// 4 × 4 transpose of the rows r0..r3 (lane i of output j = lane j of input i).
inline void transpose4(v128_t& r0, v128_t& r1, v128_t& r2, v128_t& r3) {
  const v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
  const v128_t t2 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
  r0 = wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5);
  r1 = wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7);
  r2 = wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5);
  r3 = wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7);
}

// op(A)[i0 .. i0+mc) × [k0 .. k0+kc) → panels of MR rows, each k-major: out[k·MR + r] (the last
// panel zero-filled below mc).
void pack_a(bool trans, const float* A, int lda, int i0, int mc, int k0, int kc, float* out) {
  for (int p = 0; p < mc; p += MR, out += MR * kc) {
    const int rows = std::min(MR, mc - p);
    int k = 0;
    if (trans) {  // op(A)(i, k) = A[k][i]: the MR values of one k are contiguous
      if (rows == MR)
        for (; k < kc; ++k)
          wasm_v128_store(out + k * MR, wasm_v128_load(A + static_cast<ptrdiff_t>(k0 + k) * lda + i0 + p));
      for (; k < kc; ++k)
        for (int r = 0; r < MR; ++r) out[k * MR + r] = r < rows ? A[static_cast<ptrdiff_t>(k0 + k) * lda + i0 + p + r] : 0.0f;
      continue;
    }
    // op(A)(i, k) = A[i][k]: read 4 k of each of the MR rows and transpose.
    const float* src = A + static_cast<ptrdiff_t>(i0 + p) * lda + k0;
    if (rows == MR) {
      for (; k + 4 <= kc; k += 4) {
        v128_t r0 = wasm_v128_load(src + k), r1 = wasm_v128_load(src + lda + k);
        v128_t r2 = wasm_v128_load(src + 2 * lda + k), r3 = wasm_v128_load(src + 3 * lda + k);
        transpose4(r0, r1, r2, r3);
        wasm_v128_store(out + k * MR, r0);
        wasm_v128_store(out + k * MR + 4, r1);
        wasm_v128_store(out + k * MR + 8, r2);
        wasm_v128_store(out + k * MR + 12, r3);
      }
    }
    for (; k < kc; ++k)  // the last kc % 4 values of k, and the bottom edge panel
      for (int r = 0; r < MR; ++r) out[k * MR + r] = r < rows ? src[static_cast<ptrdiff_t>(r) * lda + k] : 0.0f;
  }
}

// op(B)[k0 .. k0+kc) × [j0 .. j0+nc) → panels of NR columns, each k-major: out[k·NR + c], zero
// columns right of N.
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
      continue;
    }
    // op(B)(k, j) = B[j][k]: read 4 k of each of the NR rows of B and transpose 4 × 4 blocks.
    const float* src = B + static_cast<ptrdiff_t>(j0 + q) * ldb + k0;
    int k = 0;
    if (cols == NR) {
      for (; k + 4 <= kc; k += 4) {
        for (int half = 0; half < 2; ++half) {
          const float* s = src + static_cast<ptrdiff_t>(4 * half) * ldb + k;
          v128_t r0 = wasm_v128_load(s), r1 = wasm_v128_load(s + ldb);
          v128_t r2 = wasm_v128_load(s + 2 * ldb), r3 = wasm_v128_load(s + 3 * ldb);
          transpose4(r0, r1, r2, r3);
          float* o = out + k * NR + 4 * half;
          wasm_v128_store(o, r0);
          wasm_v128_store(o + NR, r1);
          wasm_v128_store(o + 2 * NR, r2);
          wasm_v128_store(o + 3 * NR, r3);
        }
      }
    }
    for (; k < kc; ++k)  // the last kc % 4 values of k, and edge panels
      for (int c = 0; c < NR; ++c) out[k * NR + c] = c < cols ? src[static_cast<ptrdiff_t>(c) * ldb + k] : 0.0f;
  }
}

// op(B) (K × N) → row-major K × ldo, zero in columns N .. ldo (ldo: N rounded up to 4): for the
// direct path when op(B) cannot be read in place (transposed, or N not a multiple of 4).
void copy_b(bool trans, const float* B, int ldb, int K, int N, float* out, int ldo) {
  int k = 0;
  if (trans) {  // op(B)(k, j) = B[j][k]: transpose 4 × 4 blocks, then the last K % 4 rows
    for (; k + 4 <= K; k += 4) {
      int j = 0;
      for (; j + 4 <= N; j += 4) {
        const float* s = B + static_cast<ptrdiff_t>(j) * ldb + k;
        v128_t r0 = wasm_v128_load(s), r1 = wasm_v128_load(s + ldb);
        v128_t r2 = wasm_v128_load(s + 2 * ldb), r3 = wasm_v128_load(s + 3 * ldb);
        transpose4(r0, r1, r2, r3);
        float* o = out + static_cast<ptrdiff_t>(k) * ldo + j;
        wasm_v128_store(o, r0);
        wasm_v128_store(o + ldo, r1);
        wasm_v128_store(o + 2 * ldo, r2);
        wasm_v128_store(o + 3 * ldo, r3);
      }
      for (int kk = k; kk < k + 4; ++kk)
        for (int jj = j; jj < ldo; ++jj) out[static_cast<ptrdiff_t>(kk) * ldo + jj] = jj < N ? B[static_cast<ptrdiff_t>(jj) * ldb + kk] : 0.0f;
    }
  }
  for (; k < K; ++k) {
    float* o = out + static_cast<ptrdiff_t>(k) * ldo;
    for (int j = 0; j < ldo; ++j)
      o[j] = j >= N ? 0.0f : trans ? B[static_cast<ptrdiff_t>(j) * ldb + k] : B[static_cast<ptrdiff_t>(k) * ldb + j];
  }
}

// C[0 .. cols) (+)= v for one row of a tile; cols < 4 at the right edge (lane loads and stores).
inline void store_row(float* out, v128_t v, int cols, bool accumulate) {
  switch (cols) {
    case 1:
      if (accumulate) v = wasm_f32x4_add(v, wasm_v128_load32_zero(out));
      wasm_v128_store32_lane(out, v, 0);
      return;
    case 2:
      if (accumulate) v = wasm_f32x4_add(v, wasm_v128_load64_zero(out));
      wasm_v128_store64_lane(out, v, 0);
      return;
    case 3:
      if (accumulate) v = wasm_f32x4_add(v, wasm_v128_load32_lane(out + 2, wasm_v128_load64_zero(out), 2));
      wasm_v128_store64_lane(out, v, 0);
      wasm_v128_store32_lane(out + 2, v, 2);
      return;
    default:
      wasm_v128_store(out, accumulate ? wasm_f32x4_add(wasm_v128_load(out), v) : v);
  }
}

// The micro-kernel: tile = Σ_k op(A)(r, k) · op(B)(k, c) for a ROWS × 4·NV tile (ROWS ≤ MR, NV ≤ 2),
// then C (+)= tile, writing only the first `cols` columns. op(B)(k, ·) is read as NV vectors at
// b + k·ldb (readable, zero-padded if need be, up to 4·NV columns). Per k: NV vector loads of B,
// ROWS broadcasts of A, ROWS·NV mul + add (SIMD128 has no FMA); the accumulators, the B vectors, one
// broadcast and one product stay in registers (≤ 12 of the 15 xmm registers V8 allocates on x64).
// One k per iteration in program order: unrolled in the source, the compiler regroups the adds
// per accumulator and keeps all the B vectors live, more than V8 has registers. V8 unrolls the
// loop itself (it does for loops nested in others, hence block() below).
template <ALayout kA, int ROWS, int NV>
inline void kernel(int kc, const float* a, int lda, const float* b, int ldb, float* C, int ldc, int cols,
                   bool accumulate) {
  v128_t acc[ROWS][NV];
  for (int r = 0; r < ROWS; ++r)
    for (int v = 0; v < NV; ++v) acc[r][v] = wasm_f32x4_splat(0.0f);
  const ptrdiff_t a_row = kA == ALayout::kRows ? lda : 1;                              // (r, k) → (r + 1, k)
  const ptrdiff_t a_step = kA == ALayout::kRows ? 1 : kA == ALayout::kCols ? lda : MR;  // (r, k) → (r, k + 1)
  const ptrdiff_t b_step = kA == ALayout::kPanel ? NR : ldb;
  // The loop ends on a pointer compare, with no counter: V8 then keeps one induction variable per
  // operand and folds the row offsets into the loads (measured 10–18 % faster than `k < kc`).
  const float* const a_end = a + kc * a_step;
  for (; a != a_end; a += a_step, b += b_step) {
    v128_t bv[NV];
    for (int v = 0; v < NV; ++v) bv[v] = wasm_v128_load(b + 4 * v);
    for (int r = 0; r < ROWS; ++r) {
      const v128_t ak = wasm_v128_load32_splat(a + r * a_row);
      for (int v = 0; v < NV; ++v) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(ak, bv[v]));
    }
  }
  if (cols == 4 * NV) {  // a full tile: plain vector stores, one test of `accumulate`
    if (accumulate) {
      for (int r = 0; r < ROWS; ++r)
        for (int v = 0; v < NV; ++v) {
          float* out = C + static_cast<ptrdiff_t>(r) * ldc + 4 * v;
          wasm_v128_store(out, wasm_f32x4_add(wasm_v128_load(out), acc[r][v]));
        }
    } else {
      for (int r = 0; r < ROWS; ++r)
        for (int v = 0; v < NV; ++v) wasm_v128_store(C + static_cast<ptrdiff_t>(r) * ldc + 4 * v, acc[r][v]);
    }
    return;
  }
  for (int r = 0; r < ROWS; ++r) {
    float* out = C + static_cast<ptrdiff_t>(r) * ldc;
    for (int v = 0; v < NV; ++v)
      if (4 * v < cols) store_row(out + 4 * v, acc[r][v], cols - 4 * v, accumulate);
  }
}

// One block: C[0 .. m) × [0 .. n) (+)= op(A)[0 .. m) × [0 .. kc) · op(B)[0 .. kc) × [0 .. n), by
// MR × NR tiles, then MR × 4 at the right edge and 1-row tiles at the bottom. Row block i (a
// multiple of MR) of op(A) starts at a + (i / MR)·a_panel; column block j (a multiple of NR) of
// op(B) at b + (j / NR)·b_panel, its rows ldb apart and readable up to a multiple of 4 columns.
// Both the packed path (packed panels) and the direct path (operands in place) use it.
template <ALayout kA>
void block(int m, int n, int kc, const float* a, int lda, ptrdiff_t a_panel, const float* b, int ldb,
           ptrdiff_t b_panel, float* C, int ldc, bool accumulate) {
  for (int j = 0; j < n; j += NR, b += b_panel) {
    const int cols = std::min(NR, n - j);
    const float* ai = a;
    int i = 0;
    for (; i + MR <= m; i += MR, ai += a_panel) {
      float* c = C + static_cast<ptrdiff_t>(i) * ldc + j;
      if (cols > 4)
        kernel<kA, MR, 2>(kc, ai, lda, b, ldb, c, ldc, cols, accumulate);
      else
        kernel<kA, MR, 1>(kc, ai, lda, b, ldb, c, ldc, cols, accumulate);
    }
    for (int r = 0; i < m; ++i, ++r) {  // bottom rows, one at a time
      const float* a_r = ai + (kA == ALayout::kRows ? static_cast<ptrdiff_t>(r) * lda : r);
      float* c = C + static_cast<ptrdiff_t>(i) * ldc + j;
      if (cols > 4)
        kernel<kA, 1, 2>(kc, a_r, lda, b, ldb, c, ldc, cols, accumulate);
      else
        kernel<kA, 1, 1>(kc, a_r, lda, b, ldb, c, ldc, cols, accumulate);
    }
  }
}

// block() for each ALayout, called through this table: wasm-opt inlines functions that have a
// single direct caller, and kept apart V8 allocates the block's registers on its own (no spilled
// loop invariants in the micro-kernel loop).
using BlockFn = void (*)(int, int, int, const float*, int, ptrdiff_t, const float*, int, ptrdiff_t, float*, int, bool);
constexpr BlockFn kBlock[3] = {block<ALayout::kRows>, block<ALayout::kCols>, block<ALayout::kPanel>};

// Packed path (Goto / BLIS): op(B) packed per KC × NC block into NR-wide panels, op(A) per MC × KC
// block into MR-tall panels.
void gemm_packed(bool trans_a, bool trans_b, int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                 float* C, int ldc, bool accumulate) {
  float* packed_a = packed_a_buffer().get(static_cast<size_t>(MC) * KC);
  float* packed_b = packed_b_buffer().get(static_cast<size_t>(KC) * NC);
  // K in equal slices of at most KC (784 → 4 × 196, not 3 × 256 + 16: a thin last slice pays the
  // load and store of C for few multiply-adds).
  const int k_slices = (K + KC - 1) / KC, k_step = (K + k_slices - 1) / k_slices;
  for (int jc = 0; jc < N; jc += NC) {
    const int nc = std::min(NC, N - jc);
    for (int pc = 0; pc < K; pc += k_step) {
      const int kc = std::min(k_step, K - pc);
      const bool add = accumulate || pc > 0;  // later K slices add to what the first one wrote
      pack_b(trans_b, B, ldb, pc, kc, jc, nc, packed_b);
      for (int ic = 0; ic < M; ic += MC) {
        const int mc = std::min(MC, M - ic);
        float* c = C + static_cast<ptrdiff_t>(ic) * ldc + jc;
        pack_a(trans_a, A, lda, ic, mc, pc, kc, packed_a);
        kBlock[2](mc, nc, kc, packed_a, MR, static_cast<ptrdiff_t>(MR) * kc, packed_b, NR, static_cast<ptrdiff_t>(NR) * kc,
                  c, ldc, add);
      }
    }
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
  if (static_cast<long long>(K) * N > kDirectMaxBElements) {
    gemm_packed(trans_a, trans_b, M, N, K, A, lda, B, ldb, C, ldc, accumulate);
    return;
  }
  const float* b = B;
  if (trans_b || N % 4 != 0) {
    const int n4 = (N + 3) / 4 * 4;
    float* copy = packed_b_buffer().get(static_cast<size_t>(K) * n4);
    copy_b(trans_b, B, ldb, K, N, copy, n4);
    b = copy;
    ldb = n4;
  }
  // Direct path: A and (row-major) op(B) in place.
  kBlock[trans_a](M, N, K, A, lda, static_cast<ptrdiff_t>(MR) * (trans_a ? 1 : lda), b, ldb, NR, C, ldc, accumulate);
}

}  // namespace reglab

#endif  // __wasm_simd128__
