// "Predict, then run" and "Check yourself" for the lessons 6.1–6.9 (views/predict.js and
// views/check_yourself.js show them). A prediction belongs to a lesson's experiment (preset): it
// names the runs it compares, and `outcome(runs)` reads what happened from those runs' own
// numbers (runs: label → summary of state/summary.js plus `state`), returning the choice that
// happened and why, with the numbers. `expected` is what the course teaches; when a run shows
// otherwise, the page says what the numbers show and points to the multi-seed measurement
// (web/claims/report.json, the claims page) instead of pretending.

const n3 = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : Number(v.toPrecision(3)).toString());
const pct = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(100 * v).toFixed(1)} %`);
const epochs = (v) => (v === Infinity || v === null || v === undefined ? 'never' : `${v}`);

// Which of two numbers is clearly larger: 'a', 'b' or 'same' (relative margin `by`).
function larger(a, b, by = 0.1) {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return 'same';
  const scale = Math.max(Math.abs(a), Math.abs(b), 1e-9);
  if (Math.abs(a - b) <= by * scale) return 'same';
  return a > b ? 'a' : 'b';
}

// Label smoothing, ε = 0 against ε = 0.1: the lower ECE is the better calibrated (20 % margin);
// `context` says what the seeds measured in that setting.
function smoothingOutcome(r, context) {
  const p = r['ε = 0'], s = r['ε = 0.1'];
  const w = larger(p.ece, s.ece, 0.2);
  return {
    answer: w === 'a' ? 'smooth' : w === 'b' ? 'plain' : 'same',
    why: `ECE ${n3(p.ece)} without smoothing, ${n3(s.ece)} with it; mean confidence ${pct(p.meanConfidence)} and ${pct(s.meanConfidence)} at validation accuracy ${pct(p.valAcc)} and ${pct(s.valAcc)}.${context}`,
  };
}

export const PREDICTIONS = {
  '6.1': {
    question: 'The small network [8] and the large one [128, 128] train on the same 60 noisy points for 300 epochs. Which one will end with the larger generalization gap (validation loss minus training loss)?',
    choices: [['large', 'The large network'], ['small', 'The small network'], ['same', 'About the same']],
    runs: ['small [8]', 'large [128,128]'],
    expected: 'large',
    outcome: (r) => {
      const s = r['small [8]'], l = r['large [128,128]'];
      const w = larger(l.gap, s.gap, 0.2);
      return {
        answer: w === 'a' ? 'large' : w === 'b' ? 'small' : 'same',
        why: `Large: training loss ${n3(l.trainLoss)}, validation loss ${n3(l.valLoss)} (gap ${n3(l.gap)}); small: ${n3(s.trainLoss)} and ${n3(s.valLoss)} (gap ${n3(s.gap)}). With far more parameters than training points, the large network can fit the label noise itself: its training loss keeps falling while its validation loss turns and climbs. The small network cannot memorize 60 points, so its two curves stay close.`,
      };
    },
  },
  '6.2': {
    question: 'Compared with the run without a penalty, what will L2 with λ = 0.01 do to the weights?',
    choices: [['shrink', 'Make them smaller overall (a lower ‖W‖)'], ['zeros', 'Set many of them to exactly zero'], ['same', 'Leave them about the same']],
    runs: ['none', 'L2 λ=0.01', 'L1 λ=0.01'],
    expected: 'shrink',
    outcome: (r) => {
      const none = r.none, l2 = r['L2 λ=0.01'], l1 = r['L1 λ=0.01'];
      const answer = (l2.zeroFraction ?? 0) > 0.05 ? 'zeros' : larger(none.weightNorm, l2.weightNorm, 0.2) === 'a' ? 'shrink' : 'same';
      return {
        answer,
        why: `‖W‖: ${n3(none.weightNorm)} without a penalty, ${n3(l2.weightNorm)} with L2; exact zeros with L2: ${pct(l2.zeroFraction)}. The L2 gradient λw pulls each weight towards zero in proportion to its size: large weights shrink most, small ones hardly move, so they become small but not zero (the histograms narrow). Exact zeros come from L1's proximal step, which subtracts a constant and stops at zero (L1 run: ${pct(l1.zeroFraction)} exactly zero).`,
      };
    },
  },
  '6.2-decay': {
    question: 'Adam with an L2 penalty λ = 0.01 and AdamW with weight decay 0.01: will the two runs end with the same weights?',
    choices: [['same', 'Yes: an L2 penalty and weight decay are the same thing'], ['differ', 'No: their weight norms will differ']],
    runs: ['Adam + L2', 'AdamW'],
    expected: 'differ',
    outcome: (r) => {
      const a = r['Adam + L2'], w = r.AdamW;
      return {
        answer: larger(a.weightNorm, w.weightNorm, 0.05) === 'same' ? 'same' : 'differ',
        why: `‖W‖: ${n3(a.weightNorm)} with Adam + L2, ${n3(w.weightNorm)} with AdamW (gaps ${n3(a.gap)} and ${n3(w.gap)}). With plain SGD the two are the same update, w ← (1 − ηλ)w − η∇L. In Adam the penalty's gradient λw joins the loss gradient and is divided by Adam's running scale √v̂, so each weight is decayed by a different amount — weights with large past gradients hardly at all. AdamW shrinks every weight by the same factor outside the adaptive step. Same λ, different updates, different weights; which generalizes better depends on the task.`,
      };
    },
  },
  '6.3': {
    question: 'A large network on 100 noisy points, with and without dropout 0.5 on both hidden layers. Which run will end with the smaller generalization gap?',
    choices: [['dropout', 'The dropout run'], ['none', 'The run without dropout'], ['same', 'About the same']],
    runs: ['no dropout', 'dropout 0.5'],
    expected: 'dropout',
    outcome: (r) => {
      const a = r['no dropout'], d = r['dropout 0.5'];
      const w = larger(a.gap, d.gap, 0.2);
      return {
        answer: w === 'a' ? 'dropout' : w === 'b' ? 'none' : 'same',
        why: `Gap without dropout ${n3(a.gap)} (validation loss ${n3(a.valLoss)}), with dropout ${n3(d.gap)} (validation loss ${n3(d.valLoss)}). Each minibatch trains a different thinned network, so no unit can rely on particular partners to memorize a noisy point; the full network at evaluation acts like an average of the thinned ones. The size of the effect varies from seed to seed — the claims page measures it over 8 seeds.`,
      };
    },
  },
  '6.3-mc': {
    question: 'With dropout kept on at prediction time, the dropout run makes 30 predictions of the same curve. What will they look like?',
    choices: [['band', 'They spread into a band: each pass differs'], ['same', 'They are identical']],
    runs: ['dropout 0.2'],
    expected: 'band',
    outcome: (r) => {
      const d = r['dropout 0.2'];
      return {
        answer: (d.mcStd ?? 0) > 0.01 ? 'band' : 'same',
        why: `Mean standard deviation of the 30 passes: ${n3(d.mcStd)}. Every pass with dropout on draws a new mask, so it is a different thinned network and gives a different curve; their spread is Monte-Carlo dropout's estimate of the model's uncertainty, widest where there is no training data. In evaluation mode dropout is off and the curve is the same every time.`,
      };
    },
  },
  '6.4': {
    question: 'A five-layer network with plain SGD at learning rate 0.1. Which runs will reach the target training loss in fewer epochs?',
    choices: [['bn', 'The runs with BatchNorm'], ['plain', 'The run without BatchNorm'], ['same', 'All about the same']],
    runs: ['no BN', 'BN pre-activation', 'BN post-activation'],
    expected: 'bn',
    outcome: (r) => {
      const p = r['no BN'].epochsToTarget, a = r['BN pre-activation'].epochsToTarget, b = r['BN post-activation'].epochsToTarget;
      const bn = Math.min(a ?? Infinity, b ?? Infinity), plain = p ?? Infinity;
      const answer = bn === plain || (Number.isFinite(bn) && Number.isFinite(plain) && Math.abs(bn - plain) <= 0.1 * Math.max(bn, plain)) ? 'same' : bn < plain ? 'bn' : 'plain';
      return {
        answer,
        why: `Epochs to the target loss: ${epochs(p)} without BatchNorm, ${epochs(a)} with BN before the activation, ${epochs(b)} after it. Normalizing each layer's inputs over the minibatch keeps their scale steady while the layers below change, so a step of the same size does not throw the later layers off: the deep network tolerates a larger learning rate and its loss falls sooner.`,
      };
    },
  },
  '6.5': {
    question: 'At batch size 2, which normalization will end with the lower validation loss?',
    choices: [['ln', 'LayerNorm'], ['bn', 'BatchNorm'], ['same', 'About the same']],
    runs: ['BN · batch 2', 'LN · batch 2'],
    expected: 'ln',
    outcome: (r) => {
      const b = r['BN · batch 2'], l = r['LN · batch 2'];
      const w = larger(b.valLoss, l.valLoss, 0.1);
      return {
        answer: w === 'a' ? 'ln' : w === 'b' ? 'bn' : 'same',
        why: `Validation loss at batch 2: BatchNorm ${n3(b.valLoss)}, LayerNorm ${n3(l.valLoss)}. BatchNorm estimates each feature's mean and variance from the two samples of the batch: very noisy, and at evaluation the running averages differ from the statistics training saw. LayerNorm normalizes each sample over its own features, so its normalization does not depend on the batch (its training still does, through the gradient noise).`,
      };
    },
  },
  '6.5-batch1': {
    question: 'What will happen to the BatchNorm run with batch size 1?',
    choices: [['refused', 'It cannot train: a batch of one cannot be normalized'], ['trains', 'It trains like the LayerNorm run']],
    runs: ['BN · batch 1', 'LN · batch 1'],
    expected: 'refused',
    outcome: (r) => {
      const b = r['BN · batch 1'], l = r['LN · batch 1'];
      return {
        answer: b.state === 'error' ? 'refused' : 'trains',
        why: `BatchNorm run: ${b.state === 'error' ? 'refused by the engine' : `${b.epochs} epochs`}; LayerNorm run: ${l.epochs} epochs, validation loss ${n3(l.valLoss)}. With one sample, the batch mean is the sample itself: x − μ_B = 0 for every feature and the batch variance is 0, so every normalized value is 0 and the layer passes on nothing. LayerNorm normalizes over the features of the one sample, which works at any batch size.`,
      };
    },
  },
  '6.6': {
    question: 'The same large network, once trained for all 300 epochs and once with early stopping (patience 20, best weights restored). Which will end with the lower validation loss?',
    choices: [['es', 'The early-stopping run'], ['full', 'The run trained for all 300 epochs'], ['same', 'About the same']],
    runs: ['no early stopping', 'patience 20'],
    expected: 'es',
    outcome: (r) => {
      const f = r['no early stopping'], e = r['patience 20'];
      const w = larger(f.valLoss, e.valLoss, 0.1);
      return {
        answer: w === 'a' ? 'es' : w === 'b' ? 'full' : 'same',
        why: `Early stopping ended at epoch ${e.epochs} with the weights of its best epoch ${e.bestEpoch ?? '—'} (validation loss ${n3(e.valLoss)}); the full run went on to epoch ${f.epochs}, and its validation loss rose from its best ${n3(f.bestValLoss)} to ${n3(f.valLoss)} while it fit the noise of the training set. Early stopping keeps the weights from the point where validation loss was lowest.`,
      };
    },
  },
  '6.7': {
    question: 'On 200 training images of 8×8 digits: which run will end with the best validation accuracy?',
    choices: [['none', 'No augmentation'], ['aug', 'Shift / rotate / zoom'], ['mix', 'Mixup or CutMix'], ['tie', 'All within about a point of each other']],
    runs: ['none', 'shift/rotate/zoom', 'mixup α=0.2', 'CutMix α=1'],
    outcome: (r) => {
      const acc = { none: r.none.valAcc, aug: r['shift/rotate/zoom'].valAcc, mixup: r['mixup α=0.2'].valAcc, cutmix: r['CutMix α=1'].valAcc };
      const vals = Object.values(acc).filter(Number.isFinite);
      const best = Object.entries(acc).sort((a, b) => (b[1] ?? -1) - (a[1] ?? -1))[0][0];
      const answer = Math.max(...vals) - Math.min(...vals) <= 0.01 ? 'tie' : best === 'mixup' || best === 'cutmix' ? 'mix' : best;
      return {
        answer,
        why: `Validation accuracy: none ${pct(acc.none)}, shift/rotate/zoom ${pct(acc.aug)}, mixup ${pct(acc.mixup)}, CutMix ${pct(acc.cutmix)}; gap none ${n3(r.none.gap)} vs augmented ${n3(r['shift/rotate/zoom'].gap)}. Augmentation makes the training task harder, so the training loss cannot reach zero and the gap narrows. Whether validation accuracy rises depends on whether the changes keep the label and resemble the test images: on 8×8 digits a one-pixel shift or a 10° turn is a large change, and the plain network is already strong, so accuracy often does not rise (the claims page measures this over 8 seeds).`,
      };
    },
  },
  '6.8': {
    question: 'Label smoothing ε = 0.1 on digits. Which run will be better calibrated — a lower ECE, confidence closer to accuracy?',
    choices: [['smooth', 'The run with label smoothing'], ['plain', 'The run without it'], ['same', 'About the same']],
    runs: ['ε = 0', 'ε = 0.1'],
    outcome: (r) => smoothingOutcome(r, ' Smoothing trains the true class towards 0.91 instead of 1, so confidence drops. That helps a network that is over-confident; a network that is already calibrated becomes under-confident (confidence below accuracy), which raises its ECE — what the claims page measured on digits.'),
  },
  '6.8-clip': {
    question: 'Plain SGD at learning rate 2 on a three-layer network. What will happen to the run without gradient clipping?',
    choices: [['diverge', 'Its loss blows up (it diverges)'], ['slow', 'It trains, just more slowly'], ['fine', 'It trains as well as the clipped run']],
    runs: ['no clipping', 'clip ‖g‖ ≤ 1'],
    expected: 'diverge',
    outcome: (r) => {
      const n = r['no clipping'], c = r['clip ‖g‖ ≤ 1'];
      const answer = n.diverged || n.state === 'diverged' ? 'diverge' : larger(n.valLoss, c.valLoss, 0.2) === 'a' ? 'slow' : 'fine';
      return {
        answer,
        why: `Without clipping: ${n.diverged || n.state === 'diverged' ? `diverged at epoch ${n.epochs}` : `validation loss ${n3(n.valLoss)}`}, largest gradient norm ${n3(n.maxGradNormPreClip)}. With clipping: validation accuracy ${pct(c.valAcc)}, largest norm before clipping ${n3(c.maxGradNormPreClip)}. At learning rate 2 one large gradient throws the weights far away, where the next gradient is larger still. Clipping rescales any gradient longer than θ = 1 to length 1 (its direction kept), so no step is longer than lr · θ.`,
      };
    },
  },
  '6.8-spectral': {
    question: 'After training, what will the largest singular value σ(W) of the plain run\'s layers be?',
    choices: [['above', 'Well above 1'], ['one', 'About 1, like the spectral-norm run']],
    runs: ['plain', 'spectral norm'],
    expected: 'above',
    outcome: (r) => {
      const p = r.plain, s = r['spectral norm'];
      return {
        answer: (p.maxSigma ?? 0) > 1.5 ? 'above' : 'one',
        why: `Largest σ(W): ${n3(p.maxSigma)} in the plain run, ${n3(s.maxSigma)} with spectral normalization. Nothing limits the plain run's weights, and fitting the data makes some directions grow. Spectral normalization divides each W by its estimated σ at every step, so each layer stretches its input by at most about 1; the one-step power-iteration estimate lags the moving weights a little, so σ can sit slightly above 1 during training.`,
      };
    },
  },
  '6.9': {
    question: 'The ladder adds dropout, weight decay, BatchNorm, augmentation and early stopping to a baseline, one rung at a time, on 200 training digits. How much will the top rung beat the baseline on validation accuracy?',
    choices: [['clear', 'By more than 2 points'], ['small', 'By 2 points or less, either way'], ['worse', 'It will be more than 2 points worse']],
    runs: ['baseline', '+ early stopping'],
    outcome: (r) => {
      const b = r.baseline, t = r['+ early stopping'];
      const d = (t.valAcc ?? 0) - (b.valAcc ?? 0);
      return {
        answer: d > 0.02 ? 'clear' : d < -0.02 ? 'worse' : 'small',
        why: `Validation accuracy: baseline ${pct(b.valAcc)}, top rung ${pct(t.valAcc)} (${d >= 0 ? '+' : ''}${(100 * d).toFixed(1)} points); validation loss ${n3(b.valLoss)} → ${n3(t.valLoss)}. With 200 training digits the baseline is already strong; each rung adds a little, and accuracy differences of a few validation images change sign from seed to seed (the claims page measures the ladder over 8 seeds). The validation loss is the steadier sign of what the stack adds.`,
      };
    },
  },
  // The CNN experiments on Fashion-MNIST: the answer is the claims rules' own verdict on this
  // page's runs (outcome's `verdict(ruleId)`, claims/rules.js), never a second rule; `expected`
  // is what the claims suite measured over 8 seeds (web/claims/report.json).
  '6.4-cnn': {
    question: 'A small CNN trained with SGD and momentum at learning rate 0.1, with and without batch norm after each convolution. After 15 epochs, which will have the lower training loss?',
    choices: [['bn', 'The run with batch norm'], ['plain', 'The run without batch norm']],
    runs: ['no BN · lr 0.1', 'BN · lr 0.1'],
    expected: 'bn',
    outcome: (r, verdict) => {
      const p = r['no BN · lr 0.1'], b = r['BN · lr 0.1'], low = r['no BN · lr 0.01'];
      const fast = verdict('6/cnn-high-lr'), acc = verdict('6/cnn-acc');
      return {
        answer: fast.ok ? 'bn' : 'plain',
        why: `Training loss after ${b.epochs} epochs: ${n3(b.trainLoss)} with batch norm, ${n3(p.trainLoss)} without (epochs to the target loss 0.5: ${epochs(b.epochsToTarget)} and ${epochs(p.epochsToTarget)}${low ? `; the plain net at its usual learning rate 0.01: training loss ${n3(low.trainLoss)}` : ''}). Validation accuracy: ${pct(acc.row.cnnAccBN)} with batch norm, ${pct(acc.row.cnnAccNoBN)} without — ${acc.ok ? 'higher with batch norm in this run' : 'not higher with batch norm in this run'}. Over the claims suite's 8 seeds the batch-norm run trained faster in almost every seed, while its validation accuracy was higher by a few points in most seeds but not all: compare with “What to look for” and the claims page.`,
      };
    },
  },
  '6.7-images': {
    question: 'A small CNN on 1,000 Fashion-MNIST photos. Compared with no augmentation, what will random flips and crops do to validation accuracy?',
    choices: [['raise', 'Raise it'], ['not', 'Not raise it (about the same or lower)']],
    runs: ['none', 'flip + crop', 'mixup α=0.2', 'CutMix α=1'],
    expected: 'not',
    outcome: (r, verdict) => {
      const none = r.none, aug = r['flip + crop'];
      const acc = verdict('8/img-aug-acc'), mix = verdict('8/img-mixup-acc'), cut = verdict('8/img-cutmix-acc'), mixLoss = verdict('8/img-mixup-loss');
      return {
        answer: acc.ok ? 'raise' : 'not',
        why: `Validation accuracy: ${pct(acc.row.imgAccNone)} without augmentation, ${pct(acc.row.imgAccAug)} with flip + crop, ${pct(mix.row.imgAccMixup)} with mixup, ${pct(cut.row.imgAccCutmix)} with CutMix. Validation loss: ${n3(mixLoss.row.imgLossNone)} without, ${n3(mixLoss.row.imgLossMixup)} with mixup. Training loss: ${n3(none.trainLoss)} without, ${n3(aug.trainLoss)} with flip + crop. Over the claims suite's 8 seeds, flip + crop lowered the mean validation accuracy here, mixup raised it a little and lowered the validation loss in every seed, and CutMix was about even with no augmentation. An augmentation is a measured choice, not a sure gain.`,
      };
    },
  },
  '6.9-images': {
    question: 'A small CNN on 1,000 Fashion-MNIST photos. Compared with the baseline, what will the full stack (dropout, weight decay, batch norm, augmentation, early stopping) do on the validation set?',
    choices: [['both', 'Lower the loss and raise accuracy'], ['loss', 'Lower the loss only'], ['acc', 'Raise accuracy only'], ['neither', 'Neither']],
    runs: ['baseline', '+ early stopping'],
    expected: 'loss',
    outcome: (r, verdict) => {
      const acc = verdict('12/img-top-beats-baseline'), loss = verdict('12/img-loss');
      return {
        answer: acc.ok && loss.ok ? 'both' : loss.ok ? 'loss' : acc.ok ? 'acc' : 'neither',
        why: `Validation accuracy: baseline ${pct(acc.row.img0)}, full stack ${pct(acc.row.img5)}; validation loss of the returned weights: ${n3(loss.row.imgLoss0)} → ${n3(loss.row.imgLoss5)}. Over the claims suite's 8 seeds the full stack lowered the validation loss in every seed but did not raise the mean validation accuracy: the loss also counts how confident each prediction is, so it can improve while the number of right answers stays about the same.`,
      };
    },
  },
  '6.5-text': {
    question: 'A small Transformer on bracket sequences of 2 to 32 tokens. Going from batch 32 to batch 2, whose validation loss will move more?',
    choices: [['bn', 'BatchNorm’s'], ['ln', 'LayerNorm’s'], ['same', 'About the same']],
    runs: ['LN · batch 2', 'BN · batch 2', 'LN · batch 32', 'BN · batch 32'],
    outcome: (r, verdict) => {
      const v = verdict('14/batch-size');
      const { bnShift, lnShift } = v.row;
      const w = larger(bnShift, lnShift, 0.25);
      return {
        answer: w === 'a' ? 'bn' : w === 'b' ? 'ln' : 'same',
        why: `From batch 32 to batch 2 the validation loss moved by ${n3(bnShift)} with BatchNorm and by ${n3(lnShift)} with LayerNorm. Over the claims suite's 8 seeds BatchNorm did not move more (0.057 against 0.087; more in only 2 of 8 seeds): at batch 2 a run takes 16 times more, noisier steps, and that moves both norms. Where BatchNorm did fall behind is length: its loss grew more from the shorter to the longer half of the sequences (7 of 8 seeds), because its statistics mix tokens of every position and length, while LayerNorm normalizes each token on its own.`,
      };
    },
  },
  '6.7-text': {
    question: 'A GRU on 1,000 short reviews. Compared with no augmentation, what will synonym replacement do to validation accuracy?',
    choices: [['raise', 'Raise it'], ['not', 'Not raise it (about the same or lower)']],
    runs: ['none', 'synonym', 'back-translation', 'all'],
    expected: 'raise',
    outcome: (r, verdict) => {
      const syn = verdict('15/synonym-acc'), bt = verdict('15/bt-acc'), all = verdict('15/all-acc');
      return {
        answer: syn.ok ? 'raise' : 'not',
        why: `Validation accuracy: ${pct(syn.row.accNone)} without augmentation, ${pct(syn.row.accSyn)} with synonym replacement, ${pct(bt.row.accBT)} with back-translation, ${pct(all.row.accAll)} with all five operations. Over the claims suite's 8 seeds synonym replacement raised the mean by 4.2 points (6 of 8 seeds) and back-translation by 2.4 (7 of 8), while all five together lowered it by 3.2: random swaps and deletions break negations ("not good") and contrasts ("but"), which decide a review's label. A synonym that never occurs in the training split stays an unknown word, augmented or not.`,
      };
    },
  },
  '6.8-text': {
    question: 'The same GRU on reviews, with label smoothing ε = 0.1. Which run will be better calibrated — a lower ECE, confidence closer to accuracy?',
    choices: [['smooth', 'The run with label smoothing'], ['plain', 'The run without it'], ['same', 'About the same']],
    runs: ['ε = 0', 'ε = 0.1'],
    outcome: (r) => smoothingOutcome(r, ' Over 8 seeds the GRU without smoothing was over-confident (90.5 % confidence at 77.3 % accuracy, ECE 0.139); ε = 0.1 brought the ECE to 0.080 and lowered the validation loss in all 8 seeds, at about the same accuracy.'),
  },
  '6.9-text': {
    question: 'The GRU on 1,000 reviews, with LayerNorm, dropout and label smoothing added one by one. Compared with the baseline, what will the full stack do on the validation set?',
    choices: [['both', 'Lower the loss and raise accuracy'], ['loss', 'Lower the loss only'], ['acc', 'Raise accuracy only'], ['neither', 'Neither']],
    runs: ['baseline', '+ label smoothing'],
    expected: 'loss',
    outcome: (r) => {
      const b = r.baseline, t = r['+ label smoothing'];
      const lossDown = larger(b.valLoss, t.valLoss, 0.05) === 'a';
      const accUp = Number.isFinite(b.valAcc) && Number.isFinite(t.valAcc) && t.valAcc - b.valAcc > 0.005;
      return {
        answer: lossDown && accUp ? 'both' : lossDown ? 'loss' : accUp ? 'acc' : 'neither',
        why: `Validation loss ${n3(b.valLoss)} → ${n3(t.valLoss)}, accuracy ${pct(b.valAcc)} → ${pct(t.valAcc)}. Over 8 seeds the stack lowered the validation loss (0.630 → 0.529, in all 8) and the calibration error (0.139 → 0.077), but accuracy fell from 77.3 % to 75.0 %: in 6 epochs dropout costs some fit. The stack buys better-calibrated probabilities here, not more right answers.`,
      };
    },
  },
};

// Three questions per lesson, each with the right choice and why.
export const CHECK_YOURSELF = {
  '6.1': [
    { q: 'Training loss keeps falling while validation loss rises. What is happening?', choices: ['Underfitting: the model is too simple', 'Overfitting: the model fits noise of the training set', 'The learning rate is too small'], answer: 1,
      why: 'A falling training loss with a rising validation loss means the model is learning things about the training set that do not hold for new data — its noise. Underfitting would show both losses high.' },
    { q: 'Which change lowers the variance of a model (in the bias–variance sense)?', choices: ['A larger network on the same data', 'More training data from the same source', 'Training for more epochs'], answer: 1,
      why: 'Variance is how much the fitted function moves from one training set to the next. More data pins each fit down, so fits agree more. A larger network or longer training usually raises variance.' },
    { q: 'In E[(y − f̂(x))²] = bias² + variance + σ², what is σ²?', choices: ['The part a better model can still remove', 'The noise in the labels, which no model can remove', 'The generalization gap'], answer: 1,
      why: 'σ² is the variance of the noise around the true function: even the true function itself makes that error, so it is a floor for every model.' },
  ],
  '6.2': [
    { q: 'Why does L1 with the proximal step give exact zeros while L2 does not?', choices: ['L1 pulls with a constant strength λ whatever the weight\'s size, and the soft threshold stops at zero; L2\'s pull λw vanishes as w approaches zero', 'L2 is always weaker than L1', 'L1 uses a larger learning rate'], answer: 0,
      why: 'The proximal L1 step is w ← sign(w)·max(|w| − ηλ, 0): any weight smaller than ηλ lands exactly on 0 and stays there unless the data pull it out. L2 multiplies w by (1 − ηλ): small, never zero.' },
    { q: 'With plain SGD, an L2 penalty (λ/2)‖w‖² and weight decay w ← (1 − ηλ)w are…', choices: ['the same update', 'different: weight decay is stronger', 'different: the penalty also acts on the data gradient'], answer: 0,
      why: 'The penalty\'s gradient is λw, so the SGD step −η(∇L + λw) = (1 − ηλ)w − η∇L: exactly weight decay.' },
    { q: 'Why are they different with Adam?', choices: ['Adam divides the penalty\'s gradient λw by its per-weight scale √v̂, so weights with large past gradients are barely decayed; AdamW decays every weight by the same factor outside the adaptive step', 'Adam ignores penalties', 'AdamW has no learning rate'], answer: 0,
      why: 'In Adam the regularizer passes through the same normalization as the loss gradient; decoupling it (AdamW, Loshchilov & Hutter) restores a uniform shrinkage.' },
  ],
  '6.3': [
    { q: 'With inverted dropout (p = 0.5) during training, what happens at evaluation?', choices: ['Activations are multiplied by 0.5', 'Nothing: dropout is off, and no rescaling is needed because training already divided the kept units by 1 − p', 'Units keep being dropped at random'], answer: 1,
      why: 'Dividing by 1 − p in training keeps each unit\'s expected activation equal to its value without dropout, so the evaluation network is used as it is.' },
    { q: 'Why does dropout reduce overfitting?', choices: ['It permanently removes half of the units', 'No unit can rely on particular partners, which discourages co-adapted features that fit noise; the full network acts like an average of many thinned networks', 'It lowers the learning rate'], answer: 1,
      why: 'Srivastava et al. (2014) describe dropout as training an exponential family of thinned networks that share weights, and averaging them at test time.' },
    { q: 'Where is the MC-dropout spread widest?', choices: ['Where the training points are densest', 'Away from the training data, where the thinned networks disagree', 'Everywhere the same'], answer: 1,
      why: 'Near training points every thinned network has been pushed to fit them; where there are none, nothing ties them together, so their predictions differ most.' },
  ],
  '6.4': [
    { q: 'During training, BatchNorm normalizes a feature with…', choices: ['the running averages of μ and σ²', 'the mean and variance of the current minibatch', 'fixed values 0 and 1'], answer: 1,
      why: 'Training uses the minibatch statistics (and updates the running averages); evaluation uses the running averages, so a prediction does not depend on the other samples.' },
    { q: 'What are γ and β for?', choices: ['They let the network rescale and shift the normalized value, even undo the normalization where that helps', 'They set a learning rate per layer', 'They count the batches seen'], answer: 0,
      why: 'y = γx̂ + β: with γ = σ and β = μ the layer would give back its input, so normalizing costs the network no expressive power.' },
    { q: 'Why can a deep network with BatchNorm train at a higher learning rate?', choices: ['Each layer\'s inputs keep a steady scale while the layers below change, so a step of the same size does not blow up the layers above', 'BatchNorm clips the gradients', 'BatchNorm removes the need for a loss function'], answer: 0,
      why: 'Without normalization a change in an early layer rescales everything after it; with it, the scale each layer sees stays put (Ioffe & Szegedy, 2015).' },
  ],
  '6.5': [
    { q: 'LayerNorm computes its μ and σ² over…', choices: ['the batch, one feature at a time', 'the features of each sample, on its own', 'the whole training set'], answer: 1,
      why: 'Per sample, over its H features: the same computation in training and evaluation, for any batch size.' },
    { q: 'Why does BatchNorm struggle at batch size 2?', choices: ['Statistics from two samples are very noisy, and the running averages used at evaluation differ from what training normalized with', 'It needs more epochs to start', 'It cannot be used with Adam'], answer: 0,
      why: 'The normalization itself becomes a strong random perturbation, and the train/evaluation mismatch grows as the batch shrinks.' },
    { q: 'Which normalization do Transformers and recurrent networks usually use?', choices: ['BatchNorm', 'LayerNorm', 'Neither'], answer: 1,
      why: 'Their batches are often small and their sequences vary in length; LayerNorm does not depend on the other samples (Ba, Kiros & Hinton, 2016).' },
  ],
  '6.6': [
    { q: 'Early stopping watches…', choices: ['the training loss', 'a validation metric', 'the weight norm'], answer: 1,
      why: 'The training loss keeps falling while a network overfits; only data the network does not train on shows when it starts to generalize worse.' },
    { q: 'What does patience 20 mean?', choices: ['Train exactly 20 epochs', 'Stop once the validation loss has not improved for 20 epochs in a row', 'Train 20 epochs more than planned'], answer: 1,
      why: 'Patience tolerates the noise of the validation curve: a single worse epoch does not end training. With "restore best" the weights of the best epoch come back.' },
    { q: 'Why is early stopping compared with L2?', choices: ['For a quadratic loss and gradient descent, stopping after t steps acts roughly like an L2 penalty with λ ≈ 1/(ηt): both limit how far the weights move', 'Both set weights to exactly zero', 'Both change the training data'], answer: 0,
      why: 'Early stopping keeps the weights near where they started (an L2 pull towards the initial weights); L2 pulls them towards zero. Similar effect, different mechanism — the claims page measures both.' },
  ],
  '6.7': [
    { q: 'What makes a good data augmentation?', choices: ['It changes the input but keeps its label true', 'It adds random labels', 'It makes every image larger'], answer: 0,
      why: 'Augmentation teaches invariances: a shifted 7 is still a 7. A change that can turn one class into another (a 6 turned into a 9) teaches the wrong thing.' },
    { q: 'Mixup trains on…', choices: ['a blend λx_i + (1 − λ)x_j with the same blend of the labels, λ ~ Beta(α, α)', 'two images placed side by side', 'one of two images picked at random'], answer: 0,
      why: 'Zhang et al. (2018): blending inputs and labels linearly encourages the network to behave linearly between training examples. CutMix pastes a patch instead and mixes the labels by area.' },
    { q: 'Augmentation narrows the gap, yet validation accuracy does not rise. How can that be?', choices: ['The training task got harder (so training loss rises and the gap narrows), but the changes do not make the network better at the validation images — too strong for 8×8 digits, or unlike them', 'Augmentation always lowers accuracy', 'The gap was measured on the wrong set'], answer: 0,
      why: 'A narrower gap can come from a higher training loss rather than a lower validation loss. Look at the validation numbers themselves.' },
  ],
  '6.8': [
    { q: 'With label smoothing ε = 0.1 and 10 classes, the target probability of the true class is…', choices: ['1', '0.91 (1 − ε + ε/K)', '0.1'], answer: 1,
      why: 'Every class receives ε/K = 0.01 and the true class keeps 1 − ε on top: 0.9 + 0.01 = 0.91 (the convention of PyTorch\'s cross_entropy).' },
    { q: 'Clipping the gradient norm at θ…', choices: ['rescales the whole gradient to length θ when it is longer, keeping its direction', 'sets every component larger than θ to θ', 'lowers the learning rate for the rest of training'], answer: 0,
      why: 'g ← g · min(1, θ/‖g‖): a long gradient is shortened as a whole, so the step still points downhill. Clipping each component (by value) would change the direction.' },
    { q: 'Spectral normalization divides W by σ(W). What does that bound?', choices: ['How much the layer can stretch its input: at most a factor 1 (Lipschitz ≤ 1 for its linear part)', 'The number of non-zero weights', 'The learning rate'], answer: 0,
      why: 'σ(W) is the largest factor by which W can lengthen a vector; W/σ(W) has largest singular value 1 (Miyato et al., 2018).' },
  ],
  '6.9': [
    { q: 'Why add the techniques one at a time?', choices: ['To see what each one adds beyond the ones before it', 'Because they cannot be combined', 'To train faster'], answer: 0,
      why: 'Techniques overlap: dropout, weight decay and early stopping all limit effective capacity, so the second one often adds less than it would alone. A ladder shows the increments.' },
    { q: 'Two rungs differ by half a point of validation accuracy in one run. What can you conclude?', choices: ['The better rung is better', 'Nothing clear yet: that is a few validation images, within the seed-to-seed spread — compare over several seeds', 'The worse rung overfits'], answer: 1,
      why: 'A different seed changes the initial weights, the minibatch order and the dropout masks; "Run 5 seeds" shows how far the numbers move.' },
    { q: 'Why is weight decay applied with AdamW in the ladder?', choices: ['Because with Adam, decoupled decay shrinks every weight by the same factor, while an L2 penalty is rescaled per weight by Adam', 'Because AdamW trains faster', 'Because Adam cannot train on digits'], answer: 0,
      why: 'That is lesson 6.2\'s comparison: with adaptive optimizers the two are not the same, and decoupled decay is the one that acts as intended.' },
  ],
  // The CNN experiments have their own set (views/check_yourself.js: a preset's set, else its
  // lesson's). The numbers are the claims suite's means over 8 seeds (web/claims/report.json).
  '6.4-cnn': [
    { q: 'Over 8 seeds, after 15 epochs at learning rate 0.1, the mean training loss was 0.025 with batch norm and 0.17 without. What did validation accuracy do?', choices: ['It rose by as much: from about 79 % to nearly 100 %', 'It rose by a few points: about 78.9 % → 82.4 %, higher with batch norm in 6 of the 8 seeds', 'It fell'], answer: 1,
      why: 'Training loss measures the fit to the 1,000 training photos; validation accuracy counts right answers on photos the network has not seen. A much lower training loss came with a gain of a few points in validation accuracy, not in every seed.' },
    { q: 'The reference run is the plain CNN at its usual learning rate 0.01. Over 8 seeds its training loss after 15 epochs was 0.31, against 0.025 for batch norm at 0.1. What does that comparison show?', choices: ['That batch norm only helps because 0.1 is a larger step', 'That batch norm at 0.1 trains further than the plain net at its usual learning rate too (lower training loss in all 8 seeds)', 'That learning rate 0.01 is too large'], answer: 1,
      why: 'If the speed came only from the larger step, the plain net at 0.1 would match batch norm; it reached 0.17 on average, and the plain net at 0.01 reached 0.31. With batch norm the network trained furthest of the three.' },
    { q: 'In a CNN, batch norm after a convolution normalizes each channel with a mean and variance taken over…', choices: ['the batch and every position of the feature map (N × H × W values per channel)', 'the channels of one pixel', 'the whole training set'], answer: 0,
      why: 'A convolution applies the same filter at every position, so each channel is one feature: its statistics are taken over the batch and all positions, with one γ and β per channel (Ioffe & Szegedy, 2015).' },
  ],
  '6.7-images': [
    { q: 'Over 8 seeds on 1,000 Fashion-MNIST photos, which run ended with the highest mean validation accuracy?', choices: ['No augmentation (82.2 %)', 'Flip + crop', 'Mixup', 'CutMix'], answer: 2,
      why: 'Mixup: 82.9 %. CutMix: 82.3 %, no augmentation: 82.2 %, flip + crop: 80.3 %. Mixup’s gain over no augmentation is under a point and held in 5 of the 8 seeds.' },
    { q: 'Flip + crop lowered the mean validation accuracy from 82.2 % to 80.3 % (higher in only 2 of 8 seeds). What follows?', choices: ['Augmentation never helps a CNN', 'This augmentation, at this strength, on this data, did not raise accuracy: whether one helps has to be measured', 'The 8 seeds must be wrong'], answer: 1,
      why: 'The measurement covers this network, these 1,000 photos and these settings. It does not say augmentation fails elsewhere, nor that it helps here: the numbers show it did not.' },
    { q: 'Mixup lowered the mean validation loss from 0.579 to 0.521 (in all 8 seeds) while accuracy rose by less than a point (5 of 8 seeds). How can the loss improve so much more clearly than accuracy?', choices: ['The loss also counts how confident each prediction is, so it can improve while the number of right answers hardly moves', 'The loss was measured on the training set', 'Accuracy and loss always move together'], answer: 0,
      why: 'Accuracy only counts whether the top class is right; the cross-entropy also penalizes confident wrong answers and rewards confident right ones. The two can move by different amounts.' },
  ],
  '6.9-images': [
    { q: 'Over 8 seeds the full stack lowered the mean validation loss from 0.579 to 0.498 (in all 8 seeds). What did it do to the mean validation accuracy?', choices: ['Raised it by several points', 'About the same: 82.2 % for the baseline, 81.7 % for the full stack (higher in only 3 of 8 seeds)', 'Lowered it by more than 5 points'], answer: 1,
      why: 'The stack’s clear effect here is on the validation loss; on accuracy the two are within the seed-to-seed spread.' },
    { q: 'Which rung lowered the mean validation accuracy the most?', choices: ['+ dropout', '+ weight decay', '+ augmentation (flip and shift): 82.4 % → 81.1 %'], answer: 2,
      why: 'The means per rung are 82.2 (baseline), 82.9 (+ dropout), 82.9 (+ weight decay), 82.4 (+ batch norm), 81.1 (+ augmentation) and 81.7 % (+ early stopping). The augmentation rung agrees with the flip + crop experiment of lesson 6.7 on the same photos.' },
    { q: 'What is the honest summary of this ladder?', choices: ['Regularization always raises accuracy', 'On these 1,000 photos the full stack gave a lower validation loss but not a higher accuracy; each rung’s effect has to be measured, over several seeds', 'Regularization made this network worse'], answer: 1,
      why: 'That is what the 8 seeds show. Whether the stack is worth it depends on what is needed: better-calibrated probabilities (lower loss) or more right answers.' },
  ],
};

// The prediction of an experiment: its own, else none (a lesson's other experiments compare
// other runs).
export function predictionFor(presetId) {
  return PREDICTIONS[presetId] ?? null;
}
