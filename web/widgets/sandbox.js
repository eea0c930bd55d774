// The page's side of the exercise sandbox: it creates the frame (widgets/sandbox.html, an opaque
// origin with its own policy: sandbox_frame.js, sandbox_runner.js), hands it the student's code and
// one end of a MessageChannel whose other end belongs to the checker's worker, and keeps the time.
// The page never reads anything the sandbox sends: answers travel from the frame straight to the
// checker (checker_worker.js), which checks their shape and size (sandbox_protocol.js). So however
// large or strange an answer is, it is received and refused off the page's main thread.
// When the time runs out the page removes the frame, which ends its worker.
import { baseUrl } from './runtime.js';

export class SandboxError extends Error {
  constructor(stage, { name = 'Error', message = '', line = 0 } = {}) {
    super(message);
    this.stage = stage; // 'timeout' | 'compile' | 'load' | 'run' | 'answer' | 'start'
    this.errorName = name;
    this.line = line;
  }
}

export class Sandbox {
  // host: the element the hidden frame is appended to (a widget's shadow root or document.body).
  constructor(host, { timeLimit = 3000, loadLimit = 15000, url } = {}) {
    this.host = host;
    this.timeLimit = timeLimit;
    this.loadLimit = loadLimit;
    this.url = url ?? new URL('widgets/sandbox.html', baseUrl()).href;
    this.frame = null;
  }

  // Starts a fresh frame, waits for it to load, then sends `code` and `port` (the checker's line to
  // the student's code). Resolves the moment the code was sent: the time budget starts then
  // (`deadline()` rejects when it runs out).
  async open(code, port) {
    this.dispose();
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('aria-hidden', 'true');
    frame.setAttribute('tabindex', '-1');
    frame.title = 'exercise sandbox';
    frame.hidden = true;
    frame.src = this.url;
    this.frame = frame;
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new SandboxError('start', { message: 'the sandbox frame did not load' })), this.loadLimit);
      frame.addEventListener('load', () => { clearTimeout(timer); resolve(); }, { once: true });
      this.host.append(frame);
    });
    if (this.frame !== frame) throw new SandboxError('start', { message: 'the sandbox was closed' });
    frame.contentWindow.postMessage({ type: 'load', code }, '*', [port]);
    this.started = performance.now();
  }

  // Rejects with a SandboxError('timeout') when the time budget is spent (and removes the frame).
  deadline() {
    return new Promise((_, reject) => {
      this.timer = setTimeout(() => { this.dispose(); reject(new SandboxError('timeout', { message: 'time limit' })); }, Math.max(0, this.started + this.timeLimit - performance.now()));
    });
  }

  dispose() {
    clearTimeout(this.timer);
    this.frame?.remove(); // removing the frame ends its worker
    this.frame = null;
  }
}
