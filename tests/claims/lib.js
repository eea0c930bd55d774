// Plumbing shared by the claims (claims.js), their Vitest files and the runner (run.mjs): the
// presets (web/presets/*.json, the lab's own files), the engine, training a spec to the end, and
// the small statistics every claim reports (mean ± sd over seeds, paired differences, agreement).
// The metrics themselves come from the page's own pure modules (web/state/summary.js,
// web/engine/probes.js), so a number here means what the same number means in the lab.
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../web/engine/reglab.js';
import { summarize } from '../../web/state/summary.js';
import { confidenceProbe } from '../../web/engine/probes.js';
import { clone } from '../../web/state/spec.js';
import { LESSONS } from '../../web/lessons.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PRESET_DIR = path.join(ROOT, 'web/presets');

// Every claim runs over these seeds. The first is the presets' own seed, so the lab shows seed 7's
// row when the link is opened. The seed drives the data draw (data.seed = −1 follows it), the
// initial weights, the minibatch order and every dropout mask.
export const SEEDS = [7, 8, 9, 10, 11, 12, 13, 14];
// "The effect agrees across seeds": at least this fraction of seeds show it (6 of 8).
export const AGREE = 0.75;

// ---------------------------------------------------------------------------------------------
// Presets

const presetCache = new Map();

// A preset by file name ('6.2.json' or 'claim-2-bias-variance.json'), with where it came from:
// `lab` is true when a lesson of the lab lists it (the link then opens it by its id).
export function loadPreset(file) {
  if (!presetCache.has(file)) {
    const full = path.join(PRESET_DIR, file);
    const preset = JSON.parse(fs.readFileSync(full, 'utf8'));
    const id = file.replace(/\.json$/, '');
    const lab = LESSONS.some((l) => l.presets.some((p) => p.id === id));
    presetCache.set(file, { ...preset, id, file, lab });
  }
  return presetCache.get(file);
}

// The spec of the run labelled `label` in a preset (a copy: callers may edit it).
export function presetSpec(file, label) {
  const preset = loadPreset(file);
  const run = preset.runs.find((r) => r.label === label);
  if (!run) throw new Error(`${file} has no run labelled "${label}" (it has: ${preset.runs.map((r) => r.label).join(', ')})`);
  return clone(run.spec);
}

// What a report measured, as one hash: the claims (their statements, measurements and checks,
// tests/claims/claims.js) and every preset file they train (web/presets/*.json). The shipped report
// carries it, so the page and CI can tell a report measured on other specs.
export function specsHash() {
  const h = crypto.createHash('sha256');
  const files = [path.join(ROOT, 'tests/claims/claims.js'),
    ...fs.readdirSync(PRESET_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(PRESET_DIR, f))];
  for (const f of files) h.update(`${path.relative(ROOT, f)}\n`).update(fs.readFileSync(f)).update('\n');
  return h.digest('hex').slice(0, 16);
}

export const withSeed = (spec, seed) => ({ ...clone(spec), seed });

// ---------------------------------------------------------------------------------------------
// Engine

let enginePromise = null;

// One engine per process. REGLAB_MODULE may name another reglab.mjs (e.g. a dist/ build).
export function getEngine() {
  if (!enginePromise) {
    const moduleUrl = process.env.REGLAB_MODULE ? new URL(process.env.REGLAB_MODULE, `file://${process.cwd()}/`).href : undefined;
    enginePromise = createEngine(moduleUrl ? { moduleUrl } : {});
  }
  return enginePromise;
}

// Trains `spec` to its end (max epochs, early stop or divergence) and returns plain numbers: the
// records, the page's summary of them, the final train/val evaluation (for an early-stopped run:
// of the restored best weights) and the result of each named probe, a function of the finished
// run and its initial weights. Results are memoized per process: several claims train the same
// preset run (lesson 6.1's large network appears in four of them) and the engine is deterministic.
const memo = new Map();

export async function train(spec, { probes = {}, targetLoss = null } = {}) {
  const key = JSON.stringify([spec, targetLoss, Object.keys(probes).sort()]);
  if (!memo.has(key)) memo.set(key, trainOnce(spec, probes, targetLoss));
  return memo.get(key);
}

async function trainOnce(spec, probes, targetLoss) {
  const engine = await getEngine();
  await engine.loadData(spec);
  const run = engine.createRun(spec);
  try {
    const initial = run.weights();
    const records = run.step(spec.training?.epochs ?? 100000);
    const stopReason = run.stopReason;
    const diverged = stopReason === 'diverged';
    const result = {
      records, stopReason, bestEpoch: run.bestEpoch,
      summary: summarize(records, { stopReason, targetLoss }),
      final: diverged ? null : { train: run.evaluate('train'), val: run.evaluate('val') },
      probes: {},
    };
    for (const [name, probe] of Object.entries(probes)) result.probes[name] = diverged ? null : probe(run, { initial });
    return result;
  } finally {
    run.dispose();
  }
}

// Mean confidence and expected calibration error on the validation set (the lab's own probe).
export function calibration(run) {
  const val = run.data('val');
  const classes = run.outputs === 1 ? 2 : run.outputs;
  return confidenceProbe(run, val, classes, 10);
}

// ---------------------------------------------------------------------------------------------
// Statistics over seeds

export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

// Sample standard deviation (n − 1); 0 for a single value.
export function sd(xs) {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

export function describe(xs) {
  const finite = xs.filter((x) => Number.isFinite(x));
  if (!finite.length) return { mean: null, sd: null, min: null, max: null, n: 0 };
  return { mean: mean(finite), sd: sd(finite), min: Math.min(...finite), max: Math.max(...finite), n: finite.length };
}

// How many of the booleans are true, and whether that is at least AGREE of them.
export function agreement(flags) {
  const count = flags.filter(Boolean).length;
  return { count, of: flags.length, ok: count >= Math.ceil(AGREE * flags.length) };
}


// Formatting for check texts: 3 significant digits, percentages for fractions.
export function fmt(x, digits = 3) {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e4 || a < 1e-3) return x.toExponential(digits - 1);
  return Number(x.toPrecision(digits)).toString();
}
export const pm = (xs) => {
  const d = describe(xs);
  return d.n ? `${fmt(d.mean)} ± ${fmt(d.sd, 2)}` : '—';
};
export const pct = (x) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)} %`);

// ---------------------------------------------------------------------------------------------
// Measurements on weights and predictions (plain loops in double precision)

// The weight matrices of the Dense layers (biases, norm parameters, running statistics and the
// spectral-norm vectors u, v left out), as run.weights() lists them.
export const weightMatrices = (list) => list.filter((t) => /(^|\.)W$/.test(t.name));

// ‖W‖ over every weight matrix entry: the record's weightNorm, recomputed from the tensors.
export function weightNorm(list) {
  let s = 0;
  for (const t of weightMatrices(list)) for (const v of t.data) s += v * v;
  return Math.sqrt(s);
}

// ‖W − W₀‖ over every weight matrix entry.
export function distance(list, initial) {
  const start = new Map(weightMatrices(initial).map((t) => [t.name, t.data]));
  let s = 0;
  for (const t of weightMatrices(list)) {
    const w0 = start.get(t.name);
    for (let i = 0; i < t.data.length; i++) s += (t.data[i] - w0[i]) ** 2;
  }
  return Math.sqrt(s);
}

// Largest singular value of a rows × cols row-major matrix by power iteration on WᵀW, from a
// fixed start, in double precision (iterations enough for the small layers used here).
export function largestSingularValue(data, rows, cols, iterations = 300) {
  let v = Array.from({ length: cols }, (_, j) => 1 + ((j * 7919) % 13) / 13);
  let sigma = 0;
  for (let it = 0; it < iterations; it++) {
    const u = new Array(rows).fill(0);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) u[i] += data[i * cols + j] * v[j];
    const w = new Array(cols).fill(0);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[j] += data[i * cols + j] * u[i];
    const norm = Math.sqrt(w.reduce((a, x) => a + x * x, 0));
    if (!(norm > 0)) return 0;
    v = w.map((x) => x / norm);
    sigma = Math.sqrt(norm);  // ‖WᵀW v‖ → σ² as v converges
  }
  return sigma;
}

// The predicted class of every row (argmax of the probabilities; one output = P(class 1)).
export function predictedClasses(run, x, rows) {
  const p = run.predict(x, rows, { mode: 'eval' });
  const k = p.length / rows;
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    if (k === 1) { out[i] = p[i] > 0.5 ? 1 : 0; continue; }
    let best = 0;
    for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
    out[i] = best;
  }
  return out;
}

// A small seeded generator for the suite's own random draws (probe directions, fresh noise):
// mulberry32, with Box–Muller normals. Never the engine's stream.
export function seededRandom(seed) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = Math.max(uniform(), 1e-300), v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal };
}
