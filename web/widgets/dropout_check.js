// Exercise 6.2's checker: tests that the student's forward(x, p, training) / backward(grad) is
// inverted dropout by its definition, and says in words, with numbers, what does not hold.
//
// The checker runs in its own worker (checker_worker.js), never in the student's realm. It builds
// every input itself, sends a fresh copy for each call to the sandbox (through the page,
// sandbox.js) and keeps its own; it reads back only arrays of numbers, and computes every
// statistic here with this realm's own Math and arrays. Nothing the student's code returns decides
// a result except those arrays.
//
// Convention (as in the course and the engine's cpp/src/layers/dropout.cpp):
//   training:   y = m ⊙ x / (1 − p),  m_i ~ Bernoulli(1 − p) independently for every unit and pass
//               (p = the probability of DROPPING a unit)
//   evaluation: y = x,  dx = dy
//   backward:   dx = m ⊙ dy / (1 − p)   with the mask of the last forward pass
//
// Statistics: inputs lie in [0.5, 1.5], so an output of exactly 0 means "dropped". Over PASSES = 64
// passes of N = 4,096 units at p = 0.3 (262,144 draws) each statistic below is compared with its
// distribution under independent Bernoulli(p) drops and fails beyond 5 standard deviations (two-
// sided normal tail ≈ 6·10⁻⁷; the six statistical tests together wrongly fail a correct solution
// with probability below 10⁻⁵):
//   rate      the dropped share f̂ (sd √(pq/(64N))), at p = 0.3 and at p = 0.7; and the per-pass
//             dropped counts, whose χ² over 64 passes has mean 64 and sd √128 (a pass that drops
//             exactly round(pN) units every time has χ² ≈ 0)
//   per unit  D = Σᵢ (cᵢ − 64f̂)² / (64f̂(1−f̂)) over units i, with cᵢ the passes that dropped unit i:
//             mean N, variance N(2 + (1 − 6f̂(1−f̂)) / (64f̂(1−f̂))); too small means a pattern that
//             visits every unit equally (a moving block), too large a fixed or biased mask
//   fresh     the mean correlation of the masks of successive passes, sd 1/√(N·63)
//   scattered the neighbouring pairs i, i+1 dropped together in a pass: mean (N−1)f̂², variance per
//             pass (N−1)f̂²(1−f̂²) + 2(N−2)(f̂³−f̂⁴)
export const N = 4096;
export const PASSES = 64;
const Z = 5;

// Deterministic inputs in [0.5, 1.5] (never zero).
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
const int = (v) => Math.round(v).toLocaleString('en-US');
const where = (line) => (line > 0 ? ` (line ${line})` : '');

export class CheckError extends Error {
  constructor(message, line = 0) {
    super(message);
    this.line = line;
  }
}

// One batch of calls through the sandbox → the outputs as Float64Arrays of length N, after
// checking each; `calls` keep the checker's own inputs in `own` (never sent).
async function exchange(sandbox, calls) {
  const outs = await sandbox.run(calls.map((c) => (c.fn === 'forward'
    ? { fn: 'forward', x: c.own.slice(), p: c.p, training: c.training }
    : { fn: 'backward', grad: c.own.slice() })));
  return calls.map((c, k) => {
    const o = outs[k];
    const what = c.fn === 'forward' ? `forward(x, ${c.p}, ${c.training})` : 'backward(grad)';
    if (o.error) {
      const e = o.error;
      throw new CheckError(`${what} stopped with ${e.name}: ${e.message}${where(e.line)}`, e.line);
    }
    if (o.y.length !== N) throw new CheckError(`${what} returned ${int(o.y.length)} numbers for an input of ${int(N)}`);
    for (let i = 0; i < N; i++) if (!Number.isFinite(o.y[i])) throw new CheckError(`${what} returned NaN or an infinite value (at index ${i})`);
    return { y: o.y, input: o.input, own: c.own, what };
  });
}

// The checks in order: [{id, title, ok, message, line}]. sandbox: {functions, run(calls) → outs}.
// When the sandbox fails (time limit, broken answer) run() never resolves: the page ends this worker.
export async function checkDropout(sandbox) {
  const results = [];
  const add = (id, title, message, line = 0) => results.push({ id, title, ok: !message, message: message || '', line });
  const { forward, backward } = sandbox.functions;
  if (!forward || !backward) {
    add('api', 'forward and backward are defined', `define both functions: forward(x, p, training) and backward(grad) (found forward: ${forward ? 'yes' : 'no'}, backward: ${backward ? 'yes' : 'no'})`);
    return results;
  }

  // Runs a batch and the checks that read it; an error in the batch fails each of those checks.
  const batch = async (calls, checks) => {
    let outs;
    try {
      outs = await exchange(sandbox, calls);
    } catch (e) {
      if (!(e instanceof CheckError)) throw e;
      for (const [id, title] of checks) add(id, title, e.message, e.line);
      return null;
    }
    for (const [id, title, fn] of checks) {
      try {
        add(id, title, fn(outs));
      } catch (e) {
        add(id, title, e instanceof CheckError ? e.message : `the check failed: ${e?.message ?? e}`, e?.line ?? 0);
      }
    }
    return outs;
  };
  const all = [];

  // ---- 64 training passes at p = 0.3 on one input, 16 at p = 0.7 ----------------------------
  const p = 0.3, q = 1 - p;
  const x1 = inputs(1), x2 = inputs(2);
  let f = NaN;
  let masks0 = null;
  const masksOf = (outs) => (masks0 ??= outs.map((o) => { const m = new Uint8Array(N); for (let i = 0; i < N; i++) m[i] = o.y[i] === 0 ? 1 : 0; return m; }));
  const a = await batch(Array.from({ length: PASSES }, () => ({ fn: 'forward', own: x1, p, training: true })), [
    ['rate', 'Each unit is dropped with probability p', (outs) => {
      const masks = masksOf(outs);
      const counts = masks.map((m) => m.reduce((s, v) => s + v, 0));
      f = counts.reduce((s, v) => s + v, 0) / (PASSES * N);
      const sd = Math.sqrt((p * q) / (PASSES * N));
      if (Math.abs(f - p) > Z * sd) {
        const hint = Math.abs(f - q) <= Z * sd ? ' — it looks as if p were used as the probability of keeping a unit; p is the probability of dropping it' : '';
        return `with p = ${p}, ${pct(f)} of the units were dropped over ${PASSES} passes; independent drops give ${pct(p)} ± ${pct(Z * sd)}${hint}`;
      }
      const chi = counts.reduce((s, n) => s + (n - N * p) ** 2, 0) / (N * p * q);
      const lo = Math.min(...counts), hi = Math.max(...counts);
      if (chi < PASSES - Z * Math.sqrt(2 * PASSES)) return `every pass dropped almost the same number of units (${int(lo)} to ${int(hi)} of ${int(N)}); when each unit is dropped independently the count varies from pass to pass by about ±${int(Math.sqrt(N * p * q))}`;
      if (chi > PASSES + 6 * Math.sqrt(2 * PASSES)) return `the number of dropped units varies far more from pass to pass (${int(lo)} to ${int(hi)} of ${int(N)}) than independent drops with p = ${p} allow (about ${int(N * p)} ± ${int(Math.sqrt(N * p * q))})`;
      return '';
    }],
    ['units', 'Every unit has the same chance, with no pattern', (outs) => {
      const masks = masksOf(outs);
      if (!(f > 0 && f < 1)) return 'every unit was dropped in every pass or in none, so nothing could be measured';
      const c = new Float64Array(N);
      for (const m of masks) for (let i = 0; i < N; i++) c[i] += m[i];
      const v = PASSES * f * (1 - f);
      let D = 0, lo = PASSES, hi = 0;
      for (let i = 0; i < N; i++) { D += (c[i] - PASSES * f) ** 2 / v; lo = Math.min(lo, c[i]); hi = Math.max(hi, c[i]); }
      const sd = Math.sqrt(N * (2 + (1 - 6 * f * (1 - f)) / v));
      if (D > N + Z * sd) return `some units are dropped far more often than others: over ${PASSES} passes the units were dropped in ${pct(lo / PASSES)} to ${pct(hi / PASSES)} of the passes (dispersion ${num(D / N)} × what independent draws give); draw every unit's fate anew on every pass`;
      if (D < N - Z * sd) return `every unit is dropped in almost exactly the same share of passes (${pct(lo / PASSES)} to ${pct(hi / PASSES)}; dispersion ${num(D / N)} × what independent draws give): the drops follow a pattern that visits the units in turn, not independent coin flips`;
      return '';
    }],
    ['fresh', 'Each training pass draws a new, independent mask', (outs) => {
      const masks = masksOf(outs);
      let sum = 0, pairs = 0, same = 0;
      for (let k = 0; k + 1 < masks.length; k++) {
        const m1 = masks[k], m2 = masks[k + 1];
        let a1 = 0, a2 = 0, both = 0, diff = 0;
        for (let i = 0; i < N; i++) { a1 += m1[i]; a2 += m2[i]; both += m1[i] & m2[i]; diff += m1[i] ^ m2[i]; }
        if (diff === 0) same++;
        const f1 = a1 / N, f2 = a2 / N;
        if (f1 <= 0 || f1 >= 1 || f2 <= 0 || f2 >= 1) continue;
        sum += (both / N - f1 * f2) / Math.sqrt(f1 * (1 - f1) * f2 * (1 - f2));
        pairs++;
      }
      if (same > 0) return `${same} of ${masks.length - 1} pairs of successive training passes dropped exactly the same units; draw a new random mask on every forward pass in training mode`;
      if (!pairs) return 'every pass dropped all units or none, so nothing could be compared';
      const r = sum / pairs, sd = 1 / Math.sqrt(N * pairs);
      if (Math.abs(r) > Z * sd) return `the masks of successive passes are ${r > 0 ? 'alike' : 'opposite'}: their correlation is ${num(r)}, where independent masks give 0 ± ${num(Z * sd)}; a unit's fate in one pass must not depend on the previous pass`;
      return '';
    }],
    ['scattered', 'Dropped units are scattered, not in blocks', (outs) => {
      const masks = masksOf(outs);
      if (!(f > 0 && f < 1)) return 'every unit was dropped in every pass or in none, so nothing could be measured';
      let pairs = 0;
      for (const m of masks) for (let i = 0; i + 1 < N; i++) pairs += m[i] & m[i + 1];
      const mean = PASSES * (N - 1) * f * f;
      const sd = Math.sqrt(PASSES * ((N - 1) * f * f * (1 - f * f) + 2 * (N - 2) * (f ** 3 - f ** 4)));
      if (Math.abs(pairs - mean) > Z * sd) return `neighbouring units are dropped together ${pairs > mean ? 'too often' : 'too rarely'}: ${int(pairs / PASSES)} neighbouring pairs per pass were both dropped, where independent drops give ${int(mean / PASSES)} ± ${int(Z * sd / PASSES)}; dropped units should not come in runs or stripes`;
      return '';
    }],
  ]);
  if (a) all.push(...a);

  const scaleOf = (outs, pp, own) => {
    const want = 1 / (1 - pp);
    const ratios = [];
    let off = 0;
    for (const o of outs) for (let i = 0; i < N; i++) {
      if (o.y[i] === 0) continue;
      const r = o.y[i] / own[i];
      ratios.push(r);
      if (Math.abs(r - want) > 1e-5 * want) off++;
    }
    if (!ratios.length) return 'every unit was dropped, so the scaling could not be checked';
    if (!off) return '';
    ratios.sort((u, v) => u - v);
    return `with p = ${pp}, units that survive should be multiplied by 1/(1−p) = ${num(want)}; yours were multiplied by ${num(ratios[ratios.length >> 1])} (${int(off)} of ${int(ratios.length)} survivors off)`;
  };
  const b = await batch(Array.from({ length: 16 }, () => ({ fn: 'forward', own: x2, p: 0.7, training: true })), [
    ['rate-high', 'Dropped share and scale hold at p = 0.7 too', (outs) => {
      let dropped = 0;
      for (const o of outs) for (let i = 0; i < N; i++) if (o.y[i] === 0) dropped++;
      const fr = dropped / (outs.length * N), sd = Math.sqrt((0.7 * 0.3) / (outs.length * N));
      if (Math.abs(fr - 0.7) > Z * sd) return `with p = 0.7, ${pct(fr)} of the units were dropped; independent drops give ${pct(0.7)} ± ${pct(Z * sd)}${Math.abs(fr - 0.3) <= Z * sd ? ' — p is the probability of dropping a unit, not of keeping it' : ''}`;
      return scaleOf(outs, 0.7, x2);
    }],
  ]);
  if (b) all.push(...b);
  if (a) {
    results.push({ id: 'scale', title: 'Survivors are scaled by 1/(1−p)', ...(() => { const m = scaleOf(a, p, x1); return { ok: !m, message: m, line: 0 }; })() });
  } else {
    add('scale', 'Survivors are scaled by 1/(1−p)', 'not checked: the training passes above did not run');
  }

  // ---- evaluation mode ----------------------------------------------------------------------
  const x3 = inputs(3), g3 = inputs(4);
  const c = await batch([{ fn: 'forward', own: x3, p, training: false }, { fn: 'backward', own: g3 }], [
    ['eval', 'Identity in evaluation mode', ([fo, bo]) => {
      const differs = (o, own) => {
        let off = 0;
        const ratios = [];
        for (let i = 0; i < N; i++) if (Math.abs(o.y[i] - own[i]) > 1e-6 * Math.abs(own[i])) { off++; ratios.push(o.y[i] / own[i]); }
        if (!off) return '';
        const r = ratios[0];
        return ratios.every((v) => Math.abs(v - r) < 1e-4 * Math.abs(r)) ? `was the input multiplied by ${num(r)}` : `differed from the input at ${int(off)} of ${int(N)} units`;
      };
      const fwd = differs(fo, x3);
      if (fwd) return `with training = false the output must equal the input (no mask, no scaling); it ${fwd}`;
      const bwd = differs(bo, g3);
      if (bwd) return `after an evaluation pass, backward must pass the gradient through unchanged; it ${bwd}`;
      return '';
    }],
  ]);
  if (c) all.push(...c);

  // ---- backward: three forward/backward pairs, each with a new mask ---------------------------
  const x4 = inputs(5), g4 = inputs(6), pb = 0.4;
  const calls = [];
  for (let r = 0; r < 3; r++) calls.push({ fn: 'forward', own: x4, p: pb, training: true }, { fn: 'backward', own: g4 });
  const d = await batch(calls, [
    ['backward', 'Backward reuses the forward pass’s mask and scale', (outs) => {
      const want = 1 / (1 - pb);
      for (let r = 0; r < 3; r++) {
        const y = outs[2 * r].y, dx = outs[2 * r + 1].y;
        let disagree = 0, off = 0;
        for (let i = 0; i < N; i++) {
          if ((y[i] === 0) !== (dx[i] === 0)) disagree++;
          else if (y[i] !== 0 && Math.abs(dx[i] / g4[i] - want) > 1e-5 * want) off++;
        }
        if (disagree) return `after forward pass ${r + 1}, backward let the gradient through at different units than forward kept: ${int(disagree)} of ${int(N)} positions disagree. Keep the mask of the last forward pass and reuse it in backward`;
        if (off) return `backward should scale the gradient of surviving units by 1/(1−p) = ${num(want)}, the same factor as forward; ${int(off)} units were scaled otherwise`;
      }
      return '';
    }],
  ]);
  if (d) all.push(...d);

  // ---- every input the student's code received is unchanged after the call --------------------
  let changed = 0, calls0 = 0, first = '';
  for (const o of all) {
    let n = 0;
    if (o.input.length !== N) n = N;
    else for (let i = 0; i < N; i++) if (o.input[i] !== o.own[i]) n++;
    if (n) { calls0++; changed += n; first ||= o.what; }
  }
  const ran = all.length;
  add('pure', 'forward and backward leave their input unchanged', !ran ? 'not checked: no call finished' : changed ? `${first} changed ${int(changed / calls0)} entries of its input in place (in ${calls0} of ${ran} calls); return a new array and leave x and grad as they were` : '');
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
