// Lesson 6.7: its experiments' "Predict, then run" questions and its "Check yourself" set (the
// format: web/lesson_questions.js). A file per lesson, so the lab loads only the open lesson's
// (questions/load.js).
import { n3, pct } from './outcomes.js';

export const PREDICTIONS = {
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
  // A CNN experiment on Fashion-MNIST: its answer is the claims rules' verdict (as 6.4-cnn's).
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
};

export const CHECK_YOURSELF = {
  '6.7': [
    { q: 'What makes a good data augmentation?', choices: ['It changes the input but keeps its label true', 'It adds random labels', 'It makes every image larger'], answer: 0,
      why: 'Augmentation teaches invariances: a shifted 7 is still a 7. A change that can turn one class into another (a 6 turned into a 9) teaches the wrong thing.' },
    { q: 'Mixup trains on…', choices: ['a blend λx_i + (1 − λ)x_j with the same blend of the labels, λ ~ Beta(α, α)', 'two images placed side by side', 'one of two images picked at random'], answer: 0,
      why: 'Zhang et al. (2018): blending inputs and labels linearly encourages the network to behave linearly between training examples. CutMix pastes a patch instead and mixes the labels by area.' },
    { q: 'Augmentation narrows the gap, yet validation accuracy does not rise. How can that be?', choices: ['The training task got harder (so training loss rises and the gap narrows), but the changes do not make the network better at the validation images — too strong for 8×8 digits, or unlike them', 'Augmentation always lowers accuracy', 'The gap was measured on the wrong set'], answer: 0,
      why: 'A narrower gap can come from a higher training loss rather than a lower validation loss. Look at the validation numbers themselves.' },
  ],
  '6.7-images': [
    { q: 'Over 8 seeds on 1,000 Fashion-MNIST photos, which run ended with the highest mean validation accuracy?', choices: ['No augmentation (82.2 %)', 'Flip + crop', 'Mixup', 'CutMix'], answer: 2,
      why: 'Mixup: 82.9 %. CutMix: 82.3 %, no augmentation: 82.2 %, flip + crop: 80.3 %. Mixup’s gain over no augmentation is under a point and held in 5 of the 8 seeds.' },
    { q: 'Flip + crop lowered the mean validation accuracy from 82.2 % to 80.3 % (higher in only 2 of 8 seeds). What follows?', choices: ['Augmentation never helps a CNN', 'This augmentation, at this strength, on this data, did not raise accuracy: whether one helps has to be measured', 'The 8 seeds must be wrong'], answer: 1,
      why: 'The measurement covers this network, these 1,000 photos and these settings. It does not say augmentation fails elsewhere, nor that it helps here: the numbers show it did not.' },
    { q: 'Mixup lowered the mean validation loss from 0.579 to 0.521 (in all 8 seeds) while accuracy rose by less than a point (5 of 8 seeds). How can the loss improve so much more clearly than accuracy?', choices: ['The loss also counts how confident each prediction is, so it can improve while the number of right answers hardly moves', 'The loss was measured on the training set', 'Accuracy and loss always move together'], answer: 0,
      why: 'Accuracy only counts whether the top class is right; the cross-entropy also penalizes confident wrong answers and rewards confident right ones. The two can move by different amounts.' },
  ],
};
