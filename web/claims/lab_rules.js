// The claims' rules for the lab page: the shared logic (claims/rule_logic.js) and one lesson's
// rules at a time — claims/rules/<lesson>.js is a chunk of its own, imported when the lesson opens
// (lab.js, beside its preset, text and questions), so a first load carries the open lesson's rules
// and not all 53 (issue 18). Once loaded they are read synchronously (rulesOfPreset, rule, …).
import { addRules } from './rule_logic.js';

export { rule, ruleKeys, holds, labRow, ruleRuns, rulesOfPreset, claimsOfPreset, MEASURES } from './rule_logic.js';

const FILES = {
  '6.1': () => import('./rules/6.1.js'),
  '6.2': () => import('./rules/6.2.js'),
  '6.3': () => import('./rules/6.3.js'),
  '6.4': () => import('./rules/6.4.js'),
  '6.5': () => import('./rules/6.5.js'),
  '6.6': () => import('./rules/6.6.js'),
  '6.7': () => import('./rules/6.7.js'),
  '6.8': () => import('./rules/6.8.js'),
  '6.9': () => import('./rules/6.9.js'),
};
const loading = new Map();  // lesson id → Promise of its rules added

/** Imports lesson `id`'s rules (once) into RULES. Rejects, like the lesson's text, when they could
 * not be loaded (its questions' verdicts need them); a later call tries again. */
export function loadLessonRules(id) {
  if (!FILES[id]) return Promise.resolve();
  if (!loading.has(id)) {
    const p = FILES[id]().then((m) => { addRules(m.default); });
    p.catch(() => loading.delete(id));
    loading.set(id, p);
  }
  return loading.get(id);
}
