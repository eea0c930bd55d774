// Controls generated from engine.describe(): each spec field becomes a labelled slider, number
// box, select or checkbox with its range and a one-line "what this does". A control reports
// changes through onChange(path, value); it never touches a run.
import { el } from './charts.js';
import { formatValue } from '../state/spec.js';
import { UI_RANGES, LOG_SCALE_PATHS } from '../state/fields.gen.js';
import { choiceWord } from '../state/words.js';

let controlCount = 0;

// Practical slider ranges for fields whose engine limits are far wider than a lesson needs (the
// number box still accepts anything the engine allows), and the fields best moved on a log scale
// (0 = off sits at the left end): both declared with each field in the engine (fields.cpp).
const UI_RANGE = UI_RANGES;
const LOG_FIELDS = new Set(LOG_SCALE_PATHS);

const isNumberType = (t) => ['number', 'float', 'double', 'int', 'integer'].includes(t);
const isIntType = (t) => ['int', 'integer'].includes(t);
const isBoolType = (t) => ['bool', 'boolean'].includes(t);

export function fieldLabel(field) {
  return field?.label || field?.path?.split('.').pop() || '';
}

// One control. value: the current (canonical) value; field: the describe() entry.
export function control(field, value, onChange, { compact = false } = {}) {
  const id = `ctl${++controlCount}`;
  const helpId = `${id}-help`;
  const label = fieldLabel(field);
  const help = field.help ? el('p', { class: 'help', id: helpId, text: field.help }) : null;
  const describedBy = help ? helpId : undefined;
  const wrap = el('div', { class: `field${compact ? ' compact' : ''}`, 'data-path': field.path });
  const type = field.type;
  const choices = field.choices ?? field.enum;

  if (Array.isArray(choices) && choices.length) {
    const select = el('select', { id, 'aria-describedby': describedBy },
      // Options read in words; the spec's name for each is its tooltip (and the select's, for the chosen one).
      choices.map((c) => el('option', { value: String(c), text: choiceWord(field.path, c), title: `spec value: ${c}`, selected: String(c) === String(value) })));
    select.title = `${field.path} = ${value ?? field.default}`;
    select.addEventListener('change', () => onChange(field.path, typeof field.default === 'number' ? Number(select.value) : select.value));
    wrap.append(el('label', { for: id, text: label }), select);
  } else if (isBoolType(type) || typeof value === 'boolean') {
    const box = el('input', { type: 'checkbox', id, 'aria-describedby': describedBy });
    box.checked = !!value;
    box.addEventListener('change', () => onChange(field.path, box.checked));
    wrap.classList.add('check');
    wrap.append(box, el('label', { for: id, text: label }));
  } else if (isNumberType(type) || typeof value === 'number' || (Array.isArray(value) && field.path === 'model.dropout')) {
    numberControl(wrap, id, field, value, onChange, describedBy, label);
  } else if (Array.isArray(value) || /\[\]$|array|list/.test(String(type))) {
    // Integer lists such as the hidden layer widths: "64, 64".
    const input = el('input', { type: 'text', id, inputmode: 'numeric', value: (value ?? []).join(', '), 'aria-describedby': describedBy, spellcheck: 'false' });
    input.addEventListener('change', () => {
      const text = input.value.trim();
      const list = text ? text.split(/[\s,]+/).map(Number) : [];
      onChange(field.path, list);
    });
    wrap.append(el('label', { for: id, text: label }), input);
  } else {
    const input = el('input', { type: 'text', id, value: value ?? '', 'aria-describedby': describedBy });
    input.addEventListener('change', () => onChange(field.path, input.value));
    wrap.append(el('label', { for: id, text: label }), input);
  }
  if (help) wrap.append(help);
  return wrap;
}

function numberControl(wrap, id, field, value, onChange, describedBy, label) {
  const int = isIntType(field.type);
  // A per-layer dropout list shows as one rate when every layer has the same one.
  let v = Array.isArray(value) ? (value.length ? value[0] : 0) : value ?? field.default ?? 0;
  const [uiMin, uiMax] = UI_RANGE[field.path] ?? [field.min ?? 0, field.max ?? Math.max(1, 10 * Math.abs(v || 1))];
  const lo = Math.max(field.min ?? -Infinity, uiMin);
  let hi = Math.min(field.max ?? Infinity, uiMax);
  if (field.maxExclusive && hi === field.max) hi -= (hi - lo) / 100; // [0, 1) must not offer 1
  const log = LOG_FIELDS.has(field.path) && hi > 0;
  const logLo = lo > 0 ? lo : Math.max(hi * 1e-5, 1e-6);
  const STEPS = 1000;
  const toSlider = (x) => {
    if (!log) return x;
    if (x <= 0) return 0;
    return Math.round((Math.log(Math.max(x, logLo) / logLo) / Math.log(hi / logLo)) * (lo > 0 ? STEPS : STEPS - 50) + (lo > 0 ? 0 : 50));
  };
  const fromSlider = (s) => {
    if (!log) return int ? Math.round(s) : s;
    if (lo <= 0 && s < 50) return 0;
    const t = lo > 0 ? s / STEPS : (s - 50) / (STEPS - 50);
    return Number((logLo * Math.pow(hi / logLo, t)).toPrecision(2));
  };
  const step = log ? 1 : int ? 1 : niceStep(hi - lo);
  const range = el('input', {
    type: 'range', id: `${id}-r`, min: log ? 0 : lo, max: log ? STEPS : hi, step, value: toSlider(v),
    'aria-label': `${label} slider`, 'aria-describedby': describedBy, 'aria-valuetext': formatValue(v),
  });
  const box = el('input', {
    type: 'number', id, value: v, step: int ? 1 : 'any', min: field.min ?? undefined, max: field.max ?? undefined,
    'aria-describedby': describedBy, inputmode: int ? 'numeric' : 'decimal',
  });
  range.addEventListener('input', () => {
    const x = fromSlider(Number(range.value));
    box.value = x;
    range.setAttribute('aria-valuetext', formatValue(x));
  });
  range.addEventListener('change', () => onChange(field.path, fromSlider(Number(range.value))));
  box.addEventListener('change', () => {
    if (box.value.trim() === '') return;
    const x = Number(box.value);
    range.value = toSlider(x);
    onChange(field.path, int ? Math.round(x) : x);
  });
  wrap.append(el('label', { for: id, text: label }), el('div', { class: 'num-row' }, range, box));
}

function niceStep(span) {
  if (!(span > 0) || !Number.isFinite(span)) return 'any';
  const raw = span / 200;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  return Number((Math.ceil(raw / p) * p).toPrecision(1));
}
