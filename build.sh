#!/usr/bin/env bash
# RegLab build script, top to bottom: install → configure → build → (serve | test).
#   ./build.sh              build native (CLI, tests), wasm (SIMD) and the static site (dist/)
#   ./build.sh serve [PORT] build, then serve dist/ on http://localhost:PORT (default 8080)
#   ./build.sh test         build, then run every suite: ctest, vitest, browser tests
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
  log "wasm build (Emscripten, SIMD128)"
  # em++ 3.1.6 finds its acorn dependency through NODE_PATH on Debian.
  export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
  [ -f build/wasm/CMakeCache.txt ] || emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j "$JOBS"
}

build_web() {
  log "static site (dist/)"
  node web/build.mjs
}

build_all() {
  install_system_packages
  install_node_packages
  build_native
  build_wasm
  build_web
}

# ---- test ----------------------------------------------------------------------------------------
run_tests() {
  local failed=()
  log "C++ tests (ctest)"
  ctest --test-dir build/native --output-on-failure -j "$JOBS" || failed+=(ctest)
  log "JS tests (vitest, the wasm module in Node)"
  npx vitest run --config tests/js/vitest.config.js || failed+=(vitest)
  log "browser tests (Chromium)"
  node tests/browser/run.mjs || failed+=(browser)
  if [ ${#failed[@]} -gt 0 ]; then
    printf '\033[1;31mFAILED: %s\033[0m\n' "${failed[*]}"
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
  *)
    echo "usage: ./build.sh [build | serve [PORT] | test]" >&2
    exit 64
    ;;
esac
