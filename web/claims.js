// "What the numbers say": renders the shipped report web/claims/report.json (served next to this
// page as claims/report.json) — every claim of the course module, its presets (links that open them in
// the lab), the per-seed numbers, mean ± sd, the checks and the verdict. No engine here: the
// numbers were measured by `npm run claims`.
import { encodeState } from './state/url.js';

const REPORT_URL = new URL('claims/report.json', import.meta.url);
const VERDICT_TEXT = { held: 'Holds', partly: 'Partly holds', not: 'Does not hold' };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

// 3 significant digits; exponent form for very small or large values; — for missing.
export function fmt(x, digits = 3) {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e4 || a < 1e-3) return x.toExponential(digits - 1).replace(/-/g, '−');
  return Number(x.toPrecision(digits)).toString().replace(/-/g, '−');
}

// The lab link of a preset: a lab preset opens by its id; a claims-suite preset carries its runs
// in the URL (the lab shows them under the preset's lesson).
export function labHref(preset) {
  const state = preset.lab
    ? { lesson: preset.lesson, preset: preset.id, runs: null }
    : { lesson: preset.lesson, preset: preset.lesson, runs: preset.allRuns };
  return `index.html${encodeState(state)}`;
}

const badge = (verdict) => el('span', { class: `badge ${verdict}`, text: VERDICT_TEXT[verdict] ?? verdict });

function overview(report) {
  const rows = report.claims.map((c) => el('tr', {},
    el('td', { class: 'num', text: c.id }),
    el('td', {}, el('a', { href: `#claim-${c.id}`, text: c.title })),
    el('td', {}, badge(c.verdict)),
    el('td', { text: c.explanation })));
  return el('section', { class: 'overview', 'aria-labelledby': 'overview-title' },
    el('h2', { id: 'overview-title', text: 'All claims at a glance' }),
    el('div', { class: 'counts' },
      el('span', { class: 'badge held', text: `${report.counts.held} hold` }),
      el('span', { class: 'badge partly', text: `${report.counts.partly} partly` }),
      el('span', { class: 'badge not', text: `${report.counts.not} do not hold` })),
    el('div', { class: 'wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, ['#', 'Claim', 'Verdict', 'What was measured'].map((t) => el('th', { scope: 'col', text: t })))),
      el('tbody', {}, rows))));
}

function checksList(claim) {
  return el('ul', { class: 'checks', 'aria-label': 'Checks' }, claim.checks.map((c) => el('li', {},
    el('span', { class: `mark ${c.ok ? 'ok' : 'no'}`, text: c.ok ? '✓ holds' : '✗ not seen' }),
    el('span', {}, c.text,
      c.asserted ? el('span', { class: 'tag', title: 'The test suite requires this check to hold', text: 'asserted' }) : null,
      c.core ? null : el('span', { class: 'tag', title: 'Supporting measurement, not part of the claim’s statement', text: 'supporting' })),
    el('span', { class: 'check-detail', text: c.detail }))));
}

// Metrics as rows, seeds as columns, then mean ± sd: compact enough for 8 seeds.
function perSeedTable(claim) {
  const seeds = claim.perSeed.map((r) => r.seed);
  return el('div', { class: 'wrap', tabindex: '0', role: 'region', 'aria-label': `Claim ${claim.id}: numbers per seed` }, el('table', {},
    el('caption', { text: `Per seed (columns) and mean ± sd over ${seeds.length} seeds. — = not measured (e.g. a run that diverged) or never reached.` }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: 'measurement' }),
      seeds.map((s) => el('th', { scope: 'col', class: 'num', text: `seed ${s}` })),
      el('th', { scope: 'col', class: 'num', text: 'mean ± sd' }))),
    el('tbody', {}, claim.metrics.map((m) => {
      const s = claim.summary[m.key];
      return el('tr', {},
        el('th', { scope: 'row', text: m.label }),
        claim.perSeed.map((r) => el('td', { class: 'num', text: fmt(r[m.key]) })),
        el('td', { class: 'num', text: s && s.n ? `${fmt(s.mean)} ± ${fmt(s.sd, 2)}` : '—' }));
    }))));
}

function extraTable(t) {
  return el('div', { class: 'wrap', tabindex: '0', role: 'region', 'aria-label': t.caption }, el('table', {},
    el('caption', { text: t.caption }),
    el('thead', {}, el('tr', {}, t.columns.map((c, i) => el('th', { scope: 'col', class: i ? 'num' : undefined, text: c })))),
    el('tbody', {}, t.rows.map((row) => el('tr', {}, row.map((v, i) => (i ? el('td', { class: 'num', text: v }) : el('th', { scope: 'row', text: v }))))))));
}

function claimArticle(claim) {
  const presets = el('ul', { class: 'presets', 'aria-label': 'Presets' }, claim.presets.map((p) => el('li', {},
    el('a', { href: labHref(p), title: `Open ${p.file} in the lab (lesson ${p.lesson})` },
      `Open in the lab: ${p.title} `, el('span', { class: 'file', text: p.file.replace(/^web\//, '') }), p.note ? ` — ${p.note}` : ''))));
  return el('article', { class: 'claim', id: `claim-${claim.id}`, 'aria-labelledby': `claim-${claim.id}-title` },
    el('header', {},
      el('span', { class: 'num', text: `${claim.id}.` }),
      el('h2', { id: `claim-${claim.id}-title`, text: claim.title }),
      badge(claim.verdict),
      el('span', { class: 'meta', text: `lesson ${claim.lesson} · ${claim.seeds.length} seeds` })),
    el('blockquote', {}, el('strong', { text: 'The course says: ' }), claim.statement),
    el('p', { class: 'explain', text: claim.explanation }),
    presets,
    checksList(claim),
    el('details', {}, el('summary', { text: 'Numbers per seed' }), el('div', { class: 'tables' }, perSeedTable(claim), ...(claim.tables ?? []).map(extraTable))));
}

export function renderReport(root, report) {
  const engine = report.engine ? `engine ${report.engine.version}${report.engine.simd ? ' (WebAssembly SIMD)' : ''}` : 'engine';
  const when = new Date(report.generated);
  root.replaceChildren(
    el('p', { class: 'meta measured', text: `Measured on ${when.toISOString().slice(0, 10)} with ${engine}, seeds ${report.seeds.join(', ')}, in ${Math.round(report.seconds / 60)} min${report.specsHash ? ` (claims and presets ${report.specsHash})` : ''}. A check “holds” when its mean effect points the right way and at least ${Math.round(100 * report.agreement)} % of the seeds agree (or, where stated, every seed). CI re-measures every claim and fails when a verdict here would change.` }),
    overview(report),
    ...report.claims.map(claimArticle),
    ...(Object.keys(report.errors ?? {}).length ? [el('p', { class: 'status error', role: 'alert', text: `Some claims could not be measured: ${Object.entries(report.errors).map(([k, v]) => `${k}: ${String(v).split('\n')[0]}`).join('; ')}` })] : []));
  showTarget();
}

// Opens the numbers of a claim linked to directly (#claim-7).
function showTarget() {
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target) {
    target.querySelector('details')?.setAttribute('open', '');
    target.scrollIntoView();
  }
}

async function main() {
  const root = document.getElementById('report');
  try {
    const res = await fetch(REPORT_URL);
    if (!res.ok) throw new Error(`The measurements (claims/report.json) could not be loaded: HTTP ${res.status}. Reload the page; if it persists, the site was deployed without them.`);
    renderReport(root, await res.json());
  } catch (e) {
    root.replaceChildren(el('p', { class: 'status error', role: 'alert', text: e.message }));
  }
}

if (typeof document !== 'undefined') {
  window.addEventListener('hashchange', showTarget);
  main();
}
