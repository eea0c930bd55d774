// Uploaded CSV files stay in this browser; the URL names them by a short content hash.
//
//   in the lab (the spec the engine reads):  data.csv = "a,b,label\n1,2,0\n…"
//   in the URL (state/url.js encodes it):    data.csv = {"upload": "3f2a9c0d41b7e865"}
//
// The hash is the first 16 hex digits (64 bits) of SHA-256 over the file's text (UTF-8): a link
// names exactly one file, and two uploads of the same file share one entry. The texts live in
// IndexedDB ("reglab-uploads"), so a reload or a link opened later in this browser finds them; a
// link opened in another browser does not, and the page says so in words (uploadMissingMessage).
// The pure part (refs, the size rule, the messages) is tested in Node; UploadStore needs a browser.

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const UPLOAD_FIELDS = ['csv', 'valCsv', 'testCsv'];
const HASH_DIGITS = 16;
const KEEP = 20;                    // uploads kept in this browser (the oldest go first)

const mb = (bytes) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

// null when the file may be uploaded, else why not, in words.
export function uploadSizeError(name, bytes) {
  if (bytes <= MAX_UPLOAD_BYTES) return null;
  return `“${name}” is ${mb(bytes)}; the lab takes CSV files up to ${mb(MAX_UPLOAD_BYTES)}. ` +
    'Use fewer rows or columns — a random sample of a few thousand rows shows the same regularization effects.';
}

export function uploadMissingMessage(hashes) {
  const list = hashes.map((h) => `hash ${String(h).slice(0, HASH_DIGITS)}`).join(', ');
  return `This link uses ${hashes.length === 1 ? 'an uploaded dataset' : 'uploaded datasets'} (${list}) that ${hashes.length === 1 ? 'is' : 'are'} not stored in this browser — upload the file again ` +
    '(Data and seed → Upload CSV…). Until then the runs use the lesson’s own data.';
}

export const isUploadRef = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.upload === 'string';
export const validHash = (h) => typeof h === 'string' && new RegExp(`^[0-9a-f]{${HASH_DIGITS}}$`).test(h);

function mapData(runs, fn) {
  return runs.map((r) => {
    const data = r.spec?.data;
    if (!data || typeof data !== 'object') return r;
    let changed = false;
    const next = { ...data };
    for (const k of UPLOAD_FIELDS) {
      if (!(k in data)) continue;
      const v = fn(data[k], k);
      if (v !== data[k]) { next[k] = v; changed = true; }
    }
    return changed ? { ...r, spec: { ...r.spec, data: next } } : r;
  });
}

// Runs as the URL carries them: every CSV text whose hash `hashOf(text)` knows becomes a ref.
export function runsForUrl(runs, hashOf) {
  return mapData(runs, (v) => {
    const h = typeof v === 'string' ? hashOf(v) : undefined;
    return h ? { upload: h } : v;
  });
}

// The hashes the runs name (each once, in order).
export function uploadRefs(runs) {
  const out = new Set();
  mapData(runs, (v) => { if (isUploadRef(v)) out.add(v.upload); return v; });
  return [...out];
}

// Runs with their refs replaced by the texts `textOf(hash)` knows. A run that names a text it
// cannot have gets `fallbackData(i)` (the preset's data) instead; `missing` lists those hashes.
export function runsFromUrl(runs, textOf, fallbackData) {
  const missing = new Set();
  const resolved = mapData(runs, (v) => {
    if (!isUploadRef(v)) return v;
    const text = textOf(v.upload);
    if (typeof text === 'string') return text;
    missing.add(v.upload);
    return v;
  }).map((r, i) => {
    if (!uploadRefs([r]).length) return r;
    const { data, ...rest } = r.spec;
    const fb = fallbackData(i);
    return { ...r, spec: fb === undefined ? rest : { ...rest, data: fb } };
  });
  return { runs: resolved, missing: [...missing] };
}

export async function hashText(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest, 0, HASH_DIGITS / 2)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// ---- the store (IndexedDB, with the texts of this page session in memory) --------------------
const DB = 'reglab-uploads', STORE = 'csv';

function request(r) {
  return new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
}

export class UploadStore {
  constructor() {
    this.textByHash = new Map();
    this.hashByText = new Map();
    this.db = null;
  }

  open() {
    this.db ??= new Promise((resolve, reject) => {
      const r = indexedDB.open(DB, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'hash' }).createIndex('savedAt', 'savedAt');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    }).catch(() => null);     // storage off (some private modes): uploads last for this page only
    return this.db;
  }

  remember(hash, text) {
    this.textByHash.set(hash, text);
    this.hashByText.set(text, hash);
  }

  // The hash of a text this page has stored or loaded; undefined for any other text.
  hashOf(text) { return this.hashByText.get(text); }

  // Keeps `text` in this browser; resolves its hash. Keeps the KEEP most recent uploads.
  async put(text, name = '') {
    const hash = await hashText(text);
    this.remember(hash, text);
    const db = await this.open();
    if (!db) return hash;
    try {
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      store.put({ hash, text, name, bytes: text.length, savedAt: Date.now() });
      const keys = await request(store.index('savedAt').getAllKeys());
      for (const k of keys.slice(0, Math.max(0, keys.length - KEEP))) store.delete(k);
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
    } catch { /* quota or storage errors: the upload still works in this page */ }
    return hash;
  }

  // The text stored under `hash`, or undefined.
  async get(hash) {
    if (this.textByHash.has(hash)) return this.textByHash.get(hash);
    if (!validHash(hash)) return undefined;
    const db = await this.open();
    if (!db) return undefined;
    try {
      const row = await request(db.transaction(STORE).objectStore(STORE).get(hash));
      if (typeof row?.text !== 'string') return undefined;
      this.remember(hash, row.text);
      return row.text;
    } catch {
      return undefined;
    }
  }

  // Loads every text the runs name (so runsFromUrl can resolve them synchronously).
  async load(runs) {
    for (const h of uploadRefs(runs)) await this.get(h);
  }
}
