// The PyTorch export of the sequence models (model.kind "transformer", "gru"): the script's modules
// carry the engine's state_dict names, so `--weights` loads a trained RegLab run's weights, and
// its validation logits reproduce the engine's probabilities with /usr/bin/python3 (torch 1.13).
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createEngine } from 'reglab';
import { exportPytorch, dataCsv } from '../../web/state/export_pytorch.js';

const hasTorch = (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let engine, dir;
beforeAll(async () => {
  engine = await createEngine();
  await engine.loadData('sentiment_corpus');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-seq-py-'));
});

const transformer = (over) => ({ kind: 'transformer', embed: 8, heads: 2, ffn: 12, maxLength: 24, ...over });
const gru = (over) => ({ kind: 'gru', embed: 8, hidden: [6], maxLength: 24, ...over });
const MODELS = [
  ['transformer, post-LayerNorm', transformer({ norm: 'layer', normPlacement: 'post' })],
  ['transformer, pre-LayerNorm, 2 blocks, GELU', transformer({ norm: 'layer', normPlacement: 'pre', blocks: 2, activation: 'gelu' })],
  ['transformer, no norm', transformer({ norm: 'none' })],
  ['transformer, BatchNorm (padding masked)', transformer({ norm: 'batch', normPlacement: 'post' })],
  ['transformer, BatchNorm (padding included)', transformer({ norm: 'batch', batchNormPadding: 'included' })],
  ['gru', gru({})],
  ['layer-normalized gru, 2 layers', gru({ norm: 'layer', hidden: [6, 5] })],
  ['gru with batch norm', gru({ norm: 'batch', hidden: [6, 4] })],
];

describe.skipIf(!hasTorch)('PyTorch export of the sequence models', () => {
  it.each(MODELS)('%s: the script loads the run’s weights and reproduces its validation probabilities', async (name, model) => {
    // Two epochs on 120 reviews with dropout off: trained weights and batch-norm running statistics.
    const spec = { seed: 3, data: { kind: 'sentiment_corpus', trainSize: 120 }, model, optimizer: { kind: 'adam', lr: 0.01 }, training: { epochs: 2, batchSize: 16 } };
    const run = engine.createRun(spec);
    run.step(2);
    const train = run.data('train'), val = run.data('val');
    const probs = run.predict(val.x, val.rows, { mode: 'eval' });
    const weights = run.weights().map((t) => ({ name: t.name, shape: t.shape, data: Array.from(t.data) }));
    const src = exportPytorch(run.spec, { task: 'classification', classes: train.numClasses });
    run.dispose();

    const base = path.join(dir, name.replace(/[^\w]+/g, '_'));
    fs.writeFileSync(`${base}.py`, src);
    fs.writeFileSync(`${base}.csv`, dataCsv({ train, val }));
    fs.writeFileSync(`${base}.json`, JSON.stringify(weights));
    const { stdout: out } = await promisify(execFile)('/usr/bin/python3', [`${base}.py`, `${base}.csv`, '--weights', `${base}.json`], { encoding: 'utf8' });
    const { logits } = JSON.parse(out.trim().split('\n').at(-1));

    expect(logits).toHaveLength(val.rows);
    const K = logits[0].length;
    expect(K).toBe(probs.length / val.rows);
    let worst = 0;
    for (let i = 0; i < val.rows; i++) {
      const m = Math.max(...logits[i]);
      const e = logits[i].map((z) => Math.exp(z - m));
      const s = e.reduce((a, b) => a + b, 0);
      for (let k = 0; k < K; k++) worst = Math.max(worst, Math.abs(e[k] / s - probs[i * K + k]));
    }
    console.log(`${name}: largest |p_torch − p_engine| = ${worst.toExponential(2)} over ${val.rows} sentences`);
    expect(worst, `largest |p_torch − p_engine| over ${val.rows} sentences`).toBeLessThan(1e-4);
  }, 60_000);

  it('the script trains the model itself (dropout, label smoothing, L2, clipping): its training loss falls over 3 epochs', async () => {
    const spec = { seed: 1, data: { kind: 'sentiment_corpus', trainSize: 200 }, model: gru({ norm: 'layer', hidden: [6, 4], dropout: [0.2, 0.1], inputDropout: 0.1 }),
      training: { epochs: 3, batchSize: 16 }, regularization: { l2: 0.001, clipNorm: 1 }, loss: { labelSmoothing: 0.1 } };
    const run = engine.createRun(spec);
    const src = exportPytorch(run.spec, { task: 'classification', classes: 2 });
    fs.writeFileSync(path.join(dir, 'train.py'), src);
    fs.writeFileSync(path.join(dir, 'train.csv'), dataCsv({ train: run.data('train'), val: run.data('val') }));
    run.dispose();
    const { stdout } = await promisify(execFile)('/usr/bin/python3', [path.join(dir, 'train.py'), path.join(dir, 'train.csv')], { encoding: 'utf8' });
    const losses = [...stdout.matchAll(/train loss ([\d.]+)/g)].map((m) => Number(m[1]));
    expect(losses).toHaveLength(3);
    expect(losses[2]).toBeLessThan(losses[0]);
  }, 60_000);

  it('names the model’s parts in the script and says that text augmentation is not exported', () => {
    const spec = engine.validate({ data: { kind: 'sentiment_corpus' }, model: gru({ norm: 'layer' }), augment: { text: { synonym: 0.3 } } });
    const src = exportPytorch(spec, { task: 'classification', classes: 2 });
    expect(src).toContain('self.gru = GRU([8, 6])');
    expect(src).toContain('nn.Embedding(vocabulary, 8, padding_idx=0)');
    expect(src).toMatch(/text augmentation \{"synonym": 0\.3\}.*not exported/);
    const t = exportPytorch(engine.validate({ data: { kind: 'sentiment_corpus' }, model: transformer({ blocks: 3 }) }), { task: 'classification', classes: 2 });
    expect(t).toContain('EncoderBlock(8, 2, 12) for _ in range(3)');
    expect(t).toContain('nn.MultiheadAttention(d, heads, batch_first=True)');
  });
});
