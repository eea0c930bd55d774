// "Predict, then run": the experiment's question (questions/<lesson>.js, loaded by the lab). When a lesson opens on
// the lab page and its question has no answer yet, the runs wait, ready, and the question sits
// right under Play (lab.awaitingPrediction); an answer starts them, "Skip — just run" or Play
// starts them without one. Then the panel moves under the charts; an answer given later restarts
// the runs so they are watched from epoch 0. Once the runs the question compares have finished,
// the panel says whether the prediction matched and why, with this run's numbers — where the
// question has claims rules (claims/rule_logic.js), their verdict on this page's runs is the answer.
// The choice is kept per experiment in the session and in localStorage.
import { el } from './charts.js';
import { predictionFor } from '../questions/load.js';
import { markAbbreviations } from './abbr.js';
import { rule, labRow, holds } from '../claims/lab_rules.js';
import { labRuns } from './lesson_summary.js';

const KEY = (presetId) => `reglab:prediction:${presetId}`;
const FINISHED = ['done', 'early-stopped', 'diverged', 'error'];

function stored(presetId) {
  try { return localStorage.getItem(KEY(presetId)); } catch { return null; }
}
function store(presetId, choice) {
  try { localStorage.setItem(KEY(presetId), choice); } catch { /* private mode: kept for this page only */ }
}

// The student's answer for an experiment, this page's or an earlier visit's ('skip' included).
export function rememberedPrediction(session, presetId) {
  return session.predictions.get(presetId) ?? stored(presetId);
}

// The claims rules' verdicts on this page's runs, for a question's outcome(runs, verdict):
// verdict(id) → { ok: true | false | null, row }.
function verdicts(lab) {
  const runs = labRuns(lab);
  return (id) => {
    const r = rule(id);
    const row = labRow(r, lab.presetId, runs);
    return { ok: holds(r, row), row };
  };
}

export function buildPrediction(lab) {
  const P = predictionFor(lab.presetId);
  if (!P) return null;
  const name = `predict-${lab.presetId}`;
  const answered = () => { const c = rememberedPrediction(lab.session, lab.presetId); return c === 'skip' ? null : c; };
  let choice = answered();
  const result = el('div', { class: 'predict-result', role: 'status', 'aria-live': 'polite' });
  const radios = P.choices.map(([key, text]) => {
    const input = el('input', { type: 'radio', name, value: key });
    input.checked = key === choice;
    input.addEventListener('change', () => {
      choice = key;
      store(lab.presetId, key);
      // Watch what happens from the first epoch, after committing to an answer.
      lab.predict(key);
      update();
    });
    return el('label', { class: 'predict-choice' }, input, el('span', { text }));
  });
  const skip = el('button', { type: 'button', class: 'predict-skip', text: 'Skip — just run', onclick: () => lab.play() });
  const help = el('p', { class: 'help predict-help' });
  const root = el('section', { class: 'predict', 'aria-labelledby': `${name}-t`, 'data-prediction': lab.presetId },
    el('h3', { id: `${name}-t`, text: 'Predict, then run' }),
    el('p', { class: 'predict-q', text: P.question }),
    el('fieldset', {}, el('legend', { class: 'sr-only', text: 'Your prediction' }), radios),
    el('div', { class: 'predict-actions' }, skip, help),
    result);

  // Under Play while the runs wait for the answer; under the charts, beside what it asks about,
  // once they train (the live picture keeps the first screen: tests/browser/layout.test.mjs).
  function place() {
    const gate = lab.awaitingPrediction;
    const home = gate ? lab.root.querySelector('.toolbar') : lab.els.charts;
    if (home && root.previousElementSibling !== home) home.after(root);
    root.dataset.gate = String(gate);
    skip.hidden = !gate;
    help.textContent = gate
      ? 'The runs are ready and wait for your answer: choosing one starts them.'
      : 'Choosing an answer restarts the runs, so you can watch them from the first epoch.';
  }

  let placed = false;
  // The runs' status (lab.root's data-status) moves the question and brings its verdict.
  const watcher = new MutationObserver(() => update());
  watcher.observe(lab.root, { attributes: true, attributeFilter: ['data-status'] });
  function update() {
    // Its lesson was replaced since (views/lesson_page.js draws each lesson anew): a stale
    // question must not move into the next lesson's toolbar when that one's status changes.
    if (placed && !root.isConnected) { watcher.disconnect(); return; }
    place();
    placed = root.isConnected;
    choice = answered() ?? choice;
    const runs = Object.fromEntries(lab.slots.map((s) => [s.label, { ...s.summary(), state: s.state }]));
    const missing = P.runs.filter((r) => !runs[r]);
    root.dataset.state = 'open';
    if (!choice) { result.replaceChildren(); return; }
    if (missing.length) {
      root.dataset.state = 'na';
      result.replaceChildren(el('p', { text: `This question compares the runs ${P.runs.join(', ')}; ${missing.join(', ')} ${missing.length > 1 ? 'were' : 'was'} edited or removed, so there is nothing to compare. Open the lesson again to get its runs back.` }));
      return;
    }
    const done = P.runs.every((r) => FINISHED.includes(runs[r].state));
    if (!done) {
      root.dataset.state = 'waiting';
      result.replaceChildren(el('p', { class: 'predict-wait', text: 'Your prediction is saved. The verdict appears when these runs finish.' }));
      return;
    }
    const out = P.outcome(runs, verdicts(lab));
    const matched = out.answer === choice;
    const said = (k) => P.choices.find(([key]) => key === k)?.[1] ?? k;
    root.dataset.state = matched ? 'matched' : 'missed';
    result.replaceChildren(
      el('p', { class: `predict-verdict ${matched ? 'ok' : 'no'}` },
        el('span', { class: 'claim-icon', 'aria-hidden': 'true', text: matched ? '✓' : '✗' }),
        el('strong', { text: matched ? ` Your prediction matched: ${said(choice)}.` : ` Not what happened: you predicted “${said(choice)}”; these runs show “${said(out.answer)}”.` })),
      el('p', { class: 'predict-why', text: out.why }),
      ...(P.expected && out.answer !== P.expected
        ? [el('p', { class: 'help', text: `Usually this experiment shows “${said(P.expected)}”. One run is one seed: “Run 5 seeds” shows the spread, and the claims page measures it over 8 seeds.` })]
        : []));
  }
  markAbbreviations(root.querySelector('.predict-q'));
  update();
  return { root, update };
}
