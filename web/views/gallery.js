// A grid of small grayscale images (augmented digits and Fashion-MNIST photos, mixup/CutMix blends)
// with their labels.
import { el } from './charts.js';

// images: Float32Array of count × h × w values; labels: per image a class, a probability vector,
// or null. Values are scaled per image to [0, 1] for display. Given the grid it drew before
// (`previous`) with as many images of the same size, it draws into that grid's canvases instead
// of building new ones (the lab's gallery redraws about once a second while training).
// names: class names to show instead of indices (e.g. Fashion-MNIST's "Sneaker"); the default
// scale draws 8×8 digits at 40 px and 28×28 photos at 56 px.
export function imageGrid(title, { images, h, w, labels, names = null }, { scale = h > 16 ? 2 : 5, max = 24 } = {}, previous = null) {
  const count = Math.min(max, Math.floor(images.length / (h * w)));
  const shape = `${count}×${h}×${w}×${scale}`;
  const grid = previous?.dataset.shape === shape ? previous : buildGrid(count, h, w, scale, shape);
  const [caption, cellsBox] = grid.children;
  if (caption.textContent !== title) caption.textContent = title;
  const aria = `${title}: ${count} images`;
  if (cellsBox.getAttribute('aria-label') !== aria) cellsBox.setAttribute('aria-label', aria);
  [...cellsBox.children].forEach((cell, i) => {
    const [canvas, label] = cell.children;
    const ctx = canvas.getContext('2d');
    const img = ctx.createImageData(w, h);
    let lo = Infinity, hi = -Infinity;
    for (let j = 0; j < h * w; j++) { const v = images[i * h * w + j]; lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const span = hi - lo || 1;
    for (let j = 0; j < h * w; j++) {
      const v = 255 - Math.round((255 * (images[i * h * w + j] - lo)) / span); // ink dark on light
      img.data[4 * j] = img.data[4 * j + 1] = img.data[4 * j + 2] = v;
      img.data[4 * j + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    const text = labelText(labels?.[i], names);
    if (label.textContent !== text) label.textContent = text;
  });
  return grid;
}

function buildGrid(count, h, w, scale, shape) {
  const cells = Array.from({ length: count }, () => el('figure', { class: 'cell' },
    el('canvas', { width: w, height: h, class: 'pix', style: `width:${w * scale}px;height:${h * scale}px`, 'aria-hidden': 'true' }),
    el('figcaption')));
  return el('figure', { class: 'gallery', 'data-shape': shape }, el('figcaption'), el('div', { class: 'grid', role: 'img' }, cells));
}

// A soft label like [0, 0, 0.7, 0, …, 0.3] reads "0.7·2 + 0.3·9".
export function labelText(label, names = null) {
  if (label === null || label === undefined) return '';
  const name = (k) => names?.[k] ?? String(k);
  if (typeof label === 'number') return name(label);
  const parts = Array.from(label).map((p, k) => [p, k]).filter(([p]) => p > 0.005).sort((a, b) => b[0] - a[0]).slice(0, 2);
  if (parts.length === 1 && parts[0][0] > 0.995) return name(parts[0][1]);
  return parts.map(([p, k]) => `${p.toFixed(2)}·${name(k)}`).join(' + ');
}
