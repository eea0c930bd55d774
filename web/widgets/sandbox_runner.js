// The exercise sandbox's worker prelude. sandbox_frame.js starts a worker from
//   this file's text + '\n' + the student's code
// as one classic script, so this prelude runs first and the student's code runs in the same realm
// right after it. Everything the prelude needs later is captured here, before any student code
// can replace it; after that the prelude only reads own data properties and calls the captured
// functions directly (never through a prototype the student's realm could have changed).
//
// What it takes away: `postMessage` (so only the prelude can answer, with arrays it built and
// strings it cut) and uncaught errors reaching the frame (it reports them itself, cut to size).
// The network, storage and the DOM are not removed here: the frame's Content-Security-Policy and
// opaque origin make them unreachable (see docs/security.md), which tests/browser/sandbox.test.mjs
// checks against a real listener.
//
// frame → worker: {type: 'calls', id, calls: [{fn: 'forward', x, p, training} | {fn: 'backward', grad}]}
// worker → frame: {type: 'ready', functions: {forward, backward}}
//                 {type: 'out', id, k, y: Float64Array, input: Float32Array}   one per call, in order
//                 {type: 'out', id, k, error: {name, message, line}}
//                 {type: 'done', id}   {type: 'uncaught', error: {…}}
(() => {
  'use strict';
  const g = self;
  const post = g.postMessage.bind(g);
  const listen = g.addEventListener.bind(g);
  const later = g.setTimeout.bind(g);
  const apply = Reflect.apply;
  const F32 = Float32Array, F64 = Float64Array;
  const TA = Object.getPrototypeOf(Uint8Array.prototype);
  const taLength = Object.getOwnPropertyDescriptor(TA, 'length').get;
  const taSet = TA.set;
  const isArray = Array.isArray;
  const toStr = String;
  const strSlice = String.prototype.slice;
  const reExec = RegExp.prototype.exec;
  const prevent = Event.prototype.preventDefault;
  const dataOf = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data').get;
  const errorOf = Object.getOwnPropertyDescriptor(ErrorEvent.prototype, 'error').get;
  const messageOf = Object.getOwnPropertyDescriptor(ErrorEvent.prototype, 'message').get;
  const blobLine = /blob:[^\s)]*?:(\d+):(\d+)/;
  const MAX_LENGTH = 1 << 16; // the checker never asks for more than 4,096 units
  // Lines of this prelude: the student's line L is line L + OFFSET of the worker script.
  const OFFSET = Number('__RUNNER_LINES__');

  for (let o = g; o; o = Object.getPrototypeOf(o)) {
    if (Object.prototype.hasOwnProperty.call(o, 'postMessage')) delete o.postMessage;
  }

  const cut = (v, n) => {
    let s = '';
    try { s = typeof v === 'string' ? v : toStr(v); } catch { s = '(unreadable)'; }
    return apply(strSlice, s, [0, n]);
  };
  // {name, message, line}: line is the student's line where V8's stack names it.
  const describe = (e) => {
    let name = 'Error', message = '', stack = '';
    try {
      if (e !== null && (typeof e === 'object' || typeof e === 'function')) { name = e.name; message = e.message; stack = e.stack; } else message = e;
    } catch { /* a getter that throws: keep the defaults */ }
    let line = 0;
    try {
      const m = apply(reExec, blobLine, [cut(stack, 4000)]);
      if (m) line = Number(m[1]) - OFFSET;
    } catch { /* no line */ }
    return { name: cut(name, 60), message: cut(message, 400), line: line > 0 ? line : 0 };
  };

  // A typed array or plain Array of numbers → a Float64Array built here (or an error in words).
  const toNumbers = (out) => {
    if (out === null || (typeof out !== 'object' && typeof out !== 'function')) return { error: `returned ${out === null ? 'null' : typeof out}` };
    let n = -1;
    try { n = apply(taLength, out, []); } catch { n = -1; }
    if (n >= 0) {
      if (n > MAX_LENGTH) return { error: `returned ${n} numbers` };
      const copy = new F64(n);
      try { apply(taSet, copy, [out]); } catch { return { error: 'returned a typed array that cannot be read as numbers' }; }
      return { y: copy };
    }
    if (isArray(out)) {
      const len = out.length;
      if (!(len >= 0 && len <= MAX_LENGTH)) return { error: `returned an array of ${cut(len, 20)} elements` };
      const copy = new F64(len);
      for (let i = 0; i < len; i++) { const v = out[i]; copy[i] = typeof v === 'number' ? v : NaN; }
      return { y: copy };
    }
    return { error: 'returned an object that is not an array' };
  };

  const inputCopy = (a) => {
    let n = 0;
    try { n = apply(taLength, a, []); } catch { return new F32(0); }
    const c = new F32(n);
    apply(taSet, c, [a]);
    return c;
  };

  // An uncaught error while the student's top-level code loads ends the check ("your code stopped
  // with an error", with its line). Later ones (a timer, a nested worker) are the student's own
  // business: the checker judges only what forward and backward return.
  let loaded = false;
  listen('error', (event) => {
    apply(prevent, event, []);
    if (loaded) return;
    loaded = true;
    const error = apply(errorOf, event, []);
    post({ type: 'uncaught', error: error === null || error === undefined ? { name: 'Error', message: cut(apply(messageOf, event, []), 400), line: 0 } : describe(error) });
  });
  listen('unhandledrejection', (event) => { apply(prevent, event, []); });

  listen('message', (event) => {
    if (event.isTrusted !== true) return;
    const msg = apply(dataOf, event, []);
    if (!msg || msg.type !== 'calls') return;
    const id = msg.id, calls = msg.calls;
    if (typeof id !== 'number' || !isArray(calls)) return;
    // Student functions are looked up at call time: `function`, `let`, `const` and `var`
    // declarations at the top of the student's code are all visible from here.
    const fns = { forward: typeof forward === 'function' ? forward : null, backward: typeof backward === 'function' ? backward : null };
    for (let k = 0; k < calls.length; k++) {
      const c = calls[k];
      const fn = c.fn === 'forward' ? fns.forward : c.fn === 'backward' ? fns.backward : null;
      if (!fn) { post({ type: 'out', id, k, error: { name: 'TypeError', message: `${c.fn === 'backward' ? 'backward' : 'forward'} is not defined`, line: 0 } }); continue; }
      const input = c.fn === 'forward' ? c.x : c.grad;
      let out;
      try {
        out = c.fn === 'forward' ? apply(fn, undefined, [input, c.p, c.training]) : apply(fn, undefined, [input]);
      } catch (e) {
        post({ type: 'out', id, k, error: describe(e) });
        continue;
      }
      const r = toNumbers(out);
      if (r.error) post({ type: 'out', id, k, error: { name: 'TypeError', message: `${c.fn} ${r.error}`, line: 0 } });
      else post({ type: 'out', id, k, y: r.y, input: inputCopy(input) });
    }
    post({ type: 'done', id });
  });

  // Runs after the student's top-level code (a later task): says which functions exist.
  later(() => {
    if (loaded) return; // an error at load was reported instead
    loaded = true;
    post({ type: 'ready', functions: { forward: typeof forward === 'function', backward: typeof backward === 'function' } });
  }, 0);
})();
