#include "train/lr_schedule.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace reglab {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

double scheduled_lr(const LrScheduleSpec& s, double base_lr, int epoch, int total_epochs) {
  if (s.warmup > 0 && epoch < s.warmup) return base_lr * (epoch + 1) / s.warmup;
  const int e = epoch - (s.warmup > 0 ? s.warmup : 0);
  const int span = total_epochs - (s.warmup > 0 ? s.warmup : 0);
  if (s.kind == "constant") return base_lr;
  if (s.kind == "step") {
    const int step_size = s.stepSize > 0 ? s.stepSize : 1;
    return base_lr * std::pow(s.gamma, e / step_size);
  }
  if (s.kind == "cosine") {
    if (span <= 0) return base_lr;
    const double progress = std::min(1.0, static_cast<double>(e) / span);
    return s.minLr + (base_lr - s.minLr) * (1.0 + std::cos(kPi * progress)) / 2.0;
  }
  throw std::invalid_argument("unknown learning-rate schedule \"" + s.kind + "\"");
}

}  // namespace reglab
