// The URL codec. Pure functions only: the page's entry module (app.js) is the one place that
// reads or writes `location`. The lab state travels in the hash so that any static host works:
//
//   #/6.2                         lesson 6.2 with its default preset, untouched
//   #/6.2?p=6.2-decay             another preset of the same lesson
//   #/6.2?p=6.2&s=<base64url>     edited runs: s = base64url(UTF-8(JSON {runs:[{label, spec}]}))
//
// An uploaded CSV is not in the URL: the lab (lab.js, state/uploads.js) hands this codec runs whose
// data.csv / valCsv / testCsv is {upload: <hash>} and resolves the hash from the browser's store.
// Specs stay sparse (only what the preset or the student set); the engine fills defaults, and
// the spec's `version` field keeps old links meaning the same experiment.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

// base64url of bytes, no padding (RFC 4648 §5).
export function bytesToBase64url(bytes) {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63] + B64[v & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i] << 16;
    out += B64[v >> 18] + B64[(v >> 12) & 63];
  } else if (rest === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63];
  }
  return out;
}

export function base64urlToBytes(text) {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) throw urlError('the shared state is truncated');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0, bits = 0, n = 0;
  for (const c of clean) {
    const v = B64_INDEX.get(c);
    if (v === undefined) throw urlError(`unexpected character '${c}' in the shared state`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[n++] = (acc >> bits) & 255;
    }
  }
  return bytes.subarray(0, n);
}

function urlError(message) {
  const e = new Error(`url: ${message}`);
  e.path = 'url';
  return e;
}

// Any JSON value ⇄ compact URL-safe text.
export function encodeSpec(value) {
  return bytesToBase64url(new TextEncoder().encode(JSON.stringify(value)));
}

export function decodeSpec(text) {
  let json;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(base64urlToBytes(text));
  } catch (e) {
    throw e.path ? e : urlError('the shared state is not valid UTF-8');
  }
  try {
    return JSON.parse(json);
  } catch {
    throw urlError('the shared state is not valid JSON');
  }
}

// Lab state {lesson, preset, runs|null} → hash. `runs` null means "the preset as shipped".
export function encodeState({ lesson, preset, runs }) {
  const params = [];
  if (preset && preset !== lesson) params.push(`p=${encodeURIComponent(preset)}`);
  if (runs) {
    if (!params.length) params.push(`p=${encodeURIComponent(preset || lesson)}`);
    params.push(`s=${encodeSpec({ runs })}`);
  }
  return `#/${encodeURIComponent(lesson)}${params.length ? '?' + params.join('&') : ''}`;
}

// Hash → {lesson, preset, runs|null}; lesson is null for an empty hash. Throws Error{path:'url'}
// when the shared state cannot be read, so the page can say so in words.
export function decodeState(hash) {
  const text = (hash || '').replace(/^#\/?/, '');
  if (!text) return { lesson: null, preset: null, runs: null };
  const q = text.indexOf('?');
  const lesson = decodeURIComponent(q < 0 ? text : text.slice(0, q));
  const params = new URLSearchParams(q < 0 ? '' : text.slice(q + 1));
  const preset = params.get('p') || lesson;
  let runs = null;
  if (params.has('s')) {
    const state = decodeSpec(params.get('s'));
    if (!state || !Array.isArray(state.runs)) throw urlError('the shared state has no runs');
    runs = state.runs.map((r, i) => {
      if (!r || typeof r.spec !== 'object' || r.spec === null) throw urlError(`run ${i + 1} has no spec`);
      return { label: String(r.label ?? `Run ${i + 1}`), spec: r.spec };
    });
  }
  return { lesson, preset, runs };
}
