// <reglab-compare>: two (or more) runs side by side with their loss curves — the lab's A/B
// comparison in a compact card.
//   <reglab-compare preset="l2-vs-none"></reglab-compare>
//   <reglab-compare spec-a='{…}' spec-b='{…}' label-a="plain" label-b="L2" epochs="200" autoplay></reglab-compare>
//   (spec-a alone shows one run)
// Attributes: preset | spec-a, spec-b (label-a, label-b), runs (labels to keep from the preset,
// separated by "|"), epochs, metric (loss | accuracy), height, speed (epochs per second, 0 = as
// fast as possible), controls, autoplay, theme, title.
import { el, EpochChart } from '../views/charts.js';
import { summarize } from '../state/summary.js';
import { formatValue } from '../state/spec.js';
import { ReglabWidget, RunGroup, intAttr, choiceAttr, specAttr, textAttr, attributeError, errorText, swatch } from './base.js';
import { loadPreset } from './runtime.js';

export class ReglabCompare extends ReglabWidget {
  static label = 'RegLab comparison';
  static get observedAttributes() { return ['theme']; }

  build() {
    this.epochs = intAttr(this, 'epochs', null, 1, 5000);
    this.height = intAttr(this, 'height', 220, 120, 900);
    this.speed = intAttr(this, 'speed', 0, 0, 2000);
    this.metric = choiceAttr(this, 'metric', 'loss', ['loss', 'accuracy']);
    this.chips = el('div', { class: 'chips' });
    this.ready = this.loadRuns().then((runs) => {
      this.runs = runs;
      this.makeChart();
      this.idleText(this.hasAttribute('autoplay') ? 'Starts training when it scrolls into view.' : 'Press Play to train.');
      return runs;
    });
    this.ready.catch((e) => this.fail(e));
  }

  async loadRuns() {
    const a = specAttr(this, 'spec-a'), b = specAttr(this, 'spec-b');
    let runs, title, desc;
    if (a || b) {
      if (!a) throw attributeError('spec-a', 'is missing: spec-b is only used together with spec-a');
      runs = [{ label: textAttr(this, 'label-a', b ? 'A' : 'run'), spec: a }];
      if (b) runs.push({ label: textAttr(this, 'label-b', 'B'), spec: b });
      title = b ? `${runs[0].label} vs ${runs[1].label}` : runs[0].label;
    } else {
      const name = this.getAttribute('preset') || 'l2-vs-none';
      const p = await loadPreset(name);
      runs = p.runs;
      const keep = this.getAttribute('runs');
      if (keep) {
        const labels = keep.split('|').map((s) => s.trim()).filter(Boolean);
        runs = labels.map((l) => runs.find((r) => r.label === l) ?? (() => { throw attributeError('runs', `names a run the preset does not have: "${l.slice(0, 40)}" (it has ${p.runs.map((r) => r.label).join(', ')})`); })());
      }
      if (!runs.length) throw attributeError('preset', `"${name}" has no runs`);
      title = runs.length === 2 ? `${runs[0].label} vs ${runs[1].label}` : p.title;
      desc = p.description;
    }
    runs = runs.slice(0, 6).map((r) => {
      const spec = structuredClone(r.spec);
      if (this.epochs) spec.training = { ...(spec.training ?? {}), epochs: this.epochs };
      return { label: r.label, spec };
    });
    this.setTitle(textAttr(this, 'title', title, 120), this.hasAttribute('title') ? '' : desc ?? '');
    this.totalEpochs = Math.max(...runs.map((r) => r.spec.training?.epochs ?? 300));
    return runs;
  }

  makeChart() {
    const metrics = this.metric === 'loss'
      ? [{ key: 'trainLoss', label: 'train' }, { key: 'valLoss', label: 'validation', dash: true }]
      : [{ key: 'trainAcc', label: 'train' }, { key: 'valAcc', label: 'validation', dash: true }];
    this.chart?.destroy();
    this.charts = [];
    this.chart = this.addChart(new EpochChart(this.metric === 'loss' ? 'Loss per epoch (solid: train, dashed: validation)' : 'Accuracy per epoch (solid: train, dashed: validation)',
      { metrics, yTitle: this.metric, height: this.height, marks: false, robustY: this.metric === 'loss' }));
    this.chart.root.dataset.chart = 'compare';
    this.chart.setRuns(this.runs.map((r, i) => ({ key: String(i), label: r.label, index: i })));
    this.applyTheme();
    this.body.replaceChildren(this.chart.root, this.chips);
    this.drawChips();
  }

  progressText() {
    const e = Math.max(0, ...(this.group?.runs ?? []).map((r) => r.epoch));
    return `epoch ${e} of ${this.totalEpochs}`;
  }

  async run() {
    const runs = await this.ready;
    this.group = new RunGroup(runs, {
      parallel: 2,
      rate: this.speed,
      on: {
        ready: () => this.setState('training', `Training · ${this.progressText()}`),
        records: (r, recs) => {
          this.chart.append(String(r.index), recs);
          if (this._state === 'training') this.statusEl.textContent = `Training · ${this.progressText()}`;
          this.emit('reglab-epoch', {
            epoch: Math.max(...this.group.runs.map((x) => x.epoch)), epochs: this.totalEpochs,
            runs: this.group.runs.map((x) => ({ label: x.label, epoch: x.epoch, record: x.records[x.records.length - 1] ?? null })),
          });
        },
        finish: (r) => {
          if (r.status === 'error') this.fail({ message: errorText(r.error, `${r.label}: `) });
          this.drawChips();
        },
      },
    });
    await this.group.start();
    this.drawChips();
  }

  summaries() {
    return (this.group?.runs ?? []).map((r) => ({ label: r.label, summary: summarize(r.records, { stopReason: r.stopReason }), stopReason: r.stopReason }));
  }

  drawChips() {
    if (!this.chips) return;
    const sums = this.summaries();
    this.chips.replaceChildren(...(this.runs ?? []).map((r, i) => {
      const s = sums[i]?.summary;
      const parts = [];
      if (s?.epochs) {
        if (s.valLoss !== null) parts.push(`val loss ${formatValue(s.valLoss)}`);
        if (s.gap !== null) parts.push(`gap ${formatValue(s.gap)}`);
        if (s.valAcc !== null) parts.push(`val acc ${(100 * s.valAcc).toFixed(1)} %`);
        if (sums[i].stopReason === 'early_stopping') parts.push(`stopped at ${s.epochs}`);
        if (sums[i].stopReason === 'diverged') parts.push('diverged');
      }
      return el('span', { class: 'chip', 'data-run': r.label },
        swatch(this.runColour(i)),
        el('span', { text: parts.length ? `${r.label}: ${parts.join(' · ')}` : r.label }));
    }));
  }

  onTheme() { this.drawChips?.(); }
  doneText() {
    const s = this.summaries();
    return `Done · ${s.map((x) => `${x.label} ${x.summary.epochs} epochs`).join(', ')}.`;
  }
  result() { return { runs: this.summaries() }; }
  suspend() { this.group?.pause(); }
  resume() { this.group?.resume(); }
  cancel() { this.group?.cancel(); this.group = null; }
  clear() {
    if (this.runs) for (let i = 0; i < this.runs.length; i++) this.chart.reset(String(i));
    this.drawChips();
  }
}
