// The axes' tick labels (web/views/axis_ticks.js): log axes at powers of ten only, few enough not to
// overlap; linear axes labelled as Chart.js's own formatter labels them, without Intl.
import { describe, it, expect } from 'vitest';
import { logTickValues, logTick, linearTick } from '../../web/views/axis_ticks.js';

describe('log axis ticks', () => {
  it('a diverging gradient norm from 1e-3 to 1e29 gets at most 6 decade ticks', () => {
    const ticks = logTickValues(1e-3, 1e29);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of ticks) expect(Math.abs(Math.log10(t) - Math.round(Math.log10(t)))).toBeLessThan(1e-9);
    expect(ticks.map(logTick)).toEqual(['0.001', '1000', '1e9', '1e15', '1e21', '1e27']);
  });
  it('a narrow range labels every decade it spans', () => {
    expect(logTickValues(0.05, 30).map(logTick)).toEqual(['0.1', '1', '10']);
  });
  it('a range inside one decade keeps 1–2–5 steps so the axis has numbers', () => {
    expect(logTickValues(1.5, 8).map(logTick)).toEqual(['2', '5']);
  });
});

// Chart.js 4's Ticks.formatters.numeric for locale 'en', as it is in node_modules/chart.js (the
// reference linearTick must agree with; Node has the full ICU data).
function chartjsNumeric(value, ticks) {
  if (value === 0) return '0';
  let notation, delta = value;
  if (ticks.length > 1) {
    const largest = Math.max(Math.abs(ticks[0].value), Math.abs(ticks[ticks.length - 1].value));
    if (largest < 1e-4 || largest > 1e15) notation = 'scientific';
    delta = ticks.length > 3 ? ticks[2].value - ticks[1].value : ticks[1].value - ticks[0].value;
    if (Math.abs(delta) >= 1 && value !== Math.floor(value)) delta = value - Math.floor(value);
  }
  const log = Math.log10(Math.abs(delta));
  const d = Number.isNaN(log) ? 1 : Math.max(Math.min(-1 * Math.floor(log), 20), 0);
  return new Intl.NumberFormat('en', { notation, minimumFractionDigits: d, maximumFractionDigits: d }).format(value);
}

describe('linear axis ticks', () => {
  it('label ticks exactly as Chart.js does, over steps from 1e-6 to 1e17 and signed ranges', () => {
    let compared = 0;
    for (const step of [1e-6, 2e-5, 5e-4, 0.001, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 250, 1000, 2500, 1e5, 5e16]) {
      for (const start of [0, -3, 7, -0.5]) {
        const ticks = Array.from({ length: 6 }, (_, i) => ({ value: Number(((start + i) * step).toPrecision(12)) }));
        for (const t of ticks) { expect(linearTick(t.value, 0, ticks)).toBe(chartjsNumeric(t.value, ticks)); compared++; }
      }
    }
    expect(compared).toBe(21 * 4 * 6);
  });
  it('a value off the grid of whole steps gets the decimals it needs (Chart.js keeps 2.5 as 2.5)', () => {
    const ticks = [{ value: 1 }, { value: 2.5 }];
    expect(ticks.map((t, i) => linearTick(t.value, i, ticks))).toEqual(['1', '2.5']);
  });
  it('thousands are grouped and a lone tick keeps its own decimals', () => {
    const ticks = [{ value: 0 }, { value: 10000 }, { value: 20000 }];
    expect(ticks.map((t, i) => linearTick(t.value, i, ticks))).toEqual(['0', '10,000', '20,000']);
    expect(linearTick(0.25, 0, [{ value: 0.25 }])).toBe(chartjsNumeric(0.25, [{ value: 0.25 }]));
  });
});
