// The claims' rules that lesson 6.3's page checks on its runs ("What to look for", its
// questions' verdicts): a chunk the lab imports when the lesson opens (claims/lab_rules.js); the
// claims suite reads every file through claims/rules.js. The format is in claims/rule_logic.js.
export default {
  '5/gap': {
    claim: '5', text: 'Dropout ends with a smaller generalization gap', less: ['gapDropout', 'gapNone'],
    keys: { gapDropout: 'gap with dropout', gapNone: 'gap without' },
    lab: { '6.3': { gapDropout: ['dropout 0.5', 'gap'], gapNone: ['no dropout', 'gap'] } },
  },
};
