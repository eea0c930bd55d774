// Exercise 6.2's checker in its own worker (a realm of ours, apart from the page and from the
// student's code). It talks to the sandbox frame directly through a MessagePort the page handed
// to both, so every answer of the student's code is received and checked here (sandbox_protocol.js),
// never on the page's main thread; dropout_check.js's statistics run here too. The page hears only
// the outcome.
//   page → worker: {type: 'start', port}
//   worker → page: {type: 'result', results} | {type: 'sandbox-error', stage, error} | {type: 'failed', message}
//   worker ↔ frame (port): {type: 'calls', id, calls} → 'ready' | 'out' … 'done' | 'error'
import { checkDropout } from './dropout_check.js';
import { readAnswer } from './sandbox_protocol.js';

let port = null;
let waiting = null; // accept(answer) → true when the exchange is complete; throws when out of turn
let nextId = 1;

class ProtocolError extends Error {}

function stop(stage, error) {
  self.postMessage({ type: 'sandbox-error', stage, error });
  port?.close();
  port = null;
  waiting = null;
}

function onAnswer(e) {
  const a = e.type === 'messageerror' ? null : readAnswer(e.data);
  if (!a) return stop('answer', { name: 'Error', message: 'the sandbox sent something that is not an answer (wrong shape or too large)', line: 0 });
  if (a.type === 'error') return stop(a.stage === 'answer' ? 'answer' : a.stage, a.error);
  if (!waiting) return stop('answer', { name: 'Error', message: 'the sandbox answered when nothing was asked', line: 0 });
  try {
    const w = waiting;
    if (w.accept(a)) { waiting = null; w.resolve(); }
  } catch (err) {
    stop('answer', { name: 'Error', message: err.message, line: 0 });
  }
}

function exchange(accept) {
  return new Promise((resolve) => { waiting = { accept, resolve }; });
}

// One batch of calls → one answer per call, in order: {y, input} | {error}.
async function run(calls) {
  const id = nextId++;
  const outs = new Array(calls.length).fill(null);
  let received = 0;
  const done = exchange((a) => {
    if (a.type === 'out' && a.id === id && a.k === received && received < calls.length) {
      outs[received++] = a.error ? { error: a.error } : { y: a.y, input: a.input };
      return false;
    }
    if (a.type === 'done' && a.id === id && received === calls.length) return true;
    throw new ProtocolError('the sandbox answered out of turn');
  });
  port.postMessage({ type: 'calls', id, calls }, calls.map((c) => (c.x ?? c.grad).buffer));
  await done;
  return outs;
}

self.onmessage = async (e) => {
  if (e.data?.type !== 'start' || !e.ports[0] || port) return;
  port = e.ports[0];
  port.onmessage = onAnswer;
  port.onmessageerror = onAnswer;
  let functions = null;
  await exchange((a) => {
    if (a.type !== 'ready') throw new ProtocolError('the sandbox answered out of turn');
    functions = a.functions;
    return true;
  });
  try {
    const results = await checkDropout({ functions, run });
    if (port) self.postMessage({ type: 'result', results });
  } catch (err) {
    self.postMessage({ type: 'failed', message: String(err?.message ?? err) });
  }
};
