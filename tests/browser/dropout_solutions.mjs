// Exercise 6.2 solutions for the browser tests: correct ones in different styles (each must pass
// every check) and wrong or cheating ones (each must fail, at the check named), including every
// trick a determined student tried against the earlier checker (issue 19).

// Loops, a Uint8Array mask, a scale kept beside it.
const LOOPS = `
let mask = null, scale = 1;
function forward(x, p, training) {
  if (!training) { mask = null; scale = 1; return Float32Array.from(x); }
  scale = 1 / (1 - p);
  mask = new Uint8Array(x.length);
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) if (Math.random() >= p) { mask[i] = 1; y[i] = x[i] * scale; }
  return y;
}
function backward(grad) {
  if (!mask) return Float32Array.from(grad);
  const dx = new Float32Array(grad.length);
  for (let i = 0; i < grad.length; i++) dx[i] = mask[i] ? grad[i] * scale : 0;
  return dx;
}`;

export const CORRECT = {
  loops: LOOPS,
  // map over the typed array; the mask holds the factor itself (0 or 1/(1−p)).
  map: `
let factors = null;
const forward = (x, p, training) => {
  factors = training ? x.map(() => (Math.random() < p ? 0 : 1 / (1 - p))) : null;
  return training ? x.map((v, i) => v * factors[i]) : x.slice();
};
const backward = (grad) => (factors ? grad.map((g, i) => g * factors[i]) : grad.slice());`,
  // a class holding its state, with functions that delegate to one layer
  class: `
class Dropout {
  constructor() { this.keep = null; this.p = 0; }
  forward(x, p, training) {
    this.p = training ? p : 0;
    this.keep = training ? Array.from(x, () => Math.random() >= p) : null;
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = !this.keep ? x[i] : this.keep[i] ? x[i] / (1 - p) : 0;
    return out;
  }
  backward(dy) {
    const out = new Float32Array(dy.length);
    for (let i = 0; i < dy.length; i++) out[i] = !this.keep ? dy[i] : this.keep[i] ? dy[i] / (1 - this.p) : 0;
    return out;
  }
}
const layer = new Dropout();
function forward(x, p, training) { return layer.forward(x, p, training); }
function backward(grad) { return layer.backward(grad); }`,
  // plain Arrays out, random bits from crypto
  'plain arrays and crypto': `
var lastMask = null;
function forward(x, p, training) {
  if (!training) { lastMask = null; return Array.from(x); }
  const r = new Uint32Array(x.length);
  crypto.getRandomValues(r);
  lastMask = Array.from(r, (u) => (u / 4294967296 >= p ? 1 / (1 - p) : 0));
  return Array.from(x, (v, i) => v * lastMask[i]);
}
function backward(grad) { return lastMask ? Array.from(grad, (g, i) => g * lastMask[i]) : Array.from(grad); }`,
  // Float64Array in and out, a closure
  closure: `
const { forward, backward } = (() => {
  let m = null;
  return {
    forward(x, p, training) {
      const y = new Float64Array(x);
      if (!training) { m = null; return y; }
      m = new Float64Array(x.length);
      for (let i = 0; i < y.length; i++) { m[i] = Math.random() < p ? 0 : 1 / (1 - p); y[i] *= m[i]; }
      return y;
    },
    backward(g) { const d = new Float64Array(g); if (m) for (let i = 0; i < d.length; i++) d[i] *= m[i]; return d; },
  };
})();`,
};

// name → {code, fails: a check id that must fail}
export const WRONG = {
  // ---- the tricks of issue 19 ----
  'Array.prototype.map override beside an identity layer': { code: `Array.prototype.map = function () { return []; };\nfunction forward(x) { return x; }\nfunction backward(g) { return g; }`, fails: 'rate' },
  'Math.abs override + p as keep probability + no scaling + dropout in eval': {
    code: `Math.abs = () => 0;\nlet mask = null;\nfunction forward(x, p, training) { mask = Array.from(x, () => Math.random() < p); return x.map((v, i) => (mask[i] ? v : 0)); }\nfunction backward(g) { return g.map((v, i) => (mask[i] ? v : 0)); }`,
    fails: 'rate',
  },
  'rescales the input in place and returns it': {
    code: LOOPS.replace('const y = new Float32Array(x.length);', 'const y = x;').replace('if (Math.random() >= p) { mask[i] = 1; y[i] = x[i] * scale; }', 'if (Math.random() >= p) { mask[i] = 1; y[i] = x[i] * scale; } else y[i] = 0;'),
    fails: 'pure',
  },
  'p as the keep probability': { code: LOOPS.replace('Math.random() >= p', 'Math.random() < p').replace('scale = 1 / (1 - p);', 'scale = 1 / p;'), fails: 'rate' },
  'no scaling': { code: LOOPS.replace('y[i] = x[i] * scale', 'y[i] = x[i]'), fails: 'scale' },
  'dropout in evaluation mode too': { code: LOOPS.replace("if (!training) { mask = null; scale = 1; return Float32Array.from(x); }", ''), fails: 'eval' },
  'a contiguous block of round(p·n) units moving by 5003 each call': {
    code: `
let start = 0, mask = null, scale = 1;
function forward(x, p, training) {
  if (!training) { mask = null; return Float32Array.from(x); }
  const n = x.length, len = Math.round(p * n);
  start = (start + 5003) % n; scale = 1 / (1 - p);
  mask = new Uint8Array(n).fill(1);
  for (let k = 0; k < len; k++) mask[(start + k) % n] = 0;
  return x.map((v, i) => v * mask[i] * scale);
}
function backward(g) { return mask ? g.map((v, i) => v * mask[i] * scale) : g.slice(); }`,
    fails: 'units',
  },
  // ---- the earlier catalog ----
  'scaling at evaluation time': { code: LOOPS.replace('return Float32Array.from(x); }', 'return x.map((v) => v * (1 - p)); }'), fails: 'eval' },
  'a new mask in backward': { code: LOOPS.replace('dx[i] = mask[i] ? grad[i] * scale : 0', 'dx[i] = Math.random() >= 0.4 ? grad[i] * scale : 0'), fails: 'backward' },
  // ---- more ways to get the definition wrong ----
  'the same mask on every pass (reseeded generator)': {
    code: LOOPS.replace('mask = new Uint8Array(x.length);', 'mask = new Uint8Array(x.length); let s = 12345; const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);').replace('Math.random() >= p', 'rnd() >= p'),
    fails: 'fresh',
  },
  'exactly round(p·n) units dropped, shuffled': {
    code: `
let mask = null, scale = 1;
function forward(x, p, training) {
  if (!training) { mask = null; return Float32Array.from(x); }
  const n = x.length, idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [idx[i], idx[j]] = [idx[j], idx[i]]; }
  mask = new Uint8Array(n).fill(1); scale = 1 / (1 - p);
  for (let k = 0; k < Math.round(p * n); k++) mask[idx[k]] = 0;
  return x.map((v, i) => v * mask[i] * scale);
}
function backward(g) { return mask ? g.map((v, i) => v * mask[i] * scale) : g.slice(); }`,
    fails: 'rate',
  },
  'pairs of neighbours share one coin': { code: LOOPS.replace('if (Math.random() >= p)', 'if ((i % 2 === 0 ? (mask.r = Math.random()) : mask.r) >= p)'), fails: 'scattered' },
  'each pass flips the previous mask half of the time': {
    code: LOOPS.replace('mask = new Uint8Array(x.length);', 'const prev = mask; mask = new Uint8Array(x.length);').replace('if (Math.random() >= p)', 'if (prev && Math.random() < 0.5 ? prev[i] : Math.random() >= p)'),
    fails: 'fresh',
  },
  'backward without the scale': { code: LOOPS.replace('dx[i] = mask[i] ? grad[i] * scale : 0', 'dx[i] = mask[i] ? grad[i] : 0'), fails: 'backward' },
  'backward missing': { code: LOOPS.replace(/function backward[\s\S]*$/, ''), fails: 'api' },
  'an identity layer': { code: 'function forward(x) { return x; }\nfunction backward(g) { return g; }', fails: 'rate' },
};
