// The claims' rules that lesson 6.4's page checks on its runs ("What to look for", its
// questions' verdicts): a chunk the lab imports when the lesson opens (claims/lab_rules.js); the
// claims suite reads every file through claims/rules.js. The format is in claims/rule_logic.js.
export default {
  '6/fewer-epochs': {
    claim: '6', text: 'BatchNorm reaches the target training loss in fewer epochs', less: ['epochsBN', 'epochsNoBN'],
    keys: { epochsBN: 'epochs to the target with BatchNorm', epochsNoBN: 'epochs without' },
    lab: { '6.4': { epochsBN: ['BN pre-activation', 'epochsToTarget'], epochsNoBN: ['no BN', 'epochsToTarget'] } },
  },
  // The same claims on a small CNN on Fashion-MNIST photos (presets 6.4-cnn, 6.7-images, 6.9-images).
  '6/cnn-high-lr': {
    claim: '6', text: 'CNN on Fashion-MNIST, SGD lr 0.1: with batch norm the training loss after 15 epochs is lower than without', less: ['cnnLossBN', 'cnnLossNoBN'],
    keys: { cnnLossBN: 'training loss with batch norm', cnnLossNoBN: 'without' },
    lab: { '6.4-cnn': { cnnLossBN: ['BN · lr 0.1', 'trainLoss'], cnnLossNoBN: ['no BN · lr 0.1', 'trainLoss'] } },
  },
  '6/cnn-acc': {
    claim: '6', text: 'CNN: batch norm at lr 0.1 reaches a higher validation accuracy than the plain net at lr 0.1', less: ['cnnAccNoBN', 'cnnAccBN'],
    keys: { cnnAccNoBN: 'validation accuracy without batch norm', cnnAccBN: 'with' }, percent: ['cnnAccNoBN', 'cnnAccBN'],
    lab: { '6.4-cnn': { cnnAccNoBN: ['no BN · lr 0.1', 'returnedValAcc'], cnnAccBN: ['BN · lr 0.1', 'returnedValAcc'] } },
  },
  '6/cnn-vs-usual': {
    claim: '6', text: 'CNN: batch norm at lr 0.1 trains further than the plain net at its usual lr 0.01 (lower training loss)', less: ['cnnLossBN', 'cnnLossLow'],
    keys: { cnnLossBN: 'training loss, batch norm at lr 0.1', cnnLossLow: 'plain net at lr 0.01' },
    lab: { '6.4-cnn': { cnnLossBN: ['BN · lr 0.1', 'trainLoss'], cnnLossLow: ['no BN · lr 0.01', 'trainLoss'] } },
  },
};
