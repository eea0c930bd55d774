// The name of an edited run says what changed from the run it started as: "Adam" with L2 set to
// 0.01 becomes "Adam + L2 (λ 0.01)"; a name that already shows the old value gets the new one
// ("L2 λ=0.01" with λ 0.03 becomes "L2 λ=0.03"); undoing every change gives the old name back.
// Shared fields (data, seed) are the same for every run and never name one. Pure, no DOM.
import { formatValue } from './spec.js';
import { choiceWord } from './words.js';

const SHARED = /^(data(\.|$)|seed$|version$|name$)/;

// Leaf paths of a spec: objects recurse, anything else (numbers, lists, false) is a value.
function leaves(obj, prefix = '', out = new Map()) {
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    if (prefix && !Object.keys(obj).length) out.set(prefix, true);
    for (const [k, v] of Object.entries(obj)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, obj);
  return out;
}

// Fields whose course name reads better than the control's label.
const PHRASES = {
  'regularization.l2': (v) => (v ? `L2 (λ ${formatValue(v)})` : 'no L2'),
  'regularization.l1': (v) => (v ? `L1 (λ ${formatValue(v)})` : 'no L1'),
  'optimizer.weightDecay': (v) => (v ? `weight decay ${formatValue(v)}` : 'no weight decay'),
  'optimizer.lr': (v) => `learning rate ${formatValue(v)}`,
  'model.dropout': (v) => { const p = Array.isArray(v) ? v[0] ?? 0 : v; return p ? `dropout ${formatValue(p)}` : 'no dropout'; },
  'model.inputDropout': (v) => (v ? `input dropout ${formatValue(v)}` : 'no input dropout'),
  'model.hidden': (v) => `layers ${(v ?? []).join('-') || 'none'}`,
  'training.batchSize': (v) => `batch ${v}`,
  'training.epochs': (v) => `${v} epochs`,
  'loss.labelSmoothing': (v) => (v ? `smoothing ε ${formatValue(v)}` : 'no smoothing'),
  'regularization.clipNorm': (v) => (v ? `clip ‖g‖ ≤ ${formatValue(v)}` : 'no clipping'),
};

function phrase(path, value, fieldByPath) {
  if (PHRASES[path]) return PHRASES[path](value);
  const field = fieldByPath(path);
  const label = field?.label ?? path.split('.').pop();
  if (value === false || value === undefined || value === null) return `no ${label.toLowerCase()}`;
  if (value === true) return /^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
  if (field?.choices) return choiceWord(path, value);
  return `${label} ${Array.isArray(value) ? value.join(', ') : formatValue(value)}`;
}

// origin: {label, spec} the run started as; spec: its spec now; fieldByPath(path) → describe() field.
// Returns null when a changed value is not a number where one belongs (the run keeps its name).
export function editedLabel(origin, spec, fieldByPath = () => undefined) {
  const before = leaves(origin.spec), after = leaves(spec);
  const paths = [...new Set([...before.keys(), ...after.keys()])]
    .filter((p) => !SHARED.test(p) && JSON.stringify(before.get(p)) !== JSON.stringify(after.get(p)));
  // An option switched on or off (early stopping false ↔ {patience: 20}) is one change, named
  // once, not once per sub-field.
  const changed = new Map();
  for (const path of paths) {
    if (paths.some((q) => path.startsWith(`${q}.`))) continue;
    const value = getIn(spec, path);
    changed.set(path, value && typeof value === 'object' && !Array.isArray(value) ? true : value);
  }
  if (!changed.size) return origin.label;
  // A value the engine will refuse (a width typed as "abc") names nothing: null keeps the name.
  const bad = (v) => (typeof v === 'number' && !Number.isFinite(v)) || (Array.isArray(v) && v.some((x) => typeof x !== 'number' || !Number.isFinite(x)));
  if ([...changed.values()].some(bad)) return null;
  let label = origin.label;
  const extra = [];
  for (const [path, value] of changed) {
    const old = before.get(path);
    const oldText = typeof old === 'number' ? formatValue(old) : null;
    // "L2 λ=0.01" already names λ: the new value takes the old one's place.
    if (oldText && new RegExp(`(^|[^\\d.])${oldText.replace(/\./g, '\\.')}(?![\\d.])`).test(label) && typeof value === 'number' && value !== 0) {
      label = label.replace(new RegExp(`(^|[^\\d.])${oldText.replace(/\./g, '\\.')}(?![\\d.])`), `$1${formatValue(value)}`);
    } else extra.push(phrase(path, value, fieldByPath));
  }
  if (!extra.length) return label;
  // A name that only says what is absent ("none", "plain", "no dropout") gives way to what the
  // run now has ("L2 (λ 0.01)", "dropout 0.3") when that is the whole change.
  const absent = /^(none|plain|baseline)$/i.test(label) || (/^no /i.test(label) && extra.length === 1 && extra[0].toLowerCase().includes(label.slice(3).toLowerCase()));
  if (absent && label === origin.label) return extra.join(' + ');
  return `${label} + ${extra.join(' + ')}`;
}

function getIn(obj, path) {
  return path.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), obj);
}
