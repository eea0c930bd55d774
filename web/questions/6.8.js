// Lesson 6.8: its experiments' "Predict, then run" questions and its "Check yourself" set (the
// format: web/lesson_questions.js). A file per lesson, so the lab loads only the open lesson's
// (questions/load.js).
import { n3, pct, larger, smoothingOutcome } from './outcomes.js';

export const PREDICTIONS = {
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
  '6.8-text': {
    question: 'The same GRU on reviews, with label smoothing ε = 0.1. Which run will be better calibrated — a lower ECE, confidence closer to accuracy?',
    choices: [['smooth', 'The run with label smoothing'], ['plain', 'The run without it'], ['same', 'About the same']],
    runs: ['ε = 0', 'ε = 0.1'],
    outcome: (r) => smoothingOutcome(r, ' Over 8 seeds the GRU without smoothing was over-confident (90.5 % confidence at 77.3 % accuracy, ECE 0.139); ε = 0.1 brought the ECE to 0.080 and lowered the validation loss in all 8 seeds, at about the same accuracy.'),
  },
};

export const CHECK_YOURSELF = {
  '6.8': [
    { q: 'With label smoothing ε = 0.1 and 10 classes, the target probability of the true class is…', choices: ['1', '0.91 (1 − ε + ε/K)', '0.1'], answer: 1,
      why: 'Every class receives ε/K = 0.01 and the true class keeps 1 − ε on top: 0.9 + 0.01 = 0.91 (the convention of PyTorch\'s cross_entropy).' },
    { q: 'Clipping the gradient norm at θ…', choices: ['rescales the whole gradient to length θ when it is longer, keeping its direction', 'sets every component larger than θ to θ', 'lowers the learning rate for the rest of training'], answer: 0,
      why: 'g ← g · min(1, θ/‖g‖): a long gradient is shortened as a whole, so the step still points downhill. Clipping each component (by value) would change the direction.' },
    { q: 'Spectral normalization divides W by σ(W). What does that bound?', choices: ['How much the layer can stretch its input: at most a factor 1 (Lipschitz ≤ 1 for its linear part)', 'The number of non-zero weights', 'The learning rate'], answer: 0,
      why: 'σ(W) is the largest factor by which W can lengthen a vector; W/σ(W) has largest singular value 1 (Miyato et al., 2018).' },
  ],
};
