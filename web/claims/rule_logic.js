// What the claims' rules are and how they are read, for their two readers:
//   - the claims suite (tests/claims/claims.js) evaluates a rule on every seed's row of numbers and
//     aggregates over the seeds (mean paired difference and agreement, or every / most seeds);
//   - the lab's "What to look for" (views/lesson_summary.js) and its questions' verdicts
//     (views/predict.js) evaluate the same rule on the one row its own runs give, and link to the
//     claim's multi-seed verdict (claims.html#claim-N).
// A rule is a condition on one seed's row, keyed by names the suite's measurements use:
//   { less: [a, b], margin }   holds when row[a] < row[b] − margin (the suite: paired by seed)
//   { test(row), over }        a condition on the row; over 'every' or 'most' seeds in the suite
//   { within: [a, b, tol] }    |row[b] − row[a]| ≤ tol (the suite: of the mean paired difference)
// `keys` names each number in words. `lab` says where the lab finds the numbers: for each lesson
// preset, the row keys as [run label, measurement], a measurement of a finished run below.
// The rules themselves are in claims/rules/<lesson>.js (those a lesson's page checks) and
// claims/rules/suite.js; RULES holds those added so far: all of them through claims/rules.js
// (the suite, the tests), a lesson's when the lab has loaded it (claims/lab_rules.js).
// Pure: no DOM, no engine.

export const RULES = {};

/** Adds a file's rules (id → rule) to RULES; each rule learns its id. */
export function addRules(rules) {
  for (const [id, r] of Object.entries(rules)) {
    r.id = id;
    RULES[id] = r;
  }
}

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
