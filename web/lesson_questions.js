// "Predict, then run" and "Check yourself" for the lessons 6.1–6.9 (views/predict.js and
// views/check_yourself.js show them). A prediction belongs to a lesson's experiment (preset): it
// names the runs it compares, and `outcome(runs)` reads what happened from those runs' own
// numbers (runs: label → summary of state/summary.js plus `state`), returning the choice that
// happened and why, with the numbers. `expected` is what the course teaches; when a run shows
// otherwise, the page says what the numbers show and points to the multi-seed measurement
// (web/claims/report.json, the claims page) instead of pretending.
//
// Each lesson's questions are a file of their own, web/questions/<lesson>.js (PREDICTIONS keyed by
// preset, CHECK_YOURSELF keyed by lesson or preset: three questions each, with the right choice and
// why). The lab page loads only the open lesson's (questions/load.js); this module gathers them
// all for the tests and the tools, and is not part of the page.
import * as q61 from './questions/6.1.js';
import * as q62 from './questions/6.2.js';
import * as q63 from './questions/6.3.js';
import * as q64 from './questions/6.4.js';
import * as q65 from './questions/6.5.js';
import * as q66 from './questions/6.6.js';
import * as q67 from './questions/6.7.js';
import * as q68 from './questions/6.8.js';
import * as q69 from './questions/6.9.js';

const BY_LESSON = [q61, q62, q63, q64, q65, q66, q67, q68, q69];
export const PREDICTIONS = Object.assign({}, ...BY_LESSON.map((m) => m.PREDICTIONS));
export const CHECK_YOURSELF = Object.assign({}, ...BY_LESSON.map((m) => m.CHECK_YOURSELF));

// The prediction of an experiment: its own, else none (a lesson's other experiments compare
// other runs).
export function predictionFor(presetId) {
  return PREDICTIONS[presetId] ?? null;
}
