// The benchmark workloads W1–W4 of issue 6, C1–C2 of issue 15 and S1–S2 of issue 17 (specs and the TF.js architecture of each), shared by
// bench/run.mjs (all contenders) and bench/quick.mjs (RegLab wasm only).
// A deterministic "MNIST-like" set for W4: 10 class prototypes (smooth random blobs on 28×28) plus
// pixel noise, values in [0, 1], as CSV text (header, 784 pixels, label).
export function mnistLikeCsv(n, seed = 1) {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const protos = [];
  for (let c = 0; c < 10; c++) {
    const p = new Float32Array(784);
    for (let b = 0; b < 6; b++) {
      const cx = 4 + rand() * 20, cy = 4 + rand() * 20, r = 2 + rand() * 4;
      for (let y = 0; y < 28; y++)
        for (let x = 0; x < 28; x++) p[y * 28 + x] += Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r));
    }
    protos.push(p);
  }
  const lines = [Array.from({ length: 784 }, (_, i) => `p${i}`).join(',') + ',label'];
  for (let i = 0; i < n; i++) {
    const c = i % 10;
    const row = new Array(785);
    for (let j = 0; j < 784; j++) row[j] = Math.min(1, Math.max(0, protos[c][j] + (rand() - 0.5) * 0.6)).toFixed(2);
    row[784] = c;
    lines.push(row.join(','));
  }
  return lines.join('\n');
}

const adam = { kind: 'adam', lr: 0.01 };
export const noEarlyStop = {}; // early stopping is off unless a spec asks for it
// Epochs per timed sample: RegLab's W1 epoch is ~0.06 ms, so W1 runs 300 epochs (~20 ms) to keep
// a sample well above the 4 ms scheduler tick and the cost of caches refilling after a TF.js sample.
export function workloads() {
  return [
    {
      id: 'W1', title: 'MLP 2→16→16→2, 200 points, batch 32, Adam', epochs: 300,
      spec: { seed: 1, data: { kind: 'moons', n: 250, noise: 0.2, valFraction: 0.2 }, model: { hidden: [16, 16], activation: 'relu' },
        optimizer: adam, training: { epochs: 100000, batchSize: 32, ...noEarlyStop } },
      tfjs: { hidden: [16, 16], dropout: 0, l2: 0, batchNorm: false },
    },
    {
      id: 'W2', title: '2→64→64→64→2, dropout 0.3 + L2 1e-4, 400 points, batch 32', epochs: 50,
      spec: { seed: 2, data: { kind: 'moons', n: 500, noise: 0.2, valFraction: 0.2 }, model: { hidden: [64, 64, 64], activation: 'relu', dropout: 0.3 },
        regularization: { l2: 1e-4 }, optimizer: adam, training: { epochs: 100000, batchSize: 32, ...noEarlyStop } },
      tfjs: { hidden: [64, 64, 64], dropout: 0.3, l2: 1e-4, batchNorm: false },
    },
    {
      id: 'W3', title: '64→128→128→10, batch norm + dropout 0.2, 1,200 digits, batch 64', epochs: 10,
      spec: { seed: 3, data: { kind: 'digits', valFraction: 0.3, trainSize: 1200 }, model: { hidden: [128, 128], activation: 'relu', dropout: 0.2, norm: 'batch' },
        optimizer: adam, training: { epochs: 100000, batchSize: 64, ...noEarlyStop } },
      tfjs: { hidden: [128, 128], dropout: 0.2, l2: 0, batchNorm: true },
    },
    {
      id: 'W4', title: '784→256→256→10, 2,000 samples, batch 128', epochs: 3,
      spec: { seed: 4, data: { kind: 'csv', csv: null, valFraction: 0, trainSize: 2000 }, model: { hidden: [256, 256], activation: 'relu' },
        optimizer: { kind: 'adam', lr: 0.001 }, training: { epochs: 100000, batchSize: 128, ...noEarlyStop } },
      tfjs: { hidden: [256, 256], dropout: 0, l2: 0, batchNorm: false },
    },
    // Convolutional networks on Fashion-MNIST (issue 15): one epoch per timed sample.
    {
      id: 'C1', cnn: true, epochs: 1,
      title: 'CNN conv3×3×8 → pool → conv3×3×16 → pool → 64 → 10, 2,000 Fashion-MNIST images, batch 64, Adam',
      spec: { seed: 11, data: { kind: 'fashion_mnist', trainSize: 2000, valFraction: 0.2 },
        model: { kind: 'cnn', conv: [8, 16], hidden: [64], activation: 'relu' },
        optimizer: { kind: 'adam', lr: 0.002 }, training: { epochs: 100000, batchSize: 64, ...noEarlyStop } },
      tfjs: { image: [1, 28, 28], conv: [8, 16], hidden: [64], dropout: 0, batchNorm: false },
    },
    {
      id: 'C2', cnn: true, epochs: 1,
      title: 'C1 with batch norm after each conv (and the dense layer), dropout 0.3 before the output layer, batch 32',
      spec: { seed: 12, data: { kind: 'fashion_mnist', trainSize: 2000, valFraction: 0.2 },
        model: { kind: 'cnn', conv: [8, 16], hidden: [64], activation: 'relu', norm: 'batch', dropout: 0.3 },
        optimizer: { kind: 'adam', lr: 0.002 }, training: { epochs: 100000, batchSize: 32, ...noEarlyStop } },
      tfjs: { image: [1, 28, 28], conv: [8, 16], hidden: [64], dropout: 0.3, batchNorm: true },
    },
    // Sequence classifiers on the sentiment corpus (issue 17): 1,000 training sentences, length ≤ 24.
    {
      id: 'S1', seq: 'transformer', epochs: 2,
      title: 'Transformer, embed 32, 2 heads, 1 block (pre-LayerNorm, FFN 128), 1,000 sentences, length ≤ 24, batch 32, Adam',
      spec: { seed: 21, data: { kind: 'sentiment_corpus' },
        model: { kind: 'transformer', embed: 32, heads: 2, blocks: 1, ffn: 128, maxLength: 24, norm: 'layer', normPlacement: 'pre', activation: 'relu' },
        optimizer: { kind: 'adam', lr: 0.003 }, training: { epochs: 100000, batchSize: 32, ...noEarlyStop } },
      tfjs: null,
    },
    {
      id: 'S2', seq: 'gru', epochs: 2,
      title: 'GRU, embed 32, hidden 32, same sentences, length ≤ 24, batch 32, Adam',
      spec: { seed: 22, data: { kind: 'sentiment_corpus' },
        model: { kind: 'gru', embed: 32, hidden: [32], maxLength: 24 },
        optimizer: { kind: 'adam', lr: 0.003 }, training: { epochs: 100000, batchSize: 32, ...noEarlyStop } },
      tfjs: { embed: 32, hidden: 32 },
    },
  ];
}

// Forward FLOPs of one image through a CNN workload (2 × multiply-adds of the conv and dense
// layers; 3×3 'same' convolutions with 2×2 pooling, as C1/C2), and an epoch's forward + backward
// FLOPs as issue 15 counts them: a training step costs about 3 forwards (forward, dx, dW) per
// training image. The epoch's evaluation passes are not counted, though its time includes them,
// so the effective rate derived from this is conservative.
export function cnnFlops(arch, outputs, trainRows, valRows) {
  let [c, h, w] = arch.image;
  let forward = 0;
  for (const filters of arch.conv) {
    forward += 2 * filters * c * 9 * h * w;
    c = filters;
    h = Math.floor(h / 2);
    w = Math.floor(w / 2);
  }
  let width = c * h * w;
  for (const units of [...arch.hidden, outputs]) {
    forward += 2 * width * units;
    width = units;
  }
  return { forwardPerImage: forward, perEpoch: 3 * forward * trainRows, withEvaluation: forward * (4 * trainRows + valRows) };
}

// W4's 2,000 training samples plus a validation set: the engine bounds samples × parameters
// (describe().limits.maxDataTimesModel); if 2,000 + val does not fit, shrink the set and say so.
export function prepareW4(w, engine) {
  const params = 784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10;
  const limit = engine.describe().limits?.maxDataTimesModel ?? Infinity;
  let train = 2000, val = 400;
  if ((train + val) * params > limit) {
    const total = Math.floor(limit / params);
    val = Math.max(40, Math.floor(total * 0.1));
    train = Math.min(2000, total - val);
    w.note = `engine limit maxDataTimesModel=${limit.toExponential(1)}: ${train} train + ${val} val samples instead of 2,000 + ${400}`;
  }
  w.spec.data.csv = mnistLikeCsv(train + val);
  w.spec.data.valFraction = val / (train + val);
  w.spec.data.trainSize = train;
  w.spec.data.standardize = false;
}
