// reglab_bench: the native contender of bench/run.mjs (npm run bench). Prints one JSON line.
//   reglab_bench train SPEC.json EPOCHS [--data-dir DIR]
//       warm-up (a fresh run of min(EPOCHS, 2) epochs), then a fresh run of EPOCHS epochs, timed;
//       → {"cpuMs":…, "wallMs":…, "epochs":…, "trainLoss":…}
//   reglab_bench gemm TRANS_A TRANS_B M N K ACCUMULATE SECONDS
//       gemm() alone on one shape: 5 samples of ~SECONDS/5 each after a warm-up
//       → {"gflops": median, "backend": "eigen"}
//   reglab_bench peak SECONDS
//       the core's 128-bit SSE mul+add ceiling (reglab/gemm_bench.h), median of 5 → {"gflops": …}
//   reglab_bench sequence KIND SECONDS
//       forward + backward of one batch of a sequence model (KIND = transformer (S1), gru (S2) or
//       gru_ln; layers/sequence/sequence_bench.h), median of 5 → {"kind": …, "msPerBatch": …}
// Times are thread CPU time (the machine is shared; wall time is reported alongside).
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "data/real_datasets.h"
#include "reglab/gemm.h"
#include "reglab/gemm_bench.h"
#include "layers/sequence/sequence_bench.h"
#include "reglab/error.h"
#include "reglab/experiment.h"
#include "reglab/spec.h"

namespace {

double cpu_ms() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double wall_ms() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

int train(const std::string& spec_path, int epochs, const std::string& data_dir) {
  std::string text;
  if (!read_file(spec_path, text)) {
    std::cerr << "reglab_bench: cannot read " << spec_path << "\n";
    return 2;
  }
  reglab::Spec spec = reglab::parse_spec_text(text);
  reglab::DataTexts texts;
  if (reglab::is_real_dataset(spec.data.kind)) {
    const std::string file = data_dir + "/" + reglab::real_dataset_file(spec.data.kind);
    if (!read_file(file, texts[spec.data.kind])) {
      std::cerr << "reglab_bench: cannot read " << file << "\n";
      return 2;
    }
  }
  {
    reglab::Experiment warm_up(spec, texts);
    warm_up.step(std::min(epochs, 2));
  }
  reglab::Experiment run(spec, texts);
  const double c0 = cpu_ms(), w0 = wall_ms();
  std::vector<reglab::EpochRecord> records = run.step(epochs);
  const double cpu = cpu_ms() - c0, wall = wall_ms() - w0;
  std::printf("{\"cpuMs\":%.4f,\"wallMs\":%.4f,\"epochs\":%d,\"trainLoss\":%.6g}\n", cpu, wall,
              static_cast<int>(records.size()), records.empty() ? 0.0 : records.back().trainLoss);
  return 0;
}

// GFLOP/s of run(count): count doubles until a call takes a quarter of a sample (~seconds / 5),
// is scaled to fill one, then the median of 5 timed calls. run(count) returns the flops it did.
template <typename Run>
double median_gflops(Run&& run, double seconds) {
  const double sample_ms = seconds * 1e3 / 5;
  long count = 1;
  for (;;) {  // count per sample
    const double t0 = cpu_ms();
    run(count);
    const double dt = cpu_ms() - t0;
    if (dt >= sample_ms / 4 || count > (1L << 24)) {
      count = std::max(1L, static_cast<long>(count * sample_ms / std::max(dt, 1e-3)));
      break;
    }
    count *= 2;
  }
  std::vector<double> gflops;
  for (int s = 0; s < 5; ++s) {
    const double t0 = cpu_ms();
    const double flops = run(count);
    gflops.push_back(flops / ((cpu_ms() - t0) * 1e6));
  }
  std::sort(gflops.begin(), gflops.end());
  return gflops[2];
}

int gemm(bool trans_a, bool trans_b, int M, int N, int K, bool accumulate, double seconds) {
  reglab::GemmWorkload w(trans_a, trans_b, M, N, K, accumulate);
  w.run(1);
  const double gflops = median_gflops(
      [&w](long calls) {
        w.run(static_cast<int>(calls));
        return w.flops_per_call() * calls;
      },
      seconds);
  std::printf("{\"gflops\":%.3f,\"backend\":\"%s\",\"checksum\":%g}\n", gflops, reglab::gemm_backend(), w.checksum());
  return 0;
}

#if defined(__SSE2__)
int peak(double seconds) {
  volatile float sink = reglab::sse128_mul_add_loop(1 << 20, 1.0f, 0.0f);  // warm-up
  const double gflops = median_gflops(
      [&sink](long iterations) {
        sink = reglab::sse128_mul_add_loop(iterations, 1.0f, 0.0f);
        return reglab::kSse128LoopFlopsPerIteration * iterations;
      },
      seconds);
  (void)sink;
  std::printf("{\"gflops\":%.3f}\n", gflops);
  return 0;
}
#endif

// Milliseconds of thread CPU time per batch: batches per sample calibrated to ~SECONDS/5 as in
// median_gflops, then the median of 5 samples.
int sequence(const std::string& kind, double seconds) {
  reglab::SequenceWorkload w(kind);
  w.run(2);  // warm-up: sizes every buffer
  const double sample_ms = seconds * 1e3 / 5;
  const double t0 = cpu_ms();
  w.run(4);
  const int batches = std::max(1, static_cast<int>(sample_ms / std::max((cpu_ms() - t0) / 4, 1e-3)));
  std::vector<double> ms;
  for (int s = 0; s < 5; ++s) {
    const double start = cpu_ms();
    w.run(batches);
    ms.push_back((cpu_ms() - start) / batches);
  }
  std::sort(ms.begin(), ms.end());
  std::printf("{\"kind\":\"%s\",\"msPerBatch\":%.4f,\"batches\":%d,\"tokensPerBatch\":%d,\"backend\":\"%s\","
              "\"checksum\":%g}\n",
              kind.c_str(), ms[2], batches, w.tokens_per_batch(), reglab::gemm_backend(), w.checksum());
  return 0;
}

int usage() {
  std::cerr << "usage: reglab_bench train SPEC.json EPOCHS [--data-dir DIR]\n"
               "       reglab_bench gemm TRANS_A TRANS_B M N K ACCUMULATE SECONDS\n"
               "       reglab_bench peak SECONDS\n"
               "       reglab_bench sequence transformer|gru|gru_ln SECONDS\n";
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc >= 4 && std::string(argv[1]) == "train") {
      std::string data_dir = "data";
      if (argc >= 6 && std::string(argv[4]) == "--data-dir") data_dir = argv[5];
      return train(argv[2], std::atoi(argv[3]), data_dir);
    }
    if (argc == 9 && std::string(argv[1]) == "gemm")
      return gemm(std::atoi(argv[2]), std::atoi(argv[3]), std::atoi(argv[4]), std::atoi(argv[5]), std::atoi(argv[6]),
                  std::atoi(argv[7]), std::atof(argv[8]));
    if (argc == 4 && std::string(argv[1]) == "sequence") return sequence(argv[2], std::atof(argv[3]));
#if defined(__SSE2__)
    if (argc == 3 && std::string(argv[1]) == "peak") return peak(std::atof(argv[2]));
#endif
    return usage();
  } catch (const std::exception& e) {
    std::cerr << "reglab_bench: " << e.what() << "\n";
    return 2;
  }
}
