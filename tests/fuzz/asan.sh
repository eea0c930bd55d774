#!/usr/bin/env bash
# The GoogleTest suite and the CLI under AddressSanitizer + LeakSanitizer + UBSan (build/asan).
#   tests/fuzz/asan.sh [GTEST_FILTER]     default: every test; exits non-zero on a failure, a
#                                         memory error, undefined behaviour or a leak
# Resources.ThousandRunsDoNotGrowTheHeap runs 1,000 create/step/predict/update/refuse/destroy
# cycles, so a leak anywhere on those paths is reported by LSan at exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=build/asan
JOBS=${JOBS:-2}
[ -f $B/CMakeCache.txt ] || cmake -S . -B $B -DREGLAB_ASAN=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build $B -j "$JOBS" --target reglab_tests reglab_cli

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
$B/reglab_tests --gtest_filter="${1:-*}" --gtest_brief=1
# The CLI end to end on every preset spec (first run of each), 3 epochs: real data paths included.
node -e '
  const fs = require("fs");
  for (const f of fs.readdirSync("web/presets").filter((f) => f.endsWith(".json"))) {
    const p = JSON.parse(fs.readFileSync("web/presets/" + f, "utf8"));
    if (p.runs?.[0]?.spec) console.log(JSON.stringify(p.runs[0].spec));
  }' | while IFS= read -r spec; do
  rc=0
  printf '%s' "$spec" | $B/reglab run - --epochs 3 --data-dir data >/dev/null 2>$B/cli.err || rc=$?
  # 0 = ran, 2 = refused with a message (e.g. a preset showing that batch norm needs batch ≥ 2).
  if [ $rc -ne 0 ] && [ $rc -ne 2 ]; then cat $B/cli.err >&2; echo "asan: the CLI failed ($rc) on $spec" >&2; exit 1; fi
done
echo "asan: no memory errors, undefined behaviour or leaks"
