// The claim rules shared by the claims suite and the lab's "What to look for" (web/claims/rules.js):
// every rule belongs to a check the suite measures, the lab reads runs its presets have, a rule
// evaluated on the shipped report's per-seed numbers agrees with the report's own per-seed flags,
// and holds() says "not measurable" rather than guessing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { RULES, holds, labRow, rulesOfPreset, claimsOfPreset, ruleKeys, MEASURES } from '../../web/claims/rules.js';
import { CLAIMS } from '../claims/claims.js';
import { ROOT, loadPreset } from '../claims/lib.js';
import { LESSONS } from '../../web/lessons.js';
import { summarize } from '../../web/state/summary.js';

const report = JSON.parse(fs.readFileSync(path.join(ROOT, 'web/claims/report.json'), 'utf8'));
const presetIds = LESSONS.flatMap((l) => l.presets.map((p) => p.id));

describe('shared claim rules', () => {
  it('every rule is a check of its claim in the suite and in the shipped report', () => {
    for (const [id, r] of Object.entries(RULES)) {
      const [claim, check] = id.split('/');
      expect(r.claim).toBe(claim);
      expect(CLAIMS.find((c) => c.id === claim).checks.map((c) => c.id), id).toContain(check);
      expect(report.claims.find((c) => c.id === claim).checks.map((c) => c.id), id).toContain(check);
    }
  });

  it('the lab reads only runs its presets have, with measurements that exist', () => {
    for (const [id, r] of Object.entries(RULES)) {
      for (const [presetId, keys] of Object.entries(r.lab ?? {})) {
        expect(presetIds, id).toContain(presetId);
        const labels = loadPreset(`${presetId}.json`).runs.map((x) => x.label);
        for (const [key, [runs, measure]] of Object.entries(keys)) {
          for (const l of [runs].flat()) expect(labels, `${id} ${key}`).toContain(l);
          expect(MEASURES[measure], `${id} ${key}: ${measure}`).toBeTypeOf('function');
        }
        for (const k of ruleKeys(r)) expect(Object.keys(keys), `${id} reads ${k}`).toContain(k);
      }
    }
  });

  it('a rule on the report’s per-seed numbers gives the report’s paired agreement count', () => {
    let compared = 0;
    for (const r of Object.values(RULES).filter((x) => x.less)) {
      const c = report.claims.find((x) => x.id === r.claim);
      const check = c.checks.find((x) => x.id === r.id.split('/')[1]);
      const m = check.detail.match(/(\d+)\/(\d+) seeds agree/);
      if (!m) continue;
      const agree = c.perSeed.filter((row) => holds(r, row)).length;
      expect(agree, `${r.id}: ${check.detail}`).toBe(Number(m[1]));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(15);
  });

  it('holds() is null when a number is missing and follows a < b − margin otherwise', () => {
    const r = { less: ['a', 'b'], margin: 0.1 };
    expect(holds(r, { a: 1, b: 1.2 })).toBe(true);
    expect(holds(r, { a: 1, b: 1.05 })).toBe(false);
    expect(holds(r, { a: 1, b: null })).toBeNull();
    expect(holds({ within: ['a', 'b', 0.02] }, { a: 0.9, b: 0.915 })).toBe(true);
    expect(holds({ within: ['a', 'b', 0.02] }, { a: 0.9, b: 0.93 })).toBe(false);
    expect(holds(RULES['6/fewer-epochs'], { epochsBN: Infinity, epochsNoBN: Infinity })).toBe(false);
  });

  it('a lab row from runs: the early-stopped run returns its best epoch’s numbers', () => {
    const rec = (epoch, valLoss, valAcc, extra = {}) => ({ epoch, trainLoss: 0.1, valLoss, valAcc, ...extra });
    const es = [rec(1, 0.5, 0.8), rec(2, 0.3, 0.9, { best: true }), rec(3, 0.4, 0.85), rec(4, 0.45, 0.84)];
    const plain = [rec(1, 0.5, 0.8), rec(2, 0.6, 0.82)];
    const run = (records, stopReason, restoreBest) => ({ records, stopReason, restoreBest, summary: summarize(records, { stopReason }) });
    const runs = new Map([['baseline', run(plain, null, false)], ['+ early stopping', run(es, 'early_stopping', true)]]);
    const row = labRow(RULES['12/top-beats-baseline'], '6.9', runs);
    expect(row).toEqual({ acc0: 0.82, acc5: 0.9 });
    expect(holds(RULES['12/top-beats-baseline'], row)).toBe(true);
    // a run the rule needs is gone: its key is missing and the rule is not measurable
    const partial = labRow(RULES['12/top-beats-baseline'], '6.9', new Map([['baseline', runs.get('baseline')]]));
    expect(holds(RULES['12/top-beats-baseline'], partial)).toBeNull();
  });

  it('the text lesson 6.5 reads the train-vs-inference gap of its runs, whatever its sign', () => {
    const run = (trainLoss, stepLoss) => { const records = [{ epoch: 10, trainLoss, valLoss: 0.6, stepLoss }]; return { records, summary: summarize(records) }; };
    const runs = new Map([['LN · batch 2', run(0.50, 0.51)], ['BN · batch 2', run(0.70, 0.45)], ['no norm · batch 2', run(0.55, 0.56)],
      ['LN · batch 32', run(0.50, 0.52)], ['no norm · batch 32', run(0.52, 0.50)]]);
    const row = labRow(RULES['14/train-inference'], '6.5-text', runs);
    expect(row.stepGapLN2).toBeCloseTo(0.01);
    expect(row.stepGapBN2).toBeCloseTo(0.25);
    expect(holds(RULES['14/train-inference'], row)).toBe(true);
    expect(holds(RULES['14/train-inference'], { stepGapLN2: 0.05, stepGapBN2: 0.04 })).toBe(false);
    const ln = labRow(RULES['14/ln-train-inference'], '6.5-text', runs);
    expect(holds(RULES['14/ln-train-inference'], ln)).toBe(true);
    expect(holds(RULES['14/ln-train-inference'], { ...ln, stepGapLN32: 0.05 })).toBe(false);  // 0.05 > 0.02 + 0.02
    // a run from before the engine reported stepLoss: not measurable, never a ✓
    expect(holds(RULES['14/train-inference'], labRow(RULES['14/train-inference'], '6.5-text', new Map([...runs, ['BN · batch 2', run(0.7, undefined)]])))).toBeNull();
  });

  it('every lesson preset with rules links to claims the report has', () => {
    for (const id of presetIds) {
      for (const c of claimsOfPreset(id)) expect(report.claims.map((x) => x.id)).toContain(c);
      expect(rulesOfPreset(id).every((r) => r.lab[id])).toBe(true);
    }
  });
});
