// The messages of the exercise sandbox, and their check. Used by the checker's worker, which is
// the only place that receives what the sandbox frame sends: the page itself never reads it.
// Each check is O(1) — a few typeof tests and a typed array's length, never a walk over what was
// sent — and everything else is refused.
//   frame → checker: {type: 'ready', functions: {forward, backward}}
//                    {type: 'out', id, k, y: Float64Array, input: Float32Array} | {type: 'out', id, k, error}
//                    {type: 'done', id}
//                    {type: 'error', stage: 'compile' | 'load' | 'start' | 'answer', error: {name, message, line}}
export const MAX_LENGTH = 1 << 16;

const isText = (v, n) => typeof v === 'string' && v.length <= n;
const isNumbers = (a) => (a instanceof Float64Array || a instanceof Float32Array) && a.length <= MAX_LENGTH;

export function readError(e) {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return null;
  if (!isText(e.name, 60) || !isText(e.message, 400) || !Number.isInteger(e.line) || e.line < 0) return null;
  return { name: e.name, message: e.message, line: e.line };
}

// A message from the frame → a checked copy, or null when it is not one of the known shapes.
export function readAnswer(d) {
  if (!d || typeof d !== 'object' || Array.isArray(d) || typeof d.type !== 'string') return null;
  switch (d.type) {
    case 'ready':
      if (!d.functions || typeof d.functions !== 'object') return null;
      return { type: 'ready', functions: { forward: d.functions.forward === true, backward: d.functions.backward === true } };
    case 'done': return Number.isInteger(d.id) ? { type: 'done', id: d.id } : null;
    case 'error': {
      const error = readError(d.error);
      return error && isText(d.stage, 20) ? { type: 'error', stage: d.stage, error } : null;
    }
    case 'out': {
      if (!Number.isInteger(d.id) || !Number.isInteger(d.k) || d.k < 0 || d.k >= MAX_LENGTH) return null;
      if (d.error !== undefined) {
        const error = readError(d.error);
        return error ? { type: 'out', id: d.id, k: d.k, error } : null;
      }
      return isNumbers(d.y) && isNumbers(d.input) ? { type: 'out', id: d.id, k: d.k, y: d.y, input: d.input } : null;
    }
    default: return null;
  }
}
