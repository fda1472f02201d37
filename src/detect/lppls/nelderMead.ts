/**
 * Nelder–Mead simplex minimiser (Nelder & Mead 1965, Computer Journal 7:308) written to reproduce
 * scipy 1.10's `_minimize_neldermead` step for step: reflection 1, expansion 2, contraction 0.5,
 * shrink 0.5; vertices re-sorted by value after each iteration (stable, NaN last); stop when
 * max |x_i − x_best| ≤ xatol and max |f_i − f_best| ≤ fatol + frtol·|f_best|; at most `maxfev`
 * evaluations and `maxiter` iterations (success = stopped by the tolerance test). The default initial
 * simplex is scipy's (x0[k]·1.05, or 0.00025 where x0[k] = 0); `step` gives an absolute one instead.
 * Optional box `lower`/`upper`: every trial point is clipped into the box (as scipy does with bounds).
 *
 * Complexity: O(d) work plus one evaluation per reflection/expansion/contraction, d + 1 per shrink.
 */

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Absolute x tolerance (scipy 1e-4). */
  readonly xatol?: number;
  /** Absolute f tolerance (scipy 1e-4). */
  readonly fatol?: number;
  /** Relative f tolerance added to fatol (0, scipy has none). */
  readonly frtol?: number;
  /** Maximum evaluations (default 200·d, scipy). */
  readonly maxfev?: number;
  /** Maximum iterations (default 200·d, scipy). */
  readonly maxiter?: number;
  /** Absolute initial step per coordinate; default scipy's 5 % of x0. */
  readonly step?: readonly number[];
  readonly lower?: readonly number[];
  readonly upper?: readonly number[];
}

/** Result of {@link nelderMead}. */
export interface NelderMeadResult {
  readonly x: number[];
  readonly fun: number;
  readonly nfev: number;
  readonly nit: number;
  /** Stopped by the tolerance test (not by maxfev / maxiter). */
  readonly success: boolean;
}

/**
 * scipy 1.10's tolerances (absolute), used by {@link nelderMead}.
 *
 * @example
 * NELDER_MEAD_DEFAULTS.xatol; // 1e-4
 */
export const NELDER_MEAD_DEFAULTS = Object.freeze({ xatol: 1e-4, fatol: 1e-4, frtol: 0 });

/**
 * Minimises `f` from `x0`. `f` may return NaN (treated as worse than anything, like numpy's argsort)
 * and may throw to abort the run (the exception propagates).
 *
 * @example
 * nelderMead(([a, b]) => (a - 1) ** 2 + (b + 2) ** 2, [0, 0], { xatol: 1e-8, fatol: 1e-12 }).x; // ≈ [1, -2]
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const d = x0.length;
  const xatol = options.xatol ?? NELDER_MEAD_DEFAULTS.xatol;
  const fatol = options.fatol ?? NELDER_MEAD_DEFAULTS.fatol;
  const frtol = options.frtol ?? NELDER_MEAD_DEFAULTS.frtol;
  const maxfev = options.maxfev ?? 200 * d;
  const maxiter = options.maxiter ?? 200 * d;
  const { lower, upper } = options;
  const clip = (x: number[]): number[] => {
    if (lower) for (let k = 0; k < d; k++) if (x[k] < lower[k]) x[k] = lower[k];
    if (upper) for (let k = 0; k < d; k++) if (x[k] > upper[k]) x[k] = upper[k];
    return x;
  };
  let nfev = 0;
  const evalf = (x: number[]): number => {
    nfev++;
    return f(x);
  };

  let sim: number[][] = [clip([...x0])];
  for (let k = 0; k < d; k++) {
    const v = [...x0];
    if (options.step) v[k] = x0[k] + options.step[k];
    else v[k] = v[k] !== 0 ? 1.05 * v[k] : 0.00025;
    sim.push(clip(v));
  }
  let fsim: number[] = new Array(d + 1).fill(Number.POSITIVE_INFINITY);
  for (let k = 0; k <= d && nfev < maxfev; k++) fsim[k] = evalf(sim[k]);
  const sort = () => {
    const idx = fsim.map((_, i) => i);
    idx.sort((a, b) => cmp(fsim[a], fsim[b]) || a - b);
    sim = idx.map((i) => sim[i]);
    fsim = idx.map((i) => fsim[i]);
  };
  sort();
  let nit = 1;
  let converged = false;
  while (nfev < maxfev && nit < maxiter) {
    let dx = 0;
    let df = 0;
    let nan = false;
    for (let j = 1; j <= d; j++) {
      for (let k = 0; k < d; k++) {
        const v = Math.abs(sim[j][k] - sim[0][k]);
        if (Number.isNaN(v)) nan = true;
        else if (v > dx) dx = v;
      }
      const w = Math.abs(fsim[0] - fsim[j]);
      if (Number.isNaN(w)) nan = true;
      else if (w > df) df = w;
    }
    if (!nan && dx <= xatol && df <= fatol + frtol * Math.abs(fsim[0])) {
      converged = true;
      break;
    }
    const xbar = new Array<number>(d).fill(0);
    for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) xbar[k] += sim[j][k];
    for (let k = 0; k < d; k++) xbar[k] /= d;
    const worst = sim[d];
    const xr = clip(xbar.map((b, k) => 2 * b - worst[k]));
    const fxr = evalf(xr);
    let shrink = false;
    if (fxr < fsim[0]) {
      // scipy: the expansion call raises at maxfev, leaving the simplex unchanged.
      if (nfev < maxfev) {
        const xe = clip(xbar.map((b, k) => 3 * b - 2 * worst[k]));
        const fxe = evalf(xe);
        if (fxe < fxr) {
          sim[d] = xe;
          fsim[d] = fxe;
        } else {
          sim[d] = xr;
          fsim[d] = fxr;
        }
      }
    } else if (fxr < fsim[d - 1]) {
      sim[d] = xr;
      fsim[d] = fxr;
    } else if (nfev < maxfev) {
      if (fxr < fsim[d]) {
        const xc = clip(xbar.map((b, k) => 1.5 * b - 0.5 * worst[k]));
        const fxc = evalf(xc);
        if (fxc <= fxr) {
          sim[d] = xc;
          fsim[d] = fxc;
        } else shrink = true;
      } else {
        const xcc = clip(xbar.map((b, k) => 0.5 * b + 0.5 * worst[k]));
        const fxcc = evalf(xcc);
        if (fxcc < fsim[d]) {
          sim[d] = xcc;
          fsim[d] = fxcc;
        } else shrink = true;
      }
      if (shrink) {
        for (let j = 1; j <= d && nfev < maxfev; j++) {
          sim[j] = clip(sim[j].map((v, k) => sim[0][k] + 0.5 * (v - sim[0][k])));
          fsim[j] = evalf(sim[j]);
        }
      }
    }
    sort();
    nit++;
  }
  return { x: sim[0], fun: fsim[0], nfev, nit, success: converged };
}

/** numpy argsort order: ascending, NaN last. */
function cmp(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
