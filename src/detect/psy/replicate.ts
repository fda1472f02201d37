/**
 * Replication engine shared by the Monte Carlo and bootstrap critical values. A job is a plain JSON-serialisable
 * description (so a worker thread can run any slice of it); replication r draws only from its own random stream
 * `RandomStream(seed, r)` — or, in "r" RNG mode, from one sequential R-compatible stream in replication order — so
 * the same seed gives bit-identical statistics whether the replications run on 1 or N threads.
 *
 * Null data-generating processes:
 *  - "mc": y_t = Σ_{i≤t} ε_i, ε iid N(0,1) (exuber's `radf_mc_cv`; PSY 2015 §4 without the T^{−η} drift).
 *  - "wb-hlst": Harvey, Leybourne, Sollis & Taylor (2016, JEF 38) wild bootstrap: y*_1 = 0,
 *    y*_t = Σ_{i=2..t} w_i·Δy_i with w iid N(0,1) or Rademacher (exuber's `radf_wb_cv`).
 *  - "wb-ps": Phillips & Shi (2020, "Real time monitoring of asset markets", Handbook of Statistics 42) wild
 *    bootstrap of the fitted null AR(q) in differences: Δy*_j = Σ_k φ̂_k Δy*_{j−k} + w_j·û_{ρ_j}, with a fresh
 *    N(0,1) multiplier w_j and residual index ρ_j for every observation and replication, y* = y_1 + ΣΔy*.
 *  - "sb-panel": Pavlidis et al. (2016, JREFE 53) sieve bootstrap: one index vector shared by all series,
 *    demeaned residuals, AR(p+1) recursion in differences with the intercept.
 * Each replication computes `radf` statistics on the simulated series. Complexity: nrep × O(n²·K²).
 */

import { RRandom } from "../../core/r-rng.ts";
import { RandomStream } from "../../core/rng.ts";
import { radfFixedLagKernel, radfIcKernel } from "./kernel-lag.ts";
import { standardise, supIgnoringNaN } from "./radf.ts";
import { psyKernels } from "./wasm/index.ts";

/** Test settings applied to every simulated series. */
export interface ReplicaTest {
  /** Minimum window in rows. */
  m: number;
  /** Fixed lag (ic "none") or max lag (ic "aic"/"bic"). */
  lag: number;
  ic: "none" | "aic" | "bic";
  icMode: "common" | "psymonitor";
}

export type ReplicationJob =
  | { kind: "mc"; n: number; seed: number; test: ReplicaTest; rng: "stream" | "r" }
  | {
      kind: "wb-hlst";
      dy: number[];
      seed: number;
      test: ReplicaTest;
      dist: "normal" | "rademacher";
      rng: "stream" | "r";
    }
  | {
      kind: "wb-ps";
      y1: number;
      dyInit: number[];
      phi: number[];
      resid: number[];
      length: number;
      seed: number;
      test: ReplicaTest;
    }
  | {
      kind: "sb-panel";
      series: { y1: number; dyInit: number[]; c: number; phi: number[]; resid: number[] }[];
      length: number;
      seed: number;
      test: ReplicaTest;
    };

/** Which sequences each replication keeps: none, BADF only (enough for exuber's MC rule), or BADF and BSADF. */
export type KeepSequences = "none" | "badf" | "both";

/** Per-replication statistics. */
export interface ReplicationOutput {
  adf: Float64Array;
  sadf: Float64Array;
  gsadf: Float64Array;
  /** nrep × L, row-major (when kept). For "sb-panel": the panel BSADF (mean across series). */
  badf?: Float64Array;
  bsadf?: Float64Array;
  /** Sequence length L = length − m − lag. */
  L: number;
}

/** Length of each simulated series. */
export function jobLength(job: ReplicationJob): number {
  switch (job.kind) {
    case "mc":
      return job.n;
    case "wb-hlst":
      return job.dy.length + 1;
    default:
      return job.length;
  }
}

/** Runs replications [from, to) of `job`. In "r" RNG mode, `from` must be 0 (one sequential stream). */
export function runReplications(
  job: ReplicationJob,
  from: number,
  to: number,
  keep: KeepSequences,
  onProgress?: (done: number) => void,
): ReplicationOutput {
  const n = jobLength(job);
  const { m, lag } = job.test;
  const L = n - m - lag;
  if (L < 1)
    throw new RangeError(`simulated series of length ${n} is too short for minimum window ${m} and lag ${lag}`);
  const count = to - from;
  const out: ReplicationOutput = {
    adf: new Float64Array(count),
    sadf: new Float64Array(count),
    gsadf: new Float64Array(count),
    L,
    ...(keep !== "none" ? { badf: new Float64Array(count * L) } : {}),
    ...(keep === "both" ? { bsadf: new Float64Array(count * L) } : {}),
  };
  const rRng = "rng" in job && job.rng === "r" ? new RRandom(job.seed) : undefined;
  if (rRng && from !== 0)
    throw new RangeError("the R-compatible generator is sequential: run all replications in one slice");
  const y = new Float64Array(n);
  const buf = { badf: new Float64Array(L), bsadf: new Float64Array(L) };
  const nSeries = job.kind === "sb-panel" ? job.series.length : 1;
  const panelAcc = job.kind === "sb-panel" ? new Float64Array(L) : undefined;
  const ys = job.kind === "sb-panel" ? job.series.map(() => new Float64Array(n)) : [y];
  for (let r = from; r < to; r++) {
    const rng = rRng ?? new RandomStream(job.seed, r);
    simulate(job, rng, ys, n);
    const i = r - from;
    if (panelAcc) {
      panelAcc.fill(0);
      for (let k = 0; k < nSeries; k++) {
        computeStats(ys[k], job.test, buf, true);
        for (let e = 0; e < L; e++) panelAcc[e] += buf.bsadf[e] / nSeries;
      }
      out.adf[i] = Number.NaN;
      out.sadf[i] = Number.NaN;
      out.gsadf[i] = supIgnoringNaN(panelAcc);
      if (keep === "both") out.bsadf!.set(panelAcc, i * L);
    } else {
      out.gsadf[i] = computeStats(y, job.test, buf, keep === "both");
      out.adf[i] = buf.badf[L - 1];
      out.sadf[i] = supIgnoringNaN(buf.badf);
      if (keep !== "none") out.badf!.set(buf.badf, i * L);
      if (keep === "both") out.bsadf!.set(buf.bsadf, i * L);
    }
    if (onProgress && (r + 1 - from) % 16 === 0) onProgress(r + 1 - from);
  }
  onProgress?.(count);
  return out;
}

/** Computes BADF (and BSADF when `seqBsadf`) into `buf`; returns the GSADF. */
function computeStats(
  y: Float64Array,
  test: ReplicaTest,
  buf: { badf: Float64Array; bsadf: Float64Array },
  seqBsadf: boolean,
): number {
  const { y: z, scale2 } = standardise(y);
  const k = psyKernels(); // WebAssembly SIMD where available (same results), else JS
  if (test.ic === "none" && test.lag === 0) return k.radfLag0Kernel(z, test.m, buf, seqBsadf ? "bsadf" : "gsadf");
  if (test.ic !== "none")
    radfIcKernel(z, test.m, { maxLag: test.lag, ic: test.ic, mode: test.icMode, scale2 }, buf, true);
  else if (test.lag === 2) k.radfLag2Kernel(z, test.m, buf, true);
  else radfFixedLagKernel(z, test.m, test.lag, buf, true);
  return supIgnoringNaN(buf.bsadf);
}

function drawIndex(rng: RandomStream | RRandom, k: number): number {
  return rng instanceof RRandom ? rng.unifIndex(k) : rng.int(k);
}

function simulate(job: ReplicationJob, rng: RandomStream | RRandom, ys: Float64Array[], n: number): void {
  const y = ys[0];
  switch (job.kind) {
    case "mc": {
      let c = 0;
      for (let t = 0; t < n; t++) {
        c += rng.normal();
        y[t] = c;
      }
      return;
    }
    case "wb-hlst": {
      // exuber draws rnorm(n−1) (or sample(c(−1, 1), n−1, replace = TRUE)) per replication.
      y[0] = 0;
      let c = 0;
      for (let t = 1; t < n; t++) {
        const w = job.dist === "normal" ? rng.normal() : drawIndex(rng, 2) === 0 ? -1 : 1;
        c += w * job.dy[t - 1];
        y[t] = c;
      }
      return;
    }
    case "wb-ps": {
      const q = job.phi.length;
      const dys = new Float64Array(n - 1);
      for (let j = 0; j < q && j < n - 1; j++) dys[j] = job.dyInit[j];
      const nres = job.resid.length;
      for (let j = q; j < n - 1; j++) {
        let v = 0;
        for (let k = 1; k <= q; k++) v += job.phi[k - 1] * dys[j - k];
        const w = rng.normal();
        v += w * job.resid[drawIndex(rng, nres)];
        dys[j] = v;
      }
      y[0] = job.y1;
      for (let t = 1; t < n; t++) y[t] = y[t - 1] + dys[t - 1];
      return;
    }
    case "sb-panel": {
      const s0 = job.series[0];
      const q = s0.phi.length;
      const nres = s0.resid.length;
      const idx = new Int32Array(n - 1);
      for (let j = q; j < n - 1; j++) idx[j] = drawIndex(rng, nres);
      job.series.forEach((s, k) => {
        const yk = ys[k];
        const dys = new Float64Array(n - 1);
        for (let j = 0; j < q && j < n - 1; j++) dys[j] = s.dyInit[j];
        for (let j = q; j < n - 1; j++) {
          let v = s.c;
          for (let l = 1; l <= q; l++) v += s.phi[l - 1] * dys[j - l];
          dys[j] = v + s.resid[idx[j]];
        }
        yk[0] = s.y1;
        for (let t = 1; t < n; t++) yk[t] = yk[t - 1] + dys[t - 1];
      });
      return;
    }
  }
}
