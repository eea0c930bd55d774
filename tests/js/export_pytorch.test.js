// The "export as PyTorch" script is valid Python for every preset run (python3 -m py_compile),
// built from the engine's canonical spec (defaults filled) and the run's real data shape.
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createEngine } from 'reglab';
import { exportPytorch, dataCsv, spectralIterations } from '../../web/state/export_pytorch.js';

const presetDir = path.resolve(import.meta.dirname, '../../web/presets');
const runs = fs.readdirSync(presetDir).filter((f) => f.endsWith('.json')).flatMap((f) => {
  const preset = JSON.parse(fs.readFileSync(path.join(presetDir, f), 'utf8'));
  const broken = new Set((preset.expectedErrors ?? []).map((e) => e.run));
  return preset.runs.filter((r) => !broken.has(r.label)).map((r) => [`${f.replace('.json', '')} · ${r.label}`, r.spec]);
});

let engine, dir;
beforeAll(async () => {
  engine = await createEngine();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-py-'));
});

describe('PyTorch export', () => {
  it.each(runs)('%s compiles as Python and carries the run’s choices', async (name, spec) => {
    await engine.loadData(spec);
    const run = engine.createRun(spec);
    const train = run.data('train');
    const canonical = run.spec;
    run.dispose();
    const src = exportPytorch(canonical, {
      task: train.labels ? 'classification' : 'regression', classes: train.numClasses || 2,
      imageC: train.imageC || undefined, imageH: train.imageH || undefined, imageW: train.imageW || undefined,
    });
    const file = path.join(dir, `${name.replace(/[^\w]+/g, '_')}.py`);
    fs.writeFileSync(file, src);
    execFileSync('python3', ['-m', 'py_compile', file]);
    expect(src).toContain(`EPOCHS, BATCH_SIZE, SHUFFLE = ${canonical.training.epochs}, ${canonical.training.batchSize}`);
    expect(src).toContain(`L1, L2 = ${canonical.regularization.l1}, ${canonical.regularization.l2}`);
    if (spectralIterations(canonical.regularization)) expect(src).toContain('spectral_norm(layer, n_power_iterations=');
    const sequence = ['transformer', 'gru'].includes(canonical.model.kind);
    if (canonical.model.norm === 'batch' && canonical.model.hidden.length && !sequence) expect(src).toContain(`nn.BatchNorm1d(`);
    if (sequence) expect(src).toContain(canonical.model.kind === 'gru' ? 'self.gru = GRU(' : 'self.encoder = Encoder(');
    if (sequence && canonical.model.norm === 'batch') expect(src).toContain('MaskedBatchNorm(');
    if (canonical.model.kind === 'cnn') {
      expect(src).toContain(`nn.Unflatten(1, (${train.imageC}, ${train.imageH}, ${train.imageW}))`);
      expect((src.match(/layers\.append\(conv\(/g) ?? []).length).toBe(canonical.model.conv.length);
      if (canonical.model.norm === 'batch') expect(src).toContain('nn.BatchNorm2d(');
      if (canonical.model.convDropout > 0) expect(src).toContain(`nn.Dropout2d(${canonical.model.convDropout})`);
    }
    if (canonical.optimizer.kind === 'adamw') expect(src).toContain('torch.optim.AdamW');
    if (canonical.training.earlyStopping) expect(src).toMatch(/EARLY_STOPPING = \{"patience": \d+/);
  });

  it('writes the data CSV the script reads (features, label, split)', async () => {
    const run = engine.createRun({ data: { kind: 'moons', n: 50, valFraction: 0.2 }, training: { epochs: 1 } });
    const csv = dataCsv({ train: run.data('train'), val: run.data('val') });
    run.dispose();
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('x0,x1,label,split');
    expect(lines.length).toBe(51);
    expect(lines.filter((l) => l.endsWith(',val')).length).toBe(10);
  });
});
