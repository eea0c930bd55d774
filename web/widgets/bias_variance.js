// <reglab-bias-variance>: for each model capacity, K networks trained on K independent training
// sets of a noisy sine; their predictions split the test error into bias², variance and noise.
// It trains K × capacities networks, so it runs in the shared task worker, one capacity at a time,
// with a progress bar. Attributes: k (networks per capacity), epochs, height, controls, autoplay, theme.
import { el, BarChart } from '../views/charts.js';
import { formatValue } from '../state/spec.js';
import { ReglabWidget, intAttr } from './base.js';
import { loadPresetFile, taskWorker } from './runtime.js';

let uid = 0;

export class ReglabBiasVariance extends ReglabWidget {
  static label = 'Bias² + variance + noise vs model capacity';

  build() {
    this.uid = ++uid;
    this.k = intAttr(this, 'k', null, 2, 50);
    this.epochs = intAttr(this, 'epochs', null, 10, 5000);
    this.height = intAttr(this, 'height', 240, 120, 900);
    this.chart = this.addChart(new BarChart('Error decomposition on the test grid', { xTitle: 'hidden layers', yTitle: 'squared error', height: this.height }));
    this.chart.root.dataset.chart = 'bias-variance';
    this.bar = el('div');
    this.progress = el('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Progress of the bias–variance computation', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': '0' }, this.bar);
    this.body.replaceChildren(this.progress, this.chart.root);
    this.rows = [];
    this.ready = loadPresetFile('6.1').then((p) => {
      const { spec, options } = structuredClone(p.biasVariance);
      if (this.k) options.K = this.k;
      if (this.epochs) spec.training = { ...spec.training, epochs: this.epochs };
      this.spec = spec;
      this.options = options;
      this.setTitle(this.constructor.label, `For each capacity, ${options.K} networks are trained on ${options.K} independent noisy samples of a sine curve. Bias²: error of their average prediction. Variance: how much they disagree.`);
      this.draw();
      this.idleText(this.hasAttribute('autoplay') ? 'Starts when it scrolls into view.' : `Press Play to train ${options.K * options.capacities.length} networks.`);
    });
    this.ready.catch((e) => this.fail(e));
  }

  progressText() { return `${this.rows.length} of ${this.options?.capacities.length ?? 0} capacities`; }

  async run() {
    await this.ready;
    const gen = this.gen;
    const caps = this.options.capacities;
    const t0 = performance.now();
    for (let i = this.rows.length; i < caps.length; i++) {
      await this.gate();
      if (gen !== this.gen) return;
      this.statusEl.textContent = `Training ${this.options.K} networks with hidden layers [${caps[i].join(', ')}] · ${this.progressText()}`;
      const rows = await taskWorker().run('biasVariance', { spec: this.spec, options: { ...this.options, capacities: [caps[i]] } }, `bv-${this.uid}-${gen}-${i}`);
      if (gen !== this.gen || !rows) return;
      this.rows.push({ ...rows[0], hidden: caps[i] });
      this.draw();
      this.emit('reglab-epoch', { epoch: this.rows.length, epochs: caps.length, runs: [{ label: `[${caps[i].join(',')}]`, record: rows[0] }] });
    }
    this.seconds = (performance.now() - t0) / 1000;
  }

  draw() {
    const caps = this.options?.capacities ?? [];
    const pct = caps.length ? Math.round((100 * this.rows.length) / caps.length) : 0;
    this.bar.style.width = `${pct}%`;
    this.progress.setAttribute('aria-valuenow', String(pct));
    const labels = caps.map((c) => `[${c.join(',')}]`);
    const pal = this.palette;
    const series = [['bias²', 'bias2', pal.runs[0], []], ['variance', 'variance', pal.runs[1], [6, 4]], ['noise σ²', 'noise', pal.muted, [2, 3]], ['total', 'total', pal.runs[2], [10, 3, 2, 3]]];
    this.chart.set(labels, series.map(([label, key, colour, dash]) => ({ label, type: 'line', data: caps.map((_, i) => this.rows[i]?.[key] ?? null), colour, dash })),
      this.rows.map((r, i) => `${labels[i]}: bias² ${formatValue(r.bias2)}, variance ${formatValue(r.variance)}, total ${formatValue(r.total)}`).join('; '));
    this.chart.root.dataset.capacities = String(this.rows.length);
  }

  doneText() {
    if (!this.rows.length) return 'Done.';
    const best = this.rows.reduce((a, b) => (b.total < a.total ? b : a));
    return `Done${this.seconds ? ` in ${this.seconds.toFixed(1)} s` : ''} · lowest total error at [${best.hidden.join(',')}] (${formatValue(best.total)}).`;
  }
  result() { return { rows: this.rows }; }
  onTheme() { if (this.options) this.draw(); }
  clear() { this.rows = []; this.draw(); }
}
