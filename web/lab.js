// The lab: one lesson at a time, its runs side by side. This module is the glue between the
// workers (engine/run_client.js) and the views (views/*): it owns the runs' specs and records,
// turns worker messages into view updates and control changes into worker commands. It never
// trains (the workers do) and never reads or writes the URL (app.js does, through onState).
import katex from 'katex';
import { RunWorker, TaskWorker, compiledEngine } from './engine/run_client.js';
import { EpochChart, BarChart, XYChart, el } from './views/charts.js';
import { PlaneView, planeLegend } from './views/plane.js';
import { control, fieldLabel } from './views/controls.js';
import { SummaryTable, confusionTable } from './views/table.js';
import { imageGrid } from './views/gallery.js';
import { runColour, alpha } from './views/theme.js';
import { requestDraw, isDirty } from './views/draw_loop.js';
import {
  clone, getPath, setPath, partialSpec, isSharedField, UPDATABLE_FIELDS, indexFields, formatValue,
} from './state/spec.js';
import { summarize, overfittingSince, checkClaim, METRIC_LABELS } from './state/summary.js';
import { exportPytorch, dataCsv } from './state/export_pytorch.js';
import { historyCsv, slug } from './state/export.js';
import { encodeSpec } from './state/url.js';
import { download, downloadCanvas } from './views/download.js';
import { lessonById, DROPOUT_GUIDE, RECIPES, TEXT_EXAMPLES, TEXT_OPS } from './lessons.js';

export const SPEEDS = [
  ['slow', 'Slow (10 epochs/s)', 10],
  ['normal', 'Normal (40 epochs/s)', 40],
  ['fast', 'Fast (150 epochs/s)', 150],
  ['max', 'As fast as possible', 0],
];
const LETTERS = 'ABCDEF';
const SPARE_WORKERS = 4;            // idle run workers kept with their engine loaded
const MAX_RESTARTS = 2;            // a run whose worker dies more often than this stops with an error
import { DATA_PANEL_PATHS as DATA_FIELDS } from './state/fields.gen.js';

// Render TeX inside $…$ in a paragraph of lesson text (trusted, from lessons.js).
function withMath(html) {
  return html.replace(/\$([^$]+)\$/g, (_, tex) => katex.renderToString(tex, { throwOnError: false }));
}

// ---------------------------------------------------------------------------------------------
// One run slot: a worker, the run's sparse spec (what the URL holds), its canonical spec and its
// records.
class RunSlot {
  constructor(lab, { label, spec }, index) {
    this.lab = lab;
    this.label = label;
    this.spec = clone(spec);
    this.index = index;            // colour index, stable while the slot lives
    this.key = `r${index}-${Math.random().toString(36).slice(2, 7)}`;
    this.canonical = null;
    this.clearRunState();
    this.data = null;
    this.views = {};
    this.worker = lab.takeWorker({
      ready: (m) => lab.onReady(this, m),
      records: (m) => lab.onRecords(this, m),
      snapshot: (m) => lab.onSnapshot(this, m),
      updated: (m) => lab.onUpdated(this, m),
      error: (m) => lab.onError(this, m),
      crashed: (m) => lab.onCrashed(this, m),
    });
    this.restarts = 0;             // worker restarts since the run last started on its own
    this.notice = null;            // says so on the card when the worker was restarted
  }

  // What a run has produced so far; empty while its worker loads the engine and the data.
  clearRunState() {
    this.finalSnapshot = false;
    this.records = [];
    this.state = 'loading';
    this.error = null;
    this.stopReason = null;
    this.bestEpoch = 0;
    this.extras = {};
  }

  // restarted: the page starts the run again because its worker died (keeps the notice).
  start(restarted = false) {
    if (!restarted) { this.restarts = 0; this.notice = null; }
    this.clearRunState();
    this.worker.start(this.spec, this.lab.probes(), this.label);
  }

  get epochs() { return this.canonical?.training?.epochs ?? this.spec.training?.epochs ?? 300; }
  get epoch() { return this.records.length ? this.records[this.records.length - 1].epoch : 0; }
  get finished() { return ['done', 'early-stopped', 'diverged', 'error'].includes(this.state); }

  summary() {
    const s = summarize(this.records, { stopReason: this.stopReason, extras: this.extras, targetLoss: this.lab.preset?.targetLoss ?? null });
    s.overfittingSince = overfittingSince(this.records);
    return s;
  }

  stateText() {
    const e = this.epoch;
    switch (this.state) {
      case 'loading': return 'loading…';
      case 'ready': return 'ready';
      case 'running': return `running · epoch ${e}`;
      case 'paused': return `paused at epoch ${e}`;
      case 'done': return `done · ${e} epochs`;
      case 'early-stopped': return `early-stopped at epoch ${e}${this.bestEpoch ? ` · best epoch ${this.bestEpoch}${this.canonical?.training?.earlyStopping?.restoreBest ? ' restored' : ''}` : ''}`;
      case 'diverged': return `diverged at epoch ${e}`;
      case 'error': return 'error';
      default: return this.state;
    }
  }

  divergeReason() {
    const bad = this.records.find((r) => r.diverged || !Number.isFinite(r.trainLoss));
    const lr = this.canonical?.optimizer?.lr;
    return `The loss became too large to represent${bad ? ` at epoch ${bad.epoch}` : ''}, so training stopped.${lr ? ` A learning rate of ${formatValue(lr)} is too large here: lower it or clip the gradients.` : ''}`;
  }
}

// ---------------------------------------------------------------------------------------------
export class Lab {
  // root: element to render into; workerUrl: URL of engine/worker.js; presetUrl(id): URL of a
  // preset JSON; onState(state, {push}): called when the runs' specs change (app.js writes the URL).
  // describeUrl: the engine's describe() as JSON, written at build time (web/build.mjs).
  constructor(root, { workerUrl, presetUrl, describeUrl, onState, onEngineInfo }) {
    this.root = root;
    this.workerUrl = workerUrl;
    this.describeUrl = describeUrl;
    this.wasmUrl = new URL('./reglab.wasm', workerUrl).href;
    compiledEngine(this.wasmUrl); // start compiling now, while the page renders
    // Run workers are started before the lesson is rendered and kept between lessons, so a run
    // finds its engine loaded (a lesson has 2–4 runs; a spare pool of SPARE_WORKERS).
    this.spareWorkers = [];
    for (let i = 0; i < 2; i++) this.spareWorkers.push(this.newWorker());
    this.presetUrl = presetUrl;
    this.onState = onState;
    this.onEngineInfo = onEngineInfo;
    this.tasks = new TaskWorker(workerUrl, { wasmUrl: this.wasmUrl });
    this.presets = new Map();
    this.slots = [];
    this.playing = false;
    this.speed = 'fast';
    this.sequential = false;
    this.description = null;
    this.fields = null;
    this.lesson = null;
    this.preset = null;
    this.presetId = null;
    this.views = {};
    this.generation = 0;
  }

  // The spec's fields and limits (what the edit bar offers). They are fixed for a build, so the
  // build writes them next to the engine and the page does not wait for a worker to load it.
  async init() {
    let info = null;
    if (this.describeUrl) {
      try {
        const res = await fetch(this.describeUrl);
        if (res.ok) info = await res.json();
      } catch { /* fall back to asking the engine */ }
    }
    info ??= await this.tasks.run('describe', {});
    this.description = info.description;
    this.fields = indexFields(info.description);
  }

  async loadPreset(id) {
    if (!this.presets.has(id)) {
      const res = await fetch(this.presetUrl(id));
      if (!res.ok) throw new Error(`preset ${id} could not be loaded (HTTP ${res.status})`);
      this.presets.set(id, await res.json());
    }
    return this.presets.get(id);
  }

  // The state the URL carries: runs is null while they are exactly the preset's.
  state() {
    const runs = this.slots.map((s) => ({ label: s.label, spec: s.spec }));
    const same = this.preset && JSON.stringify(runs) === JSON.stringify(this.preset.runs.map((r) => ({ label: r.label, spec: r.spec })));
    return { lesson: this.lesson?.id, preset: this.presetId, runs: same ? null : runs };
  }

  sameAs({ lesson, preset, runs }) {
    const cur = this.state();
    return cur.lesson === lesson && cur.preset === (preset || lesson) && JSON.stringify(cur.runs) === JSON.stringify(runs);
  }

  emitState(push = true) {
    this.onState?.(this.state(), { push });
  }

  // ---- opening a lesson -----------------------------------------------------------------------
  async open({ lesson: lessonId, preset: presetId, runs }) {
    const gen = ++this.generation;
    const lesson = lessonById(lessonId) ?? lessonById('6.1');
    const pid = lesson.presets.some((p) => p.id === presetId) ? presetId : lesson.presets[0].id;
    let preset;
    try {
      preset = await this.loadPreset(pid);
    } catch (e) {
      this.showFatal(e.message);
      return;
    }
    if (gen !== this.generation) return;
    this.teardown();
    this.lesson = lesson;
    this.presetId = pid;
    this.preset = preset;
    this.viewSet = new Set(preset.views ?? lesson.views);
    this.render();
    const list = runs ?? preset.runs;
    list.forEach((r, i) => this.addSlot(r, i, false));
    this.layoutRuns();
    this.playing = true;
    this.updateToolbar();
    this.slots.forEach((s) => s.start());
    this.refreshAll();
  }

  newWorker() {
    return new RunWorker(this.workerUrl, {}, { supervise: true, name: 'reglab-run', wasmUrl: this.wasmUrl });
  }

  takeWorker(handlers) {
    const w = this.spareWorkers.pop() ?? this.newWorker();
    w.handlers = handlers;
    return w;
  }

  // A worker whose run is gone: idle in the spare pool (its engine stays loaded), or ended.
  releaseWorker(w) {
    if (this.spareWorkers.length >= SPARE_WORKERS) return w.terminate();
    w.send({ type: 'dispose' });
    w.id = 0;
    w.handlers = {};
    this.spareWorkers.push(w);
  }

  teardown() {
    for (const s of this.slots) {
      this.releaseWorker(s.worker);
      for (const v of Object.values(s.views)) v?.destroy?.();
    }
    this.slots = [];
    for (const v of Object.values(this.views)) v?.destroy?.();
    this.views = {};
    this.biasVarianceDone = false;
    this.editing = null;
    this.claimsKey = null;
    this.ladderKey = null;
  }

  showFatal(message) {
    this.root.replaceChildren(el('div', { class: 'fatal', role: 'alert' }, el('h1', { text: 'Something went wrong' }), el('p', { text: message })));
  }

  // Which measurements the workers take on each snapshot.
  probes() {
    return {
      boundary: 64,
      curve: { points: 120, passes: 3, mcSamples: 30 },
      histogram: true,
      confidence: this.viewSet?.has('confidence') ?? false,
      // Confusion matrices for every multi-class data set (digits, wine, spirals …); two-class
      // planes show their mistakes on the decision boundary instead.
      confusion: this.viewSet?.has('confusion') || this.slotsSpecs().some((s) => ['digits', 'wine', 'breast_cancer', 'spiral', 'gaussians', 'csv', 'sentiment'].includes(s.data?.kind)),
    };
  }

  maxRuns() {
    return Math.max(this.lesson?.maxRuns ?? 4, this.preset?.runs.length ?? 0, 4);
  }

  // ---- rendering ------------------------------------------------------------------------------
  render() {
    const L = this.lesson, P = this.preset;
    const presetTabs = L.presets.length > 1
      ? el('div', { class: 'preset-tabs', role: 'group', 'aria-label': 'Experiments of this lesson' },
        L.presets.map((p) => el('a', { href: `#/${L.id}${p.id === L.id ? '' : `?p=${p.id}`}`, class: 'tab', 'aria-current': p.id === this.presetId ? 'true' : undefined, text: p.name })))
      : null;
    this.els = {};
    const E = this.els;
    E.play = el('button', { type: 'button', id: 'play', class: 'primary', onclick: () => (this.playing ? this.pause() : this.play()) });
    E.step = el('button', { type: 'button', onclick: () => this.step(), title: 'Train one more epoch in every run', text: 'Step' });
    E.reset = el('button', { type: 'button', onclick: () => this.reset(), title: 'Restart every run from its initial weights', text: 'Reset' });
    E.speed = el('select', { id: 'speed', onchange: (e) => this.setSpeed(e.target.value) },
      SPEEDS.map(([id, label]) => el('option', { value: id, text: label, selected: id === this.speed })));
    E.add = el('button', { type: 'button', onclick: () => this.addRun(), text: '+ Add run' });
    E.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    E.sequential = this.viewSet.has('ladder')
      ? el('label', { class: 'inline-check' }, el('input', { type: 'checkbox', onchange: (e) => { this.sequential = e.target.checked; this.schedule(); } }), ' one rung at a time')
      : null;
    E.runs = el('div', { class: 'runs' });
    E.charts = el('div', { class: 'chart-grid' });
    E.planes = el('div', { class: 'plane-grid' });
    E.planeLegend = el('div', { class: 'plane-legend' });
    E.hists = el('div', { class: 'small-grid' });
    E.confusions = el('div', { class: 'small-grid' });
    E.claims = el('ul', { class: 'claims' });
    E.table = el('div', { class: 'table-slot' });
    E.extras = el('div', { class: 'extras' });
    E.data = el('div', { class: 'data-fields' });
    E.dataError = el('p', { class: 'error', role: 'alert', hidden: true });

    // The training CSV, then optionally a validation and a test file with the same columns.
    const csvInputs = ['csv', 'valCsv', 'testCsv'].map((field) => el('input', { type: 'file', accept: '.csv,text/csv', id: { csv: 'csv-upload', valCsv: 'csv-upload-val', testCsv: 'csv-upload-test' }[field], class: 'visually-hidden-file', onchange: (e) => this.uploadCsv(e.target.files[0], e.target, field) }));
    E.csvSplit = el('span', { class: 'csv-split', hidden: true },
      el('label', { class: 'button', for: 'csv-upload-val' }, 'Validation CSV…'), csvInputs[1],
      el('label', { class: 'button', for: 'csv-upload-test' }, 'Test CSV…'), csvInputs[2]);

    this.root.replaceChildren(el('article', { class: 'lesson', 'data-lesson': L.id },
      el('header', { class: 'lesson-head' },
        el('p', { class: 'eyebrow', text: `Lesson ${L.id}` }),
        el('h1', { text: L.title })),
      el('div', { class: `intro${L.formulas.length ? '' : ' text-only'}` },
        el('div', { class: 'prose' }, L.text.map((t) => { const p = el('p'); p.innerHTML = withMath(t); return p; })),
        L.formulas.length ? el('div', { class: 'formulas', role: 'group', 'aria-label': 'Formulas', tabindex: '0' }, L.formulas.map((f) => {
          const d = el('div', { class: 'formula' });
          d.innerHTML = katex.renderToString(f, { displayMode: true, throwOnError: false });
          return d;
        })) : null),
      el('section', { class: 'experiment', 'aria-labelledby': 'exp-title' },
        el('div', { class: 'exp-head' },
          el('h2', { id: 'exp-title', text: P.title }),
          presetTabs,
          el('p', { class: 'exp-desc', text: P.description ?? '' })),
        el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Training' },
          E.play, E.step, E.reset,
          el('label', { class: 'speed', for: 'speed' }, 'Speed ', E.speed),
          E.add, E.sequential, E.status),
        E.runs,
        el('details', { class: 'data-panel' },
          el('summary', { text: 'Data and seed (shared by all runs)' }),
          el('p', { class: 'help', text: 'Every run of the lesson sees the same data and starts from the same initial weights; only its own settings differ.' }),
          E.data,
          el('div', { class: 'data-actions' },
            el('button', { type: 'button', onclick: () => this.redrawSample(), text: 'Redraw the sample' }),
            el('label', { class: 'button', for: 'csv-upload' }, 'Upload CSV…'), csvInputs[0], E.csvSplit,
            el('span', { class: 'help', text: 'Numeric columns; the last one (or a column named “label”) is the label. Then, optionally, a validation and a test file with the same columns: every row of the first file trains.' })),
          E.dataError),
        el('h3', { class: 'section-title', text: 'Curves' }),
        E.charts,
        el('div', { class: 'planes-wrap' }, el('h3', { class: 'section-title', text: 'Decision boundaries' }), E.planeLegend, E.editBar = el('div', { class: 'edit-bar' }), E.planes),
        el('h3', { class: 'section-title', text: 'Weights' }),
        E.hists,
        el('div', { class: 'confusions-wrap' }, el('h3', { class: 'section-title', text: 'Confusion matrices (validation set)' }), E.confusions),
        el('h3', { class: 'section-title', text: 'Summary' }),
        E.table,
        el('section', { class: 'claims-box', 'aria-labelledby': 'claims-title' },
          el('h3', { id: 'claims-title', text: 'What to look for' }), E.claims)),
      E.extras));
    this.root.querySelector('.planes-wrap').hidden = true;
    this.root.querySelector('.confusions-wrap').hidden = true;
    this.buildCharts();
    this.buildDataFields();
    this.buildExtras();
  }

  buildCharts() {
    const V = this.views;
    V.loss = new EpochChart('Loss (train solid, validation dashed; shading = generalization gap)', {
      metrics: [{ key: 'trainLoss', label: 'train' }, { key: 'valLoss', label: 'val', dash: true }], shadeGap: true, yTitle: 'loss', height: 280, robustY: true,
    }).mount(this.els.charts);
    V.acc = new EpochChart('Accuracy', {
      metrics: [{ key: 'trainAcc', label: 'train' }, { key: 'valAcc', label: 'val', dash: true }], yTitle: 'accuracy', height: 280,
    }).mount(this.els.charts);
    if (this.viewSet.has('gradNorm')) {
      V.grad = new EpochChart('Gradient norm per epoch (before clipping solid, after dashed; log scale)', {
        metrics: [{ key: 'gradNormPreClip', label: '‖g‖ before' }, { key: 'gradNorm', label: '‖g‖ after', dash: true }], yTitle: '‖g‖', logY: true, height: 280, marks: false,
      }).mount(this.els.charts);
    }
    if (this.viewSet.has('sigma')) {
      const layers = Math.max(...this.slotsSpecs().map((s) => (s.model?.hidden ?? [64, 64]).length + 1));
      const dashes = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
      V.sigma = new EpochChart('Largest singular value σ(W) per layer', {
        metrics: Array.from({ length: Math.min(4, layers) }, (_, i) => ({ key: (r) => r.sigma?.[i], label: `σ layer ${i + 1}`, dash: dashes[i] })),
        yTitle: 'σ(W)', height: 280, marks: false, legendPerRun: false,
      }).mount(this.els.charts);
    }
    if (this.viewSet.has('confidence')) {
      V.confidence = new BarChart('Confidence on the validation set (share of predictions per max-probability bin)', {
        xTitle: 'max predicted probability', yTitle: 'share', height: 240,
      }).mount(this.els.charts);
    }
    if (this.viewSet.has('ladder')) {
      V.ladder = new BarChart('Validation accuracy per rung', { yTitle: 'validation accuracy', height: 260, legend: false }).mount(this.els.charts);
      V.ladder.root.classList.add('wide');
    }
    V.sigma?.setExtraAnnotations({
      one: { type: 'line', yMin: 1, yMax: 1, borderColor: 'rgba(120,120,120,0.9)', borderWidth: 1.2, borderDash: [4, 4],
        label: { display: true, content: 'σ = 1', position: 'start', color: '#fff', backgroundColor: 'rgba(90,90,90,0.9)', font: { size: 10 }, padding: 3 } },
    });
    if (this.preset.targetLoss) {
      V.loss.setExtraAnnotations({
        target: {
          type: 'line', yMin: this.preset.targetLoss, yMax: this.preset.targetLoss, borderColor: 'rgba(120,120,120,0.9)', borderWidth: 1.2, borderDash: [4, 4],
          label: { display: true, content: `target loss ${this.preset.targetLoss}`, position: 'end', color: '#fff', backgroundColor: 'rgba(90,90,90,0.9)', font: { size: 10 }, padding: 3 },
        },
      });
    }
    for (const [name, v] of Object.entries(V)) {
      if (!v?.root) continue;
      v.root.dataset.chart = name;
      this.addPngButton(v);
    }
  }

  slotsSpecs() {
    return this.slots.length ? this.slots.map((s) => s.spec) : this.preset.runs.map((r) => r.spec);
  }

  addPngButton(view) {
    const cap = view.root.querySelector('figcaption');
    const btn = el('button', { type: 'button', class: 'mini', title: 'Download this chart as PNG', 'aria-label': `Download “${cap.textContent}” as PNG`, text: 'PNG' });
    btn.addEventListener('click', () => downloadCanvas(view.canvas, `reglab-${this.lesson.id}-${view.root.dataset.chart ?? slug(cap.textContent)}.png`));
    cap.append(' ', btn);
  }

  buildDataFields() {
    const spec = this.slots[0]?.canonical ?? this.slotsSpecs()[0];
    const nodes = [];
    for (const path of DATA_FIELDS) {
      const f = this.fields.byPath.get(path);
      if (!f) continue;
      const kind = getPath(spec, 'data.kind') ?? 'moons';
      if (path === 'data.classes' && !['spiral', 'gaussians'].includes(kind)) continue;
      if ((path === 'data.n' || path === 'data.noise') && ['digits', 'wine', 'breast_cancer', 'sentiment', 'csv', 'inline'].includes(kind)) continue;
      let value = getPath(spec, path);
      if (value === undefined) value = f.default;
      const choices = path === 'data.kind' ? f.choices.filter((c) => (c !== 'inline' || kind === 'inline') && (c !== 'csv' || kind === 'csv')) : undefined;
      nodes.push(control(choices ? { ...f, choices } : f, value, (p, v) => this.changeShared(p, v), { compact: true }));
    }
    this.els.data.replaceChildren(...nodes);
    this.els.csvSplit.hidden = getPath(spec, 'data.kind') !== 'csv';
  }

  buildExtras() {
    const X = this.els.extras;
    const vs = this.viewSet;
    const parts = [];
    if (vs.has('biasVariance') && this.preset.biasVariance) {
      const chart = new BarChart('Bias–variance decomposition vs model capacity (1-D sine regression)', { xTitle: 'hidden layers (more capacity →)', yTitle: 'squared error', height: 280 });
      this.views.biasVariance = chart;
      chart.root.dataset.chart = 'biasVariance';
      this.addPngButton(chart);
      const progress = el('div', { class: 'indeterminate', hidden: true, role: 'progressbar', 'aria-label': 'Computing the bias–variance decomposition' });
      const note = el('p', { class: 'help' });
      const button = el('button', { type: 'button', text: 'Compute', onclick: () => this.computeBiasVariance() });
      this.bv = { progress, note, button };
      const o = this.preset.biasVariance.options;
      parts.push(el('section', { class: 'extra', 'aria-labelledby': 'bv-title' },
        el('h2', { id: 'bv-title', text: 'Bias² + variance + noise' }),
        el('p', { text: `For each capacity, ${o.K} networks are trained on ${o.K} independent training sets of the sine task; their predictions on a grid give bias² (error of the average prediction), variance (spread across training sets) and the noise floor σ². It starts once the runs above are done.` }),
        el('div', { class: 'row' }, button, progress), note, chart.root));
    }
    if (vs.has('dropoutTable')) {
      parts.push(el('section', { class: 'extra', 'aria-labelledby': 'dg-title' },
        el('h2', { id: 'dg-title', text: 'Dropout rates: a guideline' }),
        el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Dropout guideline' },
          el('table', { class: 'plain' }, el('thead', {}, el('tr', {}, ['Where', 'Typical p', 'Why'].map((t) => el('th', { scope: 'col', text: t })))),
            el('tbody', {}, DROPOUT_GUIDE.map((r) => el('tr', {}, el('th', { scope: 'row', text: r[0] }), el('td', { text: r[1] }), el('td', { text: r[2] })))))),
        el('p', { class: 'help', text: 'In the 1-D regression experiment the thin lines are single training-mode passes (each one different); the solid line is the evaluation-mode prediction and the band is the MC-dropout mean ± 2 std over 30 passes.' })));
    }
    if (vs.has('gallery')) {
      this.gallery = el('div', { class: 'galleries' });
      parts.push(el('section', { class: 'extra', 'aria-labelledby': 'gal-title' },
        el('h2', { id: 'gal-title', text: 'What the network sees' }),
        el('p', { text: 'Training images before and after each run’s augmentation, redrawn while the runs train. Mixed images show their soft labels (e.g. 0.70·3 + 0.30·8).' }),
        this.gallery));
    }
    if (vs.has('textAugment')) {
      this.textAug = { seed: 1, select: null, body: el('tbody') };
      const select = el('select', { id: 'text-example', onchange: () => this.drawTextAugment() }, TEXT_EXAMPLES.map((t, i) => el('option', { value: String(i), text: t })));
      this.textAug.select = select;
      parts.push(el('section', { class: 'extra', 'aria-labelledby': 'txt-title' },
        el('h2', { id: 'txt-title', text: 'Text augmentation' }),
        el('div', { class: 'row' }, el('label', { for: 'text-example', text: 'Sentence ' }), select,
          el('button', { type: 'button', text: 'Another draw', onclick: () => { this.textAug.seed++; this.drawTextAugment(); } })),
        el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Text augmentation examples' },
          el('table', { class: 'plain' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Operation' }), el('th', { scope: 'col', text: 'Result' }))), this.textAug.body))));
      this.drawTextAugment();
    }
    if (vs.has('problemTable')) {
      parts.push(el('section', { class: 'extra', 'aria-labelledby': 'rec-title' },
        el('h2', { id: 'rec-title', text: 'Where to start, by problem type' }),
        el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Regularization by problem type' },
          el('table', { class: 'plain' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Problem' }), el('th', { scope: 'col', text: 'Usual first choices' }))),
            el('tbody', {}, RECIPES.map((r) => el('tr', {}, el('th', { scope: 'row', text: r[0] }), el('td', { text: r[1] }))))))));
    }
    X.replaceChildren(...parts);
    X.hidden = parts.length === 0;
  }

  // ---- run slots -----------------------------------------------------------------------------
  addSlot(run, position, start = true) {
    const used = new Set(this.slots.map((s) => s.index));
    let index = 0;
    while (used.has(index)) index++;
    const slot = new RunSlot(this, run, index);
    this.slots.splice(position ?? this.slots.length, 0, slot);
    this.buildCard(slot);
    if (start) {
      this.layoutRuns();
      slot.start();
    }
    return slot;
  }

  layoutRuns() {
    const runs = this.slots.map((s) => ({ key: s.key, label: s.label, index: s.index }));
    for (const v of [this.views.loss, this.views.acc, this.views.grad, this.views.sigma]) v?.setRuns(runs);
    syncChildren(this.els.runs, this.slots.map((s) => s.views.card));
    this.els.runs.dataset.count = String(this.slots.length);
    syncChildren(this.els.hists, this.slots.filter((s) => s.state !== 'error').map((s) => s.views.hist?.root).filter(Boolean));
    syncChildren(this.els.planes, this.slots.map((s) => s.views.plane?.root ?? s.views.curve?.root).filter(Boolean));
    syncChildren(this.els.confusions, this.slots.map((s) => s.views.confusion).filter(Boolean));
    this.slots.forEach((s, i) => {
      s.views.letter.textContent = LETTERS[i];
      // The "what this does" lines show once, on the first card; the others keep them for screen readers.
      s.views.card.classList.toggle('compact-help', i > 0);
      s.views.copy.hidden = i === 0;
      s.views.copy.textContent = `Copy to A`;
      s.views.copy.setAttribute('aria-label', `Copy to A: the settings of ${s.label}`);
      s.views.remove.disabled = this.slots.length <= 1;
    });
    this.updateToolbar();
    this.refreshAll();
  }

  buildCard(slot) {
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
    V.remove = el('button', { type: 'button', class: 'icon', 'aria-label': `Remove ${slot.label}`, title: 'Remove this run', text: '×', onclick: () => this.removeRun(slot) });
    V.copy = el('button', { type: 'button', class: 'mini', onclick: () => this.copyToA(slot) });
    const details = el('details', { class: 'all-settings' }, el('summary', { text: 'All settings' }), V.all);
    const closeMenu = (e) => { if (e.target.closest('.menu-items button')) e.currentTarget.open = false; };
    details.addEventListener('toggle', () => { if (details.open && !V.all.childElementCount) this.buildAllFields(slot); });
    const menu = el('details', { class: 'menu', onclick: closeMenu }, el('summary', { text: 'Export' }),
      el('div', { class: 'menu-items' },
        el('button', { type: 'button', text: 'Spec (JSON)', onclick: () => this.exportSpec(slot) }),
        el('button', { type: 'button', text: 'History (CSV)', onclick: () => this.exportHistory(slot) }),
        el('button', { type: 'button', text: 'PyTorch script', onclick: () => this.exportPytorch(slot) }),
        el('button', { type: 'button', text: 'Data (CSV)', onclick: () => this.exportData(slot) }),
        el('button', { type: 'button', text: 'Copy embed code', onclick: () => this.copyEmbedCode(slot) })));
    // On a phone the settings start folded, so the charts are not six screens down.
    const settings = el('details', { class: 'card-settings', open: window.innerWidth > 700 },
      el('summary', { text: 'Settings' }), V.fields, details);
    V.card = el('section', { class: 'run-card', style: `--run:${runColour(slot.index)}`, 'data-run': slot.label, 'aria-label': `Run ${slot.label}` },
      el('header', {}, V.letter, V.title, V.remove),
      el('div', { class: 'run-state' }, V.badge, el('div', { class: 'progress-row' }, V.progress, V.progressText)),
      V.error, V.notice, settings,
      el('div', { class: 'card-actions' }, V.copy, menu));
    V.hist = new BarChart(`Weights of ${slot.label}`, { xTitle: 'weight value (count on a log scale)', logY: true, stacked: true, height: 170, legend: false, note: ' ' });
    V.hist.root.classList.add('hist');
    V.hist.chart.options.scales.x.ticks.maxTicksLimit = 5;
    // A fixed width for the count axis, so "1000" never loses a digit when the counts jump.
    V.hist.chart.options.scales.y.afterFit = (scale) => { scale.width = Math.max(scale.width, 40); };
    this.buildFields(slot);
  }

  // The lesson's fields on the card, from describe() and the run's current values. Rebuilt only
  // when a shown value changed, keeping keyboard focus on the control the person was using.
  buildFields(slot) {
    const spec = slot.canonical ?? slot.spec;
    const V = slot.views;
    const key = JSON.stringify(this.lesson.controls.map((p) => [getPath(spec, p), getPath(spec, p.split('.').slice(0, -1).join('.'))]));
    if (key === V.fieldsKey) return;
    V.fieldsKey = key;
    const active = document.activeElement;
    const inCard = active && V.card?.contains(active) ? [active.closest('.field')?.dataset.path, active.type] : null;
    V.fields.replaceChildren(...this.lesson.controls.map((path) => this.fieldControl(slot, spec, path)).filter(Boolean));
    if (V.all.childElementCount) this.buildAllFields(slot);
    if (inCard?.[0]) V.card.querySelector(`.field[data-path="${inCard[0]}"] input[type="${inCard[1]}"], .field[data-path="${inCard[0]}"] select`)?.focus();
  }

  fieldControl(slot, spec, path) {
    const f = this.fields.byPath.get(path);
    if (!f || isSharedField(path)) return null;
    // Sub-fields of a switched-off option (early stopping, mixup, …) show their default, disabled.
    const parent = path.split('.').slice(0, -1).join('.');
    const off = this.fields.byPath.get(parent)?.type === 'toggle' && !getPath(spec, parent);
    let value = f.type === 'toggle' ? !!getPath(spec, path) : getPath(spec, path);
    if (value === undefined) value = f.default;
    const onChange = (p, v) => this.changeField(slot, p, f.type === 'toggle' ? (v ? getPath(slot.spec, p) || {} : false) : v);
    const node = control(f.type === 'toggle' ? { ...f, type: 'boolean' } : f, value, onChange);
    if (off) {
      node.classList.add('disabled');
      for (const i of node.querySelectorAll('input,select')) i.disabled = true;
    }
    return node;
  }

  buildAllFields(slot) {
    const spec = slot.canonical ?? slot.spec;
    const groups = [];
    for (const [group, fields] of this.fields.groups) {
      const nodes = fields
        .filter((f) => !isSharedField(f.path) && !['string'].includes(f.type) && f.path !== 'version' && !this.lesson.controls.includes(f.path))
        .map((f) => this.fieldControl(slot, spec, f.path)).filter(Boolean);
      if (nodes.length) groups.push(el('fieldset', {}, el('legend', { text: group }), nodes));
    }
    slot.views.all.replaceChildren(...groups);
  }

  // ---- worker messages -----------------------------------------------------------------------
  onReady(slot, msg) {
    if (!this.engineInfo) {
      this.engineInfo = { version: msg.version, simd: msg.simd };
      this.onEngineInfo?.(this.engineInfo);
    }
    slot.canonical = msg.spec;
    slot.data = msg.data;
    slot.state = 'ready';
    const V = slot.views;
    if (msg.data.bounds && !V.plane) {
      V.plane = new PlaneView(slot.label, slot.index);
    }
    if (V.plane) V.plane.setData(msg.data);
    if (msg.data.range && !V.curve) {
      V.curve = new XYChart(`${slot.label}: prediction`, {
        xTitle: 'x', yTitle: 'y', height: 220, legend: false,
        note: 'Dots: training points; rings: validation points; thick line: evaluation-mode prediction. With dropout: thin lines are single training-mode passes, the band is the MC-dropout mean ± 2 std (30 passes).',
      });
      V.curve.root.classList.add('curve');
    }
    this.views.acc.root.hidden = this.slots.every((s) => s.data && !s.data.classes);
    this.buildFields(slot);
    if (slot === this.slots[0]) this.buildDataFields();
    this.layoutRuns();
    const wrap = this.root.querySelector('.planes-wrap');
    wrap.hidden = !this.slots.some((s) => s.views.plane || s.views.curve);
    wrap.querySelector('.section-title').textContent = this.slots.some((s) => s.views.curve) ? 'Fitted curves' : 'Decision boundaries';
    const classes = Math.max(0, ...this.slots.map((s) => s.data?.bounds ? s.data.classes : 0));
    this.els.planeLegend.replaceChildren(classes ? planeLegend(classes) : '');
    if (!this.editing) this.buildEditBar(classes);
    if (this.playing) this.schedule();
    this.refresh(slot);
    if (this.viewSet.has('gallery')) this.refreshGallery(true);
  }

  onRecords(slot, msg) {
    if (msg.records.length) {
      slot.records.push(...msg.records);
      for (const v of [this.views.loss, this.views.acc, this.views.grad, this.views.sigma]) v?.append(slot.key, msg.records);
    }
    slot.bestEpoch = msg.bestEpoch;
    if (msg.done) {
      slot.stopReason = msg.stopReason;
      slot.state = msg.stopReason === 'early_stopping' ? 'early-stopped' : msg.stopReason === 'diverged' ? 'diverged' : 'done';
      const stopAt = slot.epoch;
      for (const v of [this.views.loss, this.views.acc]) v.setStop(slot.key, stopAt, msg.stopReason);
      this.schedule();
    } else if (slot.state === 'ready' || slot.state === 'loading') {
      slot.state = this.playing ? 'running' : 'paused';
    }
    this.refresh(slot);
  }

  onSnapshot(slot, msg) {
    const V = slot.views;
    if (msg.done) slot.finalSnapshot = true;
    if (msg.boundary && V.plane) V.plane.setBoundary({ ...msg.boundary, epoch: msg.epoch });
    if (msg.curve && V.curve) this.drawCurve(slot, msg.curve);
    // Histograms relabel their axis on every update: at most ~2 per second per run while training.
    if (msg.histogram && (msg.done || !(performance.now() - (slot.histAt ?? 0) < 450))) {
      slot.histAt = performance.now();
      this.drawHistogram(slot, msg.histogram);
    }
    if (msg.confidence) {
      slot.confidence = msg.confidence;
      slot.extras.meanConfidence = msg.confidence.meanConfidence;
      slot.extras.ece = msg.confidence.ece;
      this.drawConfidence();
    }
    if (msg.confusion) {
      const node = confusionTable(slot.label, slot.index, msg.confusion);
      if (V.confusion) V.confusion.replaceWith(node);
      V.confusion = node;
      syncChildren(this.els.confusions, this.slots.map((s) => s.views.confusion).filter(Boolean));
      this.root.querySelector('.confusions-wrap').hidden = false;
    }
    if (this.viewSet.has('gallery') && msg.epoch > 0) this.refreshGallery(msg.done);
    this.refresh(slot);
  }

  onUpdated(slot, msg) {
    slot.canonical = msg.spec;
    const label = slot.pendingChange ?? 'settings changed';
    slot.pendingChange = null;
    for (const v of [this.views.loss, this.views.acc]) v.markChange(slot.key, msg.epoch, label);
    this.buildFields(slot);
  }

  onError(slot, msg) {
    const { path, message } = msg.error;
    if (msg.during === 'update') {
      // The engine refused a mid-run change: restart the run with the new settings instead.
      slot.start();
      return;
    }
    slot.state = 'error';
    slot.error = { path, message };
    this.layoutRuns();
    this.schedule();
    this.refresh(slot);
  }

  // The run's worker crashed, was killed or stopped answering; run_client.js has already put a
  // fresh worker in its place. Runs are deterministic from their spec, so starting again from
  // epoch 0 reproduces the same curve. The card says what happened.
  onCrashed(slot, { reason }) {
    if (slot.finished && slot.finalSnapshot) {
      // Nothing is lost: the charts hold the whole run. The next start uses the fresh worker.
      slot.notice = `The training worker stopped after this run finished (${reason}); a new one is ready.`;
      this.refresh(slot);
      return;
    }
    slot.restarts++;
    if (slot.restarts > MAX_RESTARTS) {
      slot.state = 'error';
      slot.notice = null;
      slot.error = { path: '', message: `The training worker stopped ${slot.restarts} times (${reason}), so this run was stopped. Press Reset to try again.` };
      this.layoutRuns();
      this.schedule();
      this.refresh(slot);
      return;
    }
    for (const v of [this.views.loss, this.views.acc, this.views.grad, this.views.sigma]) v?.reset(slot.key);
    slot.notice = `The training worker stopped (${reason}); it was replaced and this run restarted from epoch 0${slot.restarts > 1 ? ` (restart ${slot.restarts})` : ''}.`;
    slot.start(true);
    this.updateToolbar();
    this.refreshAll();
  }

  // ---- drawing of per-run views ------------------------------------------------------------
  drawHistogram(slot, h) {
    const V = slot.views;
    const bins = h.counts.length, width = (h.max - h.min) / bins;
    const labels = h.counts.map((_, i) => formatValue(Number((h.min + (i + 0.5) * width).toPrecision(2))));
    const zeroBin = Math.min(bins - 1, Math.floor(((0 - h.min) / (h.max - h.min)) * bins));
    const zeros = h.counts.map((_, i) => (i === zeroBin ? h.zeros : 0));
    const colour = runColour(slot.index);
    const pct = h.total ? (100 * h.zeros) / h.total : 0;
    V.hist.set(labels, [
      { label: 'weights', data: h.counts, colour: alpha(colour, 0.75), stack: 's' },
      { label: 'exactly 0', data: zeros, colour: '#222222', fill: 'rgba(40,40,40,0.85)', stack: 's' },
    ], `${h.total} weights; ${pct.toFixed(1)} % exactly zero; range ±${formatValue(h.max)}.`);
    V.hist.noteEl.textContent = `${pct.toFixed(1)} % exact zeros · |w| ≤ ${formatValue(h.max)}`;
    V.hist.root.dataset.zeros = pct.toFixed(2);
  }

  drawCurve(slot, c) {
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

  drawConfidence() {
    const bins = 10;
    const labels = Array.from({ length: bins }, (_, b) => `${(b / bins).toFixed(1)}–${((b + 1) / bins).toFixed(1)}`);
    const sets = this.slots.filter((s) => s.confidence).map((s) => {
      const n = s.confidence.counts.reduce((a, b) => a + b, 0) || 1;
      return { label: s.label, data: s.confidence.counts.map((c) => c / n), colour: runColour(s.index) };
    });
    const text = this.slots.filter((s) => s.confidence).map((s) => `${s.label}: mean confidence ${formatValue(s.confidence.meanConfidence)}, ECE ${formatValue(s.confidence.ece)}`).join('; ');
    this.views.confidence?.set(labels, sets, text);
  }

  drawLadder() {
    const V = this.views.ladder;
    if (!V) return;
    const data = this.slots.map((s) => s.summary().valAcc ?? 0);
    const labels = this.slots.map((s, i) => `${s.label} · ${(100 * data[i]).toFixed(1)} %`);
    const key = labels.join('|') + this.slots.map((s) => s.index).join();
    if (key === this.ladderKey) return;
    this.ladderKey = key;
    V.set(labels, [{ label: 'validation accuracy', data, colour: this.slots.map((s) => runColour(s.index)) }],
      this.slots.map((s, i) => `${s.label}: ${(100 * data[i]).toFixed(1)} %`).join('; '));
    V.chart.options.scales.y.min = Math.max(0, Math.floor(10 * Math.min(...data.filter((v) => v > 0), 1) - 1) / 10);
    V.chart.options.scales.y.max = 1;
  }

  // ---- refresh of cards, table, claims (at display rate) -------------------------------------
  refresh(slot) {
    (this.dirtySlots ??= new Set()).add(slot);
    requestDraw(this);
  }

  refreshAll() {
    for (const s of this.slots) this.refresh(s);
  }

  draw() {
    for (const slot of this.dirtySlots ?? []) this.drawCard(slot);
    this.dirtySlots = new Set();
    this.updateTable();
    this.updateClaims();
    this.drawLadder();
    this.updateToolbar();
  }

  drawCard(slot) {
    const V = slot.views;
    if (!V.card) return;
    if (V.card.dataset.state !== slot.state) V.card.dataset.state = slot.state;
    let badge = slot.state === 'error' ? 'error' : slot.stateText();
    const of = overfittingSince(slot.records);
    V.card.classList.toggle('overfitting', !!of);
    if (of && this.lesson.columns.includes('overfitting') && !slot.finished) badge += ` · overfitting since epoch ${of}`;
    if (V.badge.textContent !== badge) V.badge.textContent = badge;
    if (V.badge.className !== `badge is-${slot.state}`) V.badge.className = `badge is-${slot.state}`;
    const total = slot.epochs;
    if (V.progress.max !== total) V.progress.max = total;
    if (V.progress.value !== Math.min(total, slot.epoch)) V.progress.value = Math.min(total, slot.epoch);
    const progress = `${slot.epoch} / ${total}`;
    if (V.progressText.textContent !== progress) V.progressText.textContent = progress;
    if (slot.error) {
      V.error.hidden = false;
      V.error.replaceChildren(...(slot.error.path ? [el('code', { text: slot.error.path }), ': '] : []), slot.error.message);
    } else if (slot.state === 'diverged') {
      V.error.hidden = false;
      V.error.textContent = slot.divergeReason();
    } else V.error.hidden = true;
    if (V.notice.hidden !== !slot.notice) V.notice.hidden = !slot.notice;
    if (slot.notice && V.notice.textContent !== slot.notice) V.notice.textContent = slot.notice;
  }

  updateTable() {
    const columns = this.preset.columns ?? this.lesson.columns;
    const regression = this.slots.length > 0 && this.slots.every((s) => s.data && !s.data.classes);
    if (!this.views.table || this.views.table.key !== `${columns.join()}|${regression}`) {
      this.views.table?.root.remove();
      this.views.table = new SummaryTable(columns, { regression }).mount(this.els.table);
      this.views.table.key = `${columns.join()}|${regression}`;
    }
    this.views.table.set(this.slots.map((s) => ({
      label: s.label, index: s.index, state: s.state,
      stateText: s.state === 'error' ? `error: ${s.error?.message ?? ''}` : s.state === 'diverged' ? `${s.stateText()} (loss too large)` : s.stateText(),
      summary: s.records.length ? s.summary() : null,
    })));
  }

  updateClaims() {
    const claims = this.preset.claims ?? [];
    const summaries = new Map(this.slots.map((s) => [s.label, s.summary()]));
    const finished = new Map(this.slots.map((s) => [s.label, s.finished]));
    const items = claims.map((c) => {
      const names = [c.run, typeof c.than === 'string' ? c.than : null].filter(Boolean);
      const present = names.every((n) => finished.has(n));
      const ready = present && names.every((n) => finished.get(n));
      let state = 'pending', detail = 'waiting for the runs to finish';
      if (!present) { state = 'na'; detail = 'a run it compares was removed'; }
      else if (ready) {
        const r = checkClaim(c, summaries);
        state = r.ok ? 'ok' : 'no';
        const fmt = (v) => (v === Infinity ? 'never' : formatValue(v));
        const what = METRIC_LABELS[c.metric] ?? c.metric;
        detail = typeof c.than === 'number'
          ? `${c.run}: ${what} ${fmt(r.left)} (threshold ${fmt(c.than)})`
          : `${what}: ${c.run} ${fmt(r.left)} vs ${c.than} ${fmt(r.right)}`;
        if (!r.ok) detail += ' — not seen with these settings; try another seed or the preset values';
      }
      const icon = { ok: '✓', no: '✗', pending: '…', na: '–' }[state];
      return el('li', { class: `claim ${state}`, 'data-ok': state === 'ok' ? 'true' : state === 'no' ? 'false' : state },
        el('span', { class: 'claim-icon', 'aria-hidden': 'true', text: icon }),
        el('span', {}, el('strong', { text: c.text }), el('span', { class: 'claim-detail', text: ` — ${detail}` })));
    });
    if (!items.length) items.push(el('li', { class: 'claim na', 'data-ok': 'na' }, el('span', { class: 'claim-detail', text: this.preset.description ?? '' })));
    const key = items.map((i) => i.textContent + i.className).join('|');
    if (key !== this.claimsKey) {
      this.claimsKey = key;
      this.els.claims.replaceChildren(...items);
    }
  }

  updateToolbar() {
    const E = this.els;
    if (!E?.play) return;
    const allDone = this.slots.length > 0 && this.slots.every((s) => s.finished);
    if (allDone && this.playing) {
      this.playing = false;
      this.onAllDone();
    }
    E.play.textContent = this.playing ? 'Pause' : allDone ? 'Play again' : 'Play';
    E.play.setAttribute('aria-pressed', this.playing ? 'true' : 'false');
    E.add.disabled = this.slots.length >= this.maxRuns();
    const running = this.slots.filter((s) => s.state === 'running').length;
    const status = allDone ? 'All runs finished.' : this.playing ? `Training ${running} run${running === 1 ? '' : 's'}…` : 'Paused.';
    if (E.status.textContent !== status) E.status.textContent = status;
    let next = allDone ? 'done' : this.playing ? 'running' : 'paused';
    // The page says "done" only once every chart and run view shows its final state.
    if (next === 'done' && this.viewsPending()) {
      next = 'finishing';
      requestDraw(this);
    }
    this.root.dataset.status = next;
  }

  viewsPending() {
    const views = [...Object.values(this.views), ...this.slots.flatMap((s) => [s.views.hist, s.views.curve])];
    return views.some((v) => v && isDirty(v)) || this.slots.some((s) => s.state !== 'error' && !s.finalSnapshot);
  }

  onAllDone() {
    if (this.viewSet.has('biasVariance') && !this.biasVarianceDone) this.computeBiasVariance();
  }

  // ---- playing -------------------------------------------------------------------------------
  rate() {
    return SPEEDS.find(([id]) => id === this.speed)?.[2] ?? 0;
  }

  play() {
    if (this.slots.every((s) => s.finished)) return this.reset(true);
    this.playing = true;
    this.schedule();
    this.updateToolbar();
  }

  // Starts the runs that may train now (all, or one at a time in the ladder's sequence mode) and
  // shares the cores among them: together the workers use at most (cores − ½), leaving the page
  // room to draw.
  schedule() {
    if (!this.playing) return;
    const limit = this.sequential ? 1 : Infinity;
    let active = this.slots.filter((s) => s.state === 'running').length;
    const starting = [];
    for (const s of this.slots) {
      if (active >= limit) break;
      if (s.state === 'ready' || s.state === 'paused') {
        s.state = 'running';
        starting.push(s);
        active++;
        this.refresh(s);
      }
    }
    const share = this.coreShare(active);
    for (const s of this.slots) {
      if (s.state !== 'running') continue;
      if (starting.includes(s)) s.worker.play(this.rate(), share);
      else if (s.share !== share) s.worker.speed(this.rate(), share);
      s.share = share;
    }
    this.updateToolbar();
  }

  coreShare(active) {
    const cores = Math.max(1, navigator.hardwareConcurrency || 2);
    return Math.min(1, (cores - 0.5) / Math.max(1, active));
  }

  pause() {
    this.playing = false;
    for (const s of this.slots) {
      if (s.state === 'running') { s.worker.pause(); s.state = 'paused'; this.refresh(s); }
    }
    this.updateToolbar();
  }

  step() {
    this.pause();
    for (const s of this.slots) if (!s.finished && s.state !== 'loading') { s.worker.step(1); s.state = 'paused'; }
  }

  reset(play = this.playing) {
    for (const s of this.slots) {
      for (const v of [this.views.loss, this.views.acc, this.views.grad, this.views.sigma]) v?.reset(s.key);
      s.start();
    }
    this.playing = play;
    this.biasVarianceDone = false;
    this.updateToolbar();
    this.refreshAll();
  }

  setSpeed(id) {
    this.speed = id;
    for (const s of this.slots) if (s.state === 'running') s.worker.speed(this.rate(), s.share ?? 1);
  }

  // ---- editing runs --------------------------------------------------------------------------
  uniqueLabel(label) {
    let out = label, n = 2;
    while (this.slots.some((s) => s.label === out)) out = `${label} (${n++})`;
    return out;
  }

  addRun() {
    if (this.slots.length >= this.maxRuns()) return;
    const last = this.slots[this.slots.length - 1];
    const spec = clone(last?.spec ?? this.preset.runs[0].spec);
    const slot = this.addSlot({ label: this.uniqueLabel(`run ${LETTERS[this.slots.length]}`), spec });
    this.emitState();
    if (this.playing) this.schedule();
    return slot;
  }

  removeRun(slot) {
    if (this.slots.length <= 1) return;
    this.releaseWorker(slot.worker);
    for (const v of Object.values(slot.views)) if (v?.destroy) v.destroy();
    slot.views.confusion?.remove();
    this.slots = this.slots.filter((s) => s !== slot);
    this.layoutRuns();
    this.drawConfidence();
    this.emitState();
  }

  copyToA(slot) {
    const a = this.slots[0];
    if (!a || a === slot) return;
    a.spec = clone(slot.spec);
    a.label = this.uniqueLabel(`${slot.label} (copy)`);
    a.views.title.textContent = a.label;
    a.views.card.dataset.run = a.label;
    a.canonical = null;
    this.buildFields(a);
    this.layoutRuns();
    this.restart(a);
    this.emitState();
  }

  changeField(slot, path, value) {
    const before = slot.spec;
    slot.spec = setPath(slot.spec, path, value);
    const midRun = slot.epoch > 0 && !slot.finished && UPDATABLE_FIELDS.has(path);
    if (midRun) {
      slot.pendingChange = `${fieldLabel(this.fields.byPath.get(path))} → ${formatValue(value)}`;
      slot.worker.update(partialSpec(path, value));
    } else if (JSON.stringify(before) !== JSON.stringify(slot.spec)) {
      this.restart(slot);
    }
    this.emitState();
  }

  // Restarts one run from its initial weights. It trains on its own when the others are playing
  // or have all finished (there is nothing else to wait for).
  restart(slot) {
    for (const v of [this.views.loss, this.views.acc, this.views.grad, this.views.sigma]) v?.reset(slot.key);
    slot.start();
    if (this.slots.every((s) => s === slot || s.finished)) this.playing = true;
    this.updateToolbar(); // the page's status leaves "done" at once
    this.refreshAll();
  }

  changeShared(path, value) {
    for (const s of this.slots) s.spec = setPath(s.spec, path, value);
    if (path === 'data.kind' && value !== 'csv') for (const s of this.slots) for (const k of ['csv', 'valCsv', 'testCsv']) s.spec = setPath(s.spec, `data.${k}`, undefined);
    this.els.dataError.hidden = true;
    this.reset(true);
    this.emitState();
  }

  redrawSample() {
    const seed = Math.floor(Math.random() * 1e6);
    this.changeShared('data.seed', seed);
  }

  // field: 'csv' (the training rows; drops an earlier validation and test file), 'valCsv' or 'testCsv'.
  async uploadCsv(file, input, field = 'csv') {
    if (!file) return;
    const text = await file.text();
    input.value = '';
    for (const s of this.slots) {
      if (field !== 'csv') { s.spec = setPath(s.spec, `data.${field}`, text); continue; }
      s.spec = setPath(s.spec, 'data', { ...(s.spec.data ?? {}), kind: 'csv', csv: text, valCsv: undefined, testCsv: undefined });
      for (const k of ['n', 'noise', 'classes']) s.spec = setPath(s.spec, `data.${k}`, undefined);
    }
    this.reset(true);
    this.emitState();
  }

  // ---- exports -------------------------------------------------------------------------------
  exportSpec(slot) {
    download(`reglab-${slug(slot.label)}.json`, JSON.stringify(slot.canonical ?? slot.spec, null, 2) + '\n', 'application/json');
  }

  exportHistory(slot) {
    download(`reglab-${slug(slot.label)}-history.csv`, historyCsv(slot.records), 'text/csv');
  }

  exportPytorch(slot) {
    const spec = slot.canonical ?? slot.spec;
    const d = slot.data ?? {};
    const src = exportPytorch(spec, {
      task: d.classes ? 'classification' : 'regression', classes: d.classes || 2, features: d.features,
      imageH: d.imageH || undefined, imageW: d.imageW || undefined, dataFile: `reglab-${slug(slot.label)}-data.csv`,
    });
    download(`reglab-${slug(slot.label)}.py`, src, 'text/x-python');
  }

  // Both embedding forms for this run beside run A (or alone when it is A): a <reglab-compare>
  // tag for pages that allow scripts, and an iframe of embed.html for hosts that strip them.
  embedCode(slot) {
    const first = this.slots[0];
    const pair = slot === first ? [slot] : [first, slot];
    const specs = pair.map((s) => JSON.stringify(s.canonical ?? s.spec));
    const quote = (text) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
    const base = new URL('./', document.baseURI).href;
    const attrs = pair.map((s, i) => `spec-${'ab'[i]}='${quote(specs[i])}' label-${'ab'[i]}="${quote(s.label).replace(/"/g, '&quot;')}"`);
    const tag = `<script type="module" src="${base}reglab-widgets.js"></script>\n<reglab-compare ${attrs.join(' ')} autoplay></reglab-compare>`;
    const query = pair.map((s, i) => `${pair.length === 1 ? 'spec' : `spec-${'ab'[i]}`}=${encodeSpec(s.canonical ?? s.spec)}`).join('&');
    const iframe = `<iframe src="${base}embed.html?${query}" width="100%" height="420" style="border:0" title="RegLab experiment" loading="lazy"></iframe>`;
    return `<!-- RegLab widget (pages that allow scripts) -->\n${tag}\n\n<!-- or, where scripts are stripped -->\n${iframe}\n`;
  }

  async copyEmbedCode(slot) {
    const code = this.embedCode(slot);
    try {
      await navigator.clipboard.writeText(code);
    } catch {
      download(`reglab-${slug(slot.label)}-embed.html`, code, 'text/html');  // no clipboard access: save it instead
    }
    this.lastEmbedCode = code;
  }

  async exportData(slot) {
    try {
      const r = await this.tasks.run('exportData', { spec: slot.spec }, `data-${slot.key}`);
      if (r) download(`reglab-${slug(slot.label)}-data.csv`, dataCsv({ train: r.train, val: r.val, test: r.test }), 'text/csv');
    } catch (e) {
      slot.error = { path: e.path ?? '', message: e.message };
      this.refresh(slot);
    }
  }

  // ---- drawing your own 2-D data -------------------------------------------------------------
  buildEditBar(classes) {
    const bar = this.els.editBar;
    const a = this.slots.find((s) => s.views.plane);
    if (!classes || !a?.views.plane) { bar.replaceChildren(); return; }
    if (!this.editing) {
      bar.replaceChildren(el('button', { type: 'button', text: 'Draw your own points…', onclick: () => this.startEditing() }),
        el('span', { class: 'help', text: ` Edit the sample on ${a.label}'s canvas, then train every run on it.` }));
      return;
    }
    const ed = this.editing;
    const brushes = [...Array.from({ length: Math.max(2, classes) }, (_, k) => [k, `class ${k}`]), ['erase', 'eraser']];
    bar.replaceChildren(
      el('div', { class: 'brushes', role: 'radiogroup', 'aria-label': 'Brush' }, brushes.map(([b, label]) => el('button', {
        type: 'button', role: 'radio', 'aria-checked': String(ed.brush === b), class: ed.brush === b ? 'on' : '', text: label,
        onclick: () => { ed.brush = b; a.views.plane.edit(ed); this.buildEditBar(classes); },
      }))),
      el('span', { class: 'help', text: `${ed.points.length} points — click the canvas of ${a.label} to ${ed.brush === 'erase' ? 'erase' : 'add'}` }),
      el('button', { type: 'button', class: 'primary', text: 'Train on these points', disabled: ed.points.length < 8, onclick: () => this.finishEditing(true) }),
      el('button', { type: 'button', text: 'Cancel', onclick: () => this.finishEditing(false) }));
  }

  startEditing() {
    const a = this.slots.find((s) => s.views.plane), d = a.data;
    const points = [];
    for (const set of [d.train, d.val]) for (let i = 0; i < set.rows; i++) points.push({ x: set.x[2 * i], y: set.x[2 * i + 1], label: set.labels[i] });
    this.pause();
    this.editing = { points, brush: 0, onEdit: () => this.buildEditBar(d.classes) };
    a.views.plane.edit(this.editing);
    this.buildEditBar(d.classes);
  }

  finishEditing(apply) {
    const ed = this.editing;
    this.editing = null;
    for (const s of this.slots) s.views.plane?.edit(null);
    if (apply && ed) {
      const data = { kind: 'inline', task: 'classification', valFraction: getPath(this.slots[0].spec, 'data.valFraction') ?? 0.3,
        x: ed.points.map((p) => [Number(p.x.toFixed(4)), Number(p.y.toFixed(4))]), y: ed.points.map((p) => p.label) };
      for (const s of this.slots) s.spec = setPath(s.spec, 'data', data);
      this.reset(true);
      this.emitState();
    }
    this.buildEditBar(Math.max(0, ...this.slots.map((s) => (s.data?.bounds ? s.data.classes : 0))));
  }

  // ---- lesson extras -------------------------------------------------------------------------
  async computeBiasVariance() {
    const { spec, options } = this.preset.biasVariance;
    const { progress, note, button } = this.bv;
    this.biasVarianceDone = true;
    progress.hidden = false;
    button.disabled = true;
    note.textContent = `Training ${options.K} × ${options.capacities.length} networks…`;
    const t0 = performance.now();
    try {
      const rows = await this.tasks.run('biasVariance', { spec, options }, 'biasVariance');
      if (!rows) return;
      const labels = rows.map((r) => `[${(r.hidden ?? []).join(',')}]`);
      const series = [
        ['bias²', 'bias2', '#0072B2', []], ['variance', 'variance', '#D55E00', [6, 4]], ['noise σ²', 'noise', '#777777', [2, 3]], ['total', 'total', '#009E73', [10, 3, 2, 3]],
      ];
      this.views.biasVariance.set(labels, series.map(([label, key, colour, dash]) => ({ label, type: 'line', data: rows.map((r) => r[key]), colour, dash })),
        rows.map((r, i) => `${labels[i]}: bias² ${formatValue(r.bias2)}, variance ${formatValue(r.variance)}, total ${formatValue(r.total)}`).join('; '));
      const best = rows.reduce((a, b) => (b.total < a.total ? b : a));
      const first = rows[0], last = rows[rows.length - 1];
      const trend = (a, b) => (b < a * 0.9 ? 'falls' : b > a * 1.1 ? 'rises' : 'stays about the same');
      note.textContent = `Done in ${((performance.now() - t0) / 1000).toFixed(1)} s. From ${labels[0]} to ${labels[labels.length - 1]}, bias² ${trend(first.bias2, last.bias2)} (${formatValue(first.bias2)} → ${formatValue(last.bias2)}) and variance ${trend(first.variance, last.variance)} (${formatValue(first.variance)} → ${formatValue(last.variance)}); the lowest total error is at ${labels[rows.indexOf(best)]}.`;
    } catch (e) {
      note.textContent = `Could not compute: ${e.path ? `${e.path}: ` : ''}${e.message}`;
      note.classList.add('error');
    } finally {
      progress.hidden = true;
      button.disabled = false;
    }
  }

  // Redraws the augmentation galleries (at most about once a second while training; one refresh
  // at a time, a forced one queued behind a running one).
  async refreshGallery(force) {
    const now = performance.now();
    if (this.galleryBusy) { if (force) this.galleryAgain = true; return; }
    if (!force && now - (this.galleryAt ?? 0) < 900) return;
    this.galleryAt = now;
    this.galleryBusy = true;
    try {
      const picks = [];
      const seen = new Set();
      for (const s of this.slots) {
        const c = s.canonical;
        if (!c || c.data.kind !== 'digits') continue;
        const img = c.augment.image;
        const what = c.augment.cutmix ? 'CutMix' : c.augment.mixup ? 'Mixup' : ['shift', 'rotate', 'scale', 'brightness', 'contrast', 'noise', 'blur', 'cutout'].some((k) => img[k] > 0) || img.flip ? 'Image augmentation' : null;
        if (!what || seen.has(what)) continue;
        seen.add(what);
        picks.push([s, what]);
      }
      const epoch = Math.max(0, ...this.slots.map((s) => s.epoch));
      const blocks = [];
      for (const [s, what] of picks) {
        const g = await this.tasks.run('augmentImages', { spec: s.canonical, count: 8, seed: 1 + epoch }, `gallery-${what}`);
        if (!g) continue;
        blocks.push(el('div', { class: 'gallery-pair', style: `--run:${runColour(s.index)}` },
          el('h3', {}, el('span', { class: 'swatch', style: `background:${runColour(s.index)}` }), ` ${what} — ${s.label}`),
          imageGrid('original', { images: g.originals, h: g.h, w: g.w, labels: Array.from(g.labels) }, { max: 8 }),
          imageGrid(`augmented (epoch ${epoch})`, { images: g.images, h: g.h, w: g.w, labels: softLabels(g) }, { max: 8 })));
      }
      if (!blocks.length) blocks.push(el('p', { class: 'help', text: 'No run uses image augmentation, mixup or CutMix on digits; switch one on to see its samples.' }));
      this.gallery?.replaceChildren(...blocks);
    } catch (e) {
      this.gallery?.replaceChildren(el('p', { class: 'error', text: `${e.path ? `${e.path}: ` : ''}${e.message}` }));
    } finally {
      this.galleryBusy = false;
      if (this.galleryAgain) { this.galleryAgain = false; this.refreshGallery(true); }
    }
  }

  async drawTextAugment() {
    const sentence = TEXT_EXAMPLES[Number(this.textAug.select.value)];
    const items = TEXT_OPS.map(([op, , strength]) => ({ sentence, op, strength, seed: this.textAug.seed }));
    try {
      const out = await this.tasks.run('augmentText', { items }, 'text');
      if (!out) return;
      this.textAug.body.replaceChildren(
        el('tr', {}, el('th', { scope: 'row', text: 'Original' }), el('td', { text: sentence })),
        ...TEXT_OPS.map(([, name, strength], i) => el('tr', {}, el('th', { scope: 'row' }, name, el('span', { class: 'help', text: ` p = ${strength}` })), el('td', { text: out[i] }))));
    } catch (e) {
      this.textAug.body.replaceChildren(el('tr', {}, el('td', { colspan: '2', class: 'error', text: `${e.path ? `${e.path}: ` : ''}${e.message}` })));
    }
  }

  applyTheme() {
    for (const v of Object.values(this.views)) v?.applyTheme?.();
    for (const s of this.slots) {
      s.views.card.style.setProperty('--run', runColour(s.index));
      s.views.hist?.applyTheme();
      s.views.curve?.applyTheme();
      s.views.plane?.draw();
    }
    this.refreshAll();
  }
}

// Replaces a parent's children only when they differ (re-inserting a node drops its focus).
function syncChildren(parent, nodes) {
  const now = [...parent.children];
  if (now.length === nodes.length && now.every((n, i) => n === nodes[i])) return;
  parent.replaceChildren(...nodes);
}

// The gallery's soft targets as one probability vector per image.
function softLabels(g) {
  const k = g.numClasses;
  if (!k || !g.targets?.length) return Array.from(g.labels);
  return Array.from({ length: g.count }, (_, i) => g.targets.slice(i * k, (i + 1) * k));
}
