// Loads a RegLab Embind module directly. By default the test/bench build, reglab-testing.mjs +
// .wasm (cpp/bindings/testing.cpp), for the kernel tests and the benchmark, which need the kernel
// bindings (gemm, softmaxCrossEntropy, benchGemm) that neither the JS API nor the module the page
// ships (name 'reglab') has.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

export async function loadWasmModule(buildDir, name = 'reglab-testing') {
  const mjs = path.resolve(buildDir, `${name}.mjs`);
  const { default: factory } = await import(pathToFileURL(mjs).href);
  return factory({ wasmBinary: readFileSync(path.resolve(buildDir, `${name}.wasm`)) });
}
