// The lesson's views over all runs: the summary table, the claims panel ("What to look for",
// checked once the runs it compares have finished), the confidence bars and the ladder bars.
import { el } from './charts.js';
import { SummaryTable } from './table.js';
import { runColour } from './theme.js';
import { formatValue } from '../state/spec.js';
import { checkClaim, METRIC_LABELS } from '../state/summary.js';
import { errorInWords } from '../state/words.js';

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
    stateText: s.state === 'error' ? `error: ${errorInWords(s.error ?? {}, (p) => lab.fields?.byPath.get(p))}` : s.state === 'diverged' ? `${s.stateText()} (loss too large)` : s.stateText(),
    summary: s.records.length ? s.summary() : null,
  })));
}

export function updateClaims(lab) {
  const claims = lab.preset.claims ?? [];
  const summaries = new Map(lab.slots.map((s) => [s.label, s.summary()]));
  const finished = new Map(lab.slots.map((s) => [s.label, s.finished]));
  const items = claims.map((c) => {
    const names = [c.run, typeof c.than === 'string' ? c.than : null].filter(Boolean);
    const present = names.every((n) => finished.has(n));
    const ready = present && names.every((n) => finished.get(n));
    let state = 'pending', detail = 'waiting for the runs to finish';
    if (!present) { state = 'na'; detail = 'a run it compares was removed'; }
    else if (ready) {
      const r = checkClaim(c, summaries);
      state = r.ok ? 'ok' : 'no';
      const fmt = (v) => (v === Infinity ? 'never' : formatValue(v));
      const what = METRIC_LABELS[c.metric] ?? c.metric;
      detail = typeof c.than === 'number'
        ? `${c.run}: ${what} ${fmt(r.left)} (threshold ${fmt(c.than)})`
        : `${what}: ${c.run} ${fmt(r.left)} vs ${c.than} ${fmt(r.right)}`;
      if (!r.ok) detail += ' — not seen with these settings; try another seed or the preset values';
    }
    return { state, text: c.text, detail };
  });
  // This runs at display rate: the list is built only when a claim's text or state changed.
  const key = JSON.stringify(items) + (items.length ? '' : lab.preset.description ?? '');
  if (key === lab.claimsKey) return;
  lab.claimsKey = key;
  const nodes = items.map(({ state, text, detail }) => el('li', { class: `claim ${state}`, 'data-ok': state === 'ok' ? 'true' : state === 'no' ? 'false' : state },
    el('span', { class: 'claim-icon', 'aria-hidden': 'true', text: { ok: '✓', no: '✗', pending: '…', na: '–' }[state] }),
    el('span', {}, el('strong', { text }), el('span', { class: 'claim-detail', text: ` — ${detail}` }))));
  if (!nodes.length) nodes.push(el('li', { class: 'claim na', 'data-ok': 'na' }, el('span', { class: 'claim-detail', text: lab.preset.description ?? '' })));
  lab.els.claims.replaceChildren(...nodes);
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
