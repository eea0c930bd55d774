// Exercise progress, kept in this browser only (localStorage; nothing is sent anywhere). A student
// can save it to a file and load it on another machine. The stored shape is small and checked on
// import: {format: 'reglab-progress', version: 1, exercises: {'6.1': {status, answers, result, updated}}}.
const KEY = 'reglab-exercises';
export const EXERCISES = ['6.1', '6.2', '6.3', '6.4'];
const STATUSES = ['started', 'checked', 'failed', 'passed'];

function storage() {
  try { return globalThis.localStorage ?? null; } catch { return null; } // sandboxed iframes may deny it
}

export function loadProgress() {
  try {
    const parsed = JSON.parse(storage()?.getItem(KEY) ?? 'null');
    return sanitize(parsed);
  } catch {
    return sanitize(null);
  }
}

function save(p) {
  try { storage()?.setItem(KEY, JSON.stringify(p)); } catch { /* full or denied: progress stays in memory */ }
  globalThis.dispatchEvent?.(new CustomEvent('reglab-progress', { detail: p }));
}

export function getExercise(n) {
  return loadProgress().exercises[n] ?? { status: null, answers: {}, result: null, updated: null };
}

export function updateExercise(n, patch) {
  const p = loadProgress();
  const cur = p.exercises[n] ?? { status: null, answers: {}, result: null, updated: null };
  const next = { ...cur, ...patch, answers: { ...cur.answers, ...(patch.answers ?? {}) }, updated: new Date().toISOString() };
  // a pass is not undone by later edits; a new check may still record a new result
  if (cur.status === 'passed' && patch.status && patch.status !== 'passed' && !patch.force) next.status = 'passed';
  delete next.force;
  p.exercises[n] = next;
  save(sanitize(p));
}

export function clearProgress() {
  save(sanitize(null));
}

// Accepts only the known fields with plain values: an imported file is data, never code or HTML.
export function sanitize(raw) {
  const out = { format: 'reglab-progress', version: 1, exercises: {} };
  const ex = raw && typeof raw === 'object' ? raw.exercises : null;
  if (!ex || typeof ex !== 'object') return out;
  for (const n of EXERCISES) {
    const e = ex[n];
    if (!e || typeof e !== 'object') continue;
    const answers = {};
    if (e.answers && typeof e.answers === 'object') {
      for (const [k, v] of Object.entries(e.answers).slice(0, 20)) {
        if (!/^[a-zA-Z]{1,20}$/.test(k)) continue;
        if (typeof v === 'string') answers[k] = v.slice(0, 20000);
        else if (typeof v === 'number' && Number.isFinite(v)) answers[k] = v;
        else if (typeof v === 'boolean') answers[k] = v;
      }
    }
    out.exercises[n] = {
      status: STATUSES.includes(e.status) ? e.status : null,
      answers,
      result: e.result && typeof e.result === 'object' ? JSON.parse(JSON.stringify(e.result, (k, v) => (typeof v === 'string' ? v.slice(0, 2000) : v))) : null,
      updated: typeof e.updated === 'string' && !Number.isNaN(Date.parse(e.updated)) ? e.updated : null,
    };
  }
  return out;
}

export function exportText() {
  return JSON.stringify({ ...loadProgress(), exported: new Date().toISOString() }, null, 2);
}

// Replaces the stored progress with a file's; throws an Error in words when the file is not one.
export function importText(text) {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('this file is not a RegLab progress file (it is not JSON)');
  }
  if (!raw || raw.format !== 'reglab-progress') throw new Error('this file is not a RegLab progress file (no "format": "reglab-progress")');
  if (raw.version !== 1) throw new Error(`this progress file has version ${JSON.stringify(raw.version)}; this page reads version 1`);
  const p = sanitize(raw);
  save(p);
  return p;
}
