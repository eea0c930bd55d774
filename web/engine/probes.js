// Measurements a worker takes on a run's current weights for the views: class probabilities on a
// grid (decision boundary), the fitted curve with its MC-dropout band, the weight histogram, the
// confidence histogram and the confusion matrix. Pure functions of a run object (the JS API);
// no DOM, no messaging.

// Bounds of 2-D points with a margin, so the heatmap frames the data.
export function planeBounds(xs) {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const x of xs) {
    for (let i = 0; i < x.length; i += 2) {
      x0 = Math.min(x0, x[i]); x1 = Math.max(x1, x[i]);
      y0 = Math.min(y0, x[i + 1]); y1 = Math.max(y1, x[i + 1]);
    }
  }
  const mx = 0.1 * (x1 - x0 || 1), my = 0.1 * (y1 - y0 || 1);
  return { x0: x0 - mx, x1: x1 + mx, y0: y0 - my, y1: y1 + my };
}

// Class probabilities on an n×n grid (row 0 = top = largest y), as one Float32Array of
// n·n·classes values. Binary models with one output give P(class 1).
export function boundaryProbe(run, bounds, n, classes) {
  const grid = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    const y = bounds.y1 - ((r + 0.5) / n) * (bounds.y1 - bounds.y0);
    for (let c = 0; c < n; c++) {
      const k = 2 * (r * n + c);
      grid[k] = bounds.x0 + ((c + 0.5) / n) * (bounds.x1 - bounds.x0);
      grid[k + 1] = y;
    }
  }
  const out = run.predict(grid, n * n, { mode: 'eval' });
  return { n, bounds, classes, probs: toClassProbs(out, n * n, classes) };
}

// rows × outputs → rows × classes (a single output is P(class 1) of a binary model).
export function toClassProbs(out, rows, classes) {
  const outputs = out.length / rows;
  if (outputs === classes) return Float32Array.from(out);
  const probs = new Float32Array(rows * classes);
  for (let i = 0; i < rows; i++) {
    const p = out[i * outputs];
    probs[i * classes] = 1 - p;
    probs[i * classes + 1] = p;
  }
  return probs;
}

export function hasDropout(spec) {
  const d = spec?.model?.dropout;
  const any = Array.isArray(d) ? d.some((p) => p > 0) : d > 0;
  return any || spec?.model?.inputDropout > 0;
}

// 1-D regression: the eval-mode curve, a few train-mode passes (dropout makes each differ) and,
// with dropout, the MC-dropout mean ± 2 std over K stochastic passes.
export function curveProbe(run, spec, range, { points = 120, passes = 3, mcSamples = 30 } = {}) {
  const x = new Float32Array(points);
  for (let i = 0; i < points; i++) x[i] = range[0] + (i / (points - 1)) * (range[1] - range[0]);
  const evalY = Float32Array.from(run.predict(x, points, { mode: 'eval' }));
  const probe = { x, evalY, trainPasses: [], mc: null };
  if (hasDropout(spec)) {
    for (let p = 0; p < passes; p++) probe.trainPasses.push(Float32Array.from(run.predict(x, points, { mode: 'train' })));
    const mc = run.mcPredict(x, points, mcSamples);
    probe.mc = { mean: Float32Array.from(mc.mean), std: Float32Array.from(mc.variance, (v) => Math.sqrt(Math.max(0, v))) };
  }
  return probe;
}

// Histogram of every weight matrix entry (biases and norm parameters excluded): `bins` equal bins
// over [−m, m] with exact zeros counted apart (the L1 spike).
export function histogramProbe(weights, bins = 41) {
  const mats = weights.filter((w) => w.shape.length === 2 && /(^|\.)(W|weight)$/.test(w.name));
  let m = 0, total = 0, zeros = 0;
  for (const w of mats) for (const v of w.data) { m = Math.max(m, Math.abs(v)); total++; if (v === 0) zeros++; }
  if (!(m > 0) || !Number.isFinite(m)) m = 1;
  const counts = new Float64Array(bins);
  for (const w of mats) {
    for (const v of w.data) {
      if (v === 0 || !Number.isFinite(v)) continue;
      const b = Math.min(bins - 1, Math.max(0, Math.floor(((v + m) / (2 * m)) * bins)));
      counts[b]++;
    }
  }
  return { min: -m, max: m, counts: Array.from(counts), zeros, total };
}

// Max-probability histogram on the validation set: counts, accuracy per bin, mean confidence and
// expected calibration error ECE = Σ_b (n_b/N)·|acc_b − conf_b|.
export function confidenceProbe(run, val, classes, bins = 10) {
  const probs = toClassProbs(run.predict(val.x, val.rows, { mode: 'eval' }), val.rows, classes);
  const counts = new Array(bins).fill(0), correct = new Array(bins).fill(0), confSum = new Array(bins).fill(0);
  let mean = 0;
  for (let i = 0; i < val.rows; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (probs[i * classes + k] > probs[i * classes + best]) best = k;
    const conf = probs[i * classes + best];
    const b = Math.min(bins - 1, Math.floor(conf * bins));
    counts[b]++; confSum[b] += conf; mean += conf;
    if (best === val.labels[i]) correct[b]++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (counts[b]) ece += (counts[b] / val.rows) * Math.abs(correct[b] / counts[b] - confSum[b] / counts[b]);
  return {
    bins, counts, accuracy: counts.map((n, b) => (n ? correct[b] / n : null)),
    meanConfidence: val.rows ? mean / val.rows : null, ece,
  };
}

// Confusion matrix on the validation set: counts[true][predicted].
export function confusionProbe(run, val, classes) {
  const probs = toClassProbs(run.predict(val.x, val.rows, { mode: 'eval' }), val.rows, classes);
  const counts = Array.from({ length: classes }, () => new Array(classes).fill(0));
  for (let i = 0; i < val.rows; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (probs[i * classes + k] > probs[i * classes + best]) best = k;
    counts[val.labels[i]][best]++;
  }
  return { classes, counts };
}
