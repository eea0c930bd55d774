// The training loop of one run. Per minibatch:
//   gather → augment (noise, image, text, mixup/cutmix) → forward → data loss → backward
//   → penalty gradients (L1 subgradient, L2) → clip → optimizer step → L1 proximal step.
// After each epoch the data loss and accuracy of train and validation are measured in evaluation
// mode on the whole split (so dropout noise does not blur the curves), then divergence and early
// stopping are checked.
#include "reglab/experiment.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "analysis/weight_stats.h"
#include "augment/cutmix.h"
#include "augment/image.h"
#include "augment/mixup.h"
#include "augment/noise.h"
#include "augment/text.h"
#include "data/text_vectorizer.h"
#include "data/tokenizer.h"
#include "layers/dense.h"
#include "losses/label_smoothing.h"
#include "losses/loss.h"
#include "optim/optimizer.h"
#include "penalties/apply_penalties.h"
#include "reglab/error.h"
#include "regularize/clip_grad.h"
#include "train/early_stopping.h"
#include "train/lr_schedule.h"
#include "train/model.h"

namespace reglab {

namespace {

constexpr double kDivergenceFactor = 1e6;
constexpr int kSpectralRefineIterations = 5;  // loss > 1e6 × the first epoch's loss = diverged

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

Experiment::Experiment(const Spec& spec, const DataTexts& texts) : spec_(spec) {
  require_word_tables(spec_.augment.text);
  splits_ = build_splits(spec_, texts);
  if (!splits_.train.texts.empty() && is_sequence_model(spec_.model)) {
    tokenizer_ = std::make_unique<Tokenizer>();
    tokenizer_->fit(splits_.train.texts);  // the same vocabulary tokenize_splits built
  } else if (!splits_.train.texts.empty()) {
    bow_ = std::make_unique<BagOfWords>();
    bow_->fit(splits_.train.texts);  // the same vocabulary vectorize_splits built
  }
  build();
}

Experiment::~Experiment() = default;

int Experiment::inputs() const { return model_->inputs(); }
int Experiment::outputs() const { return model_->outputs(); }

void Experiment::build() {
  const Dataset& train = splits_.train;
  LossKind kind;
  if (spec_.loss.kind == "auto") {
    kind = train.is_classification() ? LossKind::SoftmaxCE : LossKind::MSE;
  } else {
    kind = parse_loss_kind(spec_.loss.kind, "loss.kind");
  }
  if (train.is_classification() && kind == LossKind::MSE)
    throw Error("loss.kind", "\"mse\" is for regression; this dataset has classes (use softmax_ce or bce_logits)");
  if (!train.is_classification() && kind != LossKind::MSE)
    throw Error("loss.kind", std::string("\"") + loss_name(kind) + "\" needs class labels; this dataset is a regression task (use mse)");
  if (spec_.loss.labelSmoothing > 0 && !train.is_classification())
    throw Error("loss.labelSmoothing", "label smoothing needs class labels; this dataset is a regression task");
  if (spec_.augment.mixupAlpha > 0 && !train.is_classification())
    throw Error("augment.mixup", "mixup mixes class labels; this dataset is a regression task");
  int outputs = train.is_classification() ? (kind == LossKind::BCEWithLogits && train.num_classes == 2 ? 1 : train.num_classes)
                                          : static_cast<int>(train.y.cols());

  // Bound the work so a tab cannot be frozen or run out of memory by one spec.
  const NetworkSize size = network_size(spec_.model, train, outputs);
  const bool flops_bound = spec_.model.kind == "cnn" || is_sequence_model(spec_.model);
  const char* shape_field = spec_.model.kind == "cnn"         ? "model.conv"
                            : spec_.model.kind == "transformer" ? "model.embed"
                                                                : "model.hidden";
  const double params = size.parameters;
  if (params > kMaxParameters)
    throw Error(shape_field, "the model is too large for the browser: " + format_number(params) + " parameters > " +
                                 format_number(kMaxParameters) + "; use fewer or narrower layers");
  const int samples = splits_.train.rows() + splits_.val.rows();
  if (flops_bound) {
    // Convolutions and sequence models cost far more per parameter than dense layers: their bound is on FLOPs.
    double work = size.forward_flops * samples;
    const bool cnn = spec_.model.kind == "cnn";
    if (work > kMaxConvWork)
      throw Error(shape_field, "model × data is too much work for the browser: " + format_number(size.forward_flops) +
                                   (cnn ? " FLOPs per image × " : " FLOPs per sequence × ") + std::to_string(samples) +
                                   (cnn ? " images = " : " sequences = ") + format_number(work) + " > " +
                                   format_number(kMaxConvWork) +
                                   (cnn ? " per epoch; use fewer filters, more pooling or fewer images (data.trainSize)"
                                        : " per epoch; use a narrower or shallower model, a shorter model.maxLength or "
                                          "fewer sentences (data.trainSize)"));
  } else {
    double work = params * samples;
    if (work > kMaxDataTimesModel)
      throw Error("model.hidden", "model × data is too large for the browser: " + format_number(params) + " parameters × " +
                                      std::to_string(samples) + " samples = " + format_number(work) + " > " +
                                      format_number(kMaxDataTimesModel) +
                                      "; use fewer or narrower layers or fewer samples");
  }
  // Batch norm drops a batch of one sample, so with one training sample it would never train.
  if (spec_.model.norm == "batch" && train.rows() < 2)
    throw Error(spec_.data.trainSize > 0 ? "data.trainSize" : !spec_.data.has_val() ? "data.valFraction"
                                        : spec_.data.kind == "csv"   ? "data.csv" : "data.x",
                "batch normalization needs at least 2 training samples, got " + std::to_string(train.rows()) +
                    "; use layer normalization to train on a single sample");

  Rng init_rng(spec_.seed, 0x1417);  // initial weights: the same for every run with this seed and shape
  model_ = make_network(spec_.model, spec_.regularization, train, outputs, init_rng);
  loss_ = std::make_unique<Loss>(kind);
  eval_loss_ = std::make_unique<Loss>(kind);
  optimizer_ = make_optimizer(spec_.optimizer);
  if (spec_.training.earlyStopping.enabled)
    early_ = std::make_unique<EarlyStopping>(spec_.training.earlyStopping.patience, spec_.training.earlyStopping.minDelta,
                                             spec_.training.earlyStopping.monitor == "val_acc");
  refresh_penalties();
  initial_weight_norm_ = weight_l2_norm(model_->params());
  rng_.reseed(spec_.seed, 0x7a1);
  predict_rng_.reseed(spec_.seed, 0x9ed1c7);
  order_.resize(train.rows());
  for (int i = 0; i < train.rows(); ++i) order_[i] = i;
}

void Experiment::make_targets(const Dataset& d, const int* rows, int n, Matrix& targets) const {
  if (d.is_classification()) {
    batch_labels_.resize(n);
    for (int i = 0; i < n; ++i) batch_labels_[i] = d.labels[rows[i]];
    float eps = static_cast<float>(spec_.loss.labelSmoothing);
    if (model_->outputs() == 1) {  // binary cross-entropy on one logit: target = P(class 1)
      targets.resize(n, 1);
      for (int i = 0; i < n; ++i) targets(i, 0) = batch_labels_[i] == 1 ? 1.0f - eps / 2 : eps / 2;
    } else {
      smoothed_targets(batch_labels_, d.num_classes, eps, targets);
    }
  } else {
    targets.resize(n, d.y.cols());
    for (int i = 0; i < n; ++i) targets.row(i) = d.y.row(rows[i]);
  }
}

void Experiment::gather_batch(const std::vector<int>& order, int begin, int end) {
  const Dataset& train = splits_.train;
  const int n = end - begin;
  batch_rows_.assign(order.begin() + begin, order.begin() + end);
  if (!train.texts.empty() && spec_.augment.text.enabled()) {
    batch_texts_.resize(n);
    for (int i = 0; i < n; ++i) batch_texts_[i] = augment_text(train.texts[batch_rows_[i]], spec_.augment.text, rng_);
    if (tokenizer_)
      token_rows(*tokenizer_, batch_texts_, train.features(), xb_);
    else
      bow_->transform(batch_texts_, xb_);
  } else {
    xb_.resize(n, train.features());
    for (int i = 0; i < n; ++i) xb_.row(i) = train.x.row(batch_rows_[i]);
  }
  make_targets(train, batch_rows_.data(), n, tb_);
}

// λ per dense layer: the spec's l1/l2 with per-layer overrides (regularization.layers).
void Experiment::refresh_penalties() {
  const RegularizationSpec& r = spec_.regularization;
  penalties_.assign(model_->weight_layers(), WeightPenalty{r.l1, r.l2});
  for (size_t i = 0; i < r.layers.size() && i < penalties_.size(); ++i) {
    if (r.layers[i].l1 >= 0) penalties_[i].l1 = r.layers[i].l1;
    if (r.layers[i].l2 >= 0) penalties_[i].l2 = r.layers[i].l2;
  }
  gradient_penalties_ = penalties_;
  if (r.l1Mode == "proximal")
    for (auto& p : gradient_penalties_) p.l1 = 0;  // L1 acts through the proximal step instead
}

void Experiment::train_epoch() {
  const Dataset& train = splits_.train;
  const int n = train.rows();
  const int bs = std::min(spec_.training.batchSize, n);
  const float lr = static_cast<float>(
      scheduled_lr(spec_.training.lrSchedule, spec_.optimizer.lr, epoch_, spec_.training.epochs));
  if (spec_.training.shuffle) rng_.shuffle(order_);
  grad_norm_sum_ = grad_norm_pre_sum_ = 0;
  step_loss_sum_ = 0;
  steps_in_epoch_ = 0;
  step_rows_in_epoch_ = 0;
  const bool batch_norm = spec_.model.norm == "batch";
  const RegularizationSpec& reg = spec_.regularization;
  const AugmentSpec& aug = spec_.augment;
  const bool proximal_l1 = reg.l1Mode == "proximal";
  for (int begin = 0; begin < n; begin += bs) {
    int end = std::min(n, begin + bs);
    // Batch norm cannot normalize one sample: a trailing batch of 1 is dropped (as PyTorch's
    // drop_last would), never turned into NaN.
    if (batch_norm && end - begin < 2) break;
    gather_batch(order_, begin, end);
    if (aug.noise > 0) add_input_noise(xb_, static_cast<float>(aug.noise), rng_);
    if (aug.image.enabled() && train.image_h > 0) augment_images(xb_, train.image_h, train.image_w, aug.image, rng_);
    const Matrix* x = &xb_;
    const Matrix* t = &tb_;
    bool use_mixup = aug.mixupAlpha > 0, use_cutmix = aug.cutmixAlpha > 0 && train.image_h > 0;
    if ((use_mixup || use_cutmix) && rng_.bernoulli(aug.mixProbability)) {
      std::vector<int> perm = rng_.permutation(end - begin);
      // With both on, each batch picks one of them at random (as timm does).
      if (use_cutmix && (!use_mixup || rng_.bernoulli(0.5))) {
        float lam = sample_mix_lambda(aug.cutmixAlpha, rng_);
        CutMixBox box = cutmix_box(train.image_h, train.image_w, lam, rng_);
        cutmix(xb_, train.image_h, train.image_w, tb_, perm, box, xmix_, tmix_);
      } else {
        float lam = sample_mix_lambda(aug.mixupAlpha, rng_);
        mixup(xb_, tb_, lam, perm, xmix_, tmix_);
      }
      x = &xmix_;
      t = &tmix_;
    }
    model_->zero_grad();
    const Matrix& out = model_->forward(*x, Mode::Train, rng_);
    // The loss being optimized, as the network computed it in training mode: weighted by rows so
    // that stepLoss is a per-sample mean like trainLoss.
    step_loss_sum_ += static_cast<double>(loss_->forward(out, *t)) * (end - begin);
    step_rows_in_epoch_ += end - begin;
    model_->backward(loss_->backward());
    apply_penalties(model_->params(), gradient_penalties_);
    float pre = grad_global_norm(model_->params());
    float post = pre;
    if (reg.clipNorm > 0) {
      clip_grad_norm(model_->params(), static_cast<float>(reg.clipNorm));
      post = std::min(pre, static_cast<float>(reg.clipNorm));
    }
    if (reg.clipValue > 0) {
      clip_grad_value(model_->params(), static_cast<float>(reg.clipValue));
      post = grad_global_norm(model_->params());
    }
    grad_norm_pre_sum_ += pre;
    grad_norm_sum_ += post;
    ++steps_in_epoch_;
    optimizer_->step(model_->params(), lr);
    if (proximal_l1) apply_l1_proximal(model_->params(), penalties_, lr);
  }
}

Evaluation Experiment::evaluate(const std::string& split) {
  const Dataset* d = split == "train" ? &splits_.train : split == "val" ? &splits_.val : split == "test" ? &splits_.test : nullptr;
  if (!d) throw Error("split", "must be train, val or test, got \"" + split + "\"");
  Evaluation e;
  if (d->rows() == 0) {
    e.loss = NAN;
    return e;
  }
  // Evaluate in chunks so memory stays bounded for big splits. The evaluation loss has its own
  // buffers (chunk shapes differ from minibatch shapes) and uses hard targets: label smoothing
  // is a training device, not part of what is measured.
  const int chunk = eval_chunk_rows();
  double loss_sum = 0;
  int correct = 0;
  Matrix& xc = eval_x_;
  Matrix& hard = eval_targets_;
  Rng unused(0);
  for (int begin = 0; begin < d->rows(); begin += chunk) {
    int end = std::min(d->rows(), begin + chunk);
    int n = end - begin;
    // A split that fits in one chunk is evaluated in place (no copy of its rows).
    const Matrix* x = &d->x;
    if (n != d->rows()) {
      xc = d->x.middleRows(begin, n);
      x = &xc;
    }
    const Matrix& out = model_->forward(*x, Mode::Eval, unused);
    if (d->is_classification()) {
      if (model_->outputs() == 1) {
        hard.resize(n, 1);
        for (int i = 0; i < n; ++i) hard(i, 0) = d->labels[begin + i] == 1 ? 1.0f : 0.0f;
      } else {
        eval_labels_.assign(d->labels.begin() + begin, d->labels.begin() + end);
        smoothed_targets(eval_labels_, d->num_classes, 0.0f, hard);
      }
    } else {
      hard = d->y.middleRows(begin, n);
    }
    loss_sum += static_cast<double>(eval_loss_->forward(out, hard)) * n;
    if (d->is_classification()) {
      for (int i = 0; i < n; ++i) {
        int pred;
        if (out.cols() == 1) {
          pred = out(i, 0) > 0 ? 1 : 0;
        } else {
          Eigen::Index arg;
          out.row(i).maxCoeff(&arg);
          pred = static_cast<int>(arg);
        }
        correct += pred == d->labels[begin + i];
      }
    }
  }
  e.loss = loss_sum / d->rows();
  if (d->is_classification()) e.acc = static_cast<double>(correct) / d->rows();
  return e;
}

std::vector<double> Experiment::layer_sigmas() const {
  return model_->layer_sigmas();
}

EpochRecord Experiment::finish_epoch() {
  // Spectral norm: converge σ̂ for the weights the epoch ended with before they are evaluated.
  if (spec_.regularization.spectralNorm)
    model_->refine_spectral_norm(kSpectralRefineIterations);
  EpochRecord r;
  r.epoch = epoch_;
  Evaluation tr = evaluate("train"), va = evaluate("val");
  r.trainLoss = tr.loss;
  r.valLoss = va.loss;
  r.trainAcc = tr.acc;
  r.valAcc = va.acc;
  r.stepLoss = step_rows_in_epoch_ ? step_loss_sum_ / step_rows_in_epoch_ : NAN;
  r.penalty = weight_penalty(model_->params(), penalties_);
  r.weightNorm = weight_l2_norm(model_->params());
  r.gradNorm = steps_in_epoch_ ? grad_norm_sum_ / steps_in_epoch_ : 0;
  r.gradNormPreClip = steps_in_epoch_ ? grad_norm_pre_sum_ / steps_in_epoch_ : 0;
  r.lr = scheduled_lr(spec_.training.lrSchedule, spec_.optimizer.lr, epoch_ - 1, spec_.training.epochs);
  r.zeroFraction = zero_fraction(model_->params());
  r.sigma = layer_sigmas();
  r.time = train_ms_;
  r.changed = changed_;
  changed_ = false;

  bool finite = std::isfinite(r.trainLoss) && std::isfinite(r.valLoss) && std::isfinite(r.weightNorm);
  if (initial_loss_ < 0 && finite) initial_loss_ = std::max(r.trainLoss, 1e-12);
  // Diverged: a loss or the weights are no longer finite, the loss exploded, or the weights
  // exploded while the loss saturated (cross-entropy can stay finite as the weights run away).
  bool exploded = (initial_loss_ > 0 && r.trainLoss > kDivergenceFactor * initial_loss_) ||
                  r.weightNorm > kDivergenceFactor * std::max(initial_weight_norm_, 1.0);
  if (!finite || exploded) {
    r.diverged = true;
    stop_reason_ = "diverged";
    return r;
  }
  const EarlyStoppingSpec& es = spec_.training.earlyStopping;
  double monitored = es.monitor == "val_acc" ? r.valAcc : r.valLoss;
  if (early_) {
    r.best = early_->update(epoch_ - 1, monitored);
    if (r.best) {
      best_epoch_ = epoch_;
      if (es.restoreBest) snapshot_best();
    }
    if (early_->should_stop()) {
      stop_reason_ = "early_stopping";
      if (es.restoreBest && !best_weights_.empty()) restore_best();
    }
  } else {
    // Without early stopping, still track the best validation epoch for the charts.
    bool better = best_epoch_ == 0 ||
                  (es.monitor == "val_acc" ? monitored > history_[best_epoch_ - 1].valAcc
                                           : monitored < history_[best_epoch_ - 1].valLoss);
    if (better) {
      best_epoch_ = epoch_;
      r.best = true;
    }
  }
  if (stop_reason_.empty() && epoch_ >= spec_.training.epochs) stop_reason_ = "max_epochs";
  return r;
}

std::vector<EpochRecord> Experiment::step(int epochs) {
  std::vector<EpochRecord> out;
  for (int k = 0; k < epochs && !done(); ++k) {
    double t0 = now_ms();
    ++epoch_;
    train_epoch();
    train_ms_ += now_ms() - t0;
    EpochRecord r = finish_epoch();
    history_.push_back(r);
    out.push_back(r);
  }
  return out;
}

// Rows per evaluation or prediction chunk: at most 1,024, fewer when one sample's activations are
// large (a CNN's feature maps), so that a chunk keeps about 16 M floats (64 MB) of them.
int Experiment::eval_chunk_rows() const {
  const double per_sample = std::max(1.0, model_->activation_floats());
  return static_cast<int>(std::clamp(16e6 / per_sample, 16.0, 1024.0));
}

Matrix Experiment::predict(const float* x, int rows, Mode mode) {
  if (rows < 0 || rows > kMaxSamples) throw Error("rows", "must be in [0, " + std::to_string(kMaxSamples) + "], got " + std::to_string(rows));
  Eigen::Map<const Matrix> in(x, rows, inputs());
  Matrix probs(rows, 0), chunk_probs;
  const int chunk = eval_chunk_rows();
  for (int begin = 0; begin < rows; begin += chunk) {
    const int n = std::min(chunk, rows - begin);
    Matrix xin = in.middleRows(begin, n);
    // Prediction-time dropout draws from its own stream, so looking at a run (MC-dropout bands,
    // train-mode passes) never changes how it trains.
    const Matrix& out = model_->forward(xin, Mode::Eval, predict_rng_, mode == Mode::Train);
    loss_->output_transform(out, chunk_probs);
    if (begin == 0) probs.resize(rows, chunk_probs.cols());
    probs.middleRows(begin, n) = chunk_probs;
  }
  return probs;
}

void Experiment::mc_predict(const float* x, int rows, int passes, Matrix& mean, Matrix& variance) {
  if (passes < 1 || passes > 1000) throw Error("passes", "must be in [1, 1000], got " + std::to_string(passes));
  MatrixD sum, sum_sq;
  for (int k = 0; k < passes; ++k) {
    Matrix p = predict(x, rows, Mode::Train);
    MatrixD pd = p.cast<double>();
    if (k == 0) {
      sum = pd;
      sum_sq = pd.cwiseProduct(pd);
    } else {
      sum += pd;
      sum_sq += pd.cwiseProduct(pd);
    }
  }
  MatrixD m = sum / passes;
  mean = m.cast<float>();
  variance = (sum_sq / passes - m.cwiseProduct(m)).cwiseMax(0.0).cast<float>();
}

std::vector<NamedTensor> Experiment::weights() const {
  std::vector<NamedTensor> out;
  for (const auto& t : model_->tensors()) {
    NamedTensor n;
    n.name = t.name;
    n.shape = !t.shape.empty() ? t.shape : std::vector<int>{static_cast<int>(t.value->rows()), static_cast<int>(t.value->cols())};
    n.data.assign(t.value->data(), t.value->data() + t.value->size());
    n.trainable = t.trainable;
    out.push_back(std::move(n));
  }
  return out;
}

void Experiment::set_weights(const std::vector<NamedTensor>& tensors) {
  for (const auto& n : tensors) {
    bool found = false;
    for (const auto& t : model_->tensors()) {
      if (t.name != n.name) continue;
      found = true;
      const std::vector<int> want =
          !t.shape.empty() ? t.shape : std::vector<int>{static_cast<int>(t.value->rows()), static_cast<int>(t.value->cols())};
      auto str = [](const std::vector<int>& v) {
        std::string s = "[";
        for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
        return s + "]";
      };
      if (n.shape != want || n.data.size() != static_cast<size_t>(t.value->size()))
        throw Error("weights." + n.name, "has shape " + str(n.shape) + " and " + std::to_string(n.data.size()) +
                                             " values, expected shape " + str(want));
      for (float v : n.data)
        if (!std::isfinite(v)) throw Error("weights." + n.name, "contains a non-finite value");
      std::copy(n.data.begin(), n.data.end(), t.value->data());
    }
    if (!found) throw Error("weights." + n.name, "no such tensor in this model");
  }
}

void Experiment::snapshot_best() { best_weights_ = weights(); }
void Experiment::restore_best() { set_weights(best_weights_); }

void Experiment::update(const Json& partial) {
  if (!partial.is_object()) throw Error("", "an update must be a JSON object");
  // Merge partial into the canonical spec (objects recursively, everything else replaced).
  std::function<void(Json&, const Json&)> merge = [&](Json& into, const Json& from) {
    for (const auto& kv : from.as_object()) {
      const Json* cur = into.find(kv.first);
      if (cur && cur->is_object() && kv.second.is_object()) {
        Json child = *cur;
        merge(child, kv.second);
        into.set(kv.first, child);
      } else {
        into.set(kv.first, kv.second);
      }
    }
  };
  Json before = spec_to_json(spec_);
  Json merged = before;
  merge(merged, partial);
  // What may change mid-run is declared with each field (cpp/src/spec/fields.cpp); the error
  // names the field the person changed.
  check_mid_run_change(before, merged);
  Spec next = parse_spec(merged);
  Json after = spec_to_json(next);
  if (next.training.epochs < epoch_)
    throw Error("training.epochs", "must be at least the epochs already run (" + std::to_string(epoch_) + "), got " +
                                       std::to_string(next.training.epochs));
  // A new learning rate takes effect at the next step; other optimizer settings (momentum, β, decay)
  // need a fresh optimizer, whose moment estimates start again from zero.
  Json opt_before = before["optimizer"], opt_after = after["optimizer"];
  opt_before.set("lr", 0);
  opt_after.set("lr", 0);
  bool optimizer_changed = opt_before.dump() != opt_after.dump();
  spec_ = next;
  model_->set_dropout(spec_.model);
  refresh_penalties();
  if (optimizer_changed) optimizer_ = make_optimizer(spec_.optimizer);
  if (stop_reason_ == "max_epochs" && epoch_ < spec_.training.epochs) stop_reason_.clear();
  changed_ = true;
}

}  // namespace reglab
