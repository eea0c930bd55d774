// Shared by the libFuzzer targets: small copies of the shipped datasets, so that specs naming
// digits, wine, breast_cancer or sentiment build quickly, and the check every run must pass.
#pragma once
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "reglab/experiment.h"

namespace reglab_fuzz {

// The header and every k-th data line (k odd and not a multiple of 5, so that files sorted by
// class or alternating labels keep every class).
inline std::string every_kth_line(const std::string& text, int k) {
  std::istringstream in(text);
  std::string line, out;
  for (int i = 0; std::getline(in, line); ++i)
    if (i == 0 || (i - 1) % k == 0) out += line + "\n";
  return out;
}

inline reglab::DataTexts small_real_data() {
  reglab::DataTexts texts;
  const struct { const char* kind; const char* file; int k; } files[] = {
      {"digits", "digits.csv", 23}, {"wine", "wine.csv", 3}, {"breast_cancer", "breast_cancer.csv", 7},
      {"sentiment", "sentiment.csv", 7}};
  for (const auto& f : files) {
    std::ifstream in(std::string(REGLAB_DATA_DIR) + "/" + f.file, std::ios::binary);
    if (!in) continue;  // specs naming it then fail with "not loaded", which is fine
    std::ostringstream s;
    s << in.rdbuf();
    texts[f.kind] = every_kth_line(s.str(), f.k);
  }
  return texts;
}

[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

// A record is either diverged (losses null) or has finite losses.
inline void check_records(const std::vector<reglab::EpochRecord>& records) {
  for (const auto& r : records) {
    if (r.diverged) continue;
    if (!std::isfinite(r.trainLoss) || !std::isfinite(r.valLoss)) fail("a record has a non-finite loss but is not marked diverged");
  }
}

// Trains a couple of epochs and calls every query a page makes. Errors (reglab::Error) are
// allowed; anything else is left to crash the fuzzer.
inline void exercise(reglab::Experiment& exp) {
  check_records(exp.step(2));
  const reglab::Dataset& train = exp.splits().train;
  int rows = std::min<int>(4, static_cast<int>(train.rows()));
  if (rows > 0 && train.features() == exp.inputs()) {
    reglab::Matrix x = train.x.topRows(rows);
    reglab::Matrix p = exp.predict(x.data(), rows, reglab::Mode::Eval);
    if (p.rows() != rows || p.cols() != exp.outputs()) fail("predict returned the wrong shape");
    reglab::Matrix mean, var;
    exp.mc_predict(x.data(), rows, 2, mean, var);
    if (var.size() && var.minCoeff() < 0) fail("MC variance is negative");
  }
  for (const char* split : {"train", "val", "test"}) exp.evaluate(split);
  exp.set_weights(exp.weights());
  reglab::Json change = reglab::Json::object();
  reglab::Json opt = reglab::Json::object();
  opt.set("lr", exp.spec().optimizer.lr / 2);
  change.set("optimizer", opt);
  exp.update(change);
  check_records(exp.step(1));
}

}  // namespace reglab_fuzz
