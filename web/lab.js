// The lab: one lesson at a time, its runs side by side. This module is the glue between the run
// session (session/run_session.js: the runs' specs, records, workers and scheduling) and the
// views (views/*): it turns session events into view updates and controls into session calls.
// It never trains (the workers do) and never reads or writes the URL (app.js does, through onState).
import { TaskWorker } from './engine/run_client.js';
import { RunSession, SPEEDS, LETTERS } from './session/run_session.js';
import { WorkerPool } from './session/worker_pool.js';
import { presetLoader } from './session/presets.js';
import { el, syncChildren, holdCharts } from './views/charts.js';
import { planeLegend } from './views/plane.js';
import { fieldLabel } from './views/controls.js';
import { runColour } from './views/theme.js';
import { requestDraw, isDirty } from './views/draw_loop.js';
import { render, buildDataFields } from './views/lesson_page.js';
import { buildCard, buildFields, drawCard, buildDataViews, drawSnapshot, renameEdited } from './views/run_card.js';
import { updateTable, updateClaims, drawConfidence, drawLadder } from './views/lesson_summary.js';
import { computeBiasVariance, refreshGallery } from './views/lesson_extras.js';
import { buildEditBar } from './views/plane_editor.js';
import { setPath, indexFields, formatValue } from './state/spec.js';
import { UploadStore, UPLOAD_FIELDS, MAX_UPLOAD_BYTES, runsForUrl, runsFromUrl, uploadSizeError, uploadMissingMessage } from './state/uploads.js';
import { lessonById, loadLessonText, LESSONS } from './lessons.js';
import { loadLessonQuestions, predictionFor } from './questions/load.js';
import { loadLessonRules } from './claims/lab_rules.js';
import { rememberedPrediction } from './views/predict.js';

export { SPEEDS };
// Idle run workers kept with their engine loaded: as many as the lesson with the most runs has
// (6.9: six), so going back and forth between lessons never ends a worker only to start another.
// With a pool of four, every round of the lessons ended two workers and started two (6.9's six
// runs), and each start is a new isolate and engine instance in the renderer: on 6.7 + 6.9 over
// five rounds the renderer grew +4.4 MB per round with that churn and -0.9 without (single rounds
// move ±7 MB). With the pool this size no worker is started after the first visit of every lesson.
const IDLE_WORKERS = Math.max(4, ...LESSONS.map((l) => l.maxRuns ?? 0));

// ---------------------------------------------------------------------------------------------
export class Lab {
  // root: element to render into; workerUrl: URL of engine/worker.js; presetUrl(id): URL of a
  // preset JSON; onState(state, {push}): called when the runs' specs change (app.js writes the URL).
  // describeUrl: the engine's describe() as JSON (its fields, what the lab reads), written at
  // build time (web/build.mjs).
  // onNotice(text | null): a message for the whole page (a link's upload this browser lacks).
  // predictFirst: a lesson's own runs wait for the student's prediction (or Play) before they
  // train; the lab page asks for it, a page without the question would not.
  constructor(root, { workerUrl, presetUrl, describeUrl, onState, onEngineInfo, onNotice, predictFirst = false }) {
    this.root = root;
    this.predictFirst = predictFirst;
    this.awaitingPrediction = false;
    this.workerUrl = workerUrl;
    this.describeUrl = describeUrl;
    this.wasmUrl = new URL('./reglab.wasm', workerUrl).href;
    // Run workers are started before the lesson is rendered and kept between lessons, so a run
    // finds its engine loaded (a lesson has 2–6 runs; a pool of IDLE_WORKERS).
    this.pool = new WorkerPool({ workerUrl, wasmUrl: this.wasmUrl, supervise: true, idle: IDLE_WORKERS, warm: 2 });
    this.loadPreset = presetLoader(presetUrl);
    this.onState = onState;
    this.onEngineInfo = onEngineInfo;
    this.onNotice = onNotice;
    this.uploads = new UploadStore();
    this.tasks = new TaskWorker(workerUrl, { wasmUrl: this.wasmUrl });
    this.speed = 'fast';
    this.session = new RunSession({
      pool: this.pool, probes: () => this.probes(), rate: this.rate(),
      urlRuns: (runs) => runsForUrl(runs, (text) => this.uploads.hashOf(text)),
      on: {
        // A fresh start clears the run's curves; a lesson's first start and a refused mid-run
        // change draw onto the charts as they are.
        started: (slot, cause) => {
          if (['restart', 'reset', 'crash'].includes(cause)) for (const v of [this.views.loss, this.views.acc, this.views.grad, this.views.sigma]) v?.reset(slot.key);
        },
        ready: (slot, msg) => this.onReady(slot, msg),
        records: (slot, msg) => this.onRecords(slot, msg),
        snapshot: (slot, msg) => this.onSnapshot(slot, msg),
        updated: (slot, msg, label) => this.onUpdated(slot, msg, label),
        failed: (slot) => { this.layoutRuns(); this.refresh(slot); },
        notice: (slot) => this.refresh(slot),
        status: () => { this.refreshAll(); this.updateToolbar(); },
        reset: () => { this.biasVarianceDone = false; },
        allDone: () => this.onAllDone(),
      },
    });
    this.description = null;
    this.fields = null;
    this.views = {};
    this.generation = 0;
  }

  // The session holds the runs, the lesson and its preset; the views read them from here.
  get slots() { return this.session.slots; }
  get playing() { return this.session.playing; }
  get lesson() { return this.session.lesson; }
  get preset() { return this.session.preset; }
  get presetId() { return this.session.presetId; }
  // The settings a run card shows first: the experiment's own (a preset may name them, e.g. the
  // text augmentations of 6.7-text, where the lesson's image controls do not apply), else the lesson's.
  get controls() { return this.preset?.controls ?? this.lesson.controls; }

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

  // The claims suite's shipped report (the multi-seed verdicts "What to look for" quotes). The
  // lab works without it: the lines then only link to the claims page. Fetched once, when a run
  // first finishes (lesson_summary.js) — not on the first load's path to the first chart frame.
  async loadClaimReport() {
    if (typeof document === 'undefined' || this.claimReportRequested) return;
    this.claimReportRequested = true;
    try {
      const res = await fetch(new URL('claims/report.json', document.baseURI));
      if (!res.ok) return;
      this.claimReport = await res.json();
      this.claimsKey = null;
      if (this.els) requestDraw(this);
    } catch { /* offline or not deployed: links only */ }
  }

  // The state the URL carries (app.js encodes it): runs is null while they are exactly the preset's.
  state() { return this.session.state(); }
  sameAs(state) { return this.session.sameAs(state); }

  emitState(push = true) {
    this.onState?.(this.state(), { push });
  }

  // ---- opening a lesson -----------------------------------------------------------------------
  // The lesson's text, questions and claims rules come with its preset: the question may be the
  // first thing shown. Each loader keeps what it fetched, so the page can ask for them (prefetch)
  // while the lab is still starting (init), and open then finds them.
  lessonFiles({ lesson: lessonId, preset: presetId }) {
    const lesson = lessonById(lessonId) ?? lessonById('6.1');
    const pid = lesson.presets.some((p) => p.id === presetId) ? presetId : lesson.presets[0].id;
    return { lesson, pid, loaded: Promise.all([this.loadPreset(pid), loadLessonText(lesson.id), loadLessonQuestions(lesson.id), loadLessonRules(lesson.id)]) };
  }
  prefetch(state) { this.lessonFiles(state).loaded.catch(() => {}); }

  async open({ lesson: lessonId, preset: presetId, runs }) {
    const gen = ++this.generation;
    const { lesson, pid, loaded } = this.lessonFiles({ lesson: lessonId, preset: presetId });
    let preset;
    try {
      [preset] = await loaded;
    } catch (e) {
      this.showFatal(e.message);
      return;
    }
    if (runs) runs = await this.resolveUploads(runs, preset);
    if (gen !== this.generation) return;
    this.teardown();
    Object.assign(this.session, { lesson, presetId: pid, preset });
    // The preset's own runs (not a link's edited ones) of an experiment with a question the
    // student has not answered yet: ready, paused, the question beside Play.
    this.awaitingPrediction = this.predictFirst && !runs && Boolean(predictionFor(pid)) && !rememberedPrediction(this.session, pid);
    this.viewSet = new Set(preset.views ?? lesson.views);
    // Charts that wait with the runs are built when the runs start (views/charts.js holdCharts).
    holdCharts(this.awaitingPrediction);
    render(this);
    const list = runs ?? preset.runs;
    list.forEach((r, i) => this.addSlot(r, i, false));
    this.layoutRuns();
    this.session.startAll(!this.awaitingPrediction);
    this.refreshAll();
  }

  // A link names uploaded CSVs by hash (state/uploads.js); their texts come from this browser's
  // store. For a text this browser does not have, the page says so and the runs take the preset's
  // data. An older link's inline CSV is stored, so the URL names it by hash from now on.
  async resolveUploads(runs, preset) {
    await this.uploads.load(runs);
    const fallback = (i) => (preset.runs[i] ?? preset.runs[0]).spec.data;
    const { runs: out, missing } = runsFromUrl(runs, (h) => this.uploads.textByHash.get(h), fallback);
    for (const r of out) {
      for (const k of UPLOAD_FIELDS) {
        const text = r.spec.data?.[k];
        if (typeof text === 'string' && !this.uploads.hashOf(text) && text.length <= MAX_UPLOAD_BYTES) await this.uploads.put(text);
      }
    }
    if (missing.length || this.uploadNotice) {
      this.uploadNotice = missing.length ? uploadMissingMessage(missing) : null;
      this.onNotice?.(this.uploadNotice);
    }
    return out;
  }

  teardown() {
    for (const s of this.slots) {
      for (const v of Object.values(s.views)) v?.destroy?.();
    }
    this.session.teardown();
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

  slotsSpecs() {
    return this.slots.length ? this.slots.map((s) => s.spec) : this.preset.runs.map((r) => r.spec);
  }

  // ---- run slots -----------------------------------------------------------------------------
  addSlot(run, position, start = true) {
    const slot = this.session.addSlot(run, position);
    buildCard(this, slot);
    if (start) {
      this.layoutRuns();
      this.session.start(slot, 'add');
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
    this.refreshAll();
    this.updateToolbar();
  }

  // ---- worker messages -----------------------------------------------------------------------
  onReady(slot, msg) {
    if (!this.engineInfo) {
      this.engineInfo = { version: msg.version, simd: msg.simd };
      this.onEngineInfo?.(this.engineInfo);
    }
    buildDataViews(slot, msg.data);
    this.views.acc.root.hidden = this.slots.every((s) => s.data && !s.data.classes);
    buildFields(this, slot);
    if (slot === this.slots[0]) buildDataFields(this);
    this.layoutRuns();
    const wrap = this.root.querySelector('.planes-wrap');
    wrap.hidden = !this.slots.some((s) => s.views.plane || s.views.curve);
    wrap.querySelector('.section-title').textContent = this.slots.some((s) => s.views.curve) ? 'Fitted curves' : 'Decision boundaries';
    const classes = Math.max(0, ...this.slots.map((s) => s.data?.bounds ? s.data.classes : 0));
    this.els.planeLegend.replaceChildren(classes ? planeLegend(classes) : '');
    if (!this.editing) buildEditBar(this, classes);
    this.refresh(slot);
    if (this.viewSet.has('gallery')) refreshGallery(this, true);
  }

  onRecords(slot, msg) {
    if (msg.records.length) {
      for (const v of [this.views.loss, this.views.acc, this.views.grad, this.views.sigma]) v?.append(slot.key, msg.records);
    }
    if (msg.done) {
      const stopAt = slot.epoch;
      for (const v of [this.views.loss, this.views.acc]) v.setStop(slot.key, stopAt, msg.stopReason);
    }
    this.refresh(slot);
  }

  onSnapshot(slot, msg) {
    drawSnapshot(this, slot, msg);
    this.refresh(slot);
  }

  onUpdated(slot, msg, label) {
    for (const v of [this.views.loss, this.views.acc]) v.markChange(slot.key, msg.epoch, label);
    buildFields(this, slot);
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
    for (const slot of this.dirtySlots ?? []) drawCard(this, slot);
    this.dirtySlots = new Set();
    updateTable(this);
    updateClaims(this);
    drawLadder(this);
    this.updateToolbar();
  }

  updateToolbar() {
    const E = this.els;
    if (!E?.play) return;
    this.session.checkDone();
    const allDone = this.session.allFinished;
    E.play.textContent = this.playing ? 'Pause' : allDone ? 'Play again' : 'Play';
    E.play.setAttribute('aria-pressed', this.playing ? 'true' : 'false');
    E.add.disabled = this.slots.length >= this.maxRuns();
    const running = this.slots.filter((s) => s.state === 'running').length;
    const status = allDone ? 'All runs finished.' : this.playing ? `Training ${running} run${running === 1 ? '' : 's'}…` : this.session.pausedByUser ? 'Paused.' : this.awaitingPrediction ? 'Ready: predict first, or press Play to just run.' : 'Ready: press Play to train.';
    if (E.status.textContent !== status) E.status.textContent = status;
    let next = allDone ? 'done' : this.playing ? 'running' : 'paused';
    // The page says "done" only once every chart and run view shows its final state.
    if (next === 'done' && this.viewsPending()) {
      next = 'finishing';
      requestDraw(this);
    }
    this.root.dataset.status = next;
    this.root.dataset.awaiting = String(this.awaitingPrediction);
  }

  // The lab is a view too: its draw() writes the cards and the summary table. A "done" from the
  // status event before that frame left the table a frame behind (a test read "running" there).
  viewsPending() {
    const views = [this, ...Object.values(this.views), ...this.slots.flatMap((s) => [s.views.hist, s.views.curve])];
    return views.some((v) => v && isDirty(v)) || this.slots.some((s) => s.state !== 'error' && !s.finalSnapshot);
  }

  onAllDone() {
    if (this.viewSet.has('biasVariance') && !this.biasVarianceDone) computeBiasVariance(this);
  }

  // ---- playing -------------------------------------------------------------------------------
  rate() {
    return SPEEDS.find(([id]) => id === this.speed)?.[2] ?? 0;
  }

  // Play while the question waits: the student runs without predicting.
  play() {
    if (this.awaitingPrediction) this.settlePrediction('skip');
    this.session.play();
  }

  // The student's answer to "Predict, then run". While the runs wait for it, it starts them;
  // afterwards it restarts them, so they are watched from epoch 0 with the answer given.
  predict(choice) {
    const waiting = this.awaitingPrediction;
    this.settlePrediction(choice);
    if (waiting) this.session.play(); else this.reset(true);
  }

  settlePrediction(choice) {
    if (choice !== 'skip' || !this.session.predictions.has(this.presetId)) this.session.predictions.set(this.presetId, choice);
    this.awaitingPrediction = false;
    holdCharts(false);
    this.prediction?.update();
  }
  schedule() { this.session.schedule(); }
  pause() { this.session.pause(); }
  step() { this.session.step(); }
  reset(play) { this.session.reset(play); }

  setSpeed(id) {
    this.speed = id;
    this.session.setRate(this.rate());
  }

  // ---- editing runs --------------------------------------------------------------------------
  addRun() {
    if (this.slots.length >= this.maxRuns()) return;
    const slot = this.session.addRun(`run ${LETTERS[this.slots.length]}`);
    buildCard(this, slot);
    this.layoutRuns();
    this.session.start(slot, 'add');
    this.emitState();
    if (this.playing) this.schedule();
    return slot;
  }

  removeRun(slot) {
    if (this.slots.length <= 1) return;
    for (const v of Object.values(slot.views)) if (v?.destroy) v.destroy();
    slot.views.confusion?.remove();
    this.session.removeSlot(slot);
    this.layoutRuns();
    drawConfidence(this);
    this.emitState();
  }

  copyToA(slot) {
    const a = this.session.copyToA(slot);
    if (!a) return;
    a.views.title.textContent = a.label;
    a.views.card.dataset.run = a.label;
    buildFields(this, a);
    this.layoutRuns();
    this.restart(a);
    this.emitState();
  }

  // A mid-run change is marked on the charts where it took effect (the session's `updated`);
  // any other change restarts the run (session/run_session.js has the rule).
  changeField(slot, path, value) {
    if (this.session.changeField(slot, path, value) === 'update') slot.pendingChange = `${fieldLabel(this.fields.byPath.get(path))} → ${formatValue(value)}`;
    renameEdited(this, slot);
    this.emitState();
  }

  // Restarts one run from its initial weights (the page's status leaves "done" at once).
  restart(slot) { this.session.restart(slot); }

  changeShared(path, value) {
    this.els.dataError.hidden = true;
    this.session.changeShared(path, value);
    this.emitState();
  }

  redrawSample() {
    const seed = Math.floor(Math.random() * 1e6);
    this.changeShared('data.seed', seed);
  }

  // field: 'csv' (the training rows; drops an earlier validation and test file), 'valCsv' or 'testCsv'.
  // The text is kept in this browser (state/uploads.js) and the URL names it by hash.
  async uploadCsv(file, input, field = 'csv') {
    if (!file) return;
    input.value = '';
    const tooBig = uploadSizeError(file.name, file.size);
    this.els.dataError.textContent = tooBig ?? '';
    this.els.dataError.hidden = !tooBig;
    if (tooBig) return;
    const text = await file.text();
    await this.uploads.put(text, file.name);
    if (this.uploadNotice) {
      this.uploadNotice = null;
      this.onNotice?.(null);
    }
    for (const s of this.slots) {
      if (field !== 'csv') { s.spec = setPath(s.spec, `data.${field}`, text); continue; }
      s.spec = setPath(s.spec, 'data', { ...(s.spec.data ?? {}), kind: 'csv', csv: text, valCsv: undefined, testCsv: undefined });
      for (const k of ['n', 'noise', 'classes']) s.spec = setPath(s.spec, `data.${k}`, undefined);
    }
    this.reset(true);
    this.emitState();
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
