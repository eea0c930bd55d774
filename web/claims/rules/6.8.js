// The claims' rules that lesson 6.8's page checks on its runs ("What to look for", its
// questions' verdicts): a chunk the lab imports when the lesson opens (claims/lab_rules.js); the
// claims suite reads every file through claims/rules.js. The format is in claims/rule_logic.js.
export default {
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
};
