// The page's handle on a worker: one RunWorker per run slot (A, B, …) and one TaskWorker for
// one-off computations. Every start (init/reset) takes a fresh id; replies tagged with an older id
// are dropped, so a reset never mixes epochs of two different runs. No DOM here.

let nextId = 1;

export class RunWorker {
  // workerUrl: URL of worker.js (the entry module resolves it); handlers: {ready, records, snapshot,
  // updated, error} callbacks, each called with the message.
  constructor(workerUrl, handlers) {
    this.worker = new Worker(workerUrl, { type: 'module', name: 'reglab-run' });
    this.handlers = handlers;
    this.id = 0;
    this.worker.onmessage = (e) => {
      const msg = e.data;
      if (msg.id !== this.id) return; // stale: from a run this slot has replaced
      this.handlers[msg.type]?.(msg);
    };
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      this.handlers.error?.({ id: this.id, during: 'worker', error: { path: '', message: e.message || 'the training worker failed to load' } });
    };
  }

  start(spec, probes) {
    this.id = nextId++;
    this.worker.postMessage({ type: 'init', id: this.id, spec, probes });
    return this.id;
  }

  play(rate, share = 1) { this.send({ type: 'play', rate, share }); }
  pause() { this.send({ type: 'pause' }); }
  speed(rate, share = 1) { this.send({ type: 'speed', rate, share }); }
  step(n) { this.send({ type: 'step', n }); }
  update(partial) { this.send({ type: 'update', partial }); }
  probes(probes) { this.send({ type: 'probes', probes }); }

  send(msg) {
    if (this.id) this.worker.postMessage({ ...msg, id: this.id });
  }

  terminate() {
    this.id = -1;
    this.worker.terminate();
  }
}

// Promise-style one-off tasks (bias–variance, augmentation galleries, data export). A newer call
// with the same `key` supersedes an older one: the older promise resolves to null.
export class TaskWorker {
  constructor(workerUrl) {
    this.workerUrl = workerUrl;
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
      this.worker.postMessage({ type: 'task', id, task, args });
    });
  }

  spawn() {
    const w = new Worker(this.workerUrl, { type: 'module', name: 'reglab-tasks' });
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
