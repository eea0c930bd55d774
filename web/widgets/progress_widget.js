// <reglab-progress>: the student's progress on the four exercises, with "Save to a file" and
// "Load from a file" (the data stays in this browser otherwise).
import { el } from '../views/charts.js';
import { ReglabWidget } from './base.js';
import { loadProgress, exportText, importText, EXERCISES } from './progress.js';
import { sheetFor } from './style.js';

const CSS = `
ol.progress-list { list-style: none; padding: 0; margin: 4px 0 8px; display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 8px; }
ol.progress-list li { border: 1px solid var(--border); border-radius: 8px; padding: 6px 10px; font-size: 13px; background: var(--surface-2); }
ol.progress-list li strong { display: block; font-size: 13.5px; }
ol.progress-list li.passed { border-color: var(--ok); }
ol.progress-list li.passed span { color: var(--ok); }
ol.progress-list li.failed span { color: var(--bad); }
input[type=file] { display: none; }
`;
const NAMES = { '6.1': 'Choose an L2 penalty', '6.2': 'Dropout from scratch', '6.3': 'BatchNorm', '6.4': 'Mixup on digits' };
const WORDS = { passed: '✓ passed', failed: 'not yet passed', checked: 'explanation missing', started: 'started' };

export class ReglabProgress extends ReglabWidget {
  static label = 'Your progress';
  static sheets = [sheetFor('progress', CSS)];

  build() {
    this.buttons.hidden = true;
    this.setTitle('Your progress', 'Kept in this browser only — nothing leaves your computer. Save it to a file to continue elsewhere.');
    this.list = el('ol', { class: 'progress-list' });
    this.file = el('input', { type: 'file', accept: 'application/json,.json', 'aria-label': 'Progress file to load' });
    this.file.addEventListener('change', () => this.load());
    this.body.replaceChildren(this.list, el('div', { class: 'bar' },
      el('button', { type: 'button', text: 'Save to a file', onclick: () => this.save() }),
      el('button', { type: 'button', text: 'Load from a file…', onclick: () => this.file.click() }), this.file));
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
    const blob = new Blob([exportText()], { type: 'application/json' });
    const a = el('a', { href: URL.createObjectURL(blob), download: `reglab-progress-${new Date().toISOString().slice(0, 10)}.json` });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    this.statusEl.textContent = 'Saved.';
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
