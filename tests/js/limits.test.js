// Extreme but valid settings through the wasm build (issue 8): each one works or is refused with a
// message naming the field and the limit. The same decisions are tested natively in
// tests/cpp/limits_test.cpp and documented in docs/security.md ("Limits").
import { describe, it, expect, beforeAll } from 'vitest';
import { createEngine } from 'reglab';

const moons = (over = {}) => ({
  seed: 5,
  data: { kind: 'moons', n: 120, noise: 0.2, valFraction: 0.5 },
  model: { hidden: [16] },
  optimizer: { kind: 'adam', lr: 0.01 },
  training: { epochs: 30, batchSize: 16 },
  ...over,
});
const tenBy512 = Array(10).fill(512);

let engine;
beforeAll(async () => {
  engine = await createEngine();
});

function refusal(spec) {
  try {
    engine.createRun(spec).dispose();
  } catch (e) {
    return e;
  }
  throw new Error(`expected ${JSON.stringify(spec).slice(0, 120)} to be refused`);
}

function train(spec, epochs) {
  const run = engine.createRun(spec);
  try {
    return { records: run.step(epochs), stopReason: run.stopReason, run };
  } finally {
    run.dispose();
  }
}

const finite = (records) => records.every((r) => !r.diverged && Number.isFinite(r.trainLoss) && Number.isFinite(r.valLoss));

describe('limits: extreme but valid settings', () => {
  it('λ = 10 (L2 or L1) trains and collapses the weights; the loss settles at ln 2', () => {
    const plain = train(moons(), 30).records.at(-1);
    const l2 = train(moons({ regularization: { l2: 10 } }), 30).records;
    expect(finite(l2)).toBe(true);
    expect(l2.at(-1).weightNorm).toBeLessThan(0.5 * plain.weightNorm);
    expect(l2.at(-1).trainLoss).toBeCloseTo(Math.log(2), 1);
    const l1 = train(moons({ regularization: { l1: 10, l1Mode: 'proximal' } }), 30).records;
    expect(finite(l1)).toBe(true);
    expect(l1.at(-1).zeroFraction).toBeGreaterThan(0.9);
  });

  it('λ = 10 with an SGD step of 0.5 diverges: the run stops with a reason and null losses', () => {
    const { records, stopReason } = train(moons({ regularization: { l2: 10 }, optimizer: { kind: 'sgd', lr: 0.5 } }), 30);
    expect(stopReason).toBe('diverged');
    expect(records.length).toBeLessThan(30);
    expect(records.at(-1)).toMatchObject({ diverged: true, trainLoss: null, valLoss: null });
    for (const r of records) for (const v of Object.values(r)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
  });

  it('dropout p = 0.99 trains; MC dropout predictions vary; p = 1 is refused', () => {
    // 128 units: some survive in most passes (0.99^128 = 28 % chance a whole layer is dropped).
    const run = engine.createRun(moons({ model: { hidden: [128, 128], dropout: 0.99 } }));
    expect(finite(run.step(30))).toBe(true);
    const { mean, variance } = run.mcPredict(new Float32Array([0, 0, 1, 0.5, -1, 0.2]), 3, 50);
    expect(mean.every(Number.isFinite)).toBe(true);
    expect(Math.max(...variance)).toBeGreaterThan(0);
    run.dispose();
    const e = refusal(moons({ model: { hidden: [8], dropout: 1 } }));
    expect(e.path).toBe('model.dropout');
    expect(e.message).toMatch(/\[0, 1\)/);
  });

  it('batch size 1 trains (also with layer norm); with batch norm it is refused naming the fix', () => {
    expect(finite(train(moons({ training: { epochs: 3, batchSize: 1 } }), 3).records)).toBe(true);
    expect(finite(train(moons({ model: { hidden: [8], norm: 'layer' }, training: { epochs: 3, batchSize: 1 } }), 3).records)).toBe(true);
    const e = refusal(moons({ model: { hidden: [8], norm: 'batch' }, training: { batchSize: 1 } }));
    expect(e.path).toBe('training.batchSize');
    expect(e.message).toMatch(/layer normalization/);
  });

  it('fewer than 4 samples are refused, naming where the samples come from', () => {
    expect(refusal(moons({ data: { kind: 'moons', n: 3 } }))).toMatchObject({ path: 'data.n' });
    expect(refusal(moons({ data: { kind: 'moons', n: 3 } })).message).toMatch(/must be >= 4, got 3/);
    const inline = refusal(moons({ data: { kind: 'inline', x: [[1, 2]], y: [1] } }));
    expect(inline.path).toBe('data.x');
    expect(inline.message).toMatch(/at least 4 samples/);
    expect(refusal(moons({ data: { kind: 'csv', csv: 'a,label\n1,0\n2,1\n' } })).path).toBe('data.csv');
  });

  it('one training sample trains and is memorized; with batch norm it is refused', () => {
    const { records } = train(moons({ data: { kind: 'moons', n: 40, valFraction: 0.5, trainSize: 1 } }), 30);
    expect(finite(records)).toBe(true);
    expect(records.at(-1).trainAcc).toBe(1);
    const e = refusal(moons({ data: { kind: 'moons', n: 40, trainSize: 1 }, model: { hidden: [8], norm: 'batch' } }));
    expect(e.path).toBe('data.trainSize');
    expect(e.message).toMatch(/at least 2 training samples/);
  });

  it('10,000 epochs run to the end; 100,001 are refused', () => {
    const spec = moons({ data: { kind: 'moons', n: 40 }, model: { hidden: [4] }, training: { epochs: 10000, batchSize: 32 } });
    const run = engine.createRun(spec);
    let total = 0;
    while (!run.done) total += run.step(1000).length;
    expect(total).toBe(10000);
    expect(run.stopReason).toBe('max_epochs');
    expect(run.history()).toHaveLength(10000);
    run.dispose();
    expect(refusal(moons({ training: { epochs: 100001 } }))).toMatchObject({ path: 'training.epochs' });
  });

  it('10 layers of 512 train on 160 samples (one epoch in well under 10 s)', () => {
    const run = engine.createRun(moons({ data: { kind: 'moons', n: 160, valFraction: 0.3 }, model: { hidden: tenBy512 }, training: { epochs: 2, batchSize: 32 } }));
    const t0 = performance.now();
    const records = run.step(1);
    const ms = performance.now() - t0;
    run.dispose();
    expect(finite(records)).toBe(true);
    expect(ms).toBeLessThan(10000);
  });

  it('10 layers of 512 on 400 samples are refused with the work budget spelled out', () => {
    const e = refusal(moons({ data: { kind: 'moons', n: 400 }, model: { hidden: tenBy512 } }));
    expect(e.path).toBe('model.hidden');
    expect(e.message).toMatch(/too large for the browser: 2366466 parameters × 400 samples = 946586400 > 800000000/);
  });

  it('a model beyond the parameter cap is refused before any weight is allocated', () => {
    const heap = engine.heapBytes();
    const e = refusal(moons({ data: { kind: 'inline', x: [[0], [1], [2], [3]], y: [0, 1, 0, 1] }, model: { hidden: Array(12).fill(2048) } }));
    expect(e.path).toBe('model.hidden');
    expect(e.message).toMatch(/parameters > 5000000/);
    expect(engine.heapBytes() - heap).toBeLessThan(64 * 1024);
  });

  it('describe() exports every limit', () => {
    expect(engine.describe().limits).toMatchObject({
      minSamples: 4, maxSamples: 200000, maxFeatures: 4096, maxHiddenLayers: 12, maxLayerWidth: 2048, maxEpochs: 100000,
      maxParameters: 5000000, maxDataValues: 10000000, maxDataTimesModel: 800000000,
    });
  });
});
