// Tick labels of the charts' axes (views/charts.js, views/chart_setup.js). Pure, so the rules are
// testable without a page.

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

// Linear axes: the labels of Chart.js's own formatter (Ticks.formatters.numeric, locale 'en') — as
// many decimals as the step between ticks needs, thousands grouped, scientific when the axis spans
// only values under 1e-4 or over 1e15 — written without Intl.NumberFormat. Building the first
// NumberFormat (ICU's number data) was ~40 ms of the main thread at the lab's first chart frame,
// 160 ms at 4× CPU throttling (Lighthouse's phone), inside the longest task of the load.
// chart_setup.js makes it the default label of every linear axis.
export function linearTick(value, index, ticks) {
  if (value === 0) return '0';
  let delta = value, scientific = false;
  if (ticks.length > 1) {
    const largest = Math.max(Math.abs(ticks[0].value), Math.abs(ticks[ticks.length - 1].value));
    scientific = largest < 1e-4 || largest > 1e15;
    // Chart.js's calculateDelta: the step between ticks, or the fraction of a tick off the grid.
    delta = ticks.length > 3 ? ticks[2].value - ticks[1].value : ticks[1].value - ticks[0].value;
    if (Math.abs(delta) >= 1 && value !== Math.floor(value)) delta = value - Math.floor(value);
  }
  const log = Math.log10(Math.abs(delta));
  const decimals = Number.isNaN(log) ? 1 : Math.max(Math.min(-Math.floor(log), 20), 0);
  if (scientific) return value.toExponential(Math.min(decimals, 20)).replace(/e\+?/, 'E');
  const [whole, fraction] = toFixed(Math.abs(value), decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

// x ≥ 0 with d decimals, rounded as Intl rounds: half away from zero on the shortest decimal that
// reads back as x (0.00225 → 0.0023), where Number#toFixed rounds the binary value (→ 0.0022).
function toFixed(x, d) {
  const [mantissa, exponent] = x.toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const keep = Number(exponent) + 1 + d;  // digits of x kept: those before the point, then d more
  if (keep < 0) return (0).toFixed(d);
  const up = keep < digits.length && digits[keep] >= '5';
  const n = (BigInt(digits.slice(0, keep).padEnd(keep, '0') || '0') + (up ? 1n : 0n)).toString().padStart(d + 1, '0');
  return d ? `${n.slice(0, -d)}.${n.slice(-d)}` : n;
}
