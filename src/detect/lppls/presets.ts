/**
 * Search boxes and qualification ("filter") presets for LPPLS fits.
 *
 * - `lppls`: the Python lppls 0.6.24 defaults — qualified iff 0 < m < 1, 2 < ω < 15, O > 2.5, D > 0.5 and
 *   max(t2 − 60, t2 − 0.5Δ) < tc < min(t2 + 252, t2 + 0.5Δ) (strict; "days" are units of t, i.e. calendar
 *   days with day ordinals; Δ = t2 − t1). Search box: the same tc range, m ∈ [0.01, 1], ω ∈ [2, 15]
 *   (closed; the reference's `filter_box`).
 * - `dgs2017`: Demirer, Demos, Gupta & Sornette (2017): tc ∈ [t2 − 0.05Δ, t2 + 0.1Δ], m ∈ [0.01, 0.99],
 *   ω ∈ [6, 13], O ≥ 2.5, D ≥ 0.8 (inclusive). The search box is the same tc/m/ω box.
 *
 * Complexity O(1).
 */

/** Qualification thresholds (see the file header). */
export interface FilterConditions {
  readonly mMin: number;
  readonly mMax: number;
  readonly omegaMin: number;
  readonly omegaMax: number;
  readonly oMin: number;
  readonly dMin: number;
  /** tc lower limit = max(t2 − tcMinDays, t2 − tcMinFrac·Δ). */
  readonly tcMinDays: number;
  readonly tcMinFrac: number;
  /** tc upper limit = min(t2 + tcMaxDays, t2 + tcMaxFrac·Δ). */
  readonly tcMaxDays: number;
  readonly tcMaxFrac: number;
  /** true: all inequalities strict (lppls); false: inclusive (papers). */
  readonly strict: boolean;
}

/** A closed search box over the nonlinear parameters; tc in absolute units of t. */
export interface SearchBounds {
  readonly tc: readonly [number, number];
  readonly m: readonly [number, number];
  readonly omega: readonly [number, number];
}

export type PresetName = "lppls" | "dgs2017";

/**
 * The two presets' qualification thresholds.
 *
 * @example
 * FILTER_PRESETS.dgs2017.dMin; // 0.8
 */
export const FILTER_PRESETS: Readonly<Record<PresetName, FilterConditions>> = Object.freeze({
  lppls: Object.freeze({
    mMin: 0,
    mMax: 1,
    omegaMin: 2,
    omegaMax: 15,
    oMin: 2.5,
    dMin: 0.5,
    tcMinDays: 60,
    tcMinFrac: 0.5,
    tcMaxDays: 252,
    tcMaxFrac: 0.5,
    strict: true,
  }),
  dgs2017: Object.freeze({
    mMin: 0.01,
    mMax: 0.99,
    omegaMin: 6,
    omegaMax: 13,
    oMin: 2.5,
    dMin: 0.8,
    tcMinDays: Number.POSITIVE_INFINITY,
    tcMinFrac: 0.05,
    tcMaxDays: Number.POSITIVE_INFINITY,
    tcMaxFrac: 0.1,
    strict: false,
  }),
});

/**
 * The tc interval allowed by a filter for a window [t1, t2].
 *
 * @example
 * tcRange(FILTER_PRESETS.lppls, 0, 100); // [50, 150]
 */
export function tcRange(f: FilterConditions, t1: number, t2: number): [number, number] {
  const d = t2 - t1;
  return [Math.max(t2 - f.tcMinDays, t2 - f.tcMinFrac * d), Math.min(t2 + f.tcMaxDays, t2 + f.tcMaxFrac * d)];
}

/**
 * The search box of a preset for a window [t1, t2].
 *
 * @example
 * presetBounds("dgs2017", 0, 100); // { tc: [95, 110], m: [0.01, 0.99], omega: [6, 13] }
 */
export function presetBounds(preset: PresetName, t1: number, t2: number): SearchBounds {
  const f = FILTER_PRESETS[preset];
  if (f === undefined) throw new RangeError(`preset must be "lppls" or "dgs2017", got "${preset}"`);
  const tc = tcRange(f, t1, t2);
  if (preset === "lppls") return { tc, m: [0.01, 1], omega: [2, 15] };
  return { tc, m: [f.mMin, f.mMax], omega: [f.omegaMin, f.omegaMax] };
}
