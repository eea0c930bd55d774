// The benchmark workloads of the sequence models (issue 17's S1 and S2), forward + backward of one
// batch through the ops of this folder, so the native bench (cpp/bench/reglab_bench.cpp) and, later,
// the wasm bindings time exactly the same work:
//   S1 "transformer": token + position embedding → 1 Transformer encoder block (embed 32, 2 heads,
//                     MLP 128 = 4·embed, pre-LayerNorm, ReLU) → masked mean pooling → Dense 32 → 2
//   S2 "gru":         token embedding (32) → GRU (hidden 32) → masked mean pooling → Dense 32 → 2
//   "gru_ln":         S2 with the layer-normalized GRU
// Batch 32, lengths uniform in 1…24 with one sequence of 24 (so T = 24), vocabulary 1,000, dropout 0.
// No loss or optimizer step: the gradient of the logits is a fixed matrix (their cost is negligible).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "layers/dense.h"
#include "layers/sequence/embedding.h"
#include "layers/sequence/gru.h"
#include "layers/sequence/masked_mean_pooling.h"
#include "layers/sequence/position_embedding.h"
#include "layers/sequence/transformer_encoder_block.h"

namespace reglab {

class SequenceWorkload {
 public:
  // kind: "transformer" | "gru" | "gru_ln"; throws reglab::Error("bench.kind") otherwise.
  explicit SequenceWorkload(const std::string& kind, int batch = 32, int max_length = 24, int embed = 32,
                            uint64_t seed = 1);
  // Runs `batches` forward + backward passes (cycling over 4 pre-drawn batches).
  void run(int batches);
  double checksum() const;  // keeps the compiler from discarding the work
  int tokens_per_batch() const;

 private:
  struct Batch {
    std::vector<int> ids;
    Matrix mask;
  };
  std::string kind_;
  Rng rng_;
  std::vector<Batch> batches_;
  Matrix dlogits_;
  std::unique_ptr<Embedding> embedding_;
  std::unique_ptr<PositionEmbedding> positions_;
  std::unique_ptr<TransformerEncoderBlock> block_;
  std::unique_ptr<Gru> gru_;
  MaskedMeanPooling pooling_;
  std::unique_ptr<Dense> classifier_;
};

}  // namespace reglab
