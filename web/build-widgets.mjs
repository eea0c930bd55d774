// Adds the embeddable widgets to the site that web/build.mjs built in dist/ (run it after that):
//   dist/reglab-widgets.js        the one <script type="module"> a page needs
//   dist/chunks/widgets/          Chart.js, imported by the bundle (relative to its own URL) when
//                                  the first chart is made, after the widgets' frames are shown
//   dist/widgets/sandbox.html      the exercise 6.2 sandbox (an opaque-origin frame that starts the worker)
//   dist/widgets/checker-worker.js the exercise 6.2 checker (its own worker)
//   dist/widgets/page.css         the look of the pages below (not needed by the widgets)
//   dist/embed.html + embed.js    the iframe form: embed.html?preset=… or ?spec=<base64url JSON>
//   dist/exercises.html + exercises.js   exercises 6.1–6.4 with their checks (+ CodeMirror for 6.2)
//   dist/instructor.html + instructor.js  grading: loads submission files and re-runs every check
//   dist/examples/lecture-notes.html (+ notes.css, katex/)  lecture notes with widgets in the flow;
//                                  formulas rendered with KaTeX at build time
// The widgets find engine/, presets/ and data/ next to reglab-widgets.js (dist/ has them).
// Usage: node web/build-widgets.mjs [--dev]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { writePage } from './site/build.mjs';
import { renderMath, writeKatexAssets } from './site/katex.mjs';
import { chartjsShake } from './site/chartjs_shake.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const dist = path.join(root, 'dist');
const dev = process.argv.includes('--dev');

if (!fs.existsSync(path.join(dist, 'engine/worker.js'))) {
  console.error('widgets: dist/engine/worker.js is missing — run node web/build.mjs first');
  process.exit(1);
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

const t0 = Date.now();
const common = { bundle: true, target: ['es2022'], minify: !dev, sourcemap: dev ? 'inline' : false, logLevel: 'warning', legalComments: 'linked' };

// The widgets bundle. embed.js loads it as a separate module (same URL → one copy on the page).
// Its dynamic import of Chart.js becomes a chunk beside it: `import('./chunks/widgets/…')`
// resolves against the bundle's URL, so it works from any host that serves the bundle.
fs.rmSync(path.join(dist, 'chunks/widgets'), { recursive: true, force: true });
const widgets = await esbuild.build({
  ...common,
  format: 'esm',
  entryPoints: { 'reglab-widgets': path.join(web, 'widgets/index.js') },
  outdir: dist,
  splitting: true,
  chunkNames: 'chunks/widgets/[name]-[hash]',
  metafile: true,
  plugins: [chartjsShake],
});
await esbuild.build({
  ...common,
  format: 'esm',
  entryPoints: { embed: path.join(web, 'widgets/embed.js') },
  outdir: dist,
  plugins: [{
    name: 'widgets-external',
    setup(build) {
      build.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: './reglab-widgets.js', external: true }));
    },
  }],
});
// The exercise sandbox frame: one HTML file with its script inline, allowed by its hash in the
// document's own Content-Security-Policy (a static host sends no headers; see sandbox_frame.js).
// The worker prelude goes in as text: the frame starts a worker from it + the student's code.
const runner = fs.readFileSync(path.join(web, 'widgets/sandbox_runner.js'), 'utf8').trimEnd();
const runnerLines = runner.split('\n').length;
const runnerText = runner.replace("Number('__RUNNER_LINES__')", String(runnerLines));
const frame = await esbuild.build({
  ...common,
  format: 'iife',
  entryPoints: [path.join(web, 'widgets/sandbox_frame.js')],
  write: false,
  legalComments: 'none',
  define: { RUNNER: JSON.stringify(runnerText), RUNNER_LINES: String(runnerLines) },
});
const frameScript = frame.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
const frameHash = crypto.createHash('sha256').update(frameScript).digest('base64');
fs.mkdirSync(path.join(dist, 'widgets'), { recursive: true });
fs.writeFileSync(path.join(dist, 'widgets/sandbox.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-${frameHash}' blob:; worker-src blob:; base-uri 'none'; form-action 'none'">
<title>RegLab exercise sandbox</title></head><body><script>${frameScript}</script></body></html>
`);
fs.rmSync(path.join(dist, 'widgets/sandbox-worker.js'), { force: true });
// Exercise 6.2's checker runs in its own worker (a classic script, like the sandbox's).
await esbuild.build({
  ...common,
  format: 'iife',
  entryPoints: { 'checker-worker': path.join(web, 'widgets/checker_worker.js') },
  outdir: path.join(dist, 'widgets'),
});
copy(path.join(web, 'widgets/page.css'), path.join(dist, 'widgets/page.css'));

// Page scripts that use the widgets bundle as it is (one copy of the custom elements on the page):
// exercises.js adds CodeMirror for exercise 6.2 (bundled here only, not into the widgets or the
// lab; a chunk loaded when 6.2 is near); instructor.js grades submission files.
// CodeMirror (web/code_editor.js) is split into dist/chunks/pages/, loaded when exercise 6.2 is near.
fs.rmSync(path.join(dist, 'chunks/pages'), { recursive: true, force: true });
const pages = await esbuild.build({
  ...common,
  format: 'esm',
  entryPoints: { exercises: path.join(web, 'exercises.js'), instructor: path.join(web, 'instructor.js') },
  outdir: dist,
  splitting: true,
  chunkNames: 'chunks/pages/[name]-[hash]',
  metafile: true,
  plugins: [{
    name: 'widgets-external',
    setup(build) {
      build.onResolve({ filter: /^\.\/widgets\/index\.js$/ }, () => ({ path: './reglab-widgets.js', external: true }));
    },
  }],
});
for (const [file, info] of Object.entries(pages.metafile.outputs)) {
  if (!file.endsWith('.js')) continue;
  const bad = Object.keys(info.inputs).filter((f) => f.startsWith('web/') && !/^web\/(exercises|instructor|code_editor)\.js$/.test(f));
  if (bad.length) throw new Error(`${file} bundles widget sources (${bad.join(', ')}): import them through ./widgets/index.js`);
}

// ---- pages: formulas rendered at build time (web/site/katex.mjs) ------------------------------
copy(path.join(web, 'embed.html'), path.join(dist, 'embed.html'));
writePage(dist, 'exercises.html', renderMath(fs.readFileSync(path.join(web, 'exercises.html'), 'utf8'), 'exercises.html'));
writePage(dist, 'instructor.html', fs.readFileSync(path.join(web, 'instructor.html'), 'utf8'));
fs.mkdirSync(path.join(dist, 'examples'), { recursive: true });
const notesFormulas = [];
const notes = renderMath(fs.readFileSync(path.join(web, 'examples/lecture-notes.html'), 'utf8'), 'lecture-notes.html', notesFormulas);
writePage(dist, 'examples/lecture-notes.html', notes);
copy(path.join(web, 'examples/notes.css'), path.join(dist, 'examples/notes.css'));
// KaTeX's stylesheet with only the font families the notes' formulas use, their fonts cut down
// to the characters of these formulas (woff2 only).
await writeKatexAssets(notesFormulas, path.join(dist, 'examples/katex'));

// ---- sizes: what each widget adds on top of the shared part (engine, Chart.js, views) ---------
const out = widgets.metafile.outputs[Object.keys(widgets.metafile.outputs).find((k) => k.endsWith('reglab-widgets.js'))];
const per = {};
let shared = 0;
for (const [file, info] of Object.entries(out.inputs)) {
  const m = file.match(/web\/widgets\/([\w-]+)\.js$/);
  const name = m && !['index', 'base', 'runtime', 'run_group', 'style'].includes(m[1]) ? m[1] : null;
  if (name) per[name] = (per[name] ?? 0) + info.bytesInOutput;
  else shared += info.bytesInOutput;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const bundle = fs.readFileSync(path.join(dist, 'reglab-widgets.js'));
const gz = zlib.gzipSync(bundle).length;
const sandbox = fs.statSync(path.join(dist, 'widgets/sandbox.html')).size;
const chunks = Object.keys(widgets.metafile.outputs).filter((f) => f.includes('chunks/widgets/') && f.endsWith('.js')).map((f) => {
  const text = fs.readFileSync(path.join(root, f));
  return { file: path.relative(dist, path.join(root, f)), bytes: text.length, gzip: zlib.gzipSync(text).length };
});
console.log(`widgets: built in ${Date.now() - t0} ms — reglab-widgets.js ${kb(bundle.length)} (${kb(gz)} gzip): shared ${kb(shared)} (views, runtime); ` +
  Object.entries(per).sort().map(([k, v]) => `${k} ${kb(v)}`).join(', ') + `; loaded with the first chart: ` +
  chunks.map((c) => `${path.basename(c.file)} ${kb(c.bytes)} (${kb(c.gzip)} gzip)`).join(', ') + `; sandbox.html ${kb(sandbox)}`);
fs.writeFileSync(path.join(dist, 'widgets/sizes.json'), JSON.stringify({ bundle: bundle.length, gzip: gz, shared, widgets: per, chunks, sandbox }, null, 2));
