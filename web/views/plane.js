// The decision boundary of one run on 2-D data: class probabilities on a grid (measured in the
// worker) drawn as a soft heatmap, training points filled, validation points as rings.
import { el } from './charts.js';
import { classColour, cssVar, rgb, runColour, themeName } from './theme.js';

export class PlaneView {
  constructor(label, index, { size = 260 } = {}) {
    this.label = label;
    this.index = index;
    this.size = size;
    this.canvas = el('canvas', { width: size, height: size, role: 'img', 'aria-label': `Decision boundary of ${label}` });
    this.caption = el('figcaption', {}, el('span', { class: 'swatch', style: `background:${runColour(index)}` }), ` ${label}`);
    this.summary = el('p', { class: 'sr-only' });
    this.root = el('figure', { class: 'plane', 'data-points': '0' }, this.caption, this.canvas, this.summary);
    this.data = null;
    this.boundary = null;
    this.editing = null;    // {points: [{x, y, label}], brush: class index | 'erase', onEdit}
    this.grid = document.createElement('canvas');
    this.canvas.addEventListener('pointerdown', (e) => this.onPointer(e));
  }

  // Bring-your-own-data: while editing, a click adds a point of the brush's class at that spot
  // (data coordinates) or, with the eraser, removes the nearest point.
  edit(editing) {
    this.editing = editing;
    this.root.classList.toggle('editing', !!editing);
    this.draw();
  }

  onPointer(e) {
    const ed = this.editing, b = this.data?.bounds;
    if (!ed || !b) return;
    const r = this.canvas.getBoundingClientRect();
    const fx = (e.clientX - r.left) / r.width, fy = (e.clientY - r.top) / r.height;
    const x = b.x0 + fx * (b.x1 - b.x0), y = b.y1 - fy * (b.y1 - b.y0);
    if (ed.brush === 'erase') {
      let best = -1, bestD = Infinity;
      ed.points.forEach((p, i) => {
        const d = Math.hypot((p.x - x) / (b.x1 - b.x0) * r.width, (p.y - y) / (b.y1 - b.y0) * r.height);
        if (d < bestD) { bestD = d; best = i; }
      });
      if (best >= 0 && bestD < 14) ed.points.splice(best, 1);
    } else {
      ed.points.push({ x, y, label: ed.brush });
    }
    ed.onEdit?.(ed.points);
    this.draw();
  }
  mount(parent) { parent.append(this.root); return this; }

  setData(data) { this.data = data; this.boundary = null; this.draw(); }
  setBoundary(b) { this.boundary = b; this.draw(); }

  draw() {
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    const px = Math.round(this.size * dpr);
    if (this.canvas.width !== px) { this.canvas.width = px; this.canvas.height = px; }
    const ctx = this.canvas.getContext('2d');
    const bg = rgb(cssVar('--surface') || '#ffffff');
    ctx.fillStyle = `rgb(${bg.join(',')})`;
    ctx.fillRect(0, 0, px, px);
    const d = this.data;
    if (!d?.bounds) return;
    const b = this.boundary;
    if (b) {
      const { n, classes, probs } = b;
      this.grid.width = n; this.grid.height = n;
      const g = this.grid.getContext('2d');
      const img = g.createImageData(n, n);
      const cols = Array.from({ length: classes }, (_, k) => rgb(classColour(k)));
      for (let i = 0; i < n * n; i++) {
        let pmax = 0, r = 0, gg = 0, bb = 0;
        for (let k = 0; k < classes; k++) {
          const p = probs[i * classes + k];
          pmax = Math.max(pmax, p);
          r += p * cols[k][0]; gg += p * cols[k][1]; bb += p * cols[k][2];
        }
        // Confident regions take more of the class colour; the boundary fades to the background.
        const s = 0.08 + 0.4 * Math.max(0, (pmax - 1 / classes) / (1 - 1 / classes));
        img.data[4 * i] = bg[0] + s * (r - bg[0]);
        img.data[4 * i + 1] = bg[1] + s * (gg - bg[1]);
        img.data[4 * i + 2] = bg[2] + s * (bb - bg[2]);
        img.data[4 * i + 3] = 255;
      }
      g.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(this.grid, 0, 0, px, px);
    }
    const { x0, x1, y0, y1 } = d.bounds;
    const sx = (x) => ((x - x0) / (x1 - x0)) * px, sy = (y) => ((y1 - y) / (y1 - y0)) * px;
    // Points keep their contrast on any background: training points filled with a dark rim,
    // validation points as rings over a light halo.
    const rim = themeName() === 'dark' ? 'rgba(255,255,255,0.85)' : 'rgba(20,24,32,0.75)';
    const halo = themeName() === 'dark' ? 'rgba(0,0,0,0.55)' : 'rgba(255,255,255,0.9)';
    const drawSet = (set, filled) => {
      if (!set) return;
      for (let i = 0; i < set.rows; i++) {
        const cx = sx(set.x[2 * i]), cy = sy(set.x[2 * i + 1]);
        ctx.beginPath();
        ctx.arc(cx, cy, (filled ? 3.4 : 3.2) * dpr, 0, 2 * Math.PI);
        if (filled) {
          ctx.fillStyle = classColour(set.labels[i]);
          ctx.fill();
          ctx.lineWidth = 0.9 * dpr; ctx.strokeStyle = rim; ctx.stroke();
        } else {
          ctx.lineWidth = 3.6 * dpr; ctx.strokeStyle = halo; ctx.stroke();
          ctx.lineWidth = 1.7 * dpr; ctx.strokeStyle = classColour(set.labels[i]); ctx.stroke();
        }
      }
    };
    if (this.editing) {
      const pts = this.editing.points;
      drawSet({ rows: pts.length, x: pts.flatMap((p) => [p.x, p.y]), labels: pts.map((p) => p.label) }, true);
      return;
    }
    drawSet(d.val, false);
    drawSet(d.train, true);
    this.root.dataset.points = String((d.train?.rows ?? 0) + (d.val?.rows ?? 0));
    this.root.dataset.epoch = String(b?.epoch ?? 0);
    this.summary.textContent = `${this.label}: decision regions over ${d.train?.rows ?? 0} training points (filled) and ${d.val?.rows ?? 0} validation points (rings)${b ? ` after epoch ${b.epoch}` : ''}.`;
  }

  destroy() { this.root.remove(); }
}

// A small legend for the class colours and the point styles.
export function planeLegend(classes) {
  const items = [];
  for (let k = 0; k < classes; k++) {
    items.push(el('span', { class: 'legend-item' }, el('span', { class: 'dot', style: `background:${classColour(k)}` }), ` class ${k}`));
  }
  items.push(el('span', { class: 'legend-item' }, el('span', { class: 'dot filled' }), ' train'));
  items.push(el('span', { class: 'legend-item' }, el('span', { class: 'dot ring' }), ' validation'));
  return el('p', { class: 'legend' }, items);
}
