// The test and bench hooks of the wasm module: kernels called alone, for tests/js (gemm.test.js,
// softmax.test.js) and bench/ (run.mjs, wasm_module.mjs). Compiled only into the test/bench build
// (build/wasm/reglab-testing.mjs + .wasm); the module the page ships (reglab.mjs) has none of them.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>
#include <vector>

#include "guarded.h"
#include "reglab/error.h"
#include "reglab/gemm.h"
#include "reglab/gemm_bench.h"
#include "reglab/softmax_ce.h"
#include "reglab/tensor.h"

using emscripten::val;
using reglab::Error;
using namespace reglab::bindings;

namespace {

// The GEMM kernel alone, for tests/js/gemm.test.js and bench/run.mjs:
// C (+)= op(A) · op(B), row-major, op(A): M × K, op(B): K × N (reglab/gemm.h).
val gemmProduct(bool trans_a, bool trans_b, int M, int N, int K, val a, val b, val c, bool accumulate) {
  return guarded([&] {
    if (M < 0 || N < 0 || K < 0) throw Error("shape", "M, N and K must be >= 0");
    std::vector<float> A = floats_from(a, "a"), B = floats_from(b, "b"), C = floats_from(c, "c");
    if (A.size() != static_cast<size_t>(M) * K) throw Error("a", "must hold M × K values");
    if (B.size() != static_cast<size_t>(K) * N) throw Error("b", "must hold K × N values");
    if (C.size() != static_cast<size_t>(M) * N) throw Error("c", "must hold M × N values");
    reglab::gemm(trans_a, trans_b, M, N, K, A.data(), trans_a ? M : K, B.data(), trans_b ? K : N, C.data(), N,
                 accumulate);
    return float_array(C.data(), C.size());
  }, val::null());
}

std::string gemmBackend() { return reglab::gemm_backend(); }

// The softmax cross-entropy kernel alone, for tests/js/softmax.test.js (its SIMD exp and log run
// only in the wasm build): rows × K logits and soft targets → {probs, loss} (loss per row).
val softmaxCrossEntropy(val logits, val targets, int rows, int K) {
  return guarded([&] {
    if (rows < 1 || K < 1 || static_cast<long long>(rows) * K > (1 << 24)) throw Error("shape", "rows and K must be >= 1, rows × K <= 2^24");
    std::vector<float> z = floats_from(logits, "logits"), t = floats_from(targets, "targets");
    if (z.size() != static_cast<size_t>(rows) * K) throw Error("logits", "must hold rows × K values");
    if (t.size() != z.size()) throw Error("targets", "must hold rows × K values");
    reglab::Matrix zm = Eigen::Map<reglab::Matrix>(z.data(), rows, K), tm = Eigen::Map<reglab::Matrix>(t.data(), rows, K);
    reglab::Matrix probs, loss;
    reglab::softmax_ce_per_sample(zm, tm, probs, loss);
    val out = val::object();
    out.set("probs", float_array(probs.data(), probs.size()));
    out.set("loss", float_array(loss.data(), loss.size()));
    return out;
  }, val::null());
}

#ifdef __wasm_simd128__
// The measured SIMD128 mul+add ceiling (bench/run.mjs): flops done by `iterations` of the loop.
double benchSimdPeak(int iterations) {
  volatile float sink = reglab::simd128_mul_add_loop(iterations, 1.0f, 0.0f);
  (void)sink;
  return reglab::kSimd128LoopFlopsPerIteration * iterations;
}
#endif

// `calls` gemm() calls on fixed random operands of one shape (timed by the caller); returns a checksum.
double benchGemm(bool trans_a, bool trans_b, int M, int N, int K, bool accumulate, int calls) {
  static std::unique_ptr<reglab::GemmWorkload> workload;
  static std::vector<int> key;
  std::vector<int> shape = {trans_a, trans_b, M, N, K, accumulate};
  if (!workload || key != shape) {
    workload = std::make_unique<reglab::GemmWorkload>(trans_a, trans_b, M, N, K, accumulate);
    key = shape;
  }
  workload->run(calls);
  return workload->checksum();
}

}  // namespace

EMSCRIPTEN_BINDINGS(reglab_testing) {
  emscripten::function("gemm", &gemmProduct);
  emscripten::function("gemmBackend", &gemmBackend);
  emscripten::function("softmaxCrossEntropy", &softmaxCrossEntropy);
  emscripten::function("benchGemm", &benchGemm);
#ifdef __wasm_simd128__
  emscripten::function("benchSimdPeak", &benchSimdPeak);
#endif
}
