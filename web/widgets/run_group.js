// RunGroup: the widgets' handle on a run session (session/run_session.js) — a list of runs trained
// `parallel` at a time in the page's widget worker pool (runtime.js), each taking a worker only
// when it may train and giving it back when done. It keeps the widgets' run objects:
//   {…run, index, status: 'waiting'|'training'|'done'|'error'|'cancelled', records, epoch,
//    stopReason, error, canonical, data, bestEpoch}
// on: {ready(run, msg), records(run, records), snapshot(run, msg), finish(run)}.
// A run may stop early: run.stopWhen(record, run) → true ends it after that record.
// pool: the page's widget pool unless given (tests pass a worker-free one).
import { RunSession } from '../session/run_session.js';
import { runPool } from './runtime.js';

const STATUS = {
  waiting: 'waiting', loading: 'training', ready: 'training', running: 'training', paused: 'training',
  done: 'done', 'early-stopped': 'done', diverged: 'done', error: 'error',
};

export class RunGroup {
  constructor(runs, { parallel = 2, rate = 0, probes = {}, on = {}, pool = null } = {}) {
    this.runs = runs.map((r, i) => ({ ...r, index: i, status: 'waiting', records: [], epoch: 0, stopReason: null, error: null }));
    this.on = on;
    this.cancelled = false;
    const run = (slot) => this.runs[slot.index];
    this.session = new RunSession({
      pool: pool ?? runPool(), probes: () => probes, parallel, lazy: true, rate, share: () => 1,
      on: {
        started: (slot) => this.sync(slot),
        ready: (slot, msg) => { this.sync(slot); on.ready?.(run(slot), msg); },
        records: (slot, msg) => {
          this.sync(slot);
          if (msg.records.length) on.records?.(run(slot), msg.records);
          if (msg.done) on.finish?.(run(slot));
        },
        snapshot: (slot, msg) => on.snapshot?.(run(slot), msg),
        failed: (slot) => { this.sync(slot); on.finish?.(run(slot)); },
        status: () => { for (const s of this.session.slots) this.sync(s); },
        allDone: () => this.resolve?.(this.runs),
      },
    });
    for (const r of this.runs) this.session.addSlot({ label: r.label, spec: r.spec, stopWhen: r.stopWhen });
  }

  // The widget's view of a slot (the slot's index is the run's: slots are added in order).
  sync(slot) {
    const r = this.runs[slot.index];
    if (!r || r.status === 'cancelled') return;
    Object.assign(r, {
      status: STATUS[slot.state] ?? slot.state, records: slot.records, epoch: slot.epoch, stopReason: slot.stopReason,
      error: slot.error, canonical: slot.canonical, data: slot.data, bestEpoch: slot.bestEpoch,
    });
  }

  // Resolves the runs once every one has finished (or the group was cancelled).
  start() {
    return new Promise((resolve) => {
      this.resolve = resolve;
      if (!this.runs.length) return resolve(this.runs);
      this.session.startAll();
      this.session.schedule();
    });
  }

  pause() { this.session.pause(); }

  resume() {
    if (this.cancelled) return;
    if (this.session.allFinished) this.resolve?.(this.runs); // the last run finished while paused
    else this.session.play();
  }

  cancel() {
    this.cancelled = true;
    this.session.teardown();
    for (const r of this.runs) if (r.status === 'training' || r.status === 'waiting') r.status = 'cancelled';
    this.resolve?.(this.runs);
  }
}
