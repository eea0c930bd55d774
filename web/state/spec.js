// Spec helpers for the page: read/write a field by its dotted path, tell shared fields (data and
// seed: the same for every run of a lesson) from per-run ones, and group engine.describe()'s
// field table for the controls. Pure: no DOM, no engine. The policies come from each field's
// declaration in the engine (cpp/src/spec/fields.cpp) through the generated fields.gen.js.
import { MID_RUN_PATHS, SHARED_PATHS } from './fields.gen.js';

export const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

export function getPath(obj, path) {
  let v = obj;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[key];
  }
  return v;
}

// A copy of `obj` with `path` set to `value` (intermediate objects created as needed).
// `undefined` removes the field, so the engine's default applies again.
export function setPath(obj, path, value) {
  const out = clone(obj) ?? {};
  const keys = path.split('.');
  let o = out;
  for (const key of keys.slice(0, -1)) {
    if (o[key] === null || typeof o[key] !== 'object' || Array.isArray(o[key])) o[key] = {};
    o = o[key];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete o[last];
  else o[last] = clone(value);
  return out;
}

// The object {a:{b:v}} for path 'a.b' — the partial spec run.update() takes.
export function partialSpec(path, value) {
  return setPath({}, path, value);
}

// Fields shared by all runs of a lesson: the runs must see the same data and start from the same
// weights, so only the regularization differs between them.
const SHARED = new Set(SHARED_PATHS);
export function isSharedField(path) {
  return SHARED.has(path);
}

// Fields the engine can change between epochs without restarting (run.update); the chart marks
// the epoch where the change happened. Anything else restarts the runs. Experiment::update
// follows the same declarations, so the engine never refuses what the page sends mid-run.
export const UPDATABLE_FIELDS = new Set(MID_RUN_PATHS);

// Every leaf path where two specs differ (arrays compared as values).
export function diffPaths(a, b, prefix = '') {
  const out = [];
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  for (const k of keys) {
    const p = prefix ? `${prefix}.${k}` : k;
    const va = a?.[k], vb = b?.[k];
    const objA = va && typeof va === 'object' && !Array.isArray(va);
    const objB = vb && typeof vb === 'object' && !Array.isArray(vb);
    if (objA || objB) out.push(...diffPaths(objA ? va : {}, objB ? vb : {}, p));
    else if (JSON.stringify(va) !== JSON.stringify(vb)) out.push(p);
  }
  return out;
}

// describe() → Map path → field, and the fields in display groups (order of first appearance).
export function indexFields(description) {
  const byPath = new Map();
  const groups = new Map();
  for (const f of description?.fields ?? []) {
    byPath.set(f.path, f);
    const g = f.group || f.path.split('.')[0];
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(f);
  }
  return { byPath, groups };
}

// Short human text for a value, used in chart marks ("λ₂ → 0.001") and the table.
export function formatValue(v) {
  if (typeof v === 'number' && !Number.isFinite(v)) return '—';
  if (typeof v === 'number') {
    if (v === 0) return '0';
    const a = Math.abs(v);
    if (a < 1e-3 || a >= 1e5) return v.toExponential(1).replace('e+', 'e');
    return String(Number(v.toPrecision(3)));
  }
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return String(v);
}
