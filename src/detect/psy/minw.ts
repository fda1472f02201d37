/**
 * Default minimum window and minimum duration of Phillips, Shi & Yu (2015, "Testing for multiple bubbles",
 * IER 56(4)): r0 = 0.01 + 1.8/√T, so m = ⌊(0.01 + 1.8/√n)·n⌋ (exuber's `psy_minw`, evaluated in exactly this
 * IEEE operation order), and the rule-of-thumb minimum bubble duration ⌊δ·log n⌉ (exuber's `psy_ds`, rule 1).
 * Complexity O(1).
 *
 * @example
 * psyMinw(200); // 27
 * psyDs(200); // 5
 */
export function psyMinw(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`psyMinw: n must be a positive integer, got ${n}`);
  return Math.floor((0.01 + 1.8 / Math.sqrt(n)) * n);
}

/** Minimum duration rule 1 of PSY (2015): round(δ·log n), with R's round-half-even. */
export function psyDs(n: number, delta = 1): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`psyDs: n must be a positive integer, got ${n}`);
  if (!(delta > 0)) throw new RangeError(`psyDs: delta must be positive, got ${delta}`);
  return roundHalfEven(delta * Math.log(n));
}

/** R's round(): IEC 60559 round half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
