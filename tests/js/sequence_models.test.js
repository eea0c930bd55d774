// The sequence models (model.kind "transformer" and "gru", issue 17) through the JS API: both learn
// the sentiment corpus well above its majority rate (0.5), with the time per epoch printed.
import { describe, it, expect, beforeAll } from 'vitest';
import { createEngine } from 'reglab';

let engine;
beforeAll(async () => {
  engine = await createEngine();
  await engine.loadData('sentiment_corpus');
});

const corpus = (model, over = {}) => ({
  seed: 2,
  data: { kind: 'sentiment_corpus' },
  model,
  optimizer: { kind: 'adam', lr: 0.003 },
  training: { epochs: 8, batchSize: 32 },
  ...over,
});

describe('sequence models', () => {
  for (const [kind, model] of [
    ['transformer', { kind: 'transformer', embed: 32, heads: 2, ffn: 64, norm: 'layer' }],
    ['gru', { kind: 'gru', embed: 32, hidden: [32] }],
  ]) {
    it(`${kind} learns the sentiment corpus well above the majority rate`, () => {
      const run = engine.createRun(corpus(model));
      const records = run.step(8);
      const val = run.evaluate('val').acc, test = run.evaluate('test').acc;
      const msPerEpoch = records.at(-1).time / records.length;
      console.log(`${kind}: train acc ${records.at(-1).trainAcc.toFixed(3)}, val acc ${val.toFixed(3)}, ` +
        `test acc ${test.toFixed(3)} (majority 0.500), ${msPerEpoch.toFixed(0)} ms per epoch`);
      expect(records.at(-1).trainLoss).toBeLessThan(records[0].trainLoss);
      expect(val).toBeGreaterThanOrEqual(0.65);
      expect(run.inputs).toBe(32);  // token ids per row: model.maxLength
      run.dispose();
    });
  }

  it('names the weights as PyTorch does and refuses a sequence model on non-text data', () => {
    const run = engine.createRun(corpus({ kind: 'gru', embed: 8, hidden: [8] }, { training: { epochs: 1 } }));
    const names = run.weights().map((t) => t.name);
    expect(names).toEqual(['embed.weight', 'gru.weight_ih_l0', 'gru.weight_hh_l0', 'gru.bias_ih_l0', 'gru.bias_hh_l0',
      'classifier.weight', 'classifier.bias']);
    run.dispose();
    expect(() => engine.createRun({ data: { kind: 'moons' }, model: { kind: 'transformer' } }))
      .toThrow(expect.objectContaining({ path: 'model.kind' }));
    expect(() => engine.validate({ data: { kind: 'sentiment_corpus' }, model: { kind: 'transformer', embed: 32, heads: 5 } }))
      .toThrow(expect.objectContaining({ path: 'model.heads' }));
  });

  it('trains on the generated bracket task', () => {
    const run = engine.createRun({ seed: 1, data: { kind: 'brackets', n: 400, maxLength: 16 },
      model: { kind: 'gru', embed: 8, hidden: [16], maxLength: 16 }, training: { epochs: 3, batchSize: 32 } });
    const records = run.step(3);
    expect(records).toHaveLength(3);
    expect(Number.isFinite(records.at(-1).valLoss)).toBe(true);
    run.dispose();
  });
});
