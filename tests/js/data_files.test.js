// The shipped data files are the ones data/PROVENANCE.md describes (sha256), and fetchBinary
// delivers a binary data file with progress.
import { describe, it, expect } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { fetchBinary, ReglabError } from '../../web/engine/reglab.js';
import { readImageFile } from '../../bench/image_file.mjs';

const dataDir = new URL('../../data/', import.meta.url);
const provenance = fs.readFileSync(new URL('PROVENANCE.md', dataDir), 'utf8');
const shipped = fs.readdirSync(dataDir).filter((f) => f.endsWith('.csv') || f.endsWith('.bin')).sort();

// The sha256 PROVENANCE.md gives for `file`: the "- sha256 `…`" line of the section whose heading
// starts with the file name, else a list item naming it ("- `file` sha256 `…`").
function documentedSha256(file) {
  const lines = provenance.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## ${file}:`));
  if (start >= 0) {
    for (const l of lines.slice(start + 1)) {
      if (l.startsWith('## ')) break;
      const m = l.match(/^- sha256 `([0-9a-f]{64})`/);
      if (m) return m[1];
    }
  }
  const item = lines.map((l) => l.match(/^\s*- `([^`]+)` sha256 `([0-9a-f]{64})`/)).find((m) => m?.[1] === file);
  return item ? item[2] : null;
}

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

describe('shipped data files', () => {
  it('include the Fashion-MNIST pools and the sentiment corpus', () => {
    expect(shipped).toEqual(expect.arrayContaining(['fashion_mnist_train.bin', 'fashion_mnist_test.bin', 'sentiment_corpus.csv', 'sentiment.csv']));
  });

  it.each(shipped)('%s has the sha256 that PROVENANCE.md documents', (file) => {
    const documented = documentedSha256(file);
    expect(documented, `PROVENANCE.md has no sha256 for ${file}`).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(fs.readFileSync(new URL(file, dataDir)))).toBe(documented);
  });

  it('Fashion-MNIST files are RegLab image files whose headers match their sizes', () => {
    for (const file of ['fashion_mnist_train.bin', 'fashion_mnist_test.bin']) {
      const bytes = fs.readFileSync(new URL(file, dataDir));
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('RLIM');
      const [version, classes, c, h, w] = [4, 6, 8, 10, 12].map((o) => view.getUint16(o, true));
      const n = view.getUint32(16, true);
      expect([version, classes, c, h, w]).toEqual([1, 10, 1, 28, 28]);
      expect(bytes.length).toBe(20 + n * (c * h * w + 1));
    }
  });
});

describe('readImageFile (bench peers)', () => {
  it('reads the held-out pool as the C++ loader does: 2,000 balanced 1×28×28 images in [0, 1]', () => {
    const d = readImageFile(fs.readFileSync(new URL('fashion_mnist_test.bin', dataDir)));
    expect([d.count, d.channels, d.height, d.width, d.classes]).toEqual([2000, 1, 28, 28, 10]);
    expect(d.x.length).toBe(2000 * 784);
    const counts = new Array(10).fill(0);
    for (const l of d.labels) counts[l]++;
    expect(counts).toEqual(new Array(10).fill(200));
    let min = Infinity, max = -Infinity;
    for (const v of d.x) { min = Math.min(min, v); max = Math.max(max, v); }
    expect([min, max]).toEqual([0, 1]);
  });

  it('refuses a truncated file', () => {
    const bytes = fs.readFileSync(new URL('fashion_mnist_test.bin', dataDir));
    expect(() => readImageFile(bytes.subarray(0, bytes.length - 1), 'fashion_mnist_test.bin'))
      .toThrow('fashion_mnist_test.bin: 1570019 bytes, its header needs exactly 1570020');
  });
});

// A fetch that streams `bytes` in chunks of `chunk` bytes with the given headers.
function fakeFetch(bytes, { chunk = 100_000, headers = {}, status = 200 } = {}) {
  return async () => {
    let offset = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + chunk));
        offset += chunk;
      },
    });
    return new Response(status === 200 ? body : null, { status, headers });
  };
}

describe('fetchBinary', () => {
  const file = new URL('fashion_mnist_test.bin', dataDir);
  const bytes = new Uint8Array(fs.readFileSync(file));

  it('reads a file: URL in Node and reports it once', async () => {
    const progress = [];
    const got = await fetchBinary(file, { onProgress: (p) => progress.push(p) });
    expect(sha256(got)).toBe(sha256(bytes));
    expect(progress).toEqual([{ loaded: bytes.length, total: bytes.length }]);
  });

  it('streams a response and reports growing progress against Content-Length', async () => {
    const progress = [];
    const got = await fetchBinary('https://example.org/data/fashion_mnist_test.bin', {
      fetch: fakeFetch(bytes, { headers: { 'content-length': String(bytes.length) } }),
      onProgress: (p) => progress.push(p),
    });
    expect(Buffer.compare(got, bytes)).toBe(0);
    expect(progress[0]).toEqual({ loaded: 0, total: bytes.length });
    expect(progress.at(-1)).toEqual({ loaded: bytes.length, total: bytes.length });
    expect(progress.length).toBe(2 + Math.floor(bytes.length / 100_000));
    for (let i = 1; i < progress.length; i++) expect(progress[i].loaded).toBeGreaterThan(progress[i - 1].loaded);
  });

  it('does not take a compressed Content-Length for the total; expectedBytes wins', async () => {
    const headers = { 'content-length': '1000', 'content-encoding': 'gzip' };
    const seen = [];
    await fetchBinary('https://example.org/x.bin', { fetch: fakeFetch(bytes, { headers }), onProgress: (p) => seen.push(p.total) });
    expect(new Set(seen)).toEqual(new Set([null]));
    seen.length = 0;
    await fetchBinary('https://example.org/x.bin', { fetch: fakeFetch(bytes, { headers }), expectedBytes: bytes.length, onProgress: (p) => seen.push(p.total) });
    expect(new Set(seen)).toEqual(new Set([bytes.length]));
  });

  it('names the URL on an HTTP error, a short body or a missing file', async () => {
    await expect(fetchBinary('https://example.org/missing.bin', { fetch: fakeFetch(bytes, { status: 404 }) }))
      .rejects.toThrow('could not load https://example.org/missing.bin (HTTP 404)');
    await expect(fetchBinary('https://example.org/short.bin', { fetch: fakeFetch(bytes.subarray(0, 1000)), expectedBytes: bytes.length }))
      .rejects.toThrow(/short\.bin: received 1000 bytes, expected 1570020/);
    await expect(fetchBinary(new URL('nothing.bin', dataDir))).rejects.toBeInstanceOf(ReglabError);
  });
});
