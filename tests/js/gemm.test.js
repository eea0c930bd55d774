// The wasm GEMM kernel (the packed SIMD128 micro-kernel in the SIMD build) against a plain JS
// reference on odd shapes, every transposition case, overwrite and accumulate (issue 6).
import { describe, it, expect, beforeAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadWasmModule } from '../../bench/wasm_module.mjs';

const buildDir = fileURLToPath(new URL('../../build/wasm/', import.meta.url));

// C (+)= op(A)·op(B), row-major; sums in double.
function referenceGemm(ta, tb, M, N, K, a, b, c, accumulate) {
  const out = Float64Array.from(accumulate ? c : new Float32Array(M * N));
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += (ta ? a[k * M + i] : a[i * K + k]) * (tb ? b[j * K + k] : b[k * N + j]);
      out[i * N + j] += s;
    }
  return out;
}

function random(n, seed) {
  const v = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    v[i] = s / 2 ** 31 - 1;
  }
  return v;
}

const shapes = [
  [1, 1, 1], [3, 5, 7], [17, 33, 65], [64, 1, 128], [1, 64, 128], [128, 64, 1],
  [5, 9, 300], [33, 17, 513], [4, 8, 16], [70, 530, 3], [32, 16, 2], [9, 257, 31],
];

let m;
beforeAll(async () => {
  m = await loadWasmModule(buildDir);
});

describe('wasm gemm', () => {
  it('uses the SIMD128 kernel in the SIMD build', () => {
    expect(m.simd()).toBe(true);
    expect(m.gemmBackend()).toBe('simd128');
  });

  for (const accumulate of [false, true])
    it(`matches the JS reference on odd shapes, all transposition cases (${accumulate ? 'accumulate' : 'overwrite'})`, () => {
      let checked = 0;
      for (const [M, N, K] of shapes)
        for (const ta of [false, true])
          for (const tb of [false, true]) {
            const seed = M * 7919 + N * 31 + K + (ta ? 1 : 0) * 2 + (tb ? 1 : 0);
            const a = random(M * K, seed), b = random(K * N, seed + 1), c = random(M * N, seed + 2);
            const got = m.gemm(ta, tb, M, N, K, a, b, c, accumulate);
            expect(m.takeError()).toBe('');
            const want = referenceGemm(ta, tb, M, N, K, a, b, c, accumulate);
            const tol = 4e-5 * Math.sqrt(K + 1);
            for (let i = 0; i < M * N; i++) {
              if (!(Math.abs(got[i] - want[i]) <= tol * (1 + Math.abs(want[i]))))
                throw new Error(`M=${M} N=${N} K=${K} ta=${ta} tb=${tb} acc=${accumulate} at ${i}: ${got[i]} vs ${want[i]}`);
            }
            checked += M * N;
          }
      expect(checked).toBeGreaterThan(100000);
    });

  it('rejects operands of the wrong size instead of reading past them', () => {
    expect(m.gemm(false, false, 2, 2, 2, new Float32Array(3), new Float32Array(4), new Float32Array(4), false)).toBeNull();
    expect(JSON.parse(m.takeError()).path).toBe('a');
  });
});
