/**
 * Date-stamping of explosive episodes (PSY 2015 eqs. 7–8; exuber's `diagnostics()` and `datestamp()` semantics).
 *
 * A series rejects the no-bubble null when its GSADF (or SADF) is ≥ the 95% critical value. Within a series an
 * observation exceeds when BSADF(t) (or BADF(t)) is strictly above its critical value at the chosen level, with
 * statistic and cv matched by observation. Runs of exceeding observations are episodes:
 *   start = first exceeding observation; end = first observation after the run (PSY's termination date);
 *   duration = end − start; when the run reaches the last observation the episode is `ongoing`, end = the last
 *   observation and duration = n − start + 1; peak = the largest statistic in the run (first on ties);
 *   signal = "positive" when y[peak] ≥ y[start], else "negative" (a crash rather than a bubble).
 * Episodes shorter than `minDuration` are dropped (PSY's rule of thumb is `psyDs(n)`); the 0/1 exceedance dummy
 * is built before that filter. Complexity O(n) per series.
 */
import type { CriticalValues } from "./cv.ts";
import type { RadfResult } from "./radf.ts";

export interface DatestampOptions {
  /** Minimum episode duration in observations (default 0: keep all). */
  readonly minDuration?: number;
  /** Significance level for the exceedance: 90, 95 (default) or 99. The rejection decision always uses 95. */
  readonly level?: 90 | 95 | 99;
  /** "gsadf" (BSADF sequence, default) or "sadf" (BADF sequence). */
  readonly option?: "gsadf" | "sadf";
  /** Stamp every series, not only those that reject at 95% (exuber `nonrejected = TRUE`). */
  readonly nonrejected?: boolean;
  /** Date of every observation (length n); episodes then carry ISO dates. */
  readonly dates?: readonly string[] | null;
  /** Levels of each series (for the episode signal); default the values the statistics were computed from. */
  readonly values?: readonly ArrayLike<number>[];
}

export const DATESTAMP_DEFAULTS = Object.freeze({
  minDuration: 0,
  level: 95 as const,
  option: "gsadf" as const,
  nonrejected: false,
});

/** One explosive episode. Indices are 0-based observation indices; `start`/`peak`/`end` are dates (or 1-based t). */
export interface Episode {
  readonly start: string | number;
  readonly peak: string | number;
  readonly end: string | number;
  readonly startIndex: number;
  readonly peakIndex: number;
  readonly endIndex: number;
  readonly duration: number;
  readonly ongoing: boolean;
  readonly signal: "positive" | "negative";
}

export interface SeriesDiagnostics {
  readonly name: string;
  readonly statistic: number;
  /** true when the statistic is ≥ its 95% critical value. */
  readonly rejected: boolean;
  /** Finest level rejected: "1%", "5%", "10%" or "none". */
  readonly significance: "1%" | "5%" | "10%" | "none";
}

export interface SeriesDatestamp extends SeriesDiagnostics {
  readonly episodes: readonly Episode[];
  /** 1 where the statistic exceeds its critical value (before the minimum-duration filter); length n. */
  readonly dummy: Uint8Array;
}

/** exuber's `diagnostics()`: which series reject at 95%, and the finest level each exceeds. */
export function diagnostics(
  r: RadfResult,
  cv: CriticalValues,
  option: "gsadf" | "sadf" = "gsadf",
): SeriesDiagnostics[] {
  checkCompatible(r, cv);
  const crit = option === "gsadf" ? cv.gsadf : cv.sadf;
  if (!crit) throw new RangeError(`these critical values (${cv.method}) have no ${option} values`);
  const list =
    cv.method === "sb-panel"
      ? [{ name: "panel", stat: r.panel?.gsadf ?? Number.NaN }]
      : r.series.map((s) => ({ name: s.name, stat: option === "gsadf" ? s.gsadf : s.sadf }));
  return list.map(({ name, stat }) => ({
    name,
    statistic: stat,
    rejected: stat >= crit[1],
    significance: stat >= crit[2] ? "1%" : stat >= crit[1] ? "5%" : stat >= crit[0] ? "10%" : "none",
  }));
}

/**
 * Date-stamps the episodes of every (rejecting) series.
 *
 * @example
 * const ds = datestamp(radf(y), mcCriticalValues(y.length));
 * ds[0].episodes; // [{ start, peak, end, duration, ongoing, signal, … }]
 */
export function datestamp(r: RadfResult, cv: CriticalValues, options: DatestampOptions = {}): SeriesDatestamp[] {
  const o = { ...DATESTAMP_DEFAULTS, ...options };
  if (![90, 95, 99].includes(o.level)) throw new RangeError(`level must be 90, 95 or 99, got ${o.level}`);
  if (!["gsadf", "sadf"].includes(o.option))
    throw new RangeError(`option must be "gsadf" or "sadf", got "${o.option}"`);
  if (!Number.isInteger(o.minDuration) || o.minDuration < 0)
    throw new RangeError(`minDuration must be a non-negative integer, got ${o.minDuration}`);
  if (o.dates && o.dates.length !== r.n)
    throw new RangeError(`dates has ${o.dates.length} entries, the series has ${r.n}`);
  const diag = diagnostics(r, cv, o.option);
  if (!o.nonrejected && !diag.some((d) => d.rejected))
    throw new RangeError("Cannot reject H0 at the 5% significance level");
  const col = o.level === 90 ? 0 : o.level === 95 ? 1 : 2;
  const cvSeq = o.option === "gsadf" ? cv.bsadf : cv.badf;
  if (!cvSeq) throw new RangeError(`these critical values (${cv.method}) have no BADF sequence for option "sadf"`);
  const isPanel = cv.method === "sb-panel";
  const label = (i: number) => (o.dates ? o.dates[i] : i + 1);
  const out: SeriesDatestamp[] = [];
  diag.forEach((d, si) => {
    if (!o.nonrejected && !d.rejected) return;
    const stat = isPanel ? r.panel!.bsadf : o.option === "gsadf" ? r.series[si].bsadf : r.series[si].badf;
    const values = o.values?.[si];
    const dummy = new Uint8Array(r.n);
    for (let k = 0; k < stat.length; k++) {
      const obs = r.firstIndex + k;
      const row = cv.tb !== undefined ? cvSeq[0] : cvSeq[obs - cv.firstIndex];
      if (stat[k] > row[col]) dummy[obs] = 1;
    }
    const episodes: Episode[] = [];
    let i = 0;
    while (i < r.n) {
      if (!dummy[i]) {
        i++;
        continue;
      }
      const s = i;
      let peak = s;
      while (i < r.n && dummy[i]) {
        if (stat[i - r.firstIndex] > stat[peak - r.firstIndex]) peak = i;
        i++;
      }
      const ongoing = i >= r.n;
      const endIdx = ongoing ? r.n - 1 : i;
      const duration = ongoing ? r.n - s : i - s;
      const signal = isPanel || !values || s === peak || values[peak] - values[s] >= 0 ? "positive" : "negative";
      if (duration >= o.minDuration)
        episodes.push({
          start: label(s),
          peak: label(peak),
          end: label(endIdx),
          startIndex: s,
          peakIndex: peak,
          endIndex: endIdx,
          duration,
          ongoing,
          signal,
        });
    }
    out.push({ ...d, episodes, dummy });
  });
  return out;
}

function checkCompatible(r: RadfResult, cv: CriticalValues): void {
  if (cv.n !== r.n && cv.tb === undefined)
    throw new RangeError(`critical values are for n = ${cv.n}, the series has n = ${r.n}`);
  if (cv.minWindow !== r.minWindow)
    throw new RangeError(
      `minimum window does not match: critical values use ${cv.minWindow} rows, the test used ${r.minWindow}`,
    );
  if (cv.firstIndex > r.firstIndex) throw new RangeError("critical values start after the first statistic");
  if (cv.method === "sb-panel" && !r.panel)
    throw new RangeError("panel critical values need a panel (several series) result");
}
