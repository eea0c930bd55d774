// Convolutional networks through the JS API on the wasm build (issue 15): the PyTorch end-to-end
// CNN from its fixture's weights (run.setWeights with conv weights as [out, in, kh, kw]), the
// C1 network on 2,000 Fashion-MNIST images, and the errors a bad CNN spec gets.
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import { createEngine } from 'reglab';
import { loadFixture, flat } from './support/fixture.js';

const { inputs, expected, expectClose } = loadFixture('cnn_end_to_end');


let engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe('PyTorch end to end (cnn_end_to_end) through the JS API', () => {
  const spec = {
    seed: 1,
    data: {
      kind: 'inline', x: inputs.x, y: inputs.labels, valX: inputs.x, valY: inputs.labels, imageShape: inputs.image_shape,
      standardize: false, task: 'classification', classes: 3,
    },
    model: { kind: 'cnn', conv: [3, { filters: 4, padding: 'valid', pool: 0 }], hidden: [5], activation: 'relu' },
    loss: { kind: 'softmax_ce' },
    regularization: { l2: inputs.l2_lambda },
    optimizer: { kind: 'momentum', lr: inputs.lr, momentum: inputs.momentum },
    training: { epochs: inputs.steps, batchSize: inputs.x.length, shuffle: false },
  };

  it('lists conv weights first with PyTorch shapes and takes the fixture weights as they are', () => {
    const run = engine.createRun(spec);
    const w = run.weights();
    expect(w.map((t) => t.name)).toEqual(['conv1.W', 'conv1.b', 'conv2.W', 'conv2.b', 'dense1.W', 'dense1.b', 'dense2.W', 'dense2.b']);
    expect(w[0].shape).toEqual(inputs.weight_shapes['conv1.W']);
    expect(w[2].shape).toEqual(inputs.weight_shapes['conv2.W']);
    expect(w[4].shape).toEqual([5, 4]); // dense1 reads conv2's 4×1×1 output
    run.setWeights(w.map(({ name, shape }) => ({ name, shape, data: new Float32Array(flat(inputs.params[name])) })));
    expectClose(run.evaluate('train').loss, expected.data_loss_eval[0], 'data_loss_eval[0]');
    // A conv weight given as a matrix is refused, naming the tensor.
    expect(() => run.setWeights([{ name: 'conv1.W', shape: [3, 9], data: new Float32Array(27) }])).toThrow(/weights\.conv1\.W: .*expected shape \[3, 1, 3, 3\]/);
    run.dispose();
  });

  it('reproduces PyTorch losses and weights after each SGD step', () => {
    const run = engine.createRun(spec);
    run.setWeights(run.weights().map(({ name, shape }) => ({ name, shape, data: new Float32Array(flat(inputs.params[name])) })));
    for (let s = 0; s < inputs.steps; s++) {
      const [r] = run.step(1);
      expectClose(r.trainLoss, expected.data_loss_eval[s + 1], `record ${s + 1} trainLoss`);
      if (s + 1 < inputs.steps) expectClose(r.penalty, expected.penalty[s + 1], `penalty[${s + 1}]`);
      for (const t of run.weights()) {
        const want = flat(expected.params_after[s][t.name]);
        for (let i = 0; i < want.length; i++) expectClose(t.data[i], want[i], `after step ${s + 1} ${t.name}[${i}]`);
      }
    }
    run.dispose();
  });
});

describe('C1 on Fashion-MNIST through the JS API', () => {
  it('reaches at least 80 % validation accuracy within 10 epochs on 2,000 training images', async () => {
    await engine.loadData('fashion_mnist');
    const run = engine.createRun({
      seed: 1,
      data: { kind: 'fashion_mnist', trainSize: 2000, valFraction: 0.2 },
      model: { kind: 'cnn', conv: [8, 16], hidden: [64] },
      optimizer: { kind: 'adam', lr: 0.002 },
      training: { epochs: 10, batchSize: 64 },
    });
    const started = performance.now();
    // One epoch per turn: ten epochs in one call can hold the event loop past Vitest's 60 s RPC
    // timeout on a loaded machine.
    const records = [];
    for (let e = 0; e < 10; e++) {
      records.push(...run.step(1));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const seconds = (performance.now() - started) / 1000;
    const best = Math.max(...records.map((r) => r.valAcc));
    console.log(`C1 Fashion-MNIST: val acc per epoch ${records.map((r) => r.valAcc.toFixed(3)).join(' ')}; ` +
      `best ${best.toFixed(3)}; ${(seconds / 10).toFixed(2)} s per epoch in Node (not a benchmark)`);
    expect(records).toHaveLength(10);
    expect(best).toBeGreaterThanOrEqual(0.8);
    expect(run.evaluate('test').acc).toBeGreaterThanOrEqual(0.75); // the shipped 2,000 test images
    run.dispose();
  }, 180_000);

  it('names the field of a bad CNN spec', async () => {
    await engine.loadData('fashion_mnist');
    expect(() => engine.createRun({ data: { kind: 'moons' }, model: { kind: 'cnn', conv: [8] } })).toThrow(/^model\.conv: .*needs images/);
    expect(() => engine.createRun({ data: { kind: 'fashion_mnist' }, model: { kind: 'cnn', conv: [8, { kernel: 9 }] } }))
      .toThrow(/^model\.conv\[1\]\.kernel/);
    expect(() => engine.createRun({ data: { kind: 'fashion_mnist' }, model: { kind: 'cnn', conv: [4, 4, 4, 4, 4, 4] } }))
      .toThrow(/^model\.conv\[4\]/); // 28 → 14 → 7 → 3 → 1: a fifth pooling has no 2×2 window left
  });
});

describe('presets', () => {
  it('never flip digits (a mirrored 2, 3, 7 or 9 is no digit at all); the Fashion-MNIST ones may', () => {
    const dir = new URL('../../web/presets/', import.meta.url);
    const flips = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      for (const run of JSON.parse(fs.readFileSync(new URL(file, dir), 'utf8')).runs ?? []) {
        if (run.spec?.augment?.image?.flip) flips.push([file, run.spec.data.kind]);
      }
    }
    expect(flips.filter(([, kind]) => kind === 'digits')).toEqual([]);
    expect(flips.some(([, kind]) => kind === 'fashion_mnist')).toBe(true);
  });
});
