// "Predict, then run": the experiment's question (lesson_questions.js) above the charts. The
// student picks a choice; the runs restart so they are watched from epoch 0; once the runs the
// question compares have finished, the panel says whether the prediction matched and why, with
// this run's numbers. The choice is kept per experiment in localStorage.
import { el } from './charts.js';
import { predictionFor } from '../lesson_questions.js';
import { markAbbreviations } from './abbr.js';

const KEY = (presetId) => `reglab:prediction:${presetId}`;
const FINISHED = ['done', 'early-stopped', 'diverged', 'error'];

function stored(presetId) {
  try { return localStorage.getItem(KEY(presetId)); } catch { return null; }
}
function store(presetId, choice) {
  try { localStorage.setItem(KEY(presetId), choice); } catch { /* private mode: kept for this page only */ }
}

export function buildPrediction(lab) {
  const P = predictionFor(lab.presetId);
  if (!P) return null;
  const name = `predict-${lab.presetId}`;
  let choice = stored(lab.presetId);
  const result = el('div', { class: 'predict-result', role: 'status', 'aria-live': 'polite' });
  const radios = P.choices.map(([key, text]) => {
    const input = el('input', { type: 'radio', name, value: key });
    input.checked = key === choice;
    input.addEventListener('change', () => {
      choice = key;
      store(lab.presetId, key);
      // Watch what happens from the first epoch, after committing to an answer.
      lab.reset(true);
      update();
    });
    return el('label', { class: 'predict-choice' }, input, el('span', { text }));
  });
  const root = el('section', { class: 'predict', 'aria-labelledby': `${name}-t`, 'data-prediction': lab.presetId },
    el('h3', { id: `${name}-t`, text: 'Predict, then run' }),
    el('p', { class: 'predict-q', text: P.question }),
    el('fieldset', {}, el('legend', { class: 'sr-only', text: 'Your prediction' }), radios),
    el('p', { class: 'help', text: 'Choosing an answer restarts the runs, so you can watch them from the first epoch.' }),
    result);

  function update() {
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
    const out = P.outcome(runs);
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
