// "Check yourself": three questions per lesson (or per experiment) (questions/<lesson>.js, loaded
// by the lab), each answered by a choice; the page marks it right or not and explains why,
// whichever was picked.
import { el } from './charts.js';
import { checkYourselfFor } from '../questions/load.js';

export function buildCheckYourself(lab) {
  // An experiment with its own set (the CNN presets) has it; else the lesson's.
  const qs = checkYourselfFor(lab.lesson.id, lab.presetId);
  if (!qs) return null;
  const items = qs.map((q, i) => {
    const name = `check-${lab.lesson.id}-${i}`;
    const feedback = el('div', { class: 'check-feedback', role: 'status', 'aria-live': 'polite' });
    const li = el('li', { class: 'check-q', 'data-question': String(i) });
    const inputs = q.choices.map((c, k) => {
      const input = el('input', { type: 'radio', name, value: String(k) });
      input.addEventListener('change', () => {
        const right = k === q.answer;
        li.dataset.result = right ? 'right' : 'wrong';
        feedback.replaceChildren(
          el('p', { class: `predict-verdict ${right ? 'ok' : 'no'}` },
            el('span', { class: 'claim-icon', 'aria-hidden': 'true', text: right ? '✓' : '✗' }),
            el('strong', { text: right ? ' Right.' : ` Not quite — the answer is: ${q.choices[q.answer]}.` })),
          el('p', { class: 'predict-why', text: q.why }));
      });
      return el('label', { class: 'predict-choice' }, input, el('span', { text: c }));
    });
    li.append(el('fieldset', {}, el('legend', { text: `${i + 1}. ${q.q}` }), inputs), feedback);
    return li;
  });
  return el('section', { class: 'check-yourself', 'aria-labelledby': `check-${lab.lesson.id}-t` },
    el('h3', { id: `check-${lab.lesson.id}-t`, text: 'Check yourself' }),
    el('ol', { class: 'check-list' }, items));
}
