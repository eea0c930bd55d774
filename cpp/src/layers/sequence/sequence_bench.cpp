#include "layers/sequence/sequence_bench.h"

#include <algorithm>

namespace reglab {

constexpr int kVocabulary = 1000;

SequenceWorkload::SequenceWorkload(const std::string& kind, int batch, int max_length, int embed, uint64_t seed)
    : kind_(kind), rng_(seed) {
  if (kind != "transformer" && kind != "gru" && kind != "gru_ln")
    throw Error("bench.kind", "unknown sequence workload '" + kind + "' (expected transformer, gru or gru_ln)");
  for (int k = 0; k < 4; ++k) {
    Batch b;
    b.ids.assign(static_cast<size_t>(batch) * max_length, 0);
    b.mask = Matrix::Zero(batch, max_length);
    for (int s = 0; s < batch; ++s) {
      const int length = s == 0 ? max_length : 1 + static_cast<int>(rng_.uniform_int(max_length));
      for (int t = 0; t < length; ++t) {
        b.ids[static_cast<size_t>(s) * max_length + t] = 1 + static_cast<int>(rng_.uniform_int(kVocabulary - 1));
        b.mask(s, t) = 1.0f;
      }
    }
    batches_.push_back(std::move(b));
  }
  embedding_ = std::make_unique<Embedding>(kVocabulary, embed, 0, rng_);
  if (kind == "transformer") {
    positions_ = std::make_unique<PositionEmbedding>(max_length, embed, rng_);
    TransformerBlockOptions o;
    o.embed = embed;
    o.heads = 2;
    o.ffn = 4 * embed;
    o.norm_first = true;
    block_ = std::make_unique<TransformerEncoderBlock>(o, rng_);
  } else {
    gru_ = std::make_unique<Gru>(embed, 32, kind == "gru_ln", rng_);
  }
  classifier_ = std::make_unique<Dense>(kind == "transformer" ? embed : 32, 2, Init::Xavier, rng_);
  dlogits_ = Matrix::Constant(batch, 2, 1.0f / static_cast<float>(batch));
  dlogits_.col(1) *= -1.0f;
}

void SequenceWorkload::run(int batches) {
  for (int i = 0; i < batches; ++i) {
    const Batch& b = batches_[static_cast<size_t>(i) % batches_.size()];
    const int T = static_cast<int>(b.mask.cols());
    const Matrix& tokens = embedding_->forward(b.ids);
    const Matrix& h = block_ ? block_->forward(positions_->forward(tokens, T), b.mask, Mode::Train, rng_)
                             : gru_->forward(tokens, b.mask, Mode::Train, rng_);
    classifier_->forward(pooling_.forward(h, b.mask, Mode::Train, rng_), Mode::Train, rng_);
    const Matrix& dh = pooling_.backward(classifier_->backward(dlogits_));
    const Matrix& dtokens = block_ ? block_->backward(dh) : gru_->backward(dh);
    if (positions_) positions_->backward(dtokens);
    embedding_->backward(dtokens);
  }
}

double SequenceWorkload::checksum() const { return embedding_->dtable.cast<double>().sum(); }

int SequenceWorkload::tokens_per_batch() const { return static_cast<int>(batches_[0].mask.sum()); }

}  // namespace reglab
