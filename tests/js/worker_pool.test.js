// The page's pool of idle run workers (web/session/worker_pool.js): a worker whose wasm memory a
// large run grew past MAX_IDLE_WASM_BYTES is ended when released (wasm memory never shrinks) and
// replaced only when a run needs one; a worker at the engine's initial size is kept.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { WorkerPool, MAX_IDLE_WASM_BYTES } from '../../web/session/worker_pool.js';

const MB = 1024 * 1024;
let started;

// Like worker.js, every message it posts carries its wasm memory size (wasmBytes).
class FakeWorker {
  constructor() {
    this.terminated = false;
    started.push(this);
  }
  postMessage() {}
  // A message of the run `id`, from an engine whose wasm memory is `wasmBytes`.
  says(id, wasmBytes) { this.onmessage({ data: { type: 'records', id, records: [], wasmBytes } }); }
  terminate() { this.terminated = true; }
}

// A run on `w` whose last message reported `wasmBytes`.
function run(w, wasmBytes) {
  const id = w.start({}, {});
  w.worker.says(id, wasmBytes);
}

describe('WorkerPool', () => {
  let saved;
  beforeEach(() => { saved = globalThis.Worker; globalThis.Worker = FakeWorker; started = []; });
  afterEach(() => { globalThis.Worker = saved; });

  it('keeps a released worker at the initial 16 MB idle and hands it out again without starting one', () => {
    const pool = new WorkerPool({ workerUrl: 'worker.js', idle: 2 });
    const w = pool.take({});
    run(w, 16 * MB);
    pool.release(w);
    expect(w.worker.terminated).toBe(false);
    expect(pool.take({})).toBe(w);
    expect(started).toHaveLength(1);
  });

  it('ends a released worker whose wasm memory grew past the bound, and starts a new one only when a run asks', () => {
    const pool = new WorkerPool({ workerUrl: 'worker.js', idle: 2 });
    const cnn = pool.take({});
    run(cnn, 160 * MB); // a CNN on Fashion-MNIST
    pool.release(cnn);
    expect(cnn.worker.terminated).toBe(true);
    expect(pool.idle).toHaveLength(0);
    expect(pool.ended).toBe(1);
    expect(started).toHaveLength(1);
    const next = pool.take({});
    expect(next).not.toBe(cnn);
    expect(started).toHaveLength(2);
  });

  it('keeps a worker exactly at the bound', () => {
    const pool = new WorkerPool({ workerUrl: 'worker.js', idle: 2 });
    const w = pool.take({});
    run(w, MAX_IDLE_WASM_BYTES);
    pool.release(w);
    expect(w.worker.terminated).toBe(false);
    expect(pool.idle).toEqual([w]);
  });

  it('decides at release, so the next lesson taking workers in the same task never gets a large one', () => {
    const pool = new WorkerPool({ workerUrl: 'worker.js', idle: 4 });
    const workers = [pool.take({}), pool.take({}), pool.take({})];
    run(workers[0], 160 * MB);
    run(workers[1], 16 * MB);
    run(workers[2], 170 * MB);
    for (const w of workers) pool.release(w);
    const next = [pool.take({}), pool.take({})];
    expect(next).toContain(workers[1]);
    expect(next.some((w) => w.wasmBytes > MAX_IDLE_WASM_BYTES)).toBe(false);
    expect(pool.ended).toBe(2);
  });

});
