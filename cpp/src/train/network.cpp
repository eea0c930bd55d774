// make_network and network_size: the one place that maps model.kind to a network class.
//
// The engine is built twice for the web (CMakeLists.txt): reglab.wasm with every kind, and
// reglab-core.wasm, where this file and train/model.cpp are compiled with REGLAB_ENGINE_CORE, with
// only the mlp: without the sequence models and the convolutional layers the linker leaves ~120 KB
// (36 KB Brotli) out, which is what the lab's first load (the MLP lessons) needs. The spec still
// declares every kind, so the core engine validates a cnn or transformer spec like any other and
// refuses it here, in words naming model.kind; web/engine/engine_modules.js picks the module a spec
// needs (engineFor) before loading either.
#include "reglab/error.h"
#include "train/model.h"
#ifndef REGLAB_ENGINE_CORE
#include "train/sequence_model.h"
#endif

namespace reglab {

namespace {
#ifdef REGLAB_ENGINE_CORE
void require_core_kind(const ModelSpec& spec) {
  if (spec.kind != "mlp")
    throw Error("model.kind", "\"" + spec.kind + "\" is not in the core engine (reglab-core.wasm trains mlp only); "
                              "load the full engine (reglab.wasm) for convolutional and sequence models");
}
#endif
}  // namespace

NetworkSize network_size(const ModelSpec& spec, const Dataset& train, int outputs) {
#ifdef REGLAB_ENGINE_CORE
  require_core_kind(spec);
#else
  if (is_sequence_model(spec)) return sequence_network_size(spec, static_cast<int>(train.vocabulary.size()), outputs);
#endif
  return model_network_size(spec, train, outputs);
}

std::unique_ptr<Network> make_network(const ModelSpec& spec, const RegularizationSpec& reg, const Dataset& train,
                                      int outputs, Rng& init_rng) {
#ifdef REGLAB_ENGINE_CORE
  require_core_kind(spec);
#else
  if (is_sequence_model(spec))
    return std::make_unique<SequenceModel>(spec, reg, static_cast<int>(train.vocabulary.size()), outputs, init_rng);
#endif
  return std::make_unique<Model>(spec, reg, train.features(), outputs, init_rng, train.image_channels, train.image_h,
                                 train.image_w);
}

}  // namespace reglab
