// The TensorFlow.js contender for the CNN workloads C1/C2 of bench/run.mjs: the same network as
// RegLab's model.kind "cnn" (3×3 'same' convolutions, optional batch norm before the ReLU, 2×2 max
// pooling, flatten, dense head with optional batch norm and inverted dropout, softmax
// cross-entropy, Adam), written on @tensorflow/tfjs-core ops. TF.js keeps images NHWC; RegLab's
// rows are channel-major, which for the one-channel inputs of C1/C2 is the same memory order.
//
// TF.js 4.22's wasm backend cannot train this (no Conv2DBackpropFilter kernel), and its cpu backend
// takes over a minute per epoch; so `maxImages` limits the timed training steps to the first
// images of the shuffled epoch, and run.mjs scales the time to a full epoch. The TF.js side then
// skips the per-epoch evaluation passes RegLab's epochs include — the comparison favours TF.js.
export function trainTfjsCnn(tf, data, arch, { epochs, batchSize, lr, maxImages = Infinity }) {
  const { train, outputs } = data;
  const [C, H, W] = arch.image;
  const tensors = [];
  const keep = (t) => (tensors.push(t), t);
  const x = keep(tf.transpose(keep(tf.tensor4d(train.x, [train.rows, C, H, W])), [0, 2, 3, 1]));
  const y = keep(tf.cast(tf.oneHot(tf.tensor1d(train.labels, 'int32'), outputs), 'float32'));

  const norm = (channels) => ({
    gamma: keep(tf.variable(tf.ones([channels]))), beta: keep(tf.variable(tf.zeros([channels]))),
    runMean: keep(tf.variable(tf.zeros([channels]), false)), runVar: keep(tf.variable(tf.ones([channels]), false)),
  });
  const convs = [];
  let channels = C, h = H, w = W;
  for (const filters of arch.conv) {
    const fanIn = channels * 9;
    convs.push({ W: keep(tf.variable(tf.randomNormal([3, 3, channels, filters], 0, Math.sqrt(2 / fanIn)))),
      b: keep(tf.variable(tf.zeros([filters]))), norm: arch.batchNorm ? norm(filters) : null });
    channels = filters;
    h = Math.floor(h / 2);
    w = Math.floor(w / 2);
  }
  const dense = [];
  let width = channels * h * w;
  for (const [i, units] of [...arch.hidden, outputs].entries()) {
    const hidden = i < arch.hidden.length;
    dense.push({ W: keep(tf.variable(tf.randomNormal([width, units], 0, Math.sqrt(2 / width)))),
      b: keep(tf.variable(tf.zeros([units]))), hidden, norm: hidden && arch.batchNorm ? norm(units) : null });
    width = units;
  }
  const batchNorm = (t, n, axes, training) => {
    if (!training) return tf.batchNorm(t, n.runMean, n.runVar, n.beta, n.gamma, 1e-5);
    const { mean, variance } = tf.moments(t, axes);
    n.runMean.assign(tf.add(tf.mul(n.runMean, 0.9), tf.mul(mean, 0.1)));
    n.runVar.assign(tf.add(tf.mul(n.runVar, 0.9), tf.mul(variance, 0.1)));
    return tf.batchNorm(t, mean, variance, n.beta, n.gamma, 1e-5);
  };
  const forward = (xb, training) => {
    let t = xb;
    for (const L of convs) {
      t = tf.add(tf.conv2d(t, L.W, 1, 'same'), L.b);
      if (L.norm) t = batchNorm(t, L.norm, [0, 1, 2], training);
      t = tf.maxPool(tf.relu(t), 2, 2, 'valid');
    }
    t = tf.reshape(t, [t.shape[0], -1]);
    for (const L of dense) {
      t = tf.add(tf.matMul(t, L.W), L.b);
      if (!L.hidden) break;
      if (L.norm) t = batchNorm(t, L.norm, [0], training);
      t = tf.relu(t);
      if (training && arch.dropout > 0) t = tf.dropout(t, arch.dropout);
    }
    return t;
  };

  const optimizer = tf.train.adam(lr, 0.9, 0.999, 1e-8);
  const order = new Int32Array(train.rows).map((_, i) => i);
  let trainLoss = NaN, images = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    tf.util.shuffle(order);
    for (let begin = 0; begin < Math.min(train.rows, maxImages); begin += batchSize) {
      const end = Math.min(train.rows, begin + batchSize);
      const loss = tf.tidy(() => {
        const idx = tf.tensor1d(order.subarray(begin, end), 'int32');
        const xb = tf.gather(x, idx), yb = tf.gather(y, idx);
        return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(yb, forward(xb, true)), true);
      });
      trainLoss = loss.dataSync()[0];
      loss.dispose();
      images += end - begin;
    }
  }
  optimizer.dispose();
  tf.dispose(tensors);
  return { trainLoss, images };
}
