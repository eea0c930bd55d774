// The widgets' RunGroup (web/widgets/run_group.js) is an adapter over the run session: the same
// scheduling, stale-reply and restart code as the lab. Driven in Node over the worker-free pool.
import { describe, it, expect, beforeAll } from 'vitest';
import { createEngine } from 'reglab';
import { RunGroup } from '../../web/widgets/run_group.js';
import { LocalPool } from './support/local_pool.js';

let engine;
beforeAll(async () => { engine = await createEngine(); });

const moons = (seed, epochs = 12) => ({
  seed, data: { kind: 'moons', n: 80, noise: 0.3, valFraction: 0.5 },
  model: { hidden: [8] }, optimizer: { kind: 'adam', lr: 0.01 }, training: { epochs, batchSize: 16 },
});

describe('RunGroup over the run session', () => {
  it('trains `parallel` runs at a time, reports each run, and resolves the runs when all are done', async () => {
    const pool = new LocalPool(engine);
    const seen = [];
    const runs = [1, 2, 3].map((seed) => ({ label: `seed ${seed}`, spec: moons(seed), seed }));
    const group = new RunGroup(runs, {
      parallel: 2, pool,
      on: { records: (r, recs) => seen.push(['records', r.label, recs.length]), finish: (r) => seen.push(['finish', r.label, r.status]) },
    });
    const done = group.start();
    expect(group.runs.map((r) => r.status)).toEqual(['training', 'training', 'waiting']);
    pool.until(() => group.runs.every((r) => r.status === 'done'), { epochs: 5 });
    const out = await done;
    expect(out).toBe(group.runs);
    expect(pool.maxTaken).toBe(2);
    expect(out.map((r) => [r.seed, r.epoch, r.records.length, r.stopReason])).toEqual([[1, 12, 12, 'max_epochs'], [2, 12, 12, 'max_epochs'], [3, 12, 12, 'max_epochs']]);
    expect(seen.filter((e) => e[0] === 'finish').map((e) => e[1])).toEqual(['seed 1', 'seed 2', 'seed 3']);
    expect(seen.filter((e) => e[0] === 'records' && e[1] === 'seed 3').reduce((n, e) => n + e[2], 0)).toBe(12);
  });

  it('stops a run at its target, reports an invalid spec as that run’s error, and pauses / resumes', async () => {
    const pool = new LocalPool(engine);
    const runs = [
      { label: 'target', spec: moons(1, 40), stopWhen: (rec) => rec.epoch >= 9 },
      { label: 'bad', spec: { ...moons(2), optimizer: { kind: 'adam', lr: -1 } } },
    ];
    const group = new RunGroup(runs, { parallel: 2, pool });
    const done = group.start();
    pool.tick(4);
    group.pause();
    pool.tick(4);
    expect(group.runs[0].epoch).toBe(4);
    group.resume();
    pool.until(() => group.runs[0].status === 'done', { epochs: 4 });
    const out = await done;
    expect([out[0].epoch, out[0].stopReason]).toEqual([9, 'target']);
    expect(out[1].status).toBe('error');
    expect(out[1].error.path).toBe('optimizer.lr');
    expect(pool.taken).toBe(0);
  });

  it('cancel gives the workers back and resolves with the unfinished runs marked cancelled', async () => {
    const pool = new LocalPool(engine);
    const group = new RunGroup([{ label: 'a', spec: moons(1, 100) }, { label: 'b', spec: moons(2, 100) }, { label: 'c', spec: moons(3, 100) }], { parallel: 2, pool });
    const done = group.start();
    pool.tick(3);
    group.cancel();
    const out = await done;
    expect(out.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(pool.taken).toBe(0);
    pool.tick(3);
    expect(out[0].epoch).toBe(3);
  });
});
