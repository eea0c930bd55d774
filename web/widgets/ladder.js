// <reglab-ladder>: the regularization ladder on digits — each rung adds one technique to the one
// before; the bars show each rung's validation accuracy as it trains.
// Attributes: epochs, height, speed, controls, autoplay, theme.
import { BarChart } from '../views/charts.js';
import { summarize } from '../state/summary.js';
import { ReglabWidget, RunGroup, intAttr, errorText } from './base.js';
import { loadPreset } from './runtime.js';
import { alpha } from './style.js';

export class ReglabLadder extends ReglabWidget {
  static label = 'The regularization ladder';

  build() {
    this.epochs = intAttr(this, 'epochs', null, 1, 5000);
    this.height = intAttr(this, 'height', 240, 120, 900);
    this.speed = intAttr(this, 'speed', 0, 0, 2000);
    this.chart = this.addChart(new BarChart('Validation accuracy per rung', { yTitle: 'validation accuracy', height: this.height, legend: false }));
    this.chart.root.dataset.chart = 'ladder';
    this.body.replaceChildren(this.chart.root);
    this.ready = loadPreset('ladder').then((p) => {
      this.runs = p.runs.map((r) => {
        const spec = structuredClone(r.spec);
        if (this.epochs) spec.training = { ...spec.training, epochs: this.epochs };
        return { label: r.label, spec };
      });
      this.setTitle(this.constructor.label, p.description);
      this.draw();
      this.idleText(this.hasAttribute('autoplay') ? 'Starts training when it scrolls into view.' : `Press Play to train the ${this.runs.length} rungs.`);
    });
    this.ready.catch((e) => this.fail(e));
  }

  progressText() {
    const done = (this.group?.runs ?? []).filter((r) => r.status === 'done').length;
    return `${done} of ${this.runs?.length ?? 0} rungs`;
  }

  async run() {
    await this.ready;
    this.group = new RunGroup(this.runs, {
      parallel: 2, rate: this.speed,
      on: {
        records: (r, recs) => {
          this.draw();
          if (this._state === 'training') this.statusEl.textContent = `Training · ${this.progressText()} done · ${r.label} at epoch ${r.epoch}`;
          this.emit('reglab-epoch', { epoch: r.epoch, epochs: r.spec.training.epochs, runs: [{ label: r.label, epoch: r.epoch, record: recs[recs.length - 1] }] });
        },
        finish: (r) => { if (r.status === 'error') this.fail({ message: errorText(r.error, `${r.label}: `) }); this.draw(); },
      },
    });
    await this.group.start();
  }

  values() {
    return (this.runs ?? []).map((r, i) => {
      const g = this.group?.runs[i];
      return g?.records.length ? summarize(g.records, { stopReason: g.stopReason }).valAcc : null;
    });
  }

  draw() {
    if (!this.runs) return;
    const v = this.values();
    const pal = this.palette;
    const colours = this.runs.map((_, i) => pal.runs[i % pal.runs.length]);
    this.chart.set(this.runs.map((r) => r.label), [{ label: 'validation accuracy', data: v.map((x) => x ?? 0), colour: colours, fill: colours.map((c) => alpha(c, 0.85)) }],
      this.runs.map((r, i) => `${r.label}: ${v[i] === null ? 'not trained yet' : `${(100 * v[i]).toFixed(1)} %`}`).join('; '));
    const known = v.filter((x) => x !== null);
    const y = this.chart.chart.options.scales.y;
    y.min = known.length ? Math.max(0, Math.floor(10 * Math.min(...known) - 1) / 10) : 0;
    y.max = 1;
    this.chart.root.dataset.rungs = String(known.length);
  }

  doneText() {
    const v = this.values();
    const best = v.indexOf(Math.max(...v.map((x) => x ?? -1)));
    return `Done · best rung: ${this.runs[best].label} (${(100 * v[best]).toFixed(1)} % validation accuracy).`;
  }
  result() { return { runs: this.runs.map((r, i) => ({ label: r.label, valAcc: this.values()[i] })) }; }
  onTheme() { this.draw(); }
  suspend() { this.group?.pause(); }
  resume() { this.group?.resume(); }
  cancel() { this.group?.cancel(); this.group = null; }
  clear() { this.draw(); }
}
