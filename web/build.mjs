// Builds the static site in dist/ (any static host can serve it):
//   dist/index.html, dist/app.js + app.css (page bundle: Chart.js and KaTeX's stylesheet; the
//   lessons' formulas are rendered here, so KaTeX's renderer is not shipped), dist/chunks/ (code
//   the page imports only when it is used, e.g. the PyTorch export), dist/assets/ (fonts),
//   dist/engine/worker.js (worker bundle) next to reglab.js, reglab{,-core}.mjs and .wasm,
//   dist/data/*.csv and *.bin, dist/presets/*.json.
// Usage: node web/build.mjs [--dev]   (--dev: no minification, inline source maps)
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePage } from './site/build.mjs';
import { renderTex, writeKatexAssets } from './site/katex.mjs';
import { chartjsShake } from './site/chartjs_shake.mjs';
import * as lessonsModule from './lessons.js';

const { LESSONS, lessonById } = lessonsModule;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const dist = path.join(root, 'dist');
const dev = process.argv.includes('--dev');

// Copies keep their file's time, so tools/precompress.mjs sees unchanged data as unchanged.
function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { preserveTimestamps: true });
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
// locates reglab.mjs/reglab.wasm relative to itself exactly as in the source tree; and
// ./engine_modules.js, which reglab.js imports too, itself, so the two are fetched side by side.
const engineExternal = {
  name: 'engine-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/(reglab|engine_modules)\.js$/ }, (a) => ({ path: a.path, external: true }));
  },
};

// The lessons' formulas, rendered now, one table per lesson. The page's `import katex from 'katex'`
// (views/lesson_page.js) resolves to a lookup in these tables instead of the library: renderToString
// looks the formula up (keyed by display mode + TeX, the calls lesson_page.js makes). A formula
// missing from the tables (text the build did not see) shows as its TeX source, with a console
// warning, rather than failing the page.
const rendered = {};  // lesson id → {key: html}
for (const L of LESSONS) {
  const table = rendered[L.id] = {};
  for (const t of L.text) for (const [, tex] of t.matchAll(/\$([^$]+)\$/g)) table[`i${tex}`] = renderTex(tex, false, { file: `lessons.js ${L.id}` });
  for (const f of L.formulas) table[`d${f}`] = renderTex(f, true, { file: `lessons.js ${L.id}` });
}
// KaTeX's stylesheet and its fonts cut down to these formulas, in build/katex/ for the bundle.
const katexBuild = path.join(root, 'build/katex');
// The lab opens on the first lesson: its characters get font files of their own (writeKatexAssets).
const katexAssets = await writeKatexAssets(Object.values(rendered).flatMap((t) => Object.values(t)), katexBuild,
  { first: Object.values(rendered[LESSONS[0].id]) });

// Each lesson's text and formulas (and their rendered HTML) are a chunk of their own, imported
// when the lesson opens (lessons.js loadLessonText, which lab.js awaits beside the preset): the
// first load carries the open lesson's text, not all nine (issue 18). The page's `lessons.js` is
// the same module without `text` and `formulas`, which loadLessonText fills in; its other exports
// are data and go in as they are (a function other than lessonById or loadLessonText would need
// adding here: the build says so).
const lessonsFile = path.join(web, 'lessons.js');
function lessonsIndex() {
  const lines = [];
  for (const [name, value] of Object.entries(lessonsModule)) {
    if (name === 'lessonById' || name === 'loadLessonText') continue;
    if (name === 'LESSONS') {
      lines.push(`export const LESSONS = ${JSON.stringify(value.map(({ text, formulas, ...rest }) => rest))};`);
      continue;
    }
    if (typeof value === 'function' || JSON.stringify(JSON.parse(JSON.stringify(value))) !== JSON.stringify(value)) throw new Error(`web/build.mjs: lessons.js exports ${name}, which the page's split lessons module cannot carry as data`);
    lines.push(`export const ${name} = ${JSON.stringify(value)};`);
  }
  const loaders = LESSONS.map((L) => `${JSON.stringify(L.id)}: () => import(${JSON.stringify(`lesson-text:${L.id}`)})`).join(',\n  ');
  return `import { addFormulas } from 'katex';
${lines.join('\n')}
export const lessonById = (id) => LESSONS.find((l) => l.id === id) ?? null;
const TEXTS = {
  ${loaders},
};
export async function loadLessonText(id) {
  const L = lessonById(id);
  if (L && !L.text) {
    const { text, formulas, rendered } = (await TEXTS[id]()).default;
    addFormulas(rendered);
    Object.assign(L, { text, formulas });
  }
  return L;
}
`;
}
const splitLessons = {
  name: 'split-lessons',
  setup(build) {
    build.onResolve({ filter: /^katex$/ }, () => ({ path: 'katex', namespace: 'prerendered' }));
    build.onLoad({ filter: /.*/, namespace: 'prerendered' }, () => ({
      loader: 'js',
      contents: `const table = {};
export const addFormulas = (t) => Object.assign(table, t);
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
export default {
  renderToString(tex, options = {}) {
    const html = table[(options.displayMode ? 'd' : 'i') + tex];
    if (html !== undefined) return html;
    console.warn('RegLab: formula not rendered at build time:', tex);
    return '<code class="tex">' + escape(tex) + '</code>';
  },
};`,
    }));
    // KaTeX's stylesheet with @font-face rules for the families these formulas use (woff2 only).
    build.onResolve({ filter: /^katex\/dist\/katex\.min\.css$/ }, () => ({ path: path.join(katexBuild, 'katex.min.css') }));
    build.onResolve({ filter: /lessons\.js$/ }, (args) => (path.resolve(args.resolveDir, args.path) === lessonsFile ? { path: 'lessons', namespace: 'lessons' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lessons' }, () => ({ loader: 'js', contents: lessonsIndex() }));
    build.onResolve({ filter: /^lesson-text:/ }, (args) => ({ path: `lesson-${args.path.slice('lesson-text:'.length)}.js`, namespace: 'lesson-text' }));
    build.onLoad({ filter: /.*/, namespace: 'lesson-text' }, (args) => {
      const L = lessonById(args.path.slice('lesson-'.length, -'.js'.length));
      return {
        loader: 'js',
        contents: `export default ${JSON.stringify({ text: L.text, formulas: L.formulas, rendered: rendered[L.id] })};`,
      };
    });
  },
};

// dist/ is shared with other builds (the widgets add their files), so this script replaces only
// its own outputs and never wipes the folder (the files in chunks/ and assets/ are its own, with
// hashed names that would pile up; chunks/pages/ is web/build-widgets.mjs's).
const t0 = Date.now();
fs.mkdirSync(dist, { recursive: true });
for (const d of ['chunks', 'assets']) {
  if (!fs.existsSync(path.join(dist, d))) continue;
  for (const e of fs.readdirSync(path.join(dist, d), { withFileTypes: true })) if (e.isFile()) fs.rmSync(path.join(dist, d, e.name));
}

const common = { bundle: true, format: 'esm', target: ['es2022'], minify: !dev, sourcemap: dev ? 'inline' : false, logLevel: 'warning', legalComments: 'linked' };
const appBuild = await esbuild.build({
  ...common,
  metafile: true,
  entryPoints: { app: path.join(web, 'app.js') },
  outdir: dist,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' },
  assetNames: 'assets/[name]-[hash]',
  plugins: [splitLessons, chartjsShake],
});
await esbuild.build({
  ...common,
  entryPoints: { worker: path.join(web, 'engine/worker.js') },
  outdir: path.join(dist, 'engine'),
  plugins: [engineExternal],
});

// The lessons' tabs are in the page's HTML, so the bar has its height before app.js runs (filled by
// app.js, the row appeared ~1 s into a throttled load and pushed the page down: a layout shift).
const escapeHtml = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const lessonTabs = LESSONS.map((l) => `<li><a href="#/${l.id}" data-lesson="${l.id}"><span class="num">${l.id}</span><span class="name">${escapeHtml(l.short)}</span></a></li>`).join('');
const indexHtml = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
if (!indexHtml.includes('<ol id="lessons" class="lessons"></ol>')) throw new Error('web/build.mjs: web/index.html has no empty <ol id="lessons" class="lessons"></ol> for the lessons\' tabs');
// What the first chart frame waits for is asked for with the page, not when app.js has run: the
// chunks app.js imports (else fetched only once it is parsed) and the core engine module (the
// page compiles it for its workers, run_client.js compiledEngine: the preload's response is the
// one its fetch gets, as both are same-origin CORS requests). Under the throttled profile (150 ms
// RTT, 1.6 Mbit/s, 4x CPU) they were requested ~0.5 s and ~0.9 s after app.js.
const appChunks = appBuild.metafile.outputs[path.relative(process.cwd(), path.join(dist, 'app.js'))]?.imports
  .filter((i) => i.kind === 'import-statement').map((i) => path.relative(dist, path.resolve(i.path)));
if (!appChunks) throw new Error('web/build.mjs: the metafile has no output for dist/app.js');
const preloads = [
  ...appChunks.map((f) => `<link rel="modulepreload" href="${f}">`),
  '<link rel="preload" href="engine/reglab-core.wasm" as="fetch" type="application/wasm" crossorigin>',
].join('\n  ');
if (!indexHtml.includes('<script type="module" src="app.js"></script>')) throw new Error('web/build.mjs: web/index.html has no <script type="module" src="app.js"></script> to put the preloads after');
writePage(dist, 'index.html', indexHtml
  .replace('<ol id="lessons" class="lessons"></ol>', `<ol id="lessons" class="lessons">${lessonTabs}</ol>`)
  .replace('<script type="module" src="app.js"></script>', `<script type="module" src="app.js"></script>\n  ${preloads}`));
for (const f of ['reglab.js', 'engine_modules.js']) copy(path.join(web, 'engine', f), path.join(dist, 'engine', f));
const wasmDir = path.join(root, 'build/wasm');
let wasm = 0;
// Both engine modules (web/engine/engine_modules.js engineFor): reglab-core for the MLP lessons, the
// lab's first load; reglab (every model kind) for the CNN and sequence models and the package.
const engineFiles = ['reglab.mjs', 'reglab.wasm', 'reglab-core.mjs', 'reglab-core.wasm'];
for (const f of engineFiles) {
  if (fs.existsSync(path.join(wasmDir, f))) { copy(path.join(wasmDir, f), path.join(dist, 'engine', f)); wasm++; }
}
// The engine's describe() (spec fields, defaults, limits) for the page: fixed for a build, so the
// lab reads it from a file instead of waiting for a worker to load the engine (web/lab.js init).
// The file holds what the page reads of it, the fields (lab.js indexFields): describe()'s lists,
// limits, techniques and records stay with the engine (6.6 → 4.8 KB Brotli on the first load).
if (wasm === engineFiles.length) {
  const { createEngine } = await import('./engine/reglab.js');
  const engine = await createEngine({ moduleUrl: new URL(`file://${path.join(wasmDir, 'reglab.mjs')}`).href });
  const { version, fields } = engine.describe();
  fs.writeFileSync(path.join(dist, 'engine/describe.json'), JSON.stringify({ description: { version, fields }, version: engine.version }));
}
const data = copyDir(path.join(root, 'data'), path.join(dist, 'data'), (n) => n.endsWith('.csv') || n.endsWith('.bin') || n === 'PROVENANCE.md');
const presets = copyDir(path.join(web, 'presets'), path.join(dist, 'presets'), (n) => n.endsWith('.json'));

const size = (f) => (fs.statSync(path.join(dist, f)).size / 1024).toFixed(0) + ' KB';
const fontKb = (key) => (katexAssets.fonts.reduce((n, f) => n + f[key], 0) / 1024).toFixed(0);
console.log(`web: dist/ built in ${Date.now() - t0} ms — app.js ${size('app.js')}, app.css ${size('app.css')}, KaTeX fonts ${katexAssets.fonts.length} (${fontKb('bytes')} KB, ${fontKb('full')} KB before subsetting), engine/worker.js ${size('engine/worker.js')}, ${data} data files, ${presets} presets`);
if (wasm < engineFiles.length) {
  console.error('web: build/wasm/reglab{,-core}.mjs + .wasm not found — build the wasm module first (./build.sh); the page cannot train without it');
  process.exitCode = 1;
}
