// Explicit validation and test data (data.valX/valY, testX/testY, valCsv, testCsv) through the JS
// API on the wasm build and through the native CLI: the same spec, the same rule, the same errors.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createEngine } from 'reglab';

// Two Gaussian blobs in 2-D, deterministic (no Math.random): `n` rows with labels 0/1.
function blobs(n, shift = 0) {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const k = i % 2, t = (i * 2.399963) % (2 * Math.PI), r = 0.3 + ((i * 7) % 10) / 20;
    x.push([(k ? 1.5 : -1.5) + shift + r * Math.cos(t), r * Math.sin(t)]);
    y.push(k);
  }
  return { x, y };
}

const inlineSpec = (data = {}, over = {}) => {
  const train = blobs(40), val = blobs(10, 0.2);
  return {
    seed: 5,
    data: { kind: 'inline', x: train.x, y: train.y, valX: val.x, valY: val.y, ...data },
    model: { hidden: [8] }, optimizer: { kind: 'adam', lr: 0.02 }, training: { epochs: 5, batchSize: 10 },
    ...over,
  };
};

const csvOf = (rows) => ['a,b,label', ...rows.x.map((r, i) => `${r[0].toFixed(4)},${r[1].toFixed(4)},${rows.y[i]}`)].join('\n') + '\n';

// The ReglabError createRun throws for `spec`.
function errorOf(engine, spec) {
  try {
    engine.createRun(spec).dispose();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

let engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe('explicit validation data through the JS API', () => {
  it('measures valLoss and valAcc on the given rows, and every given row trains', () => {
    const run = engine.createRun(inlineSpec());
    const records = run.step(5);
    expect(records).toHaveLength(5);
    const val = run.evaluate('val');
    expect(records[4].valLoss).toBeCloseTo(val.loss, 6);
    expect(records[4].valAcc).toBeCloseTo(val.acc, 6);
    // The validation set has 10 rows: accuracy is a multiple of 1/10.
    expect(Math.abs(val.acc * 10 - Math.round(val.acc * 10))).toBeLessThan(1e-6);
    run.dispose();
  });

  it('keeps the given rows in the canonical spec (engine.validate)', () => {
    const canonical = engine.validate(inlineSpec({ testX: [[0, 0]], testY: [1] }));
    expect(canonical.data.valX).toHaveLength(10);
    expect(canonical.data.valY).toHaveLength(10);
    expect(canonical.data.testX).toEqual([[0, 0]]);
    expect(canonical.data.testY).toEqual([1]);
  });

  it('takes validation and test CSV text with data.csv', () => {
    const spec = { seed: 2, data: { kind: 'csv', csv: csvOf(blobs(30)), valCsv: csvOf(blobs(6, 0.1)), testCsv: csvOf(blobs(4, -0.1)) },
      model: { hidden: [4] }, training: { epochs: 3, batchSize: 10 } };
    const run = engine.createRun(spec);
    const records = run.step(3);
    expect(records[2].valLoss).toBeCloseTo(run.evaluate('val').loss, 6);
    expect(Number.isFinite(run.evaluate('test').loss)).toBe(true);
    run.dispose();
  });

  it('refuses bad explicit data with the field path and the reason', () => {
    const cases = [
      [inlineSpec({ valX: [[0, 0], [1, 1], [2, 2], [1, 2, 3, 4]], valY: [0, 1, 0, 1] }), 'data.valX[3]', 'has 4 values, expected 2 like data.x'],
      [inlineSpec({ valY: [0, 1] }), 'data.valY', 'has 2 values, expected one per row of data.valX (10)'],
      [inlineSpec({ valX: [[0, 0]], valY: [3] }), 'data.valY[0]', 'class 3 never appears in data.y (the training classes are 0, 1)'],
      [inlineSpec({ testX: [[0, 0]], testY: [2] }), 'data.testY[0]', 'class 2 never appears in data.y'],
      [inlineSpec({ valX: [], valY: [] }), 'data.valX', 'is empty'],
      [{ data: { kind: 'moons', valX: [[0, 0]], valY: [0] } }, 'data.valX', 'explicit validation rows go with data.kind "inline" (got "moons")'],
      [{ data: { kind: 'digits', testCsv: '1,0\n' } }, 'data.testCsv', 'data.testCsv goes with data.kind "csv" (got "digits")'],
    ];
    for (const [spec, path, reason] of cases) {
      const e = errorOf(engine, spec);
      expect(e.name, path).toBe('ReglabError');
      expect(e.path).toBe(path);
      expect(e.reason).toContain(reason);
    }
  });

  it('reports a bad validation CSV with its line and column, and columns unlike data.csv', () => {
    const csv = csvOf(blobs(20));
    let e = errorOf(engine, { data: { kind: 'csv', csv, valCsv: 'a,b,label\n1,2,0\n3,oops,1\n' } });
    expect([e.path, e.reason]).toEqual(['data.valCsv', "line 3, column 2 (b): 'oops' is not a number"]);
    e = errorOf(engine, { data: { kind: 'csv', csv, valCsv: 'a,c,label\n1,2,0\n' } });
    expect([e.path, e.reason]).toEqual(['data.valCsv', "line 1, column 2: 'c' where data.csv has 'b' (the columns must be those of data.csv)"]);
    e = errorOf(engine, { data: { kind: 'csv', csv, testCsv: 'a,b,c,label\n1,2,3,0\n' } });
    expect([e.path, e.reason]).toEqual(['data.testCsv', 'line 1 has 4 fields, expected 3 like data.csv']);
    e = errorOf(engine, { data: { kind: 'csv', csv, valCsv: 'a,b,label\n1,2,5\n' } });
    expect([e.path, e.reason]).toEqual(['data.valCsv', "line 2, column 3 (label): class '5' never appears in data.csv"]);
  });
});

describe('explicit validation data through the CLI', () => {
  it('validate prints the canonical spec with the given rows; run trains on them like wasm does', () => {
    const spec = inlineSpec();
    const canonical = JSON.parse(execFileSync('build/native/reglab', ['validate', '-'], { input: JSON.stringify(spec), encoding: 'utf8' }));
    expect(canonical.data.valX).toEqual(spec.data.valX);
    expect(canonical.data.valY).toEqual(spec.data.valY);
    const lines = execFileSync('build/native/reglab', ['run', '-'], { input: JSON.stringify(spec), encoding: 'utf8' })
      .trim().split('\n').map((l) => JSON.parse(l));
    const native = lines.filter((r) => !r.summary);
    const run = engine.createRun(spec);
    const wasm = run.step(5);
    run.dispose();
    expect(native).toHaveLength(5);
    for (let e = 0; e < 5; e++) expect(Math.abs(native[e].valLoss - wasm[e].valLoss) / wasm[e].valLoss).toBeLessThan(1e-4);
    expect(lines.at(-1).val.loss).toBeCloseTo(wasm[4].valLoss, 5);
  });

  it('exits 2 naming the field of a bad validation row', () => {
    let err;
    try {
      execFileSync('build/native/reglab', ['validate', '-'], {
        input: JSON.stringify(inlineSpec({ valX: [[0, 0], [1, 1], [2, 2], [1, 2, 3, 4]], valY: [0, 1, 0, 1] })), encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      err = e;
    }
    expect(err.status).toBe(2);
    expect(err.stderr).toContain('data.valX[3]: has 4 values, expected 2 like data.x');
  });
});
