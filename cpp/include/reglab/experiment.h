// A run of one experiment spec: the data, the model, the optimizer and the training loop.
// Everything random comes from the spec's seed, so the same spec gives the same records.
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "reglab/assemble.h"
#include "reglab/dataset.h"
#include "reglab/json.h"
#include "reglab/records.h"
#include "reglab/rng.h"
#include "reglab/spec.h"
#include "reglab/tensor.h"

namespace reglab {

class Network;
class Loss;
class Optimizer;
class EarlyStopping;
class BagOfWords;
class Tokenizer;
struct WeightPenalty;  // penalties/apply_penalties.h: the vectors below are only used in experiment.cpp

struct NamedTensor {
  std::string name;   // "dense1.W", "conv1.W", "norm1.running_var", ...
  // The tensor's shape as PyTorch has it: [rows, cols], or [out, in, kh, kw] for a conv weight
  // (its values are that tensor's row-major flatten: stored out × in·kh·kw).
  std::vector<int> shape;
  std::vector<float> data;
  bool trainable = true;
};

struct Evaluation {
  double loss = 0;
  double acc = -1;  // −1 for regression
};

class Experiment {
 public:
  Experiment(const Spec& spec, const DataTexts& texts);
  ~Experiment();
  Experiment(const Experiment&) = delete;
  Experiment& operator=(const Experiment&) = delete;

  // Trains up to `epochs` more epochs (fewer when the run stops) and returns their records.
  std::vector<EpochRecord> step(int epochs);

  bool done() const { return !stop_reason_.empty(); }
  const std::string& stop_reason() const { return stop_reason_; }  // "" | max_epochs | early_stopping | diverged
  int epoch() const { return epoch_; }
  int best_epoch() const { return best_epoch_; }                   // 0 before the first epoch
  const std::vector<EpochRecord>& history() const { return history_; }
  const Spec& spec() const { return spec_; }
  const Splits& splits() const { return splits_; }
  int inputs() const;
  int outputs() const;

  // Outputs for `rows` samples (row-major, inputs() features each): probabilities for
  // classification, values for regression. Mode::Train keeps dropout on (fresh masks each call)
  // but normalization layers use their running statistics and nothing is updated.
  Matrix predict(const float* x, int rows, Mode mode);
  // Monte-Carlo dropout: mean and variance over K training-mode passes.
  void mc_predict(const float* x, int rows, int passes, Matrix& mean, Matrix& variance);
  Evaluation evaluate(const std::string& split);

  std::vector<NamedTensor> weights() const;
  void set_weights(const std::vector<NamedTensor>& tensors);

  // Changes settings mid-run: `partial` is merged into the spec. Only the fields declared mid-run
  // (cpp/src/spec/fields.cpp: lr, momentum, weight decay, penalties, clipping, dropout, label
  // smoothing, input noise, the epoch budget) may differ; any other change throws an Error naming
  // the field, and nothing is changed.
  void update(const Json& partial);

 private:
  int eval_chunk_rows() const;
  void build();
  void train_epoch();
  EpochRecord finish_epoch();
  void gather_batch(const std::vector<int>& order, int begin, int end);
  void refresh_penalties();
  void snapshot_best();
  void restore_best();
  std::vector<double> layer_sigmas() const;
  void make_targets(const Dataset& d, const int* rows, int n, Matrix& targets) const;

  Spec spec_;
  Splits splits_;
  std::unique_ptr<Network> model_;
  std::unique_ptr<Loss> loss_, eval_loss_;
  std::unique_ptr<Optimizer> optimizer_;
  std::unique_ptr<EarlyStopping> early_;
  std::unique_ptr<BagOfWords> bow_;  // text data: the training vocabulary
  std::unique_ptr<Tokenizer> tokenizer_;  // text data for a sequence model: the training vocabulary
  Rng rng_;              // training stream: shuffling, dropout, augmentation
  Rng predict_rng_;      // dropout in predict(mode = Train) and mc_predict
  int epoch_ = 0, best_epoch_ = 0;
  std::string stop_reason_;
  std::vector<EpochRecord> history_;
  std::vector<NamedTensor> best_weights_;
  std::vector<WeightPenalty> penalties_;           // λ per dense layer (values reported)
  std::vector<WeightPenalty> gradient_penalties_;  // the same, less L1 when it is proximal
  double initial_loss_ = -1;
  double initial_weight_norm_ = 0;
  bool changed_ = false;
  double train_ms_ = 0;
  // per-epoch accumulators
  double grad_norm_sum_ = 0, grad_norm_pre_sum_ = 0, step_loss_sum_ = 0;
  int steps_in_epoch_ = 0, step_rows_in_epoch_ = 0;
  // preallocated batch buffers
  Matrix xb_, tb_, xmix_, tmix_, eval_x_, eval_targets_;
  Labels eval_labels_;
  std::vector<int> order_, batch_rows_;
  mutable Labels batch_labels_;
  std::vector<std::string> batch_texts_;
};

}  // namespace reglab
