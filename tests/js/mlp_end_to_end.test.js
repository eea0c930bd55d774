// PyTorch end to end through the JS API on the wasm build (issue 13, item 4): the fixture's 2→4→3
// ReLU MLP, softmax CE + (λ/2)‖W‖², three full-batch steps of SGD with momentum, from the
// fixture's initial weights (run.setWeights). Every row trains (valX = x), so one epoch with
// batchSize = all rows is one step, and the engine must reproduce PyTorch's per-step losses and
// weights within the fixture's tolerance.
//
// How the engine's numbers line up with the fixture's (see its `conventions`):
//   record[k].trainLoss / valLoss (epoch k+1) = data loss in evaluation mode after k+1 steps, no
//     penalty = data_loss_eval[k+1]; without dropout also data_loss[k+1], the loss step k+2 saw.
//   run.evaluate('train') before any step = data_loss_eval[0] = data_loss[0].
//   record[k].penalty = (λ/2)Σ‖W‖² after k+1 steps = penalty[k+1] (the penalty before step k+2).
//   record[0].gradNorm = ‖∇ total loss‖ at the initial weights = ‖grads_step1‖.
//   run.weights() after k+1 steps = params_after[k]; after 3 steps = final_params.
import { describe, it, expect, beforeAll } from 'vitest';
import { createEngine } from 'reglab';
import { loadFixture, flat } from './support/fixture.js';

const { inputs, expected, expectClose } = loadFixture('mlp_end_to_end_no_dropout');



// 'dense1.W' → 'W1': the fixture's name of an engine tensor.
const fixtureName = (name) => name.replace(/^dense(\d+)\.(W|b)$/, '$2$1');

// The engine's tensors ({name: 'dense1.W', shape, data}) against a fixture params object {W1, b1, W2, b2}.
function expectParams(weights, params, what) {
  for (const t of weights) {
    const want = flat(params[fixtureName(t.name)]);
    expect(t.data.length, `${what} ${t.name}`).toBe(want.length);
    for (let i = 0; i < want.length; i++) expectClose(t.data[i], want[i], `${what} ${t.name}[${i}]`);
  }
}

let engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe('PyTorch end to end (mlp_end_to_end_no_dropout) through the JS API', () => {
  const [inputsWidth, hidden, classes] = inputs.architecture;
  const steps = inputs.steps;
  const spec = {
    seed: 1,
    data: {
      kind: 'inline', x: inputs.x, y: inputs.labels, valX: inputs.x, valY: inputs.labels,
      standardize: false, task: 'classification', classes, // the drawn labels may leave out a class the model outputs
    },
    model: { hidden: [hidden], activation: 'relu', dropout: 0 },
    loss: { kind: 'softmax_ce' },
    regularization: { l2: inputs.l2_lambda },
    optimizer: { kind: 'momentum', lr: inputs.lr, momentum: inputs.momentum },
    training: { epochs: steps, batchSize: inputs.x.length, shuffle: false },
  };

  it('matches the fixture shapes: every row trains, one epoch is one full-batch step', () => {
    const run = engine.createRun(spec);
    const w = run.weights();
    expect(w.map((t) => t.name)).toEqual(['dense1.W', 'dense1.b', 'dense2.W', 'dense2.b']);
    expect(w.map((t) => t.data.length)).toEqual([hidden * inputsWidth, hidden, classes * hidden, classes]);
    expect(w[0].shape).toEqual([hidden, inputsWidth]);
    expect(w[2].shape).toEqual([classes, hidden]);
    run.dispose();
  });

  it('reproduces the per-step losses, penalties, the first gradient norm and the weights after every step', () => {
    const run = engine.createRun(spec);
    const p = inputs.params;
    // The fixture stores W as out × in (torch.nn.Linear), the engine's layout too.
    run.setWeights(run.weights().map(({ name, shape }) => ({ name, shape, data: new Float32Array(flat(p[fixtureName(name)])) })));
    expectParams(run.weights(), p, 'initial');
    // Before any step: the loss PyTorch's step 1 saw, on the training rows and on valX = x.
    expectClose(run.evaluate('train').loss, expected.data_loss[0], 'data_loss[0]');
    expectClose(run.evaluate('val').loss, expected.data_loss_eval[0], 'data_loss_eval[0] (val)');

    const records = [];
    for (let s = 0; s < steps; s++) {
      const [r] = run.step(1);
      records.push(r);
      expect(r.epoch).toBe(s + 1);
      expectParams(run.weights(), expected.params_after[s], `after step ${s + 1}`);
      expectClose(r.trainLoss, expected.data_loss_eval[s + 1], `record ${s + 1} trainLoss`);
      expectClose(r.valLoss, expected.data_loss_eval[s + 1], `record ${s + 1} valLoss`);
      if (s + 1 < steps) {
        expectClose(r.trainLoss, expected.data_loss[s + 1], `data_loss[${s + 1}]`);
        expectClose(r.penalty, expected.penalty[s + 1], `penalty[${s + 1}]`);
        expectClose(r.trainLoss + r.penalty, expected.total_loss[s + 1], `total_loss[${s + 1}]`);
      }
    }
    expectParams(run.weights(), expected.final_params, 'final');
    const g = expected.grads_step1;
    const gradNorm = Math.sqrt([g.W1, g.b1, g.W2, g.b2].map(flat).flat().reduce((a, v) => a + v * v, 0));
    expectClose(records[0].gradNorm, gradNorm, '‖grads_step1‖');
    expect(run.done).toBe(true);
    expect(run.stopReason).toBe('max_epochs');
    run.dispose();
  });
});
