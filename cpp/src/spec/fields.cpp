// Every field of the experiment spec, declared once (see fields.h for what a declaration does).
// To add a field: add it to its struct in reglab/spec.h and one line here; the parser, the
// canonical JSON, docs/spec.md, types/spec.gen.d.ts and web/state/fields.gen.js follow
// (`node tools/spec-gen.mjs`). docs/adding-a-technique.md walks through a whole technique.
#include "spec/fields.h"

namespace reglab {

namespace {

constexpr const char* kDataKinds[] = {"moons", "circles", "spiral", "xor", "gaussians", "sine", "inline",
                                      "csv", "digits", "wine", "breast_cancer", "sentiment", "fashion_mnist",
                                      "sentiment_corpus", "brackets", "majority"};
constexpr const char* kModelKinds[] = {"mlp", "cnn", "transformer", "gru"};
constexpr const char* kBatchNormPadding[] = {"masked", "included"};
constexpr const char* kTasks[] = {"auto", "classification", "regression"};
constexpr const char* kActivations[] = {"relu", "leaky_relu", "tanh", "sigmoid", "gelu", "gelu_tanh", "identity"};
constexpr const char* kInits[] = {"auto", "he", "xavier"};
constexpr const char* kNorms[] = {"none", "batch", "layer"};
constexpr const char* kNormPlacements[] = {"pre", "post"};
constexpr const char* kLossKinds[] = {"auto", "softmax_ce", "bce_logits", "mse"};
constexpr const char* kL1Modes[] = {"subgradient", "proximal"};
constexpr const char* kOptimizers[] = {"sgd", "momentum", "nesterov", "adam", "adamw"};
constexpr const char* kMonitors[] = {"val_loss", "val_acc"};
constexpr const char* kSchedules[] = {"constant", "step", "cosine"};

void visit_data(SpecVisitor& v, DataSpec& d) {
  // Every data field is shared: the runs of a lesson compare on the same data.
  v.choice("kind", d.kind, kDataKinds, {"Dataset",
           "Which data to learn: 2-D toy sets, 1-D sine regression, real tabular/image/text sets, or your own.", kShared | kDataPanel});
  v.integer("n", d.n, closed(kMinSamples, kMaxSamples), {"Samples",
            "How many points the generator draws (before the train/validation split).", kShared | kDataPanel, {20, 2000}});
  v.number("noise", d.noise, closed(0, 5), {"Noise",
           "Standard deviation of the Gaussian jitter added by the generator: more noise, more to overfit.", kShared | kDataPanel, {0, 1.5}});
  v.number("labelFlip", d.labelFlip, half_open(0, 0.5), {"Label noise", "Fraction of training labels flipped at random.",
           kShared | kDataPanel, {0, 0.45}});
  v.integer("classes", d.classes, closed(2, 10), {"Classes",
            "Number of classes (spiral, gaussians); with inline labels, the least number of classes (outputs), "
            "for labels that leave out a class.", kShared | kDataPanel});
  v.number("valFraction", d.valFraction, half_open(0.05, 0.95), {"Validation fraction",
           "Share of the data held out to measure generalization (not used when data.valX or data.valCsv gives the validation set).", kShared | kDataPanel, {0.05, 0.9}});
  v.number("testFraction", d.testFraction, half_open(0, 0.9), {"Test fraction",
           "Share of the data kept aside as a final test set (0 = none; not used when data.testX or data.testCsv gives it).", kShared});
  v.integer("trainSize", d.trainSize, closed(0, kMaxSamples), {"Training samples",
            "Keep only this many training samples (0 = all), also of explicitly given training rows. Small training sets make overfitting visible.", kShared | kDataPanel, {0, 1500}});
  v.integer("seed", d.seed, closed(-1, 2147483647), {"Data seed",
            "Seed of the data draw and split (-1 = the run's seed); change it to redraw the sample.", kShared, {-1, 9999}});
  v.boolean("standardize", d.standardize, {"Standardize", "Standardize tabular features with training-split mean and std.", kShared});
  v.choice("task", d.task, kTasks, {"Task",
           "For inline and CSV data: classification or regression (auto: integer labels = classes).", kShared});
  v.string("labelColumn", d.labelColumn, 200, {"Label column", "CSV column holding the label (default: the last).", kShared});
  v.string("csv", d.csv, 64u << 20, {"CSV text", "Your own data as CSV text: numeric feature columns and a label column.", kShared});
  v.string("valCsv", d.valCsv, 64u << 20, {"Validation CSV",
           "Explicit validation samples as CSV text with the columns of data.csv (as many, the same names when "
           "both files have a header, the label column by the same rule); replaces valFraction like data.valX.", kShared});
  v.string("testCsv", d.testCsv, 64u << 20, {"Test CSV",
           "Explicit test samples as CSV text with the columns of data.csv; replaces testFraction like data.testX.", kShared});
  v.rows("x", d.x, 0, "row 0", {"Inline rows",
         "Your own training samples (data.kind \"inline\"): an array of rows of numbers, all of one width.", kShared});
  v.values("y", d.y, {"Inline labels", "One label per row of data.x: a class index (0, 1, ...) or a regression target.", kShared});
  // Explicit validation and test data: as wide as data.x (read first).
  const size_t width = d.x.empty() ? 0 : d.x[0].size();
  v.rows("valX", d.valX, width, "data.x", {"Validation rows",
         "Explicit validation samples, as wide as data.x. When a validation set is given (valX or valCsv), "
         "valFraction is not used: every given training row trains (unless testFraction or trainSize, which "
         "act only on the training rows, take some away), and valLoss/valAcc measure exactly these rows.", kShared});
  v.values("valY", d.valY, {"Validation labels", "One label per row of data.valX; each class must appear in data.y.", kShared});
  v.rows("testX", d.testX, width, "data.x", {"Test rows",
         "Explicit test samples, as wide as data.x. When given (testX or testCsv), testFraction is not used; "
         "without them testFraction still splits a test set off the training rows. A test set may be given "
         "without a validation set: valFraction then splits the validation set off the training rows.", kShared});
  v.values("testY", d.testY, {"Test labels", "One label per row of data.testX; each class must appear in data.y.", kShared});
  v.shape("imageShape", d.imageShape, 3, closed(1, 512), {"Image shape",
          "[C, H, W] when the inline or CSV rows are images: each row holds C·H·W values, channel-major "
          "(PyTorch's x.flatten(1) of an N×C×H×W batch), so a convolutional model can read them.", kShared});
  v.integer("vocabulary", d.vocabulary, closed(0, 100000), {"Token vocabulary",
            "Inline rows of token ids for a sequence model (transformer, gru): the number of ids (0 = padding, 1 = "
            "unknown word, then the words); each row holds model.maxLength ids, padded with 0. 0 = the rows are features.",
            kShared});
  v.integer("minLength", d.minLength, closed(1, 1000), {"Shortest sequence",
            "brackets, majority: the generated sequences' lengths are uniform in [minLength, maxLength] (brackets: even lengths).",
            kShared, {1, 64}});
  v.integer("maxLength", d.maxLength, closed(1, 1000), {"Longest sequence",
            "brackets, majority: the longest generated sequence; at most model.maxLength, so no sequence is cut.",
            kShared, {2, 128}});
}

void visit_model(SpecVisitor& v, ModelSpec& m) {
  v.choice("kind", m.kind, kModelKinds, {"Model",
           "mlp: dense layers on the features; cnn: convolutional blocks (model.conv) on images, then the dense layers; "
           "transformer, gru: sequence models on the tokens of text data (token embedding → encoder blocks or GRU "
           "layers → pooling → a dense classifier)."});
  v.blocks("conv", m.conv, {"Convolutional blocks",
           "cnn only: one entry per block, Conv2D → norm → activation → pooling → channel dropout. A number n means "
           "{\"filters\": n, \"kernel\": 3, \"stride\": 1, \"padding\": \"same\", \"pool\": 2}; an object overrides "
           "any of these (pool 0 or 1 = no pooling; poolKind \"max\" or \"avg\")."});
  v.number("convDropout", m.convDropout, half_open(0, 1), {"Channel dropout",
           "cnn only: probability of dropping a whole feature map after each conv block (Dropout2d, survivors × 1/(1−p)).",
           kMidRun, {0, 0.9}});
  v.widths("hidden", m.hidden, closed(1, kMaxLayerWidth), {"Hidden layers",
           "Width of each hidden layer; more and wider layers = more capacity to overfit. gru: the hidden state of "
           "each GRU layer; transformer: not used."});
  v.choice("activation", m.activation, kActivations, {"Activation", "Non-linearity after each hidden layer."});
  v.choice("init", m.init, kInits, {"Initialization",
           "He (for ReLU-like) or Xavier/Glorot (for tanh/sigmoid) initial weights; auto picks by activation."});
  v.number("inputDropout", m.inputDropout, half_open(0, 1), {"Input dropout",
           "Probability of dropping each input feature in training (0.2 is typical for inputs); transformer, gru: "
           "dropout on the token (+ position) embeddings.", kMidRun, {0, 0.9}});
  v.rates("dropout", m.dropout, m.hidden.size(), half_open(0, 1), {"Dropout",
          "Probability p of dropping each hidden unit in training (inverted dropout: survivors × 1/(1−p)); one number or one per hidden layer. "
          "gru: after each GRU layer; transformer: one rate, on the residual branches and the blocks' MLP.",
          kMidRun, {0, 0.9}});
  v.choice("norm", m.norm, kNorms, {"Normalization",
           "Batch norm (statistics over the batch) or layer norm (over each sample's features) in every hidden layer. "
           "transformer: in every block; gru: layer = the layer-normalized GRU (Ba et al. 2016), batch = batch norm "
           "over batch × positions after each GRU layer."});
  v.choice("normPlacement", m.normPlacement, kNormPlacements, {"Norm placement",
           "Normalize before the activation (pre, as in the original paper) or after it (post). transformer: "
           "pre-norm (before attention and the MLP, the residual path never normalized) or post-norm (after each "
           "residual sum, the 2017 paper)."});
  v.number("normMomentum", m.normMomentum, positive(1), {"Norm momentum",
           "Weight of the new batch in batch norm's running mean/variance (PyTorch convention, 0.1)."});
  v.number("normEps", m.normEps, closed(1e-12, 1), {"Norm ε", "Added to the variance before the square root."});
  v.choice("batchNormPadding", m.batchNormPadding, kBatchNormPadding, {"Padding in batch norm",
           "transformer, gru with norm \"batch\": statistics over the real tokens only (masked) or over every "
           "position including padding (included), which shifts them with the lengths in the batch."});
  v.integer("embed", m.embed, closed(1, 1024), {"Embedding width",
            "transformer, gru: the width of each token's learned vector (the Transformer's model width)."});
  v.integer("heads", m.heads, closed(1, 64), {"Attention heads", "transformer: heads of self-attention; must divide model.embed."});
  v.integer("blocks", m.blocks, closed(1, kMaxHiddenLayers), {"Encoder blocks",
            "transformer: encoder blocks, each self-attention and an MLP with residuals."});
  v.integer("ffn", m.ffn, closed(1, kMaxLayerWidth), {"MLP width", "transformer: hidden width of each block's MLP (often 4 × embed)."});
  v.integer("maxLength", m.maxLength, closed(1, 512), {"Max length",
            "transformer, gru: tokens kept per sequence (a longer sentence is cut at the end); the Transformer learns one "
            "position vector per place."});
  v.number("attentionDropout", m.attentionDropout, half_open(0, 1), {"Attention dropout",
           "transformer: probability of dropping each attention weight in training (survivors × 1/(1−p)).", kMidRun, {0, 0.9}});
}

void visit_loss(SpecVisitor& v, LossSpec& l) {
  v.choice("kind", l.kind, kLossKinds, {"Loss",
           "auto: softmax cross-entropy for classes, MSE for regression; bce_logits for 2 classes with one output."});
  v.number("labelSmoothing", l.labelSmoothing, half_open(0, 1), {"Label smoothing ε",
           "Targets become (1−ε)·one-hot + ε/K: discourages over-confident predictions.", kMidRun, {0, 0.5}});
}

void visit_regularization(SpecVisitor& v, RegularizationSpec& g) {
  v.number("l1", g.l1, closed(0, 100), {"L1 λ", "Adds λ·Σ|W| to the loss: pushes weights to exactly zero (sparsity).", kMidRun | kLogScale});
  v.number("l2", g.l2, closed(0, 100), {"L2 λ", "Adds (λ/2)·Σ W² to the loss (gradient λW): shrinks all weights.", kMidRun | kLogScale});
  v.choice("l1Mode", g.l1Mode, kL1Modes, {"L1 update",
           "subgradient: add λ·sign(W) to the gradient; proximal: soft-threshold after each step (exact zeros)."});
  v.number("clipNorm", g.clipNorm, closed(0, 1e6), {"Clip norm θ", "Rescale the whole gradient to global L2 norm ≤ θ (0 = off).",
           kMidRun | kLogScale});
  v.number("clipValue", g.clipValue, closed(0, 1e6), {"Clip value", "Clamp every gradient element to [−c, c] (0 = off).", kMidRun | kLogScale});
  v.toggle("spectralNorm", g.spectralNorm, {"Spectral norm", "Divide each weight matrix by its largest singular value σ(W)."});
  v.enter("spectralNorm", "regularization");
  v.integer("iterations", g.spectralIterations, closed(1, 50), {"Power iterations",
            "Power-iteration steps per training step to estimate σ(W).", 0, {1, 10}});
  v.leave();
  v.penalties("layers", g.layers, {"Per-layer penalties", "Overrides of l1/l2 for each dense layer (null = inherit)."});
}

void visit_optimizer(SpecVisitor& v, OptimizerSpec& o) {
  v.choice("kind", o.kind, kOptimizers, {"Optimizer",
           "sgd, SGD with (Nesterov) momentum, Adam, or AdamW (Adam with decoupled weight decay)."});
  v.number("lr", o.lr, positive(100), {"Learning rate", "Step size α of each update.", kMidRun | kLogScale, {1e-4, 10}});
  v.number("momentum", o.momentum, half_open(0, 1), {"Momentum μ", "Momentum of SGD (momentum / nesterov).", kMidRun, {0, 0.99}});
  v.number("beta1", o.beta1, half_open(0, 1), {"Adam β1", "Decay of Adam's first-moment average."});
  v.number("beta2", o.beta2, half_open(0, 1), {"Adam β2", "Decay of Adam's second-moment average."});
  v.number("eps", o.eps, closed(1e-12, 1), {"Adam ε", "Added to √v̂ in Adam's denominator."});
  v.number("weightDecay", o.weightDecay, closed(0, 10), {"Weight decay λ",
           "AdamW: decoupled W ← (1 − αλ)W before the step; others: λW added to the gradient (like L2) unless decoupled.",
           kMidRun | kLogScale});
  v.boolean("decoupled", o.decoupled, {"Decoupled decay",
            "Apply weight decay as W ← (1 − αλ)W (SGDW) instead of through the gradient."});
}

// mixup and CutMix keep "off" as α = 0 in AugmentSpec; the block's α keeps its default meanwhile.
void visit_mix(SpecVisitor& v, const char* key, double& alpha_or_off, double default_alpha, const Meta& toggle, const Meta& alpha) {
  bool on = alpha_or_off > 0;
  double a = on ? alpha_or_off : default_alpha;
  v.toggle(key, on, toggle);
  v.enter(key, "augment");
  v.number("alpha", a, positive(100), alpha);
  v.leave();
  alpha_or_off = on ? a : 0;
}

void visit_augment(SpecVisitor& v, AugmentSpec& a) {
  v.number("noise", a.noise, closed(0, 10), {"Input noise σ", "Gaussian noise added to every training input, fresh each batch.",
           kMidRun, {0, 1}});
  visit_mix(v, "mixup", a.mixupAlpha, 0.2,
            {"Mixup", "Train on convex mixes λx_i + (1−λ)x_j of pairs, with the same mix of labels."},
            {"Mixup α", "λ ~ Beta(α, α); small α = mostly light mixes."});
  visit_mix(v, "cutmix", a.cutmixAlpha, 1.0,
            {"CutMix", "Paste a random box from another image; labels mixed by the pasted area."},
            {"CutMix α", "λ ~ Beta(α, α) sets the box area (1 − λ)."});
  v.number("mixProbability", a.mixProbability, closed(0, 1), {"Mix probability",
           "Chance that a batch is mixed when mixup or CutMix is on."});
  v.enter("image", "augment");
  ImageAugSpec& i = a.image;
  v.number("shift", i.shift, closed(0, 8), {"Shift (px)", "Random translation up to this many pixels."});
  v.boolean("flip", i.flip, {"Horizontal flip", "Mirror images left–right half of the time (wrong for digits!)."});
  v.number("rotate", i.rotate, closed(0, 180), {"Rotation (°)", "Random rotation up to ± this many degrees."});
  v.number("scale", i.scale, closed(0, 0.9), {"Scale", "Random zoom by up to ± this fraction."});
  v.number("brightness", i.brightness, closed(0, 1), {"Brightness", "Random additive brightness change."});
  v.number("contrast", i.contrast, closed(0, 1), {"Contrast", "Random relative contrast change."});
  v.number("noise", i.noise, closed(0, 1), {"Pixel noise σ", "Gaussian noise on pixels."});
  v.number("blur", i.blur, closed(0, 1), {"Blur probability", "Chance of a 3×3 box blur."});
  v.integer("cutout", i.cutout, closed(0, 64), {"Cutout (px)", "Erase a random square of this side (0 = off)."});
  v.number("probability", i.probability, closed(0, 1), {"Augment probability", "Chance each image is augmented."});
  v.leave();
  v.enter("text", "augment");
  TextAugSpec& x = a.text;
  v.number("synonym", x.synonym, closed(0, 1), {"Synonym replacement", "Chance each word is replaced by a synonym."});
  v.number("insert", x.insert, closed(0, 1), {"Random insertion", "Insert synonyms of random words (fraction of length)."});
  v.number("swap", x.swap, closed(0, 1), {"Random swap", "Swap random word pairs (fraction of length)."});
  v.number("delete", x.deletion, closed(0, 1), {"Random deletion", "Chance each word is deleted."});
  v.number("backTranslate", x.backTranslate, closed(0, 1), {"Back-translation",
           "Chance a sentence goes English → French → English through word tables."});
  v.leave();
}

void visit_training(SpecVisitor& v, TrainingSpec& t) {
  // The budget is shared (the runs of a lesson compare over the same epochs); raising it mid-run
  // extends the run.
  v.integer("epochs", t.epochs, closed(1, kMaxEpochs), {"Epochs", "Passes over the training set (the budget).",
            kShared | kMidRun | kDataPanel, {1, 2000}});
  v.integer("batchSize", t.batchSize, closed(1, 65536), {"Batch size", "Samples per gradient step.", 0, {1, 512}});
  v.boolean("shuffle", t.shuffle, {"Shuffle", "Reshuffle the training set every epoch."});
  EarlyStoppingSpec& e = t.earlyStopping;
  v.toggle("earlyStopping", e.enabled, {"Early stopping", "Stop when the validation metric has not improved for `patience` epochs."});
  v.enter("earlyStopping", "training");
  v.integer("patience", e.patience, closed(1, kMaxEpochs), {"Patience", "Epochs without improvement before stopping.", 0, {1, 200}});
  v.number("minDelta", e.minDelta, closed(0, 1e6), {"Min Δ", "An improvement must beat the best by more than this.", kLogScale});
  v.choice("monitor", e.monitor, kMonitors, {"Monitor", "Validation loss (min) or accuracy (max)."});
  v.boolean("restoreBest", e.restoreBest, {"Restore best", "Return the weights of the best epoch."});
  v.leave();
  v.enter("lrSchedule", "training");
  LrScheduleSpec& l = t.lrSchedule;
  v.choice("kind", l.kind, kSchedules, {"LR schedule", "Constant, step decay, or cosine annealing."});
  v.integer("stepSize", l.stepSize, closed(1, kMaxEpochs), {"Step size", "Epochs between decays (step)."});
  v.number("gamma", l.gamma, positive(1), {"Decay factor", "Learning rate × γ at each step (step)."});
  v.number("minLr", l.minLr, closed(0, 100), {"Min LR", "Floor of the cosine schedule.", kLogScale});
  v.integer("warmup", l.warmup, closed(0, kMaxEpochs), {"Warm-up", "Epochs of linear warm-up."});
  v.leave();
}

}  // namespace

void visit_spec(SpecVisitor& v, Spec& s) {
  v.integer("version", s.version, closed(1, 1000), {"Spec version", "Format version of the spec."});
  if (v.reading()) check_version(s.version);
  int seed = static_cast<int>(s.seed);
  v.integer("seed", seed, closed(0, 2147483647), {"Seed",
            "Seeds weights, data, splits, shuffling, dropout and augmentation: same seed, same curves.", kShared | kDataPanel, {0, 9999}});
  s.seed = static_cast<uint32_t>(seed);
  v.string("name", s.name, 200, {"Name", "A label for this run."});
  v.enter("data", "data");
  visit_data(v, s.data);
  v.leave();
  if (v.reading()) check_data(s.data, v);
  v.enter("model", "model");
  visit_model(v, s.model);
  v.leave();
  v.enter("loss", "loss");
  visit_loss(v, s.loss);
  v.leave();
  v.enter("regularization", "regularization");
  visit_regularization(v, s.regularization);
  v.leave();
  v.enter("optimizer", "optimizer");
  visit_optimizer(v, s.optimizer);
  v.leave();
  v.enter("augment", "augment");
  visit_augment(v, s.augment);
  v.leave();
  v.enter("training", "training");
  visit_training(v, s.training);
  v.leave();
}

// The techniques of the course module and the spec fields that switch each on. tests/js/
// technique_coverage.test.js checks that each has controls, a preset, a PyTorch-export mapping
// and a behaviour test.
Json describe_techniques() {
  struct T {
    const char* id;
    const char* name;
    const char* lesson;
    std::vector<const char*> fields;
    const char* summary;
  };
  const std::vector<T> list = {
      {"l2", "L2 penalty", "6.2", {"regularization.l2", "regularization.layers"}, "(λ/2)·ΣW² added to the loss: all weights shrink."},
      {"l1", "L1 penalty", "6.2", {"regularization.l1", "regularization.l1Mode", "regularization.layers"}, "λ·Σ|W|: weights pushed to exactly zero."},
      {"elastic_net", "ElasticNet", "6.2", {"regularization.l1", "regularization.l2"}, "L1 and L2 together."},
      {"weight_decay", "Decoupled weight decay", "6.2", {"optimizer.kind", "optimizer.weightDecay", "optimizer.decoupled"}, "W ← (1 − αλ)W outside the gradient (AdamW, SGDW)."},
      {"dropout", "Dropout", "6.3", {"model.dropout", "model.inputDropout"}, "Drop units with probability p in training; survivors scaled by 1/(1−p)."},
      {"batch_norm", "Batch normalization", "6.4", {"model.norm", "model.normPlacement", "model.normMomentum"}, "Normalize each feature over the batch; running statistics at inference."},
      {"layer_norm", "Layer normalization", "6.5", {"model.norm", "model.normPlacement"}, "Normalize each sample over its features: independent of batch size."},
      {"early_stopping", "Early stopping", "6.6", {"training.earlyStopping"}, "Stop when validation stops improving; restore the best weights."},
      {"augmentation", "Data augmentation", "6.7", {"augment.noise", "augment.image", "augment.text"}, "Train on transformed copies of the data."},
      {"mixup", "Mixup", "6.7", {"augment.mixup"}, "Train on convex mixes of pairs and of their labels."},
      {"cutmix", "CutMix", "6.7", {"augment.cutmix"}, "Paste a box from another image; mix labels by area."},
      {"label_smoothing", "Label smoothing", "6.8", {"loss.labelSmoothing"}, "Soft targets (1−ε)·one-hot + ε/K against over-confidence."},
      {"gradient_clipping", "Gradient clipping", "6.8", {"regularization.clipNorm", "regularization.clipValue"}, "Bound the gradient's norm or values against explosions."},
      {"spectral_norm", "Spectral normalization", "6.8", {"regularization.spectralNorm"}, "Divide each weight by its largest singular value: Lipschitz ≤ 1."},
      {"lr_schedule", "Learning-rate schedule", "6.9", {"training.lrSchedule"}, "Constant, step or cosine learning rate."},
  };
  Json out = Json::array();
  for (const auto& t : list) {
    Json j = Json::object();
    j.set("id", t.id);
    j.set("name", t.name);
    j.set("lesson", t.lesson);
    Json f = Json::array();
    for (const char* p : t.fields) f.push_back(p);
    j.set("fields", f);
    j.set("summary", t.summary);
    out.push_back(j);
  }
  return out;
}

}  // namespace reglab
