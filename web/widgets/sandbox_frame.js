// The script of widgets/sandbox.html, the exercise sandbox's frame. The page loads that file in
// <iframe sandbox="allow-scripts">: an opaque origin (no cookies, no storage, no access to the
// page), with its own Content-Security-Policy in a <meta> (default-src 'none'; only this script
// by its hash, and blob: for the worker). No student code ever runs in this document: it starts
// one worker from sandbox_runner.js + the student's code (a blob: worker, which inherits this
// document's policy) and passes plain data between that worker and the checker's MessagePort,
// checking every answer's shape and size before it forwards it. It never posts to the page.
//   page → frame:    {type: 'load', code} with the checker's port
//   checker → frame: {type: 'calls', id, calls}          (on the port)
//   frame → checker: {type: 'ready', functions}  {type: 'out', …}  {type: 'done', id}
//                    {type: 'error', stage: 'compile' | 'load' | 'start' | 'answer', error: {name, message, line}}
/* global RUNNER, RUNNER_LINES */
const MAX_LENGTH = 1 << 16;
let worker = null;
let port = null;

const send = (m, transfer = []) => port.postMessage(m, transfer);
const text = (v, n) => (typeof v === 'string' ? v.slice(0, n) : '');
const int = (v) => (Number.isInteger(v) && v >= 0 && v < 1e9 ? v : 0);
const numbers = (a) => (a instanceof Float64Array || a instanceof Float32Array) && a.length <= MAX_LENGTH;
const errorOf = (e) => (e && typeof e === 'object' ? { name: text(e.name, 60), message: text(e.message, 400), line: int(e.line) } : { name: 'Error', message: '', line: 0 });

function fail(stage, name, message, line = 0) {
  send({ type: 'error', stage, error: { name, message: text(message, 400), line } });
  worker?.terminate();
  worker = null;
}

// Forwards only the messages the prelude sends, rebuilt field by field.
function relay(m) {
  if (!m || typeof m !== 'object') return fail('answer', 'Error', 'the sandbox sent something that is not an answer');
  if (m.type === 'ready' && m.functions && typeof m.functions === 'object') {
    send({ type: 'ready', functions: { forward: m.functions.forward === true, backward: m.functions.backward === true } });
  } else if (m.type === 'out' && Number.isInteger(m.id) && Number.isInteger(m.k)) {
    if (m.error) send({ type: 'out', id: m.id, k: m.k, error: errorOf(m.error) });
    else if (numbers(m.y) && numbers(m.input)) send({ type: 'out', id: m.id, k: m.k, y: m.y, input: m.input }, [m.y.buffer, m.input.buffer]);
    else fail('answer', 'Error', 'the sandbox sent an answer that is not an array of numbers');
  } else if (m.type === 'done' && Number.isInteger(m.id)) {
    send({ type: 'done', id: m.id });
  } else if (m.type === 'uncaught') {
    send({ type: 'error', stage: 'load', error: errorOf(m.error) });
  } else {
    fail('answer', 'Error', 'the sandbox sent something that is not an answer');
  }
}

function start(code) {
  const url = URL.createObjectURL(new Blob([RUNNER, '\n', code], { type: 'text/javascript' }));
  try {
    worker = new Worker(url, { name: 'reglab-student-code' });
  } catch (e) {
    return fail('start', 'Error', `the sandbox could not start a worker: ${e?.message}`);
  }
  let ready = false;
  worker.onmessage = (e) => {
    if (e.data?.type === 'ready') ready = true;
    relay(e.data);
  };
  worker.onmessageerror = () => fail('answer', 'Error', 'the sandbox sent an answer that could not be read');
  // Reaches here only when the prelude did not run: a syntax error in the student's code (the
  // whole script is refused), or the worker could not start at all.
  worker.onerror = (e) => {
    e.preventDefault();
    const line = Number.isInteger(e.lineno) && e.lineno > RUNNER_LINES ? e.lineno - RUNNER_LINES : 0;
    const message = text(e.message, 400).replace(/^Uncaught /, '');
    const [name, ...rest] = message.split(': ');
    fail(ready ? 'load' : 'compile', rest.length ? name.slice(0, 60) : 'Error', rest.length ? rest.join(': ') : message, line);
  };
}

addEventListener('message', (e) => {
  if (e.source !== parent || port) return;
  const m = e.data;
  if (!m || m.type !== 'load' || typeof m.code !== 'string' || !e.ports[0]) return;
  port = e.ports[0];
  port.onmessage = (ev) => {
    const c = ev.data;
    if (c?.type === 'calls' && worker && Number.isInteger(c.id) && Array.isArray(c.calls)) worker.postMessage({ type: 'calls', id: c.id, calls: c.calls });
  };
  start(m.code);
});
