// Saving files from the page: text as a Blob, a chart as PNG on the page's background colour.
import { chartOn } from './charts.js';
import { cssVar } from './theme.js';

export function download(filename, content, type = 'text/plain') {
  const blob = content instanceof Blob ? content : new Blob([content], { type: `${type};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// A chart as PNG: redrawn at `scale` × its CSS size (2 = a sharp image on any screen, whatever
// the device's own pixel ratio), with its title in a band above the plot so no label is cut.
// A canvas that is not a Chart.js chart is copied as it is.
export function chartPng(canvas, { scale = 2 } = {}) {
  const chart = chartOn(canvas);
  let image = canvas;
  if (chart) {
    const ratio = chart.options.devicePixelRatio;
    chart.options.devicePixelRatio = scale;
    chart.resize();
    chart.update('none');
    image = document.createElement('canvas');
    image.width = canvas.width;
    image.height = canvas.height;
    image.getContext('2d').drawImage(canvas, 0, 0);
    chart.options.devicePixelRatio = ratio;
    chart.resize();
    chart.update('none');
  }
  const k = chart ? scale : 1;
  const caption = canvas.closest('figure')?.querySelector('figcaption');
  // The caption's own text, without its buttons (the PNG button sits inside it).
  let title = '';
  if (caption) {
    const copy = caption.cloneNode(true);
    for (const b of copy.querySelectorAll('button')) b.remove();
    title = copy.textContent.trim();
  }
  const pad = 10 * k, band = title ? 22 * k : 0;
  const out = document.createElement('canvas');
  out.width = image.width + 2 * pad;
  out.height = image.height + band + 2 * pad;
  const ctx = out.getContext('2d');
  ctx.fillStyle = cssVar('--surface') || '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  if (title) {
    ctx.fillStyle = cssVar('--fg') || '#000000';
    ctx.font = `600 ${13 * k}px system-ui, sans-serif`;
    ctx.textBaseline = 'top';
    ctx.fillText(title, pad, pad, out.width - 2 * pad);
  }
  ctx.drawImage(image, pad, pad + band);
  return out;
}

export function downloadCanvas(canvas, filename, options) {
  chartPng(canvas, options).toBlob((blob) => download(filename, blob), 'image/png');
}
