// The spec of a PyTorch end-to-end fixture run (cnn_end_to_end, transformer_end_to_end): the
// caller's `spec` (model, loss, optimizer kind, inline data settings) with the fixture's rows as
// training and validation data (valX = x: every row trains and is measured), its L2 λ, learning
// rate and momentum (when it has one), and one full-batch step per epoch for `steps` epochs.
#pragma once
#include "reglab/json.h"

namespace reglab::testing {

inline Json full_batch_fixture_spec(Json spec, const Json& in) {
  Json data = spec["data"];
  data.set("x", in["x"]);
  data.set("y", in["labels"]);
  data.set("valX", in["x"]);
  data.set("valY", in["labels"]);
  spec.set("data", data);
  Json reg = Json::object();
  reg.set("l2", in["l2_lambda"]);
  spec.set("regularization", reg);
  Json opt = spec["optimizer"];
  opt.set("lr", in["lr"]);
  if (in.contains("momentum")) opt.set("momentum", in["momentum"]);
  spec.set("optimizer", opt);
  Json training = spec["training"];
  training.set("epochs", in["steps"]);
  training.set("batchSize", static_cast<double>(in["x"].size()));
  spec.set("training", training);
  return spec;
}

}  // namespace reglab::testing
