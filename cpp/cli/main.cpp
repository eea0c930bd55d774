// The native CLI: runs an experiment spec and prints one JSON record per epoch, then a summary.
//   reglab run SPEC.json [--epochs N] [--data-dir DIR]     (SPEC.json may be - for stdin)
//   reglab validate SPEC.json                              prints the canonical spec
//   reglab describe                                        prints every spec field
// An invalid spec prints "path: message" on stderr and exits 2.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "data/real_datasets.h"
#include "reglab/error.h"
#include "reglab/experiment.h"
#include "reglab/spec.h"

namespace {

int usage() {
  std::cerr << "usage: reglab run SPEC.json [--epochs N] [--data-dir DIR]\n"
               "       reglab validate SPEC.json\n"
               "       reglab describe\n";
  return 64;
}

bool read_file(const std::string& path, std::string& out) {
  if (path == "-") {
    std::ostringstream s;
    s << std::cin.rdbuf();
    out = s.str();
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

std::string dirname_of(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string command = argv[1];
  if (command == "describe") {
    std::cout << reglab::describe_spec().dump() << "\n";
    return 0;
  }
  if ((command != "run" && command != "validate") || argc < 3) return usage();
  std::string spec_path = argv[2];
  int epochs = -1;
  std::string data_dir;
  for (int i = 3; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--epochs") && i + 1 < argc) {
      char* end = nullptr;
      long v = std::strtol(argv[++i], &end, 10);
      if (*end || v < 0 || v > reglab::kMaxEpochs) {
        std::cerr << "reglab: --epochs: must be a whole number in [0, " << reglab::kMaxEpochs << "], got " << argv[i] << "\n";
        return 2;
      }
      epochs = static_cast<int>(v);
    } else if (!std::strcmp(argv[i], "--data-dir") && i + 1 < argc) {
      data_dir = argv[++i];
    } else {
      return usage();
    }
  }
  std::string text;
  if (!read_file(spec_path, text)) {
    std::cerr << "reglab: cannot read " << spec_path << "\n";
    return 2;
  }
  try {
    reglab::Spec spec = reglab::parse_spec_text(text);
    if (command == "validate") {
      std::cout << reglab::spec_to_json(spec).dump() << "\n";
      return 0;
    }
    reglab::DataTexts texts;
    for (const auto& [key, file] : reglab::data_files(spec.data.kind)) {
      const char* env = std::getenv("REGLAB_DATA_DIR");
      std::string exe_dir = dirname_of(argv[0]);
      std::string candidates[] = {data_dir, env ? env : "", exe_dir + "/../../data", exe_dir + "/../data", "data"};
      bool found = false;
      for (const auto& dir : candidates) {
        if (dir.empty()) continue;
        if (read_file(dir + "/" + file, texts[key])) {
          found = true;
          break;
        }
      }
      if (!found) {
        std::cerr << "reglab: data.kind: cannot find " << file << " (use --data-dir DIR or REGLAB_DATA_DIR)\n";
        return 2;
      }
    }
    reglab::Experiment run(spec, texts);
    int budget = epochs >= 0 ? epochs : spec.training.epochs;
    for (int e = 0; e < budget && !run.done(); ++e)
      for (const auto& r : run.step(1)) std::cout << r.to_json().dump() << "\n";
    reglab::Json summary = reglab::Json::object();
    summary.set("summary", true);
    summary.set("epochs", run.epoch());
    summary.set("stopReason", run.stop_reason().empty() ? reglab::Json() : reglab::Json(run.stop_reason()));
    summary.set("bestEpoch", run.best_epoch());
    for (const char* split : {"train", "val"}) {
      reglab::Evaluation ev = run.evaluate(split);
      reglab::Json e = reglab::Json::object();
      e.set("loss", ev.loss);
      e.set("acc", ev.acc < 0 ? reglab::Json() : reglab::Json(ev.acc));
      summary.set(split, e);
    }
    std::cout << summary.dump() << "\n";
    return 0;
  } catch (const reglab::Error& e) {
    std::cerr << "reglab: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "reglab: " << e.what() << "\n";
    return 1;
  }
}
