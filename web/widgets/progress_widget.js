// <reglab-progress>: the student's self-assessment on the four exercises, kept in this browser, with
// "Save to a file" / "Load from a file", and "Download a submission" (answers only) for an
// instructor, who re-runs every check on instructor.html.
import { el } from '../views/charts.js';
import { ReglabWidget } from './base.js';
import { loadProgress, exportText, importText, submissionText, EXERCISES } from './progress.js';
import { sheetFor } from './style.js';

const CSS = `
ol.progress-list { list-style: none; padding: 0; margin: 4px 0 8px; display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 8px; }
ol.progress-list li { border: 1px solid var(--border); border-radius: 8px; padding: 6px 10px; font-size: 13px; background: var(--surface-2); }
ol.progress-list li strong { display: block; font-size: 13.5px; }
ol.progress-list li.passed { border-color: var(--ok); }
ol.progress-list li.passed span { color: var(--ok); }
ol.progress-list li.failed span { color: var(--bad); }
input[type=file] { display: none; }
.submit { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin-top: 10px; padding-top: 8px; border-top: 1px solid var(--border); font-size: 13px; }
.submit input { font: inherit; color: var(--fg); background: var(--surface); border: 1px solid var(--border); border-radius: 6px; padding: 4px 8px; min-width: 12em; }
.submit .note { color: var(--muted); flex-basis: 100%; }
`;
const NAMES = { '6.1': 'Choose an L2 penalty', '6.2': 'Dropout from scratch', '6.3': 'BatchNorm', '6.4': 'Mixup on digits' };
const WORDS = { passed: '✓ passed', failed: 'not yet passed', started: 'started' };

export class ReglabProgress extends ReglabWidget {
  static label = 'Your progress (self-assessment)';
  static sheets = [sheetFor('progress', CSS)];

  build() {
    this.buttons.hidden = true;
    this.setTitle('Your progress — a self-assessment kept in this browser', 'Nothing leaves your computer, and nothing here is proof of anything: anyone can edit it. Save it to a file to continue elsewhere. To be graded, download a submission and hand it in: your instructor re-runs every check from your answers.');
    this.list = el('ol', { class: 'progress-list' });
    this.file = el('input', { type: 'file', accept: 'application/json,.json', 'aria-label': 'Progress file to load' });
    this.file.addEventListener('change', () => this.load());
    this.body.replaceChildren(this.list, el('div', { class: 'bar' },
      el('button', { type: 'button', text: 'Save to a file', onclick: () => this.save() }),
      el('button', { type: 'button', text: 'Load from a file…', onclick: () => this.file.click() }), this.file),
    el('div', { class: 'submit' },
      el('label', {}, 'Your name ', this.student = el('input', { type: 'text', maxlength: '120', autocomplete: 'name', 'aria-label': 'Your name for the submission' })),
      el('button', { type: 'button', text: 'Download a submission', onclick: () => this.submit() }),
      el('span', { class: 'note', text: 'A submission holds your code, your answers and when you changed them, and whether you viewed the reference solution.' })));
    this.onProgress = () => this.draw();
    window.addEventListener('reglab-progress', this.onProgress);
    this.draw();
    this.setState('idle', '');
  }

  draw() {
    const p = loadProgress();
    this.list.replaceChildren(...EXERCISES.map((n) => {
      const s = p.exercises[n]?.status ?? null;
      return el('li', { class: s ?? '', 'data-exercise': n }, el('strong', { text: `${n} ${NAMES[n]}` }), el('span', { text: WORDS[s] ?? 'not started' }));
    }));
    const passed = EXERCISES.filter((n) => p.exercises[n]?.status === 'passed').length;
    this.dataset.passed = String(passed);
  }

  save() {
    this.download(exportText(), `reglab-progress-${new Date().toISOString().slice(0, 10)}.json`);
    this.statusEl.textContent = 'Saved.';
  }

  submit() {
    const name = this.student.value.trim();
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'student';
    this.download(submissionText(name), `reglab-submission-${slug}-${new Date().toISOString().slice(0, 10)}.json`);
    this.statusEl.textContent = 'Submission downloaded: hand this file in.';
  }

  download(text, name) {
    const blob = new Blob([text], { type: 'application/json' });
    const a = el('a', { href: URL.createObjectURL(blob), download: name });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  async load() {
    const f = this.file.files?.[0];
    if (!f) return;
    try {
      if (f.size > 2_000_000) throw new Error('this file is too large to be a progress file');
      importText(await f.text());
      this.setState('idle', `Loaded ${f.name}.`);
    } catch (e) {
      this.setState('error', `Could not load ${f.name}: ${e.message}`);
      this.canRetry = true;
    }
    this.file.value = '';
  }
}
