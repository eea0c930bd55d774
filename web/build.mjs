// Builds the static site in dist/ (any static host can serve it):
//   dist/index.html, dist/app.js + app.css (page bundle: Chart.js, KaTeX and fonts included),
//   dist/engine/worker.js (worker bundle) next to reglab.js, reglab.mjs, reglab.wasm,
//   dist/data/*.csv and *.bin, dist/presets/*.json.
// Usage: node web/build.mjs [--dev]   (--dev: no minification, inline source maps)
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const dist = path.join(root, 'dist');
const dev = process.argv.includes('--dev');

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function copyDir(from, to, filter) {
  if (!fs.existsSync(from)) return 0;
  let n = 0;
  for (const name of fs.readdirSync(from)) {
    if (filter(name)) { copy(path.join(from, name), path.join(to, name)); n++; }
  }
  return n;
}

// The worker imports the engine API as a separate file (./reglab.js next to it), so the API
// locates reglab.mjs/reglab.wasm relative to itself exactly as in the source tree.
const engineExternal = {
  name: 'engine-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/reglab\.js$/ }, () => ({ path: './reglab.js', external: true }));
  },
};

// dist/ is shared with other builds (the widgets add their files), so this script replaces only
// its own outputs and never wipes the folder.
const t0 = Date.now();
fs.mkdirSync(dist, { recursive: true });

const common = { bundle: true, format: 'esm', target: ['es2022'], minify: !dev, sourcemap: dev ? 'inline' : false, logLevel: 'warning', legalComments: 'linked' };
await esbuild.build({
  ...common,
  entryPoints: { app: path.join(web, 'app.js') },
  outdir: dist,
  loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' },
  assetNames: 'assets/[name]-[hash]',
});
await esbuild.build({
  ...common,
  entryPoints: { worker: path.join(web, 'engine/worker.js') },
  outdir: path.join(dist, 'engine'),
  plugins: [engineExternal],
});

copy(path.join(web, 'index.html'), path.join(dist, 'index.html'));
copy(path.join(web, 'engine/reglab.js'), path.join(dist, 'engine/reglab.js'));
const wasmDir = path.join(root, 'build/wasm');
let wasm = 0;
for (const f of ['reglab.mjs', 'reglab.wasm']) {
  if (fs.existsSync(path.join(wasmDir, f))) { copy(path.join(wasmDir, f), path.join(dist, 'engine', f)); wasm++; }
}
// The engine's describe() (spec fields, defaults, limits) for the page: fixed for a build, so the
// lab reads it from a file instead of waiting for a worker to load the engine (web/lab.js init).
if (wasm === 2) {
  const { createEngine } = await import('./engine/reglab.js');
  const engine = await createEngine({ moduleUrl: new URL(`file://${path.join(wasmDir, 'reglab.mjs')}`).href });
  fs.writeFileSync(path.join(dist, 'engine/describe.json'), JSON.stringify({ description: engine.describe(), version: engine.version }));
}
const data = copyDir(path.join(root, 'data'), path.join(dist, 'data'), (n) => n.endsWith('.csv') || n.endsWith('.bin') || n === 'PROVENANCE.md');
const presets = copyDir(path.join(web, 'presets'), path.join(dist, 'presets'), (n) => n.endsWith('.json'));

const size = (f) => (fs.statSync(path.join(dist, f)).size / 1024).toFixed(0) + ' KB';
console.log(`web: dist/ built in ${Date.now() - t0} ms — app.js ${size('app.js')}, app.css ${size('app.css')}, engine/worker.js ${size('engine/worker.js')}, ${data} data files, ${presets} presets`);
if (wasm < 2) {
  console.error('web: build/wasm/reglab.mjs + reglab.wasm not found — build the wasm module first (./build.sh); the page cannot train without it');
  process.exitCode = 1;
}
