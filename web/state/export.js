// Exports that are plain text: a run's history as CSV, file-name slugs. Pure.
import { RECORD_FIELDS } from './fields.gen.js';

// The record schema's scalar fields in order; the list field (sigma) becomes sigma1 … sigmaN.
const COLUMNS = RECORD_FIELDS.filter((f) => f.type !== 'metrics').map((f) => f.name);
const LIST = RECORD_FIELDS.find((f) => f.type === 'metrics')?.name ?? 'sigma';

// One row per epoch; sigma (one value per dense layer) becomes sigma1 … sigmaN.
export function historyCsv(records) {
  const layers = Math.max(0, ...records.map((r) => (Array.isArray(r[LIST]) ? r[LIST].length : 0)));
  const header = [...COLUMNS, ...Array.from({ length: layers }, (_, i) => `${LIST}${i + 1}`)];
  const cell = (v) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 1 : 0) : v);
  const lines = [header.join(',')];
  for (const r of records) {
    lines.push([...COLUMNS.map((c) => cell(r[c])), ...Array.from({ length: layers }, (_, i) => cell(r[LIST]?.[i]))].join(','));
  }
  return lines.join('\n') + '\n';
}

export function slug(text) {
  return String(text).normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 60) || 'run';
}
