// One run's card (title, status badge, progress, error, its settings, the export menu) and the
// per-run views beside it: the weight histogram and the fitted 1-D curve. Fields come from
// describe() and the run's current values; a change goes to lab.changeField.
import { el, BarChart, XYChart, syncChildren } from './charts.js';
import { PlaneView } from './plane.js';
import { confusionTable } from './table.js';
import { drawConfidence } from './lesson_summary.js';
import { refreshGallery } from './lesson_extras.js';
import { control } from './controls.js';
import { runColour, alpha } from './theme.js';
import { getPath, isSharedField, formatValue } from '../state/spec.js';
import { overfittingSince } from '../state/summary.js';
import { errorInWords } from '../state/words.js';
import { editedLabel } from '../state/run_names.js';
// The export menu's actions: a chunk imported when one is picked.
const exporting = (name) => (lab, slot) => import('./run_exports.js').then((m) => m[name](lab, slot));
const exportSpec = exporting('exportSpec'), exportHistory = exporting('exportHistory'), exportPytorchScript = exporting('exportPytorchScript');
const exportData = exporting('exportData'), copyEmbedCode = exporting('copyEmbedCode');

export function buildCard(lab, slot) {
  const V = slot.views;
  V.letter = el('span', { class: 'letter', 'aria-hidden': 'true' });
  V.title = el('h3', { text: slot.label });
  V.badge = el('span', { class: 'badge' });
  V.progress = el('progress', { max: 1, value: 0, 'aria-label': `Progress of ${slot.label}` });
  V.progressText = el('span', { class: 'progress-text' });
  V.error = el('p', { class: 'error', role: 'alert', hidden: true });
  V.notice = el('p', { class: 'run-notice', role: 'status', hidden: true });
  V.fields = el('div', { class: 'fields' });
  V.all = el('div', { class: 'all-fields' });
  V.remove = el('button', { type: 'button', class: 'icon', 'aria-label': `Remove ${slot.label}`, title: 'Remove this run', text: '×', onclick: () => lab.removeRun(slot) });
  V.copy = el('button', { type: 'button', class: 'mini', onclick: () => lab.copyToA(slot) });
  // A run added while the others rest waits for Play: the card says so and offers it.
  V.play = el('button', { type: 'button', class: 'primary mini card-play', hidden: true, text: 'Play', 'aria-label': `Play: train ${slot.label}`, onclick: () => lab.play() });
  const details = el('details', { class: 'all-settings' }, el('summary', { text: 'All settings' }), V.all);
  const closeMenu = (e) => { if (e.target.closest('.menu-items button')) e.currentTarget.open = false; };
  details.addEventListener('toggle', () => { if (details.open && !V.all.childElementCount) buildAllFields(lab, slot); });
  const menu = el('details', { class: 'menu', onclick: closeMenu }, el('summary', { text: 'Export' }),
    el('div', { class: 'menu-items' },
      el('button', { type: 'button', text: 'Spec (JSON)', onclick: () => exportSpec(lab, slot) }),
      el('button', { type: 'button', text: 'History (CSV)', onclick: () => exportHistory(lab, slot) }),
      el('button', { type: 'button', text: 'PyTorch script', onclick: () => exportPytorchScript(lab, slot) }),
      el('button', { type: 'button', text: 'Data (CSV)', onclick: () => exportData(lab, slot) }),
      el('button', { type: 'button', text: 'Copy embed code', onclick: () => copyEmbedCode(lab, slot) })));
  // On a phone the settings start folded, so the charts are not six screens down.
  const settings = el('details', { class: 'card-settings', open: window.innerWidth > 700 },
    el('summary', { text: 'Settings' }), V.fields, details);
  V.card = el('section', { class: 'run-card', style: `--run:${runColour(slot.index)}`, 'data-run': slot.label, 'aria-label': `Run ${slot.label}` },
    el('header', {}, V.letter, V.title, V.remove),
    el('div', { class: 'run-state' }, V.badge, V.play, el('div', { class: 'progress-row' }, V.progress, V.progressText)),
    V.error, V.notice, settings,
    el('div', { class: 'card-actions' }, V.copy, menu));
  V.hist = new BarChart(`Weights of ${slot.label}`, { xTitle: 'weight value (count on a log scale)', logY: true, stacked: true, height: 170, legend: false, note: ' ', category: false });
  V.hist.root.classList.add('hist');
  V.hist.chart.options.scales.x.ticks.maxTicksLimit = 5;
  // A fixed width for the count axis, so "1000" never loses a digit when the counts jump.
  V.hist.chart.options.scales.y.afterFit = (scale) => { scale.width = Math.max(scale.width, 40); };
  buildFields(lab, slot);
}

// The lesson's fields on the card, from describe() and the run's current values. Rebuilt only
// when a shown value changed, keeping keyboard focus on the control the person was using.
export function buildFields(lab, slot) {
  const spec = slot.canonical ?? slot.spec;
  const V = slot.views;
  const key = JSON.stringify(lab.controls.map((p) => [getPath(spec, p), getPath(spec, p.split('.').slice(0, -1).join('.'))]));
  if (key === V.fieldsKey) return;
  V.fieldsKey = key;
  const active = document.activeElement;
  const inCard = active && V.card?.contains(active) ? [active.closest('.field')?.dataset.path, active.type] : null;
  V.fields.replaceChildren(...lab.controls.map((path) => fieldControl(lab, slot, spec, path)).filter(Boolean));
  if (V.all.childElementCount) buildAllFields(lab, slot);
  if (inCard?.[0]) V.card.querySelector(`.field[data-path="${inCard[0]}"] input[type="${inCard[1]}"], .field[data-path="${inCard[0]}"] select`)?.focus();
}

export function fieldControl(lab, slot, spec, path) {
  const f = lab.fields.byPath.get(path);
  if (!f || isSharedField(path)) return null;
  // Sub-fields of a switched-off option (early stopping, mixup, …) show their default, disabled.
  const parent = path.split('.').slice(0, -1).join('.');
  const off = lab.fields.byPath.get(parent)?.type === 'toggle' && !getPath(spec, parent);
  let value = f.type === 'toggle' ? !!getPath(spec, path) : getPath(spec, path);
  if (value === undefined) value = f.default;
  const onChange = (p, v) => lab.changeField(slot, p, f.type === 'toggle' ? (v ? getPath(slot.spec, p) || {} : false) : v);
  const node = control(f.type === 'toggle' ? { ...f, type: 'boolean' } : f, value, onChange);
  if (off) {
    node.classList.add('disabled');
    for (const i of node.querySelectorAll('input,select')) i.disabled = true;
  }
  return node;
}

export function buildAllFields(lab, slot) {
  const spec = slot.canonical ?? slot.spec;
  const groups = [];
  for (const [group, fields] of lab.fields.groups) {
    const nodes = fields
      .filter((f) => !isSharedField(f.path) && !['string'].includes(f.type) && f.path !== 'version' && !lab.controls.includes(f.path))
      .map((f) => fieldControl(lab, slot, spec, f.path)).filter(Boolean);
    if (nodes.length) groups.push(el('fieldset', {}, el('legend', { text: group }), nodes));
  }
  slot.views.all.replaceChildren(...groups);
}

export function drawCard(lab, slot) {
  const V = slot.views;
  if (!V.card) return;
  if (V.card.dataset.state !== slot.state) V.card.dataset.state = slot.state;
  let badge = slot.state === 'error' ? 'error' : slot.stateText();
  const waiting = !lab.playing && !slot.finished && slot.epoch === 0 && ['ready', 'paused'].includes(slot.state);
  if (waiting) badge = 'ready · press Play to train';
  if (V.play.hidden !== !waiting) V.play.hidden = !waiting;
  const of = overfittingSince(slot.records);
  V.card.classList.toggle('overfitting', !!of);
  if (of && lab.lesson.columns.includes('overfitting') && !slot.finished) badge += ` · overfitting since epoch ${of}`;
  if (V.badge.textContent !== badge) V.badge.textContent = badge;
  if (V.badge.className !== `badge is-${slot.state}`) V.badge.className = `badge is-${slot.state}`;
  const total = slot.epochs;
  if (V.progress.max !== total) V.progress.max = total;
  if (V.progress.value !== Math.min(total, slot.epoch)) V.progress.value = Math.min(total, slot.epoch);
  const progress = `${slot.epoch} / ${total}`;
  if (V.progressText.textContent !== progress) V.progressText.textContent = progress;
  if (slot.error) {
    V.error.hidden = false;
    // In words, naming the field as the card does; the spec path stays in the tooltip.
    const text = errorInWords(slot.error, (p) => lab.fields?.byPath.get(p));
    if (V.error.textContent !== text) V.error.textContent = text;
    V.error.title = slot.error.path ? `${slot.error.path}: ${slot.error.message}` : '';
  } else if (slot.state === 'diverged') {
    V.error.hidden = false;
    if (V.error.textContent !== slot.divergeReason()) V.error.textContent = slot.divergeReason();
  } else V.error.hidden = true;
  if (V.notice.hidden !== !slot.notice) V.notice.hidden = !slot.notice;
  if (slot.notice && V.notice.textContent !== slot.notice) V.notice.textContent = slot.notice;
}

// ---- drawing of per-run views ------------------------------------------------------------
// Every weight histogram of the lesson shares one x-axis, ±(the largest |w| of any run), so a run
// whose weights L2 shrank shows a narrower histogram than its neighbours instead of a rescaled one.
export function drawHistogram(lab, slot, h) {
  slot.histogram = h;
  const largest = Math.max(...lab.slots.map((s) => s.histogram?.max ?? 0));
  // Rounded up to a half step of its leading digit (4.86 → 5), so the axis gets round ticks.
  const p = 10 ** Math.floor(Math.log10(largest || 1));
  const range = Number((Math.ceil((2 * largest) / p) * p / 2).toPrecision(3));
  if (range !== lab.histogramRange) {
    lab.histogramRange = range;
    for (const s of lab.slots) if (s !== slot && s.histogram && s.views.hist) drawHistogramOn(s, s.histogram, range);
  }
  drawHistogramOn(slot, h, range);
}

function drawHistogramOn(slot, h, range) {
  const V = slot.views;
  const bins = h.counts.length, width = (h.max - h.min) / bins;
  const centre = (i) => Number((h.min + (i + 0.5) * width).toPrecision(3));
  const zeroBin = Math.min(bins - 1, Math.floor(((0 - h.min) / (h.max - h.min)) * bins));
  const colour = runColour(slot.index);
  const pct = h.total ? (100 * h.zeros) / h.total : 0;
  const x = V.hist.chart.options.scales.x;
  x.min = -range;
  x.max = range;
  x.offset = false;
  x.ticks.callback = (v) => formatValue(v);
  V.hist.set([], [
    { label: 'weights', data: h.counts.map((y, i) => ({ x: centre(i), y })), colour: alpha(colour, 0.75), stack: 's' },
    { label: 'exactly 0', data: [{ x: centre(zeroBin), y: h.zeros }], colour: '#222222', fill: 'rgba(40,40,40,0.85)', stack: 's' },
  ], `${h.total} weights; ${pct.toFixed(1)} % exactly zero; range ±${formatValue(h.max)} (axis ±${formatValue(range)}, shared by every run).`);
  V.hist.noteEl.textContent = `${pct.toFixed(1)} % exact zeros · |w| ≤ ${formatValue(h.max)}`;
  V.hist.root.dataset.zeros = pct.toFixed(2);
  V.hist.root.dataset.range = String(h.max);
  V.hist.root.dataset.axis = `${-range},${range}`;
}

export function drawCurve(lab, slot, c) {
  const V = slot.views;
  const colour = runColour(slot.index);
  const d = slot.data;
  const pts = (set) => (set ? set.x.map((x, i) => ({ x, y: set.y[i] })) : []);
  const line = (ys) => Array.from(c.x, (x, i) => ({ x, y: ys[i] }));
  const datasets = [
    { label: 'train', type: 'scatter', data: pts(d.train), colour, pointRadius: 2.5 },
    { label: 'validation', type: 'scatter', data: pts(d.val), colour: '#888888' },
  ];
  const sets = [];
  if (c.mc) {
    sets.push({ label: 'MC mean − 2 std', type: 'line', data: line(c.mc.mean.map((m, i) => m - 2 * c.mc.std[i])), borderColor: 'transparent', pointRadius: 0, fill: false });
    sets.push({ label: 'MC mean + 2 std', type: 'line', data: line(c.mc.mean.map((m, i) => m + 2 * c.mc.std[i])), borderColor: 'transparent', backgroundColor: alpha(colour, 0.18), pointRadius: 0, fill: '-1' });
    c.trainPasses.forEach((p, i) => sets.push({ label: `training-mode pass ${i + 1}`, type: 'line', data: line(p), borderColor: alpha(colour, 0.45), borderWidth: 1, pointRadius: 0 }));
    slot.extras.mcStd = c.mc.std.reduce((a, b) => a + b, 0) / c.mc.std.length;
  }
  sets.push({ label: 'evaluation mode', type: 'line', data: line(c.evalY), borderColor: colour, borderWidth: 2.2, pointRadius: 0 });
  const chart = V.curve.chart;
  chart.data.labels = [];
  chart.data.datasets = [
    ...datasets.map((s) => ({ label: s.label, data: s.data, showLine: false, backgroundColor: s.label === 'train' ? colour : 'transparent', borderColor: s.colour, pointRadius: s.pointRadius ?? 2.5, borderWidth: 1.2 })),
    ...sets,
  ];
  V.curve.text = `${slot.label}: fitted curve over ${d.train.rows} training points${c.mc ? `, MC-dropout band mean std ${formatValue(slot.extras.mcStd)}` : ''}.`;
  V.curve.invalidate();
}

// The run's own view of its data, once its worker has it: the decision-boundary canvas for 2-D
// classes, the fitted curve for 1-D regression.
export function buildDataViews(slot, data) {
  const V = slot.views;
  if (data.bounds && !V.plane) {
    V.plane = new PlaneView(slot.label, slot.index);
  }
  if (V.plane) V.plane.setData(data);
  if (data.range && !V.curve) {
    V.curve = new XYChart(`${slot.label}: prediction`, {
      xTitle: 'x', yTitle: 'y', height: 220, legend: false,
      note: 'Dots: training points; rings: validation points; thick line: evaluation-mode prediction. With dropout: thin lines are single training-mode passes, the band is the MC-dropout mean ± 2 std (30 passes).',
    });
    V.curve.root.classList.add('curve');
  }
}

// A snapshot of the run's probes (boundary, curve, weights, confidence, confusion) into its views.
export function drawSnapshot(lab, slot, msg) {
  const V = slot.views;
  if (msg.boundary && V.plane) V.plane.setBoundary({ ...msg.boundary, epoch: msg.epoch });
  if (msg.curve && V.curve) drawCurve(lab, slot, msg.curve);
  // Histograms relabel their axis on every update: at most ~2 per second per run while training.
  if (msg.histogram && (msg.done || !(performance.now() - (slot.histAt ?? 0) < 450))) {
    slot.histAt = performance.now();
    drawHistogram(lab, slot, msg.histogram);
  }
  if (msg.confidence) {
    slot.confidence = msg.confidence;
    slot.extras.meanConfidence = msg.confidence.meanConfidence;
    slot.extras.ece = msg.confidence.ece;
    drawConfidence(lab);
  }
  if (msg.confusion) {
    const node = confusionTable(slot.label, slot.index, msg.confusion, V.confusion);
    if (V.confusion && V.confusion !== node) V.confusion.replaceWith(node);
    V.confusion = node;
    syncChildren(lab.els.confusions, lab.slots.map((s) => s.views.confusion).filter(Boolean));
    lab.root.querySelector('.confusions-wrap').hidden = false;
  }
  if (lab.viewSet.has('gallery') && msg.epoch > 0) refreshGallery(lab, msg.done);
}

// After a change of its settings, a run is named for what changed since it started
// (state/run_names.js): its card, its charts' legends and the URL follow.
export function renameEdited(lab, slot) {
  const next = editedLabel(slot.origin, slot.spec, (p) => lab.fields?.byPath.get(p));
  if (next === null || !lab.session.rename(slot, next)) return;
  const V = slot.views;
  V.title.textContent = slot.label;
  V.card.dataset.run = slot.label;
  V.card.setAttribute('aria-label', `Run ${slot.label}`);
  V.remove.setAttribute('aria-label', `Remove ${slot.label}`);
  V.progress.setAttribute('aria-label', `Progress of ${slot.label}`);
  V.play.setAttribute('aria-label', `Play: train ${slot.label}`);
  const cap = V.hist?.root.querySelector('figcaption');
  if (cap) cap.textContent = `Weights of ${slot.label}`;
  lab.layoutRuns();
}
