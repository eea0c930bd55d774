// Words for students (web/state/words.js, web/state/run_names.js): errors name the field and say
// what to enter, options read as words, and an edited run's name says what changed.
import { describe, it, expect } from 'vitest';
import { errorInWords, choiceWord, ABBREVIATIONS } from '../../web/state/words.js';
import { editedLabel } from '../../web/state/run_names.js';

const FIELDS = {
  'model.hidden': { label: 'Hidden layers' },
  'optimizer.lr': { label: 'Learning rate', min: 0, max: 10 },
  'training.earlyStopping': { label: 'Early stopping' },
};
const byPath = (p) => FIELDS[p];

describe('errors in words', () => {
  it('a hidden-layer width that is not a number asks for numbers like 64, 64, without the path or "null"', () => {
    const text = errorInWords({ path: 'model.hidden[0]', message: 'must be a number, got null' }, byPath);
    expect(text).toMatch(/^Hidden layers \(layer 1\): enter numbers like 64, 64/);
    expect(text).not.toMatch(/model\.hidden|null/);
  });
  it('a missing number names the field and its range', () => {
    expect(errorInWords({ path: 'optimizer.lr', message: 'must be a number, got null' }, byPath)).toBe('Learning rate: enter a number from 0 to 10');
  });
  it('a message without a path is left as it is', () => {
    expect(errorInWords({ path: '', message: 'The worker stopped.' }, byPath)).toBe('The worker stopped.');
  });
});

describe('option words', () => {
  it('spec names read as words; unknown values stay as they are', () => {
    expect(choiceWord('loss.kind', 'softmax_ce')).toBe('Softmax cross-entropy');
    expect(choiceWord('model.activation', 'gelu_tanh')).toBe('GELU (tanh approximation)');
    expect(choiceWord('model.activation', 'swish')).toBe('swish');
  });
  it('ECE is explained', () => {
    expect(ABBREVIATIONS.ECE).toMatch(/calibration/);
  });
});

describe('edited run names', () => {
  const base = { version: 1, seed: 1, data: { kind: 'moons' }, optimizer: { kind: 'adam', lr: 0.01 }, training: { epochs: 100 } };
  it('a penalty added to "Adam" is named with its λ', () => {
    expect(editedLabel({ label: 'Adam', spec: base }, { ...base, regularization: { l2: 0.01 } }, byPath)).toBe('Adam + L2 (λ 0.01)');
  });
  it('a name that shows the old value gets the new one', () => {
    expect(editedLabel({ label: 'L2 λ=0.01', spec: { ...base, regularization: { l2: 0.01 } } }, { ...base, regularization: { l2: 0.03 } }, byPath)).toBe('L2 λ=0.03');
  });
  it('an option switched off is one change', () => {
    const es = { ...base, training: { epochs: 100, earlyStopping: { patience: 20 } } };
    expect(editedLabel({ label: 'patience 20', spec: es }, { ...base, training: { epochs: 100, earlyStopping: false } }, byPath)).toBe('patience 20 + no early stopping');
  });
  it('shared fields do not rename a run, and undoing the change gives the old name back', () => {
    expect(editedLabel({ label: 'plain', spec: base }, { ...base, data: { kind: 'xor' }, seed: 4 }, byPath)).toBe('plain');
  });
});

describe('edited run names from a name that says what is absent', () => {
  const base = { version: 1, seed: 1, optimizer: { kind: 'adam', lr: 0.01 } };
  it('"none" with L2 becomes "L2 (λ 0.01)"; "no dropout" with dropout becomes "dropout 0.3"', () => {
    expect(editedLabel({ label: 'none', spec: base }, { ...base, regularization: { l2: 0.01 } })).toBe('L2 (λ 0.01)');
    expect(editedLabel({ label: 'no dropout', spec: base }, { ...base, model: { dropout: 0.3 } })).toBe('dropout 0.3');
    expect(editedLabel({ label: 'no dropout', spec: base }, { ...base, optimizer: { kind: 'adam', lr: 0.02 } })).toBe('no dropout + learning rate 0.02');
  });
});

describe('edited run names with a value the engine refuses', () => {
  it('a hidden width typed as text keeps the name (null)', () => {
    const base = { version: 1, model: { hidden: [8] } };
    expect(editedLabel({ label: 'small [8]', spec: base }, { ...base, model: { hidden: [NaN] } })).toBe(null);
  });
});
