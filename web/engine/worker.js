// One training run per module worker. The page sends commands tagged with a run id; every reply
// carries the id it answers, so the page can drop replies from a run it has already replaced.
// The worker owns the engine instance and never touches the DOM.
//
//   page → worker: engine {engine, module} (per engine module, before its first run) | init {id, spec, probes} | play {id, rate} | pause {id} | step {id, n}
//                  update {id, partial} | probes {id, probes} | dispose {id} | ping {id}
//                  task {id, task, args}          (one-off: biasVariance, augmentImages, …; on args.engine,
//                                                  else on the module args.spec needs)
//                  memory {id}                    (any time, also with no run: the engine's memory)
//   worker → page: ready {id, spec, data} | records {id, records, done, stopReason, bestEpoch}
//                  snapshot {id, epoch, …probes} | updated {id, partial, epoch}
//                  error {id, error: {path, message}, during} | result {id, result} | pong {id}
//                  memory {id, wasmBytes, heapBytes} (the instances' wasm memory, and the bytes live in them)
//                  every message also carries wasmBytes once an engine is loaded
import { createEngine } from './reglab.js';
// Imported here as well as by reglab.js: the worker asks for both files at once, and runs its
// first lines (the core glue's prefetch below) one round trip sooner than through reglab.js.
import { engineFor, ENGINE_MODULES } from './engine_modules.js';
import {
  planeBounds, boundaryProbe, curveProbe, histogramProbe, confidenceProbe, confusionProbe,
} from './probes.js';

// The engine comes in two modules (engine_modules.js, engineFor: 'core' trains the mlp, 'full' every
// kind). For each one this worker uses, the page sends {type: 'engine', engine, module}: the wasm
// module it compiled once for all its workers (null: load and compile it here) — the core one when
// the worker starts, the full one before the first run that needs it (run_client.js). A run waits
// for its module's message; the engine is instantiated as soon as that arrives, while the page is
// still rendering, so a run's init finds it ready.
const provided = new Map();  // engine → {module: Promise, provide}
function offered(name) {
  if (!provided.has(name)) {
    let provide;
    const module = new Promise((resolve) => { provide = resolve; });
    provided.set(name, { module, provide });
  }
  return provided.get(name);
}
const engines = new Map();
const loaded = new Set();  // the engines instantiated so far (core, full: one wasm memory each)
function engine(name) {
  if (!engines.has(name))
    engines.set(name, offered(name).module.then((module) => createEngine({ engine: name, ...(module ? { wasmModule: module } : {}) }))
      .then((e) => (loaded.add(e), e)));
  return engines.get(name);
}
const wasmBytes = () => [...loaded].reduce((sum, e) => sum + e.wasmBytes(), 0);
// The core engine's glue (reglab-core.mjs, next to this file in dist/engine/) is fetched now, while
// the page compiles the wasm, instead of after the module arrives: one round trip less before the
// first run. createEngine imports the same URL, so the module map hands it this copy.
import(/* @vite-ignore */ new URL(`./${ENGINE_MODULES.core}.mjs`, import.meta.url).href).catch(() => {});

let current = null;        // {id, run, spec, probes, train, val, classes, bounds, range, playing, rate, ...}
let pending = [];          // records trained but not yet posted
const SLICE_MS = 24;       // longest stretch of training between two looks at the message queue
const SNAPSHOT_MS = 200;   // probes while training at most this often

// ReglabError keeps the bare reason apart from the path; other errors only have a message.
const errorInfo = (e) => ({ path: e?.path ?? '', message: e?.reason ?? e?.message ?? String(e) });

// Every message carries the instance's wasm memory size (wasmBytes), so the page knows at once,
// when it releases this worker, what the worker would keep while idle (session/worker_pool.js).
function post(msg, transfer = []) {
  if (loaded.size) msg.wasmBytes = wasmBytes();
  self.postMessage(msg, transfer);
}

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    if (msg.type === 'ping') return post({ type: 'pong', id: msg.id }); // the page's watchdog
    if (msg.type === 'memory') return memory(msg.id);
    if (msg.type === 'engine') {
      const name = msg.engine ?? 'full';
      offered(name).provide(msg.module ?? null);
      return void engine(name).catch(() => {});
    }
    if (msg.type === 'init') return await init(msg);
    if (msg.type === 'task') return await task(msg);
    if (!current || msg.id !== current.id) return; // stale command for a run we no longer hold
    if (msg.type === 'play') play(msg.rate, msg.share);
    else if (msg.type === 'pause') current.playing = false;
    else if (msg.type === 'speed') { current.rate = msg.rate; current.share = msg.share ?? 1; current.clock = null; }
    else if (msg.type === 'step') { current.playing = false; train(msg.n); snapshot(true); }
    else if (msg.type === 'update') update(msg.partial);
    else if (msg.type === 'probes') { current.probes = msg.probes; snapshot(true); }
    else if (msg.type === 'dispose') dispose();
  } catch (e) {
    post({ type: 'error', id: msg.id, during: msg.type, error: errorInfo(e) });
  }
};

// Answered after any dispose sent before it (messages are handled in order): what the worker
// keeps while idle (tests/browser/soak.mjs prints it per round).
function memory(id) {
  post({ type: 'memory', id, wasmBytes: wasmBytes(), heapBytes: [...loaded].reduce((sum, e) => sum + e.heapBytes(), 0) });
}

function dispose() {
  pending = [];
  if (current) {
    current.playing = false;
    current.run.dispose();
    current = null;
  }
}

async function init({ id, spec, probes, label }) {
  dispose();
  self.runLabel = label ?? '';
  const eng = await engine(engineFor(spec));
  try {
    // Large data (Fashion-MNIST images) arrive in chunks: the page shows how far along they are.
    await eng.loadData(spec, { onProgress: ({ loaded, total }) => post({ type: 'loading', id, loaded, total }) });
    const run = eng.createRun(spec);
    current = { id, run, spec: run.spec, probes: probes ?? {}, playing: false, rate: 0, clock: null, lastSnapshot: 0 };
    const train = run.data('train'), val = run.data('val');
    current.train = train;
    current.val = val;
    current.classes = train.labels ? train.numClasses : 0;
    const data = { features: train.features, classes: current.classes, imageC: train.imageC, imageH: train.imageH, imageW: train.imageW,
      trainRows: train.rows, valRows: val.rows };
    if (train.features === 2 && train.labels) {
      current.bounds = planeBounds([train.x, val.x]);
      Object.assign(data, { bounds: current.bounds, train: pick(train), val: pick(val) });
    } else if (train.features === 1 && train.y) {
      const all = [...train.x, ...val.x];
      // Beyond the data on both sides, where the MC-dropout band should widen.
      const lo = Math.min(...all), hi = Math.max(...all), pad = 0.25 * (hi - lo || 1);
      current.range = [lo - pad, hi + pad];
      Object.assign(data, { range: current.range, train: pick(train), val: pick(val) });
    }
    post({ type: 'ready', id, spec: run.spec, data, version: eng.version, simd: eng.simd });
    snapshot(true);
  } catch (e) {
    current = null;
    post({ type: 'error', id, during: 'init', error: errorInfo(e) });
  }
}

const pick = (d) => ({ x: Array.from(d.x), labels: d.labels ? Array.from(d.labels) : null, y: d.y ? Array.from(d.y) : null, rows: d.rows });

// rate: epochs per second (0 = as fast as possible); share: the fraction of a core this run may
// use, so that all runs together leave the page's main thread room to draw.
function play(rate, share = 1) {
  const c = current;
  if (c.run.done) return finish();
  c.rate = rate;
  c.share = share;
  c.clock = null;
  if (c.playing) return;
  c.playing = true;
  tick(c);
}

// One slice of training, then yield to the message queue (pause / update / dispose arrive there).
function tick(c) {
  if (c !== current || !c.playing) return;
  const start = performance.now();
  if (c.rate > 0) {
    // Paced: the number of epochs due since play began at `rate` epochs per second.
    c.clock ??= { t0: start, e0: c.run.epoch };
    const due = Math.floor(c.clock.e0 + ((start - c.clock.t0) / 1000) * c.rate) - c.run.epoch;
    // One epoch at a time within the slice, so the worker stays answerable (pause, ping).
    for (let k = 0; k < Math.min(due, 50) && !c.run.done && (k === 0 || performance.now() - start < SLICE_MS); k++) train(1, false);
    flush();
  } else {
    while (!c.run.done && performance.now() - start < SLICE_MS) train(1, false);
    flush();
  }
  if (c.run.done) return finish();
  snapshot(false);
  // Sleep long enough that busy time / total time ≈ share.
  const busy = performance.now() - start;
  const rest = busy * (1 / Math.max(0.05, c.share ?? 1) - 1);
  setTimeout(() => tick(c), Math.max(rest, c.rate > 0 ? Math.max(4, Math.min(50, 1000 / c.rate / 2)) : 0));
}

// While step() or a probe runs the worker cannot answer the page's watchdog pings. Before work
// that may take seconds (a CNN's epoch on a phone) it says how long: `lastMs`, the time this work
// took last, or a generous 30 s before it has been timed — assumed only for a convolutional or
// sequence model, so that a dead MLP worker is still caught within seconds. Fast work sends nothing.
function announceSlow(c, lastMs, times = 1) {
  const slow = lastMs === undefined ? (c.spec?.model?.kind ?? 'mlp') !== 'mlp' : lastMs >= 300;
  if (slow) post({ type: 'busy', id: c.id, ms: times * (lastMs ?? 30000) });
}

function train(n, send = true) {
  const c = current;
  if (c.run.done) return;
  announceSlow(c, c.epochMs, n);
  const t0 = performance.now();
  pending.push(...c.run.step(n));
  c.epochMs = (performance.now() - t0) / n;
  if (send) flush();
}

// Posts the records trained since the last post. The message that says done goes out once.
function flush() {
  const c = current;
  if (!pending.length && (!c.run.done || c.doneSent)) return;
  c.doneSent = c.run.done;
  const records = pending;
  pending = [];
  post({ type: 'records', id: c.id, records, epoch: c.run.epoch, done: c.run.done, stopReason: c.run.stopReason,
    bestEpoch: c.run.bestEpoch });
}

// Protocol: the records that say done come first, then one last snapshot (done: true) of the
// final weights — the widgets wait for that snapshot before reusing the worker.
function finish() {
  const c = current;
  c.playing = false;
  flush();
  snapshot(true);
}

function update(partial) {
  const c = current;
  c.run.update(partial);
  c.spec = c.run.spec;
  post({ type: 'updated', id: c.id, partial, epoch: c.run.epoch, spec: c.run.spec });
}

// Measure what the views asked for on the current weights and send it with the epoch it shows.
function snapshot(force) {
  const c = current;
  if (!c) return;
  const now = performance.now();
  // Probes cost forward passes (a CNN's confusion matrix: seconds on a phone): at most every
  // SNAPSHOT_MS, and at most a fifth of the time (4 × the last snapshot's cost in between), and
  // only when an epoch has passed since the last one — unless forced.
  if (!force && (now - c.lastSnapshot < Math.max(SNAPSHOT_MS, 4 * (c.snapshotMs ?? 0)) || c.snapshotEpoch === c.run.epoch)) return;
  announceSlow(c, c.snapshotMs);
  c.snapshotEpoch = c.run.epoch;
  const p = c.probes, out = { type: 'snapshot', id: c.id, epoch: c.run.epoch, done: c.run.done };
  const transfer = [];
  if (p.boundary && c.bounds) {
    out.boundary = boundaryProbe(c.run, c.bounds, p.boundary, c.classes);
    transfer.push(out.boundary.probs.buffer);
  }
  if (p.curve && c.range) out.curve = curveProbe(c.run, c.spec, c.range, p.curve === true ? {} : p.curve);
  if (p.histogram) out.histogram = histogramProbe(c.run.weights());
  if (p.confidence && c.classes) out.confidence = confidenceProbe(c.run, c.val, c.classes);
  if (p.confusion && c.classes) out.confusion = confusionProbe(c.run, c.val, c.classes);
  c.lastSnapshot = performance.now();
  c.snapshotMs = c.lastSnapshot - now;
  post(out, transfer);
}

// One-off computations for lesson views; they do not touch the worker's run.
async function task({ id, task: name, args }) {
  const eng = await engine(args?.engine ?? engineFor(args?.spec));
  try {
    let result;
    if (name === 'biasVariance') {
      await eng.loadData(args.spec);
      result = eng.biasVariance(args.spec, args.options);
    } else if (name === 'augmentImages') {
      await eng.loadData(args.spec);
      const g = eng.augmentImages(args.spec, args.count);
      result = { ...g, images: Float32Array.from(g.images), labels: g.labels ? Array.from(g.labels) : null };
    } else if (name === 'augmentText') {
      result = args.items.map(({ sentence, op, strength, seed }) => eng.augmentText(sentence, op, strength, seed));
    } else if (name === 'exportData') {
      await eng.loadData(args.spec);
      const run = eng.createRun(args.spec);
      try {
        result = { train: run.data('train'), val: run.data('val'), test: safeData(run, 'test'), spec: run.spec };
      } finally {
        run.dispose();
      }
    } else if (name === 'describe') {
      result = { description: eng.describe(), version: eng.version, simd: eng.simd };
    } else {
      throw new Error(`unknown task ${name}`);
    }
    post({ type: 'result', id, result });
  } catch (e) {
    post({ type: 'error', id, during: name, error: errorInfo(e) });
  }
}

function safeData(run, split) {
  const d = run.data(split);
  return d && d.rows > 0 ? d : null;
}
