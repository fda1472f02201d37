/**
 * The complete scan document (`bubblescope scan --json`): `{ meta, series, breadth }` with the series ranked
 * (`rankResults`) and the breadth computed from them (`breadth`). Deterministic: nothing about how or where the
 * series were computed (threads, queue, timing) enters it, so the same inputs and seed give identical JSON on
 * every engine. Complexity: that of `breadth`.
 */
import { type Breadth, breadth } from "./breadth.ts";
import { rankResults } from "./rank.ts";
import type { ScanSeriesResult } from "./scan-series.ts";
import type { ScanSettings } from "./settings.ts";

/** The critical-value table used for one test length. */
export interface ScanCvInfo {
  readonly n: number;
  readonly minWindow: number;
  readonly nrep: number;
  readonly seed: number;
  readonly gsadf95: number;
}

export interface ScanMeta {
  readonly tool: "bubblescope scan";
  readonly version: string;
  /** Watchlist name (or file), or null for a folder / the store. */
  readonly watchlist: string | null;
  /** Where the series came from (folder, store, watchlist sources). */
  readonly source: string;
  readonly asOf: string | null;
  readonly settings: ScanSettings;
  readonly criticalValues: readonly ScanCvInfo[];
  readonly counts: {
    readonly series: number;
    readonly failed: number;
    readonly rejected: number;
    readonly explosive: number;
  };
  readonly sources: {
    readonly psy: string;
    readonly lppls: string;
    readonly gsy: string;
    readonly gmo: string;
  };
}

export interface ScanJson {
  readonly meta: ScanMeta;
  readonly series: readonly ScanSeriesResult[];
  readonly breadth: Breadth;
}

/**
 * Ranks the results and adds the breadth.
 *
 * @example
 * assembleScan(results, settings, { watchlist: "ai", source: "data/prices", asOf: null, criticalValues }, datesOf).breadth.share;
 */
export function assembleScan(
  results: readonly ScanSeriesResult[],
  settings: ScanSettings,
  info: {
    watchlist: string | null;
    source: string;
    asOf: string | null;
    criticalValues: readonly ScanCvInfo[];
  },
  datesOf: (name: string) => readonly string[] | undefined,
): ScanJson {
  const series = rankResults(results);
  return {
    meta: {
      tool: "bubblescope scan",
      version: "0.1.0",
      watchlist: info.watchlist,
      source: info.source,
      asOf: info.asOf,
      settings,
      criticalValues: [...info.criticalValues].sort((a, b) => a.n - b.n),
      counts: {
        series: series.length,
        failed: series.filter((s) => s.error).length,
        rejected: series.filter((s) => s.rejected).length,
        explosive: series.filter((s) => s.current.explosive).length,
      },
      sources: {
        psy: "Phillips, Shi & Yu (2015) GSADF/BSADF, exuber conventions; Monte Carlo critical values (seeded), one table per test length",
        lppls:
          "LPPLS confidence indicator at the last date (Sornette et al. 2015), lppls nested windows; seeded; posConf/negConf = share of qualified fits",
        gsy: "Greenwood, Shleifer & You (2019): two-year run-up and the crash probability read from their figure",
        gmo: "GMO (Grantham) two-sigma rule: z-score of log price against its log-linear trend over the whole history",
      },
    },
    series,
    breadth: breadth(series, datesOf),
  };
}
