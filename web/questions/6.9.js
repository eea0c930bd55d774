// Lesson 6.9: its experiments' "Predict, then run" questions and its "Check yourself" set (the
// format: web/lesson_questions.js). A file per lesson, so the lab loads only the open lesson's
// (questions/load.js).
import { n3, pct, larger } from './outcomes.js';

export const PREDICTIONS = {
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
  // A CNN experiment on Fashion-MNIST: its answer is the claims rules' verdict (as 6.4-cnn's).
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

export const CHECK_YOURSELF = {
  '6.9': [
    { q: 'Why add the techniques one at a time?', choices: ['To see what each one adds beyond the ones before it', 'Because they cannot be combined', 'To train faster'], answer: 0,
      why: 'Techniques overlap: dropout, weight decay and early stopping all limit effective capacity, so the second one often adds less than it would alone. A ladder shows the increments.' },
    { q: 'Two rungs differ by half a point of validation accuracy in one run. What can you conclude?', choices: ['The better rung is better', 'Nothing clear yet: that is a few validation images, within the seed-to-seed spread — compare over several seeds', 'The worse rung overfits'], answer: 1,
      why: 'A different seed changes the initial weights, the minibatch order and the dropout masks; "Run 5 seeds" shows how far the numbers move.' },
    { q: 'Why is weight decay applied with AdamW in the ladder?', choices: ['Because with Adam, decoupled decay shrinks every weight by the same factor, while an L2 penalty is rescaled per weight by Adam', 'Because AdamW trains faster', 'Because Adam cannot train on digits'], answer: 0,
      why: 'That is lesson 6.2\'s comparison: with adaptive optimizers the two are not the same, and decoupled decay is the one that acts as intended.' },
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
