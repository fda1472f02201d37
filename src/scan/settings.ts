/**
 * Settings of a scan: how each series is prepared (frequency, window, log) and which tests run on it. One frozen
 * `SCAN_DEFAULTS`; `resolveScanSettings` validates once and throws RangeError naming the option and the value.
 * Two runs with equal resolved settings and equal data give bit-identical results (everything is seeded).
 */

/** Options of a scan (every field optional; defaults in {@link SCAN_DEFAULTS}). */
export interface ScanSettings {
  /** Resample before testing: "weekly" (last close of each ISO week, as the report) or "as-is" (the file's rows). */
  readonly frequency: "weekly" | "as-is";
  /** PSY and LPPLS use the last `window` observations up to the as-of date (0 = the whole history). */
  readonly window: number;
  /** A series with fewer observations than this (after resampling, up to the as-of date) fails alone. */
  readonly minObservations: number;
  /** Test the natural log of the price (prices must be positive). */
  readonly log: boolean;
  /** Fixed ADF lag of the PSY tests. */
  readonly lag: number;
  /** Monte Carlo replications of the critical-value tables. */
  readonly nrep: number;
  /** Seed of the critical values and of the LPPLS fits. */
  readonly seed: number;
  /** Date-stamping level (the rejection decision always uses 95 %, as exuber). */
  readonly level: 90 | 95 | 99;
  /** Drop episodes shorter than this many observations (0 keeps all, as `bubblescope psy`). */
  readonly minDuration: number;
  /** Compute the LPPLS confidence indicator at the last date. */
  readonly lppls: boolean;
  /** Longest LPPLS window in observations (lppls's 80; nested windows down to 22). */
  readonly lpplsWindow: number;
  /** posConf (or negConf) at or above this is an LPPLS signal for `monitor` (a convention, not from a paper). */
  readonly lpplsSignal: number;
}

/**
 * Defaults: weekly log closes over the last 260 weeks (five years, the same span for every era so that one
 * critical-value table serves a whole basket), PSY lag 0 with 2,000 Monte Carlo replications (exuber's default),
 * LPPLS with lppls's nested windows ending at the last date.
 *
 * @example
 * SCAN_DEFAULTS.window; // 260
 */
export const SCAN_DEFAULTS: Readonly<ScanSettings> = Object.freeze({
  frequency: "weekly",
  window: 260,
  minObservations: 52,
  log: true,
  lag: 0,
  nrep: 2000,
  seed: 123,
  level: 95,
  minDuration: 0,
  lppls: true,
  lpplsWindow: 80,
  lpplsSignal: 0.5,
});

const int = (name: string, v: number, min: number) => {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
};

/**
 * Defaults filled in and every field validated.
 *
 * @example
 * resolveScanSettings({ window: 0 }).frequency; // "weekly"
 */
export function resolveScanSettings(options: Partial<ScanSettings> = {}): ScanSettings {
  const s: ScanSettings = { ...SCAN_DEFAULTS, ...options };
  if (!["weekly", "as-is"].includes(s.frequency))
    throw new RangeError(`frequency must be weekly or as-is, got "${s.frequency}"`);
  int("window", s.window, 0);
  int("minObservations", s.minObservations, 20);
  if (s.window > 0 && s.window < s.minObservations)
    throw new RangeError(`window (${s.window}) must be 0 or at least minObservations (${s.minObservations})`);
  int("lag", s.lag, 0);
  int("nrep", s.nrep, 2);
  if (!Number.isSafeInteger(s.seed)) throw new RangeError(`seed must be an integer, got ${s.seed}`);
  if (![90, 95, 99].includes(s.level)) throw new RangeError(`level must be 90, 95 or 99, got ${s.level}`);
  int("minDuration", s.minDuration, 0);
  int("lpplsWindow", s.lpplsWindow, 30);
  if (!(s.lpplsSignal > 0 && s.lpplsSignal <= 1))
    throw new RangeError(`lpplsSignal must be in (0, 1], got ${s.lpplsSignal}`);
  if (typeof s.log !== "boolean" || typeof s.lppls !== "boolean")
    throw new RangeError("log and lppls must be booleans");
  return Object.freeze(s);
}
