// Statistics over seeds (web/state/seeds.js) and the session's words for who paused and what an
// edited run is called (web/session/run_session.js).
import { describe, it, expect } from 'vitest';
import { spread, bandOf } from '../../web/state/seeds.js';
import { RunSession } from '../../web/session/run_session.js';

describe('spread over seeds', () => {
  it('mean, sample sd, range; non-finite values left out', () => {
    const s = spread([1, 2, 3, NaN, null]);
    expect(s).toEqual({ mean: 2, sd: 1, min: 1, max: 3, n: 3 });
    expect(spread([])).toBe(null);
    expect(spread([5]).sd).toBe(0);
  });
  it('the band is mean ± sd per epoch, over epochs at least two seeds reached (early-stopped seeds end sooner)', () => {
    const h = [[{ epoch: 1, valLoss: 1 }, { epoch: 2, valLoss: 2 }], [{ epoch: 1, valLoss: 3 }]];
    const b = bandOf(h);
    expect(b.lower.map((p) => p.x)).toEqual([1]);
    expect(b.upper[0].y).toBeCloseTo(2 + Math.SQRT2, 10);
    expect(b.lower[0].y).toBeCloseTo(2 - Math.SQRT2, 10);
  });
});

describe('run session words', () => {
  const pool = { take: () => ({ start: () => 1, play() {}, pause() {}, speed() {} }), release() {} };
  it('"paused" only after Pause; Play and a fresh start clear it', () => {
    const session = new RunSession({ pool });
    session.preset = { runs: [] };
    session.addSlot({ label: 'A', spec: {} });
    session.startAll();
    expect(session.pausedByUser).toBe(false);
    session.pause();
    expect(session.pausedByUser).toBe(true);
    session.play();
    expect(session.pausedByUser).toBe(false);
  });
  it('rename keeps names unique on the page and ignores the run itself', () => {
    const session = new RunSession({ pool });
    const a = session.addSlot({ label: 'A', spec: {} });
    session.addSlot({ label: 'B', spec: {} });
    expect(session.rename(a, 'A')).toBe(false);
    expect(session.rename(a, 'B')).toBe(true);
    expect(a.label).toBe('B (2)');
    expect(a.origin.label).toBe('A');
  });
});
