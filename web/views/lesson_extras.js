// Lesson extras below the experiment: the bias–variance decomposition (lesson 6.1), the dropout
// guideline, the augmentation galleries and text augmentation (6.7), the problem-type table.
// Their computations run in the task worker (lab.tasks), never on the page.
import { el, BarChart } from './charts.js';
import { imageGrid } from './gallery.js';
import { runColour } from './theme.js';
import { formatValue } from '../state/spec.js';
import { DROPOUT_GUIDE, RECIPES, TEXT_EXAMPLES, TEXT_OPS } from '../lessons.js';
import { addPngButton } from './lesson_page.js';

export function buildExtras(lab) {
  const X = lab.els.extras;
  const vs = lab.viewSet;
  const parts = [];
  if (vs.has('biasVariance') && lab.preset.biasVariance) {
    const chart = new BarChart('Bias–variance decomposition vs model capacity (1-D sine regression)', { xTitle: 'hidden layers (more capacity →)', yTitle: 'squared error', height: 280 });
    lab.views.biasVariance = chart;
    chart.root.dataset.chart = 'biasVariance';
    addPngButton(lab, chart);
    const progress = el('div', { class: 'indeterminate', hidden: true, role: 'progressbar', 'aria-label': 'Computing the bias–variance decomposition' });
    const note = el('p', { class: 'help' });
    const button = el('button', { type: 'button', text: 'Compute', onclick: () => computeBiasVariance(lab) });
    lab.bv = { progress, note, button };
    const o = lab.preset.biasVariance.options;
    parts.push(el('section', { class: 'extra', 'aria-labelledby': 'bv-title' },
      el('h2', { id: 'bv-title', text: 'Bias² + variance + noise' }),
      el('p', { text: `For each capacity, ${o.K} networks are trained on ${o.K} independent training sets of the sine task; their predictions on a grid give bias² (error of the average prediction), variance (spread across training sets) and the noise floor σ². It starts once the runs above are done.` }),
      el('div', { class: 'row' }, button, progress), note, chart.root));
  }
  if (vs.has('dropoutTable')) {
    parts.push(el('section', { class: 'extra', 'aria-labelledby': 'dg-title' },
      el('h2', { id: 'dg-title', text: 'Dropout rates: a guideline' }),
      el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Dropout guideline' },
        el('table', { class: 'plain' }, el('thead', {}, el('tr', {}, ['Where', 'Typical p', 'Why'].map((t) => el('th', { scope: 'col', text: t })))),
          el('tbody', {}, DROPOUT_GUIDE.map((r) => el('tr', {}, el('th', { scope: 'row', text: r[0] }), el('td', { text: r[1] }), el('td', { text: r[2] })))))),
      el('p', { class: 'help', text: 'In the 1-D regression experiment the thin lines are single training-mode passes (each one different); the solid line is the evaluation-mode prediction and the band is the MC-dropout mean ± 2 std over 30 passes.' })));
  }
  if (vs.has('gallery')) {
    lab.gallery = el('div', { class: 'galleries' });
    parts.push(el('section', { class: 'extra', 'aria-labelledby': 'gal-title' },
      el('h2', { id: 'gal-title', text: 'What the network sees' }),
      el('p', { text: 'Training images before and after each run’s augmentation, redrawn while the runs train. Mixed images show their soft labels (e.g. 0.70·3 + 0.30·8).' }),
      lab.gallery));
  }
  if (vs.has('textAugment')) {
    lab.textAug = { seed: 1, select: null, body: el('tbody') };
    const select = el('select', { id: 'text-example', onchange: () => drawTextAugment(lab) }, TEXT_EXAMPLES.map((t, i) => el('option', { value: String(i), text: t })));
    lab.textAug.select = select;
    parts.push(el('section', { class: 'extra', 'aria-labelledby': 'txt-title' },
      el('h2', { id: 'txt-title', text: 'Text augmentation' }),
      el('div', { class: 'row' }, el('label', { for: 'text-example', text: 'Sentence ' }), select,
        el('button', { type: 'button', text: 'Another draw', onclick: () => { lab.textAug.seed++; drawTextAugment(lab); } })),
      el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Text augmentation examples' },
        el('table', { class: 'plain' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Operation' }), el('th', { scope: 'col', text: 'Result' }))), lab.textAug.body))));
    drawTextAugment(lab);
  }
  if (vs.has('problemTable')) {
    parts.push(el('section', { class: 'extra', 'aria-labelledby': 'rec-title' },
      el('h2', { id: 'rec-title', text: 'Where to start, by problem type' }),
      el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Regularization by problem type' },
        el('table', { class: 'plain' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Problem' }), el('th', { scope: 'col', text: 'Usual first choices' }))),
          el('tbody', {}, RECIPES.map((r) => el('tr', {}, el('th', { scope: 'row', text: r[0] }), el('td', { text: r[1] }))))))));
  }
  X.replaceChildren(...parts);
  X.hidden = parts.length === 0;
}

// ---- lesson extras -------------------------------------------------------------------------
export async function computeBiasVariance(lab) {
  const { spec, options } = lab.preset.biasVariance;
  const { progress, note, button } = lab.bv;
  lab.biasVarianceDone = true;
  progress.hidden = false;
  button.disabled = true;
  note.textContent = `Training ${options.K} × ${options.capacities.length} networks…`;
  const t0 = performance.now();
  try {
    const rows = await lab.tasks.run('biasVariance', { spec, options }, 'biasVariance');
    if (!rows) return;
    const labels = rows.map((r) => `[${(r.hidden ?? []).join(',')}]`);
    const series = [
      ['bias²', 'bias2', '#0072B2', []], ['variance', 'variance', '#D55E00', [6, 4]], ['noise σ²', 'noise', '#777777', [2, 3]], ['total', 'total', '#009E73', [10, 3, 2, 3]],
    ];
    lab.views.biasVariance.set(labels, series.map(([label, key, colour, dash]) => ({ label, type: 'line', data: rows.map((r) => r[key]), colour, dash })),
      rows.map((r, i) => `${labels[i]}: bias² ${formatValue(r.bias2)}, variance ${formatValue(r.variance)}, total ${formatValue(r.total)}`).join('; '));
    const best = rows.reduce((a, b) => (b.total < a.total ? b : a));
    const first = rows[0], last = rows[rows.length - 1];
    const trend = (a, b) => (b < a * 0.9 ? 'falls' : b > a * 1.1 ? 'rises' : 'stays about the same');
    note.textContent = `Done in ${((performance.now() - t0) / 1000).toFixed(1)} s. From ${labels[0]} to ${labels[labels.length - 1]}, bias² ${trend(first.bias2, last.bias2)} (${formatValue(first.bias2)} → ${formatValue(last.bias2)}) and variance ${trend(first.variance, last.variance)} (${formatValue(first.variance)} → ${formatValue(last.variance)}); the lowest total error is at ${labels[rows.indexOf(best)]}.`;
  } catch (e) {
    note.textContent = `Could not compute: ${e.path ? `${e.path}: ` : ''}${e.message}`;
    note.classList.add('error');
  } finally {
    progress.hidden = true;
    button.disabled = false;
  }
}

// Redraws the augmentation galleries (at most about once a second while training; one refresh
// at a time, a forced one queued behind a running one).
export async function refreshGallery(lab, force) {
  const now = performance.now();
  if (lab.galleryBusy) { if (force) lab.galleryAgain = true; return; }
  if (!force && now - (lab.galleryAt ?? 0) < 900) return;
  lab.galleryAt = now;
  lab.galleryBusy = true;
  try {
    const picks = [];
    const seen = new Set();
    for (const s of lab.slots) {
      const c = s.canonical;
      if (!c || !(c.data.kind === 'digits' || c.data.kind === 'fashion_mnist')) continue;
      const img = c.augment.image;
      const what = c.augment.cutmix ? 'CutMix' : c.augment.mixup ? 'Mixup' : ['shift', 'rotate', 'scale', 'brightness', 'contrast', 'noise', 'blur', 'cutout'].some((k) => img[k] > 0) || img.flip ? 'Image augmentation' : null;
      if (!what || seen.has(what)) continue;
      seen.add(what);
      picks.push([s, what]);
    }
    const epoch = Math.max(0, ...lab.slots.map((s) => s.epoch));
    const blocks = [];
    // A pair already shown for the same run and technique is redrawn in place (this runs about
    // once a second while training).
    const shown = new Map([...(lab.gallery?.children ?? [])].map((b) => [b.dataset.key, b]));
    for (const [s, what] of picks) {
      const g = await lab.tasks.run('augmentImages', { spec: s.canonical, count: 8, seed: 1 + epoch }, `gallery-${what}`);
      if (!g) continue;
      const key = `${what}|${s.label}|${s.index}`;
      const old = shown.get(key);
      const original = imageGrid('original', { images: g.originals, h: g.h, w: g.w, labels: Array.from(g.labels), names: g.classNames }, { max: 8 }, old?.children[1]);
      const augmented = imageGrid(`augmented (epoch ${epoch})`, { images: g.images, h: g.h, w: g.w, labels: softLabels(g), names: g.classNames }, { max: 8 }, old?.children[2]);
      if (old && old.children[1] === original && old.children[2] === augmented) { blocks.push(old); continue; }
      blocks.push(el('div', { class: 'gallery-pair', 'data-key': key, style: `--run:${runColour(s.index)}` },
        el('h3', {}, el('span', { class: 'swatch', style: `background:${runColour(s.index)}` }), ` ${what} — ${s.label}`),
        original, augmented));
    }
    if (!blocks.length) blocks.push(shown.get('none') ?? el('p', { class: 'help', 'data-key': 'none', text: 'No run uses image augmentation, mixup or CutMix on images; switch one on to see its samples.' }));
    const G = lab.gallery;
    if (G && (G.children.length !== blocks.length || blocks.some((b, i) => G.children[i] !== b))) G.replaceChildren(...blocks);
  } catch (e) {
    lab.gallery?.replaceChildren(el('p', { class: 'error', text: `${e.path ? `${e.path}: ` : ''}${e.message}` }));
  } finally {
    lab.galleryBusy = false;
    if (lab.galleryAgain) { lab.galleryAgain = false; refreshGallery(lab, true); }
  }
}

export async function drawTextAugment(lab) {
  const sentence = TEXT_EXAMPLES[Number(lab.textAug.select.value)];
  const items = TEXT_OPS.map(([op, , strength]) => ({ sentence, op, strength, seed: lab.textAug.seed }));
  try {
    // No spec to pick the module by: synonyms, insertion and back-translation need the full one.
    const out = await lab.tasks.run('augmentText', { items, engine: 'full' }, 'text');
    if (!out) return;
    lab.textAug.body.replaceChildren(
      el('tr', {}, el('th', { scope: 'row', text: 'Original' }), el('td', { text: sentence })),
      ...TEXT_OPS.map(([, name, strength], i) => el('tr', {}, el('th', { scope: 'row' }, name, el('span', { class: 'help', text: ` p = ${strength}` })), el('td', { text: out[i] }))));
  } catch (e) {
    lab.textAug.body.replaceChildren(el('tr', {}, el('td', { colspan: '2', class: 'error', text: `${e.path ? `${e.path}: ` : ''}${e.message}` })));
  }
}

// The gallery's soft targets as one probability vector per image.
function softLabels(g) {
  const k = g.numClasses;
  if (!k || !g.targets?.length) return Array.from(g.labels);
  return Array.from({ length: g.count }, (_, i) => g.targets.slice(i * k, (i + 1) * k));
}
