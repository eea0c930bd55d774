// The one random number generator of RegLab: PCG32 (O'Neill 2014, XSH-RR output), so a seed gives
// the same stream natively and in every browser. Everything random (initial weights, data, splits,
// shuffling, dropout masks, augmentation) draws from an Rng seeded from the spec's seed.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace reglab {

class Rng {
 public:
  explicit Rng(uint64_t seed = 0, uint64_t stream = 54) { reseed(seed, stream); }

  void reseed(uint64_t seed, uint64_t stream = 54) {
    state_ = 0;
    inc_ = (stream << 1u) | 1u;
    next_u32();
    state_ += seed;
    next_u32();
    has_spare_ = false;
  }

  uint32_t next_u32() {
    uint64_t old = state_;
    state_ = old * kMultiplier + inc_;
    return output(old);
  }

  // Calls f(i, r_i) for i = 0, 1, …, n−1, where r_0 … r_{n−1} are exactly the next n outputs of
  // next_u32() (and the generator ends in the same state). The draws are computed on four
  // interleaved chains, each jumping 4 steps at a time (s ← a⁴s + c(a³ + a² + a + 1) mod 2⁶⁴),
  // so consecutive draws do not wait on each other's 64-bit multiply: bulk draws (dropout masks)
  // run several times faster than a next_u32() loop.
  template <typename F>
  void generate_u32(size_t n, F&& f) {
    const uint64_t a = kMultiplier, a2 = a * a, a4 = a2 * a2;
    const uint64_t c4 = inc_ * (a2 * a + a2 + a + 1);
    uint64_t s0 = state_, s1 = s0 * a + inc_, s2 = s1 * a + inc_, s3 = s2 * a + inc_;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
      f(i, output(s0));
      f(i + 1, output(s1));
      f(i + 2, output(s2));
      f(i + 3, output(s3));
      s0 = s0 * a4 + c4;
      s1 = s1 * a4 + c4;
      s2 = s2 * a4 + c4;
      s3 = s3 * a4 + c4;
    }
    state_ = s0;  // the state after i draws
    for (; i < n; ++i) f(i, next_u32());
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() {
    uint64_t hi = next_u32() >> 5, lo = next_u32() >> 6;  // 27 + 26 bits
    return (static_cast<double>(hi) * 67108864.0 + static_cast<double>(lo)) * (1.0 / 9007199254740992.0);
  }
  double uniform(double a, double b) { return a + (b - a) * uniform(); }

  // Uniform integer in [0, n), unbiased (Lemire's multiply-shift with rejection).
  uint32_t uniform_int(uint32_t n) {
    if (n <= 1) return 0;
    uint64_t m = static_cast<uint64_t>(next_u32()) * n;
    uint32_t low = static_cast<uint32_t>(m);
    if (low < n) {
      uint32_t threshold = static_cast<uint32_t>(-n) % n;
      while (low < threshold) {
        m = static_cast<uint64_t>(next_u32()) * n;
        low = static_cast<uint32_t>(m);
      }
    }
    return static_cast<uint32_t>(m >> 32);
  }

  bool bernoulli(double p) { return uniform() < p; }

  // Standard normal by the Box–Muller transform (the spare value is kept).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u1 = uniform(), u2 = uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    double r = std::sqrt(-2.0 * std::log(u1));
    double t = 6.283185307179586 * u2;
    spare_ = r * std::sin(t);
    has_spare_ = true;
    return r * std::cos(t);
  }
  double normal(double mean, double stddev) { return mean + stddev * normal(); }

  // Gamma(shape, 1) by Marsaglia–Tsang (2000); shape < 1 uses the boost Gamma(a+1)·U^(1/a).
  double gamma(double shape) {
    if (shape < 1.0) {
      double u = uniform();
      if (u < 1e-300) u = 1e-300;
      return gamma(shape + 1.0) * std::pow(u, 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x, v;
      do {
        x = normal();
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      double u = uniform();
      if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
      if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
    }
  }

  // Beta(a, b) = X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b).
  double beta(double a, double b) {
    double x = gamma(a), y = gamma(b);
    return (x + y) > 0 ? x / (x + y) : 0.5;
  }

  // Fisher–Yates shuffle.
  template <typename T>
  void shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) {
      size_t j = uniform_int(static_cast<uint32_t>(i));
      std::swap(v[i - 1], v[j]);
    }
  }

  // 0..n-1 in random order.
  std::vector<int> permutation(int n) {
    std::vector<int> p(n);
    for (int i = 0; i < n; ++i) p[i] = i;
    shuffle(p);
    return p;
  }

 private:
  static constexpr uint64_t kMultiplier = 6364136223846793005ULL;

  // PCG32's output permutation (XSH-RR) of the state before a step.
  static uint32_t output(uint64_t old) {
    uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
    uint32_t rot = static_cast<uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((-rot) & 31));
  }

  uint64_t state_ = 0, inc_ = 0;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace reglab
