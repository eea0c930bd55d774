// Lesson 6.6: its experiments' "Predict, then run" questions and its "Check yourself" set (the
// format: web/lesson_questions.js). A file per lesson, so the lab loads only the open lesson's
// (questions/load.js).
import { n3, larger } from './outcomes.js';

export const PREDICTIONS = {
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
};

export const CHECK_YOURSELF = {
  '6.6': [
    { q: 'Early stopping watches…', choices: ['the training loss', 'a validation metric', 'the weight norm'], answer: 1,
      why: 'The training loss keeps falling while a network overfits; only data the network does not train on shows when it starts to generalize worse.' },
    { q: 'What does patience 20 mean?', choices: ['Train exactly 20 epochs', 'Stop once the validation loss has not improved for 20 epochs in a row', 'Train 20 epochs more than planned'], answer: 1,
      why: 'Patience tolerates the noise of the validation curve: a single worse epoch does not end training. With "restore best" the weights of the best epoch come back.' },
    { q: 'Why is early stopping compared with L2?', choices: ['For a quadratic loss and gradient descent, stopping after t steps acts roughly like an L2 penalty with λ ≈ 1/(ηt): both limit how far the weights move', 'Both set weights to exactly zero', 'Both change the training data'], answer: 0,
      why: 'Early stopping keeps the weights near where they started (an L2 pull towards the initial weights); L2 pulls them towards zero. Similar effect, different mechanism — the claims page measures both.' },
  ],
};
