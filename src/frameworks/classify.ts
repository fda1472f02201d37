/**
 * Verdicts by explicit thresholds. A threshold names the direction in which a value looks more bubble-like, the
 * line at or beyond which it is "bubble-like", the line at or before which it is "healthy", and its source; in
 * between the verdict is "inconclusive". Complexity O(1).
 */

export type Verdict = "bubble-like" | "healthy" | "inconclusive";

export interface Threshold {
  readonly direction: "higher-is-bubblier" | "lower-is-bubblier";
  readonly bubbleAt: number;
  readonly healthyAt: number;
  /** Where the lines come from (paper, guideline, or "bubblescope convention: …" when they are ours). */
  readonly source: string;
  /** Ledger ids the lines were computed from, when they are data (e.g. the 2000-era benchmark). */
  readonly evidence: readonly string[];
}

/**
 * Checks a threshold's consistency; throws RangeError naming the bad field.
 *
 * @example
 * checkThreshold({ direction: "higher-is-bubblier", bubbleAt: 100, healthyAt: 40, source: "s", evidence: [] });
 */
export function checkThreshold(t: Threshold): Threshold {
  if (!Number.isFinite(t.bubbleAt)) throw new RangeError(`threshold bubbleAt must be finite, got ${t.bubbleAt}`);
  if (!Number.isFinite(t.healthyAt)) throw new RangeError(`threshold healthyAt must be finite, got ${t.healthyAt}`);
  if (t.direction === "higher-is-bubblier" ? t.healthyAt > t.bubbleAt : t.healthyAt < t.bubbleAt) {
    throw new RangeError(
      `threshold healthyAt ${t.healthyAt} and bubbleAt ${t.bubbleAt} are in the wrong order for ${t.direction}`,
    );
  }
  if (t.source.trim() === "") throw new RangeError("threshold source must not be empty");
  return t;
}

/**
 * The verdict of a value under a threshold (NaN → inconclusive).
 *
 * @example
 * classify(150, { direction: "higher-is-bubblier", bubbleAt: 100, healthyAt: 40, source: "s", evidence: [] }); // "bubble-like"
 */
export function classify(value: number, t: Threshold): Verdict {
  if (Number.isNaN(value)) return "inconclusive";
  if (t.direction === "higher-is-bubblier") {
    if (value >= t.bubbleAt) return "bubble-like";
    if (value <= t.healthyAt) return "healthy";
    return "inconclusive";
  }
  if (value <= t.bubbleAt) return "bubble-like";
  if (value >= t.healthyAt) return "healthy";
  return "inconclusive";
}

/** One sentence explaining a verdict ("72 ≥ bubble line 50 (source)"). */
export function explainVerdict(value: number, t: Threshold, fmt: (v: number) => string): string {
  const v = classify(value, t);
  const hi = t.direction === "higher-is-bubblier";
  if (v === "bubble-like") return `${fmt(value)} ${hi ? "≥" : "≤"} bubble line ${fmt(t.bubbleAt)} (${t.source})`;
  if (v === "healthy") return `${fmt(value)} ${hi ? "≤" : "≥"} healthy line ${fmt(t.healthyAt)} (${t.source})`;
  if (Number.isNaN(value)) return "value is not defined";
  return `${fmt(value)} lies between the healthy line ${fmt(t.healthyAt)} and the bubble line ${fmt(t.bubbleAt)} (${t.source})`;
}

/** What an indicator's value is: a point estimate, or a bound on the true value (e.g. a sum over a subset). */
export type BoundKind = "lower-bound" | "upper-bound";

/**
 * The verdict of an interval [lo, hi] (either end may be infinite): bubble-like only if the whole interval lies at
 * or beyond the bubble line, healthy only if the whole interval lies at or inside the healthy line, else
 * inconclusive. A point is the interval [v, v]; a lower bound v is [v, +∞); an upper bound v is (−∞, v].
 *
 * @example
 * classifyInterval(0.02, Infinity, { direction: "lower-is-bubblier", bubbleAt: 0.5, healthyAt: 1, source: "s", evidence: [] }); // "inconclusive"
 */
export function classifyInterval(lo: number, hi: number, t: Threshold): Verdict {
  if (Number.isNaN(lo) || Number.isNaN(hi)) return "inconclusive";
  if (lo > hi) throw new RangeError(`interval must have lo <= hi, got [${lo}, ${hi}]`);
  if (lo === hi) return classify(lo, t);
  if (t.direction === "higher-is-bubblier") {
    if (lo >= t.bubbleAt) return "bubble-like";
    if (hi <= t.healthyAt) return "healthy";
    return "inconclusive";
  }
  if (hi <= t.bubbleAt) return "bubble-like";
  if (lo >= t.healthyAt) return "healthy";
  return "inconclusive";
}

/**
 * The interval a value stands for: itself when it is a point, [v, +∞) for a lower bound, (−∞, v] for an upper bound.
 *
 * @example
 * boundInterval(3, "lower-bound"); // [3, Infinity]
 */
export function boundInterval(value: number, bound: BoundKind | undefined): [number, number] {
  if (bound === "lower-bound") return [value, Number.POSITIVE_INFINITY];
  if (bound === "upper-bound") return [Number.NEGATIVE_INFINITY, value];
  return [value, value];
}

/** Verdict of a value that may be a bound (interval verdict for bounds, point verdict otherwise). */
export function classifyValue(value: number, t: Threshold, bound?: BoundKind): Verdict {
  const [lo, hi] = boundInterval(value, bound);
  return classifyInterval(lo, hi, t);
}
