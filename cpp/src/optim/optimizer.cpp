#include "optim/optimizer.h"

#include <stdexcept>
#include <string>

#include "optim/adam.h"
#include "optim/adamw.h"
#include "optim/sgd.h"
#include "reglab/error.h"

namespace reglab {

std::unique_ptr<Optimizer> make_optimizer(const OptimizerSpec& spec) {
  const float wd = static_cast<float>(spec.weightDecay);
  const float mu = static_cast<float>(spec.momentum);
  if (spec.kind == "sgd") return std::make_unique<SGD>(0.0f, false, wd, spec.decoupled);
  if (spec.kind == "momentum") return std::make_unique<SGD>(mu, false, wd, spec.decoupled);
  if (spec.kind == "nesterov" && !(spec.momentum > 0))
    throw Error("optimizer.momentum", "Nesterov momentum needs momentum > 0, got " + format_number(spec.momentum));
  if (spec.kind == "nesterov") return std::make_unique<SGD>(mu, true, wd, spec.decoupled);
  const float b1 = static_cast<float>(spec.beta1), b2 = static_cast<float>(spec.beta2);
  const float eps = static_cast<float>(spec.eps);
  if (spec.kind == "adam") return std::make_unique<Adam>(b1, b2, eps, wd, spec.decoupled);
  if (spec.kind == "adamw") return std::make_unique<AdamW>(b1, b2, eps, wd);
  throw Error("optimizer.kind",
              "unknown optimizer \"" + spec.kind + "\" (expected sgd, momentum, nesterov, adam or adamw)");
}

bool ensure_state(Matrix& state, const Matrix& param) {
  if (state.size() == 0) {
    state.setZero(param.rows(), param.cols());
    return true;
  }
  if (state.rows() != param.rows() || state.cols() != param.cols())
    throw std::logic_error("optimizer: parameter shapes changed between steps (reset() the optimizer)");
  return false;
}

}  // namespace reglab
