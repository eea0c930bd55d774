// PyTorch end to end through the JS API (issue 17, item 4): the transformer_end_to_end fixture's tiny
// Transformer classifier (tools/fixtures/fixtures_seqmodel.py) from its initial weights, 3 full-batch
// SGD steps with softmax CE + (λ/2)‖W‖² on inline token rows (data.vocabulary), every row training
// (valX = x) so one epoch is one step. The engine's tensors carry PyTorch's state_dict names.
//   record[k].trainLoss = data_loss_eval[k+1]; record[k].penalty = penalty[k+1] (penalty_after for the last).
import { describe, it, expect, beforeAll } from 'vitest';
import { createEngine } from 'reglab';
import { loadFixture, flat } from './support/fixture.js';

const { inputs, expected, expectClose } = loadFixture('transformer_end_to_end');



let engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe('PyTorch end to end (transformer_end_to_end) through the JS API', () => {
  const spec = {
    seed: 1,
    data: { kind: 'inline', vocabulary: inputs.vocabulary, x: inputs.x, y: inputs.labels, valX: inputs.x,
      valY: inputs.labels, standardize: false, task: 'classification' },
    model: { kind: 'transformer', embed: inputs.embed, heads: inputs.heads, ffn: inputs.ffn, maxLength: inputs.max_length,
      norm: 'layer', normPlacement: 'post', activation: 'relu' },
    loss: { kind: 'softmax_ce' },
    regularization: { l2: inputs.l2_lambda },
    optimizer: { kind: 'sgd', lr: inputs.lr },
    training: { epochs: inputs.steps, batchSize: inputs.x.length, shuffle: false },
  };

  it('names every tensor as the PyTorch state_dict does', () => {
    const run = engine.createRun(spec);
    expect(run.weights().map((t) => t.name)).toEqual(Object.keys(inputs.params));
    run.dispose();
  });

  it('reproduces the per-step losses, penalties and the final weights', () => {
    const run = engine.createRun(spec);
    run.setWeights(run.weights().map(({ name, shape }) => ({ name, shape, data: new Float32Array(flat(inputs.params[name])) })));
    expectClose(run.evaluate('train').loss, expected.data_loss_eval[0], 'data_loss_eval[0]');
    const records = run.step(inputs.steps);
    expect(records).toHaveLength(inputs.steps);
    records.forEach((r, k) => {
      expectClose(r.trainLoss, expected.data_loss_eval[k + 1], `data_loss_eval[${k + 1}]`);
      const pen = k + 1 < expected.penalty.length ? expected.penalty[k + 1] : expected.penalty_after;
      expectClose(r.penalty, pen, `penalty after step ${k + 1}`);
    });
    for (const t of run.weights()) {
      const want = flat(expected.final_params[t.name]);
      expect(t.data.length, t.name).toBe(want.length);
      for (let i = 0; i < want.length; i++) expectClose(t.data[i], want[i], `final ${t.name}[${i}]`);
    }
    run.dispose();
  });
});
