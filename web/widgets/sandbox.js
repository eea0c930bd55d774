// The page's side of the exercise sandbox. Student code runs in a worker inside an opaque-origin
// frame (widgets/sandbox.html, see sandbox_frame.js and sandbox_runner.js); this module creates
// that frame, sends it the code and the checker's calls, and reads the answers. The checker
// (dropout_check.js, in its own worker) only ever sees what this module lets through:
//   - each message is checked for its shape and size before anything else reads it (O(1) work:
//     a few typeof checks and a typed array's length, never a walk over what was sent);
//   - only Float32Array / Float64Array answers of the length the checker asked for pass, and
//     strings are cut to a few hundred characters;
//   - one time budget covers the student's code from the moment it is sent: when it runs out,
//     or the frame answers out of turn, the frame is removed (which ends its worker) and the
//     check ends with a verdict in words.
import { baseUrl } from './runtime.js';

export const MAX_LENGTH = 1 << 16;
let nextId = 1;

export class SandboxError extends Error {
  constructor(stage, { name = 'Error', message = '', line = 0 } = {}) {
    super(message);
    this.stage = stage; // 'timeout' | 'compile' | 'load' | 'run' | 'answer' | 'start'
    this.errorName = name;
    this.line = line;
  }
}

const isText = (v, n) => typeof v === 'string' && v.length <= n;
const isNumbers = (a) => (a instanceof Float64Array || a instanceof Float32Array) && a.length <= MAX_LENGTH;
function readError(e) {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return null;
  if (!isText(e.name, 60) || !isText(e.message, 400) || !Number.isInteger(e.line) || e.line < 0) return null;
  return { name: e.name, message: e.message, line: e.line };
}

// A message from the frame → a checked copy, or null when it is not one of the known shapes.
export function readAnswer(d) {
  if (!d || typeof d !== 'object' || Array.isArray(d) || typeof d.type !== 'string') return null;
  switch (d.type) {
    case 'frame-ready': return { type: 'frame-ready' };
    case 'ready':
      if (!d.functions || typeof d.functions !== 'object') return null;
      return { type: 'ready', functions: { forward: d.functions.forward === true, backward: d.functions.backward === true } };
    case 'done': return Number.isInteger(d.id) ? { type: 'done', id: d.id } : null;
    case 'error': {
      const error = readError(d.error);
      return error && isText(d.stage, 20) ? { type: 'error', stage: d.stage, error } : null;
    }
    case 'out': {
      if (!Number.isInteger(d.id) || !Number.isInteger(d.k) || d.k < 0 || d.k >= MAX_LENGTH) return null;
      if (d.error !== undefined) {
        const error = readError(d.error);
        return error ? { type: 'out', id: d.id, k: d.k, error } : null;
      }
      return isNumbers(d.y) && isNumbers(d.input) ? { type: 'out', id: d.id, k: d.k, y: d.y, input: d.input } : null;
    }
    default: return null;
  }
}

export class Sandbox {
  // host: the element the hidden frame is appended to (a widget's shadow root or document.body).
  constructor(host, { timeLimit = 3000, loadLimit = 15000, url } = {}) {
    this.host = host;
    this.timeLimit = timeLimit;
    this.loadLimit = loadLimit;
    this.url = url ?? new URL('widgets/sandbox.html', baseUrl()).href;
    this.waiting = null; // {accept(answer) → true when finished, reject}
    this.deadline = Infinity;
    this.onMessage = (e) => {
      if (!this.frame || e.source !== this.frame.contentWindow) return;
      const a = e.type === 'messageerror' ? null : readAnswer(e.data);
      if (!a) return this.kill(new SandboxError('answer', { message: 'the sandbox sent something that is not an answer (wrong shape or too large)' }));
      if (a.type === 'error') return this.kill(new SandboxError(a.stage === 'answer' ? 'answer' : a.stage, a.error));
      if (!this.waiting) return this.kill(new SandboxError('answer', { message: 'the sandbox answered when nothing was asked' }));
      try {
        if (this.waiting.accept(a)) this.settle();
      } catch (err) {
        this.kill(err);
      }
    };
  }

  // Waits for one exchange: accept(answer) returns true when it is complete, throws when the
  // answer is out of turn. Rejects on timeout, a frame error or a killed sandbox.
  wait(accept, limit) {
    return new Promise((resolve, reject) => {
      const ms = Math.max(0, limit - performance.now());
      const timer = setTimeout(() => this.kill(new SandboxError('timeout', { message: 'time limit' })), ms);
      this.waiting = { accept, resolve, reject, timer };
    });
  }

  settle(value) {
    const w = this.waiting;
    this.waiting = null;
    clearTimeout(w.timer);
    w.resolve(value);
  }

  kill(err) {
    const w = this.waiting;
    this.waiting = null;
    this.dispose();
    if (w) {
      clearTimeout(w.timer);
      w.reject(err);
    }
  }

  // Starts a fresh frame with `code`; resolves {functions: {forward, backward}} (booleans).
  async open(code) {
    this.dispose();
    this.frame = document.createElement('iframe');
    this.frame.setAttribute('sandbox', 'allow-scripts');
    this.frame.setAttribute('aria-hidden', 'true');
    this.frame.setAttribute('tabindex', '-1');
    this.frame.title = 'exercise sandbox';
    this.frame.hidden = true;
    this.frame.src = this.url;
    window.addEventListener('message', this.onMessage);
    window.addEventListener('messageerror', this.onMessage);
    const loaded = this.wait((a) => { if (a.type !== 'frame-ready') throw new SandboxError('answer', { message: 'the sandbox frame did not start' }); return true; }, performance.now() + this.loadLimit);
    this.host.append(this.frame);
    await loaded;
    this.deadline = performance.now() + this.timeLimit;
    let functions;
    const ready = this.wait((a) => {
      if (a.type !== 'ready') throw new SandboxError('answer', { message: 'the sandbox answered out of turn' });
      functions = a.functions;
      return true;
    }, this.deadline);
    this.frame.contentWindow.postMessage({ type: 'load', code }, '*');
    await ready;
    return { functions };
  }

  // calls: [{fn: 'forward', x, p, training} | {fn: 'backward', grad}], each input a fresh copy the
  // checker does not keep. Resolves one answer per call: {y: Float64Array, input} | {error}.
  async run(calls) {
    if (!this.frame) throw new SandboxError('start', { message: 'the sandbox is not running' });
    const id = nextId++;
    const outs = new Array(calls.length).fill(null);
    let received = 0;
    const done = this.wait((a) => {
      if (a.type === 'out' && a.id === id && a.k === received && received < calls.length) {
        outs[received++] = a.error ? { error: a.error } : { y: a.y, input: a.input };
        return false;
      }
      if (a.type === 'done' && a.id === id && received === calls.length) return true;
      throw new SandboxError('answer', { message: 'the sandbox answered out of turn' });
    }, this.deadline);
    this.frame.contentWindow.postMessage({ type: 'calls', id, calls }, '*', calls.map((c) => (c.x ?? c.grad).buffer));
    await done;
    return outs;
  }

  dispose() {
    window.removeEventListener('message', this.onMessage);
    window.removeEventListener('messageerror', this.onMessage);
    this.frame?.remove(); // removing the frame ends its worker
    this.frame = null;
  }
}
