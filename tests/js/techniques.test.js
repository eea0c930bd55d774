// Each regularization technique, switched on through the spec, changes a wasm run the documented way (issue 3).
import { describe, it, expect, beforeAll } from 'vitest';
import { createEngine } from 'reglab';

let engine;
beforeAll(async () => {
  engine = await createEngine();
  await engine.loadData('digits');
  await engine.loadData('sentiment');
});

const base = (over = {}) => ({
  seed: 7,
  data: { kind: 'moons', n: 200, noise: 0.2, valFraction: 0.5 },
  model: { hidden: [16, 16] },
  optimizer: { kind: 'adam', lr: 0.01 },
  training: { epochs: 40, batchSize: 32 },
  ...over,
});

function train(spec, epochs) {
  const run = engine.createRun(spec);
  const records = run.step(epochs ?? run.spec.training.epochs);
  return { run, records, last: records.at(-1) };
}

describe('techniques', () => {
  it('describe() lists every technique with the fields that switch it on', () => {
    const ids = engine.describe().techniques.map((t) => t.id);
    for (const id of ['l1', 'l2', 'elastic_net', 'weight_decay', 'dropout', 'batch_norm', 'layer_norm', 'early_stopping',
      'augmentation', 'mixup', 'cutmix', 'label_smoothing', 'gradient_clipping', 'spectral_norm'])
      expect(ids).toContain(id);
  });

  it('l2: L2 shrinks the weight norm and reports (λ/2)‖W‖²', () => {
    const plain = train(base()), l2 = train(base({ regularization: { l2: 0.05 } }));
    expect(l2.last.weightNorm).toBeLessThan(plain.last.weightNorm);
    expect(plain.last.penalty).toBe(0);
    expect(l2.last.penalty).toBeCloseTo((0.05 / 2) * l2.last.weightNorm ** 2, 3);
  });

  it('l1: L1 with the proximal update makes exact zeros, the subgradient does not', () => {
    const opt = { optimizer: { kind: 'momentum', lr: 0.1 }, training: { epochs: 100, batchSize: 32 } };
    const prox = train(base({ ...opt, regularization: { l1: 0.01, l1Mode: 'proximal' } }));
    const sub = train(base({ ...opt, regularization: { l1: 0.01 } }));
    expect(prox.last.zeroFraction).toBeGreaterThan(0.3);
    expect(sub.last.zeroFraction).toBe(0);
    const zeros = prox.run.weights().filter((w) => w.name.endsWith('.W')).flatMap((w) => Array.from(w.data)).filter((v) => v === 0);
    expect(zeros.length).toBeGreaterThan(0);
  });

  it('elastic_net: L1 and L2 together report the ElasticNet penalty λ1·Σ|W| + (λ2/2)·ΣW²', () => {
    const { run, last } = train(base({ regularization: { l1: 1e-3, l2: 1e-2 } }), 10);
    const w = run.weights().filter((t) => t.name.endsWith('.W')).flatMap((t) => Array.from(t.data));
    const expected = 1e-3 * w.reduce((s, v) => s + Math.abs(v), 0) + (1e-2 / 2) * w.reduce((s, v) => s + v * v, 0);
    expect(last.penalty / expected).toBeCloseTo(1, 4);
  });

  it('weight_decay: AdamW decay differs from the L2 penalty under Adam', () => {
    const adamw = train(base({ optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.1 } }));
    const adamL2 = train(base({ optimizer: { kind: 'adam', lr: 0.01, weightDecay: 0.1 } }));
    expect(adamw.last.weightNorm).not.toBeCloseTo(adamL2.last.weightNorm, 2);
    expect(adamw.last.penalty).toBe(0);  // decay is not a loss term
  });

  it('dropout: eval-mode predictions are deterministic, train-mode ones differ per pass', () => {
    const { run } = train(base({ model: { hidden: [32, 32], dropout: 0.5 } }), 5);
    const x = new Float32Array([0.1, 0.2, -0.5, 0.7]);
    expect(run.predict(x, 2)).toEqual(run.predict(x, 2));
    const a = run.predict(x, 2, { mode: 'train' }), b = run.predict(x, 2, { mode: 'train' });
    expect(Array.from(a)).not.toEqual(Array.from(b));
    const mc = run.mcPredict(x, 2, 40);
    expect(Math.max(...mc.variance)).toBeGreaterThan(0);
    expect(mc.mean[0] + mc.mean[1]).toBeCloseTo(1, 5);
  });

  it('batch norm and layer norm add γ/β and running statistics', () => {
    const bn = train(base({ model: { hidden: [16], norm: 'batch' } }), 5);
    const names = bn.run.weights().map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['norm1.gamma', 'norm1.beta', 'norm1.running_mean', 'norm1.running_var']));
    const ln = train(base({ model: { hidden: [16], norm: 'layer', normPlacement: 'post' } }), 5);
    expect(ln.run.weights().map((w) => w.name)).toEqual(expect.arrayContaining(['norm1.gamma', 'norm1.beta']));
    expect(ln.run.weights().map((w) => w.name)).not.toContain('norm1.running_mean');
    const single = engine.createRun(base({ model: { hidden: [16], norm: 'batch' }, training: { epochs: 2, batchSize: 8 } }));
    single.step(2);
    expect(Number.isFinite(single.predict(new Float32Array([0.3, 0.1]), 1)[0])).toBe(true);  // eval, batch of 1
  });

  it('early stopping stops, marks the best epoch and restores its weights', () => {
    const spec = base({ seed: 3, data: { kind: 'moons', n: 200, noise: 0.35, trainSize: 30 }, model: { hidden: [128, 128] },
      training: { epochs: 500, batchSize: 16, earlyStopping: { patience: 15 } } });
    const { run, records } = train(spec);
    expect(run.stopReason).toBe('early_stopping');
    expect(run.epoch - run.bestEpoch).toBe(15);
    const best = records[run.bestEpoch - 1];
    expect(best.best).toBe(true);
    expect(run.evaluate('val').loss).toBeCloseTo(best.valLoss, 5);
  });

  it('gradient_clipping: gradient clipping bounds the norm and reports the pre-clip norm', () => {
    const { records } = train(base({ regularization: { clipNorm: 0.05 } }), 3);
    for (const r of records) {
      expect(r.gradNorm).toBeLessThanOrEqual(0.05 + 1e-6);
      expect(r.gradNormPreClip).toBeGreaterThan(r.gradNorm);
    }
  });

  it('spectral norm keeps every layer σ ≤ 1 + 1e-3', () => {
    const { last } = train(base({ regularization: { spectralNorm: { iterations: 2 } } }), 20);
    expect(last.sigma).toHaveLength(3);
    for (const s of last.sigma) expect(s).toBeLessThanOrEqual(1 + 1e-3);
  });

  it('label_smoothing: label smoothing lowers the mean max probability', () => {
    const hard = train(base()), smooth = train(base({ loss: { labelSmoothing: 0.2 } }));
    const val = hard.run.data('val');
    const conf = (run) => {
      const p = run.predict(val.x, val.rows);
      let s = 0;
      for (let i = 0; i < val.rows; i++) s += Math.max(p[2 * i], p[2 * i + 1]);
      return s / val.rows;
    };
    expect(conf(smooth.run)).toBeLessThan(conf(hard.run));
  });

  it('augmentation: image augmentation, mixup and cutmix run on digits and the gallery shows them', () => {
    const digits = (augment) => ({ seed: 1, data: { kind: 'digits', trainSize: 200 }, model: { hidden: [32] },
      training: { epochs: 3, batchSize: 32 }, augment });
    for (const aug of [{ image: { shift: 1, rotate: 10, cutout: 2 } }, { mixup: { alpha: 0.4 } }, { cutmix: { alpha: 1 } }]) {
      const { run, last } = train(digits(aug));
      expect(Number.isFinite(last.trainLoss)).toBe(true);
      expect(run.data('train').imageH).toBe(8);
    }
    const g = engine.augmentImages(digits({ image: { shift: 1, rotate: 15 } }), 8, 3);
    expect(g.h).toBe(8);
    expect(g.images).toHaveLength(8 * 64);
    expect(Array.from(g.images)).not.toEqual(Array.from(g.originals));
    const m = engine.augmentImages(digits({ mixup: { alpha: 1 } }), 8, 3);
    const soft = Array.from(m.targets).filter((t) => t > 0.01 && t < 0.99);
    expect(soft.length).toBeGreaterThan(0);  // mixed labels are soft
  });

  it('text augmentations rewrite sentences and train on sentiment', () => {
    const s = 'The food was really good and the staff were friendly.';
    for (const op of ['synonym', 'insert', 'swap', 'delete', 'back_translate']) {
      const out = engine.augmentText(s, op, 0.5, 4);
      expect(typeof out).toBe('string');
      expect(out.length).toBeGreaterThan(0);
      expect(out).not.toBe(s);
    }
    expect(() => engine.augmentText(s, 'paraphrase', 0.5, 1)).toThrow(expect.objectContaining({ path: 'augment.text' }));
    const { run, records } = train({ data: { kind: 'sentiment' }, model: { hidden: [32] },
      augment: { text: { synonym: 0.2, delete: 0.1 } }, training: { epochs: 20, batchSize: 16 } });
    expect(records.at(-1).trainLoss).toBeLessThan(records[0].trainLoss);
    expect(run.data('train').texts.length).toBeGreaterThan(100);
  });

  it('learning-rate schedules change the recorded lr', () => {
    const { records } = train(base({ training: { epochs: 10, lrSchedule: { kind: 'step', stepSize: 5, gamma: 0.1 } } }));
    expect(records[0].lr).toBeCloseTo(0.01, 6);
    expect(records[9].lr).toBeCloseTo(0.001, 6);
  });

  it('run.update changes settings mid-run and marks the record', () => {
    const run = engine.createRun(base());
    run.step(3);
    run.update({ optimizer: { lr: 0.001 }, model: { dropout: 0.3 } });
    const [r] = run.step(1);
    expect(r.changed).toBe(true);
    expect(r.lr).toBeCloseTo(0.001, 6);
    expect(() => run.update({ model: { hidden: [4] } })).toThrow(expect.objectContaining({ path: 'model.hidden' }));
  });
});

describe('bad input names the field', () => {
  const cases = [
    ['model.dropout', { model: { dropout: 1 } }],
    ['model.dropout', { model: { dropout: -0.1 } }],
    ['model.inputDropout', { model: { inputDropout: 1.2 } }],
    ['regularization.l1', { regularization: { l1: -1 } }],
    ['regularization.l2', { regularization: { l2: -0.5 } }],
    ['optimizer.weightDecay', { optimizer: { weightDecay: -1 } }],
    ['augment.mixup.alpha', { augment: { mixup: { alpha: 0 } } }],
    ['augment.mixup.alpha', { augment: { mixup: { alpha: -2 } } }],
    ['augment.cutmix.alpha', { data: { kind: 'digits' }, augment: { cutmix: { alpha: 0 } } }],
    ['augment.image.wobble', { data: { kind: 'digits' }, augment: { image: { wobble: 1 } } }],
    ['augment.sharpen', { augment: { sharpen: 1 } }],
    ['augment.text.paraphrase', { augment: { text: { paraphrase: 0.1 } } }],
    ['loss.labelSmoothing', { loss: { labelSmoothing: -0.1 } }],
    ['regularization.spectralNorm.iterations', { regularization: { spectralNorm: { iterations: 0 } } }],
    ['regularization.clipNorm', { regularization: { clipNorm: -1 } }],
    ['training.earlyStopping.monitor', { training: { earlyStopping: { monitor: 'train_loss' } } }],
  ];
  it.each(cases)('%s', (path, over) => {
    const spec = { ...base(), ...over };
    expect(() => engine.createRun(spec)).toThrow(expect.objectContaining({ path }));
  });
});
