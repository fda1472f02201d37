/**
 * Technology-adjusted PSY test (Chen, Chen, Huang, Li & Zhang 2026, "General-Purpose Technology and Speculative
 * Bubble Detection", arXiv 2604.25826): while a general-purpose technology is adopted, the *fundamental* price can
 * be locally explosive, so PSY's GSADF rejects "no bubble" without any bubble. Their remedy is a
 * fundamental-versus-speculative decomposition: project the log real price on observable technology proxies (and
 * controls), then run GSADF/BSADF on the residual.
 *
 * Step 1 — the cointegrating regression, by OLS or by dynamic OLS (Stock & Watson 1993, Econometrica 61(4), eq. 3.1:
 * the levels plus leads and lags of the differenced regressors, so that the level coefficients are efficient under
 * endogeneity):
 *
 *   y_t = c [+ τ·t/n] + β′X_t [+ Σ_{j=−k..k} γ_j′ΔX_{t+j}] + u_t,    t = k+1 … n−k−1 (DOLS) or 0 … n−1 (OLS);
 *
 * the residual is û_t = y_t − ĉ [− τ̂·t/n] − β̂′X_t for every t = 0 … n−1 (the lead/lag terms are nuisance terms and
 * are not removed). Solved by Householder QR with a rank check (no normal equations).
 *
 * Step 2 — radf(û) with lag 0 and the PSY minimum window, exuber's conventions (see radf.ts).
 *
 * Critical values — the residual is estimated, so the usual PSY critical values do not apply (the regression
 * absorbs part of any explosive component and changes the null distribution). We bootstrap the whole two-step
 * procedure under the null that the residual is a (possibly heteroskedastic) random walk with the regressors held
 * at their observed values: u*_0 = 0, u*_t = u*_{t−1} + w_t·Δû_t with w_t iid N(0,1) (the Harvey, Leybourne, Sollis &
 * Taylor 2016 wild bootstrap applied to the estimated residual; `nullModel: "wild"`, the default), or
 * u*_t = u*_{t−1} + ε_t with ε iid N(0,1) (`"iid"`, the Monte Carlo null of PSY 2015). Each bootstrap series is put
 * through step 1 with the same design and step 2 with the same settings. Because the regression is exactly
 * equivariant to adding ĉ + τ̂t/n + β̂′X_t to the dependent variable (those columns are in the design), using u* itself
 * as the dependent variable gives the same bootstrap residuals as y* = ĉ + β̂′X + u*. Critical values are type-7
 * quantiles over replications: GSADF/SADF/ADF, and BSADF(t)/BADF(t) pointwise at each t (as exuber's wild bootstrap).
 * With no regressors the procedure is the raw PSY test with the same bootstrap, which makes raw and adjusted
 * results directly comparable.
 *
 * Replication r draws only from `RandomStream(seed, r)`: any split of the replications across workers gives
 * bit-identical critical values (`adjustedReplications` runs a slice).
 *
 * Complexity: step 1 O(n·K²) once, then O(n·K) per replication (the QR factor is reused); step 2 O(n²) per
 * replication (lag-0 kernel). K = 1 + trend + J·(1 + (2k+1)·[DOLS]).
 */
import { quantilesOmitNaN } from "../../core/quantile.ts";
import { RandomStream } from "../../core/rng.ts";
import { type CriticalValues, CV_PROBS } from "./cv.ts";
import { datestamp, type Episode } from "./datestamp.ts";
import { psyMinw } from "./minw.ts";
import { type RadfResult, radf } from "./radf.ts";

/** A regressor of the cointegrating regression (technology proxy or control), aligned with the dependent variable. */
export interface AdjustRegressor {
  readonly name: string;
  readonly values: ArrayLike<number>;
}

/** Options of `adjustedPsy` (defaults in `ADJUSTED_DEFAULTS`). */
export interface AdjustedPsyOptions {
  /** "dols" (Stock–Watson dynamic OLS, default) or "ols". */
  readonly estimator?: "ols" | "dols";
  /** DOLS leads and lags k of the differenced regressors (default 3: one quarter each side at monthly frequency). */
  readonly leadsLags?: number;
  /** Add a deterministic linear trend to the regression (default false). */
  readonly trend?: boolean;
  /** Minimum window in rows (default psyMinw(n)). */
  readonly minWindow?: number;
  /** Bootstrap replications of the two-step procedure (default 499). */
  readonly nboot?: number;
  /** Seed (default 123). */
  readonly seed?: number;
  /** Null model of the residual: "wild" (HLST multipliers on Δû, default) or "iid" (Gaussian random walk). */
  readonly nullModel?: "wild" | "iid";
  /** Date-stamping: minimum episode duration in observations (default 0) and level (default 95). */
  readonly minDuration?: number;
  readonly level?: 90 | 95 | 99;
  /** ISO dates of the observations (episodes then carry dates). */
  readonly dates?: readonly string[] | null;
  /** Name of the series (default "residual"). */
  readonly name?: string;
}

export const ADJUSTED_DEFAULTS = Object.freeze({
  estimator: "dols" as const,
  leadsLags: 3,
  trend: false,
  nboot: 499,
  seed: 123,
  nullModel: "wild" as const,
  minDuration: 0,
  level: 95 as const,
});

/** The fitted decomposition (step 1) and everything a bootstrap replication needs; JSON-serialisable apart from arrays. */
export interface AdjustedDesign {
  readonly n: number;
  readonly estimator: "ols" | "dols";
  readonly leadsLags: number;
  readonly trend: boolean;
  readonly names: readonly string[];
  /** First and last rows (0-based observations) of the regression sample. */
  readonly rowFrom: number;
  readonly rowTo: number;
  readonly minWindow: number;
  readonly seed: number;
  readonly nullModel: "wild" | "iid";
  /** Level-part coefficients: [intercept, (trend), β_1 … β_J]. */
  readonly levelCoefficients: readonly number[];
  readonly levelNames: readonly string[];
  readonly r2: number;
  readonly columns: number;
  readonly residual: readonly number[];
  /** Internal: the QR factor of the design and the level-part columns for every t (row-major n × (1+trend+J)). */
  readonly qr: HouseholderQr;
  readonly levelDesign: Float64Array;
}

/** Per-replication statistics of a slice of the bootstrap (L = n − minWindow). */
export interface AdjustedReplications {
  readonly from: number;
  readonly to: number;
  readonly adf: Float64Array;
  readonly sadf: Float64Array;
  readonly gsadf: Float64Array;
  /** (to − from) × L, row-major. */
  readonly badf: Float64Array;
  readonly bsadf: Float64Array;
  readonly L: number;
}

export interface AdjustedPsyResult {
  readonly n: number;
  readonly estimator: "ols" | "dols";
  readonly leadsLags: number;
  readonly trend: boolean;
  readonly regressors: readonly string[];
  readonly regression: {
    readonly rowFrom: number;
    readonly rowTo: number;
    readonly columns: number;
    readonly r2: number;
    readonly coefficients: readonly { readonly name: string; readonly estimate: number }[];
  };
  readonly residual: readonly number[];
  readonly radf: RadfResult;
  readonly cv: CriticalValues;
  readonly gsadf: number;
  readonly gsadfCv: readonly number[];
  readonly rejected: boolean;
  readonly significance: "1%" | "5%" | "10%" | "none";
  readonly episodes: readonly Episode[];
  readonly bootstrap: {
    readonly method: string;
    readonly nboot: number;
    readonly seed: number;
    readonly nullModel: "wild" | "iid";
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Householder QR (column-major), reused for every bootstrap right-hand side.

export interface HouseholderQr {
  readonly rows: number;
  readonly cols: number;
  /** Column-major: R in the upper triangle, Householder vectors below (with `beta`). */
  readonly a: Float64Array;
  readonly beta: Float64Array;
  readonly diag: Float64Array;
  /** Column scales (each column divided by its norm before factoring, for the rank check). */
  readonly scale: Float64Array;
}

function householderQr(a: Float64Array, rows: number, cols: number, names: readonly string[]): HouseholderQr {
  if (rows <= cols)
    throw new RangeError(`adjusted regression needs more rows than columns, got ${rows} rows and ${cols} columns`);
  const scale = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += a[j * rows + i] ** 2;
    scale[j] = Math.sqrt(s) || 1;
    for (let i = 0; i < rows; i++) a[j * rows + i] /= scale[j];
  }
  const beta = new Float64Array(cols);
  const diag = new Float64Array(cols);
  for (let k = 0; k < cols; k++) {
    const off = k * rows;
    let norm = 0;
    for (let i = k; i < rows; i++) norm += a[off + i] ** 2;
    norm = Math.sqrt(norm);
    if (norm < 1e-10)
      throw new RangeError(
        `adjusted regression: the regressors are collinear (column "${names[k] ?? k}" is a combination of the others)`,
      );
    const alpha = a[off + k] > 0 ? -norm : norm;
    const v0 = a[off + k] - alpha;
    a[off + k] = v0;
    let vtv = v0 * v0;
    for (let i = k + 1; i < rows; i++) vtv += a[off + i] ** 2;
    beta[k] = vtv > 0 ? 2 / vtv : 0;
    diag[k] = alpha;
    for (let j = k + 1; j < cols; j++) {
      const oj = j * rows;
      let s = 0;
      for (let i = k; i < rows; i++) s += a[off + i] * a[oj + i];
      s *= beta[k];
      for (let i = k; i < rows; i++) a[oj + i] -= s * a[off + i];
    }
  }
  return { rows, cols, a, beta, diag, scale };
}

/** Least-squares coefficients for a right-hand side (length `rows`); O(rows·cols). */
function qrSolve(qr: HouseholderQr, rhs: Float64Array): Float64Array {
  const { rows, cols, a, beta, diag, scale } = qr;
  const b = Float64Array.from(rhs);
  for (let k = 0; k < cols; k++) {
    const off = k * rows;
    let s = 0;
    for (let i = k; i < rows; i++) s += a[off + i] * b[i];
    s *= beta[k];
    for (let i = k; i < rows; i++) b[i] -= s * a[off + i];
  }
  const x = new Float64Array(cols);
  for (let k = cols - 1; k >= 0; k--) {
    let s = b[k];
    for (let j = k + 1; j < cols; j++) s -= a[j * rows + k] * x[j];
    x[k] = s / diag[k];
  }
  for (let k = 0; k < cols; k++) x[k] /= scale[k];
  return x;
}

// ---------------------------------------------------------------------------------------------------------------

function checkSeries(name: string, v: ArrayLike<number>, n: number): void {
  if (v.length !== n) throw new RangeError(`regressor "${name}" has ${v.length} observations, the price has ${n}`);
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(v[i])) throw new RangeError(`"${name}" is not finite at observation ${i + 1} (${v[i]})`);
}

/**
 * Step 1: fits the decomposition and prepares the bootstrap.
 *
 * @example
 * const d = fitAdjustedDesign(logRealPrice, [{ name: "log TFP", values: logTfp }], { estimator: "dols" });
 * d.levelCoefficients; // [ĉ, β̂_TFP]
 */
export function fitAdjustedDesign(
  y: ArrayLike<number>,
  regressors: readonly AdjustRegressor[],
  options: AdjustedPsyOptions = {},
): AdjustedDesign {
  const n = y.length;
  checkSeries("price", y, n);
  for (const r of regressors) checkSeries(r.name, r.values, n);
  const estimator = options.estimator ?? ADJUSTED_DEFAULTS.estimator;
  if (estimator !== "ols" && estimator !== "dols")
    throw new RangeError(`estimator must be "ols" or "dols", got "${String(estimator)}"`);
  const k = estimator === "dols" ? (options.leadsLags ?? ADJUSTED_DEFAULTS.leadsLags) : 0;
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`leadsLags must be a non-negative integer, got ${k}`);
  const trend = options.trend ?? ADJUSTED_DEFAULTS.trend;
  const nullModel = options.nullModel ?? ADJUSTED_DEFAULTS.nullModel;
  if (nullModel !== "wild" && nullModel !== "iid")
    throw new RangeError(`nullModel must be "wild" or "iid", got "${String(nullModel)}"`);
  const seed = options.seed ?? ADJUSTED_DEFAULTS.seed;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const minWindow = options.minWindow ?? psyMinw(n);
  if (!Number.isInteger(minWindow) || minWindow < 3 || minWindow >= n - 1)
    throw new RangeError(`minWindow must be an integer in 3..${n - 2}, got ${minWindow}`);
  const J = regressors.length;
  const dols = estimator === "dols" && J > 0;
  const rowFrom = dols ? k + 1 : 0;
  const rowTo = dols ? n - 1 - k : n - 1;
  const rows = rowTo - rowFrom + 1;
  const levelNames = ["intercept", ...(trend ? ["trend (t/n)"] : []), ...regressors.map((r) => r.name)];
  const P = levelNames.length;
  const names = [...levelNames];
  if (dols)
    for (const r of regressors) for (let j = -k; j <= k; j++) names.push(`Δ${r.name}(t${j < 0 ? "" : "+"}${j})`);
  const cols = names.length;
  if (rows <= cols + 2)
    throw new RangeError(
      `adjusted regression: ${rows} rows are too few for ${cols} columns (shorten leadsLags or add data)`,
    );
  // Level part of the design for every t (used for residuals), row-major n × P.
  const levelDesign = new Float64Array(n * P);
  for (let t = 0; t < n; t++) {
    let c = 0;
    levelDesign[t * P + c++] = 1;
    if (trend) levelDesign[t * P + c++] = t / n;
    for (const r of regressors) levelDesign[t * P + c++] = r.values[t];
  }
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const t = rowFrom + i;
    for (let c = 0; c < P; c++) a[c * rows + i] = levelDesign[t * P + c];
    let c = P;
    if (dols)
      for (const r of regressors)
        for (let j = -k; j <= k; j++) {
          a[c * rows + i] = r.values[t + j] - r.values[t + j - 1];
          c++;
        }
  }
  const qr = householderQr(a, rows, cols, names);
  const rhs = new Float64Array(rows);
  for (let i = 0; i < rows; i++) rhs[i] = y[rowFrom + i];
  const coef = qrSolve(qr, rhs);
  const residual = levelResidual(y, coef, levelDesign, P, n);
  // R² of the full regression on its own sample.
  let mean = 0;
  for (let i = 0; i < rows; i++) mean += rhs[i];
  mean /= rows;
  let tss = 0;
  let rss = 0;
  for (let i = 0; i < rows; i++) {
    const t = rowFrom + i;
    let fit = 0;
    for (let c = 0; c < P; c++) fit += coef[c] * levelDesign[t * P + c];
    let c = P;
    if (dols)
      for (const r of regressors)
        for (let j = -k; j <= k; j++) {
          fit += coef[c] * (r.values[t + j] - r.values[t + j - 1]);
          c++;
        }
    rss += (rhs[i] - fit) ** 2;
    tss += (rhs[i] - mean) ** 2;
  }
  return {
    n,
    estimator,
    leadsLags: dols ? k : 0,
    trend,
    names,
    rowFrom,
    rowTo,
    minWindow,
    seed,
    nullModel,
    levelCoefficients: Array.from(coef.subarray(0, P)),
    levelNames,
    r2: tss > 0 ? 1 - rss / tss : Number.NaN,
    columns: cols,
    residual: Array.from(residual),
    qr,
    levelDesign,
  };
}

function levelResidual(
  y: ArrayLike<number>,
  coef: ArrayLike<number>,
  levelDesign: Float64Array,
  P: number,
  n: number,
): Float64Array {
  const u = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let fit = 0;
    for (let c = 0; c < P; c++) fit += coef[c] * levelDesign[t * P + c];
    u[t] = y[t] - fit;
  }
  return u;
}

/**
 * Runs bootstrap replications `from` … `to − 1` of the two-step procedure (any slice: the union of slices is
 * bit-identical to one run, so workers can split them).
 */
export function adjustedReplications(d: AdjustedDesign, from: number, to: number): AdjustedReplications {
  const { n, minWindow: m, qr, levelDesign, rowFrom } = d;
  const P = d.levelNames.length;
  const L = n - m;
  const R = to - from;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from)
    throw new RangeError(`replication slice must satisfy 0 <= from <= to, got ${from}..${to}`);
  const out: AdjustedReplications = {
    from,
    to,
    adf: new Float64Array(R),
    sadf: new Float64Array(R),
    gsadf: new Float64Array(R),
    badf: new Float64Array(R * L),
    bsadf: new Float64Array(R * L),
    L,
  };
  const du = new Float64Array(n);
  for (let t = 1; t < n; t++) du[t] = d.residual[t] - d.residual[t - 1];
  const u = new Float64Array(n);
  const rhs = new Float64Array(qr.rows);
  for (let r = from; r < to; r++) {
    const rng = new RandomStream(d.seed, r);
    u[0] = 0;
    for (let t = 1; t < n; t++) u[t] = u[t - 1] + (d.nullModel === "wild" ? rng.normal() * du[t] : rng.normal());
    for (let i = 0; i < qr.rows; i++) rhs[i] = u[rowFrom + i];
    const coef = qrSolve(qr, rhs);
    const res = levelResidual(u, coef, levelDesign, P, n);
    const s = radf(res, { minWindow: m, lag: 0 }).series[0];
    const i = r - from;
    out.adf[i] = s.adf;
    out.sadf[i] = s.sadf;
    out.gsadf[i] = s.gsadf;
    out.badf.set(s.badf, i * L);
    out.bsadf.set(s.bsadf, i * L);
  }
  return out;
}

/** Critical values (type-7 quantiles at 90/95/99%) from the bootstrap statistics, as a PSY critical-value object. */
export function adjustedCriticalValues(
  d: AdjustedDesign,
  reps: AdjustedReplications,
  name = "residual",
): CriticalValues {
  const R = reps.to - reps.from;
  if (R < 2) throw new RangeError(`nboot must be at least 2, got ${R}`);
  const q = (v: ArrayLike<number>) => quantilesOmitNaN(v, CV_PROBS);
  const col = new Float64Array(R);
  const seq = (src: Float64Array) => {
    const rows: number[][] = [];
    for (let e = 0; e < reps.L; e++) {
      for (let r = 0; r < R; r++) col[r] = src[r * reps.L + e];
      rows.push(q(col));
    }
    return rows;
  };
  return {
    method: d.nullModel === "wild" ? "wb-hlst" : "mc",
    n: d.n,
    minWindow: d.minWindow,
    lag: 0,
    ic: "none",
    nrep: R,
    seed: d.seed,
    rng: "stream",
    probs: CV_PROBS,
    adf: q(reps.adf),
    sadf: q(reps.sadf),
    gsadf: q(reps.gsadf),
    firstIndex: d.minWindow,
    badf: seq(reps.badf),
    bsadf: seq(reps.bsadf),
    bsadfRule: "bootstrap",
    series: name,
  };
}

/**
 * The technology-adjusted PSY test: decomposition, GSADF/BSADF on the residual, two-step bootstrap critical values,
 * decision at 95% and date-stamped episodes.
 *
 * @example
 * const r = adjustedPsy(logRealNasdaq, [{ name: "log TFP", values: logTfp }, { name: "log IP", values: logIp }],
 *   { estimator: "dols", leadsLags: 3, nboot: 499, seed: 123, dates });
 * r.rejected; r.episodes; // speculative episodes net of the technology fundamentals
 */
export function adjustedPsy(
  y: ArrayLike<number>,
  regressors: readonly AdjustRegressor[],
  options: AdjustedPsyOptions = {},
): AdjustedPsyResult {
  const d = fitAdjustedDesign(y, regressors, options);
  const nboot = options.nboot ?? ADJUSTED_DEFAULTS.nboot;
  if (!Number.isInteger(nboot) || nboot < 2) throw new RangeError(`nboot must be an integer >= 2, got ${nboot}`);
  const reps = adjustedReplications(d, 0, nboot);
  return assembleAdjusted(d, reps, options);
}

/** Joins a fitted design and its bootstrap replications into the test result (the step after the workers). */
export function assembleAdjusted(
  d: AdjustedDesign,
  reps: AdjustedReplications,
  options: AdjustedPsyOptions = {},
): AdjustedPsyResult {
  const name = options.name ?? "residual";
  const cv = adjustedCriticalValues(d, reps, name);
  const r = radf([{ name, values: d.residual }], { minWindow: d.minWindow, lag: 0 });
  const ds = datestamp(r, cv, {
    minDuration: options.minDuration ?? ADJUSTED_DEFAULTS.minDuration,
    level: options.level ?? ADJUSTED_DEFAULTS.level,
    nonrejected: true,
    ...(options.dates ? { dates: options.dates } : {}),
  })[0];
  return {
    n: d.n,
    estimator: d.estimator,
    leadsLags: d.leadsLags,
    trend: d.trend,
    regressors: d.levelNames.slice(d.trend ? 2 : 1),
    regression: {
      rowFrom: d.rowFrom,
      rowTo: d.rowTo,
      columns: d.columns,
      r2: d.r2,
      coefficients: d.levelNames.map((nm, i) => ({ name: nm, estimate: d.levelCoefficients[i] })),
    },
    residual: d.residual,
    radf: r,
    cv,
    gsadf: r.series[0].gsadf,
    gsadfCv: cv.gsadf,
    rejected: ds.rejected,
    significance: ds.significance,
    // Episodes are stamped for every series (nonrejected) but only reported when GSADF rejects at 95%.
    episodes: ds.rejected ? ds.episodes : [],
    bootstrap: {
      method:
        d.nullModel === "wild"
          ? "two-step wild bootstrap (HLST 2016 multipliers on the differenced residual; regression re-estimated in every replication)"
          : "two-step Monte Carlo (Gaussian random-walk residual; regression re-estimated in every replication)",
      nboot: reps.to - reps.from,
      seed: d.seed,
      nullModel: d.nullModel,
    },
  };
}
