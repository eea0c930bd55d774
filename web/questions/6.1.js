// Lesson 6.1: its experiments' "Predict, then run" questions and its "Check yourself" set (the
// format: web/lesson_questions.js). A file per lesson, so the lab loads only the open lesson's
// (questions/load.js).
import { n3, larger } from './outcomes.js';

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
};

export const CHECK_YOURSELF = {
  '6.1': [
    { q: 'Training loss keeps falling while validation loss rises. What is happening?', choices: ['Underfitting: the model is too simple', 'Overfitting: the model fits noise of the training set', 'The learning rate is too small'], answer: 1,
      why: 'A falling training loss with a rising validation loss means the model is learning things about the training set that do not hold for new data — its noise. Underfitting would show both losses high.' },
    { q: 'Which change lowers the variance of a model (in the bias–variance sense)?', choices: ['A larger network on the same data', 'More training data from the same source', 'Training for more epochs'], answer: 1,
      why: 'Variance is how much the fitted function moves from one training set to the next. More data pins each fit down, so fits agree more. A larger network or longer training usually raises variance.' },
    { q: 'In E[(y − f̂(x))²] = bias² + variance + σ², what is σ²?', choices: ['The part a better model can still remove', 'The noise in the labels, which no model can remove', 'The generalization gap'], answer: 1,
      why: 'σ² is the variance of the noise around the true function: even the true function itself makes that error, so it is a floor for every model.' },
  ],
};
