// The TensorFlow.js contender of bench/run.mjs: the same MLP as RegLab's (He init, ReLU, optional
// batch norm before the activation and inverted dropout after it, softmax cross-entropy, (λ/2)ΣW²,
// Adam), written directly on @tensorflow/tfjs-core ops — the lean way to use TF.js (no
// tfjs-layers model.fit overhead). One epoch = shuffled minibatch steps, then loss and accuracy
// on the training and validation sets in evaluation mode, read back to JS (as RegLab's records).

export function trainTfjs(tf, data, arch, { epochs, batchSize, lr }) {
  const { train, val, outputs } = data;
  const tensors = [];
  const keep = (t) => (tensors.push(t), t);
  const split = (d) => ({
    x: keep(tf.tensor2d(d.x, [d.rows, d.features])),
    y: keep(tf.cast(tf.oneHot(tf.tensor1d(d.labels, 'int32'), outputs), 'float32')),
    labels: keep(tf.tensor1d(d.labels, 'int32')),
    rows: d.rows,
  });
  const tr = split(train), va = split(val);

  const layers = [];
  let width = train.features;
  const widths = [...arch.hidden, outputs];
  widths.forEach((h, i) => {
    const hidden = i < arch.hidden.length;
    const layer = {
      W: keep(tf.variable(tf.randomNormal([width, h], 0, Math.sqrt(2 / width)))),
      b: keep(tf.variable(tf.zeros([h]))),
      hidden,
    };
    if (hidden && arch.batchNorm) {
      layer.gamma = keep(tf.variable(tf.ones([h])));
      layer.beta = keep(tf.variable(tf.zeros([h])));
      layer.runMean = keep(tf.variable(tf.zeros([h]), false));
      layer.runVar = keep(tf.variable(tf.ones([h]), false));
    }
    layers.push(layer);
    width = h;
  });

  const forward = (x, training) => {
    let h = x;
    for (const L of layers) {
      h = tf.add(tf.matMul(h, L.W), L.b);
      if (!L.hidden) break;
      if (L.gamma) {
        if (training) {
          const { mean, variance } = tf.moments(h, 0);
          const n = h.shape[0];
          L.runMean.assign(tf.add(tf.mul(L.runMean, 0.9), tf.mul(mean, 0.1)));
          L.runVar.assign(tf.add(tf.mul(L.runVar, 0.9), tf.mul(variance, 0.1 * n / (n - 1))));
          h = tf.batchNorm(h, mean, variance, L.beta, L.gamma, 1e-5);
        } else {
          h = tf.batchNorm(h, L.runMean, L.runVar, L.beta, L.gamma, 1e-5);
        }
      }
      h = tf.relu(h);
      if (training && arch.dropout > 0) h = tf.dropout(h, arch.dropout);
    }
    return h;
  };

  const optimizer = tf.train.adam(lr, 0.9, 0.999, 1e-8);
  const order = new Int32Array(tr.rows).map((_, i) => i);
  let trainLoss = NaN;
  for (let epoch = 0; epoch < epochs; epoch++) {
    tf.util.shuffle(order);
    for (let begin = 0; begin < tr.rows; begin += batchSize) {
      const end = Math.min(tr.rows, begin + batchSize);
      if (arch.batchNorm && end - begin < 2) break;
      tf.tidy(() => {
        const idx = tf.tensor1d(order.subarray(begin, end), 'int32');
        const xb = tf.gather(tr.x, idx), yb = tf.gather(tr.y, idx);
        optimizer.minimize(() => {
          let loss = tf.losses.softmaxCrossEntropy(yb, forward(xb, true));
          if (arch.l2 > 0) for (const L of layers) loss = tf.add(loss, tf.mul(arch.l2 / 2, tf.sum(tf.square(L.W))));
          return loss;
        });
      });
    }
    // Per-epoch evaluation (loss and accuracy on train and val), read back like a record.
    const metrics = tf.tidy(() => [tr, va].flatMap((s) => {
      const logits = forward(s.x, false);
      return [tf.losses.softmaxCrossEntropy(s.y, logits), tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), s.labels), 'float32'))];
    }));
    const values = metrics.map((t) => t.dataSync()[0]);
    trainLoss = values[0];
    tf.dispose(metrics);
  }
  optimizer.dispose();
  tf.dispose(tensors);
  return { trainLoss };
}
