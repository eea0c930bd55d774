// One run of a session (session/run_session.js): its sparse spec (what the URL carries), its
// canonical spec (the engine's, once ready), its records, its status and the worker it holds.
// The words the views show for its status live here too, so the lab and the widgets agree.
import { clone, formatValue } from '../state/spec.js';
import { summarize, overfittingSince } from '../state/summary.js';

const FINISHED = ['done', 'early-stopped', 'diverged', 'error'];

// One run slot: the run's sparse spec, its canonical spec (the engine's, once ready), its records
// and status. `views` belongs to whoever draws the slot; the session never reads it.
export class RunSlot {
  constructor(session, { label, spec, stopWhen }, index) {
    this.session = session;
    this.label = label;
    this.spec = clone(spec);
    // What the run started as: an edited run is named for what changed since (state/run_names.js).
    this.origin = { label, spec: clone(spec) };
    this.stopWhen = stopWhen ?? null; // (record, slot) → true ends the run after that record
    this.index = index;            // colour index, stable while the slot lives
    this.key = `r${index}-${Math.random().toString(36).slice(2, 7)}`;
    this.canonical = null;
    this.clearRunState();
    this.state = session.lazy ? 'waiting' : 'loading';
    this.data = null;
    this.views = {};
    this.worker = null;
    this.runId = 0;
    this.restarts = 0;             // worker restarts since the run last started on its own
    this.notice = null;            // says so on the card when the worker was restarted
  }

  // What a run has produced so far; empty while its worker loads the engine and the data.
  clearRunState() {
    this.finalSnapshot = false;
    this.records = [];
    this.state = 'loading';
    this.error = null;
    this.stopReason = null;
    this.bestEpoch = 0;
    this.extras = {};
    this.progress = null;          // {loaded, total} bytes while the worker fetches large data
  }

  get epochs() { return this.canonical?.training?.epochs ?? this.spec.training?.epochs ?? 300; }
  get epoch() { return this.records.length ? this.records[this.records.length - 1].epoch : 0; }
  get finished() { return FINISHED.includes(this.state); }

  summary() {
    const s = summarize(this.records, { stopReason: this.stopReason, extras: this.extras, targetLoss: this.session.preset?.targetLoss ?? null });
    s.overfittingSince = overfittingSince(this.records);
    return s;
  }

  stateText() {
    const e = this.epoch;
    switch (this.state) {
      case 'waiting': return 'waiting';
      case 'loading': {
        const p = this.progress;
        return p?.total ? `loading images… ${(p.loaded / 1e6).toFixed(1)} of ${(p.total / 1e6).toFixed(1)} MB` : 'loading…';
      }
      case 'ready': return 'ready';
      case 'running': return `running · epoch ${e}`;
      case 'paused': return `paused at epoch ${e}`;
      case 'done': return `done · ${e} epochs`;
      case 'early-stopped': return `early-stopped at epoch ${e}${this.bestEpoch ? ` · best epoch ${this.bestEpoch}${this.canonical?.training?.earlyStopping?.restoreBest ? ' restored' : ''}` : ''}`;
      case 'diverged': return `diverged at epoch ${e}`;
      case 'error': return 'error';
      default: return this.state;
    }
  }

  divergeReason() {
    const bad = this.records.find((r) => r.diverged || !Number.isFinite(r.trainLoss));
    const lr = this.canonical?.optimizer?.lr;
    return `The loss became too large to represent${bad ? ` at epoch ${bad.epoch}` : ''}, so training stopped.${lr ? ` A learning rate of ${formatValue(lr)} is too large here: lower it or clip the gradients.` : ''}`;
  }
}
