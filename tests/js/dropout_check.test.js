// Exercise 6.2's checker (web/widgets/dropout_check.js) in Node, without the browser sandbox: the
// same catalog of solutions as the browser tests, each compiled here in a fresh vm context (its own
// realm, so a solution that replaces Array.prototype.map or Math.abs changes only its own), answering
// the checker's calls with copies as the sandbox does. Also the message checks of the sandbox
// protocol (web/widgets/sandbox_protocol.js).
import { describe, it, expect } from 'vitest';
import vm from 'node:vm';
import { checkDropout, N } from '../../web/widgets/dropout_check.js';
import { readAnswer, MAX_LENGTH } from '../../web/widgets/sandbox_protocol.js';
import { CORRECT, WRONG } from '../browser/dropout_solutions.mjs';

// A stand-in for the sandbox: the student's code in its own realm; inputs and outputs copied across.
function realm(code) {
  const ctx = vm.createContext({ crypto: globalThis.crypto });
  vm.runInContext(`${code}\n;globalThis.__fns = { forward: typeof forward === 'function' ? forward : null, backward: typeof backward === 'function' ? backward : null };`, ctx);
  const { forward, backward } = ctx.__fns;
  const F32 = vm.runInContext('Float32Array', ctx);
  const copyIn = (a) => { const c = new F32(a.length); for (let i = 0; i < a.length; i++) c[i] = a[i]; return c; };
  return {
    functions: { forward: !!forward, backward: !!backward },
    async run(calls) {
      return calls.map((c) => {
        const input = copyIn(c.x ?? c.grad);
        try {
          const out = c.fn === 'forward' ? forward(input, c.p, c.training) : backward(input);
          return { y: Float64Array.from(out, Number), input: Float32Array.from(input) };
        } catch (e) {
          return { error: { name: String(e?.name), message: String(e?.message), line: 0 } };
        }
      });
    },
  };
}

describe('exercise 6.2 checker', () => {
  for (const [style, code] of Object.entries(CORRECT)) {
    it(`passes the correct ${style} solution on all nine checks`, async () => {
      const results = await checkDropout(realm(code));
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(results.map((r) => r.id)).toEqual(['rate', 'units', 'fresh', 'scattered', 'rate-high', 'scale', 'eval', 'backward', 'pure']);
    });
  }
  for (const [name, w] of Object.entries(WRONG)) {
    it(`fails "${name}" at the ${w.fails} check`, async () => {
      const results = await checkDropout(realm(w.code));
      const bad = results.find((r) => r.id === w.fails);
      expect(bad?.ok).toBe(false);
      expect(bad.message.length).toBeGreaterThan(20);
    });
  }
  it('asks for 4,096 units per call and never hands the same array twice', async () => {
    const seen = new Set();
    let calls = 0;
    const inner = realm(CORRECT.loops);
    await checkDropout({ functions: inner.functions, run: (batch) => { for (const c of batch) { const a = c.x ?? c.grad; expect(a.length).toBe(N); expect(seen.has(a.buffer)).toBe(false); seen.add(a.buffer); calls++; } return inner.run(batch); } });
    expect(calls).toBe(64 + 16 + 2 + 6);
  });
});

describe('sandbox protocol', () => {
  it('accepts the known shapes', () => {
    expect(readAnswer({ type: 'ready', functions: { forward: true, backward: 'yes' } })).toEqual({ type: 'ready', functions: { forward: true, backward: false } });
    expect(readAnswer({ type: 'out', id: 1, k: 0, y: new Float64Array(3), input: new Float32Array(3) })?.type).toBe('out');
    expect(readAnswer({ type: 'out', id: 1, k: 2, error: { name: 'TypeError', message: 'x', line: 4 } })?.error.line).toBe(4);
  });
  it('refuses anything else, in constant time', () => {
    const huge = 'x'.repeat(16e6);
    const many = Array.from({ length: 300000 }, () => ({ ok: true }));
    let deep = {};
    for (let i = 0; i < 10000; i++) deep = { deep };
    const t = performance.now();
    for (const bad of [huge, many, deep, null, [], { type: 'result', results: many }, { type: 'out', id: 1, k: 0, y: many, input: many },
      { type: 'out', id: 1, k: 0, error: { name: 'E', message: huge, line: 0 } }, { type: 'out', id: 1, k: 0, y: new Float64Array(MAX_LENGTH + 1), input: new Float32Array(1) },
      { type: 'error', stage: 'load', error: { name: huge, message: '', line: 0 } }, { type: 'ready', functions: null }, { type: 'out', id: 1.5, k: 0 }]) {
      expect(readAnswer(bad)).toBeNull();
    }
    expect(performance.now() - t).toBeLessThan(50);
  });
});
