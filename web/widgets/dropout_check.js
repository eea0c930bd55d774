// Exercise 6.2's checker: properties a correct inverted-dropout layer has, each tested on the
// student's forward(x, p, training) / backward(grad) and reported in plain words with numbers.
// Pure (no DOM, no worker API): the sandbox worker runs it, and so can Node.
//
// Convention (as in the course and the engine's cpp/src/layers/dropout.cpp):
//   training:  y = m ⊙ x / (1 − p),  m_i ~ Bernoulli(1 − p)   (p = probability of DROPPING a unit)
//   evaluation: y = x
//   backward:  dx = m ⊙ dy / (1 − p)   (the mask of the last forward pass)

const N = 20000;

// Deterministic inputs in [0.5, 1.5] (never zero, so a zero output means "dropped").
function inputs(seed) {
  const x = new Float32Array(N);
  let s = seed >>> 0;
  for (let i = 0; i < N; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = 0.5 + s / 4294967296;
  }
  return x;
}

const pct = (v) => `${(100 * v).toFixed(1)} %`;
const num = (v) => (Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : String(v));
const int = (v) => v.toLocaleString('en-US');

function median(values) {
  if (!values.length) return NaN;
  const s = Float64Array.from(values).sort();
  return s[s.length >> 1];
}

export class CheckError extends Error {}

// Calls the student's function and turns what it returns into a Float64Array of length N.
function call(what, fn, args) {
  let out;
  try {
    out = fn(...args);
  } catch (e) {
    throw new CheckError(`${what} threw an error: ${e?.name ?? 'Error'}: ${e?.message ?? e}`);
  }
  if (!out || typeof out.length !== 'number') throw new CheckError(`${what} returned ${out === undefined ? 'nothing' : typeof out}; it must return an array (a Float32Array) of ${int(N)} numbers`);
  if (out.length !== N) throw new CheckError(`${what} returned ${int(out.length)} numbers for an input of ${int(N)}`);
  const copy = new Float64Array(N);
  for (let i = 0; i < N; i++) copy[i] = Number(out[i]);
  if (copy.some((v) => !Number.isFinite(v))) throw new CheckError(`${what} returned NaN or infinite values`);
  return copy;
}

// Every property in order: [{id, title, ok, message}]. impl: {forward, backward}.
export function checkDropout(impl) {
  const results = [];
  const check = (id, title, fn) => {
    try {
      const message = fn();
      results.push({ id, title, ok: !message, message: message || '' });
    } catch (e) {
      results.push({ id, title, ok: false, message: e instanceof CheckError ? e.message : `the check failed: ${e?.message ?? e}` });
    }
  };
  if (typeof impl?.forward !== 'function' || typeof impl?.backward !== 'function') {
    results.push({ id: 'api', title: 'forward and backward are defined', ok: false, message: `define both functions: forward(x, p, training) and backward(grad) (found forward: ${typeof impl?.forward}, backward: ${typeof impl?.backward})` });
    return results;
  }
  const fwd = (x, p, training) => call(`forward(x, ${p}, ${training})`, impl.forward, [x, p, training]);

  check('differs', 'Each training pass draws a new mask', () => {
    const x = inputs(1);
    const a = fwd(x, 0.5, true), b = fwd(x, 0.5, true);
    let diff = 0;
    for (let i = 0; i < N; i++) if ((a[i] === 0) !== (b[i] === 0)) diff++;
    if (diff < 0.01 * N) return `two training-mode passes on the same input dropped the same units (${int(diff)} of ${int(N)} differ); draw a new random mask on every forward pass in training mode`;
    return '';
  });

  check('rate', 'About p of the units are dropped', () => {
    for (const p of [0.2, 0.7]) {
      const y = fwd(inputs(2), p, true);
      const dropped = y.filter((v) => v === 0).length / N;
      if (Math.abs(dropped - p) > 0.02) {
        const hint = Math.abs(dropped - (1 - p)) < 0.02 ? ' — it looks as if p were used as the probability of keeping a unit; p is the probability of dropping it' : '';
        return `with p = ${p}, ${pct(dropped)} of the units were dropped; expected about ${pct(p)}${hint}`;
      }
    }
    return '';
  });

  check('scale', 'Survivors are scaled by 1/(1−p)', () => {
    const p = 0.3, x = inputs(3);
    const y = fwd(x, p, true);
    const ratios = [];
    let sumX = 0, sumY = 0;
    for (let i = 0; i < N; i++) {
      sumX += x[i]; sumY += y[i];
      if (y[i] !== 0) ratios.push(y[i] / x[i]);
    }
    if (!ratios.length) return 'every unit was dropped, so nothing could be checked';
    const want = 1 / (1 - p), got = median(ratios);
    const off = ratios.filter((r) => Math.abs(r - want) > 1e-4 * want).length;
    if (off > 0) {
      return `with p = ${p}, units that survive should be multiplied by 1/(1−p) = ${num(want)}; yours were multiplied by ${num(got)}${off < ratios.length ? ` (${int(off)} of ${int(ratios.length)} survivors off)` : ''}. The mean activation became ${pct(sumY / sumX)} of the input's instead of about 100 %`;
    }
    if (Math.abs(sumY / sumX - 1) > 0.03) return `the mean output is ${pct(sumY / sumX)} of the mean input; inverted dropout keeps it at about 100 %`;
    return '';
  });

  check('eval', 'Identity in evaluation mode', () => {
    const x = inputs(4);
    const y = fwd(x, 0.3, false);
    let off = 0;
    const ratios = [];
    for (let i = 0; i < N; i++) if (Math.abs(y[i] - x[i]) > 1e-6 * Math.max(1, Math.abs(x[i]))) { off++; ratios.push(y[i] / x[i]); }
    if (off) {
      const r = median(ratios);
      const how = Number.isFinite(r) && ratios.every((v) => Math.abs(v - r) < 1e-4 * Math.abs(r)) ? `it was the input multiplied by ${num(r)}` : `it differed from the input at ${int(off)} of ${int(N)} units`;
      return `with training = false the output must equal the input (no mask, no scaling); ${how}`;
    }
    return '';
  });

  check('backward', 'Backward uses the same mask as forward', () => {
    const p = 0.4, x = inputs(5);
    const y = fwd(x, p, true);
    const g = inputs(6);
    const dx = call('backward(grad)', impl.backward, [g]);
    let disagree = 0;
    const ratios = [];
    for (let i = 0; i < N; i++) {
      if ((y[i] === 0) !== (dx[i] === 0)) disagree++;
      else if (y[i] !== 0) ratios.push(dx[i] / g[i]);
    }
    if (disagree > 0) return `backward let the gradient through at different units than forward kept: ${int(disagree)} of ${int(N)} positions disagree. Keep the mask from the forward pass and reuse it in backward`;
    const want = 1 / (1 - p), got = median(ratios);
    if (ratios.some((r) => Math.abs(r - want) > 1e-4 * want)) return `backward should scale the gradient of surviving units by 1/(1−p) = ${num(want)} (the same factor as forward); yours scaled it by ${num(got)}`;
    return '';
  });

  check('pure', 'forward leaves its input unchanged', () => {
    const x = inputs(7), before = Float32Array.from(x);
    fwd(x, 0.5, true);
    let changed = 0;
    for (let i = 0; i < N; i++) if (x[i] !== before[i]) changed++;
    return changed ? `forward changed ${int(changed)} entries of its input x in place; return a new array instead` : '';
  });
  return results;
}

export const STARTER = `// Inverted dropout on a Float32Array of activations.
//   p:        probability of DROPPING a unit (0 ≤ p < 1)
//   training: true while training; false at evaluation time
// forward returns a new Float32Array; backward(grad) returns dL/dx for the last forward pass.

let mask = null;   // remember what backward needs

function forward(x, p, training) {
  const y = new Float32Array(x.length);
  // your code here
  return y;
}

function backward(grad) {
  const dx = new Float32Array(grad.length);
  // your code here
  return dx;
}
`;

export const REFERENCE = `// Inverted dropout (reference solution).
//   training:   y = m ⊙ x / (1 − p),  m_i ~ Bernoulli(1 − p)
//   evaluation: y = x
//   backward:   dx = m ⊙ dy / (1 − p)   with the mask of the last forward pass

let mask = null;
let scale = 1;

function forward(x, p, training) {
  if (!training || p === 0) {
    mask = null;
    scale = 1;
    return Float32Array.from(x);
  }
  scale = 1 / (1 - p);
  mask = new Uint8Array(x.length);
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    if (Math.random() >= p) {     // keep with probability 1 − p
      mask[i] = 1;
      y[i] = x[i] * scale;
    }
  }
  return y;
}

function backward(grad) {
  if (!mask) return Float32Array.from(grad);
  const dx = new Float32Array(grad.length);
  for (let i = 0; i < grad.length; i++) dx[i] = mask[i] ? grad[i] * scale : 0;
  return dx;
}
`;
