// The summary table under the charts: final and best numbers per run, plus the columns a lesson
// adds (zeros %, epochs to target, calibration, σ …). Redrawn at display rate.
import { el } from './charts.js';
import { runColour, cssVar, rgb } from './theme.js';
import { headerText } from './abbr.js';

// Background of a confusion-matrix cell: the surface mixed towards green (diagonal) or
// vermillion (mistakes) by the share of the row's maximum; the text colour keeps contrast.
function cellStyle(share, diagonal) {
  const base = rgb(cssVar('--surface') || '#ffffff');
  const tint = rgb(diagonal ? '#009E73' : '#D55E00');
  const s = Math.min(1, share) * (diagonal ? 0.85 : 0.75) + (share > 0 && !diagonal ? 0.12 : 0);
  const c = base.map((b, i) => Math.round(b + s * (tint[i] - b)));
  // WCAG relative luminance; black or white text, whichever contrasts more (always ≥ 4.5 : 1).
  const lin = (v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
  const L = 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  return `background:rgb(${c.join(',')});color:${(L + 0.05) / 0.05 >= 1.05 / (L + 0.05) ? '#000' : '#fff'}`;
}

const num = (v, digits = 3) => {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (v === Infinity) return 'not reached';
  return Math.abs(v) >= 1e4 ? Number(v).toExponential(1).replace('e+', 'e') : Number(v).toFixed(digits);
};
const pct = (v) => (v === null || v === undefined ? '—' : `${(100 * v).toFixed(1)} %`);
const secs = (ms) => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);

const BASE = [
  ['epochs', 'Epochs', (s) => String(s.epochs)],
  ['trainLoss', 'Train loss', (s) => num(s.trainLoss)],
  ['valLoss', 'Val loss', (s) => num(s.valLoss)],
  ['gap', 'Gap', (s) => num(s.gap)],
  ['valAcc', 'Val acc', (s) => pct(s.valAcc)],
  ['bestEpoch', 'Best epoch', (s) => (s.bestEpoch ? String(s.bestEpoch) : '—')],
  ['time', 'Time', (s) => secs(s.time)],
];
const EXTRA = {
  zeroFraction: ['Exact zeros', (s) => pct(s.zeroFraction)],
  weightNorm: ['‖W‖', (s) => num(s.weightNorm, 2)],
  epochsToTarget: ['Epochs to target', (s) => (s.epochsToTarget === null ? '—' : s.epochsToTarget === Infinity ? 'not reached' : String(s.epochsToTarget))],
  meanConfidence: ['Mean confidence', (s) => pct(s.meanConfidence)],
  ece: ['ECE', (s) => num(s.ece)],
  maxGradNormPreClip: ['Max ‖g‖', (s) => num(s.maxGradNormPreClip, 2)],
  maxSigma: ['Max σ(W)', (s) => num(s.maxSigma)],
  mcStd: ['MC std', (s) => num(s.mcStd)],
  stepLoss: ['Step loss', (s) => num(s.stepLoss)],
  stepGap: ['Inference − step', (s) => (s.stepGap === null || s.stepGap === undefined ? '—' : `${s.stepGap > 0 ? '+' : ''}${num(s.stepGap)}`)],
  overfitting: ['Overfitting', (s) => (s.overfittingSince ? `since epoch ${s.overfittingSince}` : 'no')],
};

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

export class SummaryTable {
  constructor(extraColumns = [], { regression = false } = {}) {
    // The lesson's own columns come right after the losses: on a narrow page the table scrolls
    // sideways, and the numbers the lesson talks about must be in its first view.
    const base = BASE.filter(([k]) => !(regression && k === 'valAcc'));
    const at = base.findIndex(([k]) => k === 'valLoss') + 1;
    this.columns = [...base.slice(0, at), ...extraColumns.filter((k) => EXTRA[k]).map((k) => [k, ...EXTRA[k]]), ...base.slice(at)];
    this.body = el('tbody');
    this.table = el('table', { class: 'summary' },
      el('caption', { text: 'Summary: the numbers at the last epoch of each run (best epoch = lowest validation loss)' }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Run' }), el('th', { scope: 'col', text: 'State' }),
        this.columns.map(([, title]) => el('th', { scope: 'col' }, headerText(title))))),
      this.body);
    this.root = el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Summary table' }, this.table);
    this.rows = [];
  }
  mount(parent) { parent.append(this.root); return this; }
  // rows: [{label, index, state, summary}]. Drawn at once: the lab calls this from its own
  // display-rate redraw, and the table must never lag behind the page's status.
  set(rows) { this.rows = rows; this.draw(); }
  // Rows are rebuilt only when the runs change; otherwise only the cells whose text changed are
  // touched (this runs at display rate while training).
  draw() {
    const key = this.rows.map((r) => `${r.label}|${r.index}`).join('/');
    if (key !== this.rowsKey) {
      this.rowsKey = key;
      this.body.replaceChildren(...this.rows.map((r) => el('tr', { 'data-run': r.label },
        el('th', { scope: 'row' }, el('span', { class: 'swatch', style: `background:${runColour(r.index)}` }), ` ${r.label}`),
        el('td', { class: 'state-cell' }),
        this.columns.map(([k]) => el('td', { 'data-key': k })))));
    }
    this.rows.forEach((r, i) => {
      const tr = this.body.children[i];
      if (tr.dataset.state !== r.state) tr.dataset.state = r.state;
      const cells = tr.children;
      setText(cells[1], r.stateText);
      this.columns.forEach(([, , fmt], j) => setText(cells[j + 2], r.summary ? fmt(r.summary) : '—'));
    });
  }
}

// Confusion matrix of one run on the validation set, as an accessible table with shaded cells.
// Snapshots arrive many times a second while training: given the run's table from before
// (`previous`) with the same classes, only its texts and styles change. Rebuilding it would add
// DOM and, in Chromium, a style-engine object per inserted <thead> that is never freed (issue 19).
export function confusionTable(label, index, conf, previous = null) {
  const k = conf.counts.length;
  const node = previous?.dataset.classes === String(k) ? previous : buildConfusion(k);
  const max = Math.max(1, ...conf.counts.flat());
  const total = conf.counts.flat().reduce((a, b) => a + b, 0);
  const correct = conf.counts.reduce((a, row, i) => a + row[i], 0);
  const [swatch, caption] = node.querySelector('figcaption').children;
  setStyle(swatch, `background:${runColour(index)}`);
  setText(caption, `${label} — ${correct}/${total} correct`);
  const wrap = node.querySelector('.table-wrap');
  if (wrap.getAttribute('aria-label') !== `Confusion matrix of ${label}`) wrap.setAttribute('aria-label', `Confusion matrix of ${label}`);
  const rows = node.querySelector('tbody').rows;
  conf.counts.forEach((row, t) => row.forEach((n, p) => {
    const td = rows[t].cells[p + 1];
    setText(td, n ? String(n) : '');
    const cls = t === p ? 'diag' : n ? 'off' : '';
    if (td.className !== cls) td.className = cls;
    setStyle(td, n ? cellStyle(n / max, t === p) : '');
  }));
  return node;
}

function setStyle(node, css) {
  if (node.dataset.css !== css) { node.dataset.css = css; node.style.cssText = css; }
}

function buildConfusion(k) {
  const classes = Array.from({ length: k }, (_, i) => i);
  const head = el('tr', {}, el('th', { scope: 'col', class: 'corner' }, el('span', { class: 'sr-only', text: 'true class \\ predicted class' })),
    classes.map((c) => el('th', { scope: 'col', text: String(c) })));
  const rows = classes.map((t) => el('tr', {}, el('th', { scope: 'row', text: String(t) }), classes.map(() => el('td'))));
  return el('figure', { class: 'confusion', 'data-classes': String(k) },
    el('figcaption', {}, el('span', { class: 'swatch' }), el('span')),
    el('div', { class: 'table-wrap', tabindex: '0', role: 'region' },
      el('table', { class: 'cm' }, el('thead', {}, head), el('tbody', {}, rows))),
    el('p', { class: 'fig-note', text: 'Rows: true class; columns: predicted class.' }));
}
