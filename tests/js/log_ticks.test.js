// The log axes' ticks (web/views/log_ticks.js): powers of ten only, few enough not to overlap.
import { describe, it, expect } from 'vitest';
import { logTickValues, logTick } from '../../web/views/log_ticks.js';

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
