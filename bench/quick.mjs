// Quick RegLab-wasm-only timing of the bench workloads (CPU ms/epoch, median of N), for trying a
// change without the full benchmark: node bench/quick.mjs [buildDir] [W1,W2,W3,W4,C1,C2] [repeats]
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createEngine } from '../web/engine/reglab.js';
import { workloads, prepareW4 } from './workloads.mjs';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = process.argv[2] || 'build/wasm';
const only = (process.argv[3] || 'W1,W2,W3').split(',');
const reps = Number(process.argv[4] || 7);
const engine = await createEngine({ moduleUrl: pathToFileURL(path.join(ROOT, dir, 'reglab.mjs')).href });
await engine.loadData('digits');
if (only.some((id) => id.startsWith('C'))) await engine.loadData('fashion_mnist');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const w of workloads().filter((x) => only.includes(x.id))) {
  if (w.id === 'W4') prepareW4(w, engine);
  const xs = [];
  for (let r = 0; r < reps + 1; r++) {
    const run = engine.createRun(w.spec);
    const t0 = cpu();
    run.step(w.epochs);
    const dt = cpu() - t0;
    run.dispose();
    if (r) xs.push(dt / w.epochs);
  }
  xs.sort((a, b) => a - b);
  console.log(`${w.id} ${dir}: ${xs[xs.length >> 1].toFixed(4)} ms/epoch (min ${xs[0].toFixed(4)})`);
}
