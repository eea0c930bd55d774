// The claims' rules that lesson 6.7's page checks on its runs ("What to look for", its
// questions' verdicts): a chunk the lab imports when the lesson opens (claims/lab_rules.js); the
// claims suite reads every file through claims/rules.js. The format is in claims/rule_logic.js.
export default {
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
  '15/all-gap': {
    claim: '15', text: 'All five text operations together narrow the generalization gap', less: ['gapAll', 'gapNone'],
    keys: { gapAll: 'gap with all five', gapNone: 'gap without' },
    lab: { '6.7-text': { gapAll: ['all', 'gap'], gapNone: ['none', 'gap'] } },
  },
};
