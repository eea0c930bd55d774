// Quick RegLab-wasm-only timing of W1–W4 (CPU ms/epoch, median of N): node bench/quick.mjs [buildDir] [W1,W2] [repeats]
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createEngine } from '../web/engine/reglab.js';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = process.argv[2] || 'build/wasm';
const only = (process.argv[3] || 'W1,W2,W3').split(',');
const reps = Number(process.argv[4] || 7);
const engine = await createEngine({ moduleUrl: pathToFileURL(path.join(ROOT, dir, 'reglab.mjs')).href });
await engine.loadData('digits');
const adam = { kind: 'adam', lr: 0.01 };
const W = {
  W1: [100, { seed: 1, data: { kind: 'moons', n: 250, noise: 0.2, valFraction: 0.2 }, model: { hidden: [16, 16], activation: 'relu' }, optimizer: adam, training: { epochs: 100000, batchSize: 32 } }],
  W2: [50, { seed: 2, data: { kind: 'moons', n: 500, noise: 0.2, valFraction: 0.2 }, model: { hidden: [64, 64, 64], activation: 'relu', dropout: 0.3 }, regularization: { l2: 1e-4 }, optimizer: adam, training: { epochs: 100000, batchSize: 32 } }],
  W3: [10, { seed: 3, data: { kind: 'digits', valFraction: 0.3, trainSize: 1200 }, model: { hidden: [128, 128], activation: 'relu', dropout: 0.2, norm: 'batch' }, optimizer: adam, training: { epochs: 100000, batchSize: 64 } }],
};
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const id of only) {
  const [epochs, spec] = W[id];
  const xs = [];
  for (let r = 0; r < reps + 1; r++) {
    const run = engine.createRun(spec);
    const t0 = cpu();
    run.step(epochs);
    const dt = cpu() - t0;
    run.dispose();
    if (r) xs.push(dt / epochs);
  }
  xs.sort((a, b) => a - b);
  console.log(`${id} ${dir}: ${xs[xs.length >> 1].toFixed(4)} ms/epoch (min ${xs[0].toFixed(4)})`);
}
