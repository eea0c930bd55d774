// Resources (issue 8): 1,000 runs — created, trained, queried, updated, refused, destroyed — leave
// the heap where it was. Natively this checks glibc's heap in use; under the ASan build
// (tests/fuzz/asan.sh) LeakSanitizer also reports any block that is never freed.
#include <gtest/gtest.h>

#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "reglab/error.h"
#include "reglab/experiment.h"

namespace reglab {
namespace {

size_t heap_in_use() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  return mallinfo2().uordblks;
#else
  return 0;
#endif
}

// One run's whole life, including the paths that throw.
void cycle(const Spec& spec, int i) {
  Experiment run(spec, {});
  run.step(1);
  Matrix x = run.splits().val.x.topRows(4);
  run.predict(x.data(), 4, Mode::Eval);
  Matrix mean, var;
  run.mc_predict(x.data(), 4, 3, mean, var);
  run.set_weights(run.weights());
  run.evaluate("test");
  Json lr = Json::object(), opt = Json::object();
  opt.set("lr", 0.001 * (1 + i % 3));
  lr.set("optimizer", opt);
  run.update(lr);
  run.step(1);
  Json bad = Json::object(), model = Json::object();
  model.set("hidden", Json(Json::Array{Json(4)}));
  bad.set("model", model);
  try {
    run.update(bad);  // refused: the shape cannot change mid-run
  } catch (const Error&) {
  }
  try {
    run.predict(x.data(), -1, Mode::Eval);
  } catch (const Error&) {
  }
  try {
    Experiment refused(parse_spec_text(R"({"data": {"kind": "moons", "n": 3}})"), {});
  } catch (const Error&) {
  }
  try {
    Experiment refused(parse_spec_text(R"({"data": {"kind": "csv", "csv": "a,b\n1,x\n2,\n"}})"), {});
  } catch (const Error&) {
  }
}

TEST(Resources, ThousandRunsDoNotGrowTheHeap) {
  const Spec spec = parse_spec_text(R"({"seed": 3, "data": {"kind": "moons", "n": 40, "valFraction": 0.3, "testFraction": 0.2},
    "model": {"hidden": [8], "dropout": 0.2}, "regularization": {"l2": 0.001},
    "training": {"epochs": 5, "earlyStopping": {"patience": 1}}})");
  for (int i = 0; i < 20; ++i) cycle(spec, i);  // warm-up: static tables, allocator pools
  const size_t before = heap_in_use();
  for (int i = 0; i < 1000; ++i) cycle(spec, i);
  const size_t after = heap_in_use();
  EXPECT_LT(after, before + 16 * 1024) << "heap grew from " << before << " to " << after << " bytes";
}

}  // namespace
}  // namespace reglab
