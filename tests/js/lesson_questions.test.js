// Predict-then-run and Check yourself (web/lesson_questions.js): every prediction names runs its
// experiment has, its expected answer is one of its choices, and its outcome reads the runs'
// numbers into one of the choices; every lesson has three questions with a valid answer.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { PREDICTIONS, CHECK_YOURSELF } from '../../web/lesson_questions.js';
import { LESSONS } from '../../web/lessons.js';
import { rule, labRow, holds } from '../../web/claims/rules.js';

const preset = (id) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../web/presets', `${id}.json`), 'utf8'));
const fake = (over = {}) => ({ state: 'done', epochs: 100, trainLoss: 0.1, valLoss: 0.5, gap: 0.4, valAcc: 0.9, bestValLoss: 0.3, bestEpoch: 20, weightNorm: 10, zeroFraction: 0, mcStd: 0.05, epochsToTarget: 30, ece: 0.05, meanConfidence: 0.9, maxGradNormPreClip: 5, maxSigma: 3, diverged: 0, ...over });

// The claims rules' verdict on fake runs, as views/predict.js hands it to outcome(runs, verdict):
// each run one record, at its last epoch, holding its summary's numbers.
const verdictOn = (presetId, runs) => (id) => {
  const r = rule(id);
  const map = new Map(Object.entries(runs).map(([label, s]) => [label, {
    summary: s, records: [{ epoch: s.epochs, trainLoss: s.trainLoss, valLoss: s.valLoss, valAcc: s.valAcc }], stopReason: null, restoreBest: false,
  }]));
  const row = labRow(r, presetId, map);
  return { ok: holds(r, row), row };
};

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
      const out = p.outcome(runs, verdictOn(id, runs));
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

describe('predictions of the CNN and text experiments: the claims rules decide', () => {
  const runsOf = (id, over) => Object.fromEntries(preset(id).runs.map((r) => [r.label, fake(over[r.label] ?? {})]));
  const answer = (id, over) => { const runs = runsOf(id, over); return PREDICTIONS[id].outcome(runs, verdictOn(id, runs)); };
  it('each expects what the claims report measured over 8 seeds', () => {
    expect(PREDICTIONS['6.4-cnn'].expected).toBe('bn');
    expect(PREDICTIONS['6.7-images'].expected).toBe('not');
    expect(PREDICTIONS['6.9-images'].expected).toBe('loss');
  });
  it('6.4-cnn: a lower training loss with batch norm says "bn", a higher one "plain"', () => {
    expect(answer('6.4-cnn', { 'BN · lr 0.1': { trainLoss: 0.02 }, 'no BN · lr 0.1': { trainLoss: 0.2 } }).answer).toBe('bn');
    const out = answer('6.4-cnn', { 'BN · lr 0.1': { trainLoss: 0.3 }, 'no BN · lr 0.1': { trainLoss: 0.2 } });
    expect(out.answer).toBe('plain');
    expect(out.why).toContain('0.3');
  });
  it('6.7-images: flip + crop above no augmentation says "raise", below it "not"', () => {
    expect(answer('6.7-images', { none: { valAcc: 0.8 }, 'flip + crop': { valAcc: 0.82 } }).answer).toBe('raise');
    const out = answer('6.7-images', { none: { valAcc: 0.822 }, 'flip + crop': { valAcc: 0.803 } });
    expect(out.answer).toBe('not');
    expect(out.why).toContain('80.3 %');
  });
  it('6.9-images: the two rules on accuracy and loss give the four answers', () => {
    const at = (acc5, loss5) => answer('6.9-images', { baseline: { valAcc: 0.82, valLoss: 0.58 }, '+ early stopping': { valAcc: acc5, valLoss: loss5 } }).answer;
    expect(at(0.817, 0.498)).toBe('loss');
    expect(at(0.83, 0.498)).toBe('both');
    expect(at(0.83, 0.6)).toBe('acc');
    expect(at(0.81, 0.6)).toBe('neither');
  });
  it('6.7-text: synonym replacement above no augmentation says "raise", below it "not"', () => {
    expect(PREDICTIONS['6.7-text'].expected).toBe('raise');
    expect(answer('6.7-text', { none: { valAcc: 0.77 }, synonym: { valAcc: 0.81 } }).answer).toBe('raise');
    const out = answer('6.7-text', { none: { valAcc: 0.8 }, synonym: { valAcc: 0.78 } });
    expect(out.answer).toBe('not');
    expect(out.why).toContain('78.0 %');
  });
  it('6.5-text: the run whose loss moves more from batch 32 to 2 is named, from the rule\'s row', () => {
    const at = (bn2, ln2) => answer('6.5-text', { 'BN · batch 2': { valLoss: bn2 }, 'BN · batch 32': { valLoss: 0.5 },
      'LN · batch 2': { valLoss: ln2 }, 'LN · batch 32': { valLoss: 0.5 } }).answer;
    expect(at(0.9, 0.52)).toBe('bn');
    expect(at(0.52, 0.9)).toBe('ln');
    expect(at(0.7, 0.7)).toBe('same');
  });
});

describe('check yourself', () => {
  it('an experiment with its own set has three questions too', () => {
    for (const id of ['6.4-cnn', '6.7-images', '6.9-images']) {
      const qs = CHECK_YOURSELF[id];
      expect(qs?.length, id).toBe(3);
      for (const q of qs) expect(q.answer).toBeLessThan(q.choices.length);
    }
  });
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

// The lab loads one lesson's questions at a time (web/questions/load.js, issue 18's first load):
// each lesson's file holds exactly its own experiments' questions, and nothing else's.
describe('one file per lesson', () => {
  it('each lesson file holds the questions of its own experiments only', async () => {
    for (const l of LESSONS) {
      const m = await import(`../../web/questions/${l.id}.js`);
      const own = new Set([l.id, ...l.presets.map((p) => p.id)]);
      for (const id of [...Object.keys(m.PREDICTIONS), ...Object.keys(m.CHECK_YOURSELF)]) expect(own.has(id), `${l.id}: ${id}`).toBe(true);
      for (const id of Object.keys(m.PREDICTIONS)) expect(m.PREDICTIONS[id]).toBe(PREDICTIONS[id]);
    }
  });
  it('the page sees a lesson\'s questions once it has loaded them, and only that lesson\'s', async () => {
    const q = await import('../../web/questions/load.js');
    expect(q.predictionFor('6.4-cnn')).toBe(null);
    expect(await q.loadLessonQuestions('6.4')).toBe(true);
    expect(q.predictionFor('6.4-cnn')).toBe(PREDICTIONS['6.4-cnn']);
    expect(q.checkYourselfFor('6.4', '6.4-cnn')).toBe(CHECK_YOURSELF['6.4-cnn']);
    expect(q.checkYourselfFor('6.4', '6.4')).toBe(CHECK_YOURSELF['6.4']);
    expect(q.predictionFor('6.1')).toBe(null);
    expect(await q.loadLessonQuestions('7.0')).toBe(false);
    for (const l of LESSONS) expect(await q.loadLessonQuestions(l.id), l.id).toBe(true);
    for (const id of Object.keys(PREDICTIONS)) expect(q.predictionFor(id), id).toBe(PREDICTIONS[id]);
  });
});
