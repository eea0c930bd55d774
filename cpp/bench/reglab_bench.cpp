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
//   reglab_bench conv SECONDS
//       forward + backward of the C1 network's layers on one batch of 64 images 1×28×28 (conv3×3×8
//       same → ReLU → maxpool2 → conv3×3×16 same → ReLU → maxpool2 → dense 64 → ReLU → dense 10;
//       no loss, no optimizer), median of 5 → {"batchMs", "gflops", "flopsPerBatch", "convMs",
//       "poolMs", "convGflops", …}: GFLOP/s counts the forward products and both backward ones
//       (dW everywhere, dX except for the first layer, which needs none).
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
#include "layers/activation.h"
#include "layers/conv2d.h"
#include "layers/dense.h"
#include "layers/max_pool_2d.h"
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

// The C1 network of issue 15 (bench/workloads.mjs), layer by layer, with per-layer CPU time.
struct C1Workload {
  static constexpr int kBatch = 64;
  reglab::Rng rng{1};
  reglab::Conv2D conv1{reglab::conv2d_geometry({1, 28, 28}, 8, 3, 3, 1, reglab::Padding::Same), reglab::Init::He, rng};
  reglab::Activation relu1{reglab::ActivationKind::ReLU};
  reglab::MaxPool2D pool1{reglab::pool2d_geometry({8, 28, 28}, 2, 2, "pool")};
  reglab::Conv2D conv2{reglab::conv2d_geometry({8, 14, 14}, 16, 3, 3, 1, reglab::Padding::Same), reglab::Init::He, rng};
  reglab::Activation relu2{reglab::ActivationKind::ReLU};
  reglab::MaxPool2D pool2{reglab::pool2d_geometry({16, 14, 14}, 2, 2, "pool")};
  reglab::Dense dense1{16 * 7 * 7, 64, reglab::Init::He, rng};
  reglab::Activation relu3{reglab::ActivationKind::ReLU};
  reglab::Dense dense2{64, 10, reglab::Init::He, rng};
  reglab::Matrix x, dy;
  double conv_ms = 0, pool_ms = 0, other_ms = 0;

  C1Workload() : x(kBatch, 28 * 28), dy(kBatch, 10) {
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(rng.uniform());
    for (Eigen::Index i = 0; i < dy.size(); ++i) dy.data()[i] = static_cast<float>(rng.normal(0.0, 0.1));
    conv1.set_input_gradient(false);
  }

  // Forward and backward FLOPs of one batch: 2 multiply-adds per weight use, three products per
  // layer (forward, dW, dX) except conv1's missing dX.
  double conv_flops() const {
    const double c1 = static_cast<double>(conv1.geometry().flops_per_image());
    const double c2 = static_cast<double>(conv2.geometry().flops_per_image());
    return kBatch * (2 * c1 + 3 * c2);
  }
  double flops() const { return conv_flops() + kBatch * 3.0 * 2.0 * (784.0 * 64 + 64 * 10); }

  template <typename F>
  const reglab::Matrix& timed(double& total, F&& f) {
    const double t0 = cpu_ms();
    const reglab::Matrix& out = f();
    total += cpu_ms() - t0;
    return out;
  }

  void step() {
    using reglab::Mode;
    const reglab::Matrix* h = &timed(conv_ms, [&]() -> const reglab::Matrix& { return conv1.forward(x, Mode::Train, rng); });
    h = &timed(other_ms, [&]() -> const reglab::Matrix& { return relu1.forward(*h, Mode::Train, rng); });
    h = &timed(pool_ms, [&]() -> const reglab::Matrix& { return pool1.forward(*h, Mode::Train, rng); });
    h = &timed(conv_ms, [&]() -> const reglab::Matrix& { return conv2.forward(*h, Mode::Train, rng); });
    h = &timed(other_ms, [&]() -> const reglab::Matrix& { return relu2.forward(*h, Mode::Train, rng); });
    h = &timed(pool_ms, [&]() -> const reglab::Matrix& { return pool2.forward(*h, Mode::Train, rng); });
    h = &timed(other_ms, [&]() -> const reglab::Matrix& { return dense1.forward(*h, Mode::Train, rng); });
    h = &timed(other_ms, [&]() -> const reglab::Matrix& { return relu3.forward(*h, Mode::Train, rng); });
    timed(other_ms, [&]() -> const reglab::Matrix& { return dense2.forward(*h, Mode::Train, rng); });
    const reglab::Matrix* g = &timed(other_ms, [&]() -> const reglab::Matrix& { return dense2.backward(dy); });
    g = &timed(other_ms, [&]() -> const reglab::Matrix& { return relu3.backward(*g); });
    g = &timed(other_ms, [&]() -> const reglab::Matrix& { return dense1.backward(*g); });
    g = &timed(pool_ms, [&]() -> const reglab::Matrix& { return pool2.backward(*g); });
    g = &timed(other_ms, [&]() -> const reglab::Matrix& { return relu2.backward(*g); });
    g = &timed(conv_ms, [&]() -> const reglab::Matrix& { return conv2.backward(*g); });
    g = &timed(pool_ms, [&]() -> const reglab::Matrix& { return pool1.backward(*g); });
    g = &timed(other_ms, [&]() -> const reglab::Matrix& { return relu1.backward(*g); });
    timed(conv_ms, [&]() -> const reglab::Matrix& { return conv1.backward(*g); });
  }
};

int conv(double seconds) {
  C1Workload w;
  w.step();
  const double gflops = median_gflops(
      [&w](long steps) {
        for (long i = 0; i < steps; ++i) w.step();
        return w.flops() * static_cast<double>(steps);
      },
      seconds);
  // Per-part times over every step run (calibration included): the shares, not a median.
  const double total = w.conv_ms + w.pool_ms + w.other_ms, batch_ms = w.flops() / (gflops * 1e6);
  const double conv_ms = batch_ms * w.conv_ms / total, pool_ms = batch_ms * w.pool_ms / total;
  std::printf(
      "{\"batchMs\":%.4f,\"gflops\":%.3f,\"flopsPerBatch\":%.0f,\"convMs\":%.4f,\"convGflops\":%.3f,"
      "\"poolMs\":%.4f,\"otherMs\":%.4f,\"epochMsAt2000Images\":%.2f,\"backend\":\"%s\"}\n",
      batch_ms, gflops, w.flops(), conv_ms, w.conv_flops() / (conv_ms * 1e6), pool_ms, batch_ms - conv_ms - pool_ms,
      batch_ms * 2000.0 / C1Workload::kBatch, reglab::gemm_backend());
  return 0;
}

int usage() {
  std::cerr << "usage: reglab_bench train SPEC.json EPOCHS [--data-dir DIR]\n"
               "       reglab_bench gemm TRANS_A TRANS_B M N K ACCUMULATE SECONDS\n"
               "       reglab_bench peak SECONDS\n"
               "       reglab_bench sequence transformer|gru|gru_ln SECONDS\n"
               "       reglab_bench conv SECONDS\n";
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
    if (argc == 3 && std::string(argv[1]) == "conv") return conv(std::atof(argv[2]));
#if defined(__SSE2__)
    if (argc == 3 && std::string(argv[1]) == "peak") return peak(std::atof(argv[2]));
#endif
    return usage();
  } catch (const std::exception& e) {
    std::cerr << "reglab_bench: " << e.what() << "\n";
    return 2;
  }
}
