// The course module's lessons 6.1–6.9: the short explanation, the formulas (TeX, rendered with
// KaTeX), the presets (web/presets/<id>.json) and which controls and views each one shows.
// Text in $…$ is inline math.

export const LESSONS = [
  {
    id: '6.1',
    title: 'Overfitting and the bias–variance trade-off',
    short: 'Overfitting',
    text: [
      'A network with far more parameters than training points can memorize the training set: the training loss keeps falling while the validation loss turns around and climbs. The distance between the two curves is the <em>generalization gap</em>; the lab flags a run as overfitting once its validation loss has risen clearly above its best while training loss still falls.',
      'Averaged over many training sets drawn from the same source, the expected squared error of a model splits into three parts: how far the average prediction is from the truth (bias²), how much the prediction moves from one training set to the next (variance), and the noise no model can remove. Small models have high bias; large models trained on little data have high variance. Regularization trades a little bias for a large cut in variance.',
    ],
    formulas: [
      String.raw`\mathbb{E}\big[(y-\hat f(x))^2\big] = \text{bias}^2 + \text{variance} + \sigma^2`,
      String.raw`\text{bias}^2 = \big(\mathbb{E}[\hat f(x)]-f(x)\big)^2`,
      String.raw`\text{variance} = \mathbb{E}\big[(\hat f(x)-\mathbb{E}[\hat f(x)])^2\big]`,
    ],
    presets: [{ id: '6.1', name: 'Small vs large network' }],
    controls: ['model.hidden', 'optimizer.lr', 'training.batchSize'],
    views: ['plane', 'histogram', 'biasVariance'],
    columns: ['overfitting'],
  },
  {
    id: '6.2',
    title: 'Weight penalties: L2, L1, elastic net and decoupled weight decay',
    short: 'L2 / L1',
    text: [
      'A penalty on the size of the weights is added to the data loss. L2 pulls every weight towards zero in proportion to its size, so the fitted function becomes smoother. L1 pulls each weight by a constant amount, which drives many of them to <em>exactly</em> zero (with the proximal, soft-threshold update) — a sparse network. Elastic net mixes both. Biases and normalization parameters are not penalized.',
      'With plain SGD, an L2 penalty and weight decay are the same update. With Adam they are not: the penalty gradient $\\lambda W$ is divided by Adam\'s running scale, so weights with large gradients are hardly regularized. Decoupled weight decay (AdamW) shrinks all weights by the same factor, outside the adaptive step. The same λ is therefore not the same strength: AdamW shrinks by $\\alpha\\lambda$ per step ($10^{-4}$ in the second experiment), while Adam rescales the penalty gradient and pulls weights with small data gradients hard — there Adam + L2 ends with the smaller weights and the smaller gap. What AdamW buys is a λ that means the same for every weight; to match the strength, raise its λ. (No claim of the claims suite measures this comparison over seeds.)',
    ],
    formulas: [
      String.raw`L_{\text{total}} = L_{\text{data}} + \lambda_1 \sum |W| + \frac{\lambda_2}{2}\sum W^2`,
      String.raw`\nabla_W \Big(\frac{\lambda_2}{2}\sum W^2\Big) = \lambda_2 W`,
      String.raw`\text{AdamW:}\quad W \leftarrow (1-\alpha\lambda)\,W - \alpha\,\frac{\hat m}{\sqrt{\hat v}+\epsilon}`,
    ],
    presets: [{ id: '6.2', name: 'None vs L2 vs L1 vs elastic net' }, { id: '6.2-decay', name: 'Adam + L2 vs AdamW' }],
    controls: ['regularization.l2', 'regularization.l1', 'regularization.l1Mode', 'optimizer.kind', 'optimizer.weightDecay', 'optimizer.lr'],
    views: ['plane', 'histogram'],
    columns: ['zeroFraction', 'weightNorm'],
  },
  {
    id: '6.3',
    title: 'Dropout',
    short: 'Dropout',
    text: [
      'During training every hidden unit is switched off with probability $p$ and the survivors are scaled by $1/(1-p)$, so the expected activation is unchanged ("inverted" dropout). No unit can rely on a particular partner, which discourages co-adapted features; each minibatch trains a different thinned network, and the full network at test time behaves like an average of them. At evaluation time dropout is off and the output is deterministic.',
      'Keeping dropout on at prediction time and averaging $K$ stochastic passes (Monte-Carlo dropout) gives a mean prediction and a spread — a cheap estimate of the model\'s uncertainty, widest where there is no training data.',
    ],
    formulas: [
      String.raw`\text{training:}\quad \tilde h = \frac{m \odot h}{1-p},\quad m_i \sim \text{Bernoulli}(1-p)`,
      String.raw`\text{evaluation:}\quad \tilde h = h`,
    ],
    presets: [{ id: '6.3', name: 'Dropout on a noisy 2-D task' }, { id: '6.3-mc', name: 'MC dropout on 1-D regression' }],
    controls: ['model.dropout', 'model.inputDropout', 'model.hidden'],
    views: ['plane', 'curve', 'histogram', 'dropoutTable'],
    columns: ['mcStd'],
  },
  {
    id: '6.4',
    title: 'Batch normalization',
    short: 'BatchNorm',
    text: [
      'Batch normalization standardizes each feature over the minibatch, then lets the network rescale and shift it with learned $\\gamma$ and $\\beta$. Keeping every layer\'s inputs at a steady scale lets a deep network train with a larger learning rate and reach a given loss in fewer epochs. Over 8 seeds BatchNorm reaches training loss 0.5 in about 10 epochs instead of 33 and still trains at learning rate 1.0, where the plain net does not (claim 6); it is faster at first, not lower at the end — after 200 epochs both training losses are about 0.35. The noise of the batch statistics can also act as a mild regularizer. At evaluation time the running averages of $\\mu$ and $\\sigma^2$ replace the batch statistics.',
      'The normalization can sit before the activation (as in the original paper) or after it; compare both.',
      'In a convolutional network batch norm works per channel: each feature map is normalized over the batch and all its pixels. The second experiment trains a small CNN on Fashion-MNIST photos with SGD at learning rate 0.1. Over 8 seeds, after 15 epochs the training loss is 0.025 with batch norm and 0.17 without, and validation accuracy 82.4 % against 78.9 % (80.6 % for the plain network at its usual learning rate 0.01) — claim 6 on the claims page.',
    ],
    formulas: [
      String.raw`\hat x = \frac{x-\mu_B}{\sqrt{\sigma_B^2+\epsilon}},\qquad y = \gamma\,\hat x + \beta`,
      String.raw`\mu_B = \frac{1}{m}\sum_{i=1}^{m} x_i,\qquad \sigma_B^2 = \frac{1}{m}\sum_{i=1}^{m} (x_i-\mu_B)^2`,
    ],
    presets: [{ id: '6.4', name: 'Deep net, high learning rate' }, { id: '6.4-cnn', name: 'CNN on Fashion-MNIST, learning rate 0.1' }],
    controls: ['model.norm', 'model.normPlacement', 'optimizer.lr', 'model.hidden'],
    views: ['plane'],
    columns: ['epochsToTarget'],
  },
  {
    id: '6.5',
    title: 'Layer normalization vs batch normalization',
    short: 'LayerNorm',
    text: [
      'Layer normalization computes the mean and variance over the features of each sample instead of over the batch. Its normalization therefore does not depend on the batch: it works with a batch of one and needs no running averages, so training and evaluation compute the same thing. Batch normalization, by contrast, gets noisy statistics from small batches and cannot normalize a batch of one in training. LayerNorm does not make training blind to the batch size, though: small batches still mean noisier gradient steps. Over 8 seeds, going from batch 64 to batch 2 moved BatchNorm’s validation loss by 0.56 and LayerNorm’s by 0.09 (claim 6 on the claims page).',
      'Try batch sizes 1, 2, 8 and 64 on both runs.',
      'The third experiment puts the two norms where the course says LayerNorm belongs: a one-block Transformer reads bracket sequences of 2 to 32 tokens and says whether every bracket is closed. Each batch is padded to its longest sequence; BatchNorm takes its statistics over the real tokens of the batch, LayerNorm over the 16 features of each token. Over 8 seeds (claim 14) the result is mixed. BatchNorm’s validation loss grows more from the shorter to the longer half of the sequences than LayerNorm’s (by 0.25 against 0.17, in 7 of 8 seeds). But BatchNorm did <em>not</em> suffer more from small batches here: going from batch 32 to batch 2 moved its validation loss by 0.06 and LayerNorm’s by 0.09, in opposite directions: at batch 2 every run also takes 16 times more steps in its 10 epochs, and LayerNorm’s run ends better there (0.542 against 0.589 at batch 32), BatchNorm’s a little worse (0.571 against 0.541). Counting the padding in BatchNorm’s statistics made no clear difference either (validation loss 0.575 against 0.571 at batch 2). What holds by construction is the mechanism: LayerNorm computes the same thing for a sentence whatever batch it is in, in training and in evaluation, while BatchNorm uses the batch’s statistics in training and running averages at evaluation.',
      'Training against inference: the table’s <em>step loss</em> is the mean loss of the last epoch’s training steps as the network computed them while training (BatchNorm with the statistics of its batch), and <em>inference − step</em> is the training split’s loss at inference after that epoch minus it. With the weights held fixed the mechanism shows cleanly (the engine’s tests, batch 2): BatchNorm’s two losses differ (by 0.006 at the initial weights), LayerNorm’s are identical to four decimals. In a run that learns, though, the step loss also averages over weights that improve during the epoch, and that dominates here. Over 8 seeds (claim 14) the last epoch’s |inference − step| at batch 2 was 0.059 with BatchNorm, 0.052 with LayerNorm and 0.063 without a norm, where nothing but the weights’ movement can cause it; at batch 32, 0.027, 0.020 and 0.023. BatchNorm was further apart than LayerNorm in only 5 of 8 seeds: the difference BatchNorm adds is not distinguishable, in this measurement, from how much a learning run moves within an epoch. LayerNorm’s was never more than 0.02 above the run without a norm’s, at both batch sizes, in all 8 seeds: it adds no difference of its own.',
    ],
    formulas: [
      String.raw`\mu = \frac{1}{H}\sum_{j=1}^{H} x_j,\qquad \sigma^2 = \frac{1}{H}\sum_{j=1}^{H}(x_j-\mu)^2`,
      String.raw`y = \gamma\,\frac{x-\mu}{\sqrt{\sigma^2+\epsilon}} + \beta\qquad\text{(per sample)}`,
    ],
    presets: [{ id: '6.5', name: 'Batch sizes 2 and 64' }, { id: '6.5-batch1', name: 'Batch size 1' }, { id: '6.5-text', name: 'Transformer on bracket sequences: LN vs BN vs none, batch 2 and 32' }],
    controls: ['model.norm', 'training.batchSize', 'optimizer.lr'],
    views: ['plane'],
    columns: [],
  },
  {
    id: '6.6',
    title: 'Early stopping',
    short: 'Early stopping',
    text: [
      'Watch the validation loss while training and stop once it has not improved by at least $\\delta$ for $k$ epochs in a row (the <em>patience</em>). Then restore the weights of the best epoch. The number of epochs becomes a hyper-parameter chosen by the validation set, and a long training budget can no longer hurt: the run keeps the model from before overfitting set in.',
    ],
    formulas: [
      String.raw`\text{stop after } k \text{ epochs in a row with } L_{\text{val}}(t) > \min_{s<t} L_{\text{val}}(s) - \delta`,
      String.raw`\theta \leftarrow \theta_{e^*},\qquad e^* = \arg\min_e L_{\text{val}}(e)`,
    ],
    presets: [{ id: '6.6', name: 'Patience 20 vs no early stopping' }],
    controls: ['training.earlyStopping', 'training.earlyStopping.patience', 'training.earlyStopping.minDelta', 'training.earlyStopping.restoreBest'],
    views: ['plane'],
    columns: [],
  },
  {
    id: '6.7',
    title: 'Data augmentation',
    short: 'Augmentation',
    text: [
      'Augmentation makes new training examples from old ones with changes that keep the label: small shifts, rotations and zooms of a digit, a little noise. The network sees a larger, more varied training set and can learn features that do not depend on those changes. Mixup blends two examples and their labels; CutMix pastes a patch of one image into another and mixes the labels by area, so the targets become soft.',
      'Whether that raises accuracy depends on the data. On the lab\'s 8×8 digits with 200 training images, over 8 seeds, image augmentation narrows the generalization gap but does not raise validation accuracy (93.5 % without, 92.1 % with shift/rotate/zoom, 93.3 % with mixup, 93.1 % with CutMix): a one-pixel shift or a 10° turn of an 8×8 digit is a large change, and the plain network is already at 93.5 % (claim 8).',
      'On real photos the picture is only a little different. In the second experiment a small convolutional network learns 1,000 Fashion-MNIST photos of clothing for 20 epochs. Over 8 seeds, mixup lowers the validation loss in every seed (0.579 → 0.521) and adds 0.8 points of accuracy on average (82.2 % → 82.9 %), too little to stand out from the seed-to-seed spread; flips and crops do not help here (80.3 %), and CutMix gives 82.3 % (claim 8). A PyTorch run with a larger CNN and 40 epochs found the same order of effect (mixup +0.7 points). Augmentation pays off when a network is big enough and trains long enough to memorize its photos; this browser-sized one does not get there in 20 epochs.',
      'For text, the same idea uses synonym replacement, random insertion, swap and deletion of words, and back-translation through another language. Back-translation here is an English→French→English round trip through word tables shipped with RegLab, word by word — not a translation model: a known word becomes one of its French candidates and that one of its English candidates, so the sentence comes back with some words exchanged for synonyms.',
      'The third experiment trains a GRU on the 1,000 training reviews of the sentiment corpus, whose validation reviews use synonyms that the training reviews rarely show; augmentation rewrites every training batch anew. Over 8 seeds (claim 15) synonym replacement raises validation accuracy from 77.3 % to 81.4 % (in 6 of 8 seeds) and back-translation to 79.7 % (7 of 8); both lower the validation loss in every seed (0.630 → 0.389 and 0.458). All five operations at once <em>lower</em> accuracy, to 74.0 %: random swaps and deletions can drop a “not” or move a “but”, and in these reviews the negations and contrasts decide the label. One limit is built in: the vocabulary comes from the training reviews, so a synonym that never appears in them stays an unknown word, in augmented training batches as at validation. Replacement can only teach the network that words it has already seen mean the same.',
    ],
    formulas: [String.raw`\tilde x = \lambda x_i + (1-\lambda)\,x_j,\quad \tilde y = \lambda y_i + (1-\lambda)\,y_j,\quad \lambda \sim \text{Beta}(\alpha,\alpha)`],
    presets: [{ id: '6.7', name: 'Digits: none vs image augmentation vs mixup vs CutMix' }, { id: '6.7-images', name: 'Fashion-MNIST CNN: none vs flip + crop vs mixup vs CutMix' }, { id: '6.7-text', name: 'GRU on reviews: none vs synonym vs back-translation vs all' }],
    controls: ['augment.image.flip', 'augment.image.shift', 'augment.image.rotate', 'augment.image.scale', 'augment.mixup', 'augment.mixup.alpha', 'augment.cutmix', 'augment.cutmix.alpha'],
    views: ['gallery', 'confusion', 'textAugment'],
    columns: [],
  },
  {
    id: '6.8',
    title: 'Label smoothing, gradient clipping and spectral normalization',
    short: 'Smoothing & clipping',
    text: [
      '<strong>Label smoothing</strong> replaces the one-hot target with a mix of it and the uniform distribution, so the network is never asked for probability 1. Its top-class probabilities come down. Whether that improves calibration depends on the setting: over 8 seeds it lowers the calibration error on the noisy 2-D task, but on digits, where the plain network was already well calibrated, it pushes the confidence below the accuracy and the calibration error rises (claim 9 on the claims page).',
      'On text it is the first case. The GRU of the 6.7 text experiment ends over-confident without smoothing: mean confidence 90.5 % at 77.3 % validation accuracy (8 seeds, the text preset). With ε = 0.1 the confidence drops to 84.5 %, the calibration error from 0.139 to 0.080 and the validation loss in every seed (0.630 → 0.512), at about the same accuracy (77.0 %).',
      '<strong>Gradient clipping</strong> rescales the gradient when its global norm exceeds a threshold $\\theta$; one bad minibatch or a too-large learning rate can then no longer throw the weights far away.',
      '<strong>Spectral normalization</strong> divides each weight matrix by its largest singular value $\\sigma(W)$ (estimated by power iteration), which bounds how much each layer can stretch its input — the network becomes Lipschitz-bounded. With one power-iteration step per update the estimate lags the moving weights: over 8 seeds σ ends at 1.00 in every layer, but during training it peaks between 1.02 and 1.16 (1.09 on average), mostly in the first epochs (claim 11).',
    ],
    formulas: [
      String.raw`y^{\text{LS}} = (1-\varepsilon)\,\text{onehot}(y) + \frac{\varepsilon}{K}`,
      String.raw`g \leftarrow \min\!\Big(1, \frac{\theta}{\lVert g\rVert}\Big)\, g`,
      String.raw`\bar W = \frac{W}{\sigma(W)},\qquad \sigma(W) \approx u^\top W v`,
    ],
    presets: [
      { id: '6.8', name: 'Label smoothing' },
      { id: '6.8-clip', name: 'Gradient clipping (exploding learning rate)' },
      { id: '6.8-spectral', name: 'Spectral normalization' },
      { id: '6.8-text', name: 'Label smoothing on a GRU reading reviews' },
    ],
    controls: ['loss.labelSmoothing', 'regularization.clipNorm', 'regularization.clipValue', 'regularization.spectralNorm', 'optimizer.lr'],
    views: ['confidence', 'gradNorm', 'sigma', 'plane'],
    columns: ['meanConfidence', 'ece', 'maxGradNormPreClip', 'maxSigma'],
  },
  {
    id: '6.9',
    title: 'The regularization ladder',
    short: 'Ladder',
    text: [
      'In practice the techniques are stacked. Start from a plain baseline and add one rung at a time — dropout, weight decay, normalization, augmentation, early stopping — keeping each rung only if the validation score improves. The bar chart at the end shows the validation accuracy of every rung side by side.',
      'With 200 training digits the plain network already reaches about 93.7 % over 8 seeds. The full stack ends at 94.5 % with a clearly lower validation loss (0.227 → 0.184), but the accuracy differences between rungs amount to a few validation images and flip sign from seed to seed: the full stack beats the baseline in only 4 of 8 seeds (claim 12). Judge a rung by the validation loss and by several seeds, not by one run\'s accuracy.',
      'The text row, measured: a GRU on the 1,000 training reviews of the sentiment corpus, 6 epochs, 8 seeds, the rungs the course names for NLP. The mean validation loss falls with every rung — 0.630 (baseline) → 0.603 (+ LayerNorm) → 0.579 (+ dropout) → 0.529 (+ label smoothing), lower than the baseline’s in every seed at the top — and so does the calibration error (0.139 → 0.077). Accuracy does not follow: 77.3 % → 77.4 % → 75.2 % → 75.0 %. In 6 epochs the dropout rung costs more fit than it saves; on this data the larger gain came from synonym replacement (81.4 %, lesson 6.7, claim 15), which supplies the words the validation reviews use.',
      'The image row of the table below, measured: a small CNN on 1,000 Fashion-MNIST photos, 20 epochs, 8 seeds. The rungs give 82.2 % (baseline) → 82.9 % (dropout) → 82.9 % (weight decay) → 82.4 % (batch norm) → 81.1 % (flip + crop) → 81.7 % (early stopping). The full stack lowers the validation loss in every seed (0.579 → 0.498) but does not beat the baseline\'s accuracy (3 of 8 seeds); the flips and crops cost accuracy in this short training, as in lesson 6.7 (claim 12).',
    ],
    formulas: [],
    presets: [{ id: '6.9', name: 'Digits, 200 training images' }, { id: '6.9-images', name: 'Fashion-MNIST CNN, 1,000 training images' }, { id: '6.9-text', name: 'Text: GRU on 1,000 reviews' }],
    controls: ['model.dropout', 'optimizer.kind', 'optimizer.weightDecay', 'model.norm', 'training.earlyStopping'],
    views: ['ladder', 'confusion', 'problemTable'],
    columns: [],
    maxRuns: 6,
  },
];

export const lessonById = (id) => LESSONS.find((l) => l.id === id) ?? null;
// The lesson with its text and formulas. Here they are in LESSONS already; the lab's build
// (web/build.mjs) ships each lesson's as a chunk of its own that this loads when the lesson opens.
export const loadLessonText = async (id) => lessonById(id);

// Course guideline for dropout rates (6.3).
export const DROPOUT_GUIDE = [
  ['Input layer', '0.1 – 0.2', 'Dropping inputs is a strong perturbation; keep it light.'],
  ['Hidden fully connected layers', '0.5 (0.2 – 0.5)', 'The classic rate from the original paper.'],
  ['Convolutional layers', '0.1 – 0.3', 'Neighbouring pixels are correlated; often replaced by BatchNorm.'],
  ['Transformer / attention blocks', '0.1', 'Applied to attention weights and residual branches.'],
  ['Small data set, large model', 'towards 0.5', 'More regularization where overfitting is worst.'],
];

// "By problem type" (6.9): a starting recipe per kind of problem.
export const RECIPES = [
  ['Small tabular data', 'L2 / weight decay, early stopping, small network; dropout 0.1–0.3'],
  ['Images (CNNs)', 'Data augmentation, BatchNorm, weight decay; mixup/CutMix and label smoothing for large models. Measured here (small CNN, 1,000 Fashion-MNIST photos, 20 epochs, 8 seeds; claims 6, 8, 12): BatchNorm lets SGD train at learning rate 0.1 (82.4 % vs 78.9 %); mixup lowers the validation loss in every seed but adds only ~0.8 points; flips and crops cost 1.9 points in this short training; the full stack lowers the loss, not the error.'],
  ['Text / sequences', 'Dropout (incl. embeddings), LayerNorm, weight decay (AdamW), gradient clipping; label smoothing. Measured here (GRU, 1,000 reviews, 6 epochs, 8 seeds): the mean validation loss falls rung by rung with LayerNorm → dropout → label smoothing (0.630 → 0.603 → 0.579 → 0.529) and the calibration error (0.139 → 0.077), but not the error rate (77.3 % → 77.4 % → 75.2 % → 75.0 %); synonym replacement raised accuracy to 81.4 % (claim 15).'],
  ['Very deep networks', 'Normalization layers, residual connections, gradient clipping, warm-up'],
  ['Noisy labels', 'Label smoothing, early stopping, mixup'],
  ['GAN discriminators / robustness', 'Spectral normalization, gradient penalties'],
];

export const TEXT_EXAMPLES = [
  'the plot is slow and the acting is weak',
  'a warm funny story with a great cast',
  'a good movie with a happy ending',
  'the food was cold and the service was bad',
  'the film was a delight from start to finish',
];

// [operation, name, strength]
export const TEXT_OPS = [
  ['synonym', 'Synonym replacement', 0.3],
  ['insert', 'Random insertion', 0.15],
  ['swap', 'Random swap', 0.15],
  ['delete', 'Random deletion', 0.15],
  ['back_translate', 'Back-translation (EN → FR → EN)', 1],
];
