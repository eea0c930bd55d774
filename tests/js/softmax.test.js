// The softmax cross-entropy kernel of the wasm build against a float64 JS reference. In wasm the
// exponentials and logarithms are computed four at a time by polynomials (losses/softmax_ce.cpp);
// the native build, which the C++ suite checks against PyTorch, calls std::exp and std::log. This
// pins the wasm path to the same numbers: probabilities and per-row losses within a few ulp, the
// e^−60 cutoff exact, and class counts that exercise the vector body and its scalar tail. The kernel
// binding is in the test/bench module (build/wasm/reglab-testing.mjs).
import { describe, it, expect, beforeAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadWasmModule } from '../../bench/wasm_module.mjs';

const buildDir = fileURLToPath(new URL('../../build/wasm/', import.meta.url));
let mod;
beforeAll(async () => {
  mod = await loadWasmModule(buildDir);
});

function reference(z, t, rows, K) {
  const probs = new Float64Array(rows * K), loss = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, z[r * K + k]);
    let s = 0;
    for (let k = 0; k < K; k++) {
      const d = Math.fround(z[r * K + k] - m);  // z − max rounded to float, as in the engine
      probs[r * K + k] = d < -60 ? 0 : Math.exp(d);
      s += probs[r * K + k];
    }
    const lse = m + Math.log(s);
    for (let k = 0; k < K; k++) {
      probs[r * K + k] /= s;
      if (t[r * K + k] !== 0) loss[r] += t[r * K + k] * (lse - z[r * K + k]);
    }
  }
  return { probs, loss };
}

function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('softmax cross-entropy kernel (wasm)', () => {
  for (const [rows, K, spread] of [[1, 1, 1], [7, 2, 3], [33, 2, 40], [250, 2, 8], [64, 3, 5], [19, 10, 12], [300, 10, 90], [5, 17, 30]]) {
    it(`${rows} rows × ${K} classes, logits in ±${spread}`, () => {
      const rand = lcg(rows * 31 + K);
      const z = new Float32Array(rows * K).map(() => (rand() * 2 - 1) * spread);
      const t = new Float32Array(rows * K);
      for (let r = 0; r < rows; r++) {
        t[r * K + (r % K)] = 0.9;
        t[r * K + ((r + 1) % K)] += 0.1;  // soft targets (label smoothing / mixup shape)
      }
      const got = mod.softmaxCrossEntropy(z, t, rows, K);
      const ref = reference(z, t, rows, K);
      let worstP = 0, worstL = 0, zeros = 0;
      for (let i = 0; i < rows * K; i++) {
        if (ref.probs[i] === 0) {
          expect(got.probs[i]).toBe(0);  // below the e^−60 cutoff: exactly 0, as natively
          zeros++;
        } else {
          worstP = Math.max(worstP, Math.abs(got.probs[i] - ref.probs[i]) / ref.probs[i]);
        }
      }
      // ℓ = Σ t (logsumexp − z) is formed in float from values as large as the logits: allow an ulp
      // of the logits (1.2e−7 · spread) on top of the relative error.
      for (let r = 0; r < rows; r++)
        worstL = Math.max(worstL, Math.abs(got.loss[r] - ref.loss[r]) / (Math.max(1, Math.abs(ref.loss[r])) + spread));
      expect(worstP).toBeLessThan(1e-6);  // float32 has 6e−8 per ulp: a few ulp
      expect(worstL).toBeLessThan(4e-7);  // ≈ 3 ulp
      if (spread >= 40) expect(zeros).toBeGreaterThan(0);  // the cutoff was exercised
    });
  }

  it('rejects logits and targets of the wrong size with the field name', () => {
    expect(mod.softmaxCrossEntropy(new Float32Array(5), new Float32Array(6), 3, 2)).toBeNull();
    expect(JSON.parse(mod.takeError()).path).toBe('logits');
    expect(mod.softmaxCrossEntropy(new Float32Array(6), new Float32Array(5), 3, 2)).toBeNull();
    expect(JSON.parse(mod.takeError()).path).toBe('targets');
  });
});
