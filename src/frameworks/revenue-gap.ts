/**
 * Sequoia's "AI's $600B question" (David Cahn, Sequoia Capital, 2024-06-20; first posed as the "$200B question",
 * 2023-09): take Nvidia's data-centre revenue run-rate, ×2 because GPUs are about half of a data centre's total
 * cost of ownership (energy, buildings, backup generators...), ×2 again for a 50% gross margin for the end user of
 * the GPU. The result is the AI revenue the industry needs to pay for the build-out:
 *   required = runRate × costMultiple × marginMultiple  (Sequoia: $150B × 2 × 2 = $600B)
 *   gap = required − actual AI revenue;  coverage = actual / required.
 * Complexity O(1).
 */

export interface RevenueGapOptions {
  /** Total data-centre cost per dollar of GPU spend (Sequoia: 2). */
  readonly costMultiple?: number;
  /** Revenue per dollar of cost for the GPU's end user, i.e. 1 / (1 − gross margin) (Sequoia: 2 for 50%). */
  readonly marginMultiple?: number;
}

/** Sequoia's own multiples (Cahn 2024: "×2 … ×2"). */
export const REVENUE_GAP_DEFAULTS: Readonly<Required<RevenueGapOptions>> = Object.freeze({
  costMultiple: 2,
  marginMultiple: 2,
});

export const REVENUE_GAP_SOURCE =
  "D. Cahn, 'AI's $600B Question', Sequoia Capital, 2024-06-20 (run-rate × 2 for total data-centre cost × 2 for a 50% end-user gross margin)";

/**
 * AI revenue required to pay for a data-centre revenue run-rate (same unit as the input).
 *
 * @example
 * requiredAiRevenue(150); // 600 (Sequoia's own example, $bn)
 */
export function requiredAiRevenue(runRate: number, options: RevenueGapOptions = {}): number {
  const { costMultiple, marginMultiple } = { ...REVENUE_GAP_DEFAULTS, ...options };
  if (!(runRate >= 0) || !Number.isFinite(runRate))
    throw new RangeError(`runRate must be finite and >= 0, got ${runRate}`);
  if (!(costMultiple >= 1)) throw new RangeError(`costMultiple must be >= 1, got ${costMultiple}`);
  if (!(marginMultiple >= 1)) throw new RangeError(`marginMultiple must be >= 1, got ${marginMultiple}`);
  return runRate * costMultiple * marginMultiple;
}

/**
 * Gap and coverage for an actual AI revenue figure.
 *
 * @example
 * revenueGap(150, 100); // { required: 600, gap: 500, coverage: 0.1666… }
 */
export function revenueGap(
  runRate: number,
  actualAiRevenue: number,
  options: RevenueGapOptions = {},
): { required: number; gap: number; coverage: number } {
  if (!(actualAiRevenue >= 0)) throw new RangeError(`actualAiRevenue must be >= 0, got ${actualAiRevenue}`);
  const required = requiredAiRevenue(runRate, options);
  return {
    required,
    gap: required - actualAiRevenue,
    coverage: required > 0 ? actualAiRevenue / required : Number.NaN,
  };
}
