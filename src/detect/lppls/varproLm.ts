/**
 * Local stage: bounded Levenberg–Marquardt on the variable-projection (profile) least-squares problem
 * of LPPLS — Golub & Pereyra (1973) with Kaufman's (1975) Jacobian, Marquardt (1963) damping
 * (JᵀJ + λ·diag JᵀJ)δ = −Jᵀr, in box-scaled coordinates u ∈ [0, 1]³. Bounds by an active set: a
 * coordinate sitting on a bound whose descent direction points outward is frozen for that step; trial
 * points are clipped into the box. Because the linear parameters are eliminated exactly, one iteration
 * costs ≈ 1.5 profile evaluations and convergence is quadratic near a non-degenerate minimum, so a
 * polish takes ~10–30 evaluations where Nelder–Mead needs ~150–300. The quasi-Newton variant
 * (`varproQuasiNewton`) evaluates trial points with `gauss` (SSE plus Gauss–Newton system from one pass of
 * transcendentals), so an accepted step costs a single evaluation.
 *
 * Complexity O(iterations · n).
 */
import type { LpplsProfile } from "./linear.ts";

/** Options of {@link varproLm}. */
export interface VarproLmOptions {
  /** Maximum iterations (40). */
  readonly maxIter?: number;
  /** Stop when an accepted step lowers the SSE by less than this fraction (1e-10). */
  readonly ftol?: number;
  /** Stop when a step moves every box coordinate by less than this (1e-10). */
  readonly xtol?: number;
}

/** Result of {@link varproLm} (u in box coordinates). */
export interface VarproLmResult {
  readonly u: number[];
  readonly fun: number;
  readonly nfev: number;
  readonly iterations: number;
}

/**
 * Defaults of {@link varproLm} and {@link varproQuasiNewton}.
 *
 * @example
 * VARPRO_LM_DEFAULTS.maxIter; // 40
 */
export const VARPRO_LM_DEFAULTS = Object.freeze({ maxIter: 40, ftol: 1e-10, xtol: 1e-10 });

/** Damping beyond which no descent step is found (the point is a minimum up to rounding or a kink). */
const LAMBDA_MAX = 1e8;

/**
 * Polishes (tc, m, ω) = lo + u·width from `u0`.
 *
 * @example
 * const p = new LpplsProfile(t, y);
 * varproLm(p, [t2, 0.1, 6], [30, 0.8, 7], [0.5, 0.5, 0.5]).fun; // a local minimum of the profile SSE
 */
export function varproLm(
  profile: LpplsProfile,
  lo: readonly number[],
  width: readonly number[],
  u0: readonly number[],
  options: VarproLmOptions = {},
): VarproLmResult {
  const maxIter = options.maxIter ?? VARPRO_LM_DEFAULTS.maxIter;
  const ftol = options.ftol ?? VARPRO_LM_DEFAULTS.ftol;
  const xtol = options.xtol ?? VARPRO_LM_DEFAULTS.xtol;
  const jtj = new Float64Array(9);
  const jtr = new Float64Array(3);
  const u = u0.map((v) => Math.min(1, Math.max(0, v)));
  let nfev = 1;
  let f = profile.gauss(lo[0] + u[0] * width[0], lo[1] + u[1] * width[1], lo[2] + u[2] * width[2], jtj, jtr);
  if (!Number.isFinite(f)) return { u, fun: Number.POSITIVE_INFINITY, nfev, iterations: 0 };
  let lambda = 1e-3;
  let it = 0;
  const A = new Float64Array(9);
  const g = new Float64Array(3);
  for (; it < maxIter; it++) {
    for (let a = 0; a < 3; a++) {
      g[a] = width[a] * jtr[a];
      for (let b = 0; b < 3; b++) A[a * 3 + b] = width[a] * width[b] * jtj[a * 3 + b];
    }
    const free = [true, true, true];
    for (let a = 0; a < 3; a++) {
      if (width[a] === 0) free[a] = false;
      else if (u[a] <= 0 && g[a] < 0) free[a] = false;
      else if (u[a] >= 1 && g[a] > 0) free[a] = false;
    }
    let accepted = false;
    let tiny = false;
    while (lambda <= LAMBDA_MAX) {
      const delta = solveDamped(A, g, lambda, free);
      if (delta === null) {
        lambda *= 10;
        continue;
      }
      const un = u.map((v, a) => Math.min(1, Math.max(0, v + delta[a])));
      let step = 0;
      for (let a = 0; a < 3; a++) step = Math.max(step, Math.abs(un[a] - u[a]));
      if (step < xtol) {
        tiny = true;
        break;
      }
      // Trial points cost one plain evaluation; the Jacobian is formed only for accepted ones.
      nfev++;
      const fn = profile.sse(lo[0] + un[0] * width[0], lo[1] + un[1] * width[1], lo[2] + un[2] * width[2]);
      if (Number.isFinite(fn) && fn < f) {
        const gain = f - fn;
        for (let a = 0; a < 3; a++) u[a] = un[a];
        nfev++;
        f = profile.gauss(lo[0] + u[0] * width[0], lo[1] + u[1] * width[1], lo[2] + u[2] * width[2], jtj, jtr);
        lambda = Math.max(lambda / 10, 1e-9);
        accepted = true;
        if (gain <= ftol * f) tiny = true;
        break;
      }
      lambda *= 10;
    }
    if (!accepted || tiny) break;
  }
  return { u, fun: f, nfev, iterations: it };
}

/** Solves (A + λ·diag A)δ = g on the free coordinates (Cholesky; null when not positive definite). */
function solveDamped(A: Float64Array, g: Float64Array, lambda: number, free: readonly boolean[]): number[] | null {
  const idx: number[] = [];
  for (let a = 0; a < 3; a++) if (free[a]) idx.push(a);
  const k = idx.length;
  const delta = [0, 0, 0];
  if (k === 0) return delta;
  let trace = 0;
  for (const a of idx) trace += A[a * 3 + a];
  const M: number[] = new Array(k * k);
  const b: number[] = new Array(k);
  for (let i = 0; i < k; i++) {
    const ai = idx[i];
    b[i] = g[ai];
    for (let j = 0; j < k; j++) M[i * k + j] = A[ai * 3 + idx[j]];
    M[i * k + i] += lambda * Math.max(A[ai * 3 + ai], 1e-12 * trace, 1e-300);
  }
  // Cholesky M = L Lᵀ (in place, lower triangle).
  for (let j = 0; j < k; j++) {
    let d = M[j * k + j];
    for (let p = 0; p < j; p++) d -= M[j * k + p] * M[j * k + p];
    if (!(d > 0)) return null;
    const l = Math.sqrt(d);
    M[j * k + j] = l;
    for (let i = j + 1; i < k; i++) {
      let s = M[i * k + j];
      for (let p = 0; p < j; p++) s -= M[i * k + p] * M[j * k + p];
      M[i * k + j] = s / l;
    }
  }
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let p = 0; p < i; p++) s -= M[i * k + p] * b[p];
    b[i] = s / M[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = b[i];
    for (let p = i + 1; p < k; p++) s -= M[p * k + i] * b[p];
    b[i] = s / M[i * k + i];
  }
  for (let i = 0; i < k; i++) delta[idx[i]] = b[i];
  return delta;
}

/**
 * Bounded quasi-Newton polish of the same profile problem: the first Hessian is the Gauss–Newton
 * matrix 2·JᵀJ (Kaufman's Jacobian), later ones are BFGS updates with the exact profile gradient
 * −2·Jᵀr (Dennis & Moré 1977). LPPLS fits are large-residual problems, where pure Gauss–Newton/LM
 * converges only linearly; the secant updates restore superlinear convergence. Projected Armijo
 * backtracking keeps iterates in the box; coordinates on a bound with an outward descent direction are
 * frozen for the step.
 *
 * @example
 * varproQuasiNewton(new LpplsProfile(t, y), [t2, 0.1, 6], [30, 0.8, 7], [0.5, 0.5, 0.5]).fun;
 */
export function varproQuasiNewton(
  profile: LpplsProfile,
  lo: readonly number[],
  width: readonly number[],
  u0: readonly number[],
  options: VarproLmOptions = {},
): VarproLmResult {
  const maxIter = options.maxIter ?? VARPRO_LM_DEFAULTS.maxIter;
  const ftol = options.ftol ?? VARPRO_LM_DEFAULTS.ftol;
  const xtol = options.xtol ?? VARPRO_LM_DEFAULTS.xtol;
  const w0 = width[0];
  const w1 = width[1];
  const w2 = width[2];
  // Two Gauss–Newton buffers: trial points are evaluated with `gauss` (SSE and system in one pass over
  // the stored features), so an accepted step needs no second evaluation; the buffers swap on acceptance.
  let jtj = new Float64Array(9);
  let jtr = new Float64Array(3);
  let jtjT = new Float64Array(9);
  let jtrT = new Float64Array(3);
  const u = u0.map((v) => Math.min(1, Math.max(0, v)));
  let nfev = 1;
  let f = profile.gauss(lo[0] + u[0] * w0, lo[1] + u[1] * w1, lo[2] + u[2] * w2, jtj, jtr);
  if (!Number.isFinite(f)) return { u, fun: Number.POSITIVE_INFINITY, nfev, iterations: 0 };
  const H = new Float64Array(9);
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) H[a * 3 + b] = 2 * width[a] * width[b] * jtj[a * 3 + b];
  const g = new Float64Array(3);
  g[0] = -2 * w0 * jtr[0];
  g[1] = -2 * w1 * jtr[1];
  g[2] = -2 * w2 * jtr[2];
  const negG = new Float64Array(3);
  const un = new Float64Array(3);
  const sv = new Float64Array(3);
  const yv = new Float64Array(3);
  const Hs = new Float64Array(3);
  const free = [true, true, true];
  let it = 0;
  for (; it < maxIter; it++) {
    for (let a = 0; a < 3; a++) {
      free[a] = true;
      if (width[a] === 0) free[a] = false;
      else if (u[a] <= 0 && g[a] > 0) free[a] = false;
      else if (u[a] >= 1 && g[a] < 0) free[a] = false;
    }
    negG[0] = -g[0];
    negG[1] = -g[1];
    negG[2] = -g[2];
    let d = solveDamped(H, negG, 0, free);
    if (d === null) d = solveDamped(H, negG, 1e-3, free);
    if (d === null) break;
    let slope = 0;
    for (let a = 0; a < 3; a++) slope += g[a] * d[a];
    if (!(slope < 0)) {
      // Not a descent direction (indefinite update): fall back to the scaled gradient.
      for (let a = 0; a < 3; a++) d[a] = free[a] ? -g[a] / Math.max(H[a * 3 + a], 1e-300) : 0;
      slope = 0;
      for (let a = 0; a < 3; a++) slope += g[a] * d[a];
      if (!(slope < 0)) break;
    }
    let alpha = 1;
    let accepted = false;
    let fn = f;
    for (let ls = 0; ls < 12; ls++) {
      let step = 0;
      let lin = 0;
      for (let a = 0; a < 3; a++) {
        un[a] = Math.min(1, Math.max(0, u[a] + alpha * d[a]));
        step = Math.max(step, Math.abs(un[a] - u[a]));
        lin += g[a] * (un[a] - u[a]);
      }
      if (step < xtol) break;
      nfev++;
      fn = profile.gauss(lo[0] + un[0] * w0, lo[1] + un[1] * w1, lo[2] + un[2] * w2, jtjT, jtrT);
      if (Number.isFinite(fn) && fn <= f + 1e-4 * Math.min(lin, 0)) {
        accepted = fn < f || fn === f;
        break;
      }
      alpha *= 0.5;
    }
    if (!accepted) break;
    for (let a = 0; a < 3; a++) {
      sv[a] = un[a] - u[a];
      u[a] = un[a];
    }
    const fPrev = f;
    f = fn;
    [jtj, jtjT] = [jtjT, jtj];
    [jtr, jtrT] = [jtrT, jtr];
    for (let a = 0; a < 3; a++) {
      const gn = -2 * width[a] * jtr[a];
      yv[a] = gn - g[a];
      g[a] = gn;
    }
    let sy = 0;
    for (let a = 0; a < 3; a++) sy += sv[a] * yv[a];
    for (let a = 0; a < 3; a++) {
      let v = 0;
      for (let b = 0; b < 3; b++) v += H[a * 3 + b] * sv[b];
      Hs[a] = v;
    }
    let sHs = 0;
    for (let a = 0; a < 3; a++) sHs += sv[a] * Hs[a];
    if (sy > 1e-12 * Math.sqrt(sHs * sHs + 1e-300) && sHs > 0) {
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) H[a * 3 + b] += (yv[a] * yv[b]) / sy - (Hs[a] * Hs[b]) / sHs;
      }
    }
    if (fPrev - f <= ftol * f) break;
  }
  return { u, fun: f, nfev, iterations: it };
}
