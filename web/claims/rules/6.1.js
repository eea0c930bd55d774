// The claims' rules that lesson 6.1's page checks on its runs ("What to look for", its
// questions' verdicts): a chunk the lab imports when the lesson opens (claims/lab_rules.js); the
// claims suite reads every file through claims/rules.js. The format is in claims/rule_logic.js.
export default {
  '1/train-falls': {
    claim: '1', text: 'Training loss keeps falling after the validation minimum (final < at the minimum)',
    test: (r) => r.trainFinal < r.trainAtMin, over: 'most', uses: ['trainFinal', 'trainAtMin'],
    keys: { trainFinal: 'final training loss', trainAtMin: 'training loss at the validation minimum' },
    lab: { '6.1': { trainFinal: ['large [128,128]', 'trainLoss'], trainAtMin: ['large [128,128]', 'trainLossAtValMin'] } },
  },
  '1/val-turns': {
    claim: '1', text: 'Validation loss has its minimum well before the end (≥ 10 epochs) and ends ≥ 10 % above it',
    test: (r) => r.minEpoch <= r.epochs - 10 && r.valFinal >= 1.1 * r.valMin, over: 'most', uses: ['minEpoch', 'epochs', 'valMin', 'valFinal'],
    keys: { minEpoch: 'epoch of the lowest validation loss', epochs: 'epochs trained', valMin: 'lowest validation loss', valFinal: 'final validation loss' },
    lab: { '6.1': { minEpoch: ['large [128,128]', 'valMinEpoch'], epochs: ['large [128,128]', 'epochs'], valMin: ['large [128,128]', 'bestValLoss'], valFinal: ['large [128,128]', 'valLoss'] } },
  },
  '1/large-vs-small': {
    claim: '1', text: 'The large network ends with a larger generalization gap than the small one',
    less: ['smallGap', 'gapFinal'], keys: { smallGap: 'gap of the small net', gapFinal: 'gap of the large net' },
    lab: { '6.1': { smallGap: ['small [8]', 'gap'], gapFinal: ['large [128,128]', 'gap'] } },
  },
};
