// Everything generated from engine.describe() — the one declaration of each spec field
// (cpp/src/spec/fields.cpp) and of the record schema (cpp/src/train/records.cpp) — so the
// documentation, the typings and the page's tables cannot drift from what the engine accepts:
//   docs/spec.md             the spec reference
//   types/spec.gen.d.ts      the Spec and EpochRecord types (types/reglab.d.ts re-exports them)
//   web/state/fields.gen.js  the page's tables: mid-run, shared and data-panel paths, slider ranges
//                            and log scales, the techniques, the record columns
//   node tools/spec-gen.mjs          rewrite the three files (build.sh does it after the wasm build)
//   node tools/spec-gen.mjs --check  exit 1 if one is out of date
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../web/engine/reglab.js';

export const REGENERATE = 'node tools/spec-gen.mjs';

const INTRO = `# The experiment spec

One plain JSON object describes a whole RegLab run: the data, the model, the loss, the
regularizers, the optimizer, augmentation and training. The lab page, the widgets, the URL, the
CLI (\`reglab run spec.json\`) and the tests all speak it. It is validated in one place
(\`cpp/src/spec/spec.cpp\`): unknown fields, wrong types and out-of-range values are refused with an
error naming the field path and the value, e.g. \`optimizer.lr: must be > 0, got -1\`. Defaults fill
whatever is omitted, so \`{}\` is a valid spec (two moons, a 64-64 ReLU net, Adam).

This page is generated from \`engine.describe()\` by \`node tools/spec-gen.mjs\`; a test fails when
it is out of date. Each field is declared once, in \`cpp/src/spec/fields.cpp\`.

\`\`\`json
{ "version": 1, "seed": 7,
  "data": { "kind": "moons", "n": 200, "noise": 0.3, "valFraction": 0.5, "trainSize": 60 },
  "model": { "hidden": [64, 64], "activation": "relu", "dropout": 0.3, "norm": "none" },
  "loss": { "kind": "softmax_ce", "labelSmoothing": 0 },
  "regularization": { "l2": 1e-3, "l1": 0, "l1Mode": "subgradient", "clipNorm": 0, "spectralNorm": false },
  "optimizer": { "kind": "adam", "lr": 0.01, "weightDecay": 0 },
  "augment": { "noise": 0, "mixup": false, "cutmix": false },
  "training": { "epochs": 300, "batchSize": 32, "shuffle": true,
                "earlyStopping": { "patience": 20, "monitor": "val_loss", "restoreBest": true },
                "lrSchedule": { "kind": "constant" } } }
\`\`\`

## Conventions

- **Versioning.** \`version\` is the spec format (currently 1). A spec written today keeps its
  meaning: new fields get defaults that reproduce the old behaviour, and an engine refuses a spec
  newer than itself instead of guessing.
- **Seeds.** \`seed\` seeds the initial weights, the training stream (shuffling, dropout masks,
  augmentation) and, unless \`data.seed\` is set, the data draw and split. Two runs that differ only
  in regularization fields therefore start from the same data and the same initial weights.
- **Penalties** apply to weight matrices only, never to biases or normalization γ/β.
  L2 is \`(λ/2)·ΣW²\` (gradient \`λW\`); L1 is \`λ·Σ|W|\` (subgradient \`λ·sign(W)\`, \`sign(0) = 0\`, or
  the proximal soft-threshold step that gives exact zeros). With both set, the penalty is the
  ElasticNet \`l1·Σ|W| + (l2/2)·ΣW²\`. \`regularization.layers\` overrides λ per dense layer
  (\`[{ "l2": 0 }, { "l2": 1e-2 }]\`).
- **Weight decay.** \`optimizer.weightDecay\` with \`adamw\` is decoupled: \`W ← (1 − αλ)W\` before the
  Adam step. With \`sgd\`, \`momentum\`, \`nesterov\` and \`adam\` it is PyTorch's coupled form (\`λW\`
  added to the gradient) unless \`decoupled: true\` (SGDW).
- **Dropout** \`p\` is the drop probability (inverted dropout: survivors × 1/(1−p) in training,
  identity at evaluation). A number applies to every hidden layer; an array gives one rate each.
- **Batch norm** follows PyTorch: batch statistics with the biased variance, running variance
  updated with the unbiased one, \`normMomentum\` = weight of the new batch (0.1). Training needs
  batches of at least 2; a trailing batch of 1 is skipped.
- **Explicit validation and test data.** By default the validation and test sets are split off the
  data (\`valFraction\`, \`testFraction\`, stratified by class). Your own data can bring its own:
  \`data.valX\`/\`data.valY\` and \`data.testX\`/\`data.testY\` with \`kind: "inline"\` (rows as wide as
  \`data.x\`), \`data.valCsv\`/\`data.testCsv\` with \`kind: "csv"\` (the columns of \`data.csv\`: the same
  number, the same names when both files have a header, the label column by the same rule). The
  rule: a given set is used as it is and its fraction is not used; the fractions and \`trainSize\` act
  only on the training rows (\`data.x\` or \`data.csv\`), in this order: \`testFraction\` splits a test set
  off them when no test set is given, \`valFraction\` splits a validation set off them when no
  validation set is given (both as fractions of the training rows), and \`trainSize\` > 0 keeps that
  many of the rest. So with a validation set
  given and \`testFraction\` and \`trainSize\` at their default 0, every training row trains, and
  \`valLoss\`/\`valAcc\` measure exactly the given validation rows. A test set may be given without a
  validation set. Standardization is fitted on the training rows only and applied to the given
  sets; \`labelFlip\` never touches a given set. Given labels must be of the training task, and a
  class that the training rows never have is refused (\`data.valY[4]: class 3 never appears in
  data.y ...\`). Generated and shipped datasets (moons, digits, ...) take no explicit sets.
- **Optional blocks** (\`augment.mixup\`, \`augment.cutmix\`, \`regularization.spectralNorm\`,
  \`training.earlyStopping\`) are off when absent, \`null\` or \`false\`; \`true\` or an object turns them on.
- **Policy.** *mid-run*: \`run.update()\` may change the field between epochs (the run goes on and
  the chart marks the epoch); changing any other field needs a new run. *shared*: the runs of a
  lesson share it (the same data, seed and budget), so only the regularization differs between them.
`;

function cell(v) {
  if (v === undefined) return '';
  return String(typeof v === 'object' ? JSON.stringify(v) : v).replace(/\|/g, '\\|');
}

function range(f) {
  if (f.choices) return f.choices.map((c) => `\`${c}\``).join(', ');
  if (f.min === undefined && f.max === undefined) return '';
  const lo = f.min === undefined ? '' : `${f.minExclusive ? '>' : '≥'} ${f.min}`;
  const hi = f.max === undefined ? '' : `${f.maxExclusive ? '<' : '≤'} ${f.max}`;
  return [lo, hi].filter(Boolean).join(', ');
}

function policy(f) {
  return [f.midRun ? 'mid-run' : '', f.shared ? 'shared' : ''].filter(Boolean).join(', ');
}

export function specDoc(d) {
  const groups = new Map();
  for (const f of d.fields) {
    const g = f.path.includes('.') ? f.path.split('.')[0] : 'run';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(f);
  }
  let out = INTRO + '\n## Fields\n';
  for (const [group, fields] of groups) {
    out += `\n### ${group}\n\n| field | type | default | allowed | policy | meaning |\n|---|---|---|---|---|---|\n`;
    for (const f of fields)
      out += `| \`${f.path}\` | ${f.type} | \`${cell(f.default)}\` | ${cell(range(f))} | ${policy(f)} | **${cell(f.label)}.** ${cell(f.help)} |\n`;
  }
  out += '\nLists that hold data rather than settings:\n\n';
  for (const f of d.lists) out += `- \`${f.path}\` (${f.type}${f.shared ? ', shared' : ''}): **${f.label}.** ${f.help}\n`;
  out += '\n## Records\n\nEach epoch of a run reports one record (`run.step()`, the CLI\'s JSON lines, the CSV export):\n\n';
  out += '| field | type | meaning |\n|---|---|---|\n';
  for (const r of d.records) out += `| \`${r.name}\` | ${r.type}${r.nullable ? ' or null' : ''} | ${cell(r.help)} |\n`;
  out += '\nA run stops with `stopReason` `max_epochs`, `early_stopping` or `diverged` (loss not finite or\nabove 10⁶ × the first epoch\'s).\n';
  out += '\n## Limits\n\nA spec that would not fit a browser tab is refused with a message, not run:\n\n';
  for (const [k, v] of Object.entries(d.limits)) out += `- \`${k}\`: ${v}\n`;
  return out;
}

// ---- types/spec.gen.d.ts ----------------------------------------------------------------------

// Names the typings have always exported; other objects are written inline.
const TYPE_NAMES = {
  '': 'Spec', data: 'DataSpec', model: 'ModelSpec', loss: 'LossSpec', regularization: 'RegularizationSpec',
  optimizer: 'OptimizerSpec', augment: 'AugmentSpec', training: 'TrainingSpec',
  'augment.image': 'ImageAugmentSpec', 'augment.text': 'TextAugmentSpec',
};
const ALIASES = { 'data.kind': 'DataKind', 'model.activation': 'Activation' };

const literalUnion = (choices) => choices.map((c) => `'${c}'`).join(' | ');

function leafType(f) {
  switch (f.type) {
    case 'number': case 'integer': return 'number';
    case 'boolean': return 'boolean';
    case 'string': return 'string';
    case 'choice': return ALIASES[f.path] ?? literalUnion(f.choices);
    case 'layers': return 'number[]';
    case 'dropout': return 'number | number[]';
    case 'rows': return 'number[][]';
    case 'numbers': return 'number[]';
    case 'penalties': return 'Array<{ l1?: number | null; l2?: number | null }>';
    case 'conv_blocks':
      return "Array<number | { filters?: number; kernel?: number; stride?: number; padding?: 'same' | 'valid'; pool?: number; poolKind?: 'max' | 'avg' }>";
    case 'image_shape': return '[number, number, number]';
    default: throw new Error(`spec-gen: no TypeScript type for field type ${f.type} (${f.path})`);
  }
}

function doc(f, indent) {
  const def = f.default === undefined ? '' : ` (default ${JSON.stringify(f.default)})`;
  return `${indent}/** ${f.label}: ${f.help}${def} */\n`;
}

export function specTypes(d) {
  // The tree of objects: path → { fields: [[key, field]], toggle }.
  const nodes = new Map([['', { entries: [] }]]);
  const node = (path) => {
    if (!nodes.has(path)) {
      nodes.set(path, { entries: [] });
      const cut = path.lastIndexOf('.');
      const parent = cut < 0 ? '' : path.slice(0, cut);
      node(parent).entries.push([path.slice(cut + 1), { object: path }]);
    }
    return nodes.get(path);
  };
  // describe().lists (data.x/y, regularization.layers) come last in their objects, as declared.
  for (const f of [...d.fields, ...d.lists]) {
    const cut = f.path.lastIndexOf('.');
    const parent = cut < 0 ? '' : f.path.slice(0, cut);
    const key = f.path.slice(cut + 1);
    if (f.type === 'toggle') {
      node(parent);
      nodes.set(f.path, { entries: [], toggle: f });
      node(parent).entries.push([key, { object: f.path }]);
    } else {
      node(parent).entries.push([key, f]);
    }
  }
  const named = [];
  const body = (path, indent) => {
    let s = '';
    for (const [key, e] of nodes.get(path).entries) {
      if (e.object !== undefined) {
        const n = nodes.get(e.object);
        if (n.toggle) s += doc(n.toggle, indent);
        s += `${indent}${key}?: ${objectType(e.object, indent)};\n`;
      } else {
        s += doc(e, indent) + `${indent}${key}?: ${leafType(e)};\n`;
      }
    }
    return s;
  };
  const objectType = (path, indent) => {
    const n = nodes.get(path);
    let t;
    if (TYPE_NAMES[path]) {
      named.push(path);
      t = TYPE_NAMES[path];
    } else {
      t = `{\n${body(path, indent + '  ')}${indent}}`;
    }
    return n.toggle ? `boolean | ${t}` : t;
  };
  let out = `// Generated by \`${REGENERATE}\` from engine.describe() (cpp/src/spec/fields.cpp and\n` +
    '// cpp/src/train/records.cpp) — do not edit; types/reglab.d.ts re-exports these.\n' +
    '// Every spec field is optional: the engine fills the defaults (engine.validate(spec) shows them).\n\n';
  for (const [path, name] of Object.entries(ALIASES)) {
    const f = d.fields.find((x) => x.path === path);
    out += `export type ${name} = ${literalUnion(f.choices)};\n`;
  }
  objectType('', '');
  const done = new Set();
  while (named.length) {
    const path = named.shift();
    if (done.has(path)) continue;
    done.add(path);
    const comment = path === '' ? '/** An experiment. `version` keeps a saved spec meaning the same experiment as the format grows. */\n' : '';
    out += `\n${comment}export interface ${TYPE_NAMES[path]} {\n${body(path, '  ')}}\n`;
  }
  out += '\n/** One epoch of training. */\nexport interface EpochRecord {\n';
  for (const r of d.records) {
    const t = { integer: 'number', metric: 'number', millis: 'number', boolean: 'boolean', flag: 'boolean', metrics: 'number[]' }[r.type];
    if (!t) throw new Error(`spec-gen: no TypeScript type for record type ${r.type} (${r.name})`);
    out += `  /** ${r.help} */\n  ${r.name}${r.type === 'flag' ? '?' : ''}: ${t}${r.nullable ? ' | null' : ''};\n`;
  }
  return out + '}\n';
}

// ---- web/state/fields.gen.js -------------------------------------------------------------------

export function fieldTables(d) {
  const paths = (pred) => d.fields.filter(pred).map((f) => f.path);
  const dataPanel = paths((f) => f.ui?.panel === 'data');
  // The data panel lists the data first, then the run-wide settings every run shares (seed, epochs).
  dataPanel.sort((a, b) => (b.startsWith('data.') - a.startsWith('data.')));
  // One entry per line: adding a field adds a line (small diffs, easy merges).
  const js = (v) => {
    if (Array.isArray(v)) return `[\n${v.map((x) => `  ${JSON.stringify(x)},\n`).join('')}]`;
    return `{\n${Object.entries(v).map(([k, x]) => `  ${JSON.stringify(k)}: ${JSON.stringify(x)},\n`).join('')}}`;
  };
  const uiRange = Object.fromEntries(d.fields.filter((f) => f.ui?.min !== undefined).map((f) => [f.path, [f.ui.min, f.ui.max]]));
  return `// Generated by \`${REGENERATE}\` from engine.describe() (cpp/src/spec/fields.cpp and
// cpp/src/train/records.cpp) — do not edit. The page reads its field policies from here; labels,
// help lines and ranges come from engine.describe() at run time.

// Fields run.update() may change between epochs (the run goes on, the chart marks the epoch).
export const MID_RUN_PATHS = ${js(paths((f) => f.midRun))};
// Fields every run of a lesson shares: the same data, seed and budget.
export const SHARED_PATHS = ${js(paths((f) => f.shared).concat(d.lists.filter((f) => f.shared).map((f) => f.path)))};
// The lab's data panel, in display order.
export const DATA_PANEL_PATHS = ${js(dataPanel)};
// Slider ranges narrower than the engine's limits (the number box still takes any allowed value).
export const UI_RANGES = ${js(uiRange)};
// Fields moved on a log scale (0 = off sits at the left end).
export const LOG_SCALE_PATHS = ${js(paths((f) => f.ui?.log))};
// The techniques of the course and the fields that switch each on.
export const TECHNIQUES = ${js(d.techniques.map(({ id, name, lesson, fields }) => ({ id, name, lesson, fields })))};
// The record fields in order: name, type (integer metric millis boolean flag metrics), nullable.
export const RECORD_FIELDS = ${js(d.records.map(({ name, type, nullable }) => ({ name, type, nullable })))};
`;
}

// ---- all three ---------------------------------------------------------------------------------

export const OUTPUTS = {
  'docs/spec.md': specDoc,
  'types/spec.gen.d.ts': specTypes,
  'web/state/fields.gen.js': fieldTables,
};

export async function generate() {
  const engine = await createEngine();
  const d = engine.describe();
  return Object.fromEntries(Object.entries(OUTPUTS).map(([file, make]) => [file, make(d)]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = new URL('../', import.meta.url);
  const files = await generate();
  let stale = false;
  for (const [file, text] of Object.entries(files)) {
    const url = new URL(file, root);
    if (process.argv.includes('--check')) {
      const current = fs.existsSync(url) ? fs.readFileSync(url, 'utf8') : '';
      if (current !== text) {
        console.error(`${file} is out of date: run ${REGENERATE}`);
        stale = true;
      }
    } else if (!fs.existsSync(url) || fs.readFileSync(url, 'utf8') !== text) {
      fs.writeFileSync(url, text);
      console.log(`wrote ${file}`);
    }
  }
  if (stale) process.exit(1);
}
