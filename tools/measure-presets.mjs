// Measures lab presets over the claims' seeds (tests/claims/lib.js SEEDS) and prints, per run, the
// mean ± sd validation accuracy, validation loss, generalization gap, mean confidence and ECE, the
// last epoch's loss in its training steps (stepLoss) against the training loss at inference, and in
// how many seeds it beats the preset's first run. The numbers the 6.8 and 6.9 text lessons quote
// without a claim of their own come from here:
//   node tools/measure-presets.mjs 6.8-text 6.9-text
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../web/engine/reglab.js';
import { confidenceProbe } from '../web/engine/probes.js';
import { SEEDS } from '../tests/claims/lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const engine = await createEngine();
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs) => Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

for (const id of process.argv.slice(2)) {
  const preset = JSON.parse(fs.readFileSync(path.join(root, 'web/presets', `${id.replace(/\.json$/, '')}.json`), 'utf8'));
  const rows = new Map(preset.runs.map((r) => [r.label, []]));
  for (const seed of SEEDS) {
    for (const r of preset.runs) {
      const spec = { ...structuredClone(r.spec), seed };
      await engine.loadData(spec);
      const run = engine.createRun(spec);
      try {
        const records = run.step(spec.training?.epochs ?? 100);
        const last = records[records.length - 1];
        const val = run.evaluate('val'), train = run.evaluate('train');
        const c = confidenceProbe(run, run.data('val'), Math.max(2, run.outputs), 10);
        rows.get(r.label).push({ acc: val.acc, loss: val.loss, gap: val.loss - train.loss, conf: c.meanConfidence, ece: c.ece,
          step: last?.stepLoss ?? NaN, trainAtEnd: last?.trainLoss ?? NaN, stepGap: (last?.trainLoss ?? NaN) - (last?.stepLoss ?? NaN) });
      } finally {
        run.dispose();
      }
    }
  }
  const base = rows.get(preset.runs[0].label);
  console.log(`${id} (${SEEDS.length} seeds)`);
  for (const [label, list] of rows) {
    const col = (k) => list.map((x) => x[k]);
    const beats = (k, better) => list.filter((x, i) => better(x[k], base[i][k])).length;
    console.log(`  ${label.padEnd(20)} val acc ${(100 * mean(col('acc'))).toFixed(1)} ± ${(100 * sd(col('acc'))).toFixed(1)} %` +
      `  val loss ${mean(col('loss')).toFixed(3)}  gap ${mean(col('gap')).toFixed(3)}  confidence ${(100 * mean(col('conf'))).toFixed(1)} %  ECE ${mean(col('ece')).toFixed(3)}` +
      `  step loss ${mean(col('step')).toFixed(3)} train loss ${mean(col('trainAtEnd')).toFixed(3)} inference − step ${mean(col('stepGap')).toFixed(3)} ± ${sd(col('stepGap')).toFixed(3)} (|·| ${mean(col('stepGap').map(Math.abs)).toFixed(3)})` +
      `  (acc > first run in ${beats('acc', (a, b) => a > b)}/${list.length}, loss < in ${beats('loss', (a, b) => a < b)}/${list.length})`);
  }
}
