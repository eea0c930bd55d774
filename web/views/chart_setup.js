// Chart.js with only what the course's charts use, registered once for the lab and the widgets
// (tree-shaken: the rest of Chart.js is not bundled), and the one kind of annotation they draw.
//
// Annotations: options.plugins.annotation.annotations = { name: {type: 'line', xMin|yMin, …} }, the
// subset of chartjs-plugin-annotation's line annotation the charts use — a vertical line at xMin
// (early-stopping marks, hyperparameter changes) or a horizontal one at yMin (σ = 1, a target
// loss), with borderColor, borderWidth, borderDash and an optional label {display, content,
// position: 'start' | 'center' | 'end', color, backgroundColor, font: {size}, padding, yAdjust}.
// Drawing these ~20 lines here instead of bundling the plugin (36 KB minified) keeps the first
// load and the widgets' bundle lighter.
import {
  Chart, LineController, LineElement, PointElement, BarController, BarElement, ScatterController,
  LinearScale, LogarithmicScale, CategoryScale, Filler, Tooltip, Legend,
} from 'chart.js';

function drawLabel(ctx, area, a, x, y, vertical) {
  const l = a.label;
  if (!l?.display || !l.content) return;
  const size = l.font?.size ?? 12;
  const pad = l.padding ?? 6;
  ctx.font = `${size}px system-ui, sans-serif`;
  const w = ctx.measureText(l.content).width + 2 * pad;
  const h = size + 2 * pad;
  const position = l.position ?? 'center';
  let bx, by;
  if (vertical) {
    bx = x - w / 2;
    by = position === 'start' ? area.bottom - h : position === 'end' ? area.top : (area.top + area.bottom - h) / 2;
  } else {
    by = y - h / 2;
    bx = position === 'start' ? area.left : position === 'end' ? area.right - w : (area.left + area.right - w) / 2;
  }
  by += l.yAdjust ?? 0;
  bx = Math.min(Math.max(bx, area.left), area.right - w);
  if (l.backgroundColor && l.backgroundColor !== 'transparent') {
    ctx.fillStyle = l.backgroundColor;
    ctx.beginPath();
    ctx.roundRect ? ctx.roundRect(bx, by, w, h, 6) : ctx.rect(bx, by, w, h);
    ctx.fill();
  }
  ctx.fillStyle = l.color ?? '#fff';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  ctx.fillText(l.content, bx + w / 2, by + h / 2);
}

export const lineAnnotations = {
  id: 'annotation',
  defaults: { annotations: {} },
  afterDatasetsDraw(chart, _args, options) {
    const { ctx, chartArea: area, scales } = chart;
    const list = Object.values(options.annotations ?? {}).filter((a) => a && a.type === 'line' && a.display !== false);
    if (!list.length || !area) return;
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    for (const a of list) {
      const vertical = a.xMin !== undefined;
      const scale = vertical ? scales.x : scales.y;
      const value = vertical ? a.xMin : a.yMin;
      if (!scale || value === undefined || value === null) continue;
      const p = scale.getPixelForValue(value);
      if (!Number.isFinite(p)) continue;
      ctx.strokeStyle = a.borderColor ?? 'rgba(0,0,0,0.6)';
      ctx.lineWidth = a.borderWidth ?? 1;
      ctx.setLineDash(a.borderDash ?? []);
      ctx.beginPath();
      if (vertical) { ctx.moveTo(p, area.top); ctx.lineTo(p, area.bottom); } else { ctx.moveTo(area.left, p); ctx.lineTo(area.right, p); }
      ctx.stroke();
      ctx.setLineDash([]);
      drawLabel(ctx, area, a, vertical ? p : 0, vertical ? 0 : p, vertical);
    }
    ctx.restore();
  },
};

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, ScatterController,
  LinearScale, LogarithmicScale, CategoryScale, Filler, Tooltip, Legend, lineAnnotations);
// (charts.js loadCharts sets every linear axis's tick labels: axis_ticks.js linearTick, imported
// there so that the page's bundle and this chunk do not share a third chunk for it.)

export { Chart };
