// state/uploads.js, the pure part: CSV texts ⇄ hash refs in the URL's runs, the size rule and the
// messages (the IndexedDB store is exercised in Chromium, tests/browser/uploads.test.mjs).
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { hashText, runsForUrl, runsFromUrl, uploadRefs, uploadSizeError, uploadMissingMessage, MAX_UPLOAD_BYTES } from '../../web/state/uploads.js';
import { encodeState, decodeState } from '../../web/state/url.js';

const train = 'a,b,label\n1,2,0\n3,4,1\n';
const val = 'a,b,label\n5,6,0\n';
const run = (data, label = 'A') => ({ label, spec: { data, regularization: { l2: 0.01 } } });

describe('uploads', () => {
  it('hashes a text to the first 16 hex digits of its SHA-256', async () => {
    expect(await hashText(train)).toBe(createHash('sha256').update(train).digest('hex').slice(0, 16));
    expect(await hashText(train)).not.toBe(await hashText(val));
  });

  it('puts hashes, not rows, into the URL and reads them back into the same runs', async () => {
    const h = { [train]: await hashText(train), [val]: await hashText(val) };
    const runs = [run({ kind: 'csv', csv: train, valCsv: val }), run({ kind: 'csv', csv: train }, 'B')];
    const url = encodeState({ lesson: '6.2', preset: '6.2', runs: runsForUrl(runs, (t) => h[t]) });
    expect(url).not.toContain(Buffer.from('a,b,label').toString('base64url').slice(0, 8));
    const decoded = decodeState(url).runs;
    expect(decoded[0].spec.data).toEqual({ kind: 'csv', csv: { upload: h[train] }, valCsv: { upload: h[val] } });
    expect(uploadRefs(decoded)).toEqual([h[train], h[val]]);
    const texts = { [h[train]]: train, [h[val]]: val };
    const back = runsFromUrl(decoded, (x) => texts[x], () => ({ kind: 'moons' }));
    expect(back).toEqual({ runs, missing: [] });
  });

  it('leaves texts it has no hash for, and runs without uploads, as they are', () => {
    const runs = [run({ kind: 'csv', csv: train }), run({ kind: 'moons', n: 200 }, 'B'), { label: 'C', spec: {} }];
    expect(runsForUrl(runs, () => undefined)).toEqual(runs);
  });

  it('gives a run whose upload is missing the fallback data and names the hash', () => {
    const runs = [run({ kind: 'csv', csv: { upload: '0123456789abcdef' } }), run({ kind: 'moons' }, 'B')];
    const { runs: out, missing } = runsFromUrl(runs, () => undefined, (i) => ({ kind: 'spiral', n: 100 + i }));
    expect(missing).toEqual(['0123456789abcdef']);
    expect(out[0].spec).toEqual({ data: { kind: 'spiral', n: 100 }, regularization: { l2: 0.01 } });
    expect(out[1]).toBe(runs[1]);
    expect(uploadMissingMessage(missing)).toContain('This link uses an uploaded dataset (hash 0123456789abcdef) that is not stored in this browser — upload the file again');
  });

  it('refuses a file over 5 MB in words and takes one at the limit', () => {
    expect(MAX_UPLOAD_BYTES).toBe(5 * 1024 * 1024);
    expect(uploadSizeError('x.csv', MAX_UPLOAD_BYTES)).toBeNull();
    expect(uploadSizeError('big.csv', 16.8 * 1024 * 1024)).toMatch(/^“big.csv” is 16.8 MB; the lab takes CSV files up to 5.0 MB/);
  });
});
