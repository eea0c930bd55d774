// The TensorFlow.js contender for the sequence workloads S1/S2 of bench/run.mjs.
//
// S2 (GRU): TF.js's layers API has the pieces — Embedding(maskZero) → GRU → Dense(softmax) — and
// with the mask the GRU carries its state over padding, so its output is the state after each
// sentence's last real token, as RegLab's model.kind "gru" (token id 0 is RegLab's padding).
// TF.js's GRU cell is the original formulation (reset gate before the hidden product, no
// `resetAfter`); PyTorch's and RegLab's apply it after. Same shapes, same FLOPs per step.
// One epoch = model.fit over the shuffled training set, then loss and accuracy on the training and
// validation sets (model.evaluate), as RegLab's records have them after every epoch. TF.js runs a
// GRU step by step as separate tensor ops (tens of seconds per epoch here), so `maxRows` trains
// and evaluates on the first rows only (validation cut in proportion) and run.mjs scales the
// time to the full sets.
//
// S1 (Transformer): TF.js 4.22's public layers API has no attention layer (a MultiHeadAttention
// class ships inside tfjs-layers for its GPT-2 port, but `tf.layers` does not export it), so there
// is no TF.js contender to time; `transformerUnsupported` says so in results.json.
export const transformerUnsupported =
  "TF.js 4.22's public layers API has no attention layer (tf.layers exports no MultiHeadAttention or Transformer block)";

export async function trainTfjsGru(tf, tfl, data, arch, { epochs, batchSize, lr, maxRows = Infinity }) {
  const { outputs } = data;
  const T = data.train.x.length / data.train.rows;
  const keepRows = Math.min(1, maxRows / data.train.rows);
  const first = (d) => {
    const rows = Math.max(1, Math.round(d.rows * keepRows));
    return { rows, x: d.x.slice(0, rows * T), labels: d.labels.slice(0, rows) };
  };
  const train = first(data.train), val = first(data.val);
  const tensors = [];
  const keep = (t) => (tensors.push(t), t);
  const split = (d) => ({
    x: keep(tf.tensor2d(Float32Array.from(d.x), [d.rows, T])),
    y: keep(tf.cast(tf.oneHot(tf.tensor1d(d.labels, 'int32'), outputs), 'float32')),
  });
  const tr = split(train), va = split(val);
  const model = tfl.sequential({
    layers: [
      tfl.layers.embedding({ inputDim: arch.vocabulary, outputDim: arch.embed, maskZero: true, inputLength: T }),
      // Glorot rather than TF.js's default orthogonal recurrent init: its QR runs on tensor ops
      // and takes seconds per model on the cpu backend, a cost of setup, not of training.
      tfl.layers.gru({ units: arch.hidden, recurrentInitializer: 'glorotUniform' }),
      tfl.layers.dense({ units: outputs, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(lr, 0.9, 0.999, 1e-8), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  let trainLoss = NaN;
  for (let epoch = 0; epoch < epochs; epoch++) {
    await model.fit(tr.x, tr.y, { batchSize, epochs: 1, shuffle: true, verbose: 0 });
    for (const s of [tr, va]) {
      const [loss, acc] = model.evaluate(s.x, s.y, { batchSize: 256 });
      if (s === tr) trainLoss = (await loss.data())[0];
      else await loss.data();
      await acc.data();
      tf.dispose([loss, acc]);
    }
  }
  model.dispose();
  tf.dispose(tensors);
  return { trainLoss, rows: train.rows, scale: data.train.rows / train.rows };
}
