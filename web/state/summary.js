// From a run's epoch records to the numbers of the summary table, and the check of a preset's
// claims ("the L2 run's gap is smaller than the baseline's"). Pure; shared by the page and the
// browser tests.

const finite = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

// records: the run's epoch records; extras: numbers measured by the worker on the final weights
// (e.g. {meanConfidence, ece}); options.targetLoss: the train loss the "epochs to target" counts to.
export function summarize(records, { stopReason = null, extras = {}, targetLoss = null } = {}) {
  const last = records.length ? records[records.length - 1] : null;
  let bestValLoss = null, bestValLossEpoch = null, bestValAcc = null, bestMarked = null;
  let maxGradNormPreClip = null, epochsToTarget = null;
  for (const r of records) {
    const vl = finite(r.valLoss), va = finite(r.valAcc), g = finite(r.gradNormPreClip ?? r.gradNorm);
    if (vl !== null && (bestValLoss === null || vl < bestValLoss)) { bestValLoss = vl; bestValLossEpoch = r.epoch; }
    if (va !== null && (bestValAcc === null || va > bestValAcc)) bestValAcc = va;
    if (g !== null && (maxGradNormPreClip === null || g > maxGradNormPreClip)) maxGradNormPreClip = g;
    if (r.best) bestMarked = r.epoch;
    if (targetLoss !== null && epochsToTarget === null && finite(r.trainLoss) !== null && r.trainLoss <= targetLoss) {
      epochsToTarget = r.epoch;
    }
  }
  const trainLoss = finite(last?.trainLoss), valLoss = finite(last?.valLoss), stepLoss = finite(last?.stepLoss);
  const sigma = Array.isArray(last?.sigma) ? last.sigma.filter((s) => Number.isFinite(s)) : [];
  return {
    epochs: last ? last.epoch : 0,
    trainLoss,
    valLoss,
    gap: trainLoss !== null && valLoss !== null ? valLoss - trainLoss : null,
    // The last epoch's training steps as the network computed them (training mode), and how far
    // the same split's loss at inference (after the epoch) is from it: BatchNorm's batch
    // statistics against its running averages, dropout, and the weights moving during the epoch.
    stepLoss,
    stepGap: trainLoss !== null && stepLoss !== null ? trainLoss - stepLoss : null,
    trainAcc: finite(last?.trainAcc),
    valAcc: finite(last?.valAcc),
    bestValLoss,
    bestValAcc,
    bestEpoch: bestMarked ?? bestValLossEpoch,
    zeroFraction: finite(last?.zeroFraction),
    weightNorm: finite(last?.weightNorm),
    maxGradNormPreClip,
    maxSigma: sigma.length ? Math.max(...sigma) : null,
    // Infinity = never reached within the budget (a comparison still works; the table says so)
    epochsToTarget: targetLoss === null ? null : epochsToTarget ?? Infinity,
    time: finite(last?.time),
    diverged: stopReason === 'diverged' ? 1 : 0,
    stopReason,
    ...extras,
  };
}

// Overfitting flag: the validation loss has risen clearly above its best while training loss
// kept falling (the gap grows).
export function overfittingSince(records, { rise = 0.1, window = 10 } = {}) {
  let best = Infinity, bestEpoch = null, bestTrain = Infinity;
  for (const r of records) {
    if (Number.isFinite(r.valLoss) && r.valLoss < best) { best = r.valLoss; bestEpoch = r.epoch; bestTrain = r.trainLoss; }
  }
  const last = records[records.length - 1];
  if (!last || bestEpoch === null || last.epoch - bestEpoch < window) return null;
  const rising = last.valLoss > best * (1 + rise) && last.trainLoss < bestTrain;
  return rising ? bestEpoch : null;
}

// A claim: {text, metric, run: label, op: '<' | '>' | '<=' | '>=' | 'differs', than: label | number, by?: number}
// `by` asks for a margin (e.g. smaller by at least 0.02). Returns {ok, text, left, right} or
// {ok: null} when a run it names is not on the page (the student removed it).
export function checkClaim(claim, summaries) {
  const left = summaries.get(claim.run)?.[claim.metric];
  const right = typeof claim.than === 'number' ? claim.than : summaries.get(claim.than)?.[claim.metric];
  if (!summaries.has(claim.run) || (typeof claim.than !== 'number' && !summaries.has(claim.than))) {
    return { ok: null, text: claim.text, left: null, right: null };
  }
  if (left === null || left === undefined || right === null || right === undefined) {
    return { ok: false, text: claim.text, left: left ?? null, right: right ?? null };
  }
  const by = claim.by ?? 0;
  const ok = {
    '<': left < right - by, '<=': left <= right - by, '>': left > right + by, '>=': left >= right + by,
    // 'differs': relative difference above `by` (e.g. 0.05 = 5 %)
    differs: Math.abs(left - right) > by * Math.max(Math.abs(left), Math.abs(right)),
  }[claim.op];
  if (ok === undefined) throw new Error(`claim "${claim.text}": unknown op ${claim.op}`);
  return { ok, text: claim.text, left, right };
}

export const METRIC_LABELS = {
  gap: 'generalization gap', valLoss: 'validation loss', trainLoss: 'training loss', valAcc: 'validation accuracy',
  trainAcc: 'training accuracy', bestValLoss: 'best validation loss', bestValAcc: 'best validation accuracy',
  epochs: 'epochs trained', zeroFraction: 'fraction of exact zeros', epochsToTarget: 'epochs to the target loss',
  maxGradNormPreClip: 'largest gradient norm', maxSigma: 'largest σ(W)', diverged: 'diverged',
  meanConfidence: 'mean confidence', ece: 'calibration error (ECE)', weightNorm: 'weight norm',
  stepLoss: 'loss in the training steps', stepGap: 'training loss at inference minus in the training steps',
};
