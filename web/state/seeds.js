// Statistics over seeds for the lab's "Run 5 seeds" (views/multi_seed.js). Pure, no DOM.

// mean, sd (sample, n − 1), min, max of the finite values; null when there are none.
export function spread(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (!v.length) return null;
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { mean, sd, min: Math.min(...v), max: Math.max(...v), n: v.length };
}

// Per epoch, mean ± sd of one record field over the seeds' histories (epochs at least two seeds reached).
export function bandOf(histories, key = 'valLoss') {
  const byEpoch = new Map();
  for (const records of histories) for (const r of records) {
    if (!Number.isFinite(r[key])) continue;
    if (!byEpoch.has(r.epoch)) byEpoch.set(r.epoch, []);
    byEpoch.get(r.epoch).push(r[key]);
  }
  const lower = [], upper = [];
  for (const [x, ys] of [...byEpoch].sort((a, b) => a[0] - b[0])) {
    if (ys.length < 2) continue;
    const s = spread(ys);
    lower.push({ x, y: Math.max(s.mean - s.sd, 0) });
    upper.push({ x, y: s.mean + s.sd });
  }
  return { lower, upper };
}
