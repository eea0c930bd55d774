// The run session (web/session/run_session.js) driven in Node: the real wasm engine behind a
// worker-free pool (support/local_pool.js) whose clock the test moves. Covers the slot lifecycle,
// pause / step / resume, reset, stale replies dropped by run id, mid-run update vs restart, errors
// reported per slot, worker crashes, the lazy (widget) mode, and the URL state.
import { describe, it, expect, beforeAll } from 'vitest';
import { createEngine } from 'reglab';
import { RunSession, MAX_RESTARTS, coreShare } from '../../web/session/run_session.js';
import { presetLoader } from '../../web/session/presets.js';
import { encodeState, decodeState } from '../../web/state/url.js';
import { LocalPool } from './support/local_pool.js';

let engine;
beforeAll(async () => { engine = await createEngine(); });

const moons = (over = {}) => ({
  seed: 3, data: { kind: 'moons', n: 80, noise: 0.3, valFraction: 0.5 },
  model: { hidden: [8] }, optimizer: { kind: 'adam', lr: 0.01 }, training: { epochs: 30, batchSize: 16 }, ...over,
});

// A session over a LocalPool, with every event it emits logged.
function setup(runs, options = {}) {
  const pool = new LocalPool(engine);
  const events = [];
  const log = (name) => (...args) => events.push([name, ...args]);
  const on = Object.fromEntries(['started', 'ready', 'records', 'snapshot', 'updated', 'failed', 'notice', 'status', 'allDone', 'reset'].map((n) => [n, log(n)]));
  const session = new RunSession({ pool, share: () => 1, on, ...options });
  session.preset = { runs };
  for (const r of runs) session.addSlot(r);
  return { pool, session, events, count: (name) => events.filter((e) => e[0] === name).length };
}

describe('run session: lifecycle', () => {
  it('loads, trains every run to the end, then stops playing and says so once', () => {
    const { pool, session, count } = setup([{ label: 'A', spec: moons() }, { label: 'B', spec: moons({ regularization: { l2: 0.01 } }) }]);
    session.startAll();
    expect(session.slots.map((s) => s.state)).toEqual(['loading', 'loading']);
    pool.deliver();
    expect(session.slots.map((s) => s.state)).toEqual(['running', 'running']);
    expect(session.slots[0].canonical.training.epochs).toBe(30);
    pool.until(() => session.allFinished);
    expect(session.slots.map((s) => [s.state, s.records.length, s.epoch])).toEqual([['done', 30, 30], ['done', 30, 30]]);
    expect(session.slots.every((s) => s.finalSnapshot)).toBe(true);
    expect(session.playing).toBe(false);
    expect(count('allDone')).toBe(1);
    // Same data and seed, only L2 differs: the runs differ, each from its own spec.
    expect(session.slots[0].records.at(-1).valLoss).not.toBe(session.slots[1].records.at(-1).valLoss);
  });

  it('pause stops training, step trains exactly one epoch, play resumes where it was', () => {
    const { pool, session } = setup([{ label: 'A', spec: moons({ training: { epochs: 100, batchSize: 16 } }) }]);
    session.startAll();
    pool.tick(7);
    const a = session.slots[0];
    expect(a.epoch).toBe(7);
    session.pause();
    expect(a.state).toBe('paused');
    pool.tick(7);
    expect(a.epoch).toBe(7);
    session.step();
    pool.deliver();
    expect(a.epoch).toBe(8);
    session.play();
    expect(a.state).toBe('running');
    pool.tick(5);
    expect(a.epoch).toBe(13);
    expect(a.records.map((r) => r.epoch)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
  });

  it('play after every run finished starts them all again', () => {
    const { pool, session, count } = setup([{ label: 'A', spec: moons({ training: { epochs: 10, batchSize: 16 } }) }]);
    session.startAll();
    pool.until(() => session.allFinished);
    session.play();
    expect(count('reset')).toBe(1);
    expect(session.slots[0].records).toEqual([]);
    pool.until(() => session.allFinished);
    expect(session.slots[0].epoch).toBe(10);
  });
});

describe('run session: reset and stale replies', () => {
  it('reset restarts every run from epoch 0 with the same curve, under a fresh run id', () => {
    const { pool, session, events } = setup([{ label: 'A', spec: moons() }]);
    session.startAll();
    pool.tick(10);
    const a = session.slots[0];
    const first = a.records.map((r) => r.trainLoss);
    const oldId = a.runId;
    session.reset();
    expect(a.runId).not.toBe(oldId);
    expect(a.records).toEqual([]);
    expect(events.filter((e) => e[0] === 'started').map((e) => e[2])).toEqual(['open', 'reset']);
    pool.tick(10);
    expect(a.records.map((r) => r.trainLoss)).toEqual(first);
  });

  it('drops replies tagged with the id of a run the slot has replaced', () => {
    const { pool, session } = setup([{ label: 'A', spec: moons() }]);
    session.startAll();
    pool.tick(5);
    const a = session.slots[0];
    const oldId = a.runId;
    session.reset();
    pool.deliver();
    expect(a.epoch).toBe(0);
    // A late reply of the old run arrives after the reset.
    a.worker.handlers.records({ type: 'records', id: oldId, records: [{ epoch: 99, trainLoss: 1 }], done: true, stopReason: 'max_epochs', bestEpoch: 0 });
    a.worker.handlers.error({ type: 'error', id: oldId, during: 'init', error: { path: 'x', message: 'old' } });
    expect(a.records).toEqual([]);
    expect(a.state).toBe('running');
    expect(a.error).toBe(null);
  });
});

describe('run session: changing a setting', () => {
  it('a field the engine changes between epochs goes to the running run; the history continues', () => {
    const { pool, session, events } = setup([{ label: 'A', spec: moons({ training: { epochs: 40, batchSize: 16 } }) }]);
    session.startAll();
    pool.tick(10);
    const a = session.slots[0];
    a.pendingChange = 'λ₂ → 0.05';
    expect(session.changeField(a, 'regularization.l2', 0.05)).toBe('update');
    expect(a.worker.sent.at(-1)).toMatchObject({ type: 'update', partial: { regularization: { l2: 0.05 } } });
    pool.deliver();
    const updated = events.find((e) => e[0] === 'updated');
    expect(updated[3]).toBe('λ₂ → 0.05');
    expect(a.canonical.regularization.l2).toBe(0.05);
    expect(a.spec.regularization.l2).toBe(0.05);
    pool.until(() => session.allFinished);
    expect(a.records.length).toBe(40);
    expect(a.records.filter((r) => r.changed).length).toBe(1);
    expect(events.filter((e) => e[0] === 'started').length).toBe(1);
  });

  it('any other field restarts the run; an unchanged value does nothing', () => {
    const { pool, session, events } = setup([{ label: 'A', spec: moons() }, { label: 'B', spec: moons() }]);
    session.startAll();
    pool.tick(10);
    const [a, b] = session.slots;
    expect(session.changeField(a, 'model.hidden', [16])).toBe('restart');
    expect(a.records).toEqual([]);
    expect(b.epoch).toBe(10);
    expect(session.changeField(a, 'model.hidden', [16])).toBe(null);
    pool.deliver();
    expect(a.canonical.model.hidden).toEqual([16]);
    expect(events.filter((e) => e[0] === 'started').map((e) => [e[1].label, e[2]])).toEqual([['A', 'open'], ['B', 'open'], ['A', 'restart']]);
  });

  it('an updatable field before the first epoch (or after the end) restarts instead of updating', () => {
    const { pool, session } = setup([{ label: 'A', spec: moons({ training: { epochs: 5, batchSize: 16 } }) }]);
    session.startAll();
    expect(session.changeField(session.slots[0], 'optimizer.lr', 0.02)).toBe('restart');
    pool.until(() => session.allFinished);
    expect(session.changeField(session.slots[0], 'optimizer.lr', 0.03)).toBe('restart');
    expect(session.playing).toBe(true); // the only run restarts on its own
  });

  it('a mid-run change the engine refuses restarts the run with the new settings', () => {
    const { pool, session, events } = setup([{ label: 'A', spec: moons() }]);
    session.startAll();
    pool.tick(5);
    const a = session.slots[0];
    a.worker.handlers.error({ type: 'error', id: a.runId, during: 'update', error: { path: 'model.dropout', message: 'no' } });
    expect(events.at(-1)).toEqual(['started', a, 'refused-update']);
    expect(a.state).toBe('loading');
    expect(a.error).toBe(null);
  });

  it('a shared field changes every run and restarts them all', () => {
    const { pool, session } = setup([{ label: 'A', spec: moons() }, { label: 'B', spec: moons() }]);
    session.startAll();
    pool.tick(5);
    session.changeShared('data.noise', 0.1);
    expect(session.slots.map((s) => s.spec.data.noise)).toEqual([0.1, 0.1]);
    expect(session.slots.map((s) => s.epoch)).toEqual([0, 0]);
    pool.deliver();
    expect(session.slots.map((s) => s.canonical.data.noise)).toEqual([0.1, 0.1]);
  });
});

describe('run session: errors and crashes', () => {
  it('an invalid spec stops only its own run, with the field path; the others finish', () => {
    const { pool, session, count } = setup([{ label: 'A', spec: moons() }, { label: 'bad', spec: moons({ optimizer: { kind: 'adam', lr: -1 } }) }]);
    session.startAll();
    pool.until(() => session.allFinished);
    const [a, bad] = session.slots;
    expect(a.state).toBe('done');
    expect(bad.state).toBe('error');
    expect(bad.error.path).toBe('optimizer.lr');
    expect(count('failed')).toBe(1);
    expect(count('allDone')).toBe(1);
  });

  it('a crashed worker restarts its run from epoch 0 with a notice, and gives up after MAX_RESTARTS', () => {
    const { pool, session, count } = setup([{ label: 'A', spec: moons({ training: { epochs: 200, batchSize: 16 } }) }, { label: 'B', spec: moons() }]);
    session.startAll();
    pool.tick(5);
    const [a, b] = session.slots;
    pool.crash(a.worker);
    expect(a.notice).toMatch(/restarted from epoch 0/);
    expect(a.records).toEqual([]);
    pool.tick(5);
    expect(a.epoch).toBe(5);
    expect(b.epoch).toBe(10);
    for (let i = 1; i <= MAX_RESTARTS; i++) { pool.crash(a.worker); pool.deliver(); }
    expect(a.state).toBe('error');
    expect(a.error.message).toMatch(`stopped ${MAX_RESTARTS + 1} times`);
    expect(count('failed')).toBe(1);
    // A reset (a fresh start by the person) clears the count and the notice.
    session.reset();
    expect([a.restarts, a.notice]).toEqual([0, null]);
  });

  it('a crash after a finished run only leaves a notice', () => {
    const { pool, session, count } = setup([{ label: 'A', spec: moons({ training: { epochs: 5, batchSize: 16 } }) }]);
    session.startAll();
    pool.until(() => session.allFinished);
    pool.crash(session.slots[0].worker, 'gone');
    expect(session.slots[0].state).toBe('done');
    expect(session.slots[0].notice).toMatch(/after this run finished \(gone\)/);
    expect(count('notice')).toBe(1);
  });
});

describe('run session: scheduling', () => {
  it('sequential mode trains one run at a time, in order', () => {
    const { pool, session } = setup([{ label: 'A', spec: moons({ training: { epochs: 10, batchSize: 16 } }) }, { label: 'B', spec: moons({ training: { epochs: 10, batchSize: 16 } }) }]);
    session.sequential = true;
    session.startAll();
    pool.tick(4);
    expect(session.slots.map((s) => [s.state, s.epoch])).toEqual([['running', 4], ['ready', 0]]);
    pool.until(() => session.slots[0].finished);
    pool.tick(4);
    expect(session.slots[1].state).toBe('running');
    pool.until(() => session.allFinished);
  });

  it('lazy mode holds at most `parallel` workers, gives them back when done, and stops a run at its target', () => {
    const target = (rec) => rec.epoch >= 7;
    const runs = [0, 1, 2, 3].map((i) => ({ label: `r${i}`, spec: moons({ seed: i + 1, training: { epochs: 12, batchSize: 16 } }), stopWhen: i === 3 ? target : undefined }));
    const { pool, session } = setup(runs, { lazy: true, parallel: 2 });
    session.startAll();
    expect(session.slots.map((s) => s.state)).toEqual(['loading', 'loading', 'waiting', 'waiting']);
    pool.until(() => session.allFinished, { epochs: 5 });
    expect(pool.maxTaken).toBe(2);
    expect(pool.taken).toBe(0);
    expect(session.slots.map((s) => s.epoch)).toEqual([12, 12, 12, 7]);
    expect(session.slots[3].stopReason).toBe('target');
  });

  it('shares the cores: (cores − ½) over the runs training', () => {
    expect(coreShare(1, 2)).toBe(1);
    expect(coreShare(3, 2)).toBe(0.5);
    expect(coreShare(4, 8)).toBe(1);
  });
});

describe('run session: URL state', () => {
  it('says "the preset" while the runs are the preset’s, and carries edited runs through the codec', () => {
    const runs = [{ label: 'A', spec: moons() }, { label: 'B', spec: moons({ regularization: { l2: 0.01 } }) }];
    const { session } = setup(runs);
    session.lesson = { id: '6.2' };
    session.presetId = '6.2';
    expect(session.state()).toEqual({ lesson: '6.2', preset: '6.2', runs: null });
    expect(encodeState(session.state())).toBe('#/6.2');
    session.startAll();
    session.changeField(session.slots[1], 'regularization.l2', 0.03);
    const hash = encodeState(session.state());
    const back = decodeState(hash);
    expect(back.runs[1].spec.regularization.l2).toBe(0.03);
    expect(session.sameAs(back)).toBe(true);
    expect(session.sameAs(decodeState('#/6.2'))).toBe(false);
  });
});

describe('presets', () => {
  it('fetches each preset once, and lets a failed fetch be tried again', async () => {
    const calls = [];
    let ok = false;
    const load = presetLoader((id) => `presets/${id}.json`, {
      fetch: async (url) => { calls.push(url); return { ok, status: ok ? 200 : 404, json: async () => ({ url }) }; },
    });
    await expect(load('6.1')).rejects.toThrow('preset 6.1 could not be loaded (HTTP 404)');
    ok = true;
    expect(await load('6.1')).toEqual({ url: 'presets/6.1.json' });
    await load('6.1');
    expect(calls).toEqual(['presets/6.1.json', 'presets/6.1.json']);
  });
});
