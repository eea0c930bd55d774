// Lesson 6.3: its experiments' "Predict, then run" questions and its "Check yourself" set (the
// format: web/lesson_questions.js). A file per lesson, so the lab loads only the open lesson's
// (questions/load.js).
import { n3, larger } from './outcomes.js';

export const PREDICTIONS = {
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
};

export const CHECK_YOURSELF = {
  '6.3': [
    { q: 'With inverted dropout (p = 0.5) during training, what happens at evaluation?', choices: ['Activations are multiplied by 0.5', 'Nothing: dropout is off, and no rescaling is needed because training already divided the kept units by 1 − p', 'Units keep being dropped at random'], answer: 1,
      why: 'Dividing by 1 − p in training keeps each unit\'s expected activation equal to its value without dropout, so the evaluation network is used as it is.' },
    { q: 'Why does dropout reduce overfitting?', choices: ['It permanently removes half of the units', 'No unit can rely on particular partners, which discourages co-adapted features that fit noise; the full network acts like an average of many thinned networks', 'It lowers the learning rate'], answer: 1,
      why: 'Srivastava et al. (2014) describe dropout as training an exponential family of thinned networks that share weights, and averaging them at test time.' },
    { q: 'Where is the MC-dropout spread widest?', choices: ['Where the training points are densest', 'Away from the training data, where the thinned networks disagree', 'Everywhere the same'], answer: 1,
      why: 'Near training points every thinned network has been pushed to fit them; where there are none, nothing ties them together, so their predictions differ most.' },
  ],
};
