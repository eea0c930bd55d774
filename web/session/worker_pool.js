// The training workers of one page: idle RunWorkers (engine/run_client.js) kept with their engine
// loaded, so a run that starts later does not load and instantiate the wasm module again. The lab
// and the widgets each make one pool (a page has one or the other); the wasm module itself is
// compiled once per page for all workers (run_client.js compiledEngine). No DOM here.
import { RunWorker, compiledEngine } from '../engine/run_client.js';

export class WorkerPool {
  // workerUrl: engine/worker.js (or a blob URL importing it); wasmUrl: reglab.wasm (the engine modules sit beside it), compiled once;
  // supervise: restart a dead or hung worker and report `crashed` (run_client.js);
  // idle: how many idle workers to keep; warm: how many to start right away.
  constructor({ workerUrl, wasmUrl = null, supervise = false, idle = 4, warm = 0, name = 'reglab-run' }) {
    this.workerUrl = workerUrl;
    this.wasmUrl = wasmUrl;
    this.supervise = supervise;
    this.maxIdle = idle;
    this.name = name;
    this.idle = [];
    if (wasmUrl) compiledEngine(wasmUrl); // start compiling now, while the page renders
    for (let i = 0; i < warm; i++) this.idle.push(this.newWorker());
  }

  newWorker() {
    return new RunWorker(this.workerUrl, {}, { supervise: this.supervise, name: this.name, wasmUrl: this.wasmUrl });
  }

  // A worker for one run; handlers: {ready, records, snapshot, updated, error, crashed}.
  take(handlers) {
    const w = this.idle.pop() ?? this.newWorker();
    w.handlers = handlers;
    return w;
  }

  // A worker whose run is gone: idle in the pool (its engine stays loaded), or ended.
  release(w) {
    if (!w) return;
    if (this.idle.length >= this.maxIdle) return w.terminate();
    w.send({ type: 'dispose' });
    w.id = 0;
    w.handlers = {};
    this.idle.push(w);
  }
}
