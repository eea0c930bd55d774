// The exercise sandbox: a dedicated worker that runs a student's code once and reports the
// checker's results. The page starts a fresh worker per check and terminates it when the time
// limit passes (an infinite loop cannot freeze the page: it only ever spins here).
// Before the student's code is compiled, this worker removes what it must not reach:
//   network (fetch, XMLHttpRequest, WebSocket, EventSource, importScripts, WebTransport,
//   sendBeacon, import()), other workers and channels, storage (indexedDB, caches), code from
//   strings (eval, Function constructors, string timers); and it caps memory per allocation.
// There is no DOM in a worker at all (`document` and `window` do not exist).
//   page → worker: {type: 'check', code}          worker → page: {type: 'result', results} | {type: 'error', message}
import { checkDropout } from './dropout_check.js';

const post = self.postMessage.bind(self);
const Fn = Function;
const MB = 1024 * 1024;
const PER_ALLOCATION = 64 * MB;
const TOTAL = 256 * MB;

function blockedError(name) {
  return new Error(`${name} is not available in the exercise sandbox (no network, no storage, no other workers)`);
}

// Removes `name` from the worker's global object and its prototypes, then pins a getter that
// throws, so the student's code cannot get it back by walking the prototype chain.
function block(name) {
  for (let o = self; o; o = Object.getPrototypeOf(o)) {
    if (Object.prototype.hasOwnProperty.call(o, name)) {
      try { delete o[name]; } catch { /* non-configurable: shadowed below */ }
    }
  }
  try {
    Object.defineProperty(self, name, { get() { throw blockedError(name); }, set() {}, configurable: false });
  } catch { /* already pinned */ }
}

function lockDown() {
  for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'importScripts', 'WebTransport',
    'Worker', 'SharedWorker', 'BroadcastChannel', 'MessageChannel', 'indexedDB', 'caches', 'Request', 'Response',
    'RTCPeerConnection', 'RTCDataChannel', 'FileReaderSync', 'FileSystemHandle', 'showOpenFilePicker', 'Notification',
    'postMessage', 'close', 'eval', 'open', 'openDatabase', 'requestFileSystem', 'webkitRequestFileSystem']) block(name);
  if (self.navigator) {
    for (const name of ['sendBeacon', 'serviceWorker', 'storage', 'locks', 'connection', 'usb', 'serial', 'hid', 'bluetooth', 'gpu']) {
      try { Object.defineProperty(Object.getPrototypeOf(self.navigator), name, { get() { throw blockedError(`navigator.${name}`); }, configurable: false }); } catch { /* ignore */ }
    }
  }
  // No code from strings: the Function constructors are reachable through any function's
  // .constructor, so each prototype's constructor is replaced.
  const noFunction = function () { throw blockedError('Creating code from strings'); };
  for (const proto of [Fn.prototype, Object.getPrototypeOf(async function () {}), Object.getPrototypeOf(function* () {}), Object.getPrototypeOf(async function* () {})]) {
    Object.defineProperty(proto, 'constructor', { value: noFunction, writable: false, configurable: false });
  }
  block('Function');
  for (const timer of ['setTimeout', 'setInterval']) {
    const original = self[timer];
    Object.defineProperty(self, timer, {
      value: (fn, ...rest) => { if (typeof fn !== 'function') throw blockedError(`${timer} with a string`); return original.call(self, fn, ...rest); },
      writable: false, configurable: false,
    });
  }
  capMemory();
}

// Memory cap: every typed array, ArrayBuffer and Array(n) the student's code allocates is counted;
// one allocation may not exceed PER_ALLOCATION and all of them together not TOTAL. (A loop that
// grows an array one element at a time is stopped by the page's time limit.)
let used = 0;
function charge(bytes, what) {
  if (!(bytes <= PER_ALLOCATION)) throw new RangeError(`memory limit: ${what} would take ${Math.round(bytes / MB)} MB; the sandbox allows at most ${PER_ALLOCATION / MB} MB per array`);
  used += bytes;
  if (used > TOTAL) throw new RangeError(`memory limit: the code allocated more than ${TOTAL / MB} MB in total`);
}
const lengthOf = (arg) => (typeof arg === 'number' ? arg : arg && typeof arg === 'object' && !(arg instanceof ArrayBuffer) && typeof arg.length === 'number' ? arg.length : 0);

function capMemory() {
  const typed = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
  for (const name of typed) {
    const T = self[name];
    if (!T) continue;
    const proxy = new Proxy(T, {
      construct(target, args, newTarget) {
        charge(lengthOf(args[0]) * T.BYTES_PER_ELEMENT, `new ${name}(${typeof args[0] === 'number' ? args[0] : '…'})`);
        return Reflect.construct(target, args, newTarget === proxy ? target : newTarget);
      },
    });
    Object.defineProperty(self, name, { value: proxy, writable: false, configurable: false });
  }
  for (const name of ['ArrayBuffer', 'SharedArrayBuffer']) {
    const B = self[name];
    if (!B) continue;
    const proxy = new Proxy(B, {
      construct(target, args, newTarget) {
        charge(Number(args[0]) || 0, `new ${name}(${args[0]})`);
        return Reflect.construct(target, args, newTarget === proxy ? target : newTarget);
      },
    });
    Object.defineProperty(self, name, { value: proxy, writable: false, configurable: false });
  }
  const A = Array;
  const arrayCharge = (args) => { if (args.length === 1 && typeof args[0] === 'number') charge(args[0] * 8, `Array(${args[0]})`); };
  const arrayProxy = new Proxy(A, {
    construct(target, args, newTarget) { arrayCharge(args); return Reflect.construct(target, args, newTarget === arrayProxy ? target : newTarget); },
    apply(target, self_, args) { arrayCharge(args); return Reflect.apply(target, self_, args); },
  });
  const from = A.from;
  Object.defineProperty(A, 'from', { value: function (src, ...rest) { charge(lengthOf(src) * 8, 'Array.from'); return from.call(this === arrayProxy ? A : this, src, ...rest); }, writable: false, configurable: false });
  const fill = A.prototype.fill;
  Object.defineProperty(A.prototype, 'fill', { value: function (...args) { charge(this.length * 8, `Array.fill on ${this.length} elements`); return fill.apply(this, args); }, writable: false, configurable: false });
  Object.defineProperty(self, 'Array', { value: arrayProxy, writable: false, configurable: false });
}

// `import(…)` is syntax, not a global: code that contains it is refused before it is compiled.
function refuseSyntax(code) {
  const stripped = code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
  if (/\bimport\s*\(/.test(stripped) || /\bimport\s*\.\s*meta\b/.test(stripped)) return 'import() is not available in the exercise sandbox (no network)';
  if (/^\s*(import|export)\s/m.test(stripped)) return 'write plain functions: import and export statements are not used in this exercise';
  return '';
}

self.onmessage = (event) => {
  const msg = event.data;
  if (!msg || msg.type !== 'check' || typeof msg.code !== 'string') return;
  self.onmessage = null;
  const refused = refuseSyntax(msg.code);
  if (refused) return post({ type: 'error', stage: 'compile', message: refused });
  let factory;
  try {
    factory = new Fn('"use strict";\n' + msg.code + '\n;return { forward: typeof forward === "function" ? forward : undefined, backward: typeof backward === "function" ? backward : undefined };');
  } catch (e) {
    return post({ type: 'error', stage: 'compile', message: `${e.name}: ${e.message}` });
  }
  lockDown();
  let impl;
  try {
    impl = factory();
  } catch (e) {
    return post({ type: 'error', stage: 'load', message: `${e?.name ?? 'Error'}: ${e?.message ?? e}` });
  }
  let results;
  try {
    results = checkDropout(impl);
  } catch (e) {
    return post({ type: 'error', stage: 'check', message: `${e?.name ?? 'Error'}: ${e?.message ?? e}` });
  }
  post({ type: 'result', results: results.map((r) => ({ id: String(r.id), title: String(r.title), ok: r.ok === true, message: String(r.message) })) });
};
post({ type: 'ready' });
