// Lesson 6.4: its experiments' "Predict, then run" questions and its "Check yourself" set (the
// format: web/lesson_questions.js). A file per lesson, so the lab loads only the open lesson's
// (questions/load.js).
import { n3, pct, epochs } from './outcomes.js';

export const PREDICTIONS = {
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
  // The CNN experiments on Fashion-MNIST: the answer is the claims rules' own verdict on this
  // page's runs (outcome's `verdict(ruleId)`, claims/rules/6.4.js), never a second rule; `expected`
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
};

export const CHECK_YOURSELF = {
  '6.4': [
    { q: 'During training, BatchNorm normalizes a feature with…', choices: ['the running averages of μ and σ²', 'the mean and variance of the current minibatch', 'fixed values 0 and 1'], answer: 1,
      why: 'Training uses the minibatch statistics (and updates the running averages); evaluation uses the running averages, so a prediction does not depend on the other samples.' },
    { q: 'What are γ and β for?', choices: ['They let the network rescale and shift the normalized value, even undo the normalization where that helps', 'They set a learning rate per layer', 'They count the batches seen'], answer: 0,
      why: 'y = γx̂ + β: with γ = σ and β = μ the layer would give back its input, so normalizing costs the network no expressive power.' },
    { q: 'Why can a deep network with BatchNorm train at a higher learning rate?', choices: ['Each layer\'s inputs keep a steady scale while the layers below change, so a step of the same size does not blow up the layers above', 'BatchNorm clips the gradients', 'BatchNorm removes the need for a loss function'], answer: 0,
      why: 'Without normalization a change in an early layer rescales everything after it; with it, the scale each layer sees stays put (Ioffe & Szegedy, 2015).' },
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
};
