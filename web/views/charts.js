// Chart.js views as small classes: append / reset / destroy, no animation, no parsing (points are
// {x, y} already), update('none') at display rate. Each chart sits in a <figure> whose hidden
// caption summarizes it in words for screen readers; data-points counts what it holds.
import { requestDraw, cancelDraw } from './draw_loop.js';
import { chartColours, runColour, alpha } from './theme.js';
import { formatValue } from '../state/spec.js';
import { logTickValues, logTick, linearTick } from './axis_ticks.js';

// Chart.js (./chart_setup.js) is a chunk of its own, imported when the first chart is made: a page
// or a widget shows its frame and controls at once; until the chunk arrives a chart view keeps its
// data and options in a stand-in, which the real chart then takes over and draws.
let Chart = null;
let loading = null;
export function loadCharts() {
  loading ??= import('./chart_setup.js').then((m) => {
    Chart = m.Chart;
    // Every linear axis labels its ticks as Chart.js would, without building an Intl.NumberFormat.
    Chart.defaults.scales.linear.ticks.callback = linearTick;
  }, (e) => { loading = null; throw e; });
  return loading;
}
// Resolves at the page's first chart frame that shows data: what is not needed before it waits.
let firstFrameSeen;
export const firstChartFrame = new Promise((resolve) => { firstFrameSeen = resolve; });
// The Chart.js chart drawn on a canvas, if any.
export const chartOn = (canvas) => Chart?.getChart(canvas);

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

// Replaces a parent's children only when they differ (re-inserting a node drops its focus).
export function syncChildren(parent, nodes) {
  const now = [...parent.children];
  if (now.length === nodes.length && now.every((n, i) => n === nodes[i])) return;
  parent.replaceChildren(...nodes);
}

// Charts are built one per task. Building one (its scales' layout and first draw) takes 20–60 ms
// of the main thread, four times that on a phone; a lesson's five, built in the task that renders
// the lesson, made its longest task (~1.1 s at 4× CPU), which held the first paint and every tap
// behind it. Between two builds the page can paint and answer input.
//
// A page whose charts stay empty for a while can hold them (holdCharts(true)): the lab, while a
// lesson's runs wait for the student's prediction. Built, empty charts show only axes from 0 to 1,
// and a phone spent ~1 s of main thread on them before it could answer the first tap. Held charts
// are built when the hold is let go (the runs start) or an epoch chart is given data, whichever is
// first.
//
// A chart view may also say when it is wanted (view.wanted(), true by default): an embedded widget
// wants its charts once it has been on screen (widgets/base.js), so a page of many widgets (the
// lecture notes have twelve) builds the charts of the ones in view, not all of them at load.
// wakeCharts() builds those that have become wanted.
const toBuild = [];
let building = false;
let held = false;
export function holdCharts(on) {
  held = on;
  if (!on) wakeCharts();
}
export function wakeCharts() {
  if (!held && toBuild.some((b) => b.wanted())) startBuilding();
}
function buildSoon(build, failed, wanted) {
  toBuild.push({ build, failed, wanted });
  wakeCharts();
}
function startBuilding() {
  if (building) return;
  building = true;
  loadCharts().then(() => setTimeout(buildNext, 0), (e) => {
    building = false;
    for (const b of toBuild.splice(0)) b.failed(e);
  });
}
function buildNext() {
  const i = held ? -1 : toBuild.findIndex((b) => b.wanted());
  const [next] = i < 0 ? [] : toBuild.splice(i, 1);
  try {
    next?.build();
  } catch (e) {
    next.failed(e);
  } finally {
    if (!held && toBuild.some((b) => b.wanted())) setTimeout(buildNext, 0);
    else building = false;
  }
}

let figureCount = 0;

// A titled <figure> with a canvas and a screen-reader caption.
export function figure(title, { className = '', height = 240, note = '' } = {}) {
  const id = `fig${++figureCount}`;
  const canvas = el('canvas', { role: 'img', 'aria-labelledby': `${id}-t`, 'aria-describedby': `${id}-s` });
  const box = el('div', { class: 'chart-box', style: `height:${height}px` }, canvas);
  const summary = el('p', { class: 'sr-only', id: `${id}-s`, 'aria-live': 'off' });
  const noteEl = el('p', { class: 'fig-note', text: note });
  const root = el('figure', { class: `chart ${className}`, 'data-points': '0' },
    el('figcaption', { id: `${id}-t`, text: title }), box, noteEl, summary);
  return { root, canvas, summary, noteEl };
}

const logAxis = {
  callback: logTick,
  autoSkip: false,
};
function decadeTicks(scale) {
  scale.ticks = logTickValues(scale.min, scale.max).map((value) => ({ value }));
}

function baseOptions({ xTitle = 'epoch', yTitle = '', logY = false, legend = true } = {}) {
  const c = chartColours();
  return {
    animation: false,
    parsing: false,
    normalized: true,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    scales: {
      x: { type: 'linear', title: { display: !!xTitle, text: xTitle, color: c.muted }, ticks: { color: c.muted, maxTicksLimit: 8 }, grid: { color: c.grid } },
      y: { type: logY ? 'logarithmic' : 'linear', title: { display: !!yTitle, text: yTitle, color: c.muted }, ticks: { color: c.muted, maxTicksLimit: 6, ...(logY ? logAxis : {}) }, grid: { color: c.grid }, ...(logY ? { afterBuildTicks: decadeTicks } : {}) },
    },
    plugins: {
      legend: { display: legend, position: 'bottom', labels: { color: c.fg, boxWidth: 18, boxHeight: 2, usePointStyle: false, font: { size: 11 } } },
      tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${formatValue(ctx.parsed.y)}` } },
      annotation: { annotations: {} },
    },
  };
}

// Base: one Chart.js instance, redrawn through the display-rate loop.
class ChartView {
  constructor(title, options) {
    Object.assign(this, figure(title, options));
    this.title = title;
    this.chart = null;
  }
  // A stand-in holding the chart's data and options; the Chart.js chart takes them over when it is
  // built (buildSoon): after Chart.js is loaded, and one chart per task.
  create(config) {
    const stub = { pending: config, attached: true, data: config.data, options: config.options, update() {}, destroy() {} };
    this.root.classList.add('unbuilt');
    buildSoon(() => {
      if (this.chart !== stub) return; // destroyed or replaced meanwhile
      this.chart = new Chart(this.canvas, { type: config.type, data: stub.data, options: stub.options });
      this.root.classList.remove('unbuilt');
      this.invalidate();
    }, (e) => { this.noteEl.textContent = `The chart could not be loaded (${e.message}).`; }, () => this.chart !== stub || this.wanted());
    return stub;
  }
  wanted() { return true; }
  // Whether any dataset holds points (the stand-in's data as much as a built chart's).
  hasData() { return Boolean(this.chart?.data?.datasets?.some((d) => d.data?.length)); }
  mount(parent) { parent.append(this.root); return this; }
  invalidate() { requestDraw(this); }
  draw() {
    if (this.chart?.pending) {
      // Epochs trained (a Step while the runs wait) let the hold go; a run's initial weights do
      // not. A chart given data may have become wanted (an embedded widget's).
      if (held && this instanceof EpochChart && this.hasData()) holdCharts(false);
      else wakeCharts();
      return;
    }
    if (!this.chart) return;
    this.chart.update('none');
    let n = 0;
    for (const d of this.chart.data.datasets) n += d.data.filter((p) => p !== null && (typeof p !== 'object' || Number.isFinite(p.y))).length;
    this.root.dataset.points = String(n);
    // The page's first chart frame that shows data (read by tests/browser/performance.test.mjs).
    if (n > 0 && !performance.getEntriesByName('reglab:first-chart').length) performance.mark('reglab:first-chart');
    if (n > 0) firstFrameSeen();
    this.summary.textContent = this.describe();
    this.afterDraw?.();
  }
  describe() { return ''; }
  applyTheme() {
    if (!this.chart) return;
    const c = chartColours();
    for (const s of Object.values(this.chart.options.scales)) {
      s.ticks.color = c.muted; s.grid.color = c.grid; if (s.title) s.title.color = c.muted;
    }
    this.chart.options.plugins.legend.labels.color = c.fg;
    this.recolour?.();
    this.invalidate();
  }
  destroy() { cancelDraw(this); this.chart?.destroy(); this.chart = null; this.root.remove(); }
}

// Epoch curves of chosen record fields, one colour per run. metrics: [{key, label, dash}] where key
// is a record field or a function(record) → number. With shadeGap the area between the first two
// metrics (train and validation) is shaded: the generalization gap.
export class EpochChart extends ChartView {
  // robustY: a run that blows up must not flatten every other curve — the y axis stops at four
  // times the 90th percentile of all values (the spike leaves the plot, the chart says so).
  constructor(title, { metrics, yTitle, logY = false, shadeGap = false, height, note, marks = true, robustY = false, legendPerRun = true } = {}) {
    super(title, { height, note });
    this.robustY = robustY;
    this.metrics = metrics;
    this.shadeGap = shadeGap;
    this.showMarks = marks;
    this.runs = [];            // [{key, label, index}]
    this.marks = new Map();    // run key → {best, stop, changes: []}
    const options = baseOptions({ yTitle, logY });
    // One legend entry per run (its first metric, labelled with the run); the title says which
    // line style is which metric.
    if (metrics.length > 1 && legendPerRun) {
      options.plugins.legend.labels.filter = (item, data) => data.datasets[item.datasetIndex].metricIndex === 0;
      options.plugins.legend.labels.generateLabels = (chart) => Chart.defaults.plugins.legend.labels.generateLabels(chart)
        .map((l) => ({ ...l, text: chart.data.datasets[l.datasetIndex].runLabel, lineDash: [] }));
    }
    this.chart = this.create({ type: 'line', data: { datasets: [] }, options });
    this.logY = logY;
  }

  // runs: [{key, label, index}] (index picks the colour). Rebuilds the datasets, keeping data of
  // runs that stay.
  setRuns(runs) {
    const old = new Map(this.chart.data.datasets.map((d) => [d.id, d.data]));
    this.runs = runs;
    const datasets = [];
    for (const run of runs) {
      this.metrics.forEach((m, mi) => {
        const id = `${run.key}:${mi}`;
        const colour = runColour(run.index);
        const ds = {
          id, label: `${run.label} · ${m.label}`, data: old.get(id) ?? [], borderColor: colour, backgroundColor: alpha(colour, 0.12),
          borderWidth: m.width ?? 1.8, borderDash: Array.isArray(m.dash) ? m.dash : m.dash ? [6, 4] : [], pointRadius: 0, pointHoverRadius: 3, spanGaps: false,
          fill: false, runIndex: run.index, metricIndex: mi, runLabel: run.label,
        };
        if (this.shadeGap && mi === 1) ds.fill = { target: datasets.length - 1, above: alpha(colour, this.shade(runs.length)), below: alpha(colour, 0.04) };
        datasets.push(ds);
      });
      const band = this.bands?.get(run.key);
      if (band) datasets.push(...this.bandDatasets(run, band));
      if (!this.marks.has(run.key)) this.marks.set(run.key, { best: null, stop: null, changes: [] });
    }
    for (const key of [...this.marks.keys()]) if (!runs.some((r) => r.key === key)) this.marks.delete(key);
    this.chart.data.datasets = datasets;
    this.rebuildAnnotations();
    this.invalidate();
  }

  // Gap shading gets lighter as more runs overlap.
  shade(n) { return n <= 2 ? 0.13 : 0.08; }

  recolour() {
    if (this.bands?.size) this.setRuns(this.runs); // seed bands are rebuilt in the theme's colours
    for (const d of this.chart.data.datasets) {
      if (d.metricIndex < 0) continue;
      const colour = runColour(d.runIndex);
      d.borderColor = colour;
      d.backgroundColor = alpha(colour, 0.12);
      if (d.fill) d.fill = { ...d.fill, above: alpha(colour, this.shade(this.runs.length)), below: alpha(colour, 0.04) };
    }
    this.rebuildAnnotations();
  }

  datasetsOf(key) {
    return this.chart.data.datasets.filter((d) => d.id.startsWith(`${key}:`));
  }

  // A spread over seeds drawn behind a run's curves: band {lower: [{x, y}], upper: [{x, y}], label}
  // (e.g. mean ± sd of the validation loss over 5 seeds). null removes it.
  setBand(key, band) {
    this.bands ??= new Map();
    if (band) this.bands.set(key, band); else this.bands.delete(key);
    this.setRuns(this.runs);
    this.root.dataset.bands = String(this.bands.size);
  }

  bandDatasets(run, band) {
    const colour = runColour(run.index);
    const common = { borderColor: 'transparent', borderWidth: 0, pointRadius: 0, pointHoverRadius: 0, metricIndex: -1, runIndex: run.index, runLabel: run.label, spanGaps: true };
    return [
      { ...common, id: `band:${run.key}:lo`, label: `${run.label} · ${band.label} (low)`, data: band.lower, fill: false },
      { ...common, id: `band:${run.key}:hi`, label: `${run.label} · ${band.label} (high)`, data: band.upper, fill: '-1', backgroundColor: alpha(colour, 0.2) },
    ];
  }

  append(key, records) {
    const sets = this.datasetsOf(key);
    if (!sets.length) return;
    let marksChanged = false;
    for (const r of records) {
      this.metrics.forEach((m, mi) => {
        let y = typeof m.key === 'function' ? m.key(r) : r[m.key];
        if (typeof y !== 'number' || !Number.isFinite(y) || (this.logY && y <= 0)) y = NaN;
        sets[mi].data.push({ x: r.epoch, y });
      });
      if (r.best && this.marks.get(key).best !== r.epoch) { this.marks.get(key).best = r.epoch; marksChanged = true; }
    }
    // New annotation objects make the plugin rebuild its elements: only when a mark moved.
    if (marksChanged) this.rebuildAnnotations();
    this.invalidate();
  }

  // The change of settings mid-run is marked at the epoch it takes effect from.
  markChange(key, epoch, label) {
    const m = this.marks.get(key);
    if (!m) return;
    m.changes.push({ epoch, label });
    this.rebuildAnnotations();
    this.invalidate();
  }

  setStop(key, epoch, reason) {
    const m = this.marks.get(key);
    if (!m) return;
    m.stop = reason === 'early_stopping' || reason === 'diverged' ? { epoch, reason } : null;
    this.rebuildAnnotations();
    this.invalidate();
  }

  reset(key) {
    for (const d of this.datasetsOf(key)) d.data = [];
    if (this.bands?.delete(key)) { this.setRuns(this.runs); this.root.dataset.bands = String(this.bands.size); }
    this.marks.set(key, { best: null, stop: null, changes: [] });
    this.rebuildAnnotations();
    this.invalidate();
  }

  // Marks (best epoch, early stop, divergence, a mid-run change) are thin vertical lines in the
  // run's colour; their words sit in a key under the plot, never on it, so no label hides a curve.
  rebuildAnnotations() {
    const ann = {};
    const key = [];
    if (this.showMarks) {
      for (const run of this.runs) {
        const m = this.marks.get(run.key);
        if (!m) continue;
        const colour = runColour(run.index);
        const line = (epoch, dash) => ({
          type: 'line', xMin: epoch, xMax: epoch, borderColor: alpha(colour, 0.9), borderWidth: 1.5, borderDash: dash, label: { display: false },
        });
        if (m.best) { ann[`${run.key}-best`] = line(m.best, [2, 3]); key.push({ colour, dash: [2, 3], text: `${run.label}: best epoch ${m.best}` }); }
        if (m.stop) {
          ann[`${run.key}-stop`] = line(m.stop.epoch, []);
          key.push({ colour, dash: [], text: `${run.label}: ${m.stop.reason === 'diverged' ? 'diverged' : 'stopped'} at epoch ${m.stop.epoch}` });
        }
        m.changes.forEach((c, i) => {
          ann[`${run.key}-chg${i}`] = line(c.epoch, [8, 3, 2, 3]);
          key.push({ colour, dash: [8, 3, 2, 3], text: `${run.label}: ${c.label} at epoch ${c.epoch}` });
        });
      }
    }
    this.chart.options.plugins.annotation.annotations = { ...ann, ...(this.extraAnnotations ?? {}) };
    // The key's DOM is written at display rate (draw), not at every record that moves a mark.
    this.pendingKey = key;
    this.invalidate();
  }

  // Styles go through the CSSOM (a strict style-src policy on a page embedding a widget allows it).
  drawMarksKey(key) {
    const text = key.map((k) => k.text).join('|');
    if (text === this.marksText) return;
    this.marksText = text;
    if (!this.marksEl) {
      this.marksEl = el('ul', { class: 'marks-key' });
      this.marksEl.style.cssText = 'list-style:none;margin:2px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:2px 14px;font-size:0.78rem';
      this.noteEl.before(this.marksEl);
    }
    this.marksEl.hidden = !key.length;
    this.marksEl.replaceChildren(...key.map((k) => {
      const line = el('span', { 'aria-hidden': 'true' });
      line.style.cssText = `display:inline-block;width:2px;height:12px;background:${k.dash.length ? `repeating-linear-gradient(${k.colour} 0 ${k.dash[0]}px, transparent ${k.dash[0]}px ${k.dash[0] + k.dash[1]}px)` : k.colour}`;
      const li = el('li', {}, line, el('span', { text: k.text }));
      li.style.cssText = 'display:flex;align-items:center;gap:5px';
      return li;
    }));
    this.fitPlotToKey();
  }

  // The key grows as runs mark their best epoch, stop or change (six runs with early stopping: up
  // to four lines). The figure keeps the height it opened with: the plot gives the key its lines,
  // down to 70 % of its height, so nothing below the chart moves while the runs train and a chart
  // placed on the first screen stays there.
  fitPlotToKey() {
    const box = this.canvas.parentElement;
    this.plotHeight ??= parseFloat(box.style.height) || box.offsetHeight;
    const keyHeight = this.marksEl.hidden ? 0 : this.marksEl.offsetHeight + 2; // + its top margin
    const height = Math.max(Math.round(this.plotHeight * 0.7), Math.round(this.plotHeight - keyHeight));
    if (box.style.height !== `${height}px`) box.style.height = `${height}px`;
  }

  setExtraAnnotations(ann) {
    this.extraAnnotations = ann;
    this.rebuildAnnotations();
    this.invalidate();
  }

  draw() {
    if (this.pendingKey) { this.drawMarksKey(this.pendingKey); this.pendingKey = null; }
    if (this.robustY && this.chart) {
      const ys = [];
      for (const d of this.chart.data.datasets) for (const p of d.data) if (Number.isFinite(p.y)) ys.push(p.y);
      ys.sort((a, b) => a - b);
      const cap = ys.length > 20 ? 4 * Math.max(ys[Math.floor(0.9 * (ys.length - 1))], 1e-9) : Infinity;
      const clipped = ys.length && ys[ys.length - 1] > cap;
      this.chart.options.scales.y.max = clipped ? Number(cap.toPrecision(2)) : undefined;
      this.chart.options.scales.y.min = clipped ? 0 : undefined;
      const bandNote = this.bands?.size ? [...this.bands.values()][0].note ?? '' : '';
      this.noteEl.textContent = clipped ? `Axis cut at ${formatValue(cap)}: some values run off the top (up to ${formatValue(ys[ys.length - 1])}).` : [this.baseNote, bandNote].filter(Boolean).join(' ');
    }
    super.draw();
  }

  // Points per run (train metric), for the page's own checks and the browser tests.
  afterDraw() {
    const counts = {};
    for (const run of this.runs) counts[run.label] = (this.datasetsOf(run.key)[0]?.data ?? []).filter((p) => Number.isFinite(p.y)).length;
    this.root.dataset.counts = JSON.stringify(counts);
    // What the axis and the plot show, for the browser tests: log-axis labels with their heights,
    // and how many annotation labels are drawn on the plot.
    const y = this.chart.scales?.y;
    if (this.logY && y?.ticks) this.root.dataset.yTicks = JSON.stringify(y.ticks.map((t, i) => ({ label: t.label, px: Math.round(y.getPixelForTick(i)) })));
    this.root.dataset.plotLabels = String(Object.values(this.chart.options.plugins.annotation.annotations).filter((a) => a.label?.display).length);
  }

  describe() {
    const parts = [];
    for (const run of this.runs) {
      const sets = this.datasetsOf(run.key);
      const n = sets[0]?.data.length ?? 0;
      if (!n) { parts.push(`${run.label}: no epochs yet.`); continue; }
      const last = sets.map((d, mi) => `${this.metrics[mi].label} ${formatValue(d.data[n - 1].y)}`).join(', ');
      const m = this.marks.get(run.key);
      parts.push(`${run.label} after ${sets[0].data[n - 1].x} epochs: ${last}${m?.best ? `; best epoch ${m.best}` : ''}${m?.stop ? `; ${m.stop.reason.replace('_', ' ')} at ${m.stop.epoch}` : ''}.`);
    }
    return `${this.title}. ${parts.join(' ')}`;
  }
}

// Bar charts that are replaced whole at each snapshot (histograms, confidence, ladder).
export class BarChart extends ChartView {
  constructor(title, { xTitle = '', yTitle = '', logY = false, stacked = false, height, note, legend = true, category = true } = {}) {
    super(title, { height, note });
    const opts = baseOptions({ xTitle, yTitle, logY, legend });
    opts.parsing = true;
    opts.normalized = false;
    opts.interaction = { mode: 'index', intersect: false };
    opts.scales.x = { ...opts.scales.x, type: category ? 'category' : 'linear', stacked, ticks: { ...opts.scales.x.ticks, maxTicksLimit: 11, autoSkip: true, maxRotation: 0 } };
    opts.scales.y = { ...opts.scales.y, stacked, beginAtZero: !logY };
    if (logY) opts.scales.y.min = 0.8;
    this.chart = this.create({ type: 'bar', data: { labels: [], datasets: [] }, options: opts });
    this.text = '';
  }
  // labels: category labels; datasets: [{label, data: number[], colour, type?}]
  set(labels, datasets, text = '') {
    this.chart.data.labels = labels;
    this.chart.data.datasets = datasets.map((d) => ({
      label: d.label, data: d.data, backgroundColor: d.fill ?? d.colour, borderColor: d.colour, borderWidth: d.type === 'line' ? 2 : 0,
      type: d.type ?? 'bar', pointRadius: d.type === 'line' ? 2 : 0, borderDash: d.dash ?? [], categoryPercentage: 0.9, barPercentage: 0.95,
      stack: d.stack, order: d.type === 'line' ? 0 : 1, yAxisID: d.yAxisID ?? 'y',
    }));
    this.text = text;
    this.invalidate();
  }
  describe() { return `${this.title}. ${this.text}`; }
}

// x–y charts with arbitrary datasets (fitted curves, bias–variance).
export class XYChart extends ChartView {
  constructor(title, { xTitle = 'x', yTitle = 'y', logX = false, height, note, legend = true } = {}) {
    super(title, { height, note });
    const opts = baseOptions({ xTitle, yTitle, legend });
    if (logX) opts.scales.x.type = 'logarithmic';
    opts.normalized = false; // scatter points are not sorted by x
    opts.interaction = { mode: 'nearest', intersect: false };
    this.chart = this.create({ type: 'line', data: { datasets: [] }, options: opts });
    this.text = '';
  }
  set(datasets, text = '') {
    this.chart.data.datasets = datasets;
    this.text = text;
    this.invalidate();
  }
  describe() { return `${this.title}. ${this.text}`; }
}
