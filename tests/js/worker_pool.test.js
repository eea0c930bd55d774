// The page's pool of idle run workers (web/session/worker_pool.js): a worker whose wasm memory a
// large run grew past MAX_IDLE_WASM_BYTES is ended when released (wasm memory never shrinks) and
// replaced only when a run needs one; a worker at the engine's initial size is kept.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { WorkerPool, MAX_IDLE_WASM_BYTES } from '../../web/session/worker_pool.js';

const MB = 1024 * 1024;
let started;

// Answers the worker.js `memory` message with its wasmBytes, after any dispose (in order).
class FakeWorker {
  constructor() {
    this.wasmBytes = 16 * MB;
    this.terminated = false;
    started.push(this);
  }
  postMessage(msg) {
    if (msg.type === 'memory') queueMicrotask(() => this.onmessage?.({ data: { type: 'memory', id: msg.id, wasmBytes: this.wasmBytes, heapBytes: 0 } }));
  }
  terminate() { this.terminated = true; }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('WorkerPool', () => {
  let saved;
  beforeEach(() => { saved = globalThis.Worker; globalThis.Worker = FakeWorker; started = []; });
  afterEach(() => { globalThis.Worker = saved; });

  it('keeps a released worker at the initial 16 MB idle and hands it out again without starting one', async () => {
    const pool = new WorkerPool({ workerUrl: 'worker.js', idle: 2 });
    const w = pool.take({});
    pool.release(w);
    await settle();
    expect(w.worker.terminated).toBe(false);
    expect(pool.take({})).toBe(w);
    expect(started).toHaveLength(1);
  });

  it('ends a released worker whose wasm memory grew past the bound, and starts a new one only when a run asks', async () => {
    const pool = new WorkerPool({ workerUrl: 'worker.js', idle: 2 });
    const cnn = pool.take({});
    cnn.worker.wasmBytes = 160 * MB; // a CNN on Fashion-MNIST
    pool.release(cnn);
    await settle();
    expect(cnn.worker.terminated).toBe(true);
    expect(pool.idle).toHaveLength(0);
    expect(pool.ended).toBe(1);
    expect(started).toHaveLength(1);
    const next = pool.take({});
    expect(next).not.toBe(cnn);
    expect(started).toHaveLength(2);
  });

  it('keeps a worker exactly at the bound', async () => {
    const pool = new WorkerPool({ workerUrl: 'worker.js', idle: 2 });
    const w = pool.take({});
    w.worker.wasmBytes = MAX_IDLE_WASM_BYTES;
    pool.release(w);
    await settle();
    expect(w.worker.terminated).toBe(false);
    expect(pool.idle).toEqual([w]);
  });

  it('leaves a large worker that a run took again before the reply alone until its next release', async () => {
    const pool = new WorkerPool({ workerUrl: 'worker.js', idle: 2 });
    const w = pool.take({});
    w.worker.wasmBytes = 160 * MB;
    pool.release(w);
    expect(pool.take({})).toBe(w); // before the memory reply arrives
    await settle();
    expect(w.worker.terminated).toBe(false);
    pool.release(w);
    await settle();
    expect(w.worker.terminated).toBe(true);
  });
});
