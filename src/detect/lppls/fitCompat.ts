/**
 * lppls-compatible fitter: the Python lppls 0.6.24 `LPPLS.fit(max_searches)` procedure (spec §5).
 * Up to `maxSearches` times: draw tc0 ~ U(t2 − 0.2Δ, t2 + 0.2Δ), m0 ~ U(0.1, 1), ω0 ~ U(6, 13) (in this
 * order), run unbounded scipy-style Nelder–Mead (`nelderMead.ts`, scipy defaults: 5 % initial simplex,
 * xatol = fatol = 1e-4, 600 evaluations) on the lppls-mode profile SSE (`linear.ts`, Δ + 1e-8, ridge 1e-8);
 * return the FIRST run that converged with finite O and D — not the best. A singular or non-finite
 * normal matrix aborts the run (lppls's LinAlgError). After `maxSearches` failures all parameters are 0.
 *
 * Draws come from RandomStream(seed, endRow·2²⁰ + n) unless a uniform source is injected (e.g. an
 * MT19937 port to replay lppls's own seeds). Complexity O(maxSearches · 600 · n) worst case.
 */
import { RandomStream } from "../../core/rng.ts";
import { LpplsProfile } from "./linear.ts";
import { lpplsAmplitude, lpplsDamping, lpplsOscillations } from "./metrics.ts";
import { nelderMead } from "./nelderMead.ts";
import type { FilterConditions } from "./presets.ts";
import { failedFit, type LpplsFit, makeFit } from "./result.ts";

/** Options of {@link fitWindowCompat}. */
export interface CompatOptions {
  /** Retry budget (lppls default 25). */
  readonly maxSearches?: number;
  /** Seed of the per-window stream (0). */
  readonly seed?: number;
  /** Injected uniform [0, 1) source; overrides the seeded stream. */
  readonly uniform?: () => number;
}

/**
 * Defaults of {@link fitWindowCompat} (lppls's own).
 *
 * @example
 * COMPAT_DEFAULTS.maxSearches; // 25
 */
export const COMPAT_DEFAULTS = Object.freeze({ maxSearches: 25, seed: 0 });

class LinAlgAbort extends Error {}

/**
 * Fits rows [endRow − n + 1, endRow] the way lppls does.
 *
 * @example
 * fitWindowCompat(t, y, t.length - 1, 80, FILTER_PRESETS.lppls, { seed: 1 }).tc;
 */
export function fitWindowCompat(
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  endRow: number,
  n: number,
  filter: FilterConditions,
  options: CompatOptions = {},
): LpplsFit {
  const maxSearches = options.maxSearches ?? COMPAT_DEFAULTS.maxSearches;
  const start = endRow - n + 1;
  const t1 = t[start];
  const t2 = t[endRow];
  let uniform = options.uniform;
  if (!uniform) {
    const rng = new RandomStream(options.seed ?? COMPAT_DEFAULTS.seed, endRow * 1048576 + n);
    uniform = () => rng.uniform();
  }
  const profile = new LpplsProfile(t, y, start, endRow + 1, "lppls");
  let nfev = 0;
  const obj = (x: readonly number[]): number => {
    nfev++;
    const v = profile.sse(x[0], x[1], x[2]);
    if (profile.failed) throw new LinAlgAbort();
    return v;
  };
  const d = t2 - t1;
  for (let s = 0; s < maxSearches; s++) {
    // Python's random.uniform(a, b) = a + (b − a)·random(), with lppls's a and b.
    const a = t2 - d * 0.2;
    const b = t2 + d * 0.2;
    const tc0 = a + (b - a) * uniform();
    const m0 = 0.1 + (1.0 - 0.1) * uniform();
    const w0 = 6.0 + (13.0 - 6.0) * uniform();
    let r: ReturnType<typeof nelderMead>;
    try {
      r = nelderMead(obj, [tc0, m0, w0]);
    } catch (e) {
      if (e instanceof LinAlgAbort) continue;
      throw e;
    }
    if (!r.success) continue;
    const [tc, m, w] = r.x;
    const lin = profile.solve(tc, m, w);
    if (profile.failed) continue;
    const c = lpplsAmplitude(lin.C1, lin.C2);
    const O = lpplsOscillations(w, tc, t1, t2);
    const D = lpplsDamping(m, w, lin.B, c);
    if (!Number.isFinite(O) || !Number.isFinite(D)) continue;
    return makeFit(tc, m, w, lin, t1, t2, n, filter, nfev);
  }
  return failedFit(t1, t2, n, filter, nfev);
}
