// The JS API on the real wasm build, in Node (issue 2).
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createEngine } from 'reglab';

const moons = (over = {}) => ({
  seed: 7,
  data: { kind: 'moons', n: 200, noise: 0.2, valFraction: 0.5 },
  model: { hidden: [16, 16], activation: 'relu' },
  optimizer: { kind: 'adam', lr: 0.01 },
  training: { epochs: 60, batchSize: 32 },
  ...over,
});

const withoutTime = (records) => records.map(({ time, ...r }) => r);

let engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe('engine', () => {
  it('loads the SIMD build and reports its version', () => {
    expect(engine.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(engine.simd).toBe(true);
  });

  it('describes every spec field with defaults and ranges', () => {
    const d = engine.describe();
    const lr = d.fields.find((f) => f.path === 'optimizer.lr');
    expect(lr).toMatchObject({ type: 'number', default: 0.01, min: 0, minExclusive: true });
    expect(lr.help.length).toBeGreaterThan(10);
    const kinds = d.fields.find((f) => f.path === 'data.kind');
    expect(kinds.choices).toEqual(expect.arrayContaining(['moons', 'circles', 'spiral', 'xor', 'gaussians', 'sine', 'digits']));
  });
});

describe('a run', () => {
  it('steps, predicts, exposes weights and disposes', () => {
    const run = engine.createRun(moons());
    expect(run.epoch).toBe(0);
    const recs = run.step(10);
    expect(recs).toHaveLength(10);
    expect(recs[0]).toMatchObject({ epoch: 1 });
    for (const key of ['trainLoss', 'valLoss', 'trainAcc', 'valAcc', 'stepLoss', 'penalty', 'weightNorm', 'gradNorm', 'lr', 'time'])
      expect(Number.isFinite(recs[9][key]), key).toBe(true);
    expect(run.history()).toHaveLength(10);
    expect(run.done).toBe(false);
    expect(run.stopReason).toBeNull();

    const x = new Float32Array([0, 0, 1, 0.5, -1, 0.2]);
    const p = run.predict(x, 3);
    expect(p).toBeInstanceOf(Float32Array);
    expect(p).toHaveLength(6);
    for (let i = 0; i < 3; i++) expect(p[2 * i] + p[2 * i + 1]).toBeCloseTo(1, 5);

    const w = run.weights();
    expect(w.map((t) => t.name)).toEqual(['dense1.W', 'dense1.b', 'dense2.W', 'dense2.b', 'dense3.W', 'dense3.b']);
    expect(w[0].shape).toEqual([16, 2]);
    expect(w[0].data).toBeInstanceOf(Float32Array);

    // setWeights round trip: zeroing the output layer makes every prediction uniform.
    const zeroed = w.map((t) => (t.name.startsWith('dense3') ? { ...t, data: new Float32Array(t.data.length) } : t));
    run.setWeights(zeroed);
    const q = run.predict(x, 3);
    for (const v of q) expect(v).toBeCloseTo(0.5, 6);

    const ev = run.evaluate('val');
    expect(ev.loss).toBeCloseTo(Math.log(2), 5);
    run.dispose();
    expect(() => run.step(1)).toThrow(/disposed/);
  });

  it('runs to the end and says why it stopped', () => {
    const run = engine.createRun(moons({ training: { epochs: 15, batchSize: 32 } }));
    const recs = run.step(100);
    expect(recs).toHaveLength(15);
    expect(run.done).toBe(true);
    expect(run.stopReason).toBe('max_epochs');
    expect(run.step(5)).toHaveLength(0);
    run.dispose();
  });

  it('gives identical histories for the same spec', () => {
    const a = engine.createRun(moons({ model: { hidden: [16], dropout: 0.3 } }));
    const b = engine.createRun(moons({ model: { hidden: [16], dropout: 0.3 } }));
    const ha = withoutTime(a.step(20)), hb = withoutTime(b.step(20));
    expect(ha).toEqual(hb);
    const c = engine.createRun(moons({ seed: 8, model: { hidden: [16], dropout: 0.3 } }));
    expect(withoutTime(c.step(20))).not.toEqual(ha);
    [a, b, c].forEach((r) => r.dispose());
  });

  it('reaches at least 0.95 validation accuracy on moons (noise 0.2)', () => {
    const run = engine.createRun(moons({ model: { hidden: [32, 32] }, training: { epochs: 150, batchSize: 32 } }));
    run.step(150);
    expect(run.evaluate('val').acc).toBeGreaterThanOrEqual(0.95);
    run.dispose();
  });
});

describe('invalid specs', () => {
  const cases = [
    ['optimizer.lr', { optimizer: { lr: -1 } }, /must be > 0, got -1/],
    ['optimizer.lr', { optimizer: { lr: 'fast' } }, /must be a number/],
    ['optimizer.kind', { optimizer: { kind: 'rmsprop' } }, /must be one of/],
    ['optimizer.momentum', { optimizer: { momentum: 1 } }, /\[0, 1\)/],
    ['model.hidden', { model: { hidden: 64 } }, /array/],
    ['model.hidden[1]', { model: { hidden: [8, 0] } }, /got 0/],
    ['model.hidden[0]', { model: { hidden: [8.5] } }, /whole number/],
    ['model.hidden', { model: { hidden: Array(13).fill(4) } }, /at most 12/],
    ['model.activation', { model: { activation: 'swish' } }, /must be one of/],
    ['model.dropout', { model: { hidden: [8, 8], dropout: [0.1] } }, /one per hidden layer/],
    ['model.dropout[0]', { model: { hidden: [8], dropout: [1] } }, /\[0, 1\)/],
    ['model.dropout', { model: { dropout: 1.5 } }, /got 1.5/],
    ['model.norm', { model: { norm: 'group' } }, /must be one of/],
    ['data.kind', { data: { kind: 'mnist' } }, /must be one of/],
    ['data.n', { data: { kind: 'moons', n: 1e9 } }, /got 1000000000/],
    ['data.noise', { data: { kind: 'moons', noise: -0.1 } }, /got -0.1/],
    ['data.valFraction', { data: { kind: 'moons', valFraction: 1 } }, /got 1/],
    ['data.y', { data: { kind: 'inline', x: [[1], [2]], y: [1] } }, /one per row/],
    ['data.x[1]', { data: { kind: 'inline', x: [[1, 2], [3]], y: [0, 1] } }, /expected 2/],
    ['training.epochs', { training: { epochs: 0 } }, /got 0/],
    ['training.batchSize', { training: { batchSize: -4 } }, /got -4/],
    ['training.bogus', { training: { bogus: 1 } }, /unknown field/],
    ['optimiser', { optimiser: { lr: 0.1 } }, /unknown field/],
    ['regularization.l2', { regularization: { l2: -1e-3 } }, /got -0.001/],
    ['regularization.l1Mode', { regularization: { l1Mode: 'prox' } }, /must be one of/],
    ['loss.labelSmoothing', { loss: { labelSmoothing: 1 } }, /got 1/],
    ['training.batchSize', { model: { norm: 'batch' }, training: { batchSize: 1 } }, /at least 2 samples/],
    ['version', { version: 99 }, /newer/],
    ['seed', { seed: -3 }, /got -3/],
    ['data', { data: 'moons' }, /must be an object/],
  ];
  it.each(cases)('%s is named in the error', (path, over, message) => {
    let error;
    try {
      engine.createRun({ ...moons(), ...over, data: over.data ?? moons().data });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(path)).toBe(true);
  });

  it('rejects non-objects and keeps the engine usable afterwards', () => {
    expect(() => engine.createRun(null)).toThrow(/plain object/);
    expect(() => engine.createRun('{"seed": 1,')).toThrow(/invalid JSON/);
    const cyclic = { seed: 1 };
    cyclic.self = cyclic;
    expect(() => engine.createRun(cyclic)).toThrow(expect.objectContaining({ name: 'ReglabError', path: '' }));
    expect(() => engine.createRun({ seed: 10n })).toThrow(/cannot be written as JSON/);
    const run = engine.createRun(moons());
    expect(run.step(2)).toHaveLength(2);
    run.dispose();
  });
});

describe('resources', () => {
  it('1,000 create/step/dispose cycles do not grow the wasm heap', () => {
    const spec = moons({ data: { kind: 'moons', n: 40, noise: 0.2, valFraction: 0.5 }, model: { hidden: [8] } });
    const cycle = () => {
      const run = engine.createRun(spec);
      run.step(1);
      run.predict(new Float32Array([0, 0]), 1);
      run.weights();
      run.dispose();
      try {
        engine.createRun({ optimizer: { lr: -1 } });
      } catch {}
    };
    for (let i = 0; i < 20; i++) cycle();  // warm-up: static tables, allocator pools
    const before = engine.heapBytes();
    for (let i = 0; i < 1000; i++) cycle();
    const after = engine.heapBytes();
    expect(after - before).toBeLessThan(16 * 1024);
  });
});

describe('native and wasm agree', () => {
  // The records of `epochs` epochs of spec from the native CLI and from the wasm engine.
  const bothRecords = (spec, epochs) => {
    const out = execFileSync('build/native/reglab', ['run', '-'], { input: JSON.stringify(spec), encoding: 'utf8' });
    const native = out.trim().split('\n').map((l) => JSON.parse(l)).filter((r) => !r.summary);
    const run = engine.createRun(spec);
    const wasm = run.step(epochs);
    run.dispose();
    expect(native).toHaveLength(epochs);
    return { native, wasm };
  };
  const expectLossesWithin = (native, wasm, e, tolerance) => {
    expect(Math.abs(wasm[e].trainLoss - native[e].trainLoss) / native[e].trainLoss).toBeLessThan(tolerance);
    expect(Math.abs(wasm[e].valLoss - native[e].valLoss) / native[e].valLoss).toBeLessThan(tolerance);
  };

  it('on the losses of a moons run (5 epochs within 1e-4, 50 within 1e-2 relative)', () => {
    const { native, wasm } = bothRecords(moons({ training: { epochs: 50, batchSize: 32 } }), 50);
    for (let e = 0; e < 5; e++) expectLossesWithin(native, wasm, e, 1e-4);
    expectLossesWithin(native, wasm, 49, 1e-2);
  });

  it('on a dropout run: the wasm SIMD keep masks are the native scalar ones (odd widths: SIMD and tail)', () => {
    // Dropout.forward builds the mask 8 units per SIMD step in wasm and one unit at a time natively;
    // a single differing unit changes the losses far beyond 1e-4.
    const spec = moons({ model: { hidden: [33, 17], activation: 'relu', dropout: 0.3 }, training: { epochs: 5, batchSize: 13 } });
    const { native, wasm } = bothRecords(spec, 5);
    for (let e = 0; e < 5; e++) expectLossesWithin(native, wasm, e, 1e-4);
  });

  it('the CLI exits 2 with the field path on an invalid spec', () => {
    let err;
    try {
      execFileSync('build/native/reglab', ['run', '-'], { input: '{"optimizer":{"lr":-1}}', encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      err = e;
    }
    expect(err.status).toBe(2);
    expect(err.stderr).toMatch(/optimizer\.lr: must be > 0, got -1/);
  });
});
