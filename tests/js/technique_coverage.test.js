// Every technique engine.describe() lists (declared in cpp/src/spec/fields.cpp) is complete:
//   controls   its fields exist in describe() with a label and a help line;
//   a preset   a file in web/presets uses one of its fields with a non-default value;
//   PyTorch    web/state/export_pytorch.js reads each of its fields (changing the field changes
//              the exported script);
//   a test     its id names a behaviour test: `it('<id>: …')` in tests/js/techniques.test.js or a
//              tests/cpp/<id>_test.cpp file (the convention docs/adding-a-technique.md describes).
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import { createEngine } from 'reglab';
import { exportPytorch } from '../../web/state/export_pytorch.js';
import { getPath, setPath } from '../../web/state/spec.js';

const root = new URL('../../', import.meta.url);
const read = (p) => fs.readFileSync(new URL(p, root), 'utf8');
const presets = fs.readdirSync(new URL('web/presets/', root)).filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, json: JSON.parse(read(`web/presets/${f}`)) }));
const jsTests = read('tests/js/techniques.test.js');
const cppTests = new Set(fs.readdirSync(new URL('tests/cpp/', root)));

let d, byPath;
beforeAll(async () => {
  const engine = await createEngine();
  d = engine.describe();
  byPath = new Map([...d.fields, ...d.lists].map((f) => [f.path, f]));
});

// A technique names fields ('loss.labelSmoothing') or whole blocks ('augment.image'): the declared
// fields at or under the path.
const fieldsUnder = (path) => [...byPath.values()].filter((f) => f.path === path || f.path.startsWith(`${path}.`));

// What the PyTorch export leaves out on purpose, and why.
const NOT_EXPORTED = {
  'augment.text': 'text augmentation rewrites sentences before the bag of words; the script trains on the exported vectors',
};

// The specs a preset holds: a lesson has runs [{spec}], a plain preset is a spec.
function specsOf(preset) {
  const out = [];
  const walk = (v) => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    if (v.spec && typeof v.spec === 'object') out.push(v.spec);
    for (const k of ['runs', 'variants', 'arms']) walk(v[k]);
    if (v.regularization || v.model || v.optimizer || v.augment || v.training || v.loss) out.push(v);
    if (v.base && typeof v.base === 'object') out.push(v.base);
  };
  walk(preset);
  return out;
}

// A value of the field different from `current` (the default when unset), as a spec would spell it.
function other(f, current = f.default) {
  switch (f.type) {
    case 'toggle': return true;
    case 'boolean': return !current;
    case 'choice': return f.choices.find((c) => c !== current);
    case 'dropout': return 0.3;
    case 'penalties': return [{ l2: 0.05 }, { l1: 0.001 }, {}];
    default: return f.default === 0 ? (f.ui?.max ?? f.max ?? 1) / 10 : f.default * 0.5;
  }
}

describe('every technique is complete', () => {
  it('describe() lists the techniques', () => {
    expect(d.techniques.length).toBeGreaterThanOrEqual(15);
  });

  it('a preset that names its own controls (the run card shows them instead of the lesson\'s) names declared fields its runs use', () => {
    const own = presets.filter((p) => p.json.controls);
    expect(own.map((p) => p.file)).toContain('6.7-text.json');
    for (const { file, json } of own)
      for (const path of json.controls) {
        const f = byPath.get(path);
        expect(f?.label, `${file}: ${path} is not a declared field with a label`).toBeTruthy();
        expect(json.runs.some((r) => getPath(r.spec, path) !== undefined), `${file}: no run sets ${path}`).toBe(true);
      }
  });

  it('has controls: each of its fields is declared with a label and a help line', () => {
    for (const t of d.techniques)
      for (const path of t.fields) {
        const fields = fieldsUnder(path);
        expect(fields.length, `${t.id}: ${path} is not a declared field`).toBeGreaterThan(0);
        for (const f of fields) {
          expect(f.label, `${t.id}: ${f.path}`).toBeTruthy();
          expect(f.help, `${t.id}: ${f.path}`).toBeTruthy();
        }
      }
  });

  it('has a preset: a file in web/presets switches it on', () => {
    for (const t of d.techniques) {
      const users = presets.filter(({ json }) => specsOf(json).some((spec) =>
        t.fields.some((path) => {
          const v = getPath(spec, path);
          const f = byPath.get(path);
          return v !== undefined && v !== false && v !== null && JSON.stringify(v) !== JSON.stringify(f?.default);
        })));
      expect(users.map((u) => u.file), `${t.id} (${t.fields.join(', ')}) is used by no preset`).not.toEqual([]);
    }
  });

  it('has a PyTorch-export mapping: changing each of its fields (one field of a block) changes the exported script', () => {
    const base = { model: { hidden: [8, 8] }, optimizer: { kind: 'sgd' }, data: { kind: 'digits' } };
    const info = { task: 'classification', classes: 10, features: 64, imageH: 8, imageW: 8, dataFile: 'data.csv' };
    const before = exportPytorch(base, info);
    for (const t of d.techniques)
      for (const path of t.fields) {
        if (NOT_EXPORTED[path]) continue;
        const fields = byPath.has(path) ? [byPath.get(path)] : fieldsUnder(path);
        const mapped = fields.filter((f) => exportPytorch(setPath(base, f.path, other(f, getPath(base, f.path) ?? f.default)), info) !== before);
        expect(mapped.length, `${t.id}: the export ignores ${path}`).toBeGreaterThan(0);
      }
  });

  it('has a behaviour test named for it', () => {
    for (const t of d.techniques) {
      const named = jsTests.includes(`it('${t.id}: `) || cppTests.has(`${t.id}_test.cpp`);
      expect(named, `${t.id}: no it('${t.id}: …') in tests/js/techniques.test.js and no tests/cpp/${t.id}_test.cpp`).toBe(true);
    }
  });
});
