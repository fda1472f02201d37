/**
 * LPPLS confidence indicator of one window end from its fits (Sornette et al. 2015; lppls
 * `compute_indicators`, spec §8): posConf = #(B < 0 and qualified) / denominator, negConf likewise for
 * B > 0. Denominator "same-sign" (lppls): the number of fits with that sign of B (0 when none);
 * "all" (Sornette / FCO): the number of fits. Failed fits (B = 0) count in neither sign but do count in
 * "all". Complexity O(K).
 */

/** What the indicator needs from a fit. */
export interface ConfidenceInput {
  readonly B: number;
  readonly qualified: boolean;
}

/** Counts and confidences of one window end. */
export interface Confidence {
  readonly posConf: number;
  readonly negConf: number;
  readonly posCount: number;
  readonly posQualified: number;
  readonly negCount: number;
  readonly negQualified: number;
  readonly nFits: number;
}

export type Denominator = "same-sign" | "all";

/**
 * Confidence from a set of fits.
 *
 * @example
 * lpplsConfidence([{ B: -1, qualified: true }, { B: -1, qualified: false }, { B: 1, qualified: false }]).posConf; // 0.5
 */
export function lpplsConfidence(fits: readonly ConfidenceInput[], denominator: Denominator = "same-sign"): Confidence {
  let posCount = 0;
  let posQualified = 0;
  let negCount = 0;
  let negQualified = 0;
  for (const f of fits) {
    if (f.B < 0) {
      posCount++;
      if (f.qualified) posQualified++;
    } else if (f.B > 0) {
      negCount++;
      if (f.qualified) negQualified++;
    }
  }
  const n = fits.length;
  const pd = denominator === "all" ? n : posCount;
  const nd = denominator === "all" ? n : negCount;
  return {
    posConf: pd > 0 ? posQualified / pd : 0,
    negConf: nd > 0 ? negQualified / nd : 0,
    posCount,
    posQualified,
    negCount,
    negQualified,
    nFits: n,
  };
}
