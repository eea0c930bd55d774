// A small static file server for dist/ (and the browser tests): correct MIME types (wasm!),
// no directory escapes, optional CORS for the cross-origin embedding tests.
// Precompressed twins (FILE.br, FILE.gz from tools/precompress.mjs) are sent when the request
// accepts them, with Content-Encoding and Vary: Accept-Encoding; the Content-Type stays the
// original file's. Hashed files (assets/, chunks/: a new build gives them new names) are cached
// for a year as immutable; everything else is revalidated on each use (no-cache + ETag → 304),
// so a new build is seen at once (sw.js included: the browser checks it for a new version).
//   node tools/serve.mjs DIR [PORT]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml', '.woff2': 'font/woff2',
  '.woff': 'font/woff', '.ttf': 'font/ttf', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8', '.map': 'application/json',
};

const IMMUTABLE = /^\/(assets|chunks)\//;

/** The encodings the request accepts, in the server's order of preference (q=0 excluded). */
export function acceptedEncodings(header = '') {
  const ok = new Set();
  for (const part of String(header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) ok.add(name);
  }
  return ['br', 'gzip'].filter((e) => ok.has(e) || ok.has('*'));
}

/** Serves `root` on `port` (0 = any free port); resolves to the listening server. */
export function serve(root, port = 0, { cors = true, headers = {}, compress = true } = {}) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = path.join(base, decodeURIComponent(url.pathname));
    if (!file.startsWith(base)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // headers: an object, or a function (url path) → object for per-file headers (e.g. a CSP).
    const extra = typeof headers === 'function' ? headers(url.pathname) ?? {} : headers;
    const h = {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': IMMUTABLE.test(url.pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    let body = file;
    // A twin older than its file is stale (the file was rebuilt without tools/precompress.mjs).
    const mtime = fs.statSync(file).mtimeMs;
    const current = (f) => fs.existsSync(f) && fs.statSync(f).mtimeMs >= mtime;
    const twins = { br: `${file}.br`, gzip: `${file}.gz` };
    const hasTwin = compress && (current(twins.br) || current(twins.gzip));
    if (hasTwin) {
      h.vary = 'Accept-Encoding';
      const encoding = acceptedEncodings(req.headers['accept-encoding']).find((e) => current(twins[e]));
      if (encoding && !req.headers.range) {
        h['content-encoding'] = encoding;
        body = twins[encoding];
      }
    }
    const st = fs.statSync(body);
    h['content-length'] = st.size;
    h.etag = `"${st.size.toString(36)}-${Math.round(st.mtimeMs).toString(36)}${h['content-encoding'] ? `-${h['content-encoding']}` : ''}"`;
    Object.assign(h, extra);
    if (cors) h['access-control-allow-origin'] = '*';
    if (req.headers['if-none-match'] === h.etag) {
      delete h['content-length'];
      res.writeHead(304, h).end();
      return;
    }
    res.writeHead(200, h);
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(body).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root = 'dist', port = '8080'] = process.argv.slice(2);
  const server = await serve(root, Number(port));
  console.log(`RegLab: http://localhost:${server.address().port}/`);
}
