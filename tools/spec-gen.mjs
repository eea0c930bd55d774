// docs/spec.md is generated from engine.describe(), the same table the UI builds its controls from,
// so the documentation cannot drift from what the engine accepts.
//   node tools/spec-doc.mjs          rewrite docs/spec.md
//   node tools/spec-doc.mjs --check  exit 1 if docs/spec.md is out of date
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../web/engine/reglab.js';

const INTRO = `# The experiment spec

One plain JSON object describes a whole RegLab run: the data, the model, the loss, the
regularizers, the optimizer, augmentation and training. The lab page, the widgets, the URL, the
CLI (\`reglab run spec.json\`) and the tests all speak it. It is validated in one place
(\`cpp/src/spec/spec.cpp\`): unknown fields, wrong types and out-of-range values are refused with an
error naming the field path and the value, e.g. \`optimizer.lr: must be > 0, got -1\`. Defaults fill
whatever is omitted, so \`{}\` is a valid spec (two moons, a 64-64 ReLU net, Adam).

This page is generated from \`engine.describe()\` by \`node tools/spec-doc.mjs\`; a test fails when
it is out of date.

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
- **Optional blocks** (\`augment.mixup\`, \`augment.cutmix\`, \`regularization.spectralNorm\`,
  \`training.earlyStopping\`) are off when absent, \`null\` or \`false\`; \`true\` or an object turns them on.
- **Records.** Each epoch reports \`trainLoss\`/\`valLoss\` (data loss without the penalty, in evaluation
  mode on the whole split), \`trainAcc\`/\`valAcc\`, \`penalty\`, \`weightNorm\`, \`gradNorm\` and
  \`gradNormPreClip\` (mean over the epoch's steps), \`lr\`, \`zeroFraction\`, \`sigma\` (largest singular
  value of each dense layer's effective weight), \`time\` (ms), \`best\`, and \`diverged\`/\`changed\`
  when they apply. A run stops with \`stopReason\` \`max_epochs\`, \`early_stopping\` or \`diverged\`
  (loss not finite or above 10⁶ × the first epoch's).
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

export async function specDoc() {
  const engine = await createEngine();
  const d = engine.describe();
  const groups = new Map();
  for (const f of d.fields) {
    const g = f.path.includes('.') ? f.path.split('.')[0] : 'run';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(f);
  }
  let out = INTRO + '\n## Fields\n';
  for (const [group, fields] of groups) {
    out += `\n### ${group}\n\n| field | type | default | allowed | meaning |\n|---|---|---|---|---|\n`;
    for (const f of fields)
      out += `| \`${f.path}\` | ${f.type} | \`${cell(f.default)}\` | ${cell(range(f))} | **${cell(f.label)}.** ${cell(f.help)} |\n`;
  }
  out += '\n## Limits\n\nA spec that would not fit a browser tab is refused with a message, not run:\n\n';
  for (const [k, v] of Object.entries(d.limits)) out += `- \`${k}\`: ${v}\n`;
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = new URL('../docs/spec.md', import.meta.url);
  const text = await specDoc();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current !== text) {
      console.error('docs/spec.md is out of date: run node tools/spec-doc.mjs');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(file, text);
    console.log('wrote docs/spec.md');
  }
}
