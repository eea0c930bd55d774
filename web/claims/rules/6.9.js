// The claims' rules that lesson 6.9's page checks on its runs ("What to look for", its
// questions' verdicts): a chunk the lab imports when the lesson opens (claims/lab_rules.js); the
// claims suite reads every file through claims/rules.js. The format is in claims/rule_logic.js.
export default {
  '12/top-beats-baseline': {
    claim: '12', text: 'The full stack beats the baseline on validation accuracy', less: ['acc0', 'acc5'],
    keys: { acc0: 'baseline', acc5: 'full stack' }, percent: ['acc0', 'acc5'],
    lab: { '6.9': { acc0: ['baseline', 'returnedValAcc'], acc5: ['+ early stopping', 'returnedValAcc'] } },
  },
  '12/loss': {
    claim: '12', text: 'The full stack ends with a lower validation loss than the baseline', less: ['loss5', 'loss0'],
    keys: { loss5: 'full stack', loss0: 'baseline' },
    lab: { '6.9': { loss5: ['+ early stopping', 'returnedValLoss'], loss0: ['baseline', 'returnedValLoss'] } },
  },
  '12/img-top-beats-baseline': {
    claim: '12', text: 'CNN on Fashion-MNIST: the full stack beats the baseline on validation accuracy', less: ['img0', 'img5'],
    keys: { img0: 'baseline', img5: 'full stack' }, percent: ['img0', 'img5'],
    lab: { '6.9-images': { img0: ['baseline', 'returnedValAcc'], img5: ['+ early stopping', 'returnedValAcc'] } },
  },
  '12/img-loss': {
    claim: '12', text: 'CNN on Fashion-MNIST: the full stack ends with a lower validation loss than the baseline', less: ['imgLoss5', 'imgLoss0'],
    keys: { imgLoss5: 'full stack', imgLoss0: 'baseline' },
    lab: { '6.9-images': { imgLoss5: ['+ early stopping', 'returnedValLoss'], imgLoss0: ['baseline', 'returnedValLoss'] } },
  },
};
