/**
 * Recursive right-tailed ADF tests of Phillips, Wu & Yu (2011, SADF) and Phillips, Shi & Yu (2015, GSADF/BSADF):
 * for one or many series, the full-sample ADF, the BADF sequence (expanding windows from the first observation),
 * SADF = sup BADF, the BSADF sequence (sup over window starts for each end point, PSY eq. 6) and GSADF = sup BSADF
 * (PSY eq. 5). The behaviour and alignment are exuber's `radf()` (see the project's PSY spec, §1–3); the windows
 * are counted in regression rows by default (`m` rows ⇒ the shortest window spans m + p + 1 levels) or, with
 * `windowConvention: "levels"`, in levels as psymonitor does.
 *
 * Numerics: the series is standardised first ((y − ȳ)/s_y, the statistics are affine-invariant), then the lag-0
 * closed-form kernel (running sums) or the QR-update kernel (any lag, lag selection) computes every window; lags 0
 * and 2 run the WebAssembly SIMD versions of those kernels (wasm/index.ts) where available, with the same results.
 * Complexity: O(n²·K²) time, O(n) memory per series.
 */
import { radfFixedLagKernel, radfIcKernel } from "./kernel-lag.ts";
import { psyMinw } from "./minw.ts";
import { psyKernels } from "./wasm/index.ts";

/** Options of `radf`. Defaults: exuber's (`lag` 0, `psyMinw(n)` rows, fixed lag). */
export interface RadfOptions {
  /** Minimum window. Rows (default convention) or levels; default `psyMinw(n)`. */
  readonly minWindow?: number;
  /** `"rows"` (exuber: minWindow regression rows) or `"levels"` (psymonitor: minWindow observations). */
  readonly windowConvention?: "rows" | "levels";
  /** Fixed lag order p (default 0). Ignored when `ic` selects the lag. */
  readonly lag?: number;
  /** Lag selection per window: "none" (fixed lag, default), "aic" or "bic" over 0..maxLag. */
  readonly ic?: "none" | "aic" | "bic";
  /** Largest lag considered by `ic` (default 4). */
  readonly maxLag?: number;
  /** IC variant: "common" (scale-invariant, common sample; default) or "psymonitor" (its exact criterion). */
  readonly icMode?: "common" | "psymonitor";
  /** Compute BSADF/GSADF (default true). With false only ADF, BADF and SADF are computed, in O(n). */
  readonly bsadf?: boolean;
}

export const RADF_DEFAULTS = Object.freeze({
  lag: 0,
  windowConvention: "rows" as const,
  ic: "none" as const,
  maxLag: 4,
  icMode: "common" as const,
  bsadf: true,
});

/** Statistics of one series. Sequences are aligned to `RadfResult.index`; NaN where a window is degenerate. */
export interface RadfSeries {
  readonly name: string;
  readonly adf: number;
  readonly sadf: number;
  readonly gsadf: number;
  readonly badf: Float64Array;
  readonly bsadf: Float64Array;
}

/** Result of `radf`. */
export interface RadfResult {
  readonly n: number;
  /** Minimum window in regression rows (exuber's `minw`). */
  readonly minWindow: number;
  /** The same window in levels (psymonitor's `swindow0`) = minWindow + lag + 1. */
  readonly minWindowLevels: number;
  /** Lag order used (the maximum lag under IC selection). */
  readonly lag: number;
  readonly ic: "none" | "aic" | "bic";
  readonly icMode: "common" | "psymonitor";
  /** 0-based observation index of element 0 of every sequence (= minWindow + lag). */
  readonly firstIndex: number;
  readonly series: readonly RadfSeries[];
  /** Panel GSADF (Pavlidis et al. 2016): mean BSADF across series and its supremum; present for ≥ 2 series. */
  readonly panel?: { readonly bsadf: Float64Array; readonly gsadf: number };
}

/** A named numeric series. */
export interface NamedSeries {
  readonly name: string;
  readonly values: ArrayLike<number>;
}

/** Standardises a series to mean 0, sd 1 (sd 0 → only centred). Returns the scale² for scale-dependent criteria. */
export function standardise(values: ArrayLike<number>): { y: Float64Array; scale2: number } {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (values[i] - mean) / (i + 1);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(1, n - 1));
  const y = new Float64Array(n);
  const div = sd > 0 && Number.isFinite(sd) ? sd : 1;
  for (let i = 0; i < n; i++) y[i] = (values[i] - mean) / div;
  return { y, scale2: div * div };
}

/** Validates options against n and returns the resolved window (rows) and lags. */
export function resolveRadfOptions(n: number, options: RadfOptions = {}) {
  const o = { ...RADF_DEFAULTS, ...options };
  if (!["rows", "levels"].includes(o.windowConvention))
    throw new RangeError(`windowConvention must be "rows" or "levels", got "${o.windowConvention}"`);
  if (!["none", "aic", "bic"].includes(o.ic)) throw new RangeError(`ic must be "none", "aic" or "bic", got "${o.ic}"`);
  if (!["common", "psymonitor"].includes(o.icMode))
    throw new RangeError(`icMode must be "common" or "psymonitor", got "${o.icMode}"`);
  const lagName = o.ic === "none" ? "lag" : "maxLag";
  const p = o.ic === "none" ? o.lag : o.maxLag;
  if (!Number.isInteger(p) || p < 0) throw new RangeError(`${lagName} must be a non-negative integer, got ${p}`);
  if (!Number.isInteger(n) || n < 4) throw new RangeError(`radf needs at least 4 observations, got ${n}`);
  let m: number;
  if (options.minWindow === undefined) m = psyMinw(n);
  else {
    if (!Number.isInteger(options.minWindow) || options.minWindow < 1)
      throw new RangeError(`minWindow must be a positive integer, got ${options.minWindow}`);
    m = o.windowConvention === "levels" ? options.minWindow - 1 - p : options.minWindow;
  }
  const K = p + 2;
  if (m < K + 1) {
    const what = o.windowConvention === "levels" ? `${m + p + 1} levels` : `${m} rows`;
    throw new RangeError(
      `minWindow ${what} is too small for ${lagName} ${p}: an ADF(${p}) window needs at least ${K + 1} rows (${K + p + 2} levels)`,
    );
  }
  if (m + p >= n)
    throw new RangeError(
      `series too short: ${n} observations, but the minimum window needs ${m + p + 1} (minWindow ${m} rows + ${lagName} ${p} + 1)`,
    );
  return { ...o, m, p };
}

/**
 * Runs the recursive ADF tests on one or more series of equal length.
 *
 * @example
 * const r = radf([{ name: "y", values: prices }]);
 * r.series[0].gsadf; // GSADF statistic; compare with critical values from `mcCriticalValues(r.n)`
 */
export function radf(input: readonly NamedSeries[] | ArrayLike<number>, options: RadfOptions = {}): RadfResult {
  const list: readonly NamedSeries[] = isNamedList(input) ? input : [{ name: "y", values: input }];
  if (list.length === 0) throw new RangeError("radf needs at least one series");
  const n = list[0].values.length;
  for (const s of list) {
    if (s.values.length !== n)
      throw new RangeError(`all series must have the same length: "${s.name}" has ${s.values.length}, expected ${n}`);
    for (let i = 0; i < n; i++) {
      const v = s.values[i];
      if (typeof v !== "number" || !Number.isFinite(v))
        throw new RangeError(`series "${s.name}" has a non-finite value (${v}) at observation ${i + 1}`);
    }
  }
  const o = resolveRadfOptions(n, options);
  const { m, p } = o;
  const L = n - m - p;
  const series: RadfSeries[] = list.map((s) => {
    const { y, scale2 } = standardise(s.values);
    const out = { badf: new Float64Array(L), bsadf: new Float64Array(L) };
    if (o.ic !== "none") radfIcKernel(y, m, { maxLag: p, ic: o.ic, mode: o.icMode, scale2 }, out, o.bsadf);
    else if (p === 0) psyKernels().radfLag0Kernel(y, m, out, o.bsadf ? "bsadf" : "none");
    else if (p === 2) psyKernels().radfLag2Kernel(y, m, out, o.bsadf);
    else radfFixedLagKernel(y, m, p, out, o.bsadf);
    if (!o.bsadf) out.bsadf.fill(Number.NaN);
    return {
      name: s.name,
      adf: out.badf[L - 1],
      sadf: supIgnoringNaN(out.badf),
      gsadf: o.bsadf ? supIgnoringNaN(out.bsadf) : Number.NaN,
      ...out,
    };
  });
  let panel: RadfResult["panel"];
  if (series.length >= 2 && o.bsadf) {
    const bs = new Float64Array(L);
    for (let k = 0; k < L; k++) {
      let sum = 0;
      for (const s of series) sum += s.bsadf[k];
      bs[k] = sum / series.length;
    }
    panel = { bsadf: bs, gsadf: supIgnoringNaN(bs) };
  }
  return {
    n,
    minWindow: m,
    minWindowLevels: m + p + 1,
    lag: p,
    ic: o.ic,
    icMode: o.icMode,
    firstIndex: m + p,
    series,
    ...(panel ? { panel } : {}),
  };
}

/** Maximum ignoring NaN; −∞ when every element is NaN (exuber's convention for SADF/GSADF). */
export function supIgnoringNaN(a: ArrayLike<number>): number {
  let best = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < a.length; i++) if (a[i] > best) best = a[i];
  return best;
}

function isNamedList(x: readonly NamedSeries[] | ArrayLike<number>): x is readonly NamedSeries[] {
  return x.length > 0 && typeof (x as readonly NamedSeries[])[0] === "object";
}
