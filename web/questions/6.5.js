// Lesson 6.5: its experiments' "Predict, then run" questions and its "Check yourself" set (the
// format: web/lesson_questions.js). A file per lesson, so the lab loads only the open lesson's
// (questions/load.js).
import { n3, larger } from './outcomes.js';

export const PREDICTIONS = {
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
};

export const CHECK_YOURSELF = {
  '6.5': [
    { q: 'LayerNorm computes its μ and σ² over…', choices: ['the batch, one feature at a time', 'the features of each sample, on its own', 'the whole training set'], answer: 1,
      why: 'Per sample, over its H features: the same computation in training and evaluation, for any batch size.' },
    { q: 'Why does BatchNorm struggle at batch size 2?', choices: ['Statistics from two samples are very noisy, and the running averages used at evaluation differ from what training normalized with', 'It needs more epochs to start', 'It cannot be used with Adam'], answer: 0,
      why: 'The normalization itself becomes a strong random perturbation, and the train/evaluation mismatch grows as the batch shrinks.' },
    { q: 'Which normalization do Transformers and recurrent networks usually use?', choices: ['BatchNorm', 'LayerNorm', 'Neither'], answer: 1,
      why: 'Their batches are often small and their sequences vary in length; LayerNorm does not depend on the other samples (Ba, Kiros & Hinton, 2016).' },
  ],
};
