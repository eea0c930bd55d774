// The npm package, the way another project uses it: `npm pack` in the repo, `npm install` of the
// tarball into a scratch project, a Vite build of a page that imports 'reglab' and
// 'reglab/widgets', createEngine() in Node from the installed package, and `tsc --noEmit` on a
// small typed example (plus one that must NOT type-check, so the test can fail).
// Needs the built site (dist/, incl. node web/build-widgets.mjs) and build/wasm/.
//   node tests/pack/pack.test.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
let failures = 0;
const ok = (cond, what) => {
  console.log(`  ${cond ? '✓' : '✗'} ${what}`);
  if (!cond) failures++;
};
const run = (cmd, args, cwd, extra = {}) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...extra });

for (const f of ['dist/reglab-widgets.js', 'dist/engine/worker.js', 'dist/engine/reglab.wasm', 'build/wasm/reglab.wasm']) {
  if (!fs.existsSync(path.join(ROOT, f))) {
    console.error(`pack: ${f} is missing — build first (./build.sh, or node web/build.mjs && node web/build-widgets.mjs)`);
    process.exit(2);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-pack-'));
try {
  // ---- npm pack ----------------------------------------------------------------------------------
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', tmp], ROOT))[0];
  const files = new Set(packed.files.map((f) => f.path));
  ok(packed.name === 'reglab', `npm pack produced ${packed.filename} (${(packed.size / 1024).toFixed(0)} KB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked, ${files.size} files)`);
  for (const f of ['package.json', 'web/engine/reglab.js', 'build/wasm/reglab.mjs', 'build/wasm/reglab.wasm', 'dist/reglab-widgets.js', 'dist/engine/worker.js',
    'dist/engine/reglab.wasm', 'dist/widgets/sandbox.html', 'dist/widgets/checker-worker.js', 'dist/presets/6.2.json', 'dist/data/digits.csv', 'data/digits.csv', 'data/fashion_mnist_train.bin', 'dist/data/fashion_mnist_test.bin', 'data/sentiment_corpus.csv', 'web/presets/6.2.json', 'types/reglab.d.ts', 'types/widgets.d.ts']) {
    ok(files.has(f), `tarball has ${f}`);
  }
  // reglab-widgets.js imports Chart.js from a chunk beside it when the first chart is made.
  const widgetChunks = [...files].filter((f) => f.startsWith('dist/chunks/widgets/') && f.endsWith('.js'));
  ok(widgetChunks.length > 0 && widgetChunks.every((c) => fs.readFileSync(path.join(ROOT, 'dist/reglab-widgets.js'), 'utf8').includes(c.slice('dist/'.length))),
    `tarball has the widgets' Chart.js chunk the bundle imports (${widgetChunks.join(', ')})`);
  ok(![...files].some((f) => f.startsWith('cpp/') || f.startsWith('tests/') || f.startsWith('node_modules/') || f.includes('CMake')), 'tarball has no sources, tests or build trees');
  ok(![...files].some((f) => f.includes('reglab-testing')), 'tarball has only the production wasm module (no reglab-testing.mjs/.wasm with the test and bench hooks)');

  // ---- install into a scratch project --------------------------------------------------------------
  const app = path.join(tmp, 'app');
  fs.mkdirSync(path.join(app, 'src'), { recursive: true });
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'scratch-notes', private: true, type: 'module' }, null, 2));
  run('npm', ['install', path.join(tmp, packed.filename), '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], app);
  ok(fs.existsSync(path.join(app, 'node_modules/reglab/dist/reglab-widgets.js')), 'npm install of the tarball');

  // ---- Vite build of a page using both entry points --------------------------------------------------
  fs.writeFileSync(path.join(app, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>notes</title></head>
<body><reglab-compare preset="l2-vs-none"></reglab-compare><script type="module" src="/src/main.js"></script></body></html>`);
  fs.writeFileSync(path.join(app, 'src/main.js'), `import { createEngine } from 'reglab';
import { configure } from 'reglab/widgets';
// The engine files are served from /reglab/ (copied from node_modules/reglab/dist).
configure({ base: '/reglab/', concurrency: 1 });
window.reglabCreateEngine = createEngine;
`);
  const viteOut = run(process.execPath, [VITE, 'build', '--logLevel', 'warn'], app);
  const assets = fs.readdirSync(path.join(app, 'dist/assets'));
  const js = assets.filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(app, 'dist/assets', f), 'utf8')).join('\n');
  ok(fs.existsSync(path.join(app, 'dist/index.html')) && js.includes('reglab-compare') && js.includes('reglab-epoch'), `Vite build bundles the widgets (${assets.length} assets)${viteOut.trim() ? `; Vite said: ${viteOut.trim().split('\n')[0].slice(0, 160)}` : ''}`);

  // ---- the engine in Node, from the installed package ----------------------------------------------
  const script = `import { createEngine } from 'reglab';
const engine = await createEngine();
await engine.loadData('digits');
const run = engine.createRun({ version: 1, seed: 3, data: { kind: 'digits', trainSize: 100 }, model: { hidden: [16] }, training: { epochs: 3 } });
const records = run.step(3);
console.log(JSON.stringify({ version: engine.version, simd: engine.simd, epochs: records.length, valAcc: records[2].valAcc }));`;
  const out = JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], app).trim().split('\n').pop());
  ok(out.epochs === 3 && out.valAcc > 0.2 && typeof out.version === 'string', `createEngine() in Node from node_modules/reglab: engine ${out.version}, 3 epochs on digits, val acc ${out.valAcc.toFixed(2)}`);

  // ---- TypeScript ---------------------------------------------------------------------------------
  fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, lib: ['es2022', 'dom'], types: [], skipLibCheck: false },
    include: ['typed.ts'],
  }, null, 2));
  fs.writeFileSync(path.join(app, 'typed.ts'), `import { createEngine, type Spec, type EpochRecord, ReglabError } from 'reglab';
import { configure } from 'reglab/widgets';

const spec: Spec = { version: 1, seed: 7, data: { kind: 'moons', n: 120, noise: 0.35 }, model: { hidden: [64, 64], dropout: 0.5 },
  regularization: { l2: 1e-3 }, optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.01 }, training: { epochs: 10, earlyStopping: { patience: 5 } } };

export async function train(): Promise<number> {
  const engine = await createEngine();
  const run = engine.createRun(spec);
  const records: EpochRecord[] = run.step(10);
  const gap: number = records[records.length - 1].valLoss - records[records.length - 1].trainLoss;
  const probs: Float32Array = run.predict(new Float32Array([0, 0]), 1);
  run.dispose();
  return gap + probs[0];
}
export function isSpecError(e: unknown): string | null { return e instanceof ReglabError ? e.path : null; }
configure({ concurrency: 2 });
const w = document.createElement('reglab-compare');
w.addEventListener('reglab-epoch', (e) => console.log(e.detail.epoch, e.detail.runs[0].record?.valLoss));
void w.play();
`);
  let tscOk = true, tscOut = '';
  try { run(process.execPath, [TSC, '-p', 'tsconfig.json'], app); } catch (e) { tscOk = false; tscOut = `${e.stdout}${e.stderr}`; }
  ok(tscOk, `tsc --noEmit on a typed example${tscOk ? '' : `:\n${tscOut}`}`);
  // A mistake the declarations must catch: an optimizer that does not exist, a record field typo.
  fs.writeFileSync(path.join(app, 'typed.ts'), `import { createEngine, type Spec } from 'reglab';
const spec: Spec = { optimizer: { kind: 'adagrad' } };
const engine = await createEngine();
engine.createRun(spec).step(1)[0].valLos;
`);
  let bad = '';
  try { run(process.execPath, [TSC, '-p', 'tsconfig.json'], app); } catch (e) { bad = `${e.stdout}${e.stderr}`; }
  ok(bad.includes('adagrad') && bad.includes('valLos'), `tsc rejects a wrong spec and a misspelt record field${bad ? '' : ' (it accepted them!)'}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(failures ? `\npack: ${failures} check(s) failed` : '\npack: all checks passed');
process.exitCode = failures ? 1 : 0;
