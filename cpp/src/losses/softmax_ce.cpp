#include "reglab/softmax_ce.h"

#include <algorithm>
#include <cmath>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace reglab {

namespace {

// Terms with z − max < −60 are set to exactly 0 instead of exp(z − max). WebAssembly has no
// flush-to-zero mode, and arithmetic on subnormal floats (< 1.2e−38) is many times slower; a
// probability e^{−80} ≈ 1.8e−35 would already turn subnormal once divided by K and by the batch
// size in the gradient (p − t)/B. e^{−60} ≈ 8.8e−27 leaves room for K·B up to 10^10, and it is far
// below anything float arithmetic on a probability near 1 can see (its ulp is 6e−8).
constexpr float kExpCutoff = -60.0f;

// exp in place of n values that are ≤ 0 (logits minus their row maximum), 0 below kExpCutoff.
// The wasm build computes four at a time with the Cephes single-precision polynomial (as in
// sse_mathfun: |relative error| < 2 ulp on [−60, 0], results ≥ e^−60 stay normal floats); musl's
// scalar expf was ~10 % of a W1 epoch. Native builds call std::exp.
void exp_nonpositive_in_place(float* p, Eigen::Index n) {
  Eigen::Index i = 0;
#ifdef __wasm_simd128__
  const v128_t cutoff = wasm_f32x4_splat(kExpCutoff), log2e = wasm_f32x4_splat(1.44269504088896341f);
  const v128_t c1 = wasm_f32x4_splat(0.693359375f), c2 = wasm_f32x4_splat(-2.12194440e-4f);
  const v128_t p0 = wasm_f32x4_splat(1.9875691500e-4f), p1 = wasm_f32x4_splat(1.3981999507e-3f);
  const v128_t p2 = wasm_f32x4_splat(8.3334519073e-3f), p3 = wasm_f32x4_splat(4.1665795894e-2f);
  const v128_t p4 = wasm_f32x4_splat(1.6666665459e-1f), p5 = wasm_f32x4_splat(5.0000001201e-1f);
  const v128_t one = wasm_f32x4_splat(1.0f), bias = wasm_i32x4_splat(127);
  for (; i + 4 <= n; i += 4) {
    const v128_t x = wasm_v128_load(p + i);
    const v128_t keep = wasm_f32x4_ge(x, cutoff);       // x < −60 → 0 (and n stays ≥ −87 below)
    const v128_t xc = wasm_f32x4_max(x, cutoff);
    const v128_t k = wasm_f32x4_nearest(wasm_f32x4_mul(xc, log2e));  // e^x = 2^k · e^r, |r| ≤ ln2/2
    const v128_t r = wasm_f32x4_sub(wasm_f32x4_sub(xc, wasm_f32x4_mul(k, c1)), wasm_f32x4_mul(k, c2));
    v128_t y = wasm_f32x4_add(wasm_f32x4_mul(p0, r), p1);
    y = wasm_f32x4_add(wasm_f32x4_mul(y, r), p2);
    y = wasm_f32x4_add(wasm_f32x4_mul(y, r), p3);
    y = wasm_f32x4_add(wasm_f32x4_mul(y, r), p4);
    y = wasm_f32x4_add(wasm_f32x4_mul(y, r), p5);
    y = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(y, wasm_f32x4_mul(r, r)), r), one);
    const v128_t two_k = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(k), bias), 23);  // 2^k
    wasm_v128_store(p + i, wasm_v128_and(wasm_f32x4_mul(y, two_k), keep));
  }
#endif
  for (; i < n; ++i) p[i] = p[i] < kExpCutoff ? 0.0f : std::exp(p[i]);
}

// log in place of n values in [1, 2¹²⁷) (softmax denominators): the Cephes single-precision
// polynomial four at a time in the wasm build (as in sse_mathfun, < 2 ulp), std::log natively.
void log_in_place(float* p, Eigen::Index n) {
  Eigen::Index i = 0;
#ifdef __wasm_simd128__
  const v128_t mant_mask = wasm_i32x4_splat(0x007fffff), half = wasm_f32x4_splat(0.5f), one = wasm_f32x4_splat(1.0f);
  const v128_t sqrthf = wasm_f32x4_splat(0.707106781186547524f), bias = wasm_i32x4_splat(126);
  const float c[9] = {7.0376836292e-2f, -1.1514610310e-1f, 1.1676998740e-1f, -1.2420140846e-1f, 1.4249322787e-1f,
                      -1.6668057665e-1f, 2.0000714765e-1f, -2.4999993993e-1f, 3.3333331174e-1f};
  for (; i + 4 <= n; i += 4) {
    v128_t x = wasm_v128_load(p + i);
    // x = m · 2^e with m in [0.5, 1); then m < √½ → (2m, e − 1), so that m − 1 is in [−0.29, 0.41].
    v128_t e = wasm_f32x4_convert_i32x4(wasm_i32x4_sub(wasm_u32x4_shr(x, 23), bias));
    x = wasm_v128_or(wasm_v128_and(x, mant_mask), half);
    const v128_t small = wasm_f32x4_lt(x, sqrthf);
    e = wasm_f32x4_sub(e, wasm_v128_and(one, small));
    x = wasm_f32x4_add(wasm_f32x4_sub(x, one), wasm_v128_and(x, small));
    const v128_t z = wasm_f32x4_mul(x, x);
    v128_t y = wasm_f32x4_splat(c[0]);
    for (int k = 1; k < 9; ++k) y = wasm_f32x4_add(wasm_f32x4_mul(y, x), wasm_f32x4_splat(c[k]));
    y = wasm_f32x4_mul(wasm_f32x4_mul(y, x), z);
    y = wasm_f32x4_add(y, wasm_f32x4_mul(e, wasm_f32x4_splat(-2.12194440e-4f)));
    y = wasm_f32x4_sub(y, wasm_f32x4_mul(z, half));
    wasm_v128_store(p + i, wasm_f32x4_add(wasm_f32x4_add(x, y), wasm_f32x4_mul(e, wasm_f32x4_splat(0.693359375f))));
  }
#endif
  for (; i < n; ++i) p[i] = std::log(p[i]);
}

// Softmax of rows [r0, r1) of logits into the same rows of probs (already sized); lse (if not
// null) gets logsumexp of each of those rows (lse[0] for row r0). At most kBlockRows rows.
constexpr Eigen::Index kBlockRows = 256;
void softmax_block(const Matrix& logits, Matrix& probs, Eigen::Index r0, Eigen::Index r1, float* lse) {
  const Eigen::Index K = logits.cols();
  float zmax[kBlockRows], sum[kBlockRows];
  for (Eigen::Index r = r0; r < r1; ++r) {  // z − max(z) into probs
    const float* z = logits.data() + r * K;
    float* p = probs.data() + r * K;
    float m = z[0];
    for (Eigen::Index k = 1; k < K; ++k) m = z[k] > m ? z[k] : m;
    for (Eigen::Index k = 0; k < K; ++k) p[k] = z[k] - m;
    zmax[r - r0] = m;
  }
  exp_nonpositive_in_place(probs.data() + r0 * K, (r1 - r0) * K);
  for (Eigen::Index r = r0; r < r1; ++r) {
    float* p = probs.data() + r * K;
    float s = 0.0f;
    for (Eigen::Index k = 0; k < K; ++k) s += p[k];
    const float inv = 1.0f / s;  // s ≥ 1: the largest term is e⁰
    for (Eigen::Index k = 0; k < K; ++k) p[k] *= inv;
    sum[r - r0] = s;
  }
  if (!lse) return;
  log_in_place(sum, r1 - r0);
  for (Eigen::Index r = 0; r < r1 - r0; ++r) lse[r] = zmax[r] + sum[r];
}

// Softmax of every row of logits into probs, and the loss of each row to `row` (if given) from
// its logsumexp.
template <typename RowFn>
void softmax_rows(const Matrix& logits, Matrix& probs, RowFn&& row) {
  probs.resize(logits.rows(), logits.cols());
  float lse[kBlockRows];
  for (Eigen::Index r0 = 0; r0 < logits.rows(); r0 += kBlockRows) {
    const Eigen::Index r1 = std::min(logits.rows(), r0 + kBlockRows);
    softmax_block(logits, probs, r0, r1, lse);
    for (Eigen::Index r = r0; r < r1; ++r) row(r, lse[r - r0]);
  }
}

// ℓ_r = Σ_k t_rk (logsumexp − z_rk); skipping t = 0 keeps 0·(huge) out of the sum.
float row_loss(const Matrix& logits, const Matrix& targets, Eigen::Index r, float lse) {
  const Eigen::Index K = logits.cols();
  const float* z = logits.data() + r * K;
  const float* t = targets.data() + r * K;
  float loss = 0.0f;
  for (Eigen::Index k = 0; k < K; ++k)
    if (t[k] != 0.0f) loss += t[k] * (lse - z[k]);
  return loss;
}

}  // namespace

void softmax_forward(const Matrix& logits, Matrix& probs) {
  probs.resize(logits.rows(), logits.cols());
  for (Eigen::Index r0 = 0; r0 < logits.rows(); r0 += kBlockRows)
    softmax_block(logits, probs, r0, std::min(logits.rows(), r0 + kBlockRows), nullptr);
}

float softmax_ce_forward(const Matrix& logits, const Matrix& targets, Matrix& probs) {
  double total = 0.0;
  softmax_rows(logits, probs, [&](Eigen::Index r, float lse) { total += row_loss(logits, targets, r, lse); });
  return static_cast<float>(total / static_cast<double>(logits.rows()));
}

void softmax_ce_backward(const Matrix& probs, const Matrix& targets, Matrix& dlogits) {
  dlogits.resize(probs.rows(), probs.cols());
  dlogits.array() = (probs.array() - targets.array()) * (1.0f / static_cast<float>(probs.rows()));
}

void softmax_ce_per_sample(const Matrix& logits, const Matrix& targets, Matrix& probs, Matrix& per_sample) {
  per_sample.resize(logits.rows(), 1);
  softmax_rows(logits, probs, [&](Eigen::Index r, float lse) { per_sample(r, 0) = row_loss(logits, targets, r, lse); });
}

}  // namespace reglab
