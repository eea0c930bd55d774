#include "kernels/gemm_bench.h"

#include "kernels/gemm.h"
#include "reglab/rng.h"

namespace reglab {

GemmWorkload::GemmWorkload(bool trans_a, bool trans_b, int M, int N, int K, bool accumulate)
    : trans_a_(trans_a), trans_b_(trans_b), accumulate_(accumulate), M_(M), N_(N), K_(K),
      a_(static_cast<size_t>(M) * K), b_(static_cast<size_t>(K) * N), c_(static_cast<size_t>(M) * N, 0.0f) {
  Rng rng(42);
  for (float& v : a_) v = static_cast<float>(rng.uniform(-1, 1));
  for (float& v : b_) v = static_cast<float>(rng.uniform(-1, 1));
}

void GemmWorkload::run(int calls) {
  const int lda = trans_a_ ? M_ : K_, ldb = trans_b_ ? K_ : N_;
  for (int i = 0; i < calls; ++i)
    gemm(trans_a_, trans_b_, M_, N_, K_, a_.data(), lda, b_.data(), ldb, c_.data(), N_, accumulate_);
}

float GemmWorkload::checksum() const {
  float s = 0;
  for (float v : c_) s += v;
  return s;
}

}  // namespace reglab
