// Writes FILE.br and FILE.gz beside every text asset and the wasm in dist/, so a static server
// (tools/serve.mjs, or any that supports precompressed files) sends them compressed without
// compressing on each request. Brotli at quality 11 and gzip at level 9: built once, served often
// (files over 1 MB: 5 and 6).
// A file whose compressed form is not at least 5 % smaller is left alone; stale .br/.gz (their
// file gone or newer) are rewritten or removed, so running it again only redoes what changed.
//   node tools/precompress.mjs [DIR]    (default dist)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.csv', '.svg', '.txt', '.md', '.map', '.wasm', '.bin']);

function* files(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

export function precompress(dir) {
  let written = 0, kept = 0, raw = 0, br = 0, gz = 0;
  for (const f of [...files(dir)]) {
    if (f.endsWith('.br') || f.endsWith('.gz')) {
      if (!fs.existsSync(f.slice(0, -3))) fs.rmSync(f);
      continue;
    }
    if (!COMPRESSIBLE.has(path.extname(f))) continue;
    const st = fs.statSync(f);
    const fresh = (c) => fs.existsSync(c) && fs.statSync(c).mtimeMs >= st.mtimeMs;
    if (fresh(`${f}.br`) && fresh(`${f}.gz`)) { kept++; continue; }
    const body = fs.readFileSync(f);
    // The 5 MB image data: Brotli 5 and gzip 6 come within 0.2 % of 9/11 and 9 (1.86 MB for the
    // 3.5 MB training images) in a fifth of the time.
    const big = body.length > 1 << 20;
    const quality = big ? 5 : 11;
    const b = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    const g = zlib.gzipSync(body, { level: big ? 6 : 9 });
    for (const [ext, c] of [['.br', b], ['.gz', g]]) {
      if (c.length < body.length * 0.95) fs.writeFileSync(f + ext, c);
      else fs.rmSync(f + ext, { force: true });
    }
    written++; raw += body.length; br += b.length; gz += g.length;
  }
  return { written, kept, raw, br, gz };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? 'dist');
  const t0 = Date.now();
  const r = precompress(dir);
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`precompress: ${r.written} files compressed (${kb(r.raw)} → ${kb(r.br)} br, ${kb(r.gz)} gz), ${r.kept} unchanged, in ${Date.now() - t0} ms`);
}
