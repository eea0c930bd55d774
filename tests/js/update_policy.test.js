// One mid-run rule: a field the page updates mid-run (UPDATABLE_FIELDS, generated from the
// declarations) is one run.update() accepts, and every other field is refused with an error
// naming it — the page and the engine agree by construction, and this checks it field by field.
import { it, expect, beforeAll } from 'vitest';
import { createEngine } from 'reglab';
import { UPDATABLE_FIELDS, isSharedField, partialSpec, getPath } from '../../web/state/spec.js';

let engine, description;
beforeAll(async () => {
  engine = await createEngine();
  await engine.loadData('digits');
  await engine.loadData('sentiment_corpus');
  description = engine.describe();
});

// Every optional block on, so each of their fields can be changed on its own.
const SPEC = {
  seed: 3, data: { kind: 'digits', trainSize: 120 }, model: { hidden: [8] },
  regularization: { spectralNorm: true }, augment: { mixup: true, cutmix: true },
  training: { epochs: 20, batchSize: 32, earlyStopping: true },
};

// Fields of one kind of network are changed on a run of that kind (a CNN's channel dropout, a
// Transformer's attention dropout); token ids take no mixup.
function specFor(path) {
  if (path.startsWith('model.conv')) return { ...SPEC, model: { kind: 'cnn', conv: [4], hidden: [8] } };
  if (path === 'model.attentionDropout') {
    return { ...SPEC, data: { kind: 'sentiment_corpus', trainSize: 120 }, augment: {},
      model: { kind: 'transformer', embed: 8, heads: 2, ffn: 16, blocks: 1, maxLength: 16 } };
  }
  return SPEC;
}

// A valid value different from the run's current one.
function changed(f, current) {
  switch (f.type) {
    case 'toggle': return !current;
    case 'boolean': return !current;
    case 'choice': return f.choices.find((c) => c !== current);
    case 'string': return `${current ?? ''}x`;
    case 'layers': return [5, 5];
    case 'rows': return [[0, 1], [1, 0], [1, 1], [0, 0]];
    case 'numbers': return [0, 1, 1, 0];
    case 'penalties': return [{ l2: 0.1 }];
    default: {
      const lo = f.ui?.min ?? f.min ?? 0, hi = f.ui?.max ?? f.max ?? 1;
      let v = lo + (hi - lo) / 4;
      if (f.type === 'integer') v = Math.round(v) === current ? Math.round(v) + 1 : Math.round(v);
      if (f.type === 'integer' && f.path === 'training.epochs') v = Math.max(v, current + 1);
      return v === current ? v / 2 : v;
    }
  }
}

it('every declared field is either updatable mid-run by both the page and the engine, or refused by the engine with its path', () => {
  const fields = [...description.fields, ...description.lists];
  expect(fields.length).toBeGreaterThan(75);
  const accepted = [], refused = [];
  for (const f of fields) {
    const run = engine.createRun(specFor(f.path));
    run.step(1);
    const value = changed(f, getPath(run.spec, f.path));
    let error = null;
    try {
      run.update(partialSpec(f.path, value));
    } catch (e) {
      error = e;
    }
    if (UPDATABLE_FIELDS.has(f.path)) {
      expect(error, `${f.path} = ${JSON.stringify(value)}`).toBe(null);
      expect(run.step(1)[0].changed, f.path).toBe(true);
      accepted.push(f.path);
    } else {
      expect(error, `${f.path} must be refused mid-run`).not.toBe(null);
      expect(error.path).toBe(f.path);
      expect(error.message).toMatch(/cannot change during a run/);
      if (isSharedField(f.path)) expect(error.message).toMatch(/changes the data/);
      refused.push(f.path);
    }
    run.dispose();
  }
  expect(accepted).toEqual([...UPDATABLE_FIELDS]);
  expect(refused).toEqual(expect.arrayContaining(['model.hidden', 'training.batchSize', 'augment.image.shift', 'training.earlyStopping.patience']));
});
