// The course module's claims, each reproduced on the engine and measured across seeds. One
// definition per claim, shared by its Vitest file (tests/claims/claim-*.test.js) and by the runner
// that writes web/claims/report.json (tests/claims/run.mjs --write; without it, build/claims/report.json):
//
//   { id, slug, lesson, title, statement,          what the course says
//     presets: [{file, runs}],                      where the runs come from (web/presets/*.json)
//     seeds, metrics: [{key, label}],               the per-seed numbers, in table order
//     measure(seed) → row,                          train the preset runs for one seed, measure
//     checks: [{id, text, core, assert, evaluate(rows) → {ok, detail}}],
//     tables?(rows) → [{caption, columns, rows}],   extra tables for the page
//     explain(result) → one line }
//
// `core` checks are the claim's own statement: all hold → "held", some → "partly", none → "not".
// `assert` checks are what the tests assert (they must hold; a failure fails the suite). Checks
// that are core but not asserted are the places where the claim does not hold on this engine in
// the measured setting; the report and the page show them as such.
import {
  SEEDS, AGREE, presetSpec, loadPreset, withSeed, train, getEngine, calibration, weightNorm, distance,
  weightMatrices, largestSingularValue, predictedClasses, seededRandom, mean, describe, agreement, fmt, pm, pct,
} from './lib.js';
import { overfittingSince } from '../../web/state/summary.js';
import { rule as sharedRule } from '../../web/claims/rules.js';

// ---------------------------------------------------------------------------------------------
// Check builders: each returns {ok, detail} from the per-seed rows.

const need = (n) => Math.ceil(AGREE * n);

// The labels of the claim whose checks are being evaluated (set by runClaim around the synchronous
// evaluation), so check details read "final gap" rather than "gapFinal".
let LABELS = {};
const label = (key) => LABELS[key] ?? key;

// The effect "a < b" seen seed by seed (paired: same seed = same data, same initial weights).
// Holds when the mean paired difference b − a exceeds `margin` and enough seeds agree.
function pairedLess(a, b, { margin = 0, unit = '' } = {}) {
  return (rows) => {
    const d = rows.map((r) => r[b] - r[a]).filter(Number.isFinite);
    const ag = agreement(rows.map((r) => r[b] - r[a] > margin));
    const m = d.length ? mean(d) : NaN;
    return {
      ok: m > margin && ag.ok,
      detail: `(${label(b)}) − (${label(a)}) = ${pm(d)}${unit}, paired by seed; ${ag.count}/${ag.of} seeds agree (needs ${need(ag.of)})`,
    };
  };
}

// A per-seed condition that must hold in every seed.
function everySeed(test, describeRow) {
  return (rows) => {
    const flags = rows.map(test);
    const count = flags.filter(Boolean).length;
    return { ok: count === rows.length, detail: `${count}/${rows.length} seeds; ${describeRow(rows)}` };
  };
}

// A per-seed condition that must hold in at least AGREE of the seeds.
function mostSeeds(test, describeRow) {
  return (rows) => {
    const ag = agreement(rows.map(test));
    return { ok: ag.ok, detail: `${ag.count}/${ag.of} seeds (needs ${need(ag.of)}); ${describeRow(rows)}` };
  };
}

// A check's evaluation from its shared rule (web/claims/rules.js): the condition the lab evaluates
// on its one run, aggregated here over the seeds. `and` adds a condition only the suite can
// measure (e.g. that the engine's records agree with a probe); `describeRow` words the detail.
function fromRule(id, { describeRow = () => '', and = null, unit = '' } = {}) {
  const r = sharedRule(id);
  if (r.less) return pairedLess(r.less[0], r.less[1], { margin: r.margin ?? 0, unit });
  if (r.within) {
    const [a, b, tol] = r.within;
    return (rows) => { const d = rows.map((x) => x[b] - x[a]); return { ok: Math.abs(mean(d)) <= tol, detail: `Δ = ${pm(d)}` }; };
  }
  const test = and ? (x) => r.test(x) && and(x) : r.test;
  return (r.over === 'every' ? everySeed : mostSeeds)(test, describeRow);
}

const range = (rows, key, f = fmt) => {
  const d = describe(rows.map((r) => r[key]));
  return d.n ? `${label(key)}: ${f(d.mean)} ± ${f === fmt ? fmt(d.sd, 2) : f(d.sd)} (range ${f(d.min)} … ${f(d.max)})` : `${label(key)}: —`;
};

// ---------------------------------------------------------------------------------------------
// Probes: measurements taken on a finished run (plain data out, so results can be memoized).

const probeCalibration = (run) => {
  const c = calibration(run);
  return { meanConfidence: c.meanConfidence, ece: c.ece };
};
const probeWeights = (run, { initial }) => {
  const w = run.weights();
  const mats = weightMatrices(w);
  let zeros = 0, small = 0, total = 0;
  for (const t of mats) for (const v of t.data) { total++; if (v === 0) zeros++; if (Math.abs(v) < 1e-3) small++; }
  return { norm: weightNorm(w), initialNorm: weightNorm(initial), fromInit: distance(w, initial), zeroFraction: zeros / total, smallFraction: small / total };
};
// Validation loss of the longer half of the sentences minus that of the shorter half (split at the
// median number of real tokens; token ids per row, 0 = padding): how much a sequence model's
// errors grow with the length of what it reads.
const probeLengthGap = (run) => {
  const v = run.data('val');
  const L = v.features, C = run.outputs;
  const lengths = Array.from({ length: v.rows }, (_, i) => v.x.subarray(i * L, (i + 1) * L).reduce((k, id) => k + (id !== 0), 0));
  const median = [...lengths].sort((a, b) => a - b)[v.rows >> 1];
  const p = run.predict(v.x, v.rows, { mode: 'eval' });
  const sum = [0, 0], count = [0, 0];
  for (let i = 0; i < v.rows; i++) {
    const half = lengths[i] <= median ? 0 : 1;
    const q = C === 1 ? (v.labels[i] === 1 ? p[i] : 1 - p[i]) : p[i * C + v.labels[i]];
    sum[half] -= Math.log(Math.max(q, 1e-7));
    count[half]++;
  }
  return sum[1] / count[1] - sum[0] / count[0];
};
const probeValClasses = (run) => {
  const v = run.data('val');
  return Array.from(predictedClasses(run, v.x, v.rows));
};
// Two training-mode passes differ (dropout masks); two evaluation passes are identical.
const probeDropoutPasses = (run) => {
  const v = run.data('val');
  const maxDiff = (p, q) => p.reduce((m, x, i) => Math.max(m, Math.abs(x - q[i])), 0);
  const t1 = run.predict(v.x, v.rows, { mode: 'train' }), t2 = run.predict(v.x, v.rows, { mode: 'train' });
  const e1 = run.predict(v.x, v.rows, { mode: 'eval' }), e2 = run.predict(v.x, v.rows, { mode: 'eval' });
  return { trainDiff: maxDiff(t1, t2), evalDiff: maxDiff(e1, e2) };
};
// σ of every effective weight matrix W/σ̂ (σ̂ = uᵀWv, the estimate the engine divides by), with σ
// computed here by a long power iteration; and an empirical Lipschitz constant of the logit map:
// the largest |Δ(z₁ − z₀)| / (√2·‖Δx‖) over small random steps from every validation point
// (z₁ − z₀ = log p₁ − log p₀ for the two-class softmax; |Δ(z₁ − z₀)| ≤ √2‖Δz‖ ≤ √2·L‖Δx‖).
const probeSpectral = (run) => {
  if (run.outputs !== 2) throw new Error(`the spectral-norm probe reads two-class softmax logits; this run has ${run.outputs} outputs`);
  const w = run.weights();
  const byName = new Map(w.map((t) => [t.name, t]));
  const sigmas = [];
  for (const t of weightMatrices(w)) {
    const [rows, cols] = t.shape;
    const layer = t.name.replace(/\.W$/, '');
    const u = byName.get(`${layer}.u`), v = byName.get(`${layer}.v`);
    let scale = 1;
    if (u && v) {
      let s = 0;
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) s += u.data[i] * t.data[i * cols + j] * v.data[j];
      scale = 1 / Math.abs(s);
    }
    sigmas.push(scale * largestSingularValue(t.data, rows, cols));
  }
  const val = run.data('val');
  const f = val.features, n = val.rows, eps = 1e-2;
  const rand = seededRandom(1234);
  const x = new Float32Array(2 * n * f);
  const steps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = Array.from({ length: f }, () => rand.normal());
    const norm = Math.hypot(...d);
    let step = 0;
    for (let k = 0; k < f; k++) {
      x[2 * i * f + k] = val.x[i * f + k];
      x[(2 * i + 1) * f + k] = val.x[i * f + k] + (eps * d[k]) / norm;
      step += (x[(2 * i + 1) * f + k] - x[2 * i * f + k]) ** 2;  // the step as float32 holds it
    }
    steps[i] = Math.sqrt(step);
  }
  const p = run.predict(x, 2 * n);
  let lipschitz = 0, used = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.log(p[4 * i + 1]) - Math.log(p[4 * i]), b = Math.log(p[4 * i + 3]) - Math.log(p[4 * i + 2]);
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;  // saturated probabilities
    used++;
    lipschitz = Math.max(lipschitz, Math.abs(a - b) / (Math.SQRT2 * steps[i]));
  }
  return { sigmas, lipschitz, lipschitzPoints: used };
};

const maxSigmaOverEpochs = (records) => Math.max(...records.flatMap((r) => r.sigma));
const acc = (res) => res.final?.val.acc ?? null;
const valLoss = (res) => res.final?.val.loss ?? null;
const gap = (res) => (res.final ? res.final.val.loss - res.final.train.loss : null);

// ---------------------------------------------------------------------------------------------
// Claim 2's bias–variance measurement: the engine's sweep, plus an independent replication of its
// cheapest capacities through the public run API to check the decomposition with fresh noise.

async function biasVarianceRow(block, seed, { replicate }) {
  const engine = await getEngine();
  const spec = withSeed(block.spec, seed);
  const sweep = engine.biasVariance(spec, block.options);
  const row = {
    bias2: sweep.map((r) => r.bias2), variance: sweep.map((r) => r.variance), total: sweep.map((r) => r.total),
    noise: sweep[0].noise,
    // the direct mean squared error against the truth + σ², computed apart from its parts
    identityError: Math.max(...sweep.map((r) => Math.abs(r.testMse - r.total) / r.total)),
  };
  const last = sweep.length - 1;
  const argmin = row.total.indexOf(Math.min(...row.total));
  Object.assign(row, {
    bias2First: row.bias2[0], bias2Last: row.bias2[last], varianceFirst: row.variance[0], varianceLast: row.variance[last],
    bestCapacity: argmin, interiorMinimum: argmin > 0 && argmin < last ? 1 : 0,
  });
  if (replicate) Object.assign(row, replicateBiasVariance(engine, spec, block.options, sweep, replicate));
  return row;
}

// Trains the sweep's K networks for the first `count` capacities with engine.createRun (the same
// specs the sweep builds: data seed = seed·1000 + k, inputs left in [0, 1]), checks that their
// bias² and variance equal the sweep's, and measures their expected squared error against fresh
// noisy targets y = f(x) + ε, with ε drawn from the engine's own sine generator (a separate large
// draw). That error must equal bias² + variance + noise.
function replicateBiasVariance(engine, spec, options, sweep, count) {
  const K = options.K, T = options.grid ?? 64;
  const grid = Float32Array.from({ length: T }, (_, t) => (t + 0.5) / T);
  const f = Array.from(grid, (x) => Math.sin(2 * Math.PI * x));
  // The generator’s noise: residuals y − sin(2πx) of a large draw (10⁵ points: σ² to ±0.5 %).
  const big = engine.createRun({ ...spec, data: { ...spec.data, n: 200000, valFraction: 0.5, seed: spec.seed * 1000 + 999, standardize: false } });
  const d = big.data('train');
  const residuals = Array.from(d.y, (y, i) => y - Math.sin(2 * Math.PI * d.x[i]));
  big.dispose();
  const noiseMeasured = mean(residuals.map((e) => e * e));
  const rand = seededRandom(spec.seed);
  let parts = 0, direct = 0, fresh = 0;
  for (let c = 0; c < count; c++) {
    const P = [];
    for (let k = 0; k < K; k++) {
      const s = { ...spec, model: { ...spec.model, hidden: options.capacities[c], dropout: 0 }, data: { ...spec.data, seed: spec.seed * 1000 + k, standardize: false } };
      const run = engine.createRun(s);
      run.step(s.training.epochs);
      P.push(Array.from(run.predict(grid, T)));
      run.dispose();
    }
    const avg = f.map((_, j) => mean(P.map((p) => p[j])));
    const bias2 = mean(avg.map((m, j) => (m - f[j]) ** 2));
    const variance = mean(avg.map((m, j) => mean(P.map((p) => (p[j] - m) ** 2))));
    parts = Math.max(parts, Math.abs(bias2 - sweep[c].bias2) / sweep[c].bias2, Math.abs(variance - sweep[c].variance) / sweep[c].variance);
    // Fresh targets: 100 noise draws per grid point per model.
    let se = 0, m = 0;
    for (const p of P) for (let j = 0; j < T; j++) for (let r = 0; r < 100; r++) {
      const y = f[j] + residuals[Math.floor(rand.uniform() * residuals.length)];
      se += (y - p[j]) ** 2;
      m++;
    }
    fresh = Math.max(fresh, Math.abs(se / m - sweep[c].total) / sweep[c].total);
    direct = Math.max(direct, Math.abs(mean(P.flatMap((p) => p.map((v, j) => (v - f[j]) ** 2))) + sweep[c].noise - sweep[c].total) / sweep[c].total);
  }
  return {
    replicationError: parts, freshNoiseError: fresh, replicatedIdentityError: direct,
    noiseError: Math.abs(noiseMeasured - sweep[0].noise) / sweep[0].noise,
  };
}

const capacityLabel = (h) => `[${h.join(',')}]`;

function biasVarianceTable(caption, block, rows, prefix) {
  const caps = block.options.capacities;
  return {
    caption,
    columns: ['hidden layers', 'bias²', 'variance', 'noise σ²', 'total', 'lowest total in'],
    rows: caps.map((h, c) => [
      capacityLabel(h), pm(rows.map((r) => r[`${prefix}bias2`][c])), pm(rows.map((r) => r[`${prefix}variance`][c])),
      fmt(rows[0][`${prefix}noise`]), pm(rows.map((r) => r[`${prefix}total`][c])),
      `${rows.filter((r) => r[`${prefix}bestCapacity`] === c).length}/${rows.length} seeds`,
    ]),
  };
}

// ---------------------------------------------------------------------------------------------
// The claims

const BV_PRESET = 'claim-2-bias-variance.json';

export const CLAIMS = [
  {
    id: '1', slug: 'overfitting', lesson: '6.1',
    title: 'Overfitting: training loss falls, validation loss turns and rises, the gap grows',
    statement: 'With a high-capacity net on a small noisy train set, train loss keeps decreasing while validation loss reaches a minimum and rises; the gap grows.',
    presets: [{ file: '6.1.json', runs: ['large [128,128]', 'small [8]'] }],
    seeds: SEEDS,
    metrics: [
      { key: 'minEpoch', label: 'epoch of the lowest val loss' }, { key: 'valMin', label: 'lowest val loss' },
      { key: 'valFinal', label: 'final val loss' }, { key: 'trainAtMin', label: 'train loss at that epoch' },
      { key: 'trainFinal', label: 'final train loss' }, { key: 'gapAtMin', label: 'gap at that epoch' },
      { key: 'gapFinal', label: 'final gap' }, { key: 'smallGap', label: 'final gap, small [8]' },
      { key: 'flagged', label: 'lab flags overfitting (1 = yes)' },
    ],
    async measure(seed) {
      const large = await train(withSeed(presetSpec('6.1.json', 'large [128,128]'), seed));
      const small = await train(withSeed(presetSpec('6.1.json', 'small [8]'), seed));
      const recs = large.records;
      const best = recs.reduce((b, r) => (r.valLoss < b.valLoss ? r : b), recs[0]);
      const last = recs[recs.length - 1];
      return {
        minEpoch: best.epoch, valMin: best.valLoss, valFinal: last.valLoss, trainAtMin: best.trainLoss, trainFinal: last.trainLoss,
        gapAtMin: best.valLoss - best.trainLoss, gapFinal: last.valLoss - last.trainLoss, smallGap: gap(small),
        flagged: overfittingSince(recs) !== null ? 1 : 0, epochs: last.epoch,
      };
    },
    checks: [
      { id: 'train-falls', text: 'Training loss keeps falling after the validation minimum (final < at the minimum)', core: true, assert: true,
        evaluate: fromRule('1/train-falls', { describeRow: (rows) => `${range(rows, 'trainAtMin')} → ${range(rows, 'trainFinal')}` }) },
      { id: 'val-turns', text: 'Validation loss has its minimum well before the end (≥ 10 epochs) and ends ≥ 10 % above it', core: true, assert: true,
        evaluate: fromRule('1/val-turns', { describeRow: (rows) => `${range(rows, 'minEpoch')}; ${range(rows, 'valMin')} → ${range(rows, 'valFinal')}; the lab’s overfitting flag is raised in ${rows.filter((r) => r.flagged).length}/${rows.length}` }) },
      { id: 'gap-grows', text: 'The gap grows: final gap > gap at the validation minimum', core: true, assert: true, evaluate: pairedLess('gapAtMin', 'gapFinal') },
      { id: 'large-vs-small', text: 'The large network ends with a larger gap than the small one (the lab preset’s claim)', core: false, assert: true, evaluate: fromRule('1/large-vs-small') },
    ],
    explain: ({ summary }) => `The large net’s validation loss bottoms out near epoch ${fmt(summary.minEpoch.mean, 2)} at ${fmt(summary.valMin.mean)} and climbs to ${fmt(summary.valFinal.mean)} while its training loss falls to ${fmt(summary.trainFinal.mean)}.`,
  },

  {
    id: '2', slug: 'bias-variance', lesson: '6.1',
    title: 'Bias–variance: bias² falls and variance rises with capacity; the total is U-shaped',
    statement: 'As capacity grows, bias² falls and variance rises; total error ≈ bias² + variance + noise, with a U-shaped minimum (1-D sine regression, K ≥ 20 bootstrap fits; the identity holds numerically within 2 %).',
    presets: [{ file: BV_PRESET, runs: [] }, { file: '6.1.json', runs: [], note: 'its biasVariance block, run with K = 20' }],
    // K = 20 networks × 5 capacities × 2 settings per seed: the suite's longest claim, so 5 seeds.
    seeds: SEEDS.slice(0, 5),
    metrics: [
      { key: 'bias2First', label: 'bias², smallest net' }, { key: 'bias2Last', label: 'bias², largest net' },
      { key: 'varianceFirst', label: 'variance, smallest net' }, { key: 'varianceLast', label: 'variance, largest net' },
      { key: 'bestCapacity', label: 'capacity with the lowest total (index)' }, { key: 'identityError', label: 'max |direct MSE + σ² − total| / total' },
      { key: 'replicationError', label: 'replication vs sweep (max rel. diff)' }, { key: 'freshNoiseError', label: 'fresh-noise error vs total (max rel. diff)' },
      { key: 'noiseError', label: 'generator noise vs σ² (rel. diff)' },
      { key: 'lab.bias2First', label: 'lab preset: bias², smallest net' }, { key: 'lab.bias2Last', label: 'lab preset: bias², largest net' },
      { key: 'lab.varianceFirst', label: 'lab preset: variance, smallest net' }, { key: 'lab.varianceLast', label: 'lab preset: variance, largest net' },
      { key: 'lab.bestCapacity', label: 'lab preset: lowest total (index)' },
    ],
    async measure(seed) {
      const block = loadPreset(BV_PRESET).biasVariance;
      const lab = loadPreset('6.1.json').biasVariance;
      const row = await biasVarianceRow(block, seed, { replicate: 2 });
      const labRow = await biasVarianceRow({ spec: lab.spec, options: { ...lab.options, K: Math.max(20, lab.options.K) } }, seed, { replicate: 0 });
      for (const [k, v] of Object.entries(labRow)) row[`lab.${k}`] = v;
      return row;
    },
    checks: [
      { id: 'bias-falls', text: 'bias² falls from the smallest to the largest network', core: true, assert: true, evaluate: pairedLess('bias2Last', 'bias2First') },
      { id: 'variance-rises', text: 'Variance rises from the smallest to the largest network', core: true, assert: true, evaluate: pairedLess('varianceFirst', 'varianceLast') },
      { id: 'identity', text: 'total = bias² + variance + noise within 2 %: against the direct MSE, a replication through createRun, fresh noisy targets, and the generator’s real noise', core: true, assert: true,
        evaluate: (rows) => {
          const worst = Math.max(...rows.flatMap((r) => [r.identityError, r.replicationError, r.freshNoiseError, r.replicatedIdentityError, r.noiseError, r['lab.identityError']]));
          return { ok: worst <= 0.02, detail: `largest relative difference ${pct(worst)} (direct ${pct(Math.max(...rows.map((r) => r.identityError)))}, replication ${pct(Math.max(...rows.map((r) => r.replicationError)))}, fresh noise ${pct(Math.max(...rows.map((r) => r.freshNoiseError)))}, generator noise ${pct(Math.max(...rows.map((r) => r.noiseError)))})` };
        } },
      { id: 'u-shape', text: 'U-shape: the lowest total lies at an intermediate capacity (claims preset)', core: true, assert: true,
        evaluate: mostSeeds((r) => r.interiorMinimum === 1, (rows) => `lowest total per seed at ${rows.map((r) => capacityLabel(loadPreset(BV_PRESET).biasVariance.options.capacities[r.bestCapacity])).join(', ')}; capacities ${loadPreset(BV_PRESET).biasVariance.options.capacities.map(capacityLabel).join(' ')}`) },
      { id: 'u-shape-lab', text: 'U-shape with the lab’s lesson 6.1 block (K raised to 20): the lowest total at an intermediate capacity', core: true, assert: false,
        evaluate: mostSeeds((r) => r['lab.interiorMinimum'] === 1, (rows) => `lowest total per seed at ${rows.map((r) => capacityLabel(loadPreset('6.1.json').biasVariance.options.capacities[r['lab.bestCapacity']])).join(', ')}; capacities ${loadPreset('6.1.json').biasVariance.options.capacities.map(capacityLabel).join(' ')}`) },
      { id: 'lab-trends', text: 'Lab block: bias² falls and variance rises from the smallest to the largest network', core: false, assert: true,
        evaluate: mostSeeds((r) => r['lab.bias2Last'] < r['lab.bias2First'] && r['lab.varianceLast'] > r['lab.varianceFirst'], (rows) => `${range(rows, 'lab.bias2First')} → ${range(rows, 'lab.bias2Last')}; ${range(rows, 'lab.varianceFirst')} → ${range(rows, 'lab.varianceLast')}`) },
    ],
    tables: (rows) => [
      biasVarianceTable(`Claims preset (${BV_PRESET}): mean ± sd over ${rows.length} seeds, K = ${loadPreset(BV_PRESET).biasVariance.options.K}`, loadPreset(BV_PRESET).biasVariance, rows, ''),
      biasVarianceTable(`Lab preset (6.1.json biasVariance block, K = 20): mean ± sd over ${rows.length} seeds`, loadPreset('6.1.json').biasVariance, rows, 'lab.'),
    ],
    explain: ({ rows, checks }) => {
      const labLast = rows[0]['lab.total'].length - 1;
      const labAtLargest = rows.filter((r) => r['lab.bestCapacity'] === labLast).length;
      const main = checks['u-shape'].ok
        ? `With noise σ = 0.5 and 800 epochs, bias² falls and variance rises with capacity and the total is U-shaped (lowest at [8,8] or [32,32]); the identity holds to within ${pct(Math.max(...rows.map((r) => Math.max(r.identityError, r.freshNoiseError, r.noiseError))))}.`
        : 'bias² and variance move as the course says, but the total error is not U-shaped across these capacities.';
      return checks['u-shape-lab'].ok ? main
        : `${main} The lab’s own 6.1 block (σ = 0.3, 15 training points, 500 epochs) shows no U: its largest net [128,128] has the lowest total in ${labAtLargest}/${rows.length} seeds, because its drop in bias² outweighs its rise in variance within that budget.`;
    },
  },

  {
    id: '3', slug: 'l2', lesson: '6.2',
    title: 'L2 shrinks the weights and narrows the gap',
    statement: 'L2 shrinks weights (smaller weight norm) and narrows the gap on an overfitting preset.',
    presets: [{ file: '6.2.json', runs: ['none', 'L2 λ=0.01'] }],
    seeds: SEEDS,
    metrics: [
      { key: 'normNone', label: '‖W‖ none' }, { key: 'normL2', label: '‖W‖ L2' },
      { key: 'gapNone', label: 'gap none' }, { key: 'gapL2', label: 'gap L2' },
      { key: 'valLossNone', label: 'val loss none' }, { key: 'valLossL2', label: 'val loss L2' },
    ],
    async measure(seed) {
      const none = await train(withSeed(presetSpec('6.2.json', 'none'), seed));
      const l2 = await train(withSeed(presetSpec('6.2.json', 'L2 λ=0.01'), seed));
      return {
        normNone: none.summary.weightNorm, normL2: l2.summary.weightNorm, gapNone: gap(none), gapL2: gap(l2),
        valLossNone: valLoss(none), valLossL2: valLoss(l2),
      };
    },
    checks: [
      { id: 'norm', text: 'L2 ends with a smaller weight norm', core: true, assert: true, evaluate: fromRule('3/norm') },
      { id: 'gap', text: 'L2 ends with a smaller generalization gap', core: true, assert: true, evaluate: fromRule('3/gap') },
      { id: 'val', text: 'L2 ends with a lower validation loss', core: false, assert: true, evaluate: fromRule('3/val') },
    ],
    explain: ({ summary }) => `λ = 0.01 cuts ‖W‖ from ${fmt(summary.normNone.mean)} to ${fmt(summary.normL2.mean)} and the gap from ${fmt(summary.gapNone.mean)} to ${fmt(summary.gapL2.mean)}.`,
  },

  {
    id: '4', slug: 'l1-sparsity', lesson: '6.2',
    title: 'L1 with the proximal update sets many weights to exactly zero; L2 does not',
    statement: 'L1 makes weights sparse (a large fraction exactly zero with the proximal update) where L2 does not.',
    presets: [{ file: '6.2.json', runs: ['L1 λ=0.01', 'L2 λ=0.01'] }, { file: 'claim-4-l1-subgradient.json', runs: ['L1 λ=0.01 · subgradient'] }],
    seeds: SEEDS,
    metrics: [
      { key: 'zeroL1', label: 'exact zeros, L1 proximal' }, { key: 'zeroL2', label: 'exact zeros, L2' },
      { key: 'zeroL1Sub', label: 'exact zeros, L1 subgradient' }, { key: 'smallL1Sub', label: '|w| < 10⁻³, L1 subgradient' },
      { key: 'smallL2', label: '|w| < 10⁻³, L2' }, { key: 'smallL1', label: '|w| < 10⁻³, L1 proximal' },
    ],
    async measure(seed) {
      const probes = { weights: probeWeights };
      const l1 = await train(withSeed(presetSpec('6.2.json', 'L1 λ=0.01'), seed), { probes });
      const l2 = await train(withSeed(presetSpec('6.2.json', 'L2 λ=0.01'), seed), { probes });
      const sub = await train(withSeed(presetSpec('claim-4-l1-subgradient.json', 'L1 λ=0.01 · subgradient'), seed), { probes });
      return {
        zeroL1: l1.probes.weights.zeroFraction, zeroL2: l2.probes.weights.zeroFraction, zeroL1Sub: sub.probes.weights.zeroFraction,
        smallL1Sub: sub.probes.weights.smallFraction, smallL2: l2.probes.weights.smallFraction, smallL1: l1.probes.weights.smallFraction,
        recordZeroL1: l1.summary.zeroFraction,
      };
    },
    checks: [
      { id: 'l1-sparse', text: 'L1 (proximal) leaves at least 20 % of the weights exactly zero', core: true, assert: true,
        evaluate: fromRule('4/l1-sparse', { and: (r) => Math.abs(r.zeroL1 - r.recordZeroL1) < 1e-6, describeRow: (rows) => `${range(rows, 'zeroL1', pct)}; the records’ zeroFraction agrees` }) },
      { id: 'l2-dense', text: 'L2 leaves (almost) no weight exactly zero (< 1 %)', core: true, assert: true,
        evaluate: fromRule('4/l2-dense', { describeRow: (rows) => range(rows, 'zeroL2', pct) }) },
      { id: 'subgradient', text: 'It is the proximal step that makes exact zeros: the subgradient update leaves < 1 % exactly zero', core: false, assert: true,
        evaluate: everySeed((r) => r.zeroL1Sub < 0.01, (rows) => `${range(rows, 'zeroL1Sub', pct)}; ${range(rows, 'smallL1Sub', pct)}`) },
    ],
    explain: ({ summary }) => `${pct(summary.zeroL1.mean)} of the weights are exactly 0 with the proximal L1 step, ${pct(summary.zeroL2.mean)} with L2 and ${pct(summary.zeroL1Sub.mean)} with the L1 subgradient (which only hovers near zero).`,
  },

  {
    id: '5', slug: 'dropout', lesson: '6.3',
    title: 'Dropout narrows the gap; training passes are random, evaluation is deterministic',
    statement: 'Dropout reduces the train/val gap on an overfitting preset; outputs differ per training-mode pass and are deterministic in eval mode.',
    presets: [{ file: '6.3.json', runs: ['no dropout', 'dropout 0.5'] }],
    seeds: SEEDS,
    metrics: [
      { key: 'gapNone', label: 'gap, no dropout' }, { key: 'gapDropout', label: 'gap, dropout 0.5' },
      { key: 'valLossNone', label: 'val loss, no dropout' }, { key: 'valLossDropout', label: 'val loss, dropout 0.5' },
      { key: 'trainPassDiff', label: 'max |Δp| between two training-mode passes' }, { key: 'evalPassDiff', label: 'max |Δp| between two eval passes' },
      { key: 'noDropoutTrainPassDiff', label: 'max |Δp|, training-mode passes without dropout' },
    ],
    async measure(seed) {
      const probes = { passes: probeDropoutPasses };
      const none = await train(withSeed(presetSpec('6.3.json', 'no dropout'), seed), { probes });
      const drop = await train(withSeed(presetSpec('6.3.json', 'dropout 0.5'), seed), { probes });
      return {
        gapNone: gap(none), gapDropout: gap(drop), valLossNone: valLoss(none), valLossDropout: valLoss(drop),
        trainPassDiff: drop.probes.passes.trainDiff, evalPassDiff: drop.probes.passes.evalDiff, noDropoutTrainPassDiff: none.probes.passes.trainDiff,
      };
    },
    checks: [
      { id: 'gap', text: 'Dropout ends with a smaller generalization gap', core: true, assert: true, evaluate: fromRule('5/gap') },
      { id: 'train-random', text: 'Two training-mode passes over the validation set differ (without dropout they do not)', core: true, assert: true,
        evaluate: everySeed((r) => r.trainPassDiff > 1e-4 && r.noDropoutTrainPassDiff === 0, (rows) => range(rows, 'trainPassDiff')) },
      { id: 'eval-deterministic', text: 'Two evaluation-mode passes are bit-identical', core: true, assert: true,
        evaluate: everySeed((r) => r.evalPassDiff === 0, (rows) => range(rows, 'evalPassDiff')) },
      { id: 'val', text: 'Dropout also ends with a lower validation loss', core: false, assert: false, evaluate: fromRule('5/val') },
    ],
    explain: ({ summary }) => `Dropout 0.5 narrows the final gap from ${fmt(summary.gapNone.mean)} to ${fmt(summary.gapDropout.mean)}; training-mode passes differ by up to ${fmt(summary.trainPassDiff.mean)} in probability, evaluation passes by exactly 0.`,
  },

  {
    id: '6', slug: 'batchnorm', lesson: '6.4',
    title: 'BatchNorm trains a deep net faster and at a higher learning rate, but depends on the batch size; LayerNorm does not',
    statement: 'BatchNorm allows a higher learning rate / converges in fewer epochs on a deeper net; it is sensitive to batch size while LayerNorm is not (batch sizes 2 vs 64).',
    presets: [
      { file: '6.4.json', runs: ['no BN', 'BN pre-activation'] },
      { file: 'claim-6-batchnorm-high-lr.json', runs: ['no BN · lr 1.0', 'BN pre-activation · lr 1.0'] },
      { file: '6.5.json', runs: ['BN · batch 2', 'BN · batch 64', 'LN · batch 2', 'LN · batch 64'] },
      { file: '6.4-cnn.json', runs: ['no BN · lr 0.01', 'no BN · lr 0.1', 'BN · lr 0.1'] },
    ],
    seeds: SEEDS,
    metrics: [
      { key: 'epochsNoBN', label: 'epochs to train loss 0.5, no BN (lr 0.1)' }, { key: 'epochsBN', label: 'epochs to 0.5, BN (lr 0.1)' },
      { key: 'finalTrainNoBN', label: 'train loss at 200, no BN' }, { key: 'finalTrainBN', label: 'train loss at 200, BN' },
      { key: 'highNoBNReached', label: 'lr 1.0, no BN reaches 0.5 (1/0)' }, { key: 'highBNReached', label: 'lr 1.0, BN reaches 0.5 (1/0)' },
      { key: 'highBNEpochs', label: 'lr 1.0, BN epochs to 0.5' },
      { key: 'bn2', label: 'val loss BN · 2' }, { key: 'bn64', label: 'val loss BN · 64' }, { key: 'ln2', label: 'val loss LN · 2' }, { key: 'ln64', label: 'val loss LN · 64' },
      { key: 'bnShift', label: '|BN 2 − BN 64|' }, { key: 'lnShift', label: '|LN 2 − LN 64|' },
      { key: 'cnnLossLow', label: 'CNN: train loss after 15 epochs, no BN lr 0.01' }, { key: 'cnnLossNoBN', label: 'CNN: train loss, no BN lr 0.1' },
      { key: 'cnnLossBN', label: 'CNN: train loss, BN lr 0.1' },
      { key: 'cnnAccLow', label: 'CNN: val acc, no BN lr 0.01' }, { key: 'cnnAccNoBN', label: 'CNN: val acc, no BN lr 0.1' }, { key: 'cnnAccBN', label: 'CNN: val acc, BN lr 0.1' },
      { key: 'cnnEpochsNoBN', label: 'CNN: epochs to train loss 0.5, no BN lr 0.1' }, { key: 'cnnEpochsBN', label: 'CNN: epochs to 0.5, BN lr 0.1' },
    ],
    async measure(seed) {
      const target = loadPreset('6.4.json').targetLoss;
      const t = async (file, label) => train(withSeed(presetSpec(file, label), seed), { targetLoss: loadPreset(file).targetLoss ?? target });
      const [noBN, bn] = [await t('6.4.json', 'no BN'), await t('6.4.json', 'BN pre-activation')];
      const [hiNo, hiBN] = [await t('claim-6-batchnorm-high-lr.json', 'no BN · lr 1.0'), await t('claim-6-batchnorm-high-lr.json', 'BN pre-activation · lr 1.0')];
      const v = {};
      for (const [k, label] of [['bn2', 'BN · batch 2'], ['bn64', 'BN · batch 64'], ['ln2', 'LN · batch 2'], ['ln64', 'LN · batch 64']]) v[k] = valLoss(await t('6.5.json', label));
      // The same question on a CNN on Fashion-MNIST photos (lesson 6.4's CNN variant).
      for (const [k, label] of [['Low', 'no BN · lr 0.01'], ['NoBN', 'no BN · lr 0.1'], ['BN', 'BN · lr 0.1']]) {
        const res = await t('6.4-cnn.json', label);
        Object.assign(v, { [`cnnLoss${k}`]: res.summary.diverged ? Infinity : res.summary.trainLoss, [`cnnAcc${k}`]: acc(res) ?? 0,
          [`cnnEpochs${k}`]: res.summary.epochsToTarget });
      }
      return {
        epochsNoBN: noBN.summary.epochsToTarget, epochsBN: bn.summary.epochsToTarget,
        finalTrainNoBN: noBN.summary.trainLoss, finalTrainBN: bn.summary.trainLoss,
        highNoBNReached: Number.isFinite(hiNo.summary.epochsToTarget) ? 1 : 0, highNoBNDiverged: hiNo.summary.diverged,
        highBNReached: Number.isFinite(hiBN.summary.epochsToTarget) ? 1 : 0, highBNEpochs: hiBN.summary.epochsToTarget,
        ...v, bnShift: Math.abs(v.bn2 - v.bn64), lnShift: Math.abs(v.ln2 - v.ln64),
      };
    },
    checks: [
      { id: 'fewer-epochs', text: 'At lr 0.1, BatchNorm reaches training loss 0.5 in fewer epochs', core: true, assert: true, evaluate: fromRule('6/fewer-epochs', { unit: ' epochs' }) },
      { id: 'higher-lr', text: 'At lr 1.0, BatchNorm still reaches training loss 0.5 while the plain net does not (it diverges or stalls)', core: true, assert: true,
        evaluate: mostSeeds((r) => r.highBNReached === 1 && r.highNoBNReached === 0, (rows) => `BN reached in ${rows.filter((r) => r.highBNReached).length}/${rows.length} (${range(rows, 'highBNEpochs')} epochs); plain reached in ${rows.filter((r) => r.highNoBNReached).length}/${rows.length}, diverged in ${rows.filter((r) => r.highNoBNDiverged).length}/${rows.length}`) },
      { id: 'batch-sensitivity', text: 'Going from batch 64 to batch 2 moves BatchNorm’s validation loss more than LayerNorm’s', core: true, assert: true, evaluate: fromRule('6/batch-sensitivity') },
      { id: 'ln-stable', text: 'LayerNorm’s validation loss at batch 2 is within 0.15 of its value at batch 64', core: false, assert: false,
        evaluate: fromRule('6/ln-stable', { describeRow: (rows) => range(rows, 'lnShift') }) },
      { id: 'cnn-high-lr', text: 'Fashion-MNIST CNN, SGD lr 0.1: with batch norm the training loss after 15 epochs is lower than without', core: true, assert: false,
        evaluate: fromRule('6/cnn-high-lr') },
      { id: 'cnn-acc', text: 'Fashion-MNIST CNN: batch norm at lr 0.1 reaches a higher validation accuracy than the plain net at lr 0.1', core: false, assert: false,
        evaluate: fromRule('6/cnn-acc') },
      { id: 'cnn-vs-usual', text: 'Fashion-MNIST CNN: batch norm at lr 0.1 trains further than the plain net at its usual lr 0.01 (lower training loss)', core: false, assert: false,
        evaluate: fromRule('6/cnn-vs-usual') },
    ],
    explain: ({ summary, checks }) => `BN reaches loss 0.5 in ${fmt(summary.epochsBN.mean, 2)} vs ${fmt(summary.epochsNoBN.mean, 2)} epochs and survives lr 1.0; at batch 2 its val loss moves by ${fmt(summary.bnShift.mean)} (LN: ${fmt(summary.lnShift.mean)})${checks['ln-stable'].ok ? '' : ', though LN is not entirely unaffected either'}. After 200 epochs at lr 0.1 the training losses are ${fmt(summary.finalTrainBN.mean)} with BN and ${fmt(summary.finalTrainNoBN.mean)} without${summary.finalTrainBN.mean >= summary.finalTrainNoBN.mean ? ': faster at first, not lower at the end' : ''}. In a small CNN on Fashion-MNIST with SGD at lr 0.1, the training loss after 15 epochs is ${fmt(summary.cnnLossBN.mean)} with batch norm and ${fmt(summary.cnnLossNoBN.mean)} without (${fmt(summary.cnnLossLow.mean)} without it at lr 0.01); validation accuracy ${pct(summary.cnnAccBN.mean)}, ${pct(summary.cnnAccNoBN.mean)} and ${pct(summary.cnnAccLow.mean)}.`,
  },

  {
    id: '7', slug: 'early-stopping', lesson: '6.6',
    title: 'Early stopping returns the validation minimum, no worse than training on',
    statement: 'Early stopping picks the validation-loss minimum and gives a validation loss no worse than the final epoch of the unstopped run.',
    presets: [{ file: '6.6.json', runs: ['no early stopping', 'patience 20'] }],
    seeds: SEEDS,
    metrics: [
      { key: 'stopEpoch', label: 'stopped at epoch' }, { key: 'bestEpoch', label: 'engine’s best epoch' }, { key: 'argminEpoch', label: 'epoch of the lowest val loss' },
      { key: 'restored', label: 'val loss of the returned weights' }, { key: 'minValLoss', label: 'lowest val loss in its history' },
      { key: 'unstopped', label: 'final val loss, no early stopping' },
    ],
    async measure(seed) {
      const es = await train(withSeed(presetSpec('6.6.json', 'patience 20'), seed));
      const full = await train(withSeed(presetSpec('6.6.json', 'no early stopping'), seed));
      const best = es.records.reduce((b, r) => (r.valLoss < b.valLoss ? r : b), es.records[0]);
      return {
        stopEpoch: es.records.length, bestEpoch: es.bestEpoch, argminEpoch: best.epoch, restored: valLoss(es), minValLoss: best.valLoss,
        unstopped: valLoss(full), patience: es.records.length - es.bestEpoch, stopReason: es.stopReason,
      };
    },
    checks: [
      { id: 'picks-minimum', text: 'The engine’s best epoch is the epoch of the lowest validation loss', core: true, assert: true,
        evaluate: fromRule('7/picks-minimum', { describeRow: (rows) => `best epochs ${rows.map((r) => r.bestEpoch).join(', ')}` }) },
      { id: 'restores', text: 'The returned weights give exactly that lowest validation loss (restoreBest)', core: true, assert: true,
        evaluate: everySeed((r) => Math.abs(r.restored - r.minValLoss) <= 1e-6 * r.minValLoss, (rows) => `max |restored − lowest| = ${fmt(Math.max(...rows.map((r) => Math.abs(r.restored - r.minValLoss))))}`) },
      { id: 'no-worse', text: 'Its validation loss is no worse than the unstopped run’s final one', core: true, assert: true,
        evaluate: fromRule('7/no-worse', { describeRow: (rows) => `${range(rows, 'restored')} vs ${range(rows, 'unstopped')}` }) },
      { id: 'patience', text: 'It stops exactly 20 epochs (the patience) after the best one', core: false, assert: true,
        evaluate: fromRule('7/patience', { describeRow: (rows) => `stopped at ${rows.map((r) => r.stopEpoch).join(', ')}` }) },
    ],
    explain: ({ summary }) => `Stopping around epoch ${fmt(summary.stopEpoch.mean, 2)} returns val loss ${fmt(summary.restored.mean)}; training on to 300 epochs ends at ${fmt(summary.unstopped.mean)}.`,
  },

  {
    id: '8', slug: 'augmentation', lesson: '6.7',
    title: 'Augmentation and mixup improve validation accuracy on a small training set',
    statement: 'Augmentation and Mixup improve validation accuracy on a small training set — measured on 200 digits (an MLP on 8×8 images) and on 1,000 Fashion-MNIST photos (a small CNN on 28×28 images).',
    presets: [{ file: '6.7.json', runs: ['none', 'shift/rotate/zoom', 'mixup α=0.2', 'CutMix α=1'] },
      { file: '6.7-images.json', runs: ['none', 'flip + crop', 'mixup α=0.2', 'CutMix α=1'] }],
    seeds: SEEDS,
    metrics: [
      { key: 'accNone', label: 'digits: val acc none' }, { key: 'accAug', label: 'digits: val acc shift/rotate/zoom' }, { key: 'accMixup', label: 'digits: val acc mixup' }, { key: 'accCutmix', label: 'digits: val acc CutMix' },
      { key: 'lossNone', label: 'digits: val loss none' }, { key: 'lossAug', label: 'digits: val loss augmented' }, { key: 'lossMixup', label: 'digits: val loss mixup' },
      { key: 'gapNone', label: 'digits: gap none' }, { key: 'gapAug', label: 'digits: gap augmented' },
      { key: 'imgAccNone', label: 'Fashion-MNIST CNN: val acc none' }, { key: 'imgAccAug', label: 'CNN: val acc flip + crop' },
      { key: 'imgAccMixup', label: 'CNN: val acc mixup' }, { key: 'imgAccCutmix', label: 'CNN: val acc CutMix' },
      { key: 'imgLossNone', label: 'CNN: val loss none' }, { key: 'imgLossAug', label: 'CNN: val loss flip + crop' },
      { key: 'imgLossMixup', label: 'CNN: val loss mixup' }, { key: 'imgLossCutmix', label: 'CNN: val loss CutMix' },
    ],
    async measure(seed) {
      const r = {};
      for (const [k, label] of [['None', 'none'], ['Aug', 'shift/rotate/zoom'], ['Mixup', 'mixup α=0.2'], ['Cutmix', 'CutMix α=1']]) {
        const res = await train(withSeed(presetSpec('6.7.json', label), seed));
        Object.assign(r, { [`acc${k}`]: acc(res), [`loss${k}`]: valLoss(res), [`gap${k}`]: gap(res) });
      }
      for (const [k, label] of [['None', 'none'], ['Aug', 'flip + crop'], ['Mixup', 'mixup α=0.2'], ['Cutmix', 'CutMix α=1']]) {
        const res = await train(withSeed(presetSpec('6.7-images.json', label), seed));
        Object.assign(r, { [`imgAcc${k}`]: acc(res), [`imgLoss${k}`]: valLoss(res) });
      }
      return r;
    },
    checks: [
      { id: 'aug-acc', text: 'Digits MLP: image augmentation (shift/rotate/zoom) raises validation accuracy', core: true, assert: false, evaluate: fromRule('8/aug-acc') },
      { id: 'mixup-acc', text: 'Digits MLP: mixup raises validation accuracy', core: true, assert: false, evaluate: fromRule('8/mixup-acc') },
      { id: 'aug-gap', text: 'Digits MLP: image augmentation narrows the generalization gap (the training loss can no longer reach zero)', core: false, assert: true, evaluate: fromRule('8/aug-gap') },
      { id: 'aug-loss', text: 'Digits MLP: image augmentation lowers the validation loss', core: false, assert: false, evaluate: fromRule('8/aug-loss') },
      { id: 'img-aug-acc', text: 'Fashion-MNIST CNN: flip + crop raises validation accuracy', core: true, assert: false, evaluate: fromRule('8/img-aug-acc') },
      { id: 'img-mixup-acc', text: 'Fashion-MNIST CNN: mixup raises validation accuracy', core: true, assert: false, evaluate: fromRule('8/img-mixup-acc') },
      { id: 'img-cutmix-acc', text: 'Fashion-MNIST CNN: CutMix raises validation accuracy', core: false, assert: false, evaluate: fromRule('8/img-cutmix-acc') },
      { id: 'img-aug-loss', text: 'Fashion-MNIST CNN: flip + crop lowers the validation loss of the overfitting network', core: false, assert: false, evaluate: fromRule('8/img-aug-loss') },
      { id: 'img-mixup-loss', text: 'Fashion-MNIST CNN: mixup lowers the validation loss', core: false, assert: false, evaluate: fromRule('8/img-mixup-loss') },
    ],
    explain: ({ summary, checks }) => {
      const digits = checks['aug-acc'].ok && checks['mixup-acc'].ok
        ? `On 200 digits validation accuracy rises from ${pct(summary.accNone.mean)} to ${pct(summary.accAug.mean)} with augmentation and ${pct(summary.accMixup.mean)} with mixup.`
        : `On 8×8 digits with ${presetSpec('6.7.json', 'none').data.trainSize} training images, augmentation narrows the gap (${fmt(summary.gapNone.mean)} → ${fmt(summary.gapAug.mean)}) but validation accuracy does not rise: ${pct(summary.accNone.mean)} none, ${pct(summary.accAug.mean)} augmented, ${pct(summary.accMixup.mean)} mixup, ${pct(summary.accCutmix.mean)} CutMix — a one-pixel shift or a 10° turn of an 8×8 digit is a large change, and the plain net already reaches ${pct(summary.accNone.mean)}.`;
      const said = (ok, what) => `${what} ${ok ? 'raises' : 'does not clearly raise'}`;
      const images = `On ${presetSpec('6.7-images.json', 'none').data.trainSize} Fashion-MNIST photos the CNN reaches ${pct(summary.imgAccNone.mean)} without augmentation (validation loss ${fmt(summary.imgLossNone.mean)}); ` +
        `${said(checks['img-aug-acc'].ok, 'flip + crop')} accuracy (${pct(summary.imgAccAug.mean)}, loss ${fmt(summary.imgLossAug.mean)}), ` +
        `${said(checks['img-mixup-acc'].ok, 'mixup')} it (${pct(summary.imgAccMixup.mean)}, loss ${fmt(summary.imgLossMixup.mean)}) and CutMix gives ${pct(summary.imgAccCutmix.mean)} (loss ${fmt(summary.imgLossCutmix.mean)}), over ${SEEDS.length} seeds.`;
      return `${digits} ${images}`;
    },
  },

  {
    id: '9', slug: 'label-smoothing', lesson: '6.8',
    title: 'Label smoothing reduces over-confidence at similar accuracy',
    statement: 'Label smoothing reduces over-confidence (lower expected calibration error / mean max-probability) at similar accuracy.',
    presets: [{ file: '6.8.json', runs: ['ε = 0', 'ε = 0.1'] }, { file: 'claim-9-label-smoothing-overconfident.json', runs: ['ε = 0', 'ε = 0.1'] }],
    seeds: SEEDS,
    metrics: [
      { key: 'confDigits0', label: 'digits: mean confidence ε=0' }, { key: 'confDigits1', label: 'digits: mean confidence ε=0.1' },
      { key: 'eceDigits0', label: 'digits: ECE ε=0' }, { key: 'eceDigits1', label: 'digits: ECE ε=0.1' },
      { key: 'accDigits0', label: 'digits: val acc ε=0' }, { key: 'accDigits1', label: 'digits: val acc ε=0.1' },
      { key: 'confMoons0', label: 'moons: mean confidence ε=0' }, { key: 'confMoons1', label: 'moons: mean confidence ε=0.1' },
      { key: 'eceMoons0', label: 'moons: ECE ε=0' }, { key: 'eceMoons1', label: 'moons: ECE ε=0.1' },
      { key: 'accMoons0', label: 'moons: val acc ε=0' }, { key: 'accMoons1', label: 'moons: val acc ε=0.1' },
    ],
    async measure(seed) {
      const probes = { calibration: probeCalibration };
      const row = {};
      for (const [name, file] of [['Digits', '6.8.json'], ['Moons', 'claim-9-label-smoothing-overconfident.json']]) {
        for (const [i, label] of [['0', 'ε = 0'], ['1', 'ε = 0.1']]) {
          const res = await train(withSeed(presetSpec(file, label), seed), { probes });
          Object.assign(row, { [`conf${name}${i}`]: res.probes.calibration.meanConfidence, [`ece${name}${i}`]: res.probes.calibration.ece, [`acc${name}${i}`]: acc(res) });
        }
      }
      return row;
    },
    checks: [
      { id: 'conf-digits', text: 'Digits (lesson 6.8 preset): label smoothing lowers the mean max-probability', core: true, assert: true, evaluate: fromRule('9/conf-digits') },
      { id: 'conf-moons', text: 'Over-confident moons net: label smoothing lowers the mean max-probability', core: true, assert: true, evaluate: pairedLess('confMoons1', 'confMoons0') },
      { id: 'ece-moons', text: 'Over-confident moons net: label smoothing lowers the calibration error (ECE)', core: true, assert: true, evaluate: pairedLess('eceMoons1', 'eceMoons0') },
      { id: 'ece-digits', text: 'Digits: label smoothing lowers the calibration error (ECE)', core: true, assert: false, evaluate: fromRule('9/ece-digits') },
      { id: 'acc-digits', text: 'Digits: accuracy stays within 2 points (mean paired difference)', core: true, assert: true,
        evaluate: fromRule('9/acc-digits') },
      { id: 'acc-moons', text: 'Moons: accuracy stays within 2 points (mean paired difference)', core: true, assert: false,
        evaluate: (rows) => { const d = rows.map((r) => r.accMoons1 - r.accMoons0); return { ok: Math.abs(mean(d)) <= 0.02, detail: `Δacc = ${pm(d)}` }; } },
    ],
    explain: ({ summary, checks }) => `Confidence drops in both settings. On the over-confident moons net ECE falls ${fmt(summary.eceMoons0.mean)} → ${fmt(summary.eceMoons1.mean)}; ${checks['ece-digits'].ok ? `on digits too (${fmt(summary.eceDigits0.mean)} → ${fmt(summary.eceDigits1.mean)})` : `on digits the plain net was already calibrated (ECE ${fmt(summary.eceDigits0.mean)}) and smoothing makes it under-confident (ECE ${fmt(summary.eceDigits1.mean)}, confidence ${pct(summary.confDigits1.mean)} at ${pct(summary.accDigits1.mean)} accuracy)`}.`,
  },

  {
    id: '10', slug: 'gradient-clipping', lesson: '6.8',
    title: 'Gradient clipping keeps a high-learning-rate run from diverging',
    statement: 'Gradient clipping keeps a high-lr run from diverging where the unclipped run diverges.',
    presets: [{ file: '6.8-clip.json', runs: ['no clipping', 'clip ‖g‖ ≤ 1'] }],
    seeds: SEEDS,
    metrics: [
      { key: 'divergedNo', label: 'unclipped diverged (1/0)' }, { key: 'epochsNo', label: 'unclipped epochs run' }, { key: 'accNo', label: 'unclipped final val acc' },
      { key: 'maxGradNo', label: 'unclipped max ‖g‖' }, { key: 'divergedClip', label: 'clipped diverged (1/0)' }, { key: 'accClip', label: 'clipped val acc' },
      { key: 'maxGradClip', label: 'clipped max ‖g‖ before clipping' },
    ],
    async measure(seed) {
      const no = await train(withSeed(presetSpec('6.8-clip.json', 'no clipping'), seed));
      const clip = await train(withSeed(presetSpec('6.8-clip.json', 'clip ‖g‖ ≤ 1'), seed));
      return {
        divergedNo: no.summary.diverged, epochsNo: no.records.length, accNo: acc(no), maxGradNo: no.summary.maxGradNormPreClip,
        divergedClip: clip.summary.diverged, accClip: acc(clip), maxGradClip: clip.summary.maxGradNormPreClip,
      };
    },
    checks: [
      { id: 'clipped-stable', text: 'The clipped run never diverges', core: true, assert: true,
        evaluate: fromRule('10/clipped-stable', { describeRow: (rows) => `clipped val acc ${pm(rows.map((r) => r.accClip))}` }) },
      { id: 'unclipped-diverges', text: 'The unclipped run diverges (the engine stops it: loss non-finite or 100× its start)', core: true, assert: true,
        evaluate: fromRule('10/unclipped-diverges', { describeRow: (rows) => `stopped after ${rows.map((r) => r.epochsNo).join(', ')} epochs` }) },
      { id: 'unclipped-fails', text: 'Every unclipped run either diverges or ends at chance level (val acc ≤ 60 %)', core: false, assert: true,
        evaluate: everySeed((r) => r.divergedNo === 1 || r.accNo <= 0.6, (rows) => `val acc of those that ran to the end: ${rows.filter((r) => !r.divergedNo).map((r) => pct(r.accNo)).join(', ') || '—'}`) },
    ],
    explain: ({ rows }) => `Without clipping ${rows.filter((r) => r.divergedNo).length}/${rows.length} runs diverge${rows.some((r) => !r.divergedNo) ? ' and the rest end at chance level with huge weights' : ''}; clipping ‖g‖ at 1 trains every seed to ${pct(mean(rows.map((r) => r.accClip)))} val accuracy.`,
  },

  {
    id: '11', slug: 'spectral-norm', lesson: '6.8',
    title: 'Spectral normalization bounds each layer’s σ(W) by 1',
    statement: 'Spectral normalization bounds each layer’s σ(W) ≤ 1 (Lipschitz ≤ 1 for the linear parts).',
    presets: [{ file: '6.8-spectral.json', runs: ['spectral norm', 'plain'] }, { file: 'claim-11-spectral-iterations.json', runs: ['spectral norm · 5 iterations'] }],
    seeds: SEEDS,
    metrics: [
      { key: 'finalSigma', label: 'final max σ(W/σ̂), measured here' }, { key: 'recordSigma', label: 'final max σ, engine record' },
      { key: 'lipschitz', label: 'measured Lipschitz constant of the logits' }, { key: 'maxSigmaTraining', label: 'max σ over all epochs (records)' },
      { key: 'epochsAbove', label: 'epochs with σ > 1.01' }, { key: 'maxSigmaTraining5', label: 'max σ over all epochs, 5 iterations' },
      { key: 'plainSigma', label: 'plain: final max σ(W)' }, { key: 'plainLipschitz', label: 'plain: measured Lipschitz (non-saturated points)' },
    ],
    async measure(seed) {
      const probes = { spectral: probeSpectral };
      const sn = await train(withSeed(presetSpec('6.8-spectral.json', 'spectral norm'), seed), { probes });
      const sn5 = await train(withSeed(presetSpec('claim-11-spectral-iterations.json', 'spectral norm · 5 iterations'), seed));
      const plain = await train(withSeed(presetSpec('6.8-spectral.json', 'plain'), seed), { probes });
      return {
        finalSigma: Math.max(...sn.probes.spectral.sigmas), recordSigma: sn.summary.maxSigma, lipschitz: sn.probes.spectral.lipschitz,
        maxSigmaTraining: maxSigmaOverEpochs(sn.records), epochsAbove: sn.records.filter((r) => Math.max(...r.sigma) > 1.01).length,
        maxSigmaTraining5: maxSigmaOverEpochs(sn5.records),
        plainSigma: Math.max(...plain.probes.spectral.sigmas), plainLipschitz: plain.probes.spectral.lipschitz,
      };
    },
    checks: [
      { id: 'final-sigma', text: 'After training every layer’s σ(W/σ̂) ≤ 1.05 (σ computed here from the exported W, u, v)', core: true, assert: true,
        evaluate: fromRule('11/final-sigma', { and: (r) => Math.abs(r.finalSigma - r.recordSigma) <= 0.02, describeRow: (rows) => `${range(rows, 'finalSigma')}; the records agree (${range(rows, 'recordSigma')})` }) },
      { id: 'lipschitz', text: 'The network’s measured Lipschitz constant (logits) is ≤ 1.01', core: true, assert: true,
        evaluate: everySeed((r) => r.lipschitz <= 1.01, (rows) => `${range(rows, 'lipschitz')}; ${range(rows, 'plainLipschitz')}`) },
      { id: 'every-epoch', text: 'σ ≤ 1.05 at every epoch of training (1 power iteration per step)', core: true, assert: false,
        evaluate: fromRule('11/every-epoch', { describeRow: (rows) => `${range(rows, 'maxSigmaTraining')}; ${pm(rows.map((r) => r.epochsAbove))} of ${presetSpec('6.8-spectral.json', 'spectral norm').training.epochs} epochs above 1.01; ${range(rows, 'maxSigmaTraining5')}` }) },
      { id: 'plain', text: 'Without it, σ grows well above 1', core: false, assert: true, evaluate: fromRule('11/plain', { describeRow: (rows) => range(rows, 'plainSigma') }) },
    ],
    explain: ({ summary, checks }) => `At the end σ ≈ ${fmt(summary.finalSigma.mean, 3)} and the measured Lipschitz constant ${fmt(summary.lipschitz.mean, 3)} (plain net: σ ${fmt(summary.plainSigma.mean)}). ${checks['every-epoch'].ok ? '' : `During training the one-step power-iteration estimate lags the moving weights: σ peaks at ${fmt(summary.maxSigmaTraining.mean)} (mostly in the first epochs; ${fmt(summary.maxSigmaTraining5.mean)} with 5 iterations).`}`,
  },

  {
    id: '12', slug: 'ladder', lesson: '6.9',
    title: 'The regularization ladder: each rung helps, the full stack beats the baseline',
    statement: 'The 6.9 ladder: adding rungs does not hurt and the full stack beats the baseline on validation accuracy in the small-data regime.',
    presets: [{ file: '6.9.json', runs: ['baseline', '+ dropout', '+ weight decay', '+ BatchNorm', '+ augmentation', '+ early stopping'] },
      { file: '6.9-images.json', runs: ['baseline', '+ dropout', '+ weight decay', '+ BatchNorm', '+ augmentation', '+ early stopping'] }],
    seeds: SEEDS,
    metrics: [
      { key: 'acc0', label: 'val acc, baseline' }, { key: 'acc1', label: 'val acc, + dropout' }, { key: 'acc2', label: 'val acc, + weight decay' },
      { key: 'acc3', label: 'val acc, + BatchNorm' }, { key: 'acc4', label: 'val acc, + augmentation' }, { key: 'acc5', label: 'val acc, + early stopping (full stack)' },
      { key: 'loss0', label: 'val loss baseline' }, { key: 'loss5', label: 'val loss full stack' },
      ...[0, 1, 2, 3, 4, 5].map((i) => ({ key: `img${i}`, label: `Fashion-MNIST CNN: val acc, ${loadPreset('6.9-images.json').runs[i].label}` })),
      { key: 'imgLoss0', label: 'CNN: val loss baseline' }, { key: 'imgLoss5', label: 'CNN: val loss full stack' },
    ],
    async measure(seed) {
      const labels = loadPreset('6.9.json').runs.map((r) => r.label);
      const row = {};
      for (const [i, label] of labels.entries()) {
        const res = await train(withSeed(presetSpec('6.9.json', label), seed));
        row[`acc${i}`] = acc(res);
        row[`loss${i}`] = valLoss(res);
      }
      for (const [i, label] of loadPreset('6.9-images.json').runs.map((r) => r.label).entries()) {
        const res = await train(withSeed(presetSpec('6.9-images.json', label), seed));
        row[`img${i}`] = acc(res);
        row[`imgLoss${i}`] = valLoss(res);
      }
      return row;
    },
    checks: [
      { id: 'top-beats-baseline', text: 'The full stack beats the baseline on validation accuracy', core: true, assert: false, evaluate: fromRule('12/top-beats-baseline') },
      { id: 'no-rung-hurts', text: 'No rung lowers the mean validation accuracy of the rung before it by more than 0.5 points', core: true, assert: false,
        evaluate: (rows) => {
          const deltas = [1, 2, 3, 4, 5].map((i) => mean(rows.map((r) => r[`acc${i}`] - r[`acc${i - 1}`])));
          const worst = Math.min(...deltas);
          return { ok: worst >= -0.005, detail: `mean change per rung: ${deltas.map((d) => `${d >= 0 ? '+' : ''}${(100 * d).toFixed(2)}`).join(', ')} points` };
        } },
      { id: 'loss', text: 'The full stack ends with a lower validation loss than the baseline', core: false, assert: true, evaluate: fromRule('12/loss') },
      { id: 'img-top-beats-baseline', text: 'Fashion-MNIST CNN: the full stack beats the baseline on validation accuracy', core: true, assert: false, evaluate: fromRule('12/img-top-beats-baseline') },
      { id: 'img-loss', text: 'Fashion-MNIST CNN: the full stack ends with a lower validation loss than the baseline', core: false, assert: false, evaluate: fromRule('12/img-loss') },
    ],
    tables: (rows) => {
      const labels = loadPreset('6.9.json').runs.map((r) => r.label);
      return [{
        caption: `Validation accuracy per rung (mean ± sd over ${rows.length} seeds) and its change from the rung before`,
        columns: ['rung', 'val acc', 'change vs previous rung', 'seeds where it helped'],
        rows: labels.map((l, i) => {
          const a = rows.map((r) => r[`acc${i}`]);
          if (i === 0) return [l, pm(a), '—', '—'];
          const d = rows.map((r) => r[`acc${i}`] - r[`acc${i - 1}`]);
          return [l, pm(a), `${pm(d.map((x) => 100 * x))} points`, `${d.filter((x) => x > 0).length}/${d.length}`];
        }),
      }];
    },
    explain: ({ summary, checks }) => `${checks['top-beats-baseline'].ok && checks['no-rung-hurts'].ok
      ? `The full stack reaches ${pct(summary.acc5.mean)} vs ${pct(summary.acc0.mean)} for the baseline, and no rung hurts.`
      : `With ${presetSpec('6.9.json', 'baseline').data.trainSize} training digits the plain net already reaches ${pct(summary.acc0.mean)}; the full stack ends at ${pct(summary.acc5.mean)}, with a clearly lower validation loss (${fmt(summary.loss0.mean)} → ${fmt(summary.loss5.mean)}) but accuracy differences of a few validation images that flip sign between seeds.`} ` +
      `On 1,000 Fashion-MNIST photos the CNN's rungs give ${[0, 1, 2, 3, 4, 5].map((i) => pct(summary[`img${i}`].mean)).join(' → ')} (baseline → full stack; validation loss ${fmt(summary.imgLoss0.mean)} → ${fmt(summary.imgLoss5.mean)}): the full stack ${checks['img-top-beats-baseline'].ok ? 'beats' : 'does not clearly beat'} the baseline.`,
  },

  {
    id: '13', slug: 'early-stopping-vs-l2', lesson: '6.6',
    title: 'Early stopping ≈ L2 regularization',
    statement: 'Early stopping acts approximately like an L2 penalty (for a quadratic loss and gradient descent, stopping after t steps ≈ L2 with λ ≈ 1/(ηt)). Shown as a comparison with the measured agreement.',
    presets: [{ file: 'claim-13-early-stopping-vs-l2.json', runs: ['no regularization', 'early stopping (patience 20)', 'L2 λ=0.01'] }],
    seeds: SEEDS,
    metrics: [
      { key: 'valNone', label: 'val loss, none' }, { key: 'valES', label: 'val loss, early stopping' }, { key: 'valL2', label: 'val loss, L2' },
      { key: 'ratio', label: 'val loss ES / L2' }, { key: 'normInit', label: '‖W₀‖ at initialization' },
      { key: 'normES', label: '‖W‖ early stopping' }, { key: 'normL2', label: '‖W‖ L2' }, { key: 'normNone', label: '‖W‖ none' },
      { key: 'moveES', label: '‖W − W₀‖ early stopping' }, { key: 'moveL2', label: '‖W − W₀‖ L2' }, { key: 'moveNone', label: '‖W − W₀‖ none' },
      { key: 'agreeESL2', label: 'same class ES vs L2 (val)' }, { key: 'agreeESNone', label: 'same class ES vs none (val)' },
    ],
    async measure(seed) {
      const probes = { weights: probeWeights, classes: probeValClasses };
      const file = 'claim-13-early-stopping-vs-l2.json';
      const none = await train(withSeed(presetSpec(file, 'no regularization'), seed), { probes });
      const es = await train(withSeed(presetSpec(file, 'early stopping (patience 20)'), seed), { probes });
      const l2 = await train(withSeed(presetSpec(file, 'L2 λ=0.01'), seed), { probes });
      const same = (a, b) => a.filter((c, i) => c === b[i]).length / a.length;
      return {
        valNone: valLoss(none), valES: valLoss(es), valL2: valLoss(l2), ratio: valLoss(es) / valLoss(l2),
        normInit: es.probes.weights.initialNorm, normES: es.probes.weights.norm, normL2: l2.probes.weights.norm, normNone: none.probes.weights.norm,
        moveES: es.probes.weights.fromInit, moveL2: l2.probes.weights.fromInit, moveNone: none.probes.weights.fromInit,
        agreeESL2: same(es.probes.classes, l2.probes.classes), agreeESNone: same(es.probes.classes, none.probes.classes),
      };
    },
    checks: [
      { id: 'both-help', text: 'Both early stopping and L2 end with a lower validation loss than training on unregularized', core: true, assert: true,
        evaluate: mostSeeds((r) => r.valES < r.valNone && r.valL2 < r.valNone, (rows) => `${range(rows, 'valNone')}; ES ${pm(rows.map((r) => r.valES))}; L2 ${pm(rows.map((r) => r.valL2))}`) },
      { id: 'similar-loss', text: 'Their validation losses agree within a factor 1.5', core: true, assert: false,
        evaluate: mostSeeds((r) => r.ratio <= 1.5 && r.ratio >= 1 / 1.5, (rows) => `ES / L2 = ${range(rows, 'ratio')}`) },
      { id: 'similar-norm', text: 'They end with similar weight norms (within 50 %)', core: true, assert: false,
        evaluate: mostSeeds((r) => Math.abs(r.normES - r.normL2) <= 0.5 * r.normL2, (rows) => `‖W‖ ES ${pm(rows.map((r) => r.normES))} vs L2 ${pm(rows.map((r) => r.normL2))} (at initialization ${pm(rows.map((r) => r.normInit))})`) },
      { id: 'stays-near-init', text: 'Early stopping keeps the weights close to their initial values (‖W − W₀‖ less than half the unregularized run’s)', core: false, assert: true,
        evaluate: mostSeeds((r) => r.moveES < 0.5 * r.moveNone, (rows) => `‖W − W₀‖: ES ${pm(rows.map((r) => r.moveES))}, none ${pm(rows.map((r) => r.moveNone))}, L2 ${pm(rows.map((r) => r.moveL2))}`) },
    ],
    explain: ({ summary }) => `Similar in effect, different in mechanism: both cut the validation loss (none ${fmt(summary.valNone.mean)}, early stopping ${fmt(summary.valES.mean)}, L2 ${fmt(summary.valL2.mean)}; ES/L2 ratio ${fmt(summary.ratio.mean)}) and agree on ${pct(summary.agreeESL2.mean)} of validation predictions, but early stopping keeps the weights near their initial values (‖W‖ ${fmt(summary.normES.mean)}, started at ${fmt(summary.normInit.mean)}) while L2 shrinks them towards zero (‖W‖ ${fmt(summary.normL2.mean)}): the equivalence is an L2 pull towards W₀, not towards 0.`,
  },

  {
    id: '14', slug: 'layernorm-sequences', lesson: '6.5',
    title: 'LayerNorm is insensitive to batch size and sequence length where BatchNorm is not',
    statement: 'LayerNorm is insensitive to batch size and sequence length where BatchNorm is not — measured on a one-block Transformer classifying bracket sequences of 2 to 32 tokens (balanced or not), trained at batch sizes 2 and 32, with BatchNorm statistics over the real tokens (padding masked) and over every position (padding included).',
    presets: [{ file: '6.5-text.json', runs: ['LN · batch 2', 'BN · batch 2', 'no norm · batch 2', 'LN · batch 32', 'BN · batch 32', 'no norm · batch 32'] },
      { file: 'claim-14-batchnorm-padding.json', runs: [] }],
    seeds: SEEDS,
    metrics: [
      { key: 'lossLN2', label: 'val loss LN · batch 2' }, { key: 'lossLN32', label: 'val loss LN · batch 32' },
      { key: 'lossBN2', label: 'val loss BN · batch 2' }, { key: 'lossBN32', label: 'val loss BN · batch 32' },
      { key: 'lossBNinc2', label: 'val loss BN, padding included · batch 2' }, { key: 'lossBNinc32', label: 'val loss BN, padding included · batch 32' },
      { key: 'accLN2', label: 'val acc LN · batch 2' }, { key: 'accLN32', label: 'val acc LN · batch 32' },
      { key: 'accBN2', label: 'val acc BN · batch 2' }, { key: 'accBN32', label: 'val acc BN · batch 32' },
      { key: 'lnShift', label: 'LN: |val loss batch 2 − batch 32|' }, { key: 'bnShift', label: 'BN: |val loss batch 2 − batch 32|' },
      { key: 'bnIncShift', label: 'BN, padding included: |val loss batch 2 − batch 32|' },
      { key: 'stepGapLN2', label: 'LN · batch 2: |train loss at inference − loss in the training steps| (last epoch)' },
      { key: 'stepGapBN2', label: 'BN · batch 2: |inference − training steps|' },
      { key: 'stepGapNone2', label: 'no norm · batch 2: |inference − training steps|' },
      { key: 'stepGapLN32', label: 'LN · batch 32: |inference − training steps|' },
      { key: 'stepGapBN32', label: 'BN · batch 32: |inference − training steps|' },
      { key: 'stepGapNone32', label: 'no norm · batch 32: |inference − training steps|' },
      { key: 'stepGapBNinc2', label: 'BN, padding included · batch 2: |inference − training steps|' },
      { key: 'lenGapLN', label: 'LN · batch 32: val loss long − short half' }, { key: 'lenGapBN', label: 'BN · batch 32: val loss long − short half' },
      { key: 'lenGapBNinc', label: 'BN, padding included · batch 32: val loss long − short half' },
    ],
    async measure(seed) {
      const probes = { lengthGap: probeLengthGap };
      const r = {};
      for (const [k, file, label] of [['LN2', '6.5-text.json', 'LN · batch 2'], ['LN32', '6.5-text.json', 'LN · batch 32'],
        ['BN2', '6.5-text.json', 'BN · batch 2'], ['BN32', '6.5-text.json', 'BN · batch 32'],
        ['None2', '6.5-text.json', 'no norm · batch 2'], ['None32', '6.5-text.json', 'no norm · batch 32'],
        ['BNinc2', 'claim-14-batchnorm-padding.json', 'BN, padding included · batch 2'], ['BNinc32', 'claim-14-batchnorm-padding.json', 'BN, padding included · batch 32']]) {
        const res = await train(withSeed(presetSpec(file, label), seed), { probes });
        // The last epoch's training loss at inference against its loss in the training steps.
        const stepGap = res.summary.stepGap === null ? null : Math.abs(res.summary.stepGap);
        Object.assign(r, { [`loss${k}`]: valLoss(res), [`acc${k}`]: acc(res), [`lenGap${k}`]: res.probes.lengthGap, [`stepGap${k}`]: stepGap });
      }
      return {
        ...r, lnShift: Math.abs(r.lossLN2 - r.lossLN32), bnShift: Math.abs(r.lossBN2 - r.lossBN32), bnIncShift: Math.abs(r.lossBNinc2 - r.lossBNinc32),
        lenGapLN: r.lenGapLN32, lenGapBN: r.lenGapBN32, lenGapBNinc: r.lenGapBNinc32,
      };
    },
    checks: [
      { id: 'batch-size', text: 'Going from batch 32 to batch 2 moves BatchNorm’s validation loss more than LayerNorm’s', core: true, assert: false, evaluate: fromRule('14/batch-size') },
      { id: 'length', text: 'At batch 32, BatchNorm’s validation loss grows more from the short to the long sentences than LayerNorm’s', core: true, assert: false, evaluate: fromRule('14/length') },
      { id: 'ln-stable', text: 'LayerNorm’s validation loss at batch 2 is within 0.05 of its value at batch 32', core: false, assert: false, evaluate: fromRule('14/ln-stable') },
      { id: 'padding', text: 'Counting the padding in BatchNorm’s statistics raises its validation loss at batch 2', core: false, assert: false, evaluate: fromRule('14/padding') },
      { id: 'padding-length', text: 'At batch 32, BatchNorm with the padding counted grows more from short to long sentences than LayerNorm', core: false, assert: false, evaluate: fromRule('14/padding-length') },
      { id: 'train-inference', text: 'At batch 2, BatchNorm’s training loss at inference is further from its loss in the training steps than LayerNorm’s (last epoch)', core: true, assert: false, evaluate: fromRule('14/train-inference') },
      { id: 'ln-train-inference', text: 'LayerNorm’s training steps and inference agree as closely as those of the network without a norm (within 0.02), at batch 2 and at batch 32', core: false, assert: false, evaluate: fromRule('14/ln-train-inference') },
      { id: 'learns', text: 'Every LayerNorm and BatchNorm run learns the task: validation accuracy above 55 % (balanced classes) in most seeds', core: false, assert: true,
        evaluate: mostSeeds((r) => Math.min(r.accLN2, r.accLN32, r.accBN2, r.accBN32) > 0.55, (rows) => `${range(rows, 'accLN32', pct)}; ${range(rows, 'accBN32', pct)}`) },
    ],
    explain: ({ summary, checks }) => {
      const said = (ok) => (ok ? '' : 'not ');
      return `Batch 32 → 2 moves LayerNorm’s validation loss by ${fmt(summary.lnShift.mean)} and BatchNorm’s by ${fmt(summary.bnShift.mean)} (${fmt(summary.bnIncShift.mean)} with the padding counted): BatchNorm is ${said(checks['batch-size'].ok)}the more batch-sensitive one here. ` +
        `From the shorter to the longer half of the sentences the validation loss grows by ${fmt(summary.lenGapLN.mean)} with LayerNorm, ${fmt(summary.lenGapBN.mean)} with BatchNorm and ${fmt(summary.lenGapBNinc.mean)} with the padding counted. ` +
        `Validation losses at batch 2 / 32: LN ${fmt(summary.lossLN2.mean)} / ${fmt(summary.lossLN32.mean)}, BN ${fmt(summary.lossBN2.mean)} / ${fmt(summary.lossBN32.mean)}, BN with padding ${fmt(summary.lossBNinc2.mean)} / ${fmt(summary.lossBNinc32.mean)}. ` +
        `Training steps against inference (last epoch, |training loss at inference − mean loss of the epoch’s steps|) at batch 2 / 32: LN ${fmt(summary.stepGapLN2.mean)} / ${fmt(summary.stepGapLN32.mean)}, BN ${fmt(summary.stepGapBN2.mean)} / ${fmt(summary.stepGapBN32.mean)}, no norm ${fmt(summary.stepGapNone2.mean)} / ${fmt(summary.stepGapNone32.mean)}; ` +
        `the run without a norm is the baseline (its weights move during the epoch, nothing else differs). BatchNorm’s training steps are ${said(checks['train-inference'].ok)}further from its inference than LayerNorm’s at batch 2, and LayerNorm’s ${checks['ln-train-inference'].ok ? 'stay' : 'do not stay'} as close as the baseline’s.`;
    },
  },

  {
    id: '15', slug: 'text-augmentation', lesson: '6.7',
    title: 'Text augmentation helps on a small training set',
    statement: 'Text augmentation (synonym replacement, back-translation, or all of synonym replacement, random insertion, swap, deletion and back-translation) helps on a small training set — measured with a GRU on the 1,000 training reviews of the sentiment corpus, whose validation sentences use synonyms that training rarely shows.',
    presets: [{ file: '6.7-text.json', runs: ['none', 'synonym', 'back-translation', 'all'] }],
    seeds: SEEDS,
    metrics: [
      { key: 'accNone', label: 'val acc none' }, { key: 'accSyn', label: 'val acc synonym' }, { key: 'accBT', label: 'val acc back-translation' }, { key: 'accAll', label: 'val acc all' },
      { key: 'lossNone', label: 'val loss none' }, { key: 'lossSyn', label: 'val loss synonym' }, { key: 'lossBT', label: 'val loss back-translation' }, { key: 'lossAll', label: 'val loss all' },
      { key: 'gapNone', label: 'gap none' }, { key: 'gapSyn', label: 'gap synonym' }, { key: 'gapBT', label: 'gap back-translation' }, { key: 'gapAll', label: 'gap all' },
    ],
    async measure(seed) {
      const r = {};
      for (const [k, label] of [['None', 'none'], ['Syn', 'synonym'], ['BT', 'back-translation'], ['All', 'all']]) {
        const res = await train(withSeed(presetSpec('6.7-text.json', label), seed));
        Object.assign(r, { [`acc${k}`]: acc(res), [`loss${k}`]: valLoss(res), [`gap${k}`]: gap(res) });
      }
      return r;
    },
    checks: [
      { id: 'synonym-acc', text: 'Synonym replacement raises validation accuracy', core: true, assert: false, evaluate: fromRule('15/synonym-acc') },
      { id: 'bt-acc', text: 'Back-translation raises validation accuracy', core: true, assert: false, evaluate: fromRule('15/bt-acc') },
      { id: 'all-acc', text: 'All five operations together raise validation accuracy', core: true, assert: false, evaluate: fromRule('15/all-acc') },
      { id: 'synonym-loss', text: 'Synonym replacement lowers the validation loss', core: false, assert: false, evaluate: fromRule('15/synonym-loss') },
      { id: 'bt-loss', text: 'Back-translation lowers the validation loss', core: false, assert: false, evaluate: fromRule('15/bt-loss') },
      { id: 'all-gap', text: 'All five operations together narrow the generalization gap (the training loss can no longer reach zero)', core: false, assert: true, evaluate: fromRule('15/all-gap') },
    ],
    explain: ({ summary, checks }) => {
      const said = (ok, what) => `${what} ${ok ? 'raises' : 'does not clearly raise'}`;
      return `On the corpus’s 1,000 training reviews the GRU reaches ${pct(summary.accNone.mean)} without augmentation (validation loss ${fmt(summary.lossNone.mean)}, gap ${fmt(summary.gapNone.mean)}); ` +
        `${said(checks['synonym-acc'].ok, 'synonym replacement')} accuracy (${pct(summary.accSyn.mean)}, loss ${fmt(summary.lossSyn.mean)}), ` +
        `${said(checks['bt-acc'].ok, 'back-translation')} it (${pct(summary.accBT.mean)}, loss ${fmt(summary.lossBT.mean)}), and all five operations together give ${pct(summary.accAll.mean)} (loss ${fmt(summary.lossAll.mean)}, gap ${fmt(summary.gapAll.mean)}), over ${SEEDS.length} seeds.`;
    },
  },
];

export const claimById = (id) => {
  const c = CLAIMS.find((x) => x.id === String(id));
  if (!c) throw new Error(`no claim ${id}`);
  return c;
};

// ---------------------------------------------------------------------------------------------
// Running one claim: measure every seed, summarize, evaluate the checks, give the verdict.

export function verdictOf(checks) {
  const core = checks.filter((c) => c.core);
  const held = core.filter((c) => c.ok).length;
  return held === core.length ? 'held' : held === 0 ? 'not' : 'partly';
}

export async function runClaim(claim, { seeds = claim.seeds, onSeed } = {}) {
  const t0 = performance.now();
  const rows = [];
  for (const seed of seeds) {
    rows.push({ seed, ...(await claim.measure(seed)) });
    onSeed?.(seed);
  }
  const summary = {};
  for (const { key } of claim.metrics) summary[key] = describe(rows.map((r) => r[key]));
  LABELS = Object.fromEntries(claim.metrics.map((m) => [m.key, m.label]));
  let checks;
  try {
    checks = claim.checks.map((c) => {
      const { ok, detail } = c.evaluate(rows);
      return { id: c.id, text: c.text, core: c.core, asserted: c.assert, ok: Boolean(ok), detail };
    });
  } finally {
    LABELS = {};
  }
  const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
  const verdict = verdictOf(checks);
  const result = {
    id: claim.id, slug: claim.slug, lesson: claim.lesson, title: claim.title, statement: claim.statement,
    presets: claim.presets.map((p) => {
      const preset = loadPreset(p.file);
      return {
        file: `web/presets/${p.file}`, id: preset.id, title: preset.title, lesson: preset.lesson, lab: preset.lab,
        runs: preset.runs.filter((r) => !p.runs.length || p.runs.includes(r.label)).map((r) => ({ label: r.label, spec: r.spec })),
        allRuns: preset.runs.map((r) => ({ label: r.label, spec: r.spec })), note: p.note ?? null,
      };
    }),
    seeds, metrics: claim.metrics,
    perSeed: rows.map((r) => Object.fromEntries([['seed', r.seed], ...claim.metrics.map(({ key }) => [key, r[key] ?? null])])),
    summary, checks, verdict,
    // metric keys the measurement never returned (a typo in a definition; null = not measured)
    missingMetrics: claim.metrics.map((m) => m.key).filter((k) => rows.every((r) => !(k in r))),
    tables: claim.tables ? claim.tables(rows) : [],
    seconds: (performance.now() - t0) / 1000,
  };
  result.explanation = claim.explain({ rows, summary, checks: byId, verdict });
  return result;
}
