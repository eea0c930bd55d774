// Early stopping on a validation metric (Keras / Lightning semantics).
#pragma once

namespace reglab {

// best = +∞ (minimize, e.g. val loss) or −∞ (maximize, e.g. val accuracy); wait = 0.
// Each epoch: improved = value < best − min_delta (minimize) or value > best + min_delta (maximize),
// STRICTLY, so a tie is not an improvement and epoch 0 always improves.
// improved: best = value, best_epoch = epoch, wait = 0;  else wait += 1, and training stops after
// this epoch once wait ≥ patience. With min_delta > 0, best/best_epoch are the last SIGNIFICANT
// improvement, not the best value seen. A NaN value is never an improvement.
class EarlyStopping {
 public:
  EarlyStopping(int patience, double min_delta, bool maximize);
  // Records the metric after `epoch` (0-based). Returns true if this epoch is a significant
  // improvement (the weights to keep for restore-best).
  bool update(int epoch, double value);
  bool should_stop() const { return stopped_; }
  int stop_epoch() const { return stop_epoch_; }     // −1 until should_stop()
  int best_epoch() const { return best_epoch_; }     // −1 before the first update
  double best_value() const { return best_; }
  int epochs_without_improvement() const { return wait_; }
  void reset();

 private:
  int patience_;
  double min_delta_;
  bool maximize_;
  double best_;
  int best_epoch_ = -1, wait_ = 0, stop_epoch_ = -1;
  bool stopped_ = false;
};

}  // namespace reglab
