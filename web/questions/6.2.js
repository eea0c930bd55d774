// Lesson 6.2: its experiments' "Predict, then run" questions and its "Check yourself" set (the
// format: web/lesson_questions.js). A file per lesson, so the lab loads only the open lesson's
// (questions/load.js).
import { n3, pct, larger } from './outcomes.js';

export const PREDICTIONS = {
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
};

export const CHECK_YOURSELF = {
  '6.2': [
    { q: 'Why does L1 with the proximal step give exact zeros while L2 does not?', choices: ['L1 pulls with a constant strength λ whatever the weight\'s size, and the soft threshold stops at zero; L2\'s pull λw vanishes as w approaches zero', 'L2 is always weaker than L1', 'L1 uses a larger learning rate'], answer: 0,
      why: 'The proximal L1 step is w ← sign(w)·max(|w| − ηλ, 0): any weight smaller than ηλ lands exactly on 0 and stays there unless the data pull it out. L2 multiplies w by (1 − ηλ): small, never zero.' },
    { q: 'With plain SGD, an L2 penalty (λ/2)‖w‖² and weight decay w ← (1 − ηλ)w are…', choices: ['the same update', 'different: weight decay is stronger', 'different: the penalty also acts on the data gradient'], answer: 0,
      why: 'The penalty\'s gradient is λw, so the SGD step −η(∇L + λw) = (1 − ηλ)w − η∇L: exactly weight decay.' },
    { q: 'Why are they different with Adam?', choices: ['Adam divides the penalty\'s gradient λw by its per-weight scale √v̂, so weights with large past gradients are barely decayed; AdamW decays every weight by the same factor outside the adaptive step', 'Adam ignores penalties', 'AdamW has no learning rate'], answer: 0,
      why: 'In Adam the regularizer passes through the same normalization as the loss gradient; decoupling it (AdamW, Loshchilov & Hutter) restores a uniform shrinkage.' },
  ],
};
