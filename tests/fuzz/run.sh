#!/usr/bin/env bash
# Builds the libFuzzer targets (build/fuzz, clang, ASan + UBSan) and runs each for a bounded time.
#   tests/fuzz/run.sh [SECONDS]     default 30 s per target; exits non-zero on any finding
#   tests/fuzz/run.sh 0             only replay the corpora (every input once), no fuzzing
# Inputs: the regression corpus tests/fuzz/corpus/{spec,csv} (kept in git, replayed first), seeds
# made from web/presets and data/ (build/fuzz/seeds), and the working corpus build/fuzz/work/
# (grows between runs, not in git). A crash leaves its input in build/fuzz/artifacts/: minimize it
# (./build/fuzz/fuzz_spec -minimize_crash=1 -runs=10000 FILE), fix the engine, add a test in
# tests/cpp/, and copy the input into tests/fuzz/corpus/.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET=${1:-30}
B=build/fuzz
JOBS=${JOBS:-2}

command -v clang++ >/dev/null || { echo "run.sh: clang++ is missing (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
[ -f $B/CMakeCache.txt ] || CXX=clang++ cmake -S . -B $B -DREGLAB_FUZZ=ON -DREGLAB_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build $B -j "$JOBS" --target fuzz_spec fuzz_csv reglab_cli

node tests/fuzz/make_seeds.mjs $B/seeds . $B/reglab
mkdir -p $B/work/spec $B/work/csv $B/artifacts

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for target in spec csv; do
  dict=()
  [ $target = spec ] && [ -f $B/seeds/spec.dict ] && dict=(-dict=$B/seeds/spec.dict)
  echo "==> fuzz_$target for ${SECONDS_PER_TARGET} s (0 = replay only)"
  # -timeout: one input may take at most 10 s (a hang is a finding); -rss_limit_mb: memory cap.
  budget=(-max_total_time="$SECONDS_PER_TARGET")
  [ "$SECONDS_PER_TARGET" = 0 ] && budget=(-runs=0)
  if ! $B/fuzz_$target "${dict[@]}" "${budget[@]}" -timeout=10 -rss_limit_mb=2048 \
       -max_len=8192 -print_final_stats=1 -artifact_prefix=$B/artifacts/$target- \
       $B/work/$target tests/fuzz/corpus/$target $B/seeds/$target 2>$B/fuzz_$target.log; then
    echo "fuzz_$target FAILED — see $B/fuzz_$target.log and $B/artifacts/" >&2
    grep -E "ERROR|SUMMARY|runtime error|invariant|Test unit written" $B/fuzz_$target.log | head -20 >&2 || true
    status=1
  else
    grep -E "^stat::(number_of_executed_units|peak_rss_mb)" $B/fuzz_$target.log | sort -u || true
  fi
done
exit $status
