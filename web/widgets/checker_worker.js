// Exercise 6.2's checker in its own worker (a realm of ours, apart from the page and from the
// student's code): dropout_check.js runs here, so its statistics over 64 × 4,096 draws never hold
// the page's main thread. The page only relays plain arrays between this worker and the sandbox.
//   page → worker: {type: 'check', functions}   {type: 'outs', id, outs}
//   worker → page: {type: 'calls', id, calls}   {type: 'result', results}   {type: 'failed', message}
import { checkDropout } from './dropout_check.js';

let nextId = 1;
const waiting = new Map();

function run(calls) {
  return new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, resolve);
    self.postMessage({ type: 'calls', id, calls }, calls.map((c) => (c.x ?? c.grad).buffer));
  });
}

self.onmessage = async (e) => {
  const m = e.data;
  if (m?.type === 'outs') {
    const resolve = waiting.get(m.id);
    waiting.delete(m.id);
    resolve?.(m.outs);
  } else if (m?.type === 'check') {
    try {
      const results = await checkDropout({ functions: m.functions, run });
      self.postMessage({ type: 'result', results });
    } catch (err) {
      self.postMessage({ type: 'failed', message: String(err?.message ?? err) });
    }
  }
};
