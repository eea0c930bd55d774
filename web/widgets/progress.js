// Exercise progress: a self-assessment kept in this browser only (localStorage; nothing is sent
// anywhere). It has no integrity — anyone can edit it — so it is for the student. A student can save
// it to a file and load it on another machine. The stored shape is small and checked on import:
// {format: 'reglab-progress', version: 1, exercises: {'6.1': {status, answers, result, updated}}}.
// For grading, submissionText() writes the student's answers (code, λ, choices, explanation) for
// instructor.html, which re-runs every check itself and ignores any status in the file.
const KEY = 'reglab-exercises';
export const EXERCISES = ['6.1', '6.2', '6.3', '6.4'];
const STATUSES = ['started', 'failed', 'passed'];

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
  // A check's status replaces the last one: a failing check after a pass is "not yet passed".
  const next = { ...cur, ...patch, answers: { ...cur.answers, ...(patch.answers ?? {}) }, updated: new Date().toISOString() };
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

// ---- submissions (for instructor.html) -------------------------------------------------------
export const SUBMISSION_FORMAT = 'reglab-submission';

// The student's answers as a submission file: name, when it was made, and per exercise the
// answers, when they were last changed and whether the reference solution was viewed. The
// self-assessed status is included for the student's own record; the instructor page ignores it.
export function submissionText(student) {
  const p = loadProgress();
  const exercises = {};
  for (const n of EXERCISES) {
    const e = p.exercises[n];
    if (!e) continue;
    exercises[n] = { answers: e.answers, updated: e.updated, selfAssessed: e.status };
  }
  return JSON.stringify({ format: SUBMISSION_FORMAT, version: 1, student: String(student ?? '').slice(0, 120), created: new Date().toISOString(), exercises }, null, 2);
}

// A submission file's text → {student, created, exercises: {n: {answers, updated, referenceShown}}},
// keeping only the answers (any status or result in the file is dropped). Throws in words.
export function readSubmission(text, fileName = 'the file') {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${fileName} is not a RegLab submission (it is not JSON)`);
  }
  if (!raw || typeof raw !== 'object') throw new Error(`${fileName} is not a RegLab submission`);
  if (raw.format !== SUBMISSION_FORMAT && raw.format !== 'reglab-progress') throw new Error(`${fileName} is not a RegLab submission (no "format": "${SUBMISSION_FORMAT}")`);
  if (raw.version !== 1) throw new Error(`${fileName} has version ${JSON.stringify(raw.version)}; this page reads version 1`);
  const clean = sanitize(raw);
  const exercises = {};
  for (const [n, e] of Object.entries(clean.exercises)) exercises[n] = { answers: e.answers, updated: e.updated, referenceShown: e.answers.referenceShown === true };
  const created = typeof raw.created === 'string' && !Number.isNaN(Date.parse(raw.created)) ? raw.created : null;
  return { student: typeof raw.student === 'string' && raw.student.trim() ? raw.student.trim().slice(0, 120) : fileName, created, exercises };
}
