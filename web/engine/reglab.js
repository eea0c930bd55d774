// The RegLab JS API: the same module in Node and in browsers (page, worker, widgets).
//   const engine = await createEngine();
//   const run = engine.createRun(spec);   // throws Error with .path on an invalid spec
//   run.step(10); run.predict(x, rows); run.dispose();
// It wraps the Embind module (reglab.mjs + reglab.wasm, located next to this file, or in
// build/wasm/ when used from a source checkout) and turns engine errors into JS Errors.

import { ENGINE_MODULES } from './engine_modules.js';

export { ENGINE_MODULES, engineFor, engineFile } from './engine_modules.js';

// data.kind → the files its data come from, each registered with the engine under a key; CSV files
// go in as text, .bin files (RegLab image files) as bytes.
const DATA_FILES = {
  digits: [['digits', 'digits.csv']],
  wine: [['wine', 'wine.csv']],
  breast_cancer: [['breast_cancer', 'breast_cancer.csv']],
  sentiment: [['sentiment', 'sentiment.csv']],
  sentiment_corpus: [['sentiment_corpus', 'sentiment_corpus.csv']],
  // Training images (4,500) and the shipped test set (2,000), 3.5 MB unpacked; fetched only when a
  // run needs them.
  fashion_mnist: [['fashion_mnist', 'fashion_mnist_train.bin'], ['fashion_mnist_test', 'fashion_mnist_test.bin']],
};
/** The byte sizes of the binary data files (for progress before the server says). */
export const DATA_BYTES = { 'fashion_mnist_train.bin': 3532520, 'fashion_mnist_test.bin': 1570020 };
const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

/** An engine error: `path` names the spec field ('' when it concerns the whole call). */
export class ReglabError extends Error {
  constructor(path, message) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'ReglabError';
    this.path = path;
    this.reason = message;
  }
}

async function exists(url) {
  if (isNode) {
    const fs = await import('node:fs');
    return fs.existsSync(url);
  }
  return true;
}

async function locateModule(options) {
  if (options.moduleUrl) return new URL(options.moduleUrl, import.meta.url);
  const name = `${ENGINE_MODULES[options.engine ?? 'full']}.mjs`;
  const sibling = new URL(`./${name}`, import.meta.url);
  if (!isNode || (await exists(sibling))) return sibling;
  return new URL(`../../build/wasm/${name}`, import.meta.url);
}

async function loadModule(options) {
  if (options.engine !== undefined && !(options.engine in ENGINE_MODULES))
    throw new ReglabError('engine', `must be one of ${Object.keys(ENGINE_MODULES).map((k) => `'${k}'`).join(', ')}, got ${JSON.stringify(options.engine)}`);
  const moduleUrl = await locateModule(options);
  const { default: factory } = await import(/* @vite-ignore */ moduleUrl.href);
  // Each glue file has its binary beside it under the same name (reglab-core.mjs → reglab-core.wasm).
  const glue = moduleUrl.pathname.split('/').pop();
  const wasmUrl = new URL(glue.endsWith('.mjs') ? glue.replace(/\.mjs$/, '.wasm') : 'reglab.wasm', moduleUrl);
  const settings = { locateFile: (file) => new URL(file, moduleUrl).href };
  if (options.wasmModule) {
    // A WebAssembly.Module compiled once by the page (run_client.js) and posted to this worker:
    // instantiating it skips fetching and compiling the binary again.
    let failed;
    const failure = new Promise((_, reject) => { failed = reject; });
    settings.instantiateWasm = (imports, receive) => {
      WebAssembly.instantiate(options.wasmModule, imports).then((instance) => receive(instance, options.wasmModule), failed);
      return {};
    };
    return Promise.race([factory(settings), failure]);
  }
  if (isNode) {
    // The module is built for web and worker; in Node it runs the same code once it is handed
    // the binary (Node's fetch cannot read file: URLs).
    const fs = await import('node:fs');
    settings.wasmBinary = fs.readFileSync(wasmUrl);
  }
  return factory(settings);
}

/**
 * Fetches a binary data file (e.g. data/fashion_mnist_train.bin) as a Uint8Array, calling
 * onProgress({ loaded, total }) as chunks arrive. `total` is the byte count to expect: the
 * `expectedBytes` option, else the Content-Length when the response is not content-encoded (with
 * gzip or brotli on the wire, Content-Length counts compressed bytes while the body yields
 * decoded ones), else null. In Node a file: URL is read from disk (Node's fetch cannot read
 * file: URLs) and reported once. Throws a ReglabError naming the URL on an HTTP error or a body
 * shorter than expectedBytes.
 */
export async function fetchBinary(url, { onProgress, expectedBytes, fetch: fetchImpl = globalThis.fetch } = {}) {
  const report = (loaded, total) => onProgress?.({ loaded, total });
  const href = String(url);
  if (isNode && href.startsWith('file:')) {
    const fs = await import('node:fs');
    if (!fs.existsSync(new URL(href))) throw new ReglabError('', `cannot find ${href}`);
    const bytes = new Uint8Array(fs.readFileSync(new URL(href)));
    report(bytes.length, bytes.length);
    return bytes;
  }
  const response = await fetchImpl(href);
  if (!response.ok) throw new ReglabError('', `could not load ${href} (HTTP ${response.status})`);
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const length = Number(response.headers.get('content-length'));
  const total = expectedBytes ?? (!encoded && length > 0 ? length : null);
  if (!response.body) {  // no streaming body: one report at the end
    const bytes = new Uint8Array(await response.arrayBuffer());
    report(bytes.length, total ?? bytes.length);
    return checkLength(bytes, expectedBytes, href);
  }
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0;
  report(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    report(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return checkLength(bytes, expectedBytes, href);
}

function checkLength(bytes, expectedBytes, href) {
  if (expectedBytes !== undefined && bytes.length !== expectedBytes)
    throw new ReglabError('', `${href}: received ${bytes.length} bytes, expected ${expectedBytes} (interrupted download?)`);
  return bytes;
}

function specText(spec) {
  if (typeof spec === 'string') return spec;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    throw new ReglabError('', `a spec must be a plain object, got ${spec === null ? 'null' : Array.isArray(spec) ? 'an array' : typeof spec}`);
  try {
    return JSON.stringify(spec);
  } catch (e) {  // a BigInt, a cycle: say so like any other spec error
    throw new ReglabError('', `the spec cannot be written as JSON: ${e.message}`);
  }
}

function toFloat32(x, path) {
  if (x instanceof Float32Array) return x;
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return Float32Array.from(x.flat ? x.flat() : x);
  throw new ReglabError(path, 'must be a Float32Array or an array of numbers');
}

// Records come from the engine as one Float64Array (cpp/bindings/bindings.cpp, records_packed):
// [records, sigmas, then per record 13 fields and `sigmas` σ values]; NaN stands for null. The
// objects have the keys, in the order, of the JSON the CLI prints (EpochRecord::to_json).
// Records cross from wasm as one Float64Array: [count, sigmas], then per record one value per
// scalar field of the record schema (describe().records, declared once in records.cpp), in its
// order (booleans 0/1, NaN = null), then the `sigmas` values of the list field.
function recordUnpacker(schema) {
  const scalars = schema.filter((f) => f.type !== 'metrics').length;
  return (packed) => {
    const count = packed[0], sigmas = packed[1], stride = scalars + sigmas;
    const value = (i) => (Number.isNaN(packed[i]) ? null : packed[i]);
    const records = new Array(count);
    for (let i = 0, o = 2; i < count; i++, o += stride) {
      const r = {};
      let k = o;
      for (const f of schema) {
        switch (f.type) {
          case 'metrics': {
            const list = new Array(sigmas);
            for (let s = 0; s < sigmas; s++) list[s] = value(o + scalars + s);
            r[f.name] = list;
            continue;
          }
          case 'integer': case 'millis': r[f.name] = packed[k]; break;
          case 'boolean': r[f.name] = packed[k] === 1; break;
          case 'flag': if (packed[k] === 1) r[f.name] = true; break;
          default: r[f.name] = value(k);
        }
        k++;
      }
      records[i] = r;
    }
    return records;
  };
}

class Run {
  #m; #handle; #engine; #history = [];
  constructor(engine, module, handle) {
    this.#engine = engine;
    this.#m = module;
    this.#handle = handle;
    this.spec = JSON.parse(handle.spec());
    this.inputs = handle.inputs();
    this.outputs = handle.outputs();
  }
  #live() {
    if (!this.#handle) throw new ReglabError('', 'this run was disposed');
    return this.#handle;
  }
  /** Trains up to `epochs` more epochs; returns their records. */
  step(epochs = 1) {
    const records = this.#engine._unpackRecords(this.#engine._check(this.#live().step(epochs | 0)));
    this.#history.push(...records);
    return records;
  }
  history() { return this.#history.slice(); }
  get done() { return this.#live().done(); }
  get stopReason() { return this.#live().stopReason() || null; }
  get epoch() { return this.#live().epoch(); }
  get bestEpoch() { return this.#live().bestEpoch(); }
  /** Outputs (probabilities for classification) for `rows` samples; mode 'train' keeps dropout on. */
  predict(x, rows, { mode = 'eval' } = {}) {
    if (mode !== 'eval' && mode !== 'train') throw new ReglabError('mode', `must be 'eval' or 'train', got ${JSON.stringify(mode)}`);
    const input = toFloat32(x, 'x');
    if (rows === undefined) rows = input.length / this.inputs;
    return this.#engine._check(this.#live().predict(input, rows, mode === 'train'));
  }
  /** Monte-Carlo dropout: mean and variance over `passes` training-mode passes. */
  mcPredict(x, rows, passes = 30) {
    const input = toFloat32(x, 'x');
    if (rows === undefined) rows = input.length / this.inputs;
    return this.#engine._check(this.#live().mcPredict(input, rows, passes));
  }
  evaluate(split = 'val') { return JSON.parse(this.#engine._check(this.#live().evaluate(split))); }
  weights() { return this.#live().weights(); }
  setWeights(list) { this.#engine._check(this.#live().setWeights(list)); }
  data(split = 'train') { return this.#engine._check(this.#live().data(split)); }
  /** Changes settings mid-run: the fields describe() marks midRun (lr, penalties, dropout, clipping, …). */
  update(partial) {
    this.#engine._check(this.#live().update(specText(partial)));
    this.spec = JSON.parse(this.#handle.spec());
  }
  dispose() {
    if (this.#handle) {
      this.#handle.delete();
      this.#handle = null;
    }
  }
}

class Engine {
  #m; #dataBase; #unpack = null;
  constructor(module, options) {
    this.#m = module;
    this.#dataBase = options.dataUrl;
    this.version = module.version();
    this.simd = module.simd();
  }
  /** Throws the engine's pending error, if any; otherwise returns `value`. */
  _check(value) {
    const error = this.#m.takeError();
    if (error) {
      const { path, message } = JSON.parse(error);
      throw new ReglabError(path, message);
    }
    return value;
  }
  /** Every spec field with its type, default, range or choices, label, help line and policy; the
   * limits, the techniques and the record schema. */
  describe() { return JSON.parse(this.#m.describe()); }
  _unpackRecords(packed) {
    this.#unpack ??= recordUnpacker(this.describe().records);
    return this.#unpack(packed);
  }
  /** The canonical spec (defaults filled); throws on an invalid one. */
  validate(spec) { return JSON.parse(this._check(this.#m.validateSpec(specText(spec)))); }
  /** Names of the real datasets a spec can use, and whether each is loaded. */
  datasets() { return Object.fromEntries(Object.keys(DATA_FILES).map((k) => [k, DATA_FILES[k].every(([key]) => this.#m.hasData(key))])); }
  /** Loads the files a spec's data.kind needs (once). Accepts a spec or a kind name.
   * onProgress({ loaded, total, file }) reports bytes of the binary files as they arrive. */
  async loadData(specOrKind, { onProgress } = {}) {
    const kind = typeof specOrKind === 'string' ? specOrKind : specOrKind?.data?.kind;
    const files = (DATA_FILES[kind] ?? []).filter(([key]) => !this.#m.hasData(key));
    const total = files.reduce((n, [, file]) => n + (DATA_BYTES[file] ?? 0), 0);
    let before = 0;
    for (const [key, file] of files) {
      const binary = file.endsWith('.bin');
      let content;
      if (isNode && !this.#dataBase) {
        const fs = await import('node:fs');
        const candidates = [new URL(`../data/${file}`, import.meta.url), new URL(`../../data/${file}`, import.meta.url)];
        const found = candidates.find((u) => fs.existsSync(u));
        if (!found) throw new ReglabError('data.kind', `cannot find ${file} next to the engine`);
        content = binary ? new Uint8Array(fs.readFileSync(found)) : fs.readFileSync(found, 'utf8');
      } else {
        const url = new URL(file, this.#dataBase ?? new URL('../data/', import.meta.url));
        if (binary) {
          try {
            content = await fetchBinary(url, {
              expectedBytes: DATA_BYTES[file],
              onProgress: ({ loaded }) => onProgress?.({ loaded: before + loaded, total, file }),
            });
          } catch (e) {
            throw new ReglabError('data.kind', `could not load the ${kind} data (${e.reason ?? e.message})`);
          }
        } else {
          const response = await fetch(url);
          if (!response.ok) throw new ReglabError('data.kind', `could not load ${url} (HTTP ${response.status})`);
          content = await response.text();
        }
      }
      before += DATA_BYTES[file] ?? 0;
      // Embind copies a Uint8Array's bytes into the std::string as they are (a JS string would be UTF-8 encoded).
      this.#m.registerData(key, content);
    }
  }
  /** Registers dataset text directly (e.g. a worker that received it from the page). */
  registerData(kind, text) { this.#m.registerData(kind, text); }
  createRun(spec) {
    const handle = new this.#m.Run(specText(spec));
    if (!handle.ok()) {
      handle.delete();
      this._check();
      throw new ReglabError('', 'could not create the run');
    }
    return new Run(this, this.#m, handle);
  }
  augmentText(sentence, op, strength = 0.2, seed = 1) {
    return this._check(this.#m.augmentText(String(sentence), String(op), Number(strength), seed | 0));
  }
  /** `count` training images of the spec's dataset before and after its augmentation. */
  augmentImages(spec, count = 16, seed = 1) { return this._check(this.#m.augmentImages(specText(spec), count | 0, seed | 0)); }
  /** Bias–variance decomposition over K independently trained models per capacity. */
  biasVariance(spec, options = {}) { return JSON.parse(this._check(this.#m.biasVariance(specText(spec), JSON.stringify(options)))); }
  /** Bytes allocated on the wasm heap (for leak checks). */
  heapBytes() { return this.#m.heapBytes(); }
  /** Size of the instance's WebAssembly memory in bytes: the most the heap ever needed (wasm
   * memory grows but never shrinks, so a run's peak stays with the instance after it is disposed). */
  wasmBytes() { return this.#m.HEAPU8.buffer.byteLength; }
}

/** Loads the wasm module. Options: engine ('full', the default: every model kind; 'core': the mlp
 * only, a smaller download — engineFor(spec) says which a spec needs), moduleUrl (the .mjs
 * glue's location, overrides engine), dataUrl (folder of the CSVs), wasmModule (an already
 * compiled WebAssembly.Module of the matching .wasm). */
export async function createEngine(options = {}) {
  const module = await loadModule(options);
  return new Engine(module, options);
}

export default createEngine;
