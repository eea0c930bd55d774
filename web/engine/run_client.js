// The page's handle on a worker: one RunWorker per run slot (A, B, …) and one TaskWorker for
// one-off computations. Every start (init/reset) takes a fresh id; replies tagged with an older id
// are dropped, so a reset never mixes epochs of two different runs. No DOM here.

import { engineFor, engineFile } from './engine_modules.js';

let nextId = 1;

// Each engine module (reglab.js ENGINE_MODULES: 'core' first, 'full' when a spec needs it) is
// compiled once per page and the WebAssembly.Module is posted to every worker (modules can be sent
// to workers): a worker then only instantiates it instead of fetching and compiling ~600 KB of code
// again. `wasmUrl` is the folder's reglab.wasm, the modules sit beside it. Without a wasmUrl, or if
// compiling here fails, the worker loads the engine itself.
const compiled = new Map();
export function compiledEngine(wasmUrl, engine = 'core') {
  if (!wasmUrl) return Promise.resolve(null);
  const key = engineFile(wasmUrl, engine);
  if (!compiled.has(key)) {
    const bytes = () => fetch(key).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r;
    });
    const module = WebAssembly.compileStreaming
      ? WebAssembly.compileStreaming(bytes()).catch(() => bytes().then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)))
      : bytes().then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
    compiled.set(key, module.catch(() => null));
  }
  return compiled.get(key);
}

// The engine module a worker needs is sent once per worker and module (web/engine/worker.js waits
// for it before a run on that module): the core one when the worker starts, the full one before the
// first spec that needs it (engineFor: the conv and sequence models, the word tables). `wasmUrl`
// names the folder's reglab.wasm; each module's file sits beside it (engineFile).
const sentEngines = new WeakMap();  // worker → the engine modules already sent to it
function sendEngine(worker, wasmUrl, engine = 'core') {
  if (!sentEngines.has(worker)) sentEngines.set(worker, new Set());
  if (sentEngines.get(worker).has(engine)) return;
  sentEngines.get(worker).add(engine);
  compiledEngine(wasmUrl, engine).then((module) => worker.postMessage({ type: 'engine', engine, module }));
}

// With {supervise: true} (the lab) the handle also watches its worker: an uncaught error in the
// worker after it has answered, a message that cannot be read, or silence for WATCH_TICKS ticks
// of WATCH_MS (a killed or hung worker; the worker answers `ping` between training slices) make
// it terminate that worker, start a fresh one and call handlers.crashed({reason}). The page then
// restarts the run (runs are deterministic from their spec). The silence is counted in timer
// ticks, not wall time, so a page the browser froze or throttled is not mistaken for a dead worker.
const WATCH_MS = 1000;
const WATCH_TICKS = 5;

export class RunWorker {
  // workerUrl: URL of worker.js (the entry module resolves it); handlers: {ready, records, snapshot,
  // updated, error, crashed} callbacks, each called with the message.
  // name: the worker's name (devtools, tests); wasmUrl: reglab.wasm, compiled once and shared.
  constructor(workerUrl, handlers, { supervise = false, name = 'reglab-run', wasmUrl = null } = {}) {
    this.workerUrl = workerUrl;
    this.wasmUrl = wasmUrl;
    this.name = name;
    this.handlers = handlers;
    this.supervise = supervise;
    this.id = 0;
    this.memoryReplies = new Map();
    this.spawn();
  }

  spawn() {
    const w = new Worker(this.workerUrl, { type: 'module', name: this.name });
    this.worker = w;
    this.wasmBytes = 0; // the worker's wasm memory as of its last message
    sendEngine(w, this.wasmUrl);
    this.answered = false; // the worker has loaded and replied at least once
    this.seen = false;     // a message arrived since the last watchdog tick
    this.missed = 0;
    w.onmessage = (e) => {
      if (w !== this.worker) return;
      this.answered = this.seen = true;
      const msg = e.data;
      if (msg.wasmBytes !== undefined) this.wasmBytes = msg.wasmBytes; // what the worker holds, whichever run
      if (msg.type === 'memory') return void this.memoryReplies.get(msg.id)?.(msg);
      if (msg.id !== this.id) return; // stale: from a run this slot has replaced
      // The worker is about to be busy for up to msg.ms (a slow epoch): no pings answered till then.
      if (msg.type === 'busy') { this.graceUntil = performance.now() + 2 * msg.ms + WATCH_MS * WATCH_TICKS; return; }
      this.handlers[msg.type]?.(msg);
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      if (w !== this.worker) return;
      if (this.supervise && this.answered) return this.died(`it failed with an uncaught error${e.message ? `: ${e.message}` : ''}`);
      this.handlers.error?.({ id: this.id, during: 'worker', error: { path: '', message: e.message || 'the training worker failed to load' } });
    };
    w.onmessageerror = () => {
      if (w === this.worker && this.supervise) this.died('a message from it could not be read');
    };
    if (this.supervise) {
      clearInterval(this.timer);
      this.timer = setInterval(() => this.watch(), WATCH_MS);
    }
  }

  watch() {
    if (!(this.id > 0)) { this.missed = 0; return; } // nothing to lose: no run started
    if (performance.now() < (this.graceUntil ?? 0)) { this.seen = false; this.missed = 0; return; } // an announced slow step
    if (this.seen) { this.seen = false; this.missed = 0; return; }
    this.missed++;
    // A worker still loading gets longer: the first engine load can be slow on a busy machine.
    if (this.missed > (this.answered ? WATCH_TICKS : 6 * WATCH_TICKS)) return this.died('it stopped answering');
    this.worker.postMessage({ type: 'ping', id: this.id });
  }

  died(reason) {
    clearInterval(this.timer);
    this.worker.terminate();
    this.id = 0;
    this.spawn();
    this.handlers.crashed?.({ reason });
  }

  // label: the run's name, kept by the worker as self.runLabel (devtools, tests).
  start(spec, probes, label = '') {
    this.id = nextId++;
    this.seen = false;
    this.missed = 0;
    sendEngine(this.worker, this.wasmUrl, engineFor(spec));
    this.worker.postMessage({ type: 'init', id: this.id, spec, probes, label });
    return this.id;
  }

  play(rate, share = 1) { this.send({ type: 'play', rate, share }); }
  pause() { this.send({ type: 'pause' }); }
  speed(rate, share = 1) { this.send({ type: 'speed', rate, share }); }
  step(n) { this.send({ type: 'step', n }); }
  update(partial) { this.send({ type: 'update', partial }); }
  probes(probes) { this.send({ type: 'probes', probes }); }

  // The engine's memory, {wasmBytes, heapBytes}, whether or not a run is going (worker.js memory).
  // Never settles if the worker is ended or dies first.
  memory() {
    const id = `m${nextId++}`;
    return new Promise((resolve) => {
      this.memoryReplies.set(id, (msg) => { this.memoryReplies.delete(id); resolve({ wasmBytes: msg.wasmBytes, heapBytes: msg.heapBytes }); });
      this.worker.postMessage({ type: 'memory', id });
    });
  }

  send(msg) {
    if (this.id) this.worker.postMessage({ ...msg, id: this.id });
  }

  terminate() {
    this.id = -1;
    clearInterval(this.timer);
    this.worker.terminate();
  }
}

// Promise-style one-off tasks (bias–variance, augmentation galleries, data export). A newer call
// with the same `key` supersedes an older one: the older promise resolves to null. The task runs on
// the engine module args.spec needs (engineFor), or on args.engine ('core' | 'full') if given.
export class TaskWorker {
  constructor(workerUrl, { wasmUrl = null } = {}) {
    this.workerUrl = workerUrl;
    this.wasmUrl = wasmUrl;
    this.worker = null;
    this.pending = new Map();
    this.latest = new Map();
  }

  run(task, args, key = task) {
    this.worker ??= this.spawn();
    const id = `t${nextId++}`;
    this.latest.set(key, id);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, key });
      sendEngine(this.worker, this.wasmUrl, args?.engine ?? engineFor(args?.spec));
      this.worker.postMessage({ type: 'task', id, task, args });
    });
  }

  spawn() {
    const w = new Worker(this.workerUrl, { type: 'module', name: 'reglab-tasks' });
    sendEngine(w, this.wasmUrl);
    w.onmessage = (e) => {
      const msg = e.data;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.latest.get(p.key) !== msg.id) return p.resolve(null);
      if (msg.type === 'error') {
        const err = new Error(msg.error.message);
        err.path = msg.error.path;
        p.reject(err);
      } else p.resolve(msg.result);
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      for (const p of this.pending.values()) p.reject(new Error(e.message || 'the task worker failed'));
      this.pending.clear();
    };
    return w;
  }

  terminate() {
    this.worker?.terminate();
    this.worker = null;
  }
}
