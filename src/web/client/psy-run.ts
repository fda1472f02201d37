/**
 * The dashboard's PSY analysis of one series, run in a Web Worker: `radf` (GSADF/BSADF, PSY 2015), critical
 * values — Monte Carlo (`mcCriticalValues`, lag-0 null as exuber 1.1.0, rows matched by observation), the
 * Phillips–Shi (2020) or the Harvey et al. (2016) wild bootstrap — and `datestamp`.
 * Same conventions and output shape as the CLI's `analysePsy` for `--cv mc` (a test checks they agree), minus the
 * disk cache. Browser-safe. Complexity: nrep × O(n²) for the critical values, O(n²·K²) for the statistics.
 */
import { ANALYSIS_DEFAULTS } from "../../analysis/series.ts";
import { type CriticalValues, hlstCriticalValues, mcCriticalValues, psCriticalValues } from "../../detect/psy/cv.ts";
import { datestamp, diagnostics } from "../../detect/psy/datestamp.ts";
import { psyDs } from "../../detect/psy/minw.ts";
import { radf } from "../../detect/psy/radf.ts";

export interface PsyRunOptions {
  /** Fixed ADF lag (default 0). */
  readonly lag?: number;
  /** Minimum window in regression rows (default PSY's rule). */
  readonly minWindow?: number;
  readonly nrep?: number;
  readonly seed?: number;
  readonly level?: 90 | 95 | 99;
  readonly bsadfRule?: "exuber" | "psy2015";
  /** Critical values: Monte Carlo (default), Phillips–Shi (2020) wild bootstrap, or Harvey et al. (2016). */
  readonly method?: "mc" | "wb" | "wb-harvey";
  /** Minimum episode duration in observations, or "psy" = round(log n). */
  readonly minDuration?: number | "psy";
  /** Test the natural log (values must be positive). */
  readonly log?: boolean;
}

/** Interactive defaults: replications and seed from the library's one set (src/analysis/series.ts). */
export const PSY_RUN_DEFAULTS = Object.freeze({
  lag: 0,
  nrep: ANALYSIS_DEFAULTS.psyNrepInteractive,
  seed: ANALYSIS_DEFAULTS.seed,
  level: 95 as const,
  bsadfRule: "exuber" as const,
  method: "mc" as const,
  minDuration: 0,
  log: false,
});

export interface PsyRunResult {
  readonly name: string;
  readonly n: number;
  readonly minWindow: number;
  readonly lag: number;
  readonly nrep: number;
  readonly level: number;
  readonly minDuration: number;
  readonly adf: number | null;
  readonly sadf: number | null;
  readonly gsadf: number | null;
  /** [90, 95, 99%] critical values. */
  readonly cv: { readonly adf: number[] | null; readonly sadf: number[] | null; readonly gsadf: number[] };
  readonly rejected: boolean;
  readonly significance: string;
  /** Date (or 1-based t) of each element of bsadf / cvSeq / level. */
  readonly index: (string | number)[];
  readonly bsadf: (number | null)[];
  /** BSADF critical value at `level` for each element. */
  readonly cvSeq: (number | null)[];
  /** The tested values (log if requested) aligned to index. */
  readonly tested: number[];
  readonly episodes: {
    start: string | number;
    peak: string | number;
    end: string | number;
    duration: number;
    ongoing: boolean;
    signal: string;
  }[];
}

const nz = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Runs the analysis.
 *
 * @example
 * runPsy("pd", values, dates, { nrep: 199 }).episodes;
 */
export function runPsy(
  name: string,
  raw: ArrayLike<number>,
  dates: readonly string[] | null,
  options: PsyRunOptions = {},
  onProgress?: (done: number, total: number) => void,
): PsyRunResult {
  const o = { ...PSY_RUN_DEFAULTS, ...options };
  if (![90, 95, 99].includes(o.level)) throw new RangeError(`level must be 90, 95 or 99, got ${o.level}`);
  const values = Array.from(raw);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`value ${i + 1} is not a finite number (${values[i]})`);
    if (o.log && !(values[i] > 0)) throw new RangeError(`log needs positive values; value ${i + 1} is ${values[i]}`);
  }
  if (values.every((v) => v === values[0]))
    throw new RangeError(`series "${name}" is constant: the ADF regression is undefined`);
  const y = o.log ? values.map(Math.log) : values;
  const r = radf([{ name, values: y }], {
    lag: o.lag,
    ...(options.minWindow !== undefined ? { minWindow: options.minWindow } : {}),
  });
  const progress = onProgress ? { onProgress } : {};
  const cv: CriticalValues =
    o.method === "wb"
      ? psCriticalValues(y, { test: { lag: o.lag, minWindow: r.minWindow }, nrep: o.nrep, seed: o.seed, ...progress })
      : o.method === "wb-harvey"
        ? hlstCriticalValues(y, { minWindow: r.minWindow, nrep: o.nrep, seed: o.seed, ...progress })
        : mcCriticalValues(r.n, {
            minWindow: r.minWindow,
            lag: 0,
            nrep: o.nrep,
            seed: o.seed,
            bsadfRule: o.bsadfRule,
            ...progress,
          });
  const minDuration = o.minDuration === "psy" ? psyDs(r.n) : o.minDuration;
  const diag = diagnostics(r, cv)[0];
  const ds = datestamp(r, cv, { minDuration, level: o.level, nonrejected: true, dates, values: [y] })[0];
  const col = o.level === 90 ? 0 : o.level === 95 ? 1 : 2;
  const L = r.n - r.firstIndex;
  const s = r.series[0];
  return {
    name,
    n: r.n,
    minWindow: r.minWindow,
    lag: r.lag,
    nrep: cv.nrep,
    level: o.level,
    minDuration,
    adf: nz(s.adf),
    sadf: nz(s.sadf),
    gsadf: nz(s.gsadf),
    cv: { adf: cv.adf ? [...cv.adf] : null, sadf: cv.sadf ? [...cv.sadf] : null, gsadf: [...cv.gsadf] },
    rejected: diag.rejected,
    significance: diag.significance,
    index: Array.from({ length: L }, (_, k) => (dates ? dates[r.firstIndex + k] : r.firstIndex + k + 1)),
    bsadf: Array.from(s.bsadf, nz),
    cvSeq: Array.from({ length: L }, (_, k) => nz(cv.bsadf[r.firstIndex + k - cv.firstIndex][col])),
    tested: y.slice(r.firstIndex),
    episodes: ds.episodes.map((e) => ({
      start: e.start,
      peak: e.peak,
      end: e.end,
      duration: e.duration,
      ongoing: e.ongoing,
      signal: e.signal,
    })),
  };
}
