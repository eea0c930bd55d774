// The page's pure state modules: the URL codec round-trips every preset (and odd text), spec
// path helpers, and the summary/claim logic the lab and the browser tests rely on.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { encodeSpec, decodeSpec, encodeState, decodeState, bytesToBase64url, base64urlToBytes } from '../../web/state/url.js';
import { getPath, setPath, diffPaths, isSharedField, partialSpec } from '../../web/state/spec.js';
import { summarize, checkClaim, overfittingSince } from '../../web/state/summary.js';
import { historyCsv, slug } from '../../web/state/export.js';

const presetDir = path.resolve(import.meta.dirname, '../../web/presets');
const presets = fs.readdirSync(presetDir).filter((f) => f.endsWith('.json'))
  .map((f) => [f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(presetDir, f), 'utf8'))]);

describe('URL codec', () => {
  it.each(presets)('round-trips every run spec of preset %s', (id, preset) => {
    for (const run of preset.runs) {
      const text = encodeSpec(run.spec);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeSpec(text)).toEqual(run.spec);
    }
    const state = { lesson: preset.lesson, preset: id, runs: preset.runs.map((r) => ({ label: r.label, spec: r.spec })) };
    expect(decodeState(encodeState(state))).toEqual(state);
  });

  it('keeps an untouched preset as a short hash', () => {
    expect(encodeState({ lesson: '6.2', preset: '6.2', runs: null })).toBe('#/6.2');
    expect(encodeState({ lesson: '6.2', preset: '6.2-decay', runs: null })).toBe('#/6.2?p=6.2-decay');
    expect(decodeState('#/6.2?p=6.2-decay')).toEqual({ lesson: '6.2', preset: '6.2-decay', runs: null });
    expect(decodeState('')).toEqual({ lesson: null, preset: null, runs: null });
  });

  it('round-trips Unicode labels, CSV text and every byte length', () => {
    const value = { label: 'λ = 10⁻³ · ε ✓', csv: 'a,b,label\n1,2,0\n', n: [1, 2.5, -3e-7] };
    expect(decodeSpec(encodeSpec(value))).toEqual(value);
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      expect(Array.from(base64urlToBytes(bytesToBase64url(bytes)))).toEqual(Array.from(bytes));
    }
  });

  it('rejects damaged state with an Error whose path is "url"', () => {
    expect(() => decodeSpec('!!!')).toThrow(expect.objectContaining({ path: 'url' }));
    expect(() => decodeSpec(encodeSpec({ a: 1 }).slice(0, -3))).toThrow(expect.objectContaining({ path: 'url' }));
    expect(() => decodeState(`#/6.1?s=${encodeSpec({ nothing: true })}`)).toThrow(/no runs/);
  });
});

describe('spec helpers', () => {
  it('reads and writes dotted paths without touching the original', () => {
    const spec = { training: { earlyStopping: false }, model: { hidden: [8] } };
    const next = setPath(spec, 'training.earlyStopping.patience', 5);
    expect(next.training.earlyStopping).toEqual({ patience: 5 });
    expect(spec.training.earlyStopping).toBe(false);
    expect(getPath(next, 'model.hidden')).toEqual([8]);
    expect(setPath(next, 'model.hidden', undefined).model).toEqual({});
    expect(partialSpec('regularization.l2', 0.1)).toEqual({ regularization: { l2: 0.1 } });
  });

  it('lists the leaf paths where two specs differ', () => {
    expect(diffPaths({ a: { b: 1, c: [1] } }, { a: { b: 2, c: [1] }, d: 1 }).sort()).toEqual(['a.b', 'd']);
  });

  it('shares data, seed and the epoch budget across runs, nothing else', () => {
    expect(['seed', 'data.noise', 'training.epochs'].every(isSharedField)).toBe(true);
    expect(['regularization.l2', 'model.dropout', 'training.batchSize'].some(isSharedField)).toBe(false);
  });
});

describe('summaries and claims', () => {
  const rec = (epoch, trainLoss, valLoss, extra = {}) => ({ epoch, trainLoss, valLoss, trainAcc: 0.9, valAcc: 0.8, ...extra });
  const history = [rec(1, 1, 1.1), rec(2, 0.5, 0.6, { best: true }), rec(3, 0.2, 0.9)];

  it('reports the last epoch, the gap and the best epoch', () => {
    const s = summarize(history, { targetLoss: 0.5 });
    expect(s.epochs).toBe(3);
    expect(s.gap).toBeCloseTo(0.7);
    expect(s.bestEpoch).toBe(2);
    expect(s.bestValLoss).toBe(0.6);
    expect(s.epochsToTarget).toBe(2);
    expect(summarize(history, { targetLoss: 0.01 }).epochsToTarget).toBe(Infinity);
  });

  it('reports the last epoch\'s loss in its training steps and how far inference is from it', () => {
    const s = summarize([rec(1, 1, 1.1, { stepLoss: 1.2 }), rec(2, 0.5, 0.6, { stepLoss: 0.3 })]);
    expect(s.stepLoss).toBe(0.3);
    expect(s.stepGap).toBeCloseTo(0.2);  // inference (trainLoss 0.5) − training steps (0.3)
    expect(summarize([rec(1, 0.5, 0.6)]).stepGap).toBeNull();  // a record without stepLoss
    const d = summarize([rec(1, 1, 1, { stepLoss: 0.9 }), rec(2, null, null, { stepLoss: null, diverged: true })], { stopReason: 'diverged' });
    expect(d.stepLoss).toBeNull();
    expect(d.stepGap).toBeNull();
  });

  it('never reports NaN for a diverged run', () => {
    const s = summarize([rec(1, 1, 1), rec(2, null, null, { diverged: true })], { stopReason: 'diverged' });
    expect(s.trainLoss).toBeNull();
    expect(s.gap).toBeNull();
    expect(s.diverged).toBe(1);
  });

  it('checks claims with margins and says when a run is missing', () => {
    const m = new Map([['A', { gap: 0.3, weightNorm: 10 }], ['B', { gap: 0.1, weightNorm: 10.2 }]]);
    expect(checkClaim({ metric: 'gap', run: 'B', op: '<', than: 'A' }, m).ok).toBe(true);
    expect(checkClaim({ metric: 'gap', run: 'B', op: '<', than: 'A', by: 0.25 }, m).ok).toBe(false);
    expect(checkClaim({ metric: 'gap', run: 'B', op: '<', than: 0.05 }, m).ok).toBe(false);
    expect(checkClaim({ metric: 'weightNorm', run: 'A', op: 'differs', than: 'B', by: 0.05 }, m).ok).toBe(false);
    expect(checkClaim({ metric: 'gap', run: 'C', op: '<', than: 'A' }, m).ok).toBeNull();
  });

  it('flags overfitting once validation loss climbs while training loss falls', () => {
    const rising = Array.from({ length: 40 }, (_, i) => rec(i + 1, 1 / (i + 1), i < 10 ? 1 - i * 0.05 : 0.55 + (i - 10) * 0.02));
    expect(overfittingSince(rising)).toBe(10);
    expect(overfittingSince(history)).toBeNull();
  });

  it('writes history CSV with one column per σ and no NaN', () => {
    const csv = historyCsv([rec(1, 1, 1, { sigma: [1.5, 2] }), rec(2, null, null, { diverged: true })]);
    const [header, r1, r2] = csv.trim().split('\n');
    expect(header.split(',')).toContain('sigma2');
    expect(r1.startsWith('1,1,1,')).toBe(true);
    expect(r2).not.toMatch(/NaN/);
    expect(slug('L2 λ=0.01 (copy)')).toMatch(/^[\w.-]+$/);
  });
});
