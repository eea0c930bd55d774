// "Run 5 seeds": every run of the lesson trained again with seeds s, s+1, …, s+4 (s = its own
// seed; the seed drives the data draw, the initial weights, the minibatch order and the dropout
// masks, as in the claims suite), on the page's idle training workers (session/worker_pool.js),
// one core left to the page. The loss chart gets a band per run (validation loss mean ± sd over
// the seeds, per epoch) and the panel under the summary a table of mean ± sd (min–max) per run.
// The seed runs never touch the lab's own runs; the run's own seed reuses its finished records.
import { el } from './charts.js';
import { headerText } from './abbr.js';
import { clone } from '../state/spec.js';
import { summarize } from '../state/summary.js';
import { spread, bandOf } from '../state/seeds.js';
import { coreShare } from '../session/run_session.js';
import { runColour } from './theme.js';

export const SEED_COUNT = 5;

const fmt = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : Number(v.toPrecision(3)).toString());
const COLUMNS = [
  ['valLoss', 'Val loss', fmt],
  ['gap', 'Gap', fmt],
  ['valAcc', 'Val acc', (v) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}` : '—'), ' %'],
];

export function buildMultiSeed(lab) {
  const button = el('button', { type: 'button', class: 'seeds-button', text: `Run ${SEED_COUNT} seeds`, title: `Train every run again with ${SEED_COUNT} seeds and show the mean and the spread` });
  const status = el('span', { class: 'seeds-progress', role: 'status', 'aria-live': 'polite' });
  const body = el('div', { class: 'seeds-body' });
  const panel = el('section', { class: 'seeds', 'aria-labelledby': 'seeds-title', hidden: true },
    el('h3', { id: 'seeds-title', text: `${SEED_COUNT} seeds: mean ± spread` }),
    el('p', { class: 'help', text: `Each run again with ${SEED_COUNT} seeds (new data draw, initial weights, minibatch order and dropout masks). The loss chart shades each run's validation loss mean ± one standard deviation over the seeds; the table gives mean ± sd and the range. A difference between runs smaller than their spread is not one this lesson can show with one seed.` }),
    el('div', { class: 'seeds-bar' }, status),
    body);
  let job = null;
  button.addEventListener('click', () => {
    if (job) { job.cancel(); return; }
    job = runSeeds(lab, { panel, status, body, button, done: () => { job = null; } });
  });
  return { button, panel };
}

function runSeeds(lab, { panel, status, body, button, done }) {
  panel.hidden = false;
  panel.dataset.state = 'running';
  button.textContent = 'Stop the seeds';
  const slots = lab.slots.filter((s) => s.state !== 'error');
  const seedOf = (s) => (s.canonical?.seed ?? s.spec.seed ?? 0);
  const results = new Map(slots.map((s) => [s, []]));   // slot → [{seed, records, stopReason, error}]
  const queue = [];
  for (const s of slots) {
    for (let k = 0; k < SEED_COUNT; k++) {
      const seed = seedOf(s) + k;
      // The run's own seed: its finished records are that seed's history.
      if (k === 0 && s.finished && s.records.length) results.get(s).push({ seed, records: s.records, stopReason: s.stopReason });
      else queue.push({ slot: s, seed, spec: { ...clone(s.spec), seed } });
    }
  }
  const total = slots.length * SEED_COUNT;
  const cores = Math.max(1, globalThis.navigator?.hardwareConcurrency || 2);
  // Idle workers only (at least one), leaving a core to the page and to the lab's own runs.
  const parallel = Math.max(1, Math.min(cores - 1, lab.pool.idle.length, queue.length));
  const workers = [];
  let cancelled = false;
  const finished = () => [...results.values()].reduce((a, r) => a + r.length, 0);
  const show = () => { status.textContent = `${finished()} of ${total} seed runs done`; draw(lab, slots, results, body); };
  const stop = (why) => {
    for (const w of workers) lab.pool.release(w);
    workers.length = 0;
    button.textContent = `Run ${SEED_COUNT} seeds`;
    panel.dataset.state = why;
    if (why === 'cancelled') status.textContent = `Stopped: ${finished()} of ${total} seed runs done.`;
    else status.textContent = `All ${total} seed runs done (seeds ${slots.length ? `${seedOf(slots[0])}–${seedOf(slots[0]) + SEED_COUNT - 1}` : ''} for each run).`;
    done();
  };
  const next = (worker) => {
    if (cancelled || !panel.isConnected) { if (!cancelled) { cancelled = true; stop('cancelled'); } return; }
    const item = queue.shift();
    if (!item) {
      if (workers.every((w) => !w.busy)) stop('done');
      return;
    }
    worker.busy = true;
    const records = [];
    const finish = (extra) => {
      worker.busy = false;
      results.get(item.slot).push({ seed: item.seed, records, ...extra });
      show();
      next(worker);
    };
    worker.handlers = {
      ready: () => worker.play(0, coreShare(parallel)),
      records: (m) => {
        if (!panel.isConnected) { if (!cancelled) { cancelled = true; stop('cancelled'); } return; } // the lesson was left
        records.push(...m.records);
        if (m.done) finish({ stopReason: m.stopReason });
      },
      error: (m) => finish({ error: m.error?.message ?? 'failed' }),
      crashed: ({ reason }) => finish({ error: reason }),
    };
    worker.start(item.spec, {}, `${item.slot.label} · seed ${item.seed}`);
  };
  show();
  for (let i = 0; i < parallel; i++) {
    const w = lab.pool.take({});
    workers.push(w);
  }
  if (!queue.length) stop('done');
  else for (const w of workers) next(w);
  return { cancel: () => { cancelled = true; stop('cancelled'); } };
}

function draw(lab, slots, results, body) {
  const rows = [];
  for (const s of slots) {
    if (!lab.slots.includes(s)) continue;
    const runs = results.get(s);
    const ok = runs.filter((r) => !r.error);
    const sums = ok.map((r) => summarize(r.records, { stopReason: r.stopReason }));
    const cells = COLUMNS.map(([key, , f, unit = '']) => {
      const st = spread(sums.map((x) => x[key]));
      const scale = unit ? 100 : 1;
      return el('td', { 'data-key': key, 'data-mean': st ? String(st.mean) : '', 'data-sd': st ? String(st.sd) : '', 'data-min': st ? String(st.min) : '', 'data-max': st ? String(st.max) : '',
        text: st ? `${f(st.mean)} ± ${fmt(st.sd * scale)}${unit} (${f(st.min)}–${f(st.max)}${unit})` : '—' });
    });
    rows.push(el('tr', { 'data-run': s.label },
      el('th', { scope: 'row' }, el('span', { class: 'swatch', style: `background:${runColour(s.index)}` }), ` ${s.label}`),
      el('td', { 'data-key': 'seeds', text: `${ok.length}${runs.length > ok.length ? ` (${runs.length - ok.length} failed)` : ''}` }),
      cells));
    if (ok.length >= 2) {
      lab.views.loss?.setBand(s.key, {
        ...bandOf(ok.map((r) => r.records)), label: `validation loss mean ± sd over ${ok.length} seeds`,
        note: `Bands in each run's colour: its validation loss, mean ± one standard deviation over ${SEED_COUNT} seeds.`,
      });
    }
  }
  body.replaceChildren(el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Mean and spread over seeds' },
    el('table', { class: 'summary seeds-table' },
      el('caption', { text: `Final numbers over the seeds: mean ± standard deviation (lowest–highest)` }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Run' }), el('th', { scope: 'col', text: 'Seeds' }), COLUMNS.map(([, t]) => el('th', { scope: 'col' }, headerText(t))))),
      el('tbody', {}, rows))));
}
