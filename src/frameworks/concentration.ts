/**
 * Market shares and the Herfindahl-Hirschman index: HHI = Σ (100·sᵢ)², on a 0-10,000 scale (US DOJ/FTC Merger
 * Guidelines 2023, §2.1: above 1,800 "highly concentrated", 1,000-1,800 "moderately concentrated"). Shares are
 * computed from non-negative quantities (sales, GW committed...). Complexity O(n).
 */

/**
 * Shares (0-1) of non-negative quantities; all-zero input is an error (no market to share).
 *
 * @example
 * marketShares([3, 1]); // [0.75, 0.25]
 */
export function marketShares(quantities: readonly number[]): number[] {
  if (quantities.length === 0) throw new RangeError("quantities must not be empty");
  let total = 0;
  for (const [i, q] of quantities.entries()) {
    if (!(q >= 0) || !Number.isFinite(q)) throw new RangeError(`quantities[${i}] must be finite and >= 0, got ${q}`);
    total += q;
  }
  if (total === 0) throw new RangeError("quantities must not all be zero");
  return quantities.map((q) => q / total);
}

/**
 * Herfindahl-Hirschman index of shares given as fractions summing to 1.
 *
 * @example
 * hhi([0.5, 0.5]); // 5000
 */
export function hhi(shares: readonly number[]): number {
  let sum = 0;
  let total = 0;
  for (const [i, s] of shares.entries()) {
    if (!(s >= 0 && s <= 1)) throw new RangeError(`shares[${i}] must be in [0, 1], got ${s}`);
    sum += (100 * s) ** 2;
    total += s;
  }
  if (Math.abs(total - 1) > 1e-9) throw new RangeError(`shares must sum to 1, got ${total}`);
  return sum;
}

/** The 2023 Merger Guidelines class of an HHI value. */
export function hhiClass(value: number): "unconcentrated" | "moderately concentrated" | "highly concentrated" {
  return value > 1800 ? "highly concentrated" : value >= 1000 ? "moderately concentrated" : "unconcentrated";
}
