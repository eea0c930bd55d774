// The lesson page around the runs: the lesson's text and formulas, the experiment's toolbar,
// the data panel (shared fields), the chart grid and the sections the views fill. Built once per
// lesson; `lab` (lab.js) owns the elements (lab.els) and the chart views (lab.views).
import katex from 'katex';
import { el, EpochChart, BarChart, firstChartFrame } from './charts.js';
import { control } from './controls.js';
import { downloadCanvas } from './download.js';
import { getPath } from '../state/spec.js';
import { slug } from '../state/export.js';
import { SPEEDS } from '../session/run_session.js';
import { buildExtras } from './lesson_extras.js';
import { buildPrediction } from './predict.js';
import './lesson_ends.css';
// "Run 5 seeds", "Check yourself" and the abbreviations (views/lesson_ends.js, with the lesson
// questions) are not needed for the first chart frame: a chunk imported 300 ms after it, so as not
// to compete with its paint (or 4 s after a lesson is drawn when nothing trains yet). When the
// lesson's runs wait for the student's prediction, the question is what the lesson shows first:
// it is drawn with the page (predict.js is in the page's bundle) and follows the runs by itself.
// Drawn when the chunk arrived, the question moved the toolbar and pushed the charts down after the
// first paint (a layout shift of 0.073 on a throttled phone load).
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const lessonEnds = () => Promise.race([firstChartFrame, wait(4000)]).then(() => wait(300))
  .then(() => import('./lesson_ends.js'));
let endsMounted = 0;
import { claimsOfPreset } from '../claims/lab_rules.js';

// The data panel's controls, declared with their fields in the engine (kDataPanel in fields.cpp).
import { DATA_PANEL_PATHS as DATA_FIELDS } from '../state/fields.gen.js';

// Render TeX inside $…$ in a paragraph of lesson text (trusted, from lessons.js).
function withMath(html) {
  return html.replace(/\$([^$]+)\$/g, (_, tex) => katex.renderToString(tex, { throwOnError: false }));
}

// The first sentence of a paragraph of lesson text, as plain text (the folded summary on a phone).
function leadSentence(html) {
  const text = html.replace(/<[^>]+>/g, '').replace(/\$([^$]+)\$/g, '$1');
  const m = text.match(/^.*?[.:;](\s|$)/);
  return (m ? m[0] : text).replace(/[:;]\s*$/, '.').trim();
}

// The lesson text sits beside the experiment from this width up (styles.css has the same number).
const WIDE = '(min-width: 1100px)';
const PHONE = '(max-width: 699px)';
const wideLayout = () => typeof matchMedia === 'function' && matchMedia(WIDE).matches;

function claimLinks(ids) {
  return ids.flatMap((id, i) => [i ? ', ' : '', el('a', { href: `claims.html#claim-${id}`, text: `claim ${id}` })]);
}

// Opens or closes the settings drawer (a phone); on a wider screen the panel is always there.
export function toggleDrawer(lab, open) {
  const E = lab.els;
  const next = open ?? E.drawerToggle.getAttribute('aria-expanded') !== 'true';
  E.drawerToggle.setAttribute('aria-expanded', String(next));
  E.runsPanel.classList.toggle('open', next);
  lab.root.classList.toggle('drawer-open', next);
  if (next) {
    // The drawer covers the lower half of the screen: bring the loss chart to the upper half.
    if (typeof matchMedia === 'function' && matchMedia(PHONE).matches) lab.views.loss?.root.scrollIntoView({ block: 'start' });
    E.runsPanel.querySelector('.drawer-close')?.focus({ preventScroll: true });
  } else if (open === false) E.drawerToggle.focus({ preventScroll: true });
}

// Closes the phone drawer when the window grows past a phone's width; keeps the side panel within
// the first screen.
function watchLayout(lab) {
  if (typeof matchMedia !== 'function') return;
  lab.layoutWatch?.();
  // The lesson text keeps the state it opened in when the window is resized (folded on a narrow
  // window, open on a wide one); the person can fold or open it at any width.
  const phone = matchMedia(PHONE);
  const onPhone = (e) => { if (!e.matches) toggleDrawer(lab, false); };
  phone.addEventListener('change', onPhone);
  // The side panel ends within the first screen, so scrolling to a field inside it (focus, a
  // value typed) scrolls the panel and never the page: the charts beside it stay where they are.
  const fit = () => {
    const panel = lab.els.runsPanel;
    if (!panel.isConnected) return;
    if (phone.matches) { panel.style.maxHeight = ''; return; }
    const top = panel.getBoundingClientRect().top + window.scrollY;
    panel.style.maxHeight = `${Math.max(320, window.innerHeight - top - 12)}px`;
  };
  const onResize = () => requestAnimationFrame(fit);
  window.addEventListener('resize', onResize);
  requestAnimationFrame(fit);
  lab.layoutWatch = () => { phone.removeEventListener('change', onPhone); window.removeEventListener('resize', onResize); };
}

// ---- rendering ------------------------------------------------------------------------------
export function render(lab) {
  const L = lab.lesson, P = lab.preset;
  const presetTabs = L.presets.length > 1
    ? el('div', { class: 'preset-tabs', role: 'group', 'aria-label': 'Experiments of this lesson' },
      L.presets.map((p) => el('a', { href: `#/${L.id}${p.id === L.id ? '' : `?p=${p.id}`}`, class: 'tab', 'aria-current': p.id === lab.presetId ? 'true' : undefined, text: p.name })))
    : null;
  lab.els = {};
  lab.root.classList.remove('drawer-open');
  const E = lab.els;
  E.play = el('button', { type: 'button', id: 'play', class: 'primary', onclick: () => (lab.playing ? lab.pause() : lab.play()) });
  E.step = el('button', { type: 'button', onclick: () => lab.step(), title: 'Train one more epoch in every run', text: 'Step' });
  E.reset = el('button', { type: 'button', onclick: () => lab.reset(), title: 'Restart every run from its initial weights', text: 'Reset' });
  E.speed = el('select', { id: 'speed', onchange: (e) => lab.setSpeed(e.target.value) },
    SPEEDS.map(([id, label]) => el('option', { value: id, text: label, selected: id === lab.speed })));
  E.add = el('button', { type: 'button', onclick: () => lab.addRun(), text: '+ Add run' });
  E.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  E.sequential = lab.viewSet.has('ladder')
    ? el('label', { class: 'inline-check' }, el('input', { type: 'checkbox', onchange: (e) => { lab.session.sequential = e.target.checked; lab.schedule(); } }), ' one rung at a time')
    : null;
  E.runs = el('div', { class: 'runs' });
  E.charts = el('div', { class: 'chart-grid' });
  E.planes = el('div', { class: 'plane-grid' });
  E.planeLegend = el('div', { class: 'plane-legend' });
  E.hists = el('div', { class: 'small-grid' });
  E.confusions = el('div', { class: 'small-grid' });
  E.claims = el('ul', { class: 'claims' });
  E.table = el('div', { class: 'table-slot' });
  E.extras = el('div', { class: 'extras' });
  E.data = el('div', { class: 'data-fields' });
  E.dataError = el('p', { class: 'error', role: 'alert', hidden: true });

  // The training CSV, then optionally a validation and a test file with the same columns.
  const csvInputs = ['csv', 'valCsv', 'testCsv'].map((field) => el('input', { type: 'file', accept: '.csv,text/csv', id: { csv: 'csv-upload', valCsv: 'csv-upload-val', testCsv: 'csv-upload-test' }[field], class: 'visually-hidden-file', onchange: (e) => lab.uploadCsv(e.target.files[0], e.target, field) }));
  E.csvSplit = el('span', { class: 'csv-split', hidden: true },
    el('label', { class: 'button', for: 'csv-upload-val' }, 'Validation CSV…'), csvInputs[1],
    el('label', { class: 'button', for: 'csv-upload-test' }, 'Test CSV…'), csvInputs[2]);

  // The runs and their settings: a side panel beside the charts on a wide screen, a drawer over
  // the lower half of a phone's screen (the charts stay in view above it while a value changes).
  E.drawerToggle = el('button', { type: 'button', class: 'drawer-toggle', 'aria-controls': 'runs-panel', 'aria-expanded': 'false', 'aria-label': 'Runs and settings', onclick: () => toggleDrawer(lab) }, 'Settings');
  E.runsPanel = el('aside', { class: 'runs-panel', id: 'runs-panel', 'aria-label': 'Runs and their settings', onkeydown: (e) => { if (e.key === 'Escape' && E.runsPanel.classList.contains('open')) toggleDrawer(lab, false); } },
    el('div', { class: 'drawer-head' },
      el('h2', { class: 'panel-title', text: 'Runs and settings' }),
      el('button', { type: 'button', class: 'drawer-close', 'aria-label': 'Close the settings', onclick: () => toggleDrawer(lab, false) }, 'Done')),
    E.runs,
    el('details', { class: 'data-panel' },
      el('summary', { text: 'Data and seed (shared by all runs)' }),
      el('p', { class: 'help', text: 'Every run of the lesson sees the same data and starts from the same initial weights; only its own settings differ.' }),
      E.data,
      el('div', { class: 'data-actions' },
        el('button', { type: 'button', onclick: () => lab.redrawSample(), text: 'Redraw the sample' }),
        el('label', { class: 'button', for: 'csv-upload' }, 'Upload CSV…'), csvInputs[0], E.csvSplit,
        el('span', { class: 'help', text: 'Numeric columns; the last one (or a column named “label”) is the label. Then, optionally, a validation and a test file with the same columns: every row of the first file trains.' })),
      E.dataError));

  // The lesson's text: beside the experiment on a wide screen; above it on a narrow one, folded
  // to its first sentence with "Read more".
  const claimIds = claimsOfPreset(lab.presetId);
  E.lessonText = el('details', { class: `lesson-text${L.formulas.length ? '' : ' text-only'}`, open: wideLayout() },
    el('summary', {}, el('span', { class: 'lead', text: leadSentence(L.text[0]) }), el('span', { class: 'more', 'aria-hidden': 'true' })),
    el('div', { class: 'prose' }, L.text.map((t) => { const p = el('p'); p.innerHTML = withMath(t); return p; })),
    L.formulas.length ? el('div', { class: 'formulas', role: 'group', 'aria-label': 'Formulas', tabindex: '0' }, L.formulas.map((f) => {
      const d = el('div', { class: 'formula' });
      d.innerHTML = katex.renderToString(f, { displayMode: true, throwOnError: false });
      return d;
    })) : null,
    claimIds.length ? el('p', { class: 'claim-links' }, 'Measured over 8 seeds: ', claimLinks(claimIds)) : null);

  lab.root.replaceChildren(el('article', { class: 'lesson', 'data-lesson': L.id },
    el('header', { class: 'lesson-head' },
      el('p', { class: 'eyebrow', text: `Lesson ${L.id}` }),
      el('h1', { text: L.title })),
    el('div', { class: 'lesson-layout' },
      E.lessonText,
      el('section', { class: 'experiment', 'aria-labelledby': 'exp-title' },
        el('div', { class: 'exp-head' },
          el('h2', { id: 'exp-title', text: P.title }),
          presetTabs,
          el('p', { class: 'exp-desc', text: P.description ?? '' })),
        el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Training' },
          E.play, E.step, E.reset,
          el('label', { class: 'speed', for: 'speed' }, 'Speed ', E.speed),
          E.add, E.sequential, E.drawerToggle, E.status),
        el('div', { class: 'stage' },
          E.runsPanel,
          el('div', { class: 'results' },
            el('h3', { class: 'section-title sr-only', text: 'Curves' }),
            E.charts,
            el('div', { class: 'planes-wrap' }, el('h3', { class: 'section-title', text: 'Decision boundaries' }), E.planeLegend, E.editBar = el('div', { class: 'edit-bar' }), E.planes),
            el('h3', { class: 'section-title', text: 'Summary' }),
            E.table,
            el('section', { class: 'claims-box', 'aria-labelledby': 'claims-title' },
              el('h3', { id: 'claims-title', text: 'What to look for' }), E.claims,
              claimIds.length ? el('p', { class: 'claim-links' }, 'The same checks over 8 seeds: ', claimLinks(claimIds)) : null),
            el('h3', { class: 'section-title', text: 'Weights' }),
            E.hists,
            el('div', { class: 'confusions-wrap' }, el('h3', { class: 'section-title', text: 'Confusion matrices (validation set)' }), E.confusions))))),
    E.extras));
  watchLayout(lab);
  // On a phone the tabs scroll sideways: show the current one.
  if (presetTabs) {
    requestAnimationFrame(() => {
      const current = presetTabs.querySelector('[aria-current="true"]');
      if (current && presetTabs.scrollWidth > presetTabs.clientWidth) presetTabs.scrollLeft = current.offsetLeft - presetTabs.offsetLeft - 8;
    });
  }
  lab.root.querySelector('.planes-wrap').hidden = true;
  lab.root.querySelector('.confusions-wrap').hidden = true;
  buildCharts(lab);
  buildDataFields(lab);
  buildExtras(lab);
  lab.prediction = lab.awaitingPrediction ? buildPrediction(lab) : null;
  const n = ++endsMounted; // only the lesson drawn last gets its ends
  lessonEnds().then((m) => { if (n === endsMounted) m.mountLessonEnds(lab); });
}

export function buildCharts(lab) {
  const V = lab.views;
  V.loss = new EpochChart('Loss · train solid, validation dashed, gap shaded', {
    metrics: [{ key: 'trainLoss', label: 'train' }, { key: 'valLoss', label: 'val', dash: true }], shadeGap: true, yTitle: 'loss', height: 280, robustY: true,
  }).mount(lab.els.charts);
  V.acc = new EpochChart('Accuracy', {
    metrics: [{ key: 'trainAcc', label: 'train' }, { key: 'valAcc', label: 'val', dash: true }], yTitle: 'accuracy', height: 280,
  }).mount(lab.els.charts);
  if (lab.viewSet.has('gradNorm')) {
    V.grad = new EpochChart('Gradient norm per epoch (before clipping solid, after dashed; log scale)', {
      metrics: [{ key: 'gradNormPreClip', label: '‖g‖ before' }, { key: 'gradNorm', label: '‖g‖ after', dash: true }], yTitle: '‖g‖', logY: true, height: 280, marks: false,
    }).mount(lab.els.charts);
  }
  if (lab.viewSet.has('sigma')) {
    const layers = Math.max(...lab.slotsSpecs().map((s) => (s.model?.hidden ?? [64, 64]).length + 1));
    const dashes = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
    V.sigma = new EpochChart('Largest singular value σ(W) per layer', {
      metrics: Array.from({ length: Math.min(4, layers) }, (_, i) => ({ key: (r) => r.sigma?.[i], label: `σ layer ${i + 1}`, dash: dashes[i] })),
      yTitle: 'σ(W)', height: 280, marks: false, legendPerRun: false,
    }).mount(lab.els.charts);
  }
  if (lab.viewSet.has('confidence')) {
    V.confidence = new BarChart('Confidence on the validation set (share of predictions per max-probability bin)', {
      xTitle: 'max predicted probability', yTitle: 'share', height: 240,
    }).mount(lab.els.charts);
  }
  if (lab.viewSet.has('ladder')) {
    V.ladder = new BarChart('Validation accuracy per rung', { yTitle: 'validation accuracy', height: 260, legend: false }).mount(lab.els.charts);
    V.ladder.root.classList.add('wide');
  }
  V.sigma?.setExtraAnnotations({
    one: { type: 'line', yMin: 1, yMax: 1, borderColor: 'rgba(120,120,120,0.9)', borderWidth: 1.2, borderDash: [4, 4],
      label: { display: true, content: 'σ = 1', position: 'start', color: '#fff', backgroundColor: 'rgba(90,90,90,0.9)', font: { size: 10 }, padding: 3 } },
  });
  if (lab.preset.targetLoss) {
    V.loss.setExtraAnnotations({
      target: {
        type: 'line', yMin: lab.preset.targetLoss, yMax: lab.preset.targetLoss, borderColor: 'rgba(120,120,120,0.9)', borderWidth: 1.2, borderDash: [4, 4],
        label: { display: true, content: `target loss ${lab.preset.targetLoss}`, position: 'end', color: '#fff', backgroundColor: 'rgba(90,90,90,0.9)', font: { size: 10 }, padding: 3 },
      },
    });
  }
  for (const [name, v] of Object.entries(V)) {
    if (!v?.root) continue;
    v.root.dataset.chart = name;
    addPngButton(lab, v);
  }
}

export function addPngButton(lab, view) {
  const cap = view.root.querySelector('figcaption');
  const btn = el('button', { type: 'button', class: 'mini', title: 'Download this chart as PNG', 'aria-label': `Download “${cap.textContent}” as PNG`, text: 'PNG' });
  btn.addEventListener('click', () => downloadCanvas(view.canvas, `reglab-${lab.lesson.id}-${view.root.dataset.chart ?? slug(cap.textContent)}.png`));
  cap.append(' ', btn);
}

export function buildDataFields(lab) {
  const spec = lab.slots[0]?.canonical ?? lab.slotsSpecs()[0];
  const nodes = [];
  for (const path of DATA_FIELDS) {
    const f = lab.fields.byPath.get(path);
    if (!f) continue;
    const kind = getPath(spec, 'data.kind') ?? 'moons';
    if (path === 'data.classes' && !['spiral', 'gaussians'].includes(kind)) continue;
    if ((path === 'data.n' || path === 'data.noise') && ['digits', 'wine', 'breast_cancer', 'sentiment', 'csv', 'inline'].includes(kind)) continue;
    let value = getPath(spec, path);
    if (value === undefined) value = f.default;
    const choices = path === 'data.kind' ? f.choices.filter((c) => (c !== 'inline' || kind === 'inline') && (c !== 'csv' || kind === 'csv')) : undefined;
    nodes.push(control(choices ? { ...f, choices } : f, value, (p, v) => lab.changeShared(p, v), { compact: true }));
  }
  lab.els.data.replaceChildren(...nodes);
  lab.els.csvSplit.hidden = getPath(spec, 'data.kind') !== 'csv';
}
