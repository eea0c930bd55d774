// What a run reports after every epoch. Losses are the data loss without the penalty, measured in
// evaluation mode on the whole split after the epoch's updates; the penalty is reported apart.
//
// The record schema is declared once, in kRecordSchema (records.cpp): the JSON (to_json), the
// packed form the bindings hand to JS (web/engine/reglab.js unpacks it by the same schema, read
// from describe().records), the typings (types/records.gen.d.ts) and the CSV export all follow it.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "reglab/json.h"

namespace reglab {

struct EpochRecord {
  int epoch = 0;                   // 1-based
  double trainLoss = 0, valLoss = 0;
  double trainAcc = -1, valAcc = -1;   // −1 = not a classification task (serialized as null)
  double stepLoss = 0;             // mean loss of the epoch's training steps, in training mode (see records.cpp)
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

enum class RecordType {
  Integer,  // a count (epoch)
  Metric,   // a float32 quantity; null when not finite (and the losses and accuracies when diverged)
  Millis,   // a duration in ms, rounded to the µs
  Boolean,  // always present
  Flag,     // present (true) only when set
  Metrics,  // one metric per dense layer
};

struct RecordField {
  const char* name;
  RecordType type;
  bool nullable;     // null in an ordinary run (accuracies of a regression task)
  const char* help;
  double (*value)(const EpochRecord&);  // the field as a number: NaN = null, booleans 0/1 (not for Metrics)
};

extern const RecordField kRecordSchema[];
extern const size_t kRecordSchemaSize;

// The schema for describe(): [{name, type, nullable, help}].
Json describe_records();

}  // namespace reglab
