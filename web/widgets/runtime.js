// What every widget on a page shares: where the RegLab files are (next to this script, not the
// page), the training workers (a small pool, reused between widgets), one task worker for
// one-off computations, the queue that lets only a few widgets train at once, and the presets.
// No DOM here beyond creating workers.
import { TaskWorker } from '../engine/run_client.js';
import { WorkerPool } from '../session/worker_pool.js';
import { presetLoader } from '../session/presets.js';

// The folder reglab-widgets.js was loaded from: engine/, presets/, data/ and widgets/ sit in it.
// A page may override it before the first widget starts: window.REGLAB_BASE = 'https://…/reglab/'.
// (Written without the literal `new URL('./', import.meta.url)`, which bundlers such as Vite
// would try to resolve as an asset at build time.)
const here = import.meta.url;
let configuredBase = null;
export function baseUrl() {
  const override = configuredBase ?? globalThis.REGLAB_BASE;
  if (typeof override === 'string' && override) return new URL(override.endsWith('/') ? override : `${override}/`, globalThis.location?.href ?? here);
  return new URL('./', here);
}

const sameOrigin = (url) => typeof location !== 'undefined' && url.origin === location.origin;

// A worker script from another origin (the widgets are on a CDN, the notes elsewhere) cannot be
// started directly; a one-line same-origin blob that imports it can (the files are CORS-served).
export function workerScriptUrl(url, { module = true } = {}) {
  if (sameOrigin(url) || url.protocol === 'file:') return url;
  const source = module ? `import ${JSON.stringify(url.href)};\n` : `importScripts(${JSON.stringify(url.href)});\n`;
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

export const engineWorkerUrl = () => workerScriptUrl(new URL('engine/worker.js', baseUrl()));
// Compiled once on the page and shared by every widget's worker (run_client.js).
const engineWasmUrl = () => new URL('engine/reglab.wasm', baseUrl()).href;

// ---- training workers ---------------------------------------------------------------------------
// One worker pool (session/worker_pool.js) for every widget on the page: a RunWorker holds one
// run, and up to IDLE_MAX are kept after use so a widget that starts later does not load the
// engine again. Made on first use, so a page's configure({base}) is heard first.
const IDLE_MAX = 4;
let pool = null;
export const runPool = () => (pool ??= new WorkerPool({ workerUrl: engineWorkerUrl(), wasmUrl: engineWasmUrl(), idle: IDLE_MAX }));

let tasks = null;
export const taskWorker = () => (tasks ??= new TaskWorker(engineWorkerUrl(), { wasmUrl: engineWasmUrl() }));

// ---- the training queue -------------------------------------------------------------------------
// At most `limit` widgets train at the same time (the lab runs on students' laptops; two cores is
// common). A widget asks for a turn, trains, and gives it back when it is done or paused. Widgets
// on screen go first.
const queue = {
  limit: 1,
  active: new Set(),
  waiting: [],
};

// configure({concurrency, base}): how many widgets may train at once (default 1), and where the
// RegLab files are when the widgets were bundled into an app (default: next to this script).
export function configure({ concurrency, base } = {}) {
  if (Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 8) queue.limit = concurrency;
  if (typeof base === 'string' && base) configuredBase = base;
  pump();
}

// Resolves when `owner` may train. owner.visible (boolean) orders the queue.
export function requestTurn(owner) {
  if (queue.active.has(owner)) return Promise.resolve(true);
  const existing = queue.waiting.find((w) => w.owner === owner);
  if (existing) return existing.promise;
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  queue.waiting.push({ owner, resolve, promise });
  pump();
  return promise;
}

// Leaves the queue (resolving a pending request with false) or gives the turn back.
export function releaseTurn(owner) {
  const i = queue.waiting.findIndex((w) => w.owner === owner);
  if (i >= 0) queue.waiting.splice(i, 1)[0].resolve(false);
  if (queue.active.delete(owner)) pump();
}

export const isQueued = (owner) => queue.waiting.some((w) => w.owner === owner);

function pump() {
  while (queue.active.size < queue.limit && queue.waiting.length) {
    queue.waiting.sort((a, b) => Number(!!b.owner.visible) - Number(!!a.owner.visible));
    const next = queue.waiting.shift();
    queue.active.add(next.owner);
    next.resolve(true);
  }
}

// ---- presets ------------------------------------------------------------------------------------
// Widget names for common comparisons: each picks runs of a lab preset (web/presets/<file>.json),
// so a widget and the lab show the very same experiment. Any preset file id works too ('6.2').
export const PRESET_ALIASES = {
  'small-vs-large': { file: '6.1' },
  'l2-vs-none': { file: '6.2', runs: ['none', 'L2 λ=0.01'], description: 'Same data, same initial weights; only the L2 penalty differs. Watch the gap between training and validation loss.' },
  'l1-vs-l2': { file: '6.2', runs: ['L2 λ=0.01', 'L1 λ=0.01'], description: 'The same strength as an L2 and as an L1 (proximal) penalty: L1 sets many weights to exactly zero.' },
  'penalties': { file: '6.2' },
  'adam-l2-vs-adamw': { file: '6.2-decay' },
  'dropout': { file: '6.3' },
  'mc-dropout': { file: '6.3-mc' },
  'batchnorm': { file: '6.4', runs: ['no BN', 'BN pre-activation'], description: 'Five hidden layers, plain SGD at learning rate 0.1: with BatchNorm the training loss falls in far fewer epochs.' },
  'layernorm': { file: '6.5', runs: ['BN · batch 2', 'LN · batch 2'], description: 'At batch size 2 the batch statistics are noisy: BatchNorm’s validation loss moves far more than LayerNorm’s (which still feels the noisier gradient steps).' },
  'early-stopping': { file: '6.6' },
  'augmentation': { file: '6.7', runs: ['none', 'shift/rotate/zoom'], description: '200 training digits, with and without small shifts, rotations and zooms.' },
  'mixup': { file: '6.7-images', runs: ['none', 'mixup α=0.2'], description: 'A small CNN on 1,000 Fashion-MNIST photos, with and without mixup (α = 0.2).' },
  'cutmix': { file: '6.7', runs: ['none', 'CutMix α=1'], description: '200 training digits, with and without CutMix (α = 1).' },
  'label-smoothing': { file: '6.8' },
  'clipping': { file: '6.8-clip' },
  'spectral-norm': { file: '6.8-spectral' },
  'ladder': { file: '6.9' },
};

const PRESET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const presetFile = presetLoader((id) => new URL(`presets/${id}.json`, baseUrl()), {
  error: (id, res, url) => attrError('preset', res.status === 404 ? `there is no preset called "${id}"` : `could not load ${url} (HTTP ${res.status})`),
});

// The preset file `id` (fetched once per page).
export function loadPresetFile(id) {
  if (!PRESET_NAME.test(id)) return Promise.reject(attrError('preset', `"${id}" is not a preset name`));
  return presetFile(id);
}

// A preset name (alias or file id) → {title, description, runs: [{label, spec}], raw}.
export async function loadPreset(name) {
  const alias = Object.hasOwn(PRESET_ALIASES, name) ? PRESET_ALIASES[name] : { file: name };
  const raw = await loadPresetFile(alias.file);
  let runs = raw.runs ?? [];
  if (alias.runs) runs = alias.runs.map((label) => runs.find((r) => r.label === label)).filter(Boolean);
  return { title: raw.title, description: alias.description ?? (alias.runs ? '' : raw.description), runs, raw };
}

export function attrError(path, message) {
  const e = new Error(message);
  e.path = path;
  return e;
}
