// Learning-rate schedules, one value per epoch.
#pragma once
#include "reglab/spec.h"

namespace reglab {

// e = epoch (0-based), E = total_epochs, W = s.warmup.
// warm-up (e < W):  lr = base·(e + 1)/W   (linear; reaches base at the last warm-up epoch)
// after warm-up the schedule runs on e' = e − W over E' = E − W epochs:
//   constant:  lr = base
//   step:      lr = base·γ^⌊e'/stepSize⌋
//   cosine:    lr = minLr + (base − minLr)·(1 + cos(π·e'/E'))/2   (base at e' = 0, minLr at e' = E')
// Throws std::invalid_argument for an unknown kind (the spec parser rejects those first).
double scheduled_lr(const LrScheduleSpec& s, double base_lr, int epoch, int total_epochs);

}  // namespace reglab
