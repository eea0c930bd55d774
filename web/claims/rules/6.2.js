// The claims' rules that lesson 6.2's page checks on its runs ("What to look for", its
// questions' verdicts): a chunk the lab imports when the lesson opens (claims/lab_rules.js); the
// claims suite reads every file through claims/rules.js. The format is in claims/rule_logic.js.
export default {
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
};
