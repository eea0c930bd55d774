// The course's words for what the engine names in code: option values (softmax_ce → "softmax
// cross-entropy"), abbreviations with what they stand for (ECE, MC, ‖g‖ …), and error messages
// turned from field paths into sentences a student can act on. The spec names stay in the
// tooltips and the spec view; everything a student reads first is in words. Pure, no DOM.

// Option values of choice fields, by field path (the same word for every path when not listed).
export const CHOICE_WORDS = {
  'data.kind': {
    moons: 'Two moons', circles: 'Circles', spiral: 'Spirals', xor: 'XOR quadrants', gaussians: 'Gaussian blobs', sine: 'Sine curve (regression)',
    inline: 'Your own rows', csv: 'Uploaded CSV', digits: 'Handwritten digits (8×8)', wine: 'Wine (13 measurements)', breast_cancer: 'Breast cancer (30 measurements)', sentiment: 'Movie-review sentiment',
  },
  'data.task': { auto: 'From the labels', classification: 'Classification', regression: 'Regression' },
  'model.activation': { relu: 'ReLU', leaky_relu: 'Leaky ReLU', tanh: 'tanh', sigmoid: 'Sigmoid', gelu: 'GELU', gelu_tanh: 'GELU (tanh approximation)', identity: 'None (linear)' },
  'model.init': { auto: 'Suited to the activation', he: 'He (for ReLU)', xavier: 'Xavier (for tanh)' },
  'model.norm': { none: 'None', batch: 'Batch normalization', layer: 'Layer normalization' },
  'model.normPlacement': { pre: 'Before the activation', post: 'After the activation' },
  'loss.kind': { auto: 'Suited to the task', softmax_ce: 'Softmax cross-entropy', bce_logits: 'Binary cross-entropy', mse: 'Mean squared error' },
  'regularization.l1Mode': { subgradient: 'Subgradient step', proximal: 'Proximal (soft threshold, exact zeros)' },
  'optimizer.kind': { sgd: 'SGD', momentum: 'SGD with momentum', nesterov: 'Nesterov momentum', adam: 'Adam', adamw: 'AdamW (decoupled decay)' },
  'training.earlyStopping.monitor': { val_loss: 'Validation loss', val_acc: 'Validation accuracy' },
  'training.lrSchedule.kind': { constant: 'Constant', step: 'Step decay', cosine: 'Cosine decay' },
};

export function choiceWord(path, value) {
  return CHOICE_WORDS[path]?.[value] ?? String(value);
}

// Abbreviations and symbols a student meets on the page, with what they stand for. The lab marks
// each one where it appears (views/abbr.js) so it is explained on hover and on keyboard focus.
export const ABBREVIATIONS = {
  ECE: 'Expected calibration error: the average gap between how confident the model is and how often it is right, over 10 confidence bins (0 = perfectly calibrated).',
  'MC std': 'Monte-Carlo dropout spread: the standard deviation of 30 predictions made with dropout left on, averaged over the inputs — the model’s uncertainty.',
  'Max ‖g‖': 'The largest gradient norm of any epoch, measured before clipping.',
  '‖g‖': 'Gradient norm: the length of the whole gradient vector, √(Σ g²).',
  '‖W‖': 'Weight norm: the length of all weights together, √(Σ w²). L2 and weight decay shrink it.',
  'σ(W)': 'Largest singular value of a weight matrix: how much the layer can stretch its input at most.',
  'Max σ(W)': 'The largest singular value σ(W) of any layer at the last epoch.',
  'Val loss': 'Validation loss: the loss on held-out data the run never trains on.',
  'Val acc': 'Validation accuracy: the share of held-out examples classified correctly.',
  Gap: 'Generalization gap: validation loss minus training loss. A growing gap is overfitting.',
  'Step loss': 'The mean training loss of the last epoch’s steps, as the network computed it while training: BatchNorm with the batch’s own statistics, dropout on.',
  'Inference − step': 'Train loss (the training split at inference, after the epoch) minus the step loss. BatchNorm switching to running averages shows here; the weights also moved during the epoch, so a run without any norm is the baseline.',
  'Best epoch': 'The epoch with the lowest validation loss (or the one early stopping restored).',
  SGD: 'Stochastic gradient descent: a step against the gradient of one minibatch.',
  AdamW: 'Adam with decoupled weight decay: the weights shrink by a fixed factor outside Adam’s adaptive step.',
  λ: 'λ (lambda): the strength of a penalty or of weight decay.',
  MC: 'Monte-Carlo: averaging many random passes.',
};

// An engine error ({path, message}) in words: the field's name instead of its path, and what to
// enter instead of what the parser got ("Hidden layers: enter numbers like 64, 64").
// fieldByPath(path) → the describe() field ({label, min, max, type}) or undefined.
export function errorInWords({ path = '', message = '' }, fieldByPath = () => undefined) {
  if (!path) return message;
  const generic = path.replace(/\[\d+\]/g, '');
  const field = fieldByPath(path) ?? fieldByPath(generic);
  const name = field?.label ?? generic.split('.').pop();
  const index = path.match(/\[(\d+)\]$/)?.[1];
  const where = index !== undefined && generic === 'model.hidden' ? ` (layer ${Number(index) + 1})` : '';
  let what = message.replace(/^must be /, 'should be ');
  if (generic === 'model.hidden' && /number|integer|null|NaN/i.test(message)) what = 'enter numbers like 64, 64 (one width per hidden layer, separated by commas)';
  else if (/got (null|undefined|NaN)|must be a number/.test(message)) what = `enter a number${field && Number.isFinite(field.min) && Number.isFinite(field.max) ? ` from ${field.min} to ${field.max}` : ''}`;
  what = what.replace(/,? got (null|undefined)( null)*/g, '');
  return `${name}${where}: ${what}`;
}
