// The lab page's lesson questions: one lesson's file (web/questions/<lesson>.js, a chunk of its
// own) is imported when the lesson opens, beside its preset, so a first load carries only the open
// lesson's questions and not every lesson's (issue 18). Once loaded, they are read synchronously.
const FILES = {
  '6.1': () => import('./6.1.js'),
  '6.2': () => import('./6.2.js'),
  '6.3': () => import('./6.3.js'),
  '6.4': () => import('./6.4.js'),
  '6.5': () => import('./6.5.js'),
  '6.6': () => import('./6.6.js'),
  '6.7': () => import('./6.7.js'),
  '6.8': () => import('./6.8.js'),
  '6.9': () => import('./6.9.js'),
};
const loaded = new Map();   // lesson id → its module
const loading = new Map();  // lesson id → Promise of its module

/** Imports lesson `id`'s questions (once). Resolves to false when they could not be loaded (the
 * lesson then opens without its question rather than not at all; a later call tries again). */
export function loadLessonQuestions(id) {
  if (loaded.has(id)) return Promise.resolve(true);
  if (!FILES[id]) return Promise.resolve(false);
  if (!loading.has(id)) {
    loading.set(id, FILES[id]().then((m) => { loaded.set(id, m); return true; }, () => false).finally(() => loading.delete(id)));
  }
  return loading.get(id);
}

/** The prediction of an experiment of a loaded lesson: its own, else none (a lesson's other
 * experiments compare other runs). */
export function predictionFor(presetId) {
  for (const m of loaded.values()) if (m.PREDICTIONS[presetId]) return m.PREDICTIONS[presetId];
  return null;
}

/** A loaded lesson's "Check yourself": the experiment's own set (the CNN presets), else the lesson's. */
export function checkYourselfFor(lessonId, presetId) {
  const m = loaded.get(lessonId);
  return m?.CHECK_YOURSELF[presetId] ?? m?.CHECK_YOURSELF[lessonId] ?? null;
}
