#include "train/early_stopping.h"

#include <limits>

namespace reglab {

EarlyStopping::EarlyStopping(int patience, double min_delta, bool maximize)
    : patience_(patience), min_delta_(min_delta), maximize_(maximize) {
  reset();
}

void EarlyStopping::reset() {
  const double inf = std::numeric_limits<double>::infinity();
  best_ = maximize_ ? -inf : inf;
  best_epoch_ = -1;
  wait_ = 0;
  stop_epoch_ = -1;
  stopped_ = false;
}

// improved ⇔ value < best − δ (min) / value > best + δ (max); stop once wait ≥ patience.
bool EarlyStopping::update(int epoch, double value) {
  const bool improved = maximize_ ? value > best_ + min_delta_ : value < best_ - min_delta_;
  if (improved) {
    best_ = value;
    best_epoch_ = epoch;
    wait_ = 0;
    return true;
  }
  ++wait_;
  if (wait_ >= patience_ && !stopped_) {
    stopped_ = true;
    stop_epoch_ = epoch;
  }
  return false;
}

}  // namespace reglab
