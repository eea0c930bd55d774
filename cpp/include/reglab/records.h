// What a run reports after every epoch. Losses are the data loss without the penalty, measured in
// evaluation mode on the whole split after the epoch's updates; the penalty is reported apart.
#pragma once
#include <string>
#include <vector>

#include "reglab/json.h"

namespace reglab {

struct EpochRecord {
  int epoch = 0;                   // 1-based
  double trainLoss = 0, valLoss = 0;
  double trainAcc = -1, valAcc = -1;   // −1 = not a classification task (serialized as null)
  double penalty = 0;              // value of the weight penalty term at the end of the epoch
  double weightNorm = 0;           // ‖W‖ over all weight matrices (biases and norm params excluded)
  double gradNorm = 0;             // mean global gradient norm over the epoch's steps, after clipping
  double gradNormPreClip = 0;      // the same before clipping
  double lr = 0;                   // learning rate used in this epoch
  double zeroFraction = 0;         // fraction of weights that are exactly 0
  std::vector<double> sigma;       // largest singular value of each dense layer's effective weight
  double time = 0;                 // ms of training since the run started
  bool best = false;               // the monitored validation value is the best so far
  bool changed = false;            // settings were changed (run.update) before this epoch
  bool diverged = false;           // loss became NaN/Inf or exploded: losses are null

  Json to_json() const;
};

}  // namespace reglab
