// Ticks of the charts' log axes (views/charts.js). Pure, so the rule is testable without a page.

// Log axes: ticks at powers of ten only, at most LOG_TICKS of them (every k-th decade when the
// range is wide, e.g. a diverging gradient norm from 1e-3 to 1e29), so labels never overlap.
// A range inside one decade keeps 1–2–5 steps, so the axis still has numbers.
const LOG_TICKS = 6;
export function logTickValues(min, max, limit = LOG_TICKS) {
  if (!(min > 0) || !(max >= min)) return [];
  const lo = Math.ceil(Math.log10(min) - 1e-9), hi = Math.floor(Math.log10(max) + 1e-9);
  if (hi - lo + 1 >= 2) {
    const step = Math.ceil((hi - lo + 1) / limit);
    const out = [];
    for (let e = lo; e <= hi; e += step) out.push(10 ** e);
    return out;
  }
  const out = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) { const v = m * 10 ** e; if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v); }
  }
  return out;
}

// Short labels: 0.001 … 1000 written out, beyond that 1e-4, 1e6 (and 2e-5 inside one decade).
export const logTick = (v) => {
  const e = Math.floor(Math.log10(v) + 1e-9);
  if (Math.abs(e) <= 3) return String(Number(v.toPrecision(1)));
  const m = Math.round(v / 10 ** e);
  return `${m}e${e}`;
};
