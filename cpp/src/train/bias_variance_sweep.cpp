#include "reglab/bias_variance_sweep.h"

#include <cmath>

#include "analysis/bias_variance.h"
#include "reglab/error.h"
#include "reglab/experiment.h"

namespace reglab {

Json bias_variance_sweep(const Spec& base, const Json& options) {
  if (base.data.kind != "sine") throw Error("data.kind", "the bias–variance sweep uses 1-D sine regression (data.kind \"sine\")");
  if (!options.is_object() && !options.is_null()) throw Error("options", "must be an object");
  int K = options.contains("K") ? static_cast<int>(options["K"].as_number()) : 20;
  int T = options.contains("grid") ? static_cast<int>(options["grid"].as_number()) : 64;
  if (K < 2 || K > 200) throw Error("options.K", "must be in [2, 200], got " + std::to_string(K));
  if (T < 2 || T > 1000) throw Error("options.grid", "must be in [2, 1000], got " + std::to_string(T));
  std::vector<std::vector<int>> capacities;
  if (options.contains("capacities")) {
    const Json& c = options["capacities"];
    if (!c.is_array() || c.size() == 0) throw Error("options.capacities", "must be a non-empty array of hidden-layer lists");
    for (size_t i = 0; i < c.size(); ++i) {
      if (!c[i].is_array()) throw Error("options.capacities[" + std::to_string(i) + "]", "must be an array of widths");
      std::vector<int> h;
      for (size_t k = 0; k < c[i].size(); ++k) h.push_back(static_cast<int>(c[i][k].as_number()));
      capacities.push_back(h);
    }
  } else {
    capacities = {{1}, {2}, {4}, {8}, {16}, {32, 32}, {64, 64}};
  }
  // The test grid and the true function f(x) = sin(2πx) (the generator's, without noise).
  std::vector<double> x_test(T), f_test(T);
  std::vector<float> grid(T);
  for (int t = 0; t < T; ++t) {
    x_test[t] = (t + 0.5) / T;
    f_test[t] = std::sin(2 * M_PI * x_test[t]);
    grid[t] = static_cast<float>(x_test[t]);
  }
  Json out = Json::array();
  for (size_t c = 0; c < capacities.size(); ++c) {
    std::vector<std::vector<double>> predictions;
    double train_mse = 0;
    for (int k = 0; k < K; ++k) {
      Spec s = base;
      s.model.hidden = capacities[c];
      s.model.dropout.assign(capacities[c].size(), 0.0);
      s.data.seed = static_cast<int>(base.seed * 1000u + static_cast<uint32_t>(k));  // draw k of the training set
      s.data.standardize = false;  // keep x in [0, 1] so the grid means the same to every model
      s.regularization.layers.clear();
      Experiment run(parse_spec(spec_to_json(s)), {});
      run.step(s.training.epochs);
      train_mse += run.evaluate("train").loss;
      Matrix p = run.predict(grid.data(), T, Mode::Eval);
      std::vector<double> row(T);
      for (int t = 0; t < T; ++t) row[t] = p(t, 0);
      predictions.push_back(std::move(row));
    }
    BiasVarianceResult r = bias_variance_from_predictions(predictions, f_test, base.data.noise);
    Json j = Json::object();
    j.set("capacity", static_cast<int>(c));
    Json h = Json::array();
    for (int w : capacities[c]) h.push_back(w);
    j.set("hidden", h);
    j.set("bias2", r.bias2);
    j.set("variance", r.variance);
    j.set("noise", r.noise);
    j.set("total", r.expected_error);
    j.set("testMse", r.mse_vs_true + r.noise);
    j.set("trainMse", train_mse / K);
    out.push_back(j);
  }
  return out;
}

}  // namespace reglab
