// Charts redraw at display rate, not per epoch: views mark themselves dirty and a
// requestAnimationFrame callback redraws them. Each frame spends at most FRAME_BUDGET ms drawing
// (the views drawn longest ago first; the rest wait for the next frame), and a view is redrawn
// at most every MIN_INTERVAL ms, so the page stays responsive however many runs stream in.
const FRAME_BUDGET = 10;
const MIN_INTERVAL = 50;
const dirty = new Set();
const lastDrawn = new WeakMap();
let scheduled = false;

function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    const start = performance.now();
    const due = [...dirty].sort((a, b) => (lastDrawn.get(a) ?? -Infinity) - (lastDrawn.get(b) ?? -Infinity));
    for (const v of due) {
      const now = performance.now();
      if (now - start > FRAME_BUDGET) break;
      if (now - (lastDrawn.get(v) ?? -Infinity) < MIN_INTERVAL) continue;
      dirty.delete(v);
      lastDrawn.set(v, now);
      v.draw();
    }
    if (dirty.size) schedule();
  });
}

export function requestDraw(view) {
  dirty.add(view);
  schedule();
}

export function cancelDraw(view) {
  dirty.delete(view);
}

export function isDirty(view) {
  return dirty.has(view);
}
