// The rules of the course module's claims, kept in one place for their two readers:
//   - the claims suite (tests/claims/claims.js) evaluates a rule on every seed's row of numbers and
//     aggregates over the seeds (mean paired difference and agreement, or every / most seeds);
//   - the lab's "What to look for" (views/lesson_summary.js) evaluates the same rule on the one row
//     its own runs give, and links to the claim's multi-seed verdict (claims.html#claim-N).
// A rule is a condition on one seed's row, keyed by names the suite's measurements use:
//   { less: [a, b], margin }   holds when row[a] < row[b] − margin (the suite: paired by seed)
//   { test(row), over }        a condition on the row; over 'every' or 'most' seeds in the suite
//   { within: [a, b, tol] }    |row[b] − row[a]| ≤ tol (the suite: of the mean paired difference)
// `keys` names each number in words. `lab` says where the lab finds the numbers: for each lesson
// preset, the row keys as [run label, measurement], a measurement of a finished run below.
// Pure: no DOM, no engine (imported by the page, the claims suite and the browser tests).

export const RULES = {
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
  '3/norm': {
    claim: '3', text: 'L2 ends with a smaller weight norm', less: ['normL2', 'normNone'],
    keys: { normL2: '‖W‖ with L2', normNone: '‖W‖ without' },
    lab: { '6.2': { normL2: ['L2 λ=0.01', 'weightNorm'], normNone: ['none', 'weightNorm'] } },
  },
  '3/gap': {
    claim: '3', text: 'L2 ends with a smaller generalization gap', less: ['gapL2', 'gapNone'],
    keys: { gapL2: 'gap with L2', gapNone: 'gap without' },
    lab: { '6.2': { gapL2: ['L2 λ=0.01', 'gap'], gapNone: ['none', 'gap'] } },
  },
  '3/val': {
    claim: '3', text: 'L2 ends with a lower validation loss', less: ['valLossL2', 'valLossNone'],
    keys: { valLossL2: 'validation loss with L2', valLossNone: 'validation loss without' },
  },
  '4/l1-sparse': {
    claim: '4', text: 'L1 (proximal) leaves at least 20 % of the weights exactly zero', test: (r) => r.zeroL1 >= 0.2, over: 'every', uses: ['zeroL1'],
    keys: { zeroL1: 'exact zeros with L1' }, percent: ['zeroL1'],
    lab: { '6.2': { zeroL1: ['L1 λ=0.01', 'zeroFraction'] } },
  },
  '4/l2-dense': {
    claim: '4', text: 'L2 leaves (almost) no weight exactly zero (< 1 %)', test: (r) => r.zeroL2 < 0.01, over: 'every', uses: ['zeroL2'],
    keys: { zeroL2: 'exact zeros with L2' }, percent: ['zeroL2'],
    lab: { '6.2': { zeroL2: ['L2 λ=0.01', 'zeroFraction'] } },
  },
  '5/gap': {
    claim: '5', text: 'Dropout ends with a smaller generalization gap', less: ['gapDropout', 'gapNone'],
    keys: { gapDropout: 'gap with dropout', gapNone: 'gap without' },
    lab: { '6.3': { gapDropout: ['dropout 0.5', 'gap'], gapNone: ['no dropout', 'gap'] } },
  },
  '5/val': {
    claim: '5', text: 'Dropout also ends with a lower validation loss', less: ['valLossDropout', 'valLossNone'],
    keys: { valLossDropout: 'validation loss with dropout', valLossNone: 'validation loss without' },
  },
  '6/fewer-epochs': {
    claim: '6', text: 'BatchNorm reaches the target training loss in fewer epochs', less: ['epochsBN', 'epochsNoBN'],
    keys: { epochsBN: 'epochs to the target with BatchNorm', epochsNoBN: 'epochs without' },
    lab: { '6.4': { epochsBN: ['BN pre-activation', 'epochsToTarget'], epochsNoBN: ['no BN', 'epochsToTarget'] } },
  },
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
  '8/aug-acc': {
    claim: '8', text: 'Image augmentation (shift/rotate/zoom) raises validation accuracy', less: ['accNone', 'accAug'],
    keys: { accNone: 'validation accuracy without', accAug: 'with augmentation' }, percent: ['accNone', 'accAug'],
    lab: { '6.7': { accNone: ['none', 'returnedValAcc'], accAug: ['shift/rotate/zoom', 'returnedValAcc'] } },
  },
  '8/mixup-acc': {
    claim: '8', text: 'Mixup raises validation accuracy', less: ['accNone', 'accMixup'],
    keys: { accNone: 'validation accuracy without', accMixup: 'with mixup' }, percent: ['accNone', 'accMixup'],
    lab: { '6.7': { accNone: ['none', 'returnedValAcc'], accMixup: ['mixup α=0.2', 'returnedValAcc'] } },
  },
  '8/aug-gap': {
    claim: '8', text: 'Image augmentation narrows the generalization gap', less: ['gapAug', 'gapNone'],
    keys: { gapAug: 'gap with augmentation', gapNone: 'gap without' },
    lab: { '6.7': { gapAug: ['shift/rotate/zoom', 'gap'], gapNone: ['none', 'gap'] } },
  },
  '8/aug-loss': {
    claim: '8', text: 'Image augmentation lowers the validation loss', less: ['lossAug', 'lossNone'],
    keys: { lossAug: 'validation loss with augmentation', lossNone: 'without' },
  },
  '9/conf-digits': {
    claim: '9', text: 'Label smoothing lowers the mean confidence (top-class probability)', less: ['confDigits1', 'confDigits0'],
    keys: { confDigits1: 'mean confidence with ε = 0.1', confDigits0: 'with ε = 0' }, percent: ['confDigits1', 'confDigits0'],
    lab: { '6.8': { confDigits1: ['ε = 0.1', 'meanConfidence'], confDigits0: ['ε = 0', 'meanConfidence'] } },
  },
  '9/ece-digits': {
    claim: '9', text: 'Label smoothing lowers the calibration error (ECE) on digits', less: ['eceDigits1', 'eceDigits0'],
    keys: { eceDigits1: 'calibration error with ε = 0.1', eceDigits0: 'with ε = 0' },
    lab: { '6.8': { eceDigits1: ['ε = 0.1', 'ece'], eceDigits0: ['ε = 0', 'ece'] } },
  },
  '9/acc-digits': {
    claim: '9', text: 'Accuracy stays within 2 points', within: ['accDigits0', 'accDigits1', 0.02],
    keys: { accDigits0: 'validation accuracy with ε = 0', accDigits1: 'with ε = 0.1' }, percent: ['accDigits0', 'accDigits1'],
    lab: { '6.8': { accDigits0: ['ε = 0', 'valAcc'], accDigits1: ['ε = 0.1', 'valAcc'] } },
  },
  '10/unclipped-diverges': {
    claim: '10', text: 'Without clipping the run diverges', test: (r) => r.divergedNo === 1, over: 'most', uses: ['divergedNo'],
    keys: { divergedNo: 'unclipped run diverged (1 = yes)' },
    lab: { '6.8-clip': { divergedNo: ['no clipping', 'diverged'] } },
  },
  '10/clipped-stable': {
    claim: '10', text: 'With clipping it does not diverge and learns (validation accuracy above 70 %)', test: (r) => r.divergedClip === 0 && r.accClip > 0.7, over: 'every', uses: ['divergedClip', 'accClip'],
    keys: { divergedClip: 'clipped run diverged (1 = yes)', accClip: 'its validation accuracy' }, percent: ['accClip'],
    lab: { '6.8-clip': { divergedClip: ['clip ‖g‖ ≤ 1', 'diverged'], accClip: ['clip ‖g‖ ≤ 1', 'valAcc'] } },
  },
  '11/final-sigma': {
    claim: '11', text: 'After training every layer’s σ(W) is at most 1.05 with spectral normalization', test: (r) => r.finalSigma <= 1.05, over: 'every', uses: ['finalSigma'],
    keys: { finalSigma: 'largest final σ' },
    lab: { '6.8-spectral': { finalSigma: ['spectral norm', 'maxSigma'] } },
  },
  '11/every-epoch': {
    claim: '11', text: 'σ stays at most 1.05 at every epoch of training', test: (r) => r.maxSigmaTraining <= 1.05, over: 'every', uses: ['maxSigmaTraining'],
    keys: { maxSigmaTraining: 'largest σ over all epochs' },
    lab: { '6.8-spectral': { maxSigmaTraining: ['spectral norm', 'maxSigmaEver'] } },
  },
  '11/plain': {
    claim: '11', text: 'Without it, σ grows well above 1 (over 2)', test: (r) => r.plainSigma > 2, over: 'every', uses: ['plainSigma'],
    keys: { plainSigma: 'largest final σ of the plain net' },
    lab: { '6.8-spectral': { plainSigma: ['plain', 'maxSigma'] } },
  },
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
  '8/img-aug-acc': {
    claim: '8', text: 'CNN on Fashion-MNIST: flip + crop raises validation accuracy', less: ['imgAccNone', 'imgAccAug'],
    keys: { imgAccNone: 'validation accuracy without', imgAccAug: 'with flip + crop' }, percent: ['imgAccNone', 'imgAccAug'],
    lab: { '6.7-images': { imgAccNone: ['none', 'returnedValAcc'], imgAccAug: ['flip + crop', 'returnedValAcc'] } },
  },
  '8/img-mixup-acc': {
    claim: '8', text: 'CNN on Fashion-MNIST: mixup raises validation accuracy', less: ['imgAccNone', 'imgAccMixup'],
    keys: { imgAccNone: 'validation accuracy without', imgAccMixup: 'with mixup' }, percent: ['imgAccNone', 'imgAccMixup'],
    lab: { '6.7-images': { imgAccNone: ['none', 'returnedValAcc'], imgAccMixup: ['mixup α=0.2', 'returnedValAcc'] } },
  },
  '8/img-cutmix-acc': {
    claim: '8', text: 'CNN on Fashion-MNIST: CutMix raises validation accuracy', less: ['imgAccNone', 'imgAccCutmix'],
    keys: { imgAccNone: 'validation accuracy without', imgAccCutmix: 'with CutMix' }, percent: ['imgAccNone', 'imgAccCutmix'],
    lab: { '6.7-images': { imgAccNone: ['none', 'returnedValAcc'], imgAccCutmix: ['CutMix α=1', 'returnedValAcc'] } },
  },
  '8/img-aug-loss': {
    claim: '8', text: 'CNN on Fashion-MNIST: flip + crop lowers the validation loss of the overfitting network', less: ['imgLossAug', 'imgLossNone'],
    keys: { imgLossAug: 'validation loss with flip + crop', imgLossNone: 'without' },
    lab: { '6.7-images': { imgLossAug: ['flip + crop', 'returnedValLoss'], imgLossNone: ['none', 'returnedValLoss'] } },
  },
  '8/img-mixup-loss': {
    claim: '8', text: 'CNN on Fashion-MNIST: mixup lowers the validation loss', less: ['imgLossMixup', 'imgLossNone'],
    keys: { imgLossMixup: 'validation loss with mixup', imgLossNone: 'without' },
    lab: { '6.7-images': { imgLossMixup: ['mixup α=0.2', 'returnedValLoss'], imgLossNone: ['none', 'returnedValLoss'] } },
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

  '14/batch-size': {
    claim: '14', text: 'Going from batch 32 to batch 2 moves BatchNorm’s validation loss more than LayerNorm’s (Transformer on bracket sequences)', less: ['lnShift', 'bnShift'],
    keys: { lnShift: 'LayerNorm’s shift', bnShift: 'BatchNorm’s shift' },
    lab: { '6.5-text': { bnShift: [['BN · batch 2', 'BN · batch 32'], 'valLossShift'], lnShift: [['LN · batch 2', 'LN · batch 32'], 'valLossShift'] } },
  },
  '14/length': {
    claim: '14', text: 'BatchNorm’s validation loss grows more from short to long sequences than LayerNorm’s', less: ['lenGapLN', 'lenGapBN'],
    keys: { lenGapLN: 'LayerNorm: long − short', lenGapBN: 'BatchNorm: long − short' },
  },
  '14/ln-stable': {
    claim: '14', text: 'LayerNorm’s validation loss at batch 2 is within 0.05 of its value at batch 32', test: (r) => r.lnShift <= 0.05, over: 'most', uses: ['lnShift'],
    keys: { lnShift: 'LayerNorm’s shift' },
    lab: { '6.5-text': { lnShift: [['LN · batch 2', 'LN · batch 32'], 'valLossShift'] } },
  },
  '14/padding': {
    claim: '14', text: 'Counting the padding in BatchNorm’s statistics raises its validation loss at batch 2', less: ['lossBN2', 'lossBNinc2'],
    keys: { lossBN2: 'padding masked', lossBNinc2: 'padding included' },
  },
  '14/padding-length': {
    claim: '14', text: 'BatchNorm with the padding counted grows more from short to long sequences than LayerNorm', less: ['lenGapLN', 'lenGapBNinc'],
    keys: { lenGapLN: 'LayerNorm: long − short', lenGapBNinc: 'BatchNorm, padding included: long − short' },
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

  '15/synonym-acc': {
    claim: '15', text: 'Synonym replacement raises validation accuracy (GRU, 1,000 reviews)', less: ['accNone', 'accSyn'],
    keys: { accNone: 'validation accuracy without', accSyn: 'with synonym replacement' }, percent: ['accNone', 'accSyn'],
    lab: { '6.7-text': { accNone: ['none', 'returnedValAcc'], accSyn: ['synonym', 'returnedValAcc'] } },
  },
  '15/bt-acc': {
    claim: '15', text: 'Back-translation raises validation accuracy (GRU, 1,000 reviews)', less: ['accNone', 'accBT'],
    keys: { accNone: 'validation accuracy without', accBT: 'with back-translation' }, percent: ['accNone', 'accBT'],
    lab: { '6.7-text': { accNone: ['none', 'returnedValAcc'], accBT: ['back-translation', 'returnedValAcc'] } },
  },
  '15/all-acc': {
    claim: '15', text: 'All five text operations together raise validation accuracy (GRU, 1,000 reviews)', less: ['accNone', 'accAll'],
    keys: { accNone: 'validation accuracy without', accAll: 'with all five' }, percent: ['accNone', 'accAll'],
    lab: { '6.7-text': { accNone: ['none', 'returnedValAcc'], accAll: ['all', 'returnedValAcc'] } },
  },
  '15/synonym-loss': {
    claim: '15', text: 'Synonym replacement lowers the validation loss', less: ['lossSyn', 'lossNone'],
    keys: { lossSyn: 'validation loss with synonym replacement', lossNone: 'without' },
    lab: { '6.7-text': { lossSyn: ['synonym', 'returnedValLoss'], lossNone: ['none', 'returnedValLoss'] } },
  },
  '15/bt-loss': {
    claim: '15', text: 'Back-translation lowers the validation loss', less: ['lossBT', 'lossNone'],
    keys: { lossBT: 'validation loss with back-translation', lossNone: 'without' },
  },
  '15/all-gap': {
    claim: '15', text: 'All five text operations together narrow the generalization gap', less: ['gapAll', 'gapNone'],
    keys: { gapAll: 'gap with all five', gapNone: 'gap without' },
    lab: { '6.7-text': { gapAll: ['all', 'gap'], gapNone: ['none', 'gap'] } },
  },

};
for (const [id, r] of Object.entries(RULES)) r.id = id;

export function rule(id) {
  const r = RULES[id];
  if (!r) throw new Error(`no claim rule ${id}`);
  return r;
}

// The row keys a rule reads.
export const ruleKeys = (r) => (r.less ? r.less : r.within ? r.within.slice(0, 2) : r.uses);

// Whether the rule holds on one row: true / false, or null when a number it needs is missing
// (a run still training, removed, or diverged before it could be measured).
export function holds(r, row) {
  const missing = ruleKeys(r).some((k) => row[k] === null || row[k] === undefined || Number.isNaN(row[k]));
  if (r.less) {
    if (missing) return null;
    const [a, b] = r.less;
    return row[a] < row[b] - (r.margin ?? 0);
  }
  if (r.within) {
    if (missing) return null;
    const [a, b, tol] = r.within;
    return Math.abs(row[b] - row[a]) <= tol;
  }
  if (missing) return null;
  return Boolean(r.test(row));
}

// ---- the lab's side: measurements of one finished run -----------------------------------------
// run = {summary, records, stopReason, restoreBest}; the summary is state/summary.js's.
const at = (records, epoch) => records.find((x) => x.epoch === epoch) ?? null;
const argminVal = (records) => {
  let best = null;
  for (const r of records) if (Number.isFinite(r.valLoss) && (best === null || r.valLoss < best.valLoss)) best = r;
  return best;
};
// The weights a run returns: the best epoch's when early stopping restored them, else the last.
const returned = (run) => (run.stopReason === 'early_stopping' && run.restoreBest && run.summary.bestEpoch ? at(run.records, run.summary.bestEpoch) : run.records[run.records.length - 1]) ?? null;

export const MEASURES = {
  gap: (run) => run.summary.gap,
  trainLoss: (run) => run.summary.trainLoss,
  valLoss: (run) => run.summary.valLoss,
  valAcc: (run) => run.summary.valAcc,
  bestValLoss: (run) => run.summary.bestValLoss,
  weightNorm: (run) => run.summary.weightNorm,
  zeroFraction: (run) => run.summary.zeroFraction,
  epochsToTarget: (run) => run.summary.epochsToTarget,
  epochs: (run) => run.summary.epochs,
  diverged: (run) => run.summary.diverged,
  maxSigma: (run) => run.summary.maxSigma,
  meanConfidence: (run) => run.summary.meanConfidence ?? null,
  ece: (run) => run.summary.ece ?? null,
  stopReason: (run) => run.stopReason ?? null,
  bestEpoch: (run) => run.summary.bestEpoch,
  valMinEpoch: (run) => argminVal(run.records)?.epoch ?? null,
  trainLossAtValMin: (run) => argminVal(run.records)?.trainLoss ?? null,
  epochsAfterBest: (run) => (run.summary.bestEpoch ? run.summary.epochs - run.summary.bestEpoch : null),
  maxSigmaEver: (run) => {
    const all = run.records.flatMap((r) => (Array.isArray(r.sigma) ? r.sigma.filter(Number.isFinite) : []));
    return all.length ? Math.max(...all) : null;
  },
  returnedValLoss: (run) => { const r = returned(run); return Number.isFinite(r?.valLoss) ? r.valLoss : null; },
  returnedValAcc: (run) => { const r = returned(run); return Number.isFinite(r?.valAcc) ? r.valAcc : null; },
  // |training loss at inference − loss in the last epoch's training steps| (state/summary.js stepGap)
  stepGapAbs: (run) => (Number.isFinite(run.summary.stepGap) ? Math.abs(run.summary.stepGap) : null),
  // |val loss of the first run − of the second| (the same technique at two batch sizes)
  valLossShift: (a, b) => (Number.isFinite(a.summary.valLoss) && Number.isFinite(b.summary.valLoss) ? Math.abs(a.summary.valLoss - b.summary.valLoss) : null),
};

// The rules the lab shows for a preset, in order.
export function rulesOfPreset(presetId) {
  return Object.values(RULES).filter((r) => r.lab?.[presetId]);
}

// The claims a preset's checks come from (for the links to their multi-seed verdicts).
export function claimsOfPreset(presetId) {
  return [...new Set(rulesOfPreset(presetId).map((r) => r.claim))];
}

// The run labels a rule reads in a preset.
export function ruleRuns(r, presetId) {
  return [...new Set(Object.values(r.lab[presetId]).flatMap(([labels]) => (Array.isArray(labels) ? labels : [labels])))];
}

// One rule's row from the lab's runs (runs: Map label → run as above). A key whose run is not
// on the page stays undefined.
export function labRow(r, presetId, runs) {
  const row = {};
  for (const [key, [labels, measure]] of Object.entries(r.lab[presetId])) {
    const list = (Array.isArray(labels) ? labels : [labels]).map((l) => runs.get(l));
    if (list.some((x) => !x)) continue;
    const v = MEASURES[measure](...list);
    row[key] = v === undefined ? null : v;
  }
  return row;
}
