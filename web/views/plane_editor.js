// Drawing your own 2-D data on run A's decision-boundary canvas: the brush bar, then every run
// trains on the drawn points (an inline data set, shared by all runs).
import { el } from './charts.js';
import { getPath, setPath } from '../state/spec.js';

// ---- drawing your own 2-D data -------------------------------------------------------------
export function buildEditBar(lab, classes) {
  const bar = lab.els.editBar;
  const a = lab.slots.find((s) => s.views.plane);
  if (!classes || !a?.views.plane) { bar.replaceChildren(); return; }
  if (!lab.editing) {
    bar.replaceChildren(el('button', { type: 'button', text: 'Draw your own points…', onclick: () => startEditing(lab) }),
      el('span', { class: 'help', text: ` Edit the sample on ${a.label}'s canvas, then train every run on it.` }));
    return;
  }
  const ed = lab.editing;
  const brushes = [...Array.from({ length: Math.max(2, classes) }, (_, k) => [k, `class ${k}`]), ['erase', 'eraser']];
  bar.replaceChildren(
    el('div', { class: 'brushes', role: 'radiogroup', 'aria-label': 'Brush' }, brushes.map(([b, label]) => el('button', {
      type: 'button', role: 'radio', 'aria-checked': String(ed.brush === b), class: ed.brush === b ? 'on' : '', text: label,
      onclick: () => { ed.brush = b; a.views.plane.edit(ed); buildEditBar(lab, classes); },
    }))),
    el('span', { class: 'help', text: `${ed.points.length} points — click the canvas of ${a.label} to ${ed.brush === 'erase' ? 'erase' : 'add'}` }),
    el('button', { type: 'button', class: 'primary', text: 'Train on these points', disabled: ed.points.length < 8, onclick: () => finishEditing(lab, true) }),
    el('button', { type: 'button', text: 'Cancel', onclick: () => finishEditing(lab, false) }));
}

export function startEditing(lab) {
  const a = lab.slots.find((s) => s.views.plane), d = a.data;
  const points = [];
  for (const set of [d.train, d.val]) for (let i = 0; i < set.rows; i++) points.push({ x: set.x[2 * i], y: set.x[2 * i + 1], label: set.labels[i] });
  lab.pause();
  lab.editing = { points, brush: 0, onEdit: () => buildEditBar(lab, d.classes) };
  a.views.plane.edit(lab.editing);
  buildEditBar(lab, d.classes);
}

export function finishEditing(lab, apply) {
  const ed = lab.editing;
  lab.editing = null;
  for (const s of lab.slots) s.views.plane?.edit(null);
  if (apply && ed) {
    const data = { kind: 'inline', task: 'classification', valFraction: getPath(lab.slots[0].spec, 'data.valFraction') ?? 0.3,
      x: ed.points.map((p) => [Number(p.x.toFixed(4)), Number(p.y.toFixed(4))]), y: ed.points.map((p) => p.label) };
    for (const s of lab.slots) s.spec = setPath(s.spec, 'data', data);
    lab.reset(true);
    lab.emitState();
  }
  buildEditBar(lab, Math.max(0, ...lab.slots.map((s) => (s.data?.bounds ? s.data.classes : 0))));
}
