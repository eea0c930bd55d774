// Loads a RegLab Embind module (reglab.mjs + reglab.wasm) directly, for the GEMM test and the
// benchmark, which need the kernel bindings (gemm, benchGemm) that the JS API does not expose.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

export async function loadWasmModule(buildDir) {
  const mjs = path.resolve(buildDir, 'reglab.mjs');
  const { default: factory } = await import(pathToFileURL(mjs).href);
  return factory({ wasmBinary: readFileSync(path.resolve(buildDir, 'reglab.wasm')) });
}
