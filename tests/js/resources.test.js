// Resources (issue 8): the wasm heap stays flat over 1,000 full run lifetimes — every call the page
// makes (predict in both modes, mcPredict, update, evaluate, weights/setWeights, data) and every
// error path (refused specs, refused updates, bad predict input, calls after dispose).
// engine.test.js checks the plain create/step/dispose cycle; this one covers the rest.
import { it, expect, beforeAll } from 'vitest';
import { createEngine } from 'reglab';

let engine;
beforeAll(async () => {
  engine = await createEngine();
});

const spec = {
  seed: 3,
  data: { kind: 'moons', n: 40, noise: 0.2, valFraction: 0.3, testFraction: 0.2 },
  model: { hidden: [8], dropout: 0.3 },
  regularization: { l2: 0.001 },
  training: { epochs: 5, earlyStopping: { patience: 1 } },
};
const refused = [
  { optimizer: { lr: -1 } },
  { data: { kind: 'moons', n: 3 } },
  { data: { kind: 'csv', csv: 'a,b\n1,x\n2,\n' } },
  { data: { kind: 'inline', x: [[0], [1], [2], [3]], y: [0, 1, 0, 1] }, model: { hidden: Array(12).fill(2048) } },
  '{"seed": 1,',
  '[' .repeat(100),
];
const x = new Float32Array([0, 0, 1, 0.5, -1, 0.2, 0.3, 0.3]);

function attempt(f) {
  try {
    f();
  } catch (e) {
    if (!(e instanceof Error) || e instanceof WebAssembly.RuntimeError || typeof e.path !== 'string') throw e;
  }
}

function cycle(i) {
  const run = engine.createRun(spec);
  run.step(2);
  run.predict(x, 4);
  run.predict(x, 4, { mode: 'train' });
  run.mcPredict(x, 4, 5);
  run.evaluate('test');
  run.setWeights(run.weights());
  run.data('train');
  run.update({ optimizer: { lr: 0.001 * (1 + (i % 3)) }, model: { dropout: 0.1 } });
  run.step(1);
  attempt(() => run.update({ model: { hidden: [4] } }));
  attempt(() => run.update({ optimizer: { lr: 'fast' } }));
  attempt(() => run.predict(new Float32Array(3), 4));
  attempt(() => run.mcPredict(x, 4, 0));
  attempt(() => run.evaluate('everything'));
  attempt(() => run.setWeights([{ name: 'dense1.W', shape: [1, 1], data: new Float32Array(1) }]));
  run.dispose();
  attempt(() => run.step(1));
  attempt(() => engine.createRun(refused[i % refused.length]));
}

it('1,000 full run lifetimes with every query and error path do not grow the wasm heap', () => {
  for (let i = 0; i < 20; i++) cycle(i);  // warm-up: static tables, allocator pools
  const before = engine.heapBytes();
  for (let i = 0; i < 1000; i++) cycle(i);
  const growth = engine.heapBytes() - before;
  expect(growth).toBeLessThan(32 * 1024);
}, 120000);
