// The claims' rules that no lesson page checks: the claims suite alone evaluates them
// (claims/rules.js gathers every file; the format is described in claims/rule_logic.js).
export default {
  '3/val': {
    claim: '3', text: 'L2 ends with a lower validation loss', less: ['valLossL2', 'valLossNone'],
    keys: { valLossL2: 'validation loss with L2', valLossNone: 'validation loss without' },
  },
  '5/val': {
    claim: '5', text: 'Dropout also ends with a lower validation loss', less: ['valLossDropout', 'valLossNone'],
    keys: { valLossDropout: 'validation loss with dropout', valLossNone: 'validation loss without' },
  },
  '8/aug-loss': {
    claim: '8', text: 'Image augmentation lowers the validation loss', less: ['lossAug', 'lossNone'],
    keys: { lossAug: 'validation loss with augmentation', lossNone: 'without' },
  },
  '14/length': {
    claim: '14', text: 'BatchNorm’s validation loss grows more from short to long sequences than LayerNorm’s', less: ['lenGapLN', 'lenGapBN'],
    keys: { lenGapLN: 'LayerNorm: long − short', lenGapBN: 'BatchNorm: long − short' },
  },
  '14/padding': {
    claim: '14', text: 'Counting the padding in BatchNorm’s statistics raises its validation loss at batch 2', less: ['lossBN2', 'lossBNinc2'],
    keys: { lossBN2: 'padding masked', lossBNinc2: 'padding included' },
  },
  '14/padding-length': {
    claim: '14', text: 'BatchNorm with the padding counted grows more from short to long sequences than LayerNorm', less: ['lenGapLN', 'lenGapBNinc'],
    keys: { lenGapLN: 'LayerNorm: long − short', lenGapBNinc: 'BatchNorm, padding included: long − short' },
  },
  '15/bt-loss': {
    claim: '15', text: 'Back-translation lowers the validation loss', less: ['lossBT', 'lossNone'],
    keys: { lossBT: 'validation loss with back-translation', lossNone: 'without' },
  },
};
