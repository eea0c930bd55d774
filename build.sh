#!/usr/bin/env bash
# RegLab build script, top to bottom: install → configure → build → (serve | test).
#   ./build.sh              build native (CLI, tests), wasm (SIMD) and the static site (dist/)
#   ./build.sh serve [PORT] build, then serve dist/ on http://localhost:PORT (default 8080)
#   ./build.sh claims       build, then measure every claim of the course (dist/claims.html)
#   ./build.sh test         build, then run every suite: C++ (ctest), wasm in Node (vitest),
#                           Chromium (browser), the npm package, the course claims, and the
#                           sanitizer builds (libFuzzer for FUZZ_SECONDS per target, ASan/LSan)
# Idempotent: a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
log() { printf '\033[1;34m==> %s\033[0m\n' "$*"; }

# ---- install what is missing (Debian 12) ---------------------------------------------------------
install_system_packages() {
  local missing=()
  command -v cmake >/dev/null || missing+=(cmake)
  command -v g++ >/dev/null || missing+=(g++)
  command -v em++ >/dev/null || missing+=(emscripten)
  [ -f /usr/include/eigen3/Eigen/Core ] || missing+=(libeigen3-dev)
  [ -f /usr/include/gtest/gtest.h ] || missing+=(libgtest-dev)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  command -v python3 >/dev/null || missing+=(python3)
  # The fixture generator (tools/fixtures/, checked by ctest) needs Debian's PyTorch and NumPy.
  /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null || missing+=(python3-torch python3-numpy)
  command -v clang++ >/dev/null || missing+=(clang)
  ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || missing+=(libclang-rt-14-dev)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

install_node_packages() {
  # npm ci on a fresh clone or when the lock changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# ---- build ---------------------------------------------------------------------------------------
build_native() {
  log "native build (CLI + tests)"
  [ -f build/native/CMakeCache.txt ] || cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j "$JOBS"
}

build_wasm() {
  # Three modules linked from one compile: reglab.mjs/.wasm (every model kind), reglab-core.mjs/.wasm
  # (the mlp only: the lab's first load) and reglab-testing.mjs/.wasm (the full one plus the test and
  # bench hooks, for tests/js and bench/).
  log "wasm build (Emscripten, SIMD128)"
  # em++ 3.1.6 finds its acorn dependency through NODE_PATH on Debian.
  export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
  [ -f build/wasm/CMakeCache.txt ] || emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j "$JOBS"
}

build_web() {
  log "generated from engine.describe(): docs/spec.md, types/spec.gen.d.ts, web/state/fields.gen.js"
  node tools/spec-gen.mjs
  log "static site (dist/)"
  node web/build.mjs
  node web/build-widgets.mjs
  node web/build-claims.mjs
  node web/build-pages.mjs
  # Last: the service worker lists (and hashes) every file the others wrote, then each text file
  # and the wasm get .br and .gz twins for the server (tools/serve.mjs).
  node web/build-sw.mjs
  node tools/precompress.mjs dist
}

build_all() {
  install_system_packages
  install_node_packages
  build_native
  build_wasm
  build_web
}

# ---- test ----------------------------------------------------------------------------------------
# Each suite runs even when an earlier one failed, so one CI run reports every failure.
run_tests() {
  local failed=() failed_logs=() suite_n=0
  suite() {
    local name=$1
    shift
    log "$name"
    local t0=$SECONDS
    local logfile="build/logs/suite-$((++suite_n)).log"
    mkdir -p build/logs
    # The suite's output goes to the terminal and to a log, so a failure's details can be printed
    # again at the very end, where a CI log's tail shows them.
    if "$@" 2>&1 | tee "$logfile"; then
      printf '    %s passed in %ss\n' "$name" $((SECONDS - t0))
    else
      printf '\033[1;31m    %s FAILED\033[0m\n' "$name"
      failed+=("$name")
      failed_logs+=("$logfile")
    fi
  }
  suite "C++ tests (ctest)" ctest --test-dir build/native --output-on-failure -j "$JOBS"
  suite "JS tests (vitest: the wasm module in Node)" npx vitest run --config tests/js/vitest.config.js
  suite "browser tests (Chromium)" node tests/browser/run.mjs
  suite "npm package (pack, install, Vite build, tsc)" node tests/pack/pack.test.mjs
  suite "course claims (tests/claims)" node tests/claims/run.mjs
  suite "libFuzzer (spec + CSV, ${FUZZ_SECONDS:-60} s each)" tests/fuzz/run.sh "${FUZZ_SECONDS:-60}"
  suite "ASan/LSan + UBSan" tests/fuzz/asan.sh
  if [ ${#failed[@]} -gt 0 ]; then
    local i
    for i in "${!failed[@]}"; do
      printf '\033[1;31m==> what failed in %s\033[0m\n' "${failed[$i]}"
      grep -a -E -A6 '✗|✘|FAIL|[Ee]rror:|Failure|Assertion|differs from|shipped “' "${failed_logs[$i]}" | head -n 80 || true
    done
    printf '\033[1;31mFAILED: %s\033[0m\n' "$(IFS=,; echo "${failed[*]}")"
    exit 1
  fi
  printf '\033[1;32mall suites passed\033[0m\n'
}

case "${1:-build}" in
  build) build_all ;;
  serve)
    build_all
    log "serving dist/ on http://localhost:${2:-8080}"
    exec node tools/serve.mjs dist "${2:-8080}"
    ;;
  test)
    build_all
    run_tests
    ;;
  claims)
    build_all
    node tests/claims/run.mjs --write
    ;;
  *)
    echo "usage: ./build.sh [build | serve [PORT] | test | claims]" >&2
    exit 64
    ;;
esac
