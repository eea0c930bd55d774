// <reglab-exercise n="6.1|6.2|6.3|6.4">: the course module's four exercises, each a guided task
// with an automatic check. Progress is a self-assessment kept in this browser (progress.js); an
// instructor grades from a submission file by re-running every check (instructor.js).
//   6.1  pick λ for L2, explain; check over 3 seeds: validation loss lower and validation accuracy
//        no lower than the baseline's (a network that learned nothing fails); the text is saved
//   6.2  write dropout forward/backward in JavaScript; the code runs in a sandbox (sandbox.js) and
//        the page's checker (dropout_check.js) tests dropout's definition on the answers
//   6.3  add BatchNorm to a deep network; epochs and wall time to a target loss over 3 seeds
//   6.4  mixup on Fashion-MNIST photos with a small CNN; the student's stated conclusion must match the 95 % confidence interval
//        of the validation-accuracy change over 3 seeds
// element.check(answers) — or check(code) for 6.2 — runs exactly what the exercise's button runs
// and resolves {pass, checks: [{id, ok, message}]}.
import { el, EpochChart, BarChart } from '../views/charts.js';
import { summarize } from '../state/summary.js';
import { formatValue } from '../state/spec.js';
import { ReglabWidget, RunGroup, choiceAttr, errorText } from './base.js';
import { loadPreset, baseUrl, workerScriptUrl } from './runtime.js';
import { sheetFor } from './style.js';
import { getExercise, updateExercise } from './progress.js';
import { STARTER, REFERENCE } from './dropout_check.js';
import { Sandbox, SandboxError } from './sandbox.js';

const SEEDS = [7, 8, 9];
const CONCLUSIONS = { better: 'mixup improves validation accuracy', same: 'no clear difference', worse: 'mixup makes validation accuracy worse' };

// ---- the code editor of 6.2 -------------------------------------------------------------------
// A page may provide a richer editor (the exercises page bundles CodeMirror: web/exercises.js).
// factory({doc, root, label, onChange(value), onRun()}) → {dom, value (get/set), markErrors([{line, message}]), destroy()}.
let codeEditorFactory = null;
const editorUsers = new Set();
export function setCodeEditor(factory) {
  codeEditorFactory = factory;
  for (const w of editorUsers) w.useEditor(factory, w.editor.value);
}

function plainEditor({ doc, label, onChange, onRun }) {
  const area = el('textarea', { spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off', 'aria-label': label, wrap: 'off' });
  const gutter = el('div', { class: 'gutter', 'aria-hidden': 'true' });
  const errors = el('ul', { class: 'editor-errors', hidden: true });
  let lines = 0;
  const sync = () => {
    const n = area.value.split('\n').length;
    if (n !== lines) { gutter.textContent = Array.from({ length: n }, (_, i) => i + 1).join('\n'); lines = n; }
    gutter.scrollTop = area.scrollTop;
  };
  area.value = doc;
  area.addEventListener('input', () => { sync(); onChange(area.value); });
  area.addEventListener('scroll', sync);
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      area.setRangeText('  ', area.selectionStart, area.selectionEnd, 'end');
      area.dispatchEvent(new Event('input'));
    } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      onRun();
    }
  });
  sync();
  return {
    dom: el('div', {}, el('div', { class: 'editor' }, gutter, area), errors),
    get value() { return area.value; },
    set value(v) { area.value = v; sync(); },
    markErrors(list) {
      errors.hidden = !list.length;
      errors.replaceChildren(...list.map((d) => el('li', { 'data-line': String(d.line), text: `line ${d.line}: ${d.message}` })));
    },
    destroy() {},
  };
}

// A sandbox failure (time limit, syntax error, error while loading, a broken answer) → a verdict.
function sandboxVerdict(e, limit) {
  const where = e.line > 0 ? ` (line ${e.line})` : '';
  const said = `${e.errorName}: ${e.message}${where}`;
  const one = (id, title, message, headline, items = []) => ({ pass: false, checks: [{ id, title, ok: false, message, line: e.line ?? 0 }], headline, items });
  switch (e.stage) {
    case 'timeout': return one('time', 'Finishes within the time limit', `stopped after ${limit / 1000} s`, `Stopped after ${limit / 1000} s: your code did not finish.`, ['Is there a loop that never ends? The sandbox was removed; the page kept running. Fix the loop and check again.']);
    case 'compile': return one('syntax', 'The code can be read', said, 'Your code could not be run.', [said]);
    case 'load': return one('load', 'The code loads without an error', said, 'Your code stopped with an error.', [said]);
    default: return one('sandbox', 'The sandbox answers', e.message, `The sandbox ended the check: ${e.message}.`);
  }
}

const publicResult = (r) => ({ pass: r.pass, checks: r.checks.map((c) => ({ id: c.id, ok: c.ok, message: c.message })) });

const T_975 = { 1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571 }; // Student t quantiles

const CSS = `
:host { --cm-keyword: #7a2ea6; --cm-number: #8f4700; --cm-string: #1a7037; }
:host([data-theme="dark"]) { --cm-keyword: #d4a5ff; --cm-number: #ffb86b; --cm-string: #7ee29a; }
.task { margin: 0 0 8px; }
.task p { margin: 4px 0; }
.form { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 8px 0; }
textarea.answer { width: 100%; min-height: 4.5em; font: 13.5px/1.45 inherit; font-family: inherit; color: var(--fg); background: var(--surface); border: 1px solid var(--border); border-radius: 7px; padding: 6px 8px; resize: vertical; }
.editor { display: flex; border: 1px solid var(--border); border-radius: 8px; overflow: hidden; background: var(--surface-2); height: 22em; }
.editor .gutter { font: 12.5px/1.5 var(--mono); color: var(--muted); text-align: right; padding: 8px 6px 8px 10px; user-select: none; overflow: hidden; white-space: pre; min-width: 3.2em; border-right: 1px solid var(--border); }
.editor textarea { all: unset; flex: 1; font: 12.5px/1.5 var(--mono); color: var(--fg); background: var(--surface); padding: 8px 10px; white-space: pre; overflow: auto; tab-size: 2; resize: none; }
.editor textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.editor-errors { list-style: none; margin: 4px 0 0; padding: 0; font: 12.5px/1.5 var(--mono); color: var(--bad); }
.note { color: var(--muted); font-size: 12.5px; }
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
  '6.4': 'Exercise 6.4 · Mixup on an image classification task',
};

// build() runs a microtask after the element is connected (base.js).
const whenBuilt = (w) => (w.n ? Promise.resolve() : new Promise((resolve) => { const t = setInterval(() => { if (w.n) { clearInterval(t); resolve(); } }, 10); }));

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
    // no-progress: a grading copy (instructor.html) neither reads nor writes this browser's progress.
    this.keepsProgress = !this.hasAttribute('no-progress');
    this.progress = this.keepsProgress ? getExercise(this.n) : { status: null, answers: {}, result: null, updated: null };
    ({ '6.1': () => this.build61(), '6.2': () => this.build62(), '6.3': () => this.build63(), '6.4': () => this.build64() })[this.n]();
    this.showBadge();
    if (this.keepsProgress) {
      this.onProgress = () => { this.progress = getExercise(this.n); this.showBadge(); };
      window.addEventListener('reglab-progress', this.onProgress);
    }
    this.setState('idle', '');
    if (this.progress.result) this.showSaved(this.progress.result);
    this.dataset.ready = 'true';
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.n === '6.2') editorUsers.add(this);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    editorUsers.delete(this);
  }

  showBadge() {
    const s = this.progress.status;
    const ref = this.progress.answers?.referenceShown === true && this.progress.result?.referenceShown === true;
    this.badge.textContent = s === 'passed' ? (ref ? '✓ passed · reference viewed' : '✓ passed') : s === 'failed' ? 'not yet passed' : s === 'started' ? 'started' : 'not started';
    this.badge.className = `badge ${s ?? ''}`;
    this.dataset.status = s ?? 'none';
  }

  // A check's outcome replaces the stored one: a later failing check undoes an earlier pass.
  record(status, result, answers = {}) {
    this.lastResult = result;
    if (this.keepsProgress) updateExercise(this.n, { status, result, answers });
  }

  // Sets the exercise's inputs from `answers` (or the code, for 6.2) and runs exactly what its
  // button runs. Resolves {pass, checks: [{id, ok, message}]}.
  async check(answers) {
    await whenBuilt(this);
    if (this.n === '6.2') {
      const code = typeof answers === 'string' ? answers : answers?.code;
      if (typeof code !== 'string') throw new TypeError('check(code): exercise 6.2 takes the code as a string');
      return this.check62(code);
    }
    if (this.isRunning) throw new Error(`exercise ${this.n} is already running`);
    this.applyAnswers(answers ?? {});
    return new Promise((resolve) => {
      this.pendingCheck = resolve;
      this.play();
    });
  }

  applyAnswers(a) {
    const set = (input, v) => { if (input && v !== undefined && v !== null) input.value = String(v); };
    if (this.n === '6.1') { set(this.lambda, a.lambda); set(this.explain, a.explanation); }
    if (this.n === '6.3') { set(this.norm, a.norm); set(this.place, a.placement); }
    if (this.n === '6.4') { set(this.alpha, a.alpha); set(this.width, a.hidden); set(this.conclusion, a.conclusion); }
  }

  // Shows a 6.1/6.3/6.4 outcome, records it and answers a pending check().
  conclude(status, r, result, answers) {
    const failed = r.checks.filter((c) => !c.ok);
    this.setVerdict(r.pass, r.headline, [...r.items, ...failed.map((c) => c.message.charAt(0).toUpperCase() + c.message.slice(1) + '.')]);
    this.record(status, { ...result, pass: r.pass, checks: r.checks.map((c) => ({ id: c.id, ok: c.ok })) }, answers);
    this.resolveCheck(publicResult(r));
  }

  resolveCheck(out) {
    const resolve = this.pendingCheck;
    this.pendingCheck = null;
    resolve?.(out);
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
    this.goText = 'Run 3 seeds and check';
    const a = this.progress.answers;
    this.lambda = el('input', { type: 'number', min: '0', max: '1', step: 'any', value: String(a.lambda ?? 0.001), 'aria-label': 'L2 penalty λ' });
    this.explain = el('textarea', { class: 'answer', 'aria-label': 'Your explanation', placeholder: 'What changed in the curves when you added the penalty, and why?' });
    this.explain.value = typeof a.explanation === 'string' ? a.explanation : '';
    this.explain.addEventListener('change', () => { if (this.keepsProgress) updateExercise(this.n, { answers: { explanation: this.explain.value }, status: this.progress.status ?? 'started' }); });
    this.chart = this.addChart(new EpochChart('Loss per epoch, seed 7 (solid: train, dashed: validation; shading: the gap)', { metrics: [{ key: 'trainLoss', label: 'train' }, { key: 'valLoss', label: 'validation', dash: true }], shadeGap: true, yTitle: 'loss', height: 230, marks: false, robustY: true }));
    this.chart.root.dataset.chart = 'ex61';
    this.chart.root.hidden = true; // shown once there is something to plot
    this.table = el('table', { 'aria-label': 'Final losses and accuracy per seed' });
    this.body.replaceChildren(
      this.task('A network with two hidden layers of 64 units is trained on 60 noisy “moons” points. Without regularization, its training loss falls towards zero while its validation loss climbs: the generalization gap (validation loss − training loss) grows.',
        'Choose an L2 penalty λ and train both networks on three seeds (the same data and initial weights per seed). The check passes when, averaged over the seeds, your network ends with a lower validation loss than the baseline and a validation accuracy at least as high — a smaller gap alone is not enough: a penalty so strong that the network learns nothing has no gap at all. Then explain in your own words what changed (saved with your work, not graded).'),
      el('div', { class: 'form' }, el('label', { class: 'field' }, 'L2 penalty λ = ', this.lambda), this.runButton(this.goText)),
      this.chart.root, this.table, this.verdict,
      el('label', { class: 'field', text: 'Your explanation (saved with your work; your instructor reads it):' }), this.explain);
    this.updateButtons();
  }

  async run61() {
    const lambda = Number(this.lambda.value);
    if (!(lambda >= 0 && lambda <= 1)) throw Object.assign(new Error('λ must be a number from 0 to 1'), { path: 'λ' });
    const p = await loadPreset('l2-vs-none');
    const base = p.runs[0].spec;
    const runs = [];
    for (const seed of SEEDS) {
      runs.push({ label: `baseline · seed ${seed}`, spec: { ...structuredClone(base), seed }, seed, mine: false });
      const mine = { ...structuredClone(base), seed };
      mine.regularization = { ...(mine.regularization ?? {}), l2: lambda };
      runs.push({ label: `yours (λ = ${formatValue(lambda)}) · seed ${seed}`, spec: mine, seed, mine: true });
    }
    this.chart.setRuns([]); // no curves of an earlier run stay behind
    this.chart.setRuns(runs.slice(0, 2).map((r, i) => ({ key: String(i), label: r.mine ? 'yours' : 'baseline', index: i })));
    this.applyTheme();
    const out = await this.train(runs, 2);
    const rows = SEEDS.map((seed) => {
      const [b, m] = [false, true].map((mine) => { const r = out.find((x) => x.seed === seed && x.mine === mine); return summarize(r.records, { stopReason: r.stopReason }); });
      return { seed, b, m };
    });
    const mean = (f) => rows.reduce((sum, r) => sum + (f(r) ?? NaN), 0) / rows.length;
    const bl = mean((r) => r.b.valLoss), ml = mean((r) => r.m.valLoss), ba = mean((r) => r.b.valAcc), ma = mean((r) => r.m.valAcc);
    const bt = mean((r) => r.b.trainLoss), mt = mean((r) => r.m.trainLoss);
    const pc = (v) => `${(100 * v).toFixed(1)} %`;
    this.table.replaceChildren(
      el('thead', {}, el('tr', {}, ['seed', 'baseline: val loss', 'val acc', `yours: val loss`, 'val acc', 'train loss'].map((t) => el('th', { scope: 'col', text: t })))),
      el('tbody', {}, rows.map((r) => el('tr', {}, el('td', { text: String(r.seed) }), el('td', { text: formatValue(r.b.valLoss) }), el('td', { text: pc(r.b.valAcc) }), el('td', { text: formatValue(r.m.valLoss) }), el('td', { text: pc(r.m.valAcc) }), el('td', { text: formatValue(r.m.trainLoss) })))),
      el('tfoot', {}, el('tr', {}, el('th', { scope: 'row', text: 'mean' }), el('td', { text: formatValue(bl) }), el('td', { text: pc(ba) }), el('td', { text: formatValue(ml) }), el('td', { text: pc(ma) }), el('td', { text: formatValue(mt) }))));
    const chance = Math.LN2;
    const checks = [
      { id: 'val-loss', title: 'Lower validation loss than the baseline', ok: ml < bl, message: ml < bl ? '' : `your mean validation loss ${formatValue(ml)} is not lower than the baseline's ${formatValue(bl)}${lambda === 0 ? ' — with λ = 0 your run is the baseline; choose a penalty larger than 0' : ''}` },
      { id: 'val-acc', title: 'Validation accuracy at least the baseline’s', ok: ma >= ba, message: ma >= ba ? '' : `your mean validation accuracy ${pc(ma)} is below the baseline's ${pc(ba)}${mt > 0.9 * chance ? `: your training loss stays at ${formatValue(mt)}, close to ln 2 ≈ 0.693 (guessing) — the penalty is so strong that the network learns nothing; choose a smaller λ` : ''}` },
    ];
    const pass = checks.every((c) => c.ok);
    const items = [
      `Mean over seeds ${SEEDS.join(', ')} — baseline: training loss ${formatValue(bt)}, validation loss ${formatValue(bl)}, accuracy ${pc(ba)}; yours: training loss ${formatValue(mt)}, validation loss ${formatValue(ml)}, accuracy ${pc(ma)}.`,
      `Generalization gap (validation − training loss): baseline ${formatValue(bl - bt)}, yours ${formatValue(ml - mt)}.`,
    ];
    const explanation = this.explain.value;
    if (pass && !explanation.trim()) items.push('Now write a sentence or two about what changed: it is saved with your work for your instructor.');
    const headline = pass ? `Your penalty generalizes better: validation loss ${formatValue(ml)} < ${formatValue(bl)}, accuracy ${pc(ma)} vs ${pc(ba)}.` : 'Not yet: your network does not generalize better than the baseline.';
    this.conclude(pass ? 'passed' : 'failed', { pass, checks, headline, items }, { lambda, rows: rows.map((r) => ({ seed: r.seed, baseline: { valLoss: r.b.valLoss, valAcc: r.b.valAcc }, yours: { valLoss: r.m.valLoss, valAcc: r.m.valAcc, trainLoss: r.m.trainLoss } })) }, { lambda, explanation });
  }

  // ---- 6.2 ---------------------------------------------------------------------------------
  build62() {
    const code = typeof this.progress.answers.code === 'string' ? this.progress.answers.code : STARTER;
    this.timeLimit = 3000;
    this.editorHost = el('div', { class: 'editor-host' });
    editorUsers.add(this);
    this.useEditor(codeEditorFactory, code);
    this.checkButton = el('button', { type: 'button', class: 'primary', text: 'Check my code', onclick: () => this.check62() });
    const restart = el('button', { type: 'button', text: 'Start over', onclick: () => { if (confirm('Replace your code with the starting template?')) this.setCode(STARTER); } });
    this.checks = el('ul', { class: 'checks', 'aria-label': 'Checks' });
    const reference = el('pre', { class: 'reference' });
    const details = el('details', {}, el('summary', { text: 'Show the reference solution (recorded in your progress)' }), reference,
      el('button', { type: 'button', text: 'Copy it into the editor', onclick: () => { this.noteReference(); this.setCode(REFERENCE); } }));
    details.addEventListener('toggle', () => { if (details.open) { reference.textContent = REFERENCE; this.noteReference(); } });
    this.body.replaceChildren(
      this.task('Write inverted dropout yourself: forward(x, p, training) and backward(grad) on Float32Arrays. In training mode each unit is dropped with probability p, independently of every other unit and of earlier passes, and the survivors are scaled by 1/(1−p); in evaluation mode the layer does nothing. Backward must let the gradient through exactly where the last forward pass kept a unit, with the same scale.',
        `Your code runs in a sealed sandbox on this computer (no page, no network, no storage), at most ${this.timeLimit / 1000} s. The checker runs outside it: it calls your functions with its own inputs and measures the answers. Ctrl+Enter checks.`),
      this.editorHost,
      el('div', { class: 'form' }, this.checkButton, restart),
      this.verdict, this.checks, details);
  }

  // The code editor: CodeMirror when the page provides it (exercises.js), a plain text area otherwise.
  useEditor(factory, code) {
    const onChange = (value) => {
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => updateExercise(this.n, { answers: { code: value }, status: this.progress.status ?? 'started' }), 500);
    };
    this.editor?.destroy?.();
    this.editor = (factory ?? plainEditor)({ doc: code, root: this.shadowRoot, label: 'Your dropout code (JavaScript)', onChange, onRun: () => this.check62() });
    this.editorHost.replaceChildren(this.editor.dom);
  }

  setCode(code) {
    this.editor.value = code;
    this.editor.markErrors([]);
    updateExercise(this.n, { answers: { code }, status: this.progress.status ?? 'started' });
  }

  noteReference() {
    if (this.progress.answers.referenceShown) return;
    updateExercise(this.n, { answers: { referenceShown: true, referenceShownAt: new Date().toISOString() }, status: this.progress.status ?? 'started' });
  }

  // Runs `code` through the sandbox and the checker → {pass, checks: [{id, ok, message, title, line}], headline, items}.
  // The sandbox frame and the checker's worker talk through a MessageChannel: the page reads only
  // the checker's outcome, never an answer of the student's code, and keeps the time.
  async grade62(code) {
    const sandbox = new Sandbox(this.shadowRoot, { timeLimit: this.timeLimit, url: this.sandboxUrl });
    const checker = new Worker(workerScriptUrl(new URL('widgets/checker-worker.js', baseUrl()), { module: false }), { name: 'reglab-checker' });
    try {
      const outcome = new Promise((resolve, reject) => {
        checker.onmessage = (e) => {
          const m = e.data;
          if (m?.type === 'result' && Array.isArray(m.results)) resolve(m.results);
          else if (m?.type === 'sandbox-error') reject(new SandboxError(m.stage === 'answer' ? 'answer' : String(m.stage).slice(0, 20), m.error ?? {}));
          else reject(new Error(`the checker stopped: ${String(m?.message ?? 'no result').slice(0, 300)}`));
        };
        checker.onerror = (e) => { e.preventDefault(); reject(new Error(`the checker could not run: ${e.message}`)); };
      });
      const channel = new MessageChannel();
      checker.postMessage({ type: 'start' }, [channel.port1]);
      await sandbox.open(code, channel.port2);
      const checks = await Promise.race([outcome, sandbox.deadline()]);
      const failed = checks.filter((c) => !c.ok);
      const pass = failed.length === 0;
      return { pass, checks, headline: pass ? `All ${checks.length} checks pass.` : `${failed.length} of ${checks.length} checks fail.`, items: [] };
    } catch (e) {
      if (!(e instanceof SandboxError)) throw e;
      return sandboxVerdict(e, this.timeLimit);
    } finally {
      checker.terminate();
      sandbox.dispose();
    }
  }

  async check62(code) {
    if (this.checking) return this.checking;
    if (typeof code === 'string') this.editor.value = code;
    const run = (async () => {
      this.checkButton.disabled = true;
      const src = this.editor.value;
      updateExercise(this.n, { answers: { code: src } });
      this.setState('training', 'Checking in the sandbox…');
      this.checks.replaceChildren();
      this.editor.markErrors([]);
      const t0 = performance.now();
      try {
        const r = await this.grade62(src);
        const reference = getExercise(this.n).answers.referenceShown === true;
        if (r.pass) r.headline = reference ? `${r.headline} (after viewing the reference solution — recorded)` : `${r.headline} Well done.`;
        this.checks.replaceChildren(...r.checks.map((c) => el('li', { class: c.ok ? 'ok' : 'bad', 'data-check': c.id },
          el('span', { class: 'mark', 'aria-hidden': 'true', text: c.ok ? '✓' : '✗' }),
          el('span', {}, el('span', { text: `${c.title}${c.ok ? '' : ' — not yet'}` }), c.ok ? '' : el('span', { class: 'msg', text: c.message })))));
        this.setVerdict(r.pass, r.headline, r.items);
        this.editor.markErrors([...r.checks, ...(r.errors ?? [])].filter((c) => !c.ok && c.line > 0).map((c) => ({ line: c.line, message: c.message })));
        this.record(r.pass ? 'passed' : 'failed', { pass: r.pass, checks: r.checks.map((c) => ({ id: c.id, ok: c.ok })), referenceShown: reference }, { code: src });
        this.setState('done', `Checked in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
        this.emit('reglab-done', { exercise: '6.2', pass: r.pass });
        return publicResult(r);
      } catch (e) {
        this.fail(e);
        return { pass: false, checks: [{ id: 'run', ok: false, message: errorText(e) }] };
      } finally {
        this.checkButton.disabled = false;
        this.checking = null;
      }
    })();
    this.checking = run;
    return run;
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
        'Add batch normalization (BatchNorm) and measure how many epochs (and how many seconds) each network needs to bring its training loss below the target, for three seeds. The check passes when your network uses BatchNorm and gets there in fewer epochs on average and on every seed. (LayerNorm is there to compare: it helps too, but it is not what this exercise asks for.)'),
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
    this.chart.setRuns([]); // no curves of an earlier run stay behind
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
    const faster = mm < mb && everySeed;
    const tb = mean(rows.map((r) => r.b.ms ?? NaN)), tm = mean(rows.map((r) => r.m.ms ?? NaN));
    const fmtMean = (v) => (v > maxEpochs ? `more than ${maxEpochs}` : v.toFixed(1));
    const items = [`Mean epochs to a training loss of ${target}: without ${fmtMean(mb)}, yours ${fmtMean(mm)}.`];
    if (Number.isFinite(tb) && Number.isFinite(tm)) items.push(`Mean wall time to the target: without ${(tb / 1000).toFixed(2)} s, yours ${(tm / 1000).toFixed(2)} s (an epoch with normalization costs a little more; fewer epochs usually win).`);
    const normWhy = {
      layer: 'the exercise asks for BatchNorm: LayerNorm normalizes each sample over its own units, BatchNorm normalizes each unit over the batch (and keeps running statistics for evaluation) — choose BatchNorm',
      none: 'with no normalization your network is the baseline: choose BatchNorm',
    };
    const checks = [
      { id: 'batchnorm', title: 'Your network uses BatchNorm', ok: norm === 'batch', message: normWhy[norm] ?? '' },
      { id: 'faster', title: 'Fewer epochs to the target, on average and on every seed', ok: faster, message: faster ? '' : `your network was not faster on every seed (mean ${fmtMean(mm)} epochs against ${fmtMean(mb)}); try the other placement` },
    ];
    const pass = checks.every((c) => c.ok);
    const headline = pass ? `Yours reaches the target in ${mm.toFixed(1)} epochs on average, the baseline in ${fmtMean(mb)}.` : norm !== 'batch' ? `Not yet: this exercise asks for BatchNorm (yours: ${norm === 'layer' ? 'LayerNorm' : 'no normalization'}).` : 'Not yet: your network is not faster on every seed.';
    this.conclude(pass ? 'passed' : 'failed', { pass, checks, headline, items }, { target, rows, meanEpochsBaseline: mb, meanEpochsYours: mm, norm, placement }, { norm, placement });
  }

  // ---- 6.4 ---------------------------------------------------------------------------------
  build64() {
    this.goText = 'Run 3 seeds and check';
    const a = this.progress.answers;
    this.alpha = el('input', { type: 'number', min: '0.05', max: '4', step: 'any', value: String(a.alpha ?? 0.2), 'aria-label': 'Mixup α' });
    this.width = el('select', { 'aria-label': 'Hidden units' }, [64, 128, 256].map((v) => el('option', { value: String(v), text: String(v) })));
    this.width.value = String(a.hidden ?? 64);
    this.conclusion = el('select', { 'aria-label': 'Your conclusion' }, [el('option', { value: '', text: 'choose after the runs…' }), ...Object.entries(CONCLUSIONS).map(([v, t]) => el('option', { value: v, text: t }))]);
    this.conclusion.value = Object.hasOwn(CONCLUSIONS, a.conclusion) ? a.conclusion : '';
    this.chart = this.addChart(new BarChart('Final validation accuracy per seed', { yTitle: 'validation accuracy', height: 220 }));
    this.chart.root.dataset.chart = 'ex64';
    this.chart.root.hidden = true; // shown once there is something to plot
    this.table = el('table', { 'aria-label': 'Validation accuracy per seed' });
    this.body.replaceChildren(
      this.task('A one-hidden-layer network learns to read 8×8 handwritten digits from only 200 training images. Mixup trains on blends of two images, λx₁ + (1−λ)x₂, with the same blend of their labels; λ ~ Beta(α, α).',
        'A small convolutional network (two 3×3 convolution blocks, then a dense layer) classifies 600 Fashion-MNIST photos of clothing. Choose α (and the width of the dense layer) and compare with the same network trained without mixup, on three seeds. The page reports the change in validation accuracy with a 95 % confidence interval. Then state your conclusion: the check passes when it is the one the interval supports — an improvement (the interval lies above zero), no clear difference (it contains zero), or worse (below zero). An honest “no clear difference” passes.'),
      el('div', { class: 'form' }, el('label', { class: 'field' }, 'mixup α = ', this.alpha), el('label', { class: 'field' }, 'dense units ', this.width), this.runButton(this.goText)),
      this.chart.root, this.table,
      el('div', { class: 'form' }, el('label', { class: 'field' }, 'Your conclusion: ', this.conclusion),
        el('button', { type: 'button', text: 'Check my conclusion', onclick: () => this.play() })),
      this.verdict);
    this.updateButtons();
  }

  async run64() {
    const alpha = Number(this.alpha.value), hidden = Number(this.width.value), conclusion = this.conclusion.value;
    if (!(alpha >= 0.05 && alpha <= 4)) throw Object.assign(new Error('α must be a number from 0.05 to 4'), { path: 'α' });
    const key = `${alpha}|${hidden}`;
    let rows = this.measured?.key === key ? this.measured.rows : null;
    if (!rows) {
      const p = await loadPreset('mixup');
      const base = structuredClone(p.runs[0].spec);
      base.model = { ...base.model, hidden: [hidden] };
      // Six CNN runs must finish in a class: 600 training photos and 12 epochs (the lesson's preset
      // trains 1,000 for 20).
      base.data = { ...base.data, trainSize: 600 };
      base.training = { ...base.training, epochs: 12 };
      const runs = [];
      for (const seed of SEEDS) {
        runs.push({ label: `without · seed ${seed}`, spec: { ...structuredClone(base), seed }, seed, mine: false });
        runs.push({ label: `mixup · seed ${seed}`, spec: { ...structuredClone(base), seed, augment: { mixup: { alpha } } }, seed, mine: true });
      }
      this.drawBars(runs, []);
      const out = await this.train(runs, 2, () => this.drawBars(runs, this.group.runs));
      const acc = (r) => summarize(r.records, { stopReason: r.stopReason }).valAcc;
      rows = SEEDS.map((seed) => {
        const b = acc(out.find((r) => r.seed === seed && !r.mine)), m = acc(out.find((r) => r.seed === seed && r.mine));
        return { seed, baseline: b, mixup: m, diff: m - b };
      });
      // The runs are deterministic: the same α and width give the same numbers, so changing only
      // the conclusion is checked against these without training again.
      this.measured = { key, rows, runs: out.map((r) => ({ seed: r.seed, mine: r.mine, records: r.records })) };
    } else {
      this.drawBars(SEEDS.flatMap((seed) => [false, true].map((mine) => ({ seed, mine }))), this.measured.runs);
    }
    const d = rows.map((r) => r.diff);
    const n = d.length, mean = d.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    const half = T_975[n - 1] * sd / Math.sqrt(n);
    const lo = mean - half, hi = mean + half;
    const pp = (v) => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(1)} pp`;
    this.table.replaceChildren(
      el('thead', {}, el('tr', {}, ['seed', 'without', `mixup α=${formatValue(alpha)}`, 'change'].map((t) => el('th', { scope: 'col', text: t })))),
      el('tbody', {}, rows.map((r) => el('tr', {}, el('td', { text: String(r.seed) }), el('td', { text: `${(100 * r.baseline).toFixed(1)} %` }), el('td', { text: `${(100 * r.mixup).toFixed(1)} %` }), el('td', { text: pp(r.diff) })))),
      el('tfoot', {}, el('tr', {}, el('th', { scope: 'row', text: 'mean' }), el('td'), el('td'), el('td', { text: `${pp(mean)} ± ${(100 * half).toFixed(1)}` }))));
    // What the interval supports (a zero-width interval at 0 — identical runs — is "no clear difference").
    const supported = lo > 0 ? 'better' : hi < 0 ? 'worse' : 'same';
    const ci = `95 % confidence interval of the mean change: ${pp(lo)} to ${pp(hi)} (t distribution, ${n - 1} degrees of freedom).`;
    const reading = { better: 'The interval lies above zero: mixup improves validation accuracy here, even with three seeds.', same: 'The interval contains zero: with three seeds the change is within the seed-to-seed noise — no clear difference.', worse: 'The interval lies below zero: mixup makes validation accuracy worse here.' }[supported];
    const checks = [{
      id: 'conclusion', title: 'Your conclusion matches the interval', ok: conclusion === supported,
      message: !conclusion ? `state your conclusion (the interval runs from ${pp(lo)} to ${pp(hi)}) and check again — the runs are kept, so this takes no time` : conclusion === supported ? '' : `you concluded “${CONCLUSIONS[conclusion]}”, but the interval from ${pp(lo)} to ${pp(hi)} supports “${CONCLUSIONS[supported]}”`,
    }];
    const pass = checks[0].ok;
    const headline = pass ? `Your conclusion “${CONCLUSIONS[conclusion]}” matches the measured interval (${pp(lo)} to ${pp(hi)}).` : conclusion ? 'Not yet: your conclusion does not match the measured interval.' : `Measured: mean change ${pp(mean)}. Now state your conclusion.`;
    this.conclude(pass ? 'passed' : 'failed', { pass, checks, headline, items: [ci, reading] }, { alpha, hidden, rows, mean, ci: [lo, hi], supported, conclusion }, { alpha, hidden, conclusion });
  }

  drawBars(runs, live) {
    const pal = this.palette;
    const val = (mine, seed) => {
      const r = live.find((x) => x.seed === seed && x.mine === mine);
      return r?.records?.length ? summarize(r.records).valAcc : null;
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

  doneText() { return this.keepsProgress ? 'Done. Saved in this browser as your self-assessment.' : 'Done.'; }
  result() { return { exercise: this.n, pass: this.verdict.dataset.pass === 'true' }; }

  fail(e) {
    super.fail(e);
    if (this.verdict && this.n !== '6.2') this.setVerdict(false, 'The runs could not finish.', [errorText(e)]);
    this.resolveCheck({ pass: false, checks: [{ id: 'run', ok: false, message: errorText(e) }] });
  }

  clear() {}

  showSaved(result) {
    if (this.n === '6.2' || !result) return;
    const when = this.progress.updated ? new Date(this.progress.updated).toLocaleString() : '';
    this.statusEl.textContent = `Last checked ${when}: ${result.pass ? 'passed' : 'not yet passed'}. Run it again to see the curves.`;
  }
}

