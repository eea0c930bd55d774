// A run session: the runs of one experiment side by side (the lab's lesson, a widget's A/B pair).
// It owns each run's sparse spec (what the preset or the student set — what the URL carries),
// its records and its status; takes a worker for it from a pool (session/worker_pool.js, or any
// object with take(handlers)/release(worker)); decides which runs train now and how the cores are
// shared; applies play / pause / step / reset; and decides whether a changed setting goes to the
// running run (run.update) or restarts it. Views listen through `on` callbacks and never train.
// No DOM, no charts, no `location` here: app.js turns state() into the URL through state/url.js.
//
// Worker protocol (engine/worker.js): start(spec, probes, label) → run id; replies {type, id, …}
// tagged with an older id than the slot's current run are dropped, so a reset never mixes the
// epochs of two runs.
import { clone, setPath, partialSpec, UPDATABLE_FIELDS } from '../state/spec.js';
import { RunSlot } from './run_slot.js';

export { RunSlot };

export const SPEEDS = [
  ['slow', 'Slow (10 epochs/s)', 10],
  ['normal', 'Normal (40 epochs/s)', 40],
  ['fast', 'Fast (150 epochs/s)', 150],
  ['max', 'As fast as possible', 0],
];
export const LETTERS = 'ABCDEF';
export const MAX_RESTARTS = 2;     // a run whose worker dies more often than this stops with an error

// Together the workers use at most (cores − ½), leaving the page room to draw.
export function coreShare(active, cores = Math.max(1, globalThis.navigator?.hardwareConcurrency || 2)) {
  return Math.min(1, (cores - 0.5) / Math.max(1, active));
}

// ---------------------------------------------------------------------------------------------
export class RunSession {
  // pool: {take(handlers) → worker, release(worker)}; probes(slot): what the workers measure on
  // each snapshot; parallel: how many runs may train at once; lazy: a run takes its worker only
  // when it may train (and gives it back when finished) instead of loading at once;
  // rate: epochs per second (0 = as fast as possible); share(active): the share of a core each
  // of `active` runs may use; on: callbacks, each (slot, msg) unless said otherwise —
  //   started(slot, cause)  a run (re)starts from epoch 0; cause: open | add | restart | reset | crash | refused-update
  //   ready, records, snapshot, updated(slot, msg, changeLabel)   worker replies, after the slot took them in
  //   failed(slot)          the run stopped with an error (slot.error)
  //   notice(slot)          slot.notice changed without a restart
  //   status()              which runs train, or whether the session plays, changed
//   reset()               every run restarted (Reset, or a shared field changed)
  //   allDone()             every run finished while playing
  // urlRuns(runs): the runs as the URL names them (the lab swaps uploaded CSV texts for their
  // hashes, state/uploads.js); state() and sameAs() speak that form.
  constructor({ pool, probes = (_slot) => ({}), parallel = Infinity, lazy = false, rate = 0, share = coreShare, on = {}, urlRuns = (runs) => runs } = {}) {
    this.pool = pool;
    this.urlRuns = urlRuns;
    this.probes = probes;
    this.parallel = parallel;
    this.lazy = lazy;
    this.rate = rate;
    this.share = share;
    this.on = on;
    this.slots = [];
    this.playing = false;
    this.pausedByUser = false;     // "Paused." only when someone pressed Pause (or Step)
    this.sequential = false;
    this.lesson = null;            // {id} of the lab's lesson (the URL names it)
    this.presetId = null;
    this.preset = null;
    // The student's "Predict, then run" answer per experiment (preset id → choice, or 'skip'),
    // kept for the page's life: coming back to an experiment does not ask again.
    this.predictions = new Map();
  }

  emit(name, ...args) { this.on[name]?.(...args); }

  // ---- what the URL carries ---------------------------------------------------------------------
  // The state the URL carries: runs is null while they are exactly the preset's.
  state() {
    const runs = this.slots.map((s) => ({ label: s.label, spec: s.spec }));
    const same = this.preset && JSON.stringify(runs) === JSON.stringify(this.preset.runs.map((r) => ({ label: r.label, spec: r.spec })));
    return { lesson: this.lesson?.id, preset: this.presetId, runs: same ? null : this.urlRuns(runs) };
  }

  sameAs({ lesson, preset, runs }) {
    const cur = this.state();
    return cur.lesson === lesson && cur.preset === (preset || lesson) && JSON.stringify(cur.runs) === JSON.stringify(runs);
  }

  // ---- slots ------------------------------------------------------------------------------------
  // A new slot at `position` (default: last), with the lowest colour index not in use. Not started.
  addSlot(run, position) {
    const used = new Set(this.slots.map((s) => s.index));
    let index = 0;
    while (used.has(index)) index++;
    const slot = new RunSlot(this, run, index);
    this.slots.splice(position ?? this.slots.length, 0, slot);
    return slot;
  }

  removeSlot(slot) {
    this.releaseWorker(slot);
    this.slots = this.slots.filter((s) => s !== slot);
    this.checkDone();
  }

  // Ends every run (their workers go back to the pool).
  teardown() {
    for (const s of this.slots) this.releaseWorker(s);
    this.slots = [];
  }

  uniqueLabel(label, except = null) {
    let out = label, n = 2;
    while (this.slots.some((s) => s !== except && s.label === out)) out = `${label} (${n++})`;
    return out;
  }

  // A new name for a run (unique on the page); true when it changed.
  rename(slot, label) {
    const next = this.uniqueLabel(label, slot);
    if (next === slot.label) return false;
    slot.label = next;
    return true;
  }

  worker(slot) {
    slot.worker ??= this.pool.take({
      ready: (m) => this.fresh(slot, m) && this.onReady(slot, m),
      loading: (m) => this.fresh(slot, m) && ((slot.progress = { loaded: m.loaded, total: m.total }), this.emit('notice', slot)),
      records: (m) => this.fresh(slot, m) && this.onRecords(slot, m),
      snapshot: (m) => this.fresh(slot, m) && this.onSnapshot(slot, m),
      updated: (m) => this.fresh(slot, m) && this.onUpdated(slot, m),
      error: (m) => this.fresh(slot, m) && this.onError(slot, m),
      crashed: (m) => this.onCrashed(slot, m),
    });
    return slot.worker;
  }

  // Replies of a run this slot has replaced (or of a slot that is gone) are dropped.
  fresh(slot, msg) {
    return slot.worker !== null && msg.id === slot.runId;
  }

  releaseWorker(slot) {
    const w = slot.worker;
    slot.worker = null;
    slot.runId = 0;
    if (w) this.pool.release(w);
  }

  // Starts (or restarts) a run from its initial weights. restarted: the session starts it again
  // because its worker died (keeps the notice).
  start(slot, cause = 'restart', restarted = false) {
    if (!restarted) { slot.restarts = 0; slot.notice = null; }
    slot.clearRunState();
    if (this.lazy && !slot.worker && this.busy() >= this.limit()) {
      slot.state = 'waiting';
    } else {
      slot.runId = this.worker(slot).start(slot.spec, this.probes(slot), slot.label);
    }
    this.emit('started', slot, cause);
  }

  // Runs holding a worker that are not finished (lazy sessions start no more than `parallel`).
  busy() {
    return this.slots.filter((s) => s.worker && !s.finished && s.state !== 'waiting').length;
  }

  limit() {
    return this.sequential ? 1 : this.parallel;
  }

  // ---- worker replies ---------------------------------------------------------------------------
  onReady(slot, msg) {
    slot.canonical = msg.spec;
    slot.data = msg.data;
    slot.state = 'ready';
    this.emit('ready', slot, msg);
    if (this.playing) this.schedule();
  }

  onRecords(slot, msg) {
    if (slot.finished) return; // a run stopped at its target: the worker's later records are not its
    let records = msg.records, done = msg.done, stopReason = msg.stopReason;
    if (slot.stopWhen) {
      const k = records.findIndex((rec) => slot.stopWhen(rec, slot));
      if (k >= 0) { records = records.slice(0, k + 1); done = true; stopReason = 'target'; }
    }
    if (records.length) slot.records.push(...records);
    slot.bestEpoch = msg.bestEpoch;
    if (done) {
      slot.stopReason = stopReason;
      slot.state = stopReason === 'early_stopping' ? 'early-stopped' : stopReason === 'diverged' ? 'diverged' : 'done';
    } else if (slot.state === 'ready' || slot.state === 'loading') {
      slot.state = this.playing ? 'running' : 'paused';
    }
    this.emit('records', slot, records === msg.records && done === msg.done ? msg : { ...msg, records, done, stopReason });
    if (done) {
      if (stopReason === 'target') slot.worker.pause();
      // A lazy session gives the worker back once the last snapshot (sent right after the final
      // records) has arrived; a run stopped at its target has no final snapshot to wait for.
      if (this.lazy && (stopReason === 'target' || slot.finalSnapshot || !Object.keys(this.probes(slot)).length)) this.releaseWorker(slot);
      this.schedule();
      this.checkDone();
    }
  }

  onSnapshot(slot, msg) {
    if (msg.done) slot.finalSnapshot = true;
    this.emit('snapshot', slot, msg);
    if (this.lazy && msg.done && slot.finished) {
      this.releaseWorker(slot);
      this.schedule();
    }
  }

  onUpdated(slot, msg) {
    slot.canonical = msg.spec;
    const label = slot.pendingChange ?? 'settings changed';
    slot.pendingChange = null;
    this.emit('updated', slot, msg, label);
  }

  onError(slot, msg) {
    const { path, message } = msg.error;
    if (msg.during === 'update') {
      // The engine refused a mid-run change: restart the run with the new settings instead.
      this.start(slot, 'refused-update');
      return;
    }
    slot.state = 'error';
    slot.error = { path, message };
    if (this.lazy) this.releaseWorker(slot);
    this.emit('failed', slot);
    this.schedule();
    this.checkDone();
  }

  // The run's worker crashed, was killed or stopped answering; run_client.js has already put a
  // fresh worker in its place. Runs are deterministic from their spec, so starting again from
  // epoch 0 reproduces the same curve. The slot's notice says what happened.
  onCrashed(slot, { reason }) {
    if (slot.finished && slot.finalSnapshot) {
      // Nothing is lost: the views hold the whole run. The next start uses the fresh worker.
      slot.notice = `The training worker stopped after this run finished (${reason}); a new one is ready.`;
      this.emit('notice', slot);
      return;
    }
    slot.restarts++;
    if (slot.restarts > MAX_RESTARTS) {
      slot.state = 'error';
      slot.notice = null;
      slot.error = { path: '', message: `The training worker stopped ${slot.restarts} times (${reason}), so this run was stopped. Press Reset to try again.` };
      this.emit('failed', slot);
      this.schedule();
      this.checkDone();
      return;
    }
    slot.notice = `The training worker stopped (${reason}); it was replaced and this run restarted from epoch 0${slot.restarts > 1 ? ` (restart ${slot.restarts})` : ''}.`;
    this.start(slot, 'crash', true);
    this.emit('status');
  }

  // ---- playing ----------------------------------------------------------------------------------
  get allFinished() {
    return this.slots.length > 0 && this.slots.every((s) => s.finished);
  }

  // Once every run has finished, the session stops playing (once) and says so.
  checkDone() {
    if (this.allFinished && this.playing) {
      this.playing = false;
      this.emit('allDone');
      this.emit('status');
    }
  }

  play() {
    if (this.slots.every((s) => s.finished)) return this.reset(true);
    this.playing = true;
    this.pausedByUser = false;
    this.schedule();
  }

  // Starts the runs that may train now (up to `parallel`, or one at a time in sequential mode)
  // and shares the cores among them.
  schedule() {
    if (!this.playing) return;
    const limit = this.limit();
    if (this.lazy) {
      for (const s of this.slots) {
        if (this.busy() >= limit) break;
        if (s.state !== 'waiting') continue;
        s.runId = this.worker(s).start(s.spec, this.probes(s), s.label);
        s.state = 'loading';
      }
    }
    let active = this.slots.filter((s) => s.state === 'running').length;
    const starting = [];
    for (const s of this.slots) {
      if (active >= limit) break;
      if (s.state === 'ready' || s.state === 'paused') {
        s.state = 'running';
        starting.push(s);
        active++;
      }
    }
    const share = this.share(active);
    for (const s of this.slots) {
      if (s.state !== 'running') continue;
      if (starting.includes(s)) s.worker.play(this.rate, share);
      else if (s.share !== share) s.worker.speed(this.rate, share);
      s.share = share;
    }
    this.emit('status', starting);
  }

  pause() {
    this.playing = false;
    this.pausedByUser = true;
    for (const s of this.slots) {
      if (s.state === 'running') { s.worker.pause(); s.state = 'paused'; }
    }
    this.emit('status');
  }

  step() {
    this.pause();
    for (const s of this.slots) if (!s.finished && s.state !== 'loading' && s.state !== 'waiting') { s.worker.step(1); s.state = 'paused'; }
  }

  // Every run from its initial weights; play: whether they then train.
  reset(play = this.playing) {
    for (const s of this.slots) this.start(s, 'reset');
    this.playing = play;
    if (play) this.pausedByUser = false;
    this.emit('reset');
    this.schedule();
    this.emit('status');
  }

  // Starts all runs (a lesson just opened); play false: they load and wait, ready, for Play.
  startAll(play = true) {
    this.playing = play;
    this.pausedByUser = false;
    this.emit('status');
    for (const s of this.slots) this.start(s, 'open');
  }

  setRate(rate) {
    this.rate = rate;
    for (const s of this.slots) if (s.state === 'running') s.worker.speed(this.rate, s.share ?? 1);
  }

  // Restarts one run from its initial weights. It trains on its own when the others are playing
  // or have all finished (there is nothing else to wait for).
  restart(slot) {
    this.start(slot, 'restart');
    if (this.slots.every((s) => s === slot || s.finished)) this.playing = true;
    this.emit('status');
  }

  // ---- changing runs ----------------------------------------------------------------------------
  // A new run (not started yet) with the settings of the last one, or of the preset's first.
  addRun(label) {
    const last = this.slots[this.slots.length - 1];
    return this.addSlot({ label: this.uniqueLabel(label), spec: clone(last?.spec ?? this.preset.runs[0].spec) });
  }

  // A field of one run. A field the engine can change between epochs goes to the running run
  // (run.update; the reply is `updated`); any other change restarts the run. Returns 'update',
  // 'restart' or null (nothing changed).
  changeField(slot, path, value) {
    const before = slot.spec;
    slot.spec = setPath(slot.spec, path, value);
    const midRun = slot.epoch > 0 && !slot.finished && UPDATABLE_FIELDS.has(path);
    if (midRun) {
      slot.worker.update(partialSpec(path, value));
      return 'update';
    }
    if (JSON.stringify(before) !== JSON.stringify(slot.spec)) {
      this.restart(slot);
      return 'restart';
    }
    return null;
  }

  // A shared field (data, seed: the same for every run) changes: every run restarts.
  changeShared(path, value) {
    for (const s of this.slots) s.spec = setPath(s.spec, path, value);
    if (path === 'data.kind' && value !== 'csv') for (const s of this.slots) for (const k of ['csv', 'valCsv', 'testCsv']) s.spec = setPath(s.spec, `data.${k}`, undefined);
    this.reset(true);
  }

  // Run A takes the settings of `slot` under a new label, and restarts.
  copyToA(slot) {
    const a = this.slots[0];
    if (!a || a === slot) return null;
    a.spec = clone(slot.spec);
    a.label = this.uniqueLabel(`${slot.label} (copy)`);
    a.origin = { label: a.label, spec: clone(a.spec) };
    a.canonical = null;
    return a;
  }
}
