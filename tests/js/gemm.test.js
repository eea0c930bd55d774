// The wasm GEMM kernel (the SIMD128 kernel in the SIMD build) against a plain JS reference on odd
// shapes, every transposition case, overwrite and accumulate (issue 6). The shapes cover both of
// its paths (kernels/gemm_simd128.h): direct (K·N ≤ 2048) and packed (K slices, column and row
// blocks), and every edge: M, N, K = 1, M % 4, N % 8 and N % 4, K % 4 remainders. Row strides
// (leading-dimension padding) are covered by tests/cpp/gemm_test.cpp: this binding takes dense
// operands. The kernel binding is in the test/bench module (build/wasm/reglab-testing.mjs).
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
  // tiny and degenerate
  [1, 1, 1], [1, 1, 2], [2, 1, 1], [1, 3, 1], [1, 2, 3], [4, 4, 4], [5, 6, 3], [3, 7, 5], [6, 5, 4], [7, 13, 9],
  // the small layers of W1 / W2 (batch 32, evaluation on 250 rows, dW over the batch): direct path
  [32, 16, 2], [32, 2, 16], [16, 16, 32], [2, 16, 32], [16, 2, 32], [250, 16, 2], [250, 2, 16], [32, 64, 2],
  [32, 2, 64], [4, 8, 16], [31, 36, 56], [64, 1, 128], [1, 64, 128], [128, 64, 1], [70, 530, 3],
  // packed path: K slices (K > 256), column blocks (N > 512), row blocks (M > 128), edges of each
  [3, 5, 700], [5, 9, 300], [17, 33, 65], [33, 17, 513], [9, 257, 31], [32, 64, 64], [130, 20, 120],
  [9, 600, 5], [1, 41, 60], [67, 70, 33],
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
