/**
 * Critical values for the recursive ADF statistics, as objects separate from the test (exuber's model):
 *  - `mcCriticalValues`: Monte Carlo under y_t = Σε_i (PSY 2015 §4; exuber `radf_mc_cv`), for any n (no table cap).
 *  - `hlstCriticalValues`: Harvey et al. (2016) wild bootstrap (exuber `radf_wb_cv`).
 *  - `psCriticalValues`: Phillips & Shi (2020) wild bootstrap with optional family-wise size control over `tb`
 *    observations (exuber `radf_wb_cv2`/psymonitor `cvPSYwmboot`, with their bugs fixed — see replicate.ts).
 *  - `panelCriticalValues`: Pavlidis et al. (2016) panel sieve bootstrap for the panel GSADF (exuber `radf_sb_cv`,
 *    with its bug fixed: the panel statistic is the mean of every series' BSADF).
 * Quantiles use R's type-7 rule. BSADF critical-value sequence for MC: exuber's rule by default (the quantile of
 * the running maximum of BADF, i.e. the SADF of the first t observations, "sup ADF critical value based on ⌊Tr2⌋
 * observations", PSY 2015 p. 1052), or `bsadfRule: "psy2015"` for the quantile of the simulated BSADF(t) itself.
 * BADF critical values under MC are exuber's constant asymptotic PWY values (−0.44, −0.08, 0.60); with
 * "psy2015" they are the simulated BADF(t) quantiles.
 * Complexity: nrep × O(n²·K²) time; O(nrep·n) memory for the sequences.
 */
import { quantilesOmitNaN } from "../../core/quantile.ts";
import { psyMinw } from "./minw.ts";
import { type RadfOptions, resolveRadfOptions } from "./radf.ts";
import {
  jobLength,
  type KeepSequences,
  type ReplicaTest,
  type ReplicationJob,
  type ReplicationOutput,
  runReplications,
} from "./replicate.ts";

export const CV_PROBS = Object.freeze([0.9, 0.95, 0.99]) as readonly number[];
/** PWY (2011) asymptotic right-tail critical values of the ADF statistic, used by exuber for BADF. */
export const PWY_BADF_CV = Object.freeze([-0.44, -0.08, 0.6]) as readonly number[];

export type CvMethod = "mc" | "wb-hlst" | "wb-ps" | "sb-panel";

/** A critical-value object. Rows of `badf`/`bsadf` are [90%, 95%, 99%] for observations firstIndex, firstIndex+1, … */
export interface CriticalValues {
  readonly method: CvMethod;
  readonly n: number;
  readonly minWindow: number;
  readonly lag: number;
  readonly ic: "none" | "aic" | "bic";
  readonly nrep: number;
  readonly seed: number;
  readonly rng: "stream" | "r";
  readonly probs: readonly number[];
  readonly adf: readonly number[] | null;
  readonly sadf: readonly number[] | null;
  readonly gsadf: readonly number[];
  /** 0-based observation index of row 0 of `badf` and `bsadf`. */
  readonly firstIndex: number;
  readonly badf: readonly (readonly number[])[] | null;
  readonly bsadf: readonly (readonly number[])[];
  readonly bsadfRule: "exuber" | "psy2015" | "bootstrap";
  /** Family-wise size control window (PS 2020): cvs are quantiles of the max BSADF over `tb` observations. */
  readonly tb?: number;
  /** Name of the series the bootstrap was fitted to (bootstraps are per series). */
  readonly series?: string;
  /** Raw per-replication statistics (for distribution checks); present when `keepDistribution`. */
  readonly distribution?: { readonly adf: number[]; readonly sadf: number[]; readonly gsadf: number[] };
}

/** Progress callback: replications done out of total. */
export type Progress = (done: number, total: number) => void;

/** Runs a job's replications; the default runs them serially on this thread. Node's worker pool plugs in here. */
export type ReplicationRunner = (
  job: ReplicationJob,
  nrep: number,
  keep: KeepSequences,
  onProgress?: Progress,
) => ReplicationOutput;

export const serialRunner: ReplicationRunner = (job, nrep, keep, onProgress) =>
  runReplications(job, 0, nrep, keep, onProgress ? (d) => onProgress(d, nrep) : undefined);

/** Sequences a critical-value computation needs from each replication. */
export function keepFor(method: CvMethod, rule: "exuber" | "psy2015" | "bootstrap", tb?: number): KeepSequences {
  if (tb !== undefined) return "none";
  return method === "mc" && rule === "exuber" ? "badf" : "both";
}

interface CommonCvOptions {
  /** Replications (default 2000 for MC, 999 for bootstraps). */
  readonly nrep?: number;
  /** Seed (default 123). */
  readonly seed?: number;
  /** Keep the raw adf/sadf/gsadf draws in the result. */
  readonly keepDistribution?: boolean;
  readonly onProgress?: Progress;
}

export interface McCvOptions extends CommonCvOptions {
  /** Minimum window in rows (default psyMinw(n)). */
  readonly minWindow?: number;
  /** Lag of the simulated test (default 0, as exuber 1.1.0). */
  readonly lag?: number;
  /** BSADF cv rule: "exuber" (default) or "psy2015". */
  readonly bsadfRule?: "exuber" | "psy2015";
  /** "stream" (default: independent seeded streams, parallel-safe) or "r" (R's set.seed/rnorm sequence). */
  readonly rng?: "stream" | "r";
}

function checkCount(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
}

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
}

/**
 * Monte Carlo critical values for a series of length n.
 *
 * @example
 * const cv = mcCriticalValues(200, { nrep: 2000, seed: 123 });
 * cv.gsadf; // [90%, 95%, 99%] ≈ [1.88, 2.11, 2.61]
 */
export function mcCriticalValues(
  n: number,
  options: McCvOptions = {},
  runner: ReplicationRunner = serialRunner,
): CriticalValues {
  const job = buildMcJob(n, options);
  const nrep = options.nrep ?? 2000;
  checkCount("nrep", nrep, 2);
  const rule = options.bsadfRule ?? "exuber";
  const out = runner(job, nrep, keepFor("mc", rule), options.onProgress);
  return assembleCriticalValues(job, out, nrep, { bsadfRule: rule, keepDistribution: options.keepDistribution });
}

/** The replication job behind `mcCriticalValues` (exposed for the worker pool). */
export function buildMcJob(n: number, options: McCvOptions = {}): ReplicationJob {
  checkCount("n", n, 4);
  const seed = options.seed ?? 123;
  checkSeed(seed);
  if (options.bsadfRule !== undefined && !["exuber", "psy2015"].includes(options.bsadfRule))
    throw new RangeError(`bsadfRule must be "exuber" or "psy2015", got "${options.bsadfRule}"`);
  if (options.rng !== undefined && !["stream", "r"].includes(options.rng))
    throw new RangeError(`rng must be "stream" or "r", got "${options.rng}"`);
  const o = resolveRadfOptions(n, { minWindow: options.minWindow ?? psyMinw(n), lag: options.lag ?? 0 });
  return {
    kind: "mc",
    n,
    seed,
    rng: options.rng ?? "stream",
    test: { m: o.m, lag: o.p, ic: "none", icMode: "common" },
  };
}

/** Turns per-replication statistics into a critical-value object (type-7 quantiles; NaN draws are dropped). */
export function assembleCriticalValues(
  job: ReplicationJob,
  out: ReplicationOutput,
  nrep: number,
  opts: {
    bsadfRule?: "exuber" | "psy2015" | "bootstrap";
    keepDistribution?: boolean;
    tb?: number;
    series?: string;
  } = {},
): CriticalValues {
  const q = (v: ArrayLike<number>) => quantilesOmitNaN(v, CV_PROBS);
  const L = out.L;
  const test = job.test;
  const rule = opts.bsadfRule ?? (job.kind === "mc" ? "exuber" : "bootstrap");
  const col = new Float64Array(nrep);
  const seqQuantiles = (src: Float64Array, runningMax: boolean): number[][] => {
    const rows: number[][] = [];
    const acc = runningMax ? new Float64Array(nrep).fill(Number.NEGATIVE_INFINITY) : undefined;
    for (let e = 0; e < L; e++) {
      for (let r = 0; r < nrep; r++) {
        const v = src[r * L + e];
        if (acc) {
          if (v > acc[r]) acc[r] = v;
          col[r] = acc[r];
        } else col[r] = v;
      }
      rows.push(q(col));
    }
    return rows;
  };
  const isPanel = job.kind === "sb-panel";
  let badf: number[][] | null = null;
  let bsadf: number[][];
  const gsadf = q(out.gsadf);
  if (opts.tb !== undefined) {
    // Family-wise: the same scalar cv for every observation.
    bsadf = Array.from({ length: L }, () => gsadf.slice());
    const s = q(out.sadf);
    badf = Array.from({ length: L }, () => s.slice());
  } else if (rule === "exuber") {
    badf = Array.from({ length: L }, () => [...PWY_BADF_CV]);
    bsadf = seqQuantiles(out.badf!, true);
  } else {
    if (!isPanel) badf = seqQuantiles(out.badf!, false);
    bsadf = seqQuantiles(out.bsadf!, false);
  }
  const seed = job.seed;
  return {
    method: job.kind,
    n: jobLength(job),
    minWindow: test.m,
    lag: test.lag,
    ic: test.ic,
    nrep,
    seed,
    rng: "rng" in job ? job.rng : "stream",
    probs: CV_PROBS,
    adf: isPanel ? null : q(out.adf),
    sadf: isPanel ? null : q(out.sadf),
    gsadf,
    firstIndex: test.m + test.lag,
    badf,
    bsadf,
    bsadfRule: rule,
    ...(opts.tb !== undefined ? { tb: opts.tb } : {}),
    ...(opts.series !== undefined ? { series: opts.series } : {}),
    ...(opts.keepDistribution
      ? { distribution: { adf: Array.from(out.adf), sadf: Array.from(out.sadf), gsadf: Array.from(out.gsadf) } }
      : {}),
  };
}

export interface HlstCvOptions extends CommonCvOptions {
  readonly minWindow?: number;
  /** Multiplier distribution: "normal" (default) or "rademacher". */
  readonly dist?: "normal" | "rademacher";
  readonly rng?: "stream" | "r";
}

/** Harvey–Leybourne–Sollis–Taylor (2016) wild bootstrap critical values for one series (lag-0 statistics). */
export function hlstCriticalValues(
  values: ArrayLike<number>,
  options: HlstCvOptions = {},
  runner: ReplicationRunner = serialRunner,
): CriticalValues {
  const job = buildHlstJob(values, options);
  const nrep = options.nrep ?? 999;
  checkCount("nrep", nrep, 2);
  const out = runner(job, nrep, "both", options.onProgress);
  return assembleCriticalValues(job, out, nrep, { bsadfRule: "bootstrap", keepDistribution: options.keepDistribution });
}

export function buildHlstJob(values: ArrayLike<number>, options: HlstCvOptions = {}): ReplicationJob {
  const n = values.length;
  checkFinite(values, "series");
  const seed = options.seed ?? 123;
  checkSeed(seed);
  const dist = options.dist ?? "normal";
  if (!["normal", "rademacher"].includes(dist))
    throw new RangeError(`dist must be "normal" or "rademacher", got "${dist}"`);
  const o = resolveRadfOptions(n, { minWindow: options.minWindow ?? psyMinw(n), lag: 0 });
  const dy: number[] = [];
  for (let t = 1; t < n; t++) dy.push(values[t] - values[t - 1]);
  return {
    kind: "wb-hlst",
    dy,
    seed,
    dist,
    rng: options.rng ?? "stream",
    test: { m: o.m, lag: 0, ic: "none", icMode: "common" },
  };
}

export interface PsCvOptions extends CommonCvOptions {
  /** The test's settings (window, lag or IC); the bootstrap applies the same test to each simulated series. */
  readonly test?: RadfOptions;
  /** Family-wise size control over `tb` observations (PS 2020); default: none (pointwise, full length). */
  readonly tb?: number;
}

/** Phillips–Shi (2020) wild bootstrap critical values for one series. */
export function psCriticalValues(
  values: ArrayLike<number>,
  options: PsCvOptions = {},
  runner: ReplicationRunner = serialRunner,
): CriticalValues {
  const job = buildPsJob(values, options);
  const nrep = options.nrep ?? 999;
  checkCount("nrep", nrep, 2);
  const out = runner(job, nrep, keepFor("wb-ps", "bootstrap", options.tb), options.onProgress);
  return assembleCriticalValues(job, out, nrep, {
    bsadfRule: "bootstrap",
    keepDistribution: options.keepDistribution,
    ...(options.tb !== undefined ? { tb: options.tb } : {}),
  });
}

/** PS (2020) `ps_tb`: the family-wise window, minimum window plus `years` years of observations at `freq` per year. */
export function psTb(n: number, freq: number, years = 2): number {
  return psyMinw(n) + years * freq - 1;
}

export function buildPsJob(values: ArrayLike<number>, options: PsCvOptions = {}): ReplicationJob {
  const n = values.length;
  checkFinite(values, "series");
  const seed = options.seed ?? 123;
  checkSeed(seed);
  const o = resolveRadfOptions(n, options.test ?? {});
  const length = options.tb ?? n;
  if (options.tb !== undefined) {
    checkCount("tb", options.tb, o.m + o.p + 1);
    if (options.tb > n) throw new RangeError(`tb must be at most the series length ${n}, got ${options.tb}`);
  }
  // Null model: Δy_t = c + Σ φ_k Δy_{t−k} + u_t by OLS on the full sample, with q = the fixed lag or the IC choice.
  const dy: number[] = [];
  for (let t = 1; t < n; t++) dy.push(values[t] - values[t - 1]);
  const q = o.ic === "none" ? o.p : selectArLag(dy, o.p, o.ic);
  const fit = fitArDiff(dy, q);
  // For a test with fixed lag the windows need the same m; under IC selection the bootstrap series are tested
  // with the same IC and maximum lag.
  const test: ReplicaTest = { m: o.m, lag: o.p, ic: o.ic, icMode: o.icMode };
  if (length - o.m - o.p < 1)
    throw new RangeError(`tb ${length} is too short for minimum window ${o.m} and lag ${o.p}`);
  return { kind: "wb-ps", y1: values[0], dyInit: dy.slice(0, q), phi: fit.phi, resid: fit.resid, length, seed, test };
}

export interface PanelCvOptions extends CommonCvOptions {
  readonly minWindow?: number;
  readonly lag?: number;
}

/** Panel sieve bootstrap critical values (Pavlidis et al. 2016) for the panel GSADF/BSADF of several series. */
export function panelCriticalValues(
  series: readonly ArrayLike<number>[],
  options: PanelCvOptions = {},
  runner: ReplicationRunner = serialRunner,
): CriticalValues {
  const job = buildPanelJob(series, options);
  const nrep = options.nrep ?? 999;
  checkCount("nrep", nrep, 2);
  const out = runner(job, nrep, "both", options.onProgress);
  return assembleCriticalValues(job, out, nrep, { bsadfRule: "bootstrap", keepDistribution: options.keepDistribution });
}

export function buildPanelJob(series: readonly ArrayLike<number>[], options: PanelCvOptions = {}): ReplicationJob {
  if (series.length < 2) throw new RangeError(`the panel bootstrap needs at least 2 series, got ${series.length}`);
  const n = series[0].length;
  for (const s of series) {
    if (s.length !== n) throw new RangeError(`panel series must have equal length: ${s.length} vs ${n}`);
    checkFinite(s, "panel series");
  }
  const seed = options.seed ?? 123;
  checkSeed(seed);
  const lag = options.lag ?? 0;
  const o = resolveRadfOptions(n, { minWindow: options.minWindow ?? psyMinw(n), lag });
  const q = lag + 1; // AR(p+1) in differences (Pavlidis et al. 2016)
  const fits = series.map((s) => {
    const dy: number[] = [];
    for (let t = 1; t < n; t++) dy.push(s[t] - s[t - 1]);
    const f = fitArDiff(dy, q);
    const mean = f.resid.reduce((a, b) => a + b, 0) / f.resid.length;
    return { y1: s[0], dyInit: dy.slice(0, q), c: f.c, phi: f.phi, resid: f.resid.map((r) => r - mean) };
  });
  return { kind: "sb-panel", series: fits, length: n, seed, test: { m: o.m, lag: o.p, ic: "none", icMode: "common" } };
}

function checkFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++)
    if (!Number.isFinite(values[i]))
      throw new RangeError(`${what} has a non-finite value (${values[i]}) at observation ${i + 1}`);
}

/** OLS of Δy_t = c + Σ_{k=1..q} φ_k Δy_{t−k} + u_t over t = q..len−1 (0-based in dy); normal equations via Cholesky. */
export function fitArDiff(dy: readonly number[], q: number): { c: number; phi: number[]; resid: number[] } {
  const rows = dy.length - q;
  const K = q + 1;
  if (rows <= K) throw new RangeError(`too few observations (${dy.length + 1}) for an AR(${q}) null model`);
  const xtx = new Float64Array(K * K);
  const xty = new Float64Array(K);
  const x = new Float64Array(K);
  for (let t = q; t < dy.length; t++) {
    x[0] = 1;
    for (let k = 1; k <= q; k++) x[k] = dy[t - k];
    for (let i = 0; i < K; i++) {
      xty[i] += x[i] * dy[t];
      for (let j = 0; j < K; j++) xtx[i * K + j] += x[i] * x[j];
    }
  }
  const beta = choleskySolve(xtx, xty, K);
  const resid: number[] = [];
  for (let t = q; t < dy.length; t++) {
    let f = beta[0];
    for (let k = 1; k <= q; k++) f += beta[k] * dy[t - k];
    resid.push(dy[t] - f);
  }
  return { c: beta[0], phi: Array.from(beta.slice(1)), resid };
}

/** Lag 0..maxLag of the AR null model in differences minimising AIC/BIC on a common sample. */
function selectArLag(dy: readonly number[], maxLag: number, ic: "aic" | "bic"): number {
  let best = 0;
  let bestCrit = Number.POSITIVE_INFINITY;
  for (let q = 0; q <= maxLag; q++) {
    // Every candidate is fitted and evaluated on the same rows t ≥ maxLag (Ng & Perron 2005).
    const r = fitArDiff(dy.slice(maxLag - q), q).resid;
    const T = r.length;
    const rss = r.reduce((a, b) => a + b * b, 0);
    const K = q + 1;
    const crit = Math.log(rss / T) + (ic === "bic" ? K * Math.log(T) : 2 * K) / T;
    if (crit < bestCrit) {
      bestCrit = crit;
      best = q;
    }
  }
  return best;
}

/** Solves the symmetric positive-definite system A x = b (K×K row-major) by Cholesky; throws when singular. */
export function choleskySolve(A: Float64Array, b: Float64Array, K: number): Float64Array {
  const Lm = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * K + j];
      for (let k = 0; k < j; k++) s -= Lm[i * K + k] * Lm[j * K + k];
      if (i === j) {
        if (!(s > 1e-12 * Math.abs(A[i * K + i])))
          throw new RangeError(
            "singular regression: the null model's regressors are collinear (constant differences?)",
          );
        Lm[i * K + i] = Math.sqrt(s);
      } else Lm[i * K + j] = s / Lm[j * K + j];
    }
  }
  const z = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= Lm[i * K + k] * z[k];
    z[i] = s / Lm[i * K + i];
  }
  const x = new Float64Array(K);
  for (let i = K - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < K; k++) s -= Lm[k * K + i] * x[k];
    x[i] = s / Lm[i * K + i];
  }
  return x;
}
