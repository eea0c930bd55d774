// Predict-then-run and Check yourself (web/lesson_questions.js): every prediction names runs its
// experiment has, its expected answer is one of its choices, and its outcome reads the runs'
// numbers into one of the choices; every lesson has three questions with a valid answer.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { PREDICTIONS, CHECK_YOURSELF } from '../../web/lesson_questions.js';
import { LESSONS } from '../../web/lessons.js';

const preset = (id) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../web/presets', `${id}.json`), 'utf8'));
const fake = (over = {}) => ({ state: 'done', epochs: 100, trainLoss: 0.1, valLoss: 0.5, gap: 0.4, valAcc: 0.9, bestValLoss: 0.3, bestEpoch: 20, weightNorm: 10, zeroFraction: 0, mcStd: 0.05, epochsToTarget: 30, ece: 0.05, meanConfidence: 0.9, maxGradNormPreClip: 5, maxSigma: 3, diverged: 0, ...over });

describe('predictions', () => {
  const ids = LESSONS.flatMap((l) => l.presets.map((p) => p.id));
  it('every lesson has a prediction for its first experiment', () => {
    for (const l of LESSONS) expect(PREDICTIONS[l.presets[0].id], l.id).toBeTruthy();
  });
  for (const [id, p] of Object.entries(PREDICTIONS)) {
    it(`${id}: names runs of its preset, and its outcome is one of its choices`, () => {
      expect(ids).toContain(id);
      const labels = preset(id).runs.map((r) => r.label);
      for (const r of p.runs) expect(labels, `${id} run ${r}`).toContain(r);
      const keys = p.choices.map(([k]) => k);
      if (p.expected) expect(keys).toContain(p.expected);
      const runs = Object.fromEntries(labels.map((l) => [l, fake()]));
      const out = p.outcome(runs);
      expect(keys).toContain(out.answer);
      expect(out.why).not.toMatch(/undefined|NaN|null/);
    });
  }
  it('the numbers decide: 6.1 with a larger gap for the small net says "small"', () => {
    const out = PREDICTIONS['6.1'].outcome({ 'small [8]': fake({ gap: 1.2 }), 'large [128,128]': fake({ gap: 0.1 }) });
    expect(out.answer).toBe('small');
    expect(out.why).toContain('1.2');
  });
});

describe('check yourself', () => {
  it('three questions per lesson, each answer one of its choices, each with an explanation', () => {
    for (const l of LESSONS) {
      const qs = CHECK_YOURSELF[l.id];
      expect(qs?.length, l.id).toBe(3);
      for (const q of qs) {
        expect(q.answer).toBeGreaterThanOrEqual(0);
        expect(q.answer).toBeLessThan(q.choices.length);
        expect(q.why.length).toBeGreaterThan(40);
      }
    }
  });
});
