// The claims' rules that lesson 6.6's page checks on its runs ("What to look for", its
// questions' verdicts): a chunk the lab imports when the lesson opens (claims/lab_rules.js); the
// claims suite reads every file through claims/rules.js. The format is in claims/rule_logic.js.
export default {
  '7/picks-minimum': {
    claim: '7', text: 'Early stopping returns the epoch of the lowest validation loss', test: (r) => r.bestEpoch === r.argminEpoch, over: 'every', uses: ['bestEpoch', 'argminEpoch'],
    keys: { bestEpoch: 'epoch it returned', argminEpoch: 'epoch of the lowest validation loss' },
    lab: { '6.6': { bestEpoch: ['patience 20', 'bestEpoch'], argminEpoch: ['patience 20', 'valMinEpoch'] } },
  },
  '7/no-worse': {
    claim: '7', text: 'Its validation loss is no worse than the unstopped run’s final one', test: (r) => r.restored <= r.unstopped, over: 'every', uses: ['restored', 'unstopped'],
    keys: { restored: 'validation loss of the returned weights', unstopped: 'final validation loss without early stopping' },
    lab: { '6.6': { restored: ['patience 20', 'returnedValLoss'], unstopped: ['no early stopping', 'valLoss'] } },
  },
  '7/patience': {
    claim: '7', text: 'It stops exactly 20 epochs (the patience) after the best one', test: (r) => r.stopReason === 'early_stopping' && r.patience === 20, over: 'every', uses: ['patience'],
    keys: { patience: 'epochs after the best one' },
    lab: { '6.6': { stopReason: ['patience 20', 'stopReason'], patience: ['patience 20', 'epochsAfterBest'] } },
  },
};
