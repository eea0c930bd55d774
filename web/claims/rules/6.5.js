// The claims' rules that lesson 6.5's page checks on its runs ("What to look for", its
// questions' verdicts): a chunk the lab imports when the lesson opens (claims/lab_rules.js); the
// claims suite reads every file through claims/rules.js. The format is in claims/rule_logic.js.
export default {
  '6/batch-sensitivity': {
    claim: '6', text: 'Going from batch 64 to batch 2 moves BatchNorm’s validation loss more than LayerNorm’s', less: ['lnShift', 'bnShift'],
    keys: { lnShift: 'LayerNorm’s shift', bnShift: 'BatchNorm’s shift' },
    lab: { '6.5': { bnShift: [['BN · batch 2', 'BN · batch 64'], 'valLossShift'], lnShift: [['LN · batch 2', 'LN · batch 64'], 'valLossShift'] } },
  },
  '6/ln-stable': {
    claim: '6', text: 'LayerNorm’s validation loss at batch 2 is within 0.15 of its value at batch 64', test: (r) => r.lnShift <= 0.15, over: 'most', uses: ['lnShift'],
    keys: { lnShift: 'LayerNorm’s shift' },
    lab: { '6.5': { lnShift: [['LN · batch 2', 'LN · batch 64'], 'valLossShift'] } },
  },
  '14/batch-size': {
    claim: '14', text: 'Going from batch 32 to batch 2 moves BatchNorm’s validation loss more than LayerNorm’s (Transformer on bracket sequences)', less: ['lnShift', 'bnShift'],
    keys: { lnShift: 'LayerNorm’s shift', bnShift: 'BatchNorm’s shift' },
    lab: { '6.5-text': { bnShift: [['BN · batch 2', 'BN · batch 32'], 'valLossShift'], lnShift: [['LN · batch 2', 'LN · batch 32'], 'valLossShift'] } },
  },
  '14/ln-stable': {
    claim: '14', text: 'LayerNorm’s validation loss at batch 2 is within 0.05 of its value at batch 32', test: (r) => r.lnShift <= 0.05, over: 'most', uses: ['lnShift'],
    keys: { lnShift: 'LayerNorm’s shift' },
    lab: { '6.5-text': { lnShift: [['LN · batch 2', 'LN · batch 32'], 'valLossShift'] } },
  },
  '14/train-inference': {
    claim: '14', text: 'At batch 2, BatchNorm’s training loss at inference is further from its loss in the training steps than LayerNorm’s', less: ['stepGapLN2', 'stepGapBN2'],
    keys: { stepGapLN2: 'LayerNorm: |inference − training steps|', stepGapBN2: 'BatchNorm: |inference − training steps|' },
    lab: { '6.5-text': { stepGapLN2: ['LN · batch 2', 'stepGapAbs'], stepGapBN2: ['BN · batch 2', 'stepGapAbs'] } },
  },
  '14/ln-train-inference': {
    claim: '14', text: 'LayerNorm’s training steps and inference agree as closely as those of the network without a norm (within 0.02), at batch 2 and 32',
    test: (r) => r.stepGapLN2 <= r.stepGapNone2 + 0.02 && r.stepGapLN32 <= r.stepGapNone32 + 0.02, over: 'most',
    uses: ['stepGapLN2', 'stepGapNone2', 'stepGapLN32', 'stepGapNone32'],
    keys: { stepGapLN2: 'LayerNorm · batch 2', stepGapNone2: 'no norm · batch 2', stepGapLN32: 'LayerNorm · batch 32', stepGapNone32: 'no norm · batch 32' },
    lab: { '6.5-text': { stepGapLN2: ['LN · batch 2', 'stepGapAbs'], stepGapNone2: ['no norm · batch 2', 'stepGapAbs'], stepGapLN32: ['LN · batch 32', 'stepGapAbs'], stepGapNone32: ['no norm · batch 32', 'stepGapAbs'] } },
  },
};
