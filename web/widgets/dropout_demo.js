// <reglab-dropout-demo>: one network with dropout fitted to noisy 1-D data. While it trains, the
// chart shows the evaluation-mode curve (deterministic), three training-mode passes (each a
// different thinned network) and the MC-dropout mean ± 2 std over 30 passes.
// Attributes: p (drop probability, default 0.2), epochs, height, speed, controls, autoplay, theme.
import { el, XYChart } from '../views/charts.js';
import { formatValue } from '../state/spec.js';
import { ReglabWidget, RunGroup, intAttr, numberAttr } from './base.js';
import { loadPreset } from './runtime.js';
import { alpha } from './style.js';

export class ReglabDropoutDemo extends ReglabWidget {
  static label = 'Dropout: every training pass is a different network';

  build() {
    this.p = numberAttr(this, 'p', 0.2, 0, 0.9);
    this.epochs = intAttr(this, 'epochs', null, 1, 5000);
    this.height = intAttr(this, 'height', 240, 120, 900);
    this.speed = intAttr(this, 'speed', 60, 0, 2000);
    this.setTitle(this.constructor.label, 'Thin lines: single passes with dropout on (training mode). Solid: dropout off (evaluation). Band: MC-dropout mean ± 2 std over 30 passes.');
    this.chart = this.addChart(new XYChart('Fitted curve on noisy sine data', { xTitle: 'x', yTitle: 'y', height: this.height }));
    this.chart.root.dataset.chart = 'dropout';
    const slider = el('input', { type: 'range', min: '0', max: '0.8', step: '0.05', value: String(this.p), 'aria-label': 'drop probability p' });
    this.pText = el('output', { text: this.p.toFixed(2) });
    slider.addEventListener('input', () => { this.pText.textContent = Number(slider.value).toFixed(2); });
    slider.addEventListener('change', () => { this.p = Number(slider.value); this.reset(); this.play(); });
    const knob = el('label', { class: 'field' }, 'drop probability p ', slider, this.pText);
    knob.hidden = !this.showControls;
    this.body.replaceChildren(knob, this.chart.root);
    this.ready = loadPreset('mc-dropout').then((p) => {
      this.base = p.runs.find((r) => r.spec.model?.dropout > 0)?.spec ?? p.runs[0].spec;
      this.idleText(this.hasAttribute('autoplay') ? 'Starts training when it scrolls into view.' : 'Press Play to train.');
    });
    this.ready.catch((e) => this.fail(e));
  }

  spec() {
    const s = structuredClone(this.base);
    s.model = { ...s.model, dropout: this.p };
    if (this.epochs) s.training = { ...s.training, epochs: this.epochs };
    return s;
  }

  progressText() { return `epoch ${this.group?.runs[0].epoch ?? 0} of ${this.group?.runs[0].spec.training?.epochs ?? ''}`; }

  async run() {
    await this.ready;
    this.group = new RunGroup([{ label: `p = ${this.p}`, spec: this.spec() }], {
      parallel: 1, rate: this.speed, probes: { curve: { passes: 3, mcSamples: 30 } },
      on: {
        ready: (r, msg) => { this.data = msg.data; this.drawCurve(null); },
        records: (r, recs) => {
          const last = recs[recs.length - 1];
          this.lastRecord = last;
          if (this._state === 'training') this.statusEl.textContent = `Training · ${this.progressText()} · train loss ${formatValue(last.trainLoss)}, validation loss ${formatValue(last.valLoss)}`;
          this.emit('reglab-epoch', { epoch: last.epoch, epochs: r.spec.training.epochs, runs: [{ label: r.label, epoch: last.epoch, record: last }] });
        },
        snapshot: (r, msg) => { if (msg.curve) this.drawCurve({ ...msg.curve, epoch: msg.epoch }); },
      },
    });
    await this.group.start();
    const r = this.group.runs[0];
    if (r.status === 'error') throw Object.assign(new Error(r.error.message), { path: r.error.path });
  }

  drawCurve(curve) {
    this.curve = curve ?? this.curve;
    const pal = this.palette, d = this.data;
    if (!d) return;
    const sets = [];
    const pts = (xs, ys) => Array.from(xs, (x, i) => ({ x, y: ys[i] }));
    const c = this.curve;
    if (c?.mc) {
      const up = Array.from(c.x, (x, i) => ({ x, y: c.mc.mean[i] + 2 * c.mc.std[i] }));
      const lo = Array.from(c.x, (x, i) => ({ x, y: c.mc.mean[i] - 2 * c.mc.std[i] }));
      sets.push({ label: 'MC mean ± 2 std', data: up, borderColor: 'transparent', backgroundColor: alpha(pal.runs[1], 0.2), pointRadius: 0, fill: false, order: 5 });
      sets.push({ label: '', data: lo, borderColor: 'transparent', backgroundColor: alpha(pal.runs[1], 0.2), pointRadius: 0, fill: '-1', order: 5 });
    }
    (c?.trainPasses ?? []).forEach((ys, k) => sets.push({ label: k === 0 ? 'training-mode passes' : '', data: pts(c.x, ys), borderColor: alpha(pal.runs[1], 0.75), borderWidth: 1, pointRadius: 0, order: 3 }));
    if (c) sets.push({ label: 'evaluation mode', data: pts(c.x, c.evalY), borderColor: pal.runs[0], borderWidth: 2.2, pointRadius: 0, order: 2 });
    sets.push({ label: 'training data', data: pts(d.train.x, d.train.y), showLine: false, pointRadius: 2.5, borderColor: pal.muted, backgroundColor: pal.muted, order: 1 });
    const opts = this.chart.chart.options;
    opts.plugins.legend.labels.filter = (item) => !!item.text;
    const spread = c?.mc ? Math.max(...c.mc.std) : 0;
    this.chart.set(sets, c ? `After epoch ${c.epoch ?? ''}: ${c.trainPasses.length} training-mode passes${c.mc ? `, largest MC std ${formatValue(spread)}` : ''}.` : 'Training data.');
    this.chart.root.dataset.epoch = String(this.lastRecord?.epoch ?? 0);
  }

  onTheme() { if (this.data) this.drawCurve(null); }
  doneText() { return `Done · ${this.progressText()} · p = ${this.p}.`; }
  result() { return { runs: [{ label: `p = ${this.p}`, summary: this.lastRecord ?? null }] }; }
  suspend() { this.group?.pause(); }
  resume() { this.group?.resume(); }
  cancel() { this.group?.cancel(); this.group = null; }
  clear() { this.curve = null; this.lastRecord = null; if (this.data) this.drawCurve(null); }
}
