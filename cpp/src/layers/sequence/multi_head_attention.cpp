#include "layers/sequence/multi_head_attention.h"

#include <cmath>
#include <string>

#include "reglab/gemm.h"
#include "layers/sequence/masked_softmax.h"

namespace reglab {

namespace {
float keep_scale(float p) { return p < 1.0f ? 1.0f / (1.0f - p) : 0.0f; }
}  // namespace

void attention_forward(const Matrix& qkv, const Matrix& mask, int heads, const Matrix* keep_mask, float p,
                       AttentionCache& cache, Matrix& O) {
  const int B = static_cast<int>(mask.rows()), T = static_cast<int>(mask.cols());
  const int D3 = static_cast<int>(qkv.cols()), D = D3 / 3, d = D / heads;
  const float scale = 1.0f / std::sqrt(static_cast<float>(d));
  cache.P.resize(static_cast<Eigen::Index>(B) * heads * T, T);
  O.resize(static_cast<Eigen::Index>(B) * T, D);
  for (int b = 0; b < B; ++b) {
    const float* key_mask = mask.data() + static_cast<ptrdiff_t>(b) * T;
    for (int a = 0; a < heads; ++a) {
      const float* q = qkv.data() + static_cast<ptrdiff_t>(b) * T * D3 + a * d;
      float* s = cache.P.data() + (static_cast<ptrdiff_t>(b) * heads + a) * T * T;
      gemm(false, true, T, T, d, q, D3, q + D, D3, s, T, false);  // S = Q Kᵀ
      Eigen::Map<Matrix> block(s, T, T);
      block *= scale;
    }
    // Softmax of the h blocks of sequence b in one call (they share the key mask).
    Eigen::Map<Matrix> rows(cache.P.data() + static_cast<ptrdiff_t>(b) * heads * T * T, heads * T, T);
    masked_softmax_forward(rows, key_mask, rows);
  }
  if (keep_mask) {
    cache.P_dropped.resize(cache.P.rows(), cache.P.cols());
    cache.P_dropped.array() = cache.P.array() * keep_mask->array() * keep_scale(p);
  }
  const Matrix& Pd = keep_mask ? cache.P_dropped : cache.P;
  for (int b = 0; b < B; ++b)
    for (int a = 0; a < heads; ++a) {
      const float* v = qkv.data() + static_cast<ptrdiff_t>(b) * T * D3 + 2 * D + a * d;
      const float* pd = Pd.data() + (static_cast<ptrdiff_t>(b) * heads + a) * T * T;
      gemm(false, false, T, d, T, pd, T, v, D3, O.data() + static_cast<ptrdiff_t>(b) * T * D + a * d, D, false);
    }
}

void attention_backward(const Matrix& dO, const Matrix& qkv, const Matrix& mask, int heads, const Matrix* keep_mask,
                        float p, AttentionCache& cache, Matrix& dqkv) {
  const int B = static_cast<int>(mask.rows()), T = static_cast<int>(mask.cols());
  const int D3 = static_cast<int>(qkv.cols()), D = D3 / 3, d = D / heads;
  const float scale = 1.0f / std::sqrt(static_cast<float>(d));
  const Matrix& Pd = keep_mask ? cache.P_dropped : cache.P;
  cache.dP.resize(cache.P.rows(), cache.P.cols());
  dqkv.resize(qkv.rows(), qkv.cols());
  for (int b = 0; b < B; ++b)
    for (int a = 0; a < heads; ++a) {
      const ptrdiff_t block = (static_cast<ptrdiff_t>(b) * heads + a) * T * T;
      const ptrdiff_t row0 = static_cast<ptrdiff_t>(b) * T;
      const float* v = qkv.data() + row0 * D3 + 2 * D + a * d;
      const float* dout = dO.data() + row0 * D + a * d;
      gemm(false, true, T, T, d, dout, D, v, D3, cache.dP.data() + block, T, false);  // dP̃ = dO Vᵀ
      gemm(true, false, T, d, T, Pd.data() + block, T, dout, D, dqkv.data() + row0 * D3 + 2 * D + a * d, D3,
           false);  // dV = P̃ᵀ dO
    }
  if (keep_mask) cache.dP.array() *= keep_mask->array() * keep_scale(p);
  masked_softmax_backward(cache.P, cache.dP, cache.dP);  // dS, in place
  cache.dP *= scale;                                      // d(QKᵀ) = dS/√d
  for (int b = 0; b < B; ++b)
    for (int a = 0; a < heads; ++a) {
      const ptrdiff_t block = (static_cast<ptrdiff_t>(b) * heads + a) * T * T;
      const ptrdiff_t row0 = static_cast<ptrdiff_t>(b) * T;
      const float* q = qkv.data() + row0 * D3 + a * d;
      const float* ds = cache.dP.data() + block;
      float* dq = dqkv.data() + row0 * D3 + a * d;
      gemm(false, false, T, d, T, ds, T, q + D, D3, dq, D3, false);     // dQ = dS K
      gemm(true, false, T, d, T, ds, T, q, D3, dq + D, D3, false);      // dK = dSᵀ Q
    }
}

MultiHeadAttention::MultiHeadAttention(int embed, int heads, float attention_dropout, Rng& rng)
    : in_proj(embed, 3 * embed, Init::Xavier, rng), out_proj(embed, embed, Init::Xavier, rng), heads_(heads),
      dropout_(attention_dropout) {
  if (heads < 1 || embed % heads != 0)
    throw Error("model.heads", "the number of heads (" + format_number(heads) + ") must divide embed (" +
                                   format_number(embed) + ")");
}

const Matrix& MultiHeadAttention::run(const Matrix& x, const Matrix& mask, Mode mode, Rng& rng, const Matrix* keep,
                                       float p) {
  check_sequence_shape(x, mask, "multi_head_attention");
  mask_ = &mask;
  keep_ = keep;
  p_used_ = p;
  qkv_ = &in_proj.forward(x, mode, rng);
  attention_forward(*qkv_, mask, heads_, keep, p, cache_, O_);
  return out_proj.forward(O_, mode, rng);
}

const Matrix& MultiHeadAttention::forward(const Matrix& x, const Matrix& mask, Mode mode, Rng& rng) {
  if (mode == Mode::Train && dropout_.p() > 0.0f) {
    // Dropout draws the keep mask (the project's generator, as for every dropout); only the mask is used.
    const Eigen::Index rows = mask.rows() * heads_ * mask.cols();
    given_keep_.setOnes(rows, mask.cols());
    dropout_.forward(given_keep_, Mode::Train, rng);
    return run(x, mask, mode, rng, &dropout_.keep_mask(), dropout_.p());
  }
  return run(x, mask, mode, rng, nullptr, 0.0f);
}

const Matrix& MultiHeadAttention::forward_with_keep_mask(const Matrix& x, const Matrix& mask, const Matrix& keep_mask) {
  given_keep_ = keep_mask;
  return run(x, mask, Mode::Train, unused_rng_, &given_keep_, dropout_.p());
}

const Matrix& MultiHeadAttention::backward(const Matrix& dy) {
  const Matrix& dO = out_proj.backward(dy);
  attention_backward(dO, *qkv_, *mask_, heads_, keep_, p_used_, cache_, dqkv_);
  return in_proj.backward(dqkv_);
}

std::vector<ParamRef> MultiHeadAttention::params() {
  std::vector<ParamRef> out;
  for (ParamRef p : in_proj.params()) {
    p.name = p.role == ParamRole::Weight ? "in_proj.W" : "in_proj.b";
    out.push_back(p);
  }
  for (ParamRef p : out_proj.params()) {
    p.name = p.role == ParamRole::Weight ? "out_proj.W" : "out_proj.b";
    out.push_back(p);
  }
  return out;
}

std::vector<std::pair<const char*, Matrix*>> MultiHeadAttention::buffers() {
  std::vector<std::pair<const char*, Matrix*>> out;
  for (auto& b : in_proj.buffers()) out.push_back({std::string(b.first) == "u" ? "in_proj.u" : "in_proj.v", b.second});
  for (auto& b : out_proj.buffers()) out.push_back({std::string(b.first) == "u" ? "out_proj.u" : "out_proj.v", b.second});
  return out;
}

}  // namespace reglab
