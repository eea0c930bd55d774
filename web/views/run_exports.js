// What a run card exports: its spec (JSON), its history (CSV), a PyTorch script, its data (CSV)
// and the code that embeds it in another page (widget tag or iframe).
import { historyCsv, slug } from '../state/export.js';
import { encodeSpec } from '../state/url.js';
import { download } from './download.js';

// ---- exports -------------------------------------------------------------------------------
export function exportSpec(lab, slot) {
  download(`reglab-${slug(slot.label)}.json`, JSON.stringify(slot.canonical ?? slot.spec, null, 2) + '\n', 'application/json');
}

export function exportHistory(lab, slot) {
  download(`reglab-${slug(slot.label)}-history.csv`, historyCsv(slot.records), 'text/csv');
}

// The PyTorch exporter is loaded on first use (a chunk of its own: few visits export a script).
const pytorch = () => import('../state/export_pytorch.js');

export async function exportPytorchScript(lab, slot) {
  const { exportPytorch } = await pytorch();
  const spec = slot.canonical ?? slot.spec;
  const d = slot.data ?? {};
  const src = exportPytorch(spec, {
    task: d.classes ? 'classification' : 'regression', classes: d.classes || 2, features: d.features,
    imageC: d.imageC || undefined, imageH: d.imageH || undefined, imageW: d.imageW || undefined, dataFile: `reglab-${slug(slot.label)}-data.csv`,
  });
  download(`reglab-${slug(slot.label)}.py`, src, 'text/x-python');
}

// Both embedding forms for this run beside run A (or alone when it is A): a <reglab-compare>
// tag for pages that allow scripts, and an iframe of embed.html for hosts that strip them.
export function embedCode(lab, slot) {
  const first = lab.slots[0];
  const pair = slot === first ? [slot] : [first, slot];
  const specs = pair.map((s) => JSON.stringify(s.canonical ?? s.spec));
  const quote = (text) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
  const base = new URL('./', document.baseURI).href;
  const attrs = pair.map((s, i) => `spec-${'ab'[i]}='${quote(specs[i])}' label-${'ab'[i]}="${quote(s.label).replace(/"/g, '&quot;')}"`);
  const tag = `<script type="module" src="${base}reglab-widgets.js"></script>\n<reglab-compare ${attrs.join(' ')} autoplay></reglab-compare>`;
  // The iframe carries what the tag carries: the runs' labels and autoplay (embed.js passes them on).
  const query = [
    ...pair.map((s, i) => `${pair.length === 1 ? 'spec' : `spec-${'ab'[i]}`}=${encodeSpec(s.canonical ?? s.spec)}`),
    ...pair.map((s, i) => `label-${'ab'[i]}=${encodeURIComponent(s.label.slice(0, 200))}`),
    'autoplay=true',
  ].join('&');
  const iframe = `<iframe src="${base}embed.html?${query}" width="100%" height="420" style="border:0" title="RegLab experiment" loading="lazy"></iframe>`;
  return `<!-- RegLab widget (pages that allow scripts) -->\n${tag}\n\n<!-- or, where scripts are stripped -->\n${iframe}\n`;
}

export async function copyEmbedCode(lab, slot) {
  const code = embedCode(lab, slot);
  try {
    await navigator.clipboard.writeText(code);
  } catch {
    download(`reglab-${slug(slot.label)}-embed.html`, code, 'text/html');  // no clipboard access: save it instead
  }
  lab.lastEmbedCode = code;
}

export async function exportData(lab, slot) {
  try {
    const r = await lab.tasks.run('exportData', { spec: slot.spec }, `data-${slot.key}`);
    const { dataCsv } = await pytorch();
    if (r) download(`reglab-${slug(slot.label)}-data.csv`, dataCsv({ train: r.train, val: r.val, test: r.test }), 'text/csv');
  } catch (e) {
    slot.error = { path: e.path ?? '', message: e.message };
    lab.refresh(slot);
  }
}
