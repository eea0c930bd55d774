// <reglab-exercise n="6.1|6.2|6.3|6.4">: the course module's four exercises, each a guided task
// with an automatic check. Progress is saved in this browser (progress.js).
//   6.1  pick λ for L2, explain; check: your run's generalization gap is smaller than the baseline's
//   6.2  write dropout forward/backward in JavaScript; a sandboxed worker checks its properties
//   6.3  add BatchNorm to a deep network; epochs and wall time to a target loss over 3 seeds
//   6.4  mixup on digits; validation-accuracy change over 3 seeds with a 95 % confidence interval
import { el, EpochChart, BarChart } from '../views/charts.js';
import { summarize } from '../state/summary.js';
import { formatValue } from '../state/spec.js';
import { ReglabWidget, RunGroup, choiceAttr, errorText } from './base.js';
import { loadPreset, baseUrl, workerScriptUrl } from './runtime.js';
import { sheetFor } from './style.js';
import { getExercise, updateExercise } from './progress.js';
import { STARTER, REFERENCE } from './dropout_check.js';

const SEEDS = [7, 8, 9];
const T_975 = { 1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571 }; // Student t quantiles

const CSS = `
.task { margin: 0 0 8px; }
.task p { margin: 4px 0; }
.form { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 8px 0; }
textarea.answer { width: 100%; min-height: 4.5em; font: 13.5px/1.45 inherit; font-family: inherit; color: var(--fg); background: var(--surface); border: 1px solid var(--border); border-radius: 7px; padding: 6px 8px; resize: vertical; }
.editor { display: flex; border: 1px solid var(--border); border-radius: 8px; overflow: hidden; background: var(--surface-2); height: 22em; }
.editor .gutter { font: 12.5px/1.5 var(--mono); color: var(--muted); text-align: right; padding: 8px 6px 8px 10px; user-select: none; overflow: hidden; white-space: pre; min-width: 3.2em; border-right: 1px solid var(--border); }
.editor textarea { all: unset; flex: 1; font: 12.5px/1.5 var(--mono); color: var(--fg); background: var(--surface); padding: 8px 10px; white-space: pre; overflow: auto; tab-size: 2; resize: none; }
.editor textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.checks { list-style: none; padding: 0; margin: 8px 0; }
.checks li { display: flex; gap: 8px; padding: 5px 0; border-bottom: 1px solid var(--border); font-size: 13.5px; }
.checks li .mark { flex: none; width: 1.3em; font-weight: 700; text-align: center; }
.checks li.ok .mark { color: var(--ok); }
.checks li.bad .mark { color: var(--bad); }
.checks li .msg { color: var(--muted); display: block; }
.checks li.bad .msg { color: var(--bad); }
details { margin: 8px 0; }
details summary { cursor: pointer; color: var(--accent); font-size: 13px; }
pre.reference { font: 12px/1.5 var(--mono); background: var(--surface-2); border: 1px solid var(--border); border-radius: 8px; padding: 8px 10px; overflow: auto; max-height: 24em; }
.badge { font-size: 11.5px; font-weight: 600; padding: 2px 8px; border-radius: 999px; background: var(--surface-2); color: var(--muted); border: 1px solid var(--border); }
.badge.passed { background: var(--ok-bg); color: var(--ok); border-color: transparent; }
.badge.failed { background: var(--bad-bg); color: var(--bad); border-color: transparent; }
`;

const TITLES = {
  '6.1': 'Exercise 6.1 · Choose an L2 penalty',
  '6.2': 'Exercise 6.2 · Dropout from scratch',
  '6.3': 'Exercise 6.3 · BatchNorm in a deep network',
  '6.4': 'Exercise 6.4 · Mixup on handwritten digits',
};

export class ReglabExercise extends ReglabWidget {
  static label = 'RegLab exercise';
  static sheets = [sheetFor('exercise', CSS)];

  build() {
    this.n = choiceAttr(this, 'n', '6.1', ['6.1', '6.2', '6.3', '6.4']);
    this.dataset.exercise = this.n;
    this.canRetry = true;
    this.buttons.hidden = true;
    this.badge = el('span', { class: 'badge' });
    this.titleEl.after(this.badge);
    this.setTitle(TITLES[this.n], '');
    this.verdict = el('div', { class: 'verdict', hidden: true, role: 'status' });
    this.progress = getExercise(this.n);
    ({ '6.1': () => this.build61(), '6.2': () => this.build62(), '6.3': () => this.build63(), '6.4': () => this.build64() })[this.n]();
    this.showBadge();
    this.onProgress = () => { this.progress = getExercise(this.n); this.showBadge(); this.restore?.(); };
    window.addEventListener('reglab-progress', this.onProgress);
    this.setState('idle', '');
    if (this.progress.result) this.showSaved(this.progress.result);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.sandbox?.terminate();
  }

  showBadge() {
    const s = this.progress.status;
    this.badge.textContent = s === 'passed' ? '✓ passed' : s === 'failed' ? 'not yet passed' : s === 'checked' ? 'checked · explanation missing' : s === 'started' ? 'started' : 'not started';
    this.badge.className = `badge ${s ?? ''}`;
    this.dataset.status = s ?? 'none';
  }

  record(status, result, answers = {}) {
    updateExercise(this.n, { status, result, answers });
  }

  setVerdict(pass, headline, items = []) {
    this.verdict.hidden = false;
    this.verdict.className = `verdict ${pass ? 'pass' : 'fail'}`;
    this.verdict.dataset.pass = String(pass);
    this.verdict.replaceChildren(el('strong', { text: headline }), items.length ? el('ul', {}, items.map((t) => el('li', { text: t }))) : '');
  }

  task(...paragraphs) {
    return el('div', { class: 'task' }, paragraphs.map((t) => el('p', { text: t })));
  }

  runButton(text) {
    this.go = el('button', { type: 'button', class: 'primary', text, onclick: () => (this.isRunning ? this.pause() : this.play()) });
    return this.go;
  }

  updateButtons() {
    super.updateButtons();
    if (this.go) {
      this.go.textContent = this.isRunning ? 'Pause' : this._state === 'paused' ? 'Resume' : this.goText;
    }
  }

  suspend() { this.group?.pause(); }
  resume() { this.group?.resume(); }
  cancel() { this.group?.cancel(); this.group = null; }

  // ---- 6.1 ---------------------------------------------------------------------------------
  build61() {
    this.goText = 'Run both and check';
    const a = this.progress.answers;
    this.lambda = el('input', { type: 'number', min: '0', max: '1', step: 'any', value: String(a.lambda ?? 0.001), 'aria-label': 'L2 penalty λ' });
    this.explain = el('textarea', { class: 'answer', 'aria-label': 'Your explanation', placeholder: 'What changed in the curves when you added the penalty, and why?' });
    this.explain.value = typeof a.explanation === 'string' ? a.explanation : '';
    this.explain.addEventListener('change', () => updateExercise(this.n, { answers: { explanation: this.explain.value }, status: this.progress.status ?? 'started' }));
    this.chart = this.addChart(new EpochChart('Loss per epoch (solid: train, dashed: validation; shading: the gap)', { metrics: [{ key: 'trainLoss', label: 'train' }, { key: 'valLoss', label: 'validation', dash: true }], shadeGap: true, yTitle: 'loss', height: 230, marks: false, robustY: true }));
    this.chart.root.dataset.chart = 'ex61';
    this.chart.root.hidden = true; // shown once there is something to plot
    this.body.replaceChildren(
      this.task('A network with two hidden layers of 64 units is trained on 60 noisy “moons” points. Without regularization, its training loss falls towards zero while its validation loss climbs: the generalization gap (validation loss − training loss) grows.',
        'Choose an L2 penalty λ and run both networks (the same data and initial weights). The check passes when your run ends with a smaller gap than the baseline. Then explain in your own words what changed.'),
      el('div', { class: 'form' }, el('label', { class: 'field' }, 'L2 penalty λ = ', this.lambda), this.runButton(this.goText)),
      this.chart.root, this.verdict,
      el('label', { class: 'field', text: 'Your explanation (saved in this browser):' }), this.explain);
    this.updateButtons();
  }

  async run61() {
    const lambda = Number(this.lambda.value);
    if (!(lambda >= 0 && lambda <= 1)) throw Object.assign(new Error('λ must be a number from 0 to 1'), { path: 'λ' });
    const p = await loadPreset('l2-vs-none');
    const base = p.runs[0].spec;
    const mine = structuredClone(base);
    mine.regularization = { ...(mine.regularization ?? {}), l2: lambda };
    const runs = [{ label: 'baseline (no penalty)', spec: base }, { label: `yours (λ = ${formatValue(lambda)})`, spec: mine }];
    this.chart.setRuns(runs.map((r, i) => ({ key: String(i), label: r.label, index: i })));
    this.applyTheme();
    const r = await this.train(runs, 2);
    const [b, m] = r.map((x) => summarize(x.records, { stopReason: x.stopReason }));
    const pass = m.gap !== null && b.gap !== null && m.gap < b.gap;
    const explanation = this.explain.value.trim();
    const items = [
      `Baseline: training loss ${formatValue(b.trainLoss)}, validation loss ${formatValue(b.valLoss)}, gap ${formatValue(b.gap)}.`,
      `Yours (λ = ${formatValue(lambda)}): training loss ${formatValue(m.trainLoss)}, validation loss ${formatValue(m.valLoss)}, gap ${formatValue(m.gap)}.`,
    ];
    if (pass && explanation.length < 20) items.push('Now write a sentence or two about what changed to complete the exercise, and press the button again.');
    if (!pass) items.push(lambda === 0 ? 'With λ = 0 your run is the baseline; choose a penalty larger than 0.' : 'Try a larger λ: the penalty must be strong enough to stop the weights from fitting the noise.');
    this.setVerdict(pass, pass ? `Your run has the smaller gap (${formatValue(m.gap)} < ${formatValue(b.gap)}).` : `Not yet: your gap ${formatValue(m.gap)} is not smaller than the baseline's ${formatValue(b.gap)}.`, items);
    const status = pass ? (explanation.length >= 20 ? 'passed' : 'checked') : 'failed';
    this.record(status, { pass, lambda, baselineGap: b.gap, yourGap: m.gap }, { lambda, explanation: this.explain.value });
  }

  // ---- 6.2 ---------------------------------------------------------------------------------
  build62() {
    const code = typeof this.progress.answers.code === 'string' ? this.progress.answers.code : STARTER;
    this.editor = el('textarea', { spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off', 'aria-label': 'Your dropout code (JavaScript)', wrap: 'off' });
    this.editor.value = code;
    this.gutter = el('div', { class: 'gutter', 'aria-hidden': 'true' });
    const sync = () => {
      const lines = this.editor.value.split('\n').length;
      if (this.gutter.childNodes.length !== 1 || this.gutterLines !== lines) {
        this.gutter.textContent = Array.from({ length: lines }, (_, i) => i + 1).join('\n');
        this.gutterLines = lines;
      }
      this.gutter.scrollTop = this.editor.scrollTop;
    };
    this.editor.addEventListener('input', () => {
      sync();
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => updateExercise(this.n, { answers: { code: this.editor.value }, status: this.progress.status ?? 'started' }), 500);
    });
    this.editor.addEventListener('scroll', sync);
    this.editor.addEventListener('keydown', (e) => {
      if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        const { selectionStart: s, selectionEnd: t, value } = this.editor;
        this.editor.value = `${value.slice(0, s)}  ${value.slice(t)}`;
        this.editor.selectionStart = this.editor.selectionEnd = s + 2;
        this.editor.dispatchEvent(new Event('input'));
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        this.check62();
      }
    });
    sync();
    this.timeLimit = 3000;
    this.checkButton = el('button', { type: 'button', class: 'primary', text: 'Check my code', onclick: () => this.check62() });
    const restart = el('button', { type: 'button', text: 'Start over', onclick: () => { if (confirm('Replace your code with the starting template?')) { this.editor.value = STARTER; this.editor.dispatchEvent(new Event('input')); } } });
    this.checks = el('ul', { class: 'checks', 'aria-label': 'Checks' });
    const reference = el('pre', { class: 'reference' });
    const details = el('details', {}, el('summary', { text: 'Show a reference solution' }), reference,
      el('button', { type: 'button', text: 'Copy it into the editor', onclick: () => { this.editor.value = REFERENCE; this.editor.dispatchEvent(new Event('input')); } }));
    details.addEventListener('toggle', () => { if (details.open) reference.textContent = REFERENCE; });
    this.body.replaceChildren(
      this.task('Write inverted dropout yourself: forward(x, p, training) and backward(grad) on Float32Arrays. In training mode each unit is dropped with probability p and the survivors are scaled by 1/(1−p); in evaluation mode the layer does nothing. Backward must let the gradient through exactly where forward kept a unit, with the same scale.',
        `Your code runs in a sandboxed worker on this computer: no page, no network, at most ${this.timeLimit / 1000} s. Ctrl+Enter checks.`),
      el('div', { class: 'editor' }, this.gutter, this.editor),
      el('div', { class: 'form' }, this.checkButton, restart),
      this.verdict, this.checks, details);
  }

  sandboxUrl() {
    return workerScriptUrl(new URL('widgets/sandbox-worker.js', baseUrl()), { module: false });
  }

  // Runs the code in a fresh sandbox worker; resolves {results} | {error} | {timeout}.
  runSandbox(code) {
    return new Promise((resolve) => {
      const worker = new Worker(this.sandboxUrl(), { name: 'reglab-sandbox' });
      this.sandbox = worker;
      let settled = false;
      const done = (out) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.terminate();
        if (this.sandbox === worker) this.sandbox = null;
        resolve(out);
      };
      let timer = setTimeout(() => done({ timeout: true }), this.timeLimit + 2000); // loading
      worker.onmessage = (e) => {
        const m = e.data;
        if (m?.type === 'ready') {
          clearTimeout(timer);
          timer = setTimeout(() => done({ timeout: true }), this.timeLimit);
          worker.postMessage({ type: 'check', code });
        } else if (m?.type === 'result' && Array.isArray(m.results)) done({ results: m.results });
        else if (m?.type === 'error') done({ error: String(m.message), stage: String(m.stage ?? '') });
      };
      worker.onerror = (e) => { e.preventDefault(); done({ error: e.message || 'the sandbox stopped unexpectedly (out of memory?)' }); };
    });
  }

  async check62() {
    if (this.checking) return;
    this.checking = true;
    this.checkButton.disabled = true;
    const code = this.editor.value;
    updateExercise(this.n, { answers: { code } });
    this.setState('training', 'Checking in the sandbox…');
    this.checks.replaceChildren();
    const t0 = performance.now();
    try {
      const out = await this.runSandbox(code);
      const ms = performance.now() - t0;
      if (out.timeout) {
        this.setVerdict(false, `Stopped after ${this.timeLimit / 1000} s: your code did not finish.`, ['Is there a loop that never ends? The sandbox was terminated; the page kept running. Fix the loop and check again.']);
        this.record('failed', { pass: false, timeout: true }, { code });
      } else if (out.error) {
        this.setVerdict(false, out.stage === 'compile' ? 'Your code could not be run.' : 'Your code stopped with an error.', [out.error]);
        this.record('failed', { pass: false, error: out.error }, { code });
      } else {
        const failed = out.results.filter((r) => !r.ok);
        this.checks.replaceChildren(...out.results.map((r) => el('li', { class: r.ok ? 'ok' : 'bad', 'data-check': r.id },
          el('span', { class: 'mark', 'aria-hidden': 'true', text: r.ok ? '✓' : '✗' }),
          el('span', {}, el('span', { text: `${r.title}${r.ok ? '' : ' — not yet'}` }), r.ok ? '' : el('span', { class: 'msg', text: r.message })))));
        const pass = failed.length === 0;
        this.setVerdict(pass, pass ? `All ${out.results.length} checks pass. Well done.` : `${failed.length} of ${out.results.length} checks fail.`);
        this.record(pass ? 'passed' : 'failed', { pass, failed: failed.map((r) => r.id) }, { code });
      }
      this.setState('done', `Checked in ${(ms / 1000).toFixed(1)} s.`);
      this.emit('reglab-done', { exercise: '6.2', pass: this.verdict.dataset.pass === 'true' });
    } finally {
      this.checking = false;
      this.checkButton.disabled = false;
    }
  }

  // ---- 6.3 ---------------------------------------------------------------------------------
  build63() {
    this.goText = 'Run 3 seeds and compare';
    const a = this.progress.answers;
    this.norm = el('select', { 'aria-label': 'Normalization' }, ['batch', 'layer', 'none'].map((v) => el('option', { value: v, text: { batch: 'BatchNorm', layer: 'LayerNorm', none: 'none' }[v] })));
    this.norm.value = typeof a.norm === 'string' ? a.norm : 'batch';
    this.place = el('select', { 'aria-label': 'Placement' }, [el('option', { value: 'pre', text: 'before the activation' }), el('option', { value: 'post', text: 'after the activation' })]);
    this.place.value = a.placement === 'post' ? 'post' : 'pre';
    this.chart = this.addChart(new EpochChart('Training loss per epoch (each line one seed)', { metrics: [{ key: 'trainLoss', label: 'train' }], yTitle: 'training loss', height: 220, marks: false }));
    this.chart.root.dataset.chart = 'ex63';
    this.chart.root.hidden = true; // shown once there is something to plot
    this.table = el('table', { 'aria-label': 'Epochs and wall time to the target loss' });
    this.body.replaceChildren(
      this.task('A deep network (five hidden layers of 32 units, plain SGD at learning rate 0.1) learns a three-class spiral. Deep plain networks start slowly: the signal shrinks or grows from layer to layer.',
        'Add a normalization layer and measure how many epochs (and how many seconds) each network needs to bring its training loss below the target, for three seeds. The check passes when yours gets there in fewer epochs on average and on every seed.'),
      el('div', { class: 'form' }, el('label', { class: 'field' }, 'Normalization ', this.norm), el('label', { class: 'field' }, 'placed ', this.place), this.runButton(this.goText)),
      this.chart.root, this.table, this.verdict);
    this.updateButtons();
  }

  async run63() {
    const p = await loadPreset('batchnorm');
    const target = p.raw.targetLoss ?? 0.5;
    const base = p.runs[0].spec;
    const norm = this.norm.value, placement = this.place.value;
    const runs = [];
    for (const seed of SEEDS) {
      runs.push({ label: `without · seed ${seed}`, spec: { ...structuredClone(base), seed }, seed, mine: false });
      const mine = { ...structuredClone(base), seed };
      mine.model = { ...mine.model, norm, normPlacement: placement };
      runs.push({ label: `yours · seed ${seed}`, spec: mine, seed, mine: true });
    }
    for (const r of runs) r.stopWhen = (rec) => Number.isFinite(rec.trainLoss) && rec.trainLoss <= target;
    this.chart.setRuns(runs.map((r, i) => ({ key: String(i), label: r.label, index: r.mine ? 1 : 0 })));
    this.chart.setExtraAnnotations({ target: { type: 'line', yMin: target, yMax: target, borderColor: this.palette.muted, borderDash: [4, 4], borderWidth: 1, label: { display: true, content: `target ${target}`, position: 'end', font: { size: 10 }, backgroundColor: 'transparent', color: this.palette.muted, yAdjust: -8 } } });
    this.applyTheme();
    const out = await this.train(runs, 2);
    const maxEpochs = base.training.epochs;
    const rows = SEEDS.map((seed) => {
      const [b, m] = [out.find((r) => r.seed === seed && !r.mine), out.find((r) => r.seed === seed && r.mine)].map((r) => {
        const hit = r.stopReason === 'target' ? r.records[r.records.length - 1] : null;
        return { epochs: hit ? hit.epoch : null, ms: hit ? hit.time : null };
      });
      return { seed, b, m };
    });
    const cens = (x) => x.epochs ?? maxEpochs + 1;
    const mean = (xs) => xs.reduce((s, v) => s + v, 0) / xs.length;
    const mb = mean(rows.map((r) => cens(r.b))), mm = mean(rows.map((r) => cens(r.m)));
    const fmtE = (x) => (x.epochs === null ? `not within ${maxEpochs}` : String(x.epochs));
    const fmtT = (x) => (x.ms === null ? '—' : `${(x.ms / 1000).toFixed(2)} s`);
    this.table.replaceChildren(
      el('thead', {}, el('tr', {}, ['seed', 'without: epochs', 'time', `yours (${norm === 'none' ? 'none' : `${norm} norm, ${placement}`}): epochs`, 'time'].map((t) => el('th', { scope: 'col', text: t })))),
      el('tbody', {}, rows.map((r) => el('tr', {}, el('td', { text: String(r.seed) }), el('td', { text: fmtE(r.b) }), el('td', { text: fmtT(r.b) }), el('td', { text: fmtE(r.m) }), el('td', { text: fmtT(r.m) })))));
    const everySeed = rows.every((r) => r.m.epochs !== null && cens(r.m) < cens(r.b));
    const pass = mm < mb && everySeed;
    const tb = mean(rows.map((r) => r.b.ms ?? NaN)), tm = mean(rows.map((r) => r.m.ms ?? NaN));
    const items = [`Mean epochs to a training loss of ${target}: without ${mb > maxEpochs ? `more than ${maxEpochs}` : mb.toFixed(1)}, yours ${mm > maxEpochs ? `more than ${maxEpochs}` : mm.toFixed(1)}.`];
    if (Number.isFinite(tb) && Number.isFinite(tm)) items.push(`Mean wall time to the target: without ${(tb / 1000).toFixed(2)} s, yours ${(tm / 1000).toFixed(2)} s (an epoch with normalization costs a little more; fewer epochs usually win).`);
    if (!pass) items.push(norm === 'none' ? 'With no normalization your network is the baseline: choose BatchNorm or LayerNorm.' : 'Your network was not faster on every seed. Try the other placement or the other normalization.');
    this.setVerdict(pass, pass ? `Yours reaches the target in ${mm.toFixed(1)} epochs on average, the baseline in ${mb > maxEpochs ? `more than ${maxEpochs}` : mb.toFixed(1)}.` : 'Not yet: your network is not faster on every seed.', items);
    this.record(pass ? 'passed' : 'failed', { pass, target, rows, meanEpochsBaseline: mb, meanEpochsYours: mm }, { norm, placement });
  }

  // ---- 6.4 ---------------------------------------------------------------------------------
  build64() {
    this.goText = 'Run 3 seeds and compare';
    const a = this.progress.answers;
    this.alpha = el('input', { type: 'number', min: '0.05', max: '4', step: 'any', value: String(a.alpha ?? 0.2), 'aria-label': 'Mixup α' });
    this.width = el('select', { 'aria-label': 'Hidden units' }, [64, 128, 256].map((v) => el('option', { value: String(v), text: String(v) })));
    this.width.value = String(a.hidden ?? 64);
    this.chart = this.addChart(new BarChart('Final validation accuracy per seed', { yTitle: 'validation accuracy', height: 220 }));
    this.chart.root.dataset.chart = 'ex64';
    this.chart.root.hidden = true; // shown once there is something to plot
    this.table = el('table', { 'aria-label': 'Validation accuracy per seed' });
    this.body.replaceChildren(
      this.task('A one-hidden-layer network learns to read 8×8 handwritten digits from only 200 training images. Mixup trains on blends of two images, λx₁ + (1−λ)x₂, with the same blend of their labels; λ ~ Beta(α, α).',
        'Choose α (and the width of the network) and compare with the same network trained without mixup, on three seeds. The page reports the change in validation accuracy with a 95 % confidence interval; the check passes when your configuration beats the baseline on average.'),
      el('div', { class: 'form' }, el('label', { class: 'field' }, 'mixup α = ', this.alpha), el('label', { class: 'field' }, 'hidden units ', this.width), this.runButton(this.goText)),
      this.chart.root, this.table, this.verdict);
    this.updateButtons();
  }

  async run64() {
    const alpha = Number(this.alpha.value), hidden = Number(this.width.value);
    if (!(alpha >= 0.05 && alpha <= 4)) throw Object.assign(new Error('α must be a number from 0.05 to 4'), { path: 'α' });
    const p = await loadPreset('mixup');
    const base = structuredClone(p.runs[0].spec);
    base.model = { ...base.model, hidden: [hidden] };
    const runs = [];
    for (const seed of SEEDS) {
      runs.push({ label: `without · seed ${seed}`, spec: { ...structuredClone(base), seed }, seed, mine: false });
      runs.push({ label: `mixup · seed ${seed}`, spec: { ...structuredClone(base), seed, augment: { mixup: { alpha } } }, seed, mine: true });
    }
    this.drawBars(runs, []);
    const out = await this.train(runs, 2, () => this.drawBars(runs, this.group.runs));
    const acc = (r) => summarize(r.records, { stopReason: r.stopReason }).valAcc;
    const rows = SEEDS.map((seed) => {
      const b = acc(out.find((r) => r.seed === seed && !r.mine)), m = acc(out.find((r) => r.seed === seed && r.mine));
      return { seed, baseline: b, mixup: m, diff: m - b };
    });
    const d = rows.map((r) => r.diff);
    const n = d.length, mean = d.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    const half = T_975[n - 1] * sd / Math.sqrt(n);
    const pp = (v) => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(1)} pp`;
    this.table.replaceChildren(
      el('thead', {}, el('tr', {}, ['seed', 'without', `mixup α=${formatValue(alpha)}`, 'change'].map((t) => el('th', { scope: 'col', text: t })))),
      el('tbody', {}, rows.map((r) => el('tr', {}, el('td', { text: String(r.seed) }), el('td', { text: `${(100 * r.baseline).toFixed(1)} %` }), el('td', { text: `${(100 * r.mixup).toFixed(1)} %` }), el('td', { text: pp(r.diff) })))),
      el('tfoot', {}, el('tr', {}, el('th', { scope: 'row', text: 'mean' }), el('td'), el('td'), el('td', { text: `${pp(mean)} ± ${(100 * half).toFixed(1)}` }))));
    const pass = mean > 0;
    const ci = `95 % confidence interval of the mean change: ${pp(mean - half)} to ${pp(mean + half)} (t distribution, ${n - 1} degrees of freedom).`;
    const items = [ci, mean - half > 0 ? 'The interval lies above zero: the improvement is clear even with three seeds.' : 'The interval includes zero: with three seeds the change is within the seed-to-seed noise.'];
    if (!pass) items.push('Try another α (smaller values blend less), a wider network, or compare what the curves of the lab (lesson 6.7) show.');
    this.setVerdict(pass, pass ? `Mixup beats the baseline by ${pp(mean)} on average.` : `Not yet: mixup changes validation accuracy by ${pp(mean)} on average.`, items);
    this.record(pass ? 'passed' : 'failed', { pass, alpha, hidden, rows, mean, ci: [mean - half, mean + half] }, { alpha, hidden });
  }

  drawBars(runs, live) {
    const pal = this.palette;
    const val = (mine, seed) => {
      const r = live.find((x) => x.seed === seed && x.mine === mine);
      return r?.records.length ? summarize(r.records).valAcc : null;
    };
    this.chart.set(SEEDS.map((s) => `seed ${s}`), [
      { label: 'without mixup', data: SEEDS.map((s) => val(false, s)), colour: pal.runs[0] },
      { label: 'with mixup', data: SEEDS.map((s) => val(true, s)), colour: pal.runs[1] },
    ], SEEDS.map((s) => `seed ${s}: without ${formatValue(val(false, s))}, with ${formatValue(val(true, s))}`).join('; '));
    const y = this.chart.chart.options.scales.y;
    y.min = 0.5; y.max = 1;
  }

  // ---- shared --------------------------------------------------------------------------------
  // Trains runs through the pool; resolves the finished RunGroup runs (throws on an engine error).
  async train(runs, parallel, onProgress) {
    const total = runs.reduce((s, r) => s + (r.spec.training?.epochs ?? 100), 0);
    this.group = new RunGroup(runs, {
      parallel,
      on: {
        records: (r, recs) => {
          this.chart.append?.(String(r.index), recs);
          onProgress?.();
          const done = this.group.runs.reduce((s, x) => s + (x.status === 'done' ? x.spec.training.epochs : x.epoch), 0);
          if (this._state === 'training') this.statusEl.textContent = `Training · ${Math.min(99, Math.round((100 * done) / total))} %`;
        },
        finish: () => onProgress?.(),
      },
    });
    const out = await this.group.start();
    const bad = out.find((r) => r.status === 'error');
    if (bad) throw Object.assign(new Error(`${bad.label}: ${bad.error.message}`), { path: bad.error.path });
    return out;
  }

  async run() {
    this.verdict.hidden = true;
    if (this.chart) this.chart.root.hidden = false;
    if (this.n === '6.1') return this.run61();
    if (this.n === '6.3') return this.run63();
    if (this.n === '6.4') return this.run64();
  }

  doneText() { return 'Done. Your result is saved in this browser.'; }
  result() { return { exercise: this.n, pass: this.verdict.dataset.pass === 'true' }; }

  fail(e) {
    super.fail(e);
    if (this.verdict) this.setVerdict(false, 'The runs could not finish.', [errorText(e)]);
  }

  clear() {}

  showSaved(result) {
    if (this.n === '6.2' || !result) return;
    const when = this.progress.updated ? new Date(this.progress.updated).toLocaleString() : '';
    this.statusEl.textContent = `Last checked ${when}: ${result.pass ? 'passed' : 'not yet passed'}. Run it again to see the curves.`;
  }
}

