// What the lessons' predictions (web/questions/<lesson>.js) share to read their runs' numbers
// into an answer and a sentence.

export const n3 = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : Number(v.toPrecision(3)).toString());
export const pct = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(100 * v).toFixed(1)} %`);
export const epochs = (v) => (v === Infinity || v === null || v === undefined ? 'never' : `${v}`);

// Which of two numbers is clearly larger: 'a', 'b' or 'same' (relative margin `by`).
export function larger(a, b, by = 0.1) {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return 'same';
  const scale = Math.max(Math.abs(a), Math.abs(b), 1e-9);
  if (Math.abs(a - b) <= by * scale) return 'same';
  return a > b ? 'a' : 'b';
}

// Label smoothing, ε = 0 against ε = 0.1: the lower ECE is the better calibrated (20 % margin);
// `context` says what the seeds measured in that setting.
export function smoothingOutcome(r, context) {
  const p = r['ε = 0'], s = r['ε = 0.1'];
  const w = larger(p.ece, s.ece, 0.2);
  return {
    answer: w === 'a' ? 'smooth' : w === 'b' ? 'plain' : 'same',
    why: `ECE ${n3(p.ece)} without smoothing, ${n3(s.ece)} with it; mean confidence ${pct(p.meanConfidence)} and ${pct(s.meanConfidence)} at validation accuracy ${pct(p.valAcc)} and ${pct(s.valAcc)}.${context}`,
  };
}
