// The core engine module (build/wasm/reglab-core.mjs + .wasm, issue 18): the same sources and
// bindings as the full module with only the mlp network and without the word tables of text
// augmentation, so the lab's first load is lighter. It trains an MLP exactly as the full module
// does, refuses a CNN or a sequence model in words naming model.kind and synonym replacement,
// random insertion and back-translation in words naming their field; engineFor() maps a spec to
// the module it needs.
import fs from 'node:fs';
import { describe, it, expect, beforeAll } from 'vitest';
import { createEngine, engineFor, engineFile, ENGINE_MODULES } from 'reglab';

const wasm = (name) => new URL(`../../build/wasm/${name}.wasm`, import.meta.url);

let core, full;
beforeAll(async () => {
  core = await createEngine({ engine: 'core' });
  full = await createEngine({ engine: 'full' });
  await core.loadData('digits');
  await full.loadData('digits');
  await core.loadData('sentiment');
  await full.loadData('sentiment');
});

const mlp = { seed: 3, data: { kind: 'moons', n: 200 }, model: { kind: 'mlp', hidden: [16, 16] },
  optimizer: { kind: 'adam', lr: 0.01 }, training: { epochs: 5, batchSize: 32 } };
const cnn = { seed: 1, data: { kind: 'digits' }, model: { kind: 'cnn', conv: [{ filters: 4, pool: 2 }], hidden: [16] },
  training: { epochs: 1, batchSize: 64 } };
const sentiment = (text) => ({ seed: 2, data: { kind: 'sentiment' }, model: { hidden: [8] }, augment: { text },
  training: { epochs: 2, batchSize: 32 } });
const sentence = 'The food was really good and the staff were friendly.';
const noTables = (field) => `${field}: synonym replacement, random insertion and back-translation need the word ` +
  'tables, which are in the full engine module (reglab.wasm), not in reglab-core.wasm';
const thrown = (f) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
};

describe('the core engine module', () => {
  it('trains an MLP with exactly the records of the full module', () => {
    const a = core.createRun(mlp), b = full.createRun(mlp);
    const ra = a.step(5), rb = b.step(5);
    const losses = (records) => records.map((r) => [r.trainLoss, r.valLoss, r.valAcc]);
    expect(losses(ra)).toEqual(losses(rb));
    expect(ra.at(-1).trainLoss).toBeLessThan(ra[0].trainLoss);
    expect(a.weights().map((t) => t.name)).toEqual(b.weights().map((t) => t.name));
    a.dispose();
    b.dispose();
  });

  it('refuses a CNN, transformer or GRU spec in words naming model.kind, and validates it like the full module', () => {
    for (const [kind, spec] of [
      ['cnn', cnn],
      ['transformer', { data: { kind: 'brackets', n: 100, maxLength: 8 }, model: { kind: 'transformer', maxLength: 8 } }],
      ['gru', { data: { kind: 'brackets', n: 100, maxLength: 8 }, model: { kind: 'gru', maxLength: 8 } }],
    ]) {
      expect(core.validate(spec)).toEqual(full.validate(spec));  // the spec fields stay declared
      let error;
      try {
        core.createRun(spec);
      } catch (e) {
        error = e;
      }
      expect(error?.name).toBe('ReglabError');
      expect(error.path).toBe('model.kind');
      expect(error.message).toBe(`model.kind: "${kind}" is not in the core engine (reglab-core.wasm trains mlp only); ` +
        'load the full engine (reglab.wasm) for convolutional and sequence models');
    }
    // The module is still usable after the refusal.
    const run = core.createRun(mlp);
    expect(run.step(1)).toHaveLength(1);
    run.dispose();
  });

  it('refuses synonym replacement, random insertion and back-translation (augmentText) in words naming the field', () => {
    for (const [op, field] of [['synonym', 'augment.text.synonym'], ['insert', 'augment.text.insert'],
      ['back_translate', 'augment.text.backTranslate']]) {
      // Whatever the draw: back-translation refuses even where its coin would leave the sentence be.
      for (const seed of [1, 2, 3]) {
        const error = thrown(() => core.augmentText(sentence, op, 0.3, seed));
        expect(error?.name).toBe('ReglabError');
        expect(error.path).toBe(field);
        expect(error.message).toBe(noTables(field));
      }
      expect(full.augmentText(sentence, op, 1, 1)).not.toBe(sentence);  // the full module has the tables
    }
  });

  it('refuses a run with a table-using text augmentation when it is created, naming the field that is on', () => {
    for (const [text, field] of [[{ synonym: 0.2 }, 'augment.text.synonym'], [{ swap: 0.1, insert: 0.1 }, 'augment.text.insert'],
      [{ delete: 0.1, backTranslate: 0.5 }, 'augment.text.backTranslate']]) {
      expect(core.validate(sentiment(text))).toEqual(full.validate(sentiment(text)));
      const error = thrown(() => core.createRun(sentiment(text)));
      expect(error?.path).toBe(field);
      expect(error.message).toBe(noTables(field));
    }
    const run = full.createRun(sentiment({ synonym: 0.2, insert: 0.1, backTranslate: 0.5 }));
    expect(run.step(1)).toHaveLength(1);
    run.dispose();
  });

  it('does random swap and random deletion (no word tables) exactly as the full module, in augmentText and in training', () => {
    for (const op of ['swap', 'delete']) {
      const out = core.augmentText(sentence, op, 0.5, 4);
      expect(out).not.toBe(sentence);
      expect(out).toBe(full.augmentText(sentence, op, 0.5, 4));
    }
    const spec = sentiment({ swap: 0.2, delete: 0.1 });
    const a = core.createRun(spec), b = full.createRun(spec);
    const losses = (records) => records.map((r) => [r.trainLoss, r.valLoss, r.valAcc]);
    expect(losses(a.step(2))).toEqual(losses(b.step(2)));
    a.dispose();
    b.dispose();
  });

  it('has the same API and description as the full module, and is smaller', () => {
    expect(core.version).toBe(full.version);
    expect(core.describe()).toEqual(full.describe());
    const coreBytes = fs.statSync(wasm('reglab-core')).size, fullBytes = fs.statSync(wasm('reglab')).size;
    console.log(`reglab-core.wasm ${coreBytes} B, reglab.wasm ${fullBytes} B`);
    expect(fullBytes - coreBytes).toBeGreaterThan(100_000);
  });
});

describe('engineFor: the module a spec needs', () => {
  it('maps an mlp (and a spec without a model) to core, the CNN and the sequence models to full', () => {
    expect(engineFor({ model: { kind: 'mlp' } })).toBe('core');
    expect(engineFor({ model: { kind: 'cnn' } })).toBe('full');
    expect(engineFor({ data: { kind: 'moons' } })).toBe('core');
    expect(engineFor(undefined)).toBe('core');
    expect(engineFor({ model: { kind: 'transformer' } })).toBe('full');
    expect(engineFor('{"model":{"kind":"gru"}}')).toBe('full');
    expect(engineFor({ model: { kind: 'perceptron' } })).toBe('full');  // the full module names the unknown kind
  });

  it('maps a spec whose text augmentation reads the word tables to full, swap and deletion alone to core', () => {
    for (const op of ['synonym', 'insert', 'backTranslate']) {
      expect(engineFor({ data: { kind: 'sentiment' }, augment: { text: { [op]: 0.1 } } })).toBe('full');
      expect(engineFor(JSON.stringify({ model: { kind: 'mlp' }, augment: { text: { swap: 0.1, [op]: 0.5 } } }))).toBe('full');
      expect(engineFor({ augment: { text: { [op]: 0 } } })).toBe('core');  // 0 is off
    }
    expect(engineFor({ data: { kind: 'sentiment' }, augment: { text: { swap: 0.2, delete: 0.1 } } })).toBe('core');
    expect(engineFor({ augment: { noise: 0.1 } })).toBe('core');
    expect(engineFor({ model: { kind: 'gru' }, augment: { text: { swap: 0.2 } } })).toBe('full');
  });

  it('names each module file beside a given one, and rejects an unknown engine option', async () => {
    expect(ENGINE_MODULES).toEqual({ core: 'reglab-core', full: 'reglab' });
    expect(engineFile('https://x.org/site/engine/reglab.wasm', 'core')).toBe('https://x.org/site/engine/reglab-core.wasm');
    expect(engineFile('https://x.org/site/engine/reglab.wasm', 'full')).toBe('https://x.org/site/engine/reglab.wasm');
    await expect(createEngine({ engine: 'small' })).rejects.toMatchObject({ path: 'engine' });
  });

  it('the full module (the default) trains a CNN and a sequence model', () => {
    for (const spec of [cnn, { seed: 1, data: { kind: 'brackets', n: 100, maxLength: 8 },
      model: { kind: 'gru', embed: 4, hidden: [4], maxLength: 8 }, training: { epochs: 1, batchSize: 32 } }]) {
      const run = full.createRun(spec);
      const records = run.step(1);
      expect(records).toHaveLength(1);
      expect(Number.isFinite(records[0].trainLoss)).toBe(true);
      run.dispose();
    }
  });
});
