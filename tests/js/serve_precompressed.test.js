// tools/precompress.mjs writes .br/.gz twins; tools/serve.mjs picks the one the request accepts,
// with the original Content-Type, Content-Encoding, Vary and cache headers, and never a stale twin.
// Also: KaTeX's stylesheet for the lab keeps only the font families its formulas use.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import http from 'node:http';
import { serve, acceptedEncodings } from '../../tools/serve.mjs';
import { precompress } from '../../tools/precompress.mjs';
import { katexCss, renderTex, charsByFamily } from '../../web/site/katex.mjs';

function get(port, file, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: file, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('precompressed files served with the right headers', () => {
  let dir, server, port;
  const js = 'export const answer = 42;\n'.repeat(200);
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-serve-'));
    fs.mkdirSync(path.join(dir, 'chunks'));
    fs.writeFileSync(path.join(dir, 'app.js'), js);
    fs.writeFileSync(path.join(dir, 'chunks/x-ABC.js'), js);
    fs.writeFileSync(path.join(dir, 'tiny.json'), '{}');
    precompress(dir);
    server = await serve(dir);
    port = server.address().port;
  });
  afterAll(() => { server.close(); fs.rmSync(dir, { recursive: true, force: true }); });

  it('writes .br and .gz beside a text file, and none where compression does not pay', () => {
    expect(fs.existsSync(path.join(dir, 'app.js.br'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'app.js.gz'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'tiny.json.br'))).toBe(false);
  });

  it('sends Brotli when accepted, keeping the JavaScript Content-Type, and the body decodes to the file', async () => {
    const r = await get(port, '/app.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(zlib.brotliDecompressSync(r.body).toString()).toBe(js);
  });

  it('sends gzip to a client without Brotli, the file itself to one that accepts neither', async () => {
    const g = await get(port, '/app.js', { 'accept-encoding': 'gzip' });
    expect(g.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(g.body).toString()).toBe(js);
    const plain = await get(port, '/app.js', { 'accept-encoding': 'br;q=0, identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(js);
  });

  it('caches hashed chunks for a year and answers a matching ETag with 304', async () => {
    const r = await get(port, '/chunks/x-ABC.js', { 'accept-encoding': 'br' });
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await get(port, '/chunks/x-ABC.js', { 'accept-encoding': 'br', 'if-none-match': r.headers.etag });
    expect(again.status).toBe(304);
  });

  it('never sends a twin older than its file (rebuilt without precompressing)', async () => {
    const newer = js.replace('42', '43');
    fs.writeFileSync(path.join(dir, 'app.js'), newer);
    const future = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dir, 'app.js'), future, future);
    const r = await get(port, '/app.js', { 'accept-encoding': 'br, gzip' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.toString()).toBe(newer);
  });

  it('reads Accept-Encoding with q-values and wildcards', () => {
    expect(acceptedEncodings('gzip, deflate, br')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('br;q=0, gzip;q=0.5')).toEqual(['gzip']);
    expect(acceptedEncodings('*')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('')).toEqual([]);
  });
});

describe('KaTeX stylesheet for formulas rendered at build time', () => {
  it('keeps the font faces of the families the formulas use and drops the others', () => {
    const html = [renderTex('\\lambda \\lVert w \\rVert^2', false), renderTex('\\sum_i x_i', true)];
    const { css, fonts } = katexCss(html);
    expect(fonts).toContain('KaTeX_Main-Regular.woff2');
    expect(fonts).toContain('KaTeX_Math-Italic.woff2');
    expect(fonts.some((f) => f.startsWith('KaTeX_Fraktur'))).toBe(false);
    expect(css).not.toMatch(/\.ttf|\.woff\)/);
    expect(css).toMatch(/font-display:swap/);
  });
  it('keeps only the rules whose classes the formulas have; a class inside :not() does not count', () => {
    const { css } = katexCss([renderTex('\\hat f(x)', false)]);
    // \hat draws an accent whose body is narrowed by `.accent .accent-body:not(.accent-full)`.
    expect(css).toContain('.accent-body:not(.accent-full)');
    expect(css).toContain('.katex .mathnormal');
    expect(css).not.toContain('.mfrac');           // no fraction in these formulas
    expect(css).not.toContain('.katex-sizing.reset-size1.size5');
  });
  it('counts each drawn character in the font family its span is drawn in', () => {
    const byFamily = charsByFamily([renderTex('\\mathbb{E}\\big[x\\big] + \\text{bias}', true)]);
    expect(byFamily.get('KaTeX_AMS').has('E')).toBe(true);
    expect(byFamily.get('KaTeX_Math').has('x')).toBe(true);
    expect(byFamily.get('KaTeX_Math').has('E')).toBe(false);
    expect(byFamily.get('KaTeX_Size1').has('[')).toBe(true);
    expect(byFamily.get('KaTeX_Main').has('+')).toBe(true);
    expect(byFamily.get('KaTeX_Main').has('b')).toBe(true);
    expect(byFamily.get('KaTeX_AMS').has('b')).toBe(false);
  });
});
