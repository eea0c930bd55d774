// The lesson's views over all runs: the summary table, the claims panel ("What to look for",
// checked once the runs it compares have finished), the confidence bars and the ladder bars.
import { el } from './charts.js';
import { SummaryTable } from './table.js';
import { runColour } from './theme.js';
import { formatValue } from '../state/spec.js';
import { METRIC_LABELS } from '../state/summary.js';
import { errorInWords } from '../state/words.js';
import { rulesOfPreset, ruleRuns, ruleKeys, labRow, holds } from '../claims/lab_rules.js';

// The table has its own Epochs and Best epoch columns, so its state cell names only what the run is
// doing ("done", not the card's "done · 10 epochs"): a short cell leaves the lesson's columns room.
const SHORT_STATES = new Set(['running', 'paused', 'done', 'early-stopped']);
function tableState(slot, lab) {
  if (slot.state === 'error') return `error: ${errorInWords(slot.error ?? {}, (p) => lab.fields?.byPath.get(p))}`;
  if (slot.state === 'diverged') return 'diverged (loss too large)';
  return SHORT_STATES.has(slot.state) ? slot.state : slot.stateText();
}

export function updateTable(lab) {
  const columns = lab.preset.columns ?? lab.lesson.columns;
  const regression = lab.slots.length > 0 && lab.slots.every((s) => s.data && !s.data.classes);
  if (!lab.views.table || lab.views.table.key !== `${columns.join()}|${regression}`) {
    lab.views.table?.root.remove();
    lab.views.table = new SummaryTable(columns, { regression }).mount(lab.els.table);
    lab.views.table.key = `${columns.join()}|${regression}`;
  }
  lab.views.table.set(lab.slots.map((s) => ({
    label: s.label, index: s.index, state: s.state,
    stateText: tableState(s, lab),
    summary: s.records.length ? s.summary() : null,
  })));
}

// The page's runs as the claims rules read them (claims/rule_logic.js labRow): label → run.
export function labRuns(lab) {
  return new Map(lab.slots.map((s) => [s.label, {
    summary: s.summary(), records: s.records, stopReason: s.stopReason, finished: s.finished,
    restoreBest: Boolean(s.canonical?.training?.earlyStopping?.restoreBest ?? s.spec.training?.earlyStopping?.restoreBest),
  }]));
}

// "What to look for": the claims suite's own rules (claims/rule_logic.js) evaluated on this page's
// runs. ✓ only when this run's numbers show the statement; otherwise the numbers in words. Each
// line adds the claim's verdict over the suite's seeds (the shipped report) and links to it.
export function updateClaims(lab) {
  if (!lab.claimReport && lab.slots.some((s) => s.finished)) lab.loadClaimReport?.();
  const pid = lab.presetId;
  const rules = rulesOfPreset(pid);
  const runs = labRuns(lab);
  const items = rules.map((r) => {
    const labels = ruleRuns(r, pid);
    const present = labels.every((l) => runs.has(l));
    const ready = present && labels.every((l) => runs.get(l).finished);
    let state = 'pending', detail = 'waiting for the runs to finish', row = null;
    if (!present) { state = 'na'; detail = `needs the run${labels.length > 1 ? 's' : ''} ${labels.map((l) => `“${l}”`).join(' and ')}, which ${labels.length > 1 ? 'are' : 'is'} no longer on the page`; }
    else if (ready) {
      row = labRow(r, pid, runs);
      const ok = holds(r, row);
      state = ok === true ? 'ok' : ok === false ? 'no' : 'na';
      detail = ok === null ? `not measurable in this run (${ruleNumbers(r, row)})` : `${ok ? 'this run' : 'not in this run'}: ${ruleNumbers(r, row, ok)}`;
    }
    const icon = { ok: '✓', no: '○', pending: '…', na: '–' }[state];
    return el('li', { class: `claim ${state}`, 'data-ok': state === 'ok' ? 'true' : state === 'no' ? 'false' : state, 'data-rule': r.id, 'data-row': row ? JSON.stringify(row, (k, v) => (v === Infinity ? 'Infinity' : v)) : undefined },
      el('span', { class: 'claim-icon', 'aria-hidden': 'true', text: icon }),
      el('span', { class: 'claim-body' },
        el('span', { class: 'sr-only', text: { ok: 'Shown: ', no: 'Not shown: ', pending: 'Pending: ', na: 'Not measured: ' }[state] }),
        el('strong', { text: r.text }), el('span', { class: 'claim-detail', text: ` — ${detail}.` }),
        seedVerdict(lab, r)));
  });
  if (!items.length) {
    items.push(el('li', { class: 'claim na', 'data-ok': 'na' }, el('span', { class: 'claim-detail' },
      `${lab.preset.description ?? ''} No claim of the claims suite covers this experiment, so there is nothing to check here: the summary table has the numbers. `,
      el('a', { href: 'claims.html', text: 'What the numbers say' }))));
  }
  const key = items.map((i) => i.textContent + i.className).join('|');
  if (key !== lab.claimsKey) {
    lab.claimsKey = key;
    lab.els.claims.replaceChildren(...items);
  }
}

// The rule's numbers in words: "gap with L2 0.27 < gap without 2.1".
function ruleNumbers(r, row, ok) {
  const pct = new Set(r.percent ?? []);
  const f = (k) => {
    const v = row?.[k];
    if (v === null || v === undefined) return 'not measured';
    if (v === Infinity) return 'never';
    return pct.has(k) ? `${(100 * v).toFixed(1)} %` : formatValue(v);
  };
  const name = (k) => r.keys?.[k] ?? METRIC_LABELS[k] ?? k;
  if (r.less) {
    const [a, b] = r.less;
    const rel = ok === undefined ? 'vs' : ok ? '<' : '≥';
    return `${name(a)} ${f(a)} ${rel} ${name(b)} ${f(b)}`;
  }
  if (r.within) {
    const [a, b, tol] = r.within;
    const d = Math.abs(row[b] - row[a]);
    return `${name(a)} ${f(a)}, ${name(b)} ${f(b)} (${Number.isFinite(d) ? `${(100 * d).toFixed(1)} points apart` : '—'}; within ${100 * tol})`;
  }
  return ruleKeys(r).map((k) => `${name(k)} ${f(k)}`).join(', ');
}

// "Over 8 seeds: holds (8/8) · claim 3" from the shipped report (claims/report.json).
function seedVerdict(lab, r) {
  const link = el('a', { href: `claims.html#claim-${r.claim}`, text: `claim ${r.claim}` });
  const claim = lab.claimReport?.claims?.find((c) => c.id === r.claim);
  const check = claim?.checks.find((c) => c.id === r.id.split('/')[1]);
  if (!check) return el('span', { class: 'seed-verdict' }, ' See ', link, ' on the claims page.');
  const seeds = check.detail.match(/(\d+)\/(\d+) seeds/);
  return el('span', { class: `seed-verdict ${check.ok ? 'held' : 'not'}` },
    ` Over ${claim.seeds.length} seeds: ${check.ok ? 'holds' : 'does not hold'}${seeds ? ` (${seeds[1]}/${seeds[2]} seeds)` : ''} · `, link);
}

export function drawConfidence(lab) {
  const bins = 10;
  const labels = Array.from({ length: bins }, (_, b) => `${(b / bins).toFixed(1)}–${((b + 1) / bins).toFixed(1)}`);
  const sets = lab.slots.filter((s) => s.confidence).map((s) => {
    const n = s.confidence.counts.reduce((a, b) => a + b, 0) || 1;
    return { label: s.label, data: s.confidence.counts.map((c) => c / n), colour: runColour(s.index) };
  });
  const text = lab.slots.filter((s) => s.confidence).map((s) => `${s.label}: mean confidence ${formatValue(s.confidence.meanConfidence)}, ECE ${formatValue(s.confidence.ece)}`).join('; ');
  lab.views.confidence?.set(labels, sets, text);
}

export function drawLadder(lab) {
  const V = lab.views.ladder;
  if (!V) return;
  const data = lab.slots.map((s) => s.summary().valAcc ?? 0);
  const labels = lab.slots.map((s, i) => `${s.label} · ${(100 * data[i]).toFixed(1)} %`);
  const key = labels.join('|') + lab.slots.map((s) => s.index).join();
  if (key === lab.ladderKey) return;
  lab.ladderKey = key;
  V.set(labels, [{ label: 'validation accuracy', data, colour: lab.slots.map((s) => runColour(s.index)) }],
    lab.slots.map((s, i) => `${s.label}: ${(100 * data[i]).toFixed(1)} %`).join('; '));
  V.chart.options.scales.y.min = Math.max(0, Math.floor(10 * Math.min(...data.filter((v) => v > 0), 1) - 1) / 10);
  V.chart.options.scales.y.max = 1;
}
