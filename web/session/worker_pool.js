// The training workers of one page: idle RunWorkers (engine/run_client.js) kept with their engine
// loaded, so a run that starts later does not load and instantiate the wasm module again. The lab
// and the widgets each make one pool (a page has one or the other); the wasm module itself is
// compiled once per page for all workers (run_client.js compiledEngine). No DOM here.
import { RunWorker, compiledEngine } from '../engine/run_client.js';

// The most WebAssembly memory an idle worker may keep. Wasm memory grows but never shrinks, so a
// worker keeps the peak of every run it ever held: the MLP lessons stay at the engine's initial
// 16 MB, but a CNN on Fashion-MNIST (6.4-cnn, 6.7-images, 6.9-images) grows it to ~145–175 MB
// (in the soak, six idle workers that had run CNNs held 928 MB of wasm memory). A worker released
// above this bound is ended (its memory goes back to the system) and a new one is started only
// when a run needs it: the idle workers together hold at most idle × 64 MB (the lab: 6 × 64 MB),
// and a worker is replaced only after a run that grew it past 64 MB, never on the MLP lessons.
export const MAX_IDLE_WASM_BYTES = 64 * 1024 * 1024;

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
    this.ended = 0; // workers ended for the memory they kept (MAX_IDLE_WASM_BYTES)
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
    // Decided now, from the size its last message reported (worker.js posts it with every
    // message): on a lesson change the next lesson takes its workers in the same task, before any
    // reply to a question asked now could arrive. Growth after the last message is caught at the
    // worker's next release.
    if (w.wasmBytes > MAX_IDLE_WASM_BYTES) {
      this.ended++;
      return w.terminate();
    }
    w.send({ type: 'dispose' });
    w.id = 0;
    w.handlers = {};
    this.idle.push(w);
  }
}
