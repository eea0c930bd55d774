// The module the page ships (build/wasm/reglab.mjs + .wasm, copied to dist/engine/) carries no test
// or bench hooks; the test/bench module (reglab-testing.mjs, cpp/bindings/testing.cpp) is the same
// engine with them added, so the kernel tests and the benchmark still reach the kernels.
import { describe, it, expect, beforeAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadWasmModule } from '../../bench/wasm_module.mjs';

const buildDir = fileURLToPath(new URL('../../build/wasm/', import.meta.url));
// Every name cpp/bindings/testing.cpp registers (benchSimdPeak only in the SIMD build).
const TEST_HOOKS = ['gemm', 'gemmBackend', 'softmaxCrossEntropy', 'benchGemm', 'benchSimdPeak'];
// What web/engine/reglab.js calls on the module.
const ENGINE_API = ['version', 'simd', 'describe', 'validateSpec', 'registerData', 'hasData', 'augmentText',
  'augmentImages', 'biasVariance', 'heapBytes', 'takeError', 'Run'];

let shipped, testing;
beforeAll(async () => {
  shipped = await loadWasmModule(buildDir, 'reglab');
  testing = await loadWasmModule(buildDir, 'reglab-testing');
});

describe('the shipped wasm module and the test/bench module', () => {
  it('the shipped module has none of the test and bench hooks', () => {
    expect(TEST_HOOKS.filter((name) => name in shipped)).toEqual([]);
  });

  it('the test/bench module has the hooks (benchSimdPeak in the SIMD build)', () => {
    const expected = testing.simd() ? TEST_HOOKS : TEST_HOOKS.filter((name) => name !== 'benchSimdPeak');
    expect(expected.filter((name) => typeof testing[name] !== 'function')).toEqual([]);
    expect(testing.gemmBackend()).toBe(testing.simd() ? 'simd128' : 'eigen');
  });

  it('both modules have the engine API the page uses, from the same engine', () => {
    for (const mod of [shipped, testing]) expect(ENGINE_API.filter((name) => typeof mod[name] !== 'function')).toEqual([]);
    expect(testing.version()).toBe(shipped.version());
    expect(testing.describe()).toBe(shipped.describe());
  });
});
