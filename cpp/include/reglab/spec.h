// The experiment spec: one plain JSON object describes a whole run (data, model, loss,
// regularization, optimizer, augmentation, training). parse_spec() is the one place where a spec
// is validated: unknown fields, wrong types and out-of-range values throw reglab::Error naming
// the field path and the bad value. Defaults fill what is omitted. Each field is declared once,
// in cpp/src/spec/fields.cpp (parsing, canonical JSON, description and mid-run policy).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "reglab/json.h"

namespace reglab {

constexpr int kSpecVersion = 1;

struct DataSpec {
  std::string kind = "moons";   // moons circles spiral xor gaussians sine inline csv digits wine breast_cancer sentiment fashion_mnist
                                // sentiment_corpus brackets majority
  int n = 200;                  // samples to generate (synthetic kinds)
  double noise = 0.2;           // generator noise (std of Gaussian jitter)
  double labelFlip = 0.0;       // fraction of labels flipped at random (classification generators)
  int classes = 2;              // spiral / gaussians: number of classes
  double valFraction = 0.3;
  double testFraction = 0.0;
  int trainSize = 0;            // 0 = all remaining; else keep only this many training samples
  int seed = -1;                // data seed; -1 = use the run seed
  bool standardize = true;      // tabular features standardized with training statistics
  // inline data
  std::vector<std::vector<double>> x;
  std::vector<double> y;        // labels (classification) or targets (regression)
  std::string task = "auto";    // auto | classification | regression (inline / csv)
  // csv text (last column = label unless labelColumn names another)
  std::string csv;
  std::string labelColumn;
  // Explicit validation and test data, in the form of the training data (inline rows or CSV
  // text). Given sets are used as they are; valFraction / testFraction then split only what is
  // not given (see docs/spec.md, "Explicit validation and test data").
  std::vector<std::vector<double>> valX, testX;
  std::vector<double> valY, testY;
  std::string valCsv, testCsv;
  // Inline and CSV rows that are images: [C, H, W], each row C·H·W values, channel-major (empty = not images).
  std::vector<int> imageShape;
  // Inline rows of token ids for a sequence model: the vocabulary's size (ids 0 … vocabulary − 1,
  // 0 = padding; each row model.maxLength ids); 0 = the rows are features.
  int vocabulary = 0;
  // Generated token sequences (brackets, majority): lengths drawn uniformly in [minLength, maxLength].
  int minLength = 2, maxLength = 24;
  bool has_val() const { return !valX.empty() || !valCsv.empty(); }
  bool has_test() const { return !testX.empty() || !testCsv.empty(); }
};

// Whether inline labels are classes: task "classification", or "auto" with every label a whole
// number in [0, 1000). The one rule for data.y and the explicit validation and test labels.
bool inline_is_classification(const DataSpec& d);
// Whether the rows are images a convolutional model can read: digits (1×8×8), fashion_mnist
// (1×28×28), or inline/CSV rows with data.imageShape.
inline bool has_images(const DataSpec& d) {
  return d.kind == "digits" || d.kind == "fashion_mnist" || !d.imageShape.empty();
}
// Whether the rows are sentences (text augmentation rewrites them; a sequence model reads their
// token ids, the MLP their bag of words) and whether they are token sequences a sequence model can
// read (the sentences, or the generated tasks, which are ids only).
inline bool has_texts(const DataSpec& d) { return d.kind == "sentiment" || d.kind == "sentiment_corpus"; }
inline bool is_sequence_task(const DataSpec& d) { return d.kind == "brackets" || d.kind == "majority"; }
inline bool has_tokens(const DataSpec& d) {
  return has_texts(d) || is_sequence_task(d) || (d.kind == "inline" && d.vocabulary > 0);
}

// One convolutional block of model.conv: Conv2D(filters, kernel, stride, padding) → norm → activation
// → pooling (pool × pool window, stride pool; 0 or 1 = none) → channel dropout (model.convDropout).
// In JSON a number n is {"filters": n} with the other fields at these defaults.
struct ConvBlockSpec {
  int filters = 16;
  int kernel = 3;
  int stride = 1;
  std::string padding = "same";   // same | valid
  int pool = 2;
  std::string poolKind = "max";   // max | avg
  bool operator==(const ConvBlockSpec& o) const {
    return filters == o.filters && kernel == o.kernel && stride == o.stride && padding == o.padding && pool == o.pool &&
           poolKind == o.poolKind;
  }
};

struct ModelSpec {
  std::string kind = "mlp";              // mlp | cnn | transformer | gru
  std::vector<ConvBlockSpec> conv;       // cnn: the convolutional blocks, before the dense head `hidden`
  double convDropout = 0.0;              // cnn: channel dropout (Dropout2d) rate after each conv block
  std::vector<int> hidden = {64, 64};
  std::string activation = "relu";       // relu leaky_relu tanh sigmoid gelu gelu_tanh identity
  std::string init = "auto";             // auto (He for relu-like, Xavier otherwise) | he | xavier
  double inputDropout = 0.0;
  std::vector<double> dropout;           // one per hidden layer (a number in JSON = every layer)
  std::string norm = "none";             // none | batch | layer
  std::string normPlacement = "pre";     // pre | post (before / after the activation)
  double normMomentum = 0.1;             // weight of the new batch in the running statistics
  double normEps = 1e-5;
  // Sequence models (transformer, gru) on token ids, train/sequence_model.h. The GRU's layers are
  // model.hidden (one GRU layer per width, model.dropout after each); the Transformer's residual
  // branches take model.dropout (one rate) and its blocks' norm order model.normPlacement.
  int embed = 32;                        // token embedding width (the Transformer's model width)
  int heads = 2;                         // transformer: attention heads (divide embed)
  int blocks = 1;                        // transformer: encoder blocks
  int ffn = 64;                          // transformer: width of each block's MLP
  int maxLength = 32;                    // tokens kept per sequence (longer ones are cut); position table rows
  double attentionDropout = 0.0;         // transformer: dropout on the attention weights
  std::string batchNormPadding = "masked";  // norm "batch": statistics over real tokens (masked) | every position (included)
};
inline bool is_sequence_model(const ModelSpec& m) { return m.kind == "transformer" || m.kind == "gru"; }

struct LossSpec {
  std::string kind = "auto";             // auto | softmax_ce | bce_logits | mse
  double labelSmoothing = 0.0;
};

struct LayerPenalty {                    // per-layer override of the penalties (null = inherit)
  double l1 = -1, l2 = -1;
};

struct RegularizationSpec {
  double l1 = 0.0;                       // λ Σ|W|
  double l2 = 0.0;                       // (λ/2) Σ W²  (gradient λW)
  std::string l1Mode = "subgradient";    // subgradient | proximal
  std::vector<LayerPenalty> layers;      // optional, one per Dense layer
  double clipNorm = 0.0;                 // 0 = off; global L2 norm θ
  double clipValue = 0.0;                // 0 = off
  bool spectralNorm = false;
  int spectralIterations = 1;
};

struct OptimizerSpec {
  std::string kind = "adam";             // sgd momentum nesterov adam adamw
  double lr = 0.01;
  double momentum = 0.9;
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  double weightDecay = 0.0;              // adamw: decoupled; others: coupled unless decoupled = true
  bool decoupled = false;                // SGDW-style decoupled decay for sgd/momentum/nesterov/adam
};

struct ImageAugSpec {
  double shift = 0;        // max pixels translated in each direction
  bool flip = false;       // horizontal flip with probability 0.5
  double rotate = 0;       // max degrees
  double scale = 0;        // max relative zoom (0.1 = ±10 %)
  double brightness = 0;   // max additive change (fraction of the pixel range)
  double contrast = 0;     // max relative contrast change
  double noise = 0;        // Gaussian pixel noise σ (fraction of the pixel range)
  double blur = 0;         // probability of a 3×3 box blur
  int cutout = 0;          // side of the erased square (0 = off)
  double probability = 1;  // chance that an image is augmented at all
  bool enabled() const {
    return shift > 0 || flip || rotate > 0 || scale > 0 || brightness > 0 || contrast > 0 || noise > 0 ||
           blur > 0 || cutout > 0;
  }
};

struct TextAugSpec {
  double synonym = 0;      // probability per word of synonym replacement
  double insert = 0;       // fraction of words: random insertion of a synonym
  double swap = 0;         // fraction of words: random swaps
  double deletion = 0;     // probability per word of deletion
  double backTranslate = 0;// probability per sentence of EN → FR → EN back-translation
  bool enabled() const { return synonym > 0 || insert > 0 || swap > 0 || deletion > 0 || backTranslate > 0; }
};

struct AugmentSpec {
  double noise = 0;                // Gaussian input noise σ (any dataset)
  double mixupAlpha = 0;           // 0 = off; λ ~ Beta(α, α)
  double cutmixAlpha = 0;          // 0 = off (images only)
  double mixProbability = 1;       // chance a batch is mixed when mixup/cutmix is on
  ImageAugSpec image;
  TextAugSpec text;
};

struct EarlyStoppingSpec {
  bool enabled = false;
  int patience = 20;
  double minDelta = 0;
  std::string monitor = "val_loss";  // val_loss | val_acc
  bool restoreBest = true;
};

struct LrScheduleSpec {
  std::string kind = "constant";   // constant | step | cosine
  int stepSize = 100;              // step: epochs between decays
  double gamma = 0.5;              // step: factor per decay
  double minLr = 0;                // cosine: floor
  int warmup = 0;                  // linear warm-up epochs
};

struct TrainingSpec {
  int epochs = 300;
  int batchSize = 32;
  bool shuffle = true;
  EarlyStoppingSpec earlyStopping;
  LrScheduleSpec lrSchedule;
};

struct Spec {
  int version = kSpecVersion;
  uint32_t seed = 1;
  DataSpec data;
  ModelSpec model;
  LossSpec loss;
  RegularizationSpec regularization;
  OptimizerSpec optimizer;
  AugmentSpec augment;
  TrainingSpec training;
  std::string name;               // free label shown by the UI
};

// Validates and fills defaults. Throws reglab::Error(path, message) on the first problem.
Spec parse_spec(const Json& j);
Spec parse_spec_text(const std::string& text);
// The canonical JSON of a spec (every field, defaults filled): parse_spec(to_json(s)) == s.
Json spec_to_json(const Spec& s);
// Every field with its type, default, range/choices, label, help line and policy (midRun, shared,
// UI hints), the limits, the techniques and the record schema: what tools/spec-gen.mjs turns into
// docs/spec.md, types/spec.gen.d.ts and web/state/fields.gen.js.
Json describe_spec();
// Throws Error(path, "cannot change during a run ...") for the first field that differs between
// the canonical spec of a run and `merged` (that spec with an update merged in) and is not
// declared as changeable mid-run.
void check_mid_run_change(const Json& before, const Json& merged);

// Limits that keep a run inside the browser's means (documented in docs/spec.md).
constexpr int kMaxSamples = 200000;
constexpr int kMaxFeatures = 4096;
constexpr int kMaxLayerWidth = 2048;
constexpr int kMaxHiddenLayers = 12;
constexpr int kMaxConvBlocks = 8;
constexpr int kMaxConvFilters = 256;
// Convolutional networks: forward FLOPs of one sample × (training + validation samples), a bound on
// the work of an epoch (the backward is about twice the forward: ≈ 9e10 FLOP, a few seconds in wasm).
constexpr double kMaxConvWork = 3e10;
constexpr int kMaxEpochs = 100000;
constexpr double kMaxDataTimesModel = 8e8;  // samples × parameters, a bound on work per epoch (≲ ½ s in wasm)
constexpr int kMinSamples = 4;              // a training and a validation sample, at the least
constexpr double kMaxParameters = 5e6;      // weights + biases: bounds the model's memory (×4 bytes ×~6 copies)
constexpr double kMaxDataValues = 1e7;      // samples × features of a dataset: bounds the data's memory

}  // namespace reglab
