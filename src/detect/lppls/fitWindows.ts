/**
 * Fits LPPLS on a family of windows that share their last row t2 (one window = a single fit; the nested
 * windows of the confidence indicator; the windows of the crash-time distribution).
 *
 * Method (Filimonov & Sornette 2013: A, B, C1, C2 profiled out, search over (tc, m, ω) only):
 * 1. global stage — the profile SSE on a (tc, m, ω) grid for all windows at once (`gridProfile.ts`:
 *    shared power/trig terms and suffix sums, O(1) per extra window); optionally differential
 *    evolution (`differentialEvolution.ts`) seeded with the best grid points;
 * 2. local stage — from the best grid local minima (plus the previous, longer window's optimum as a warm
 *    start, and optional uniform random starts; a window without a warm start uses at least 6 grid minima
 *    and 2 final polishes): a few screening iterations each, then full convergence
 *    of the best `finalStarts`, by the bounded variable-projection quasi-Newton method (`varproLm.ts`;
 *    `local: "lm" | "nm"` for Levenberg–Marquardt or Nelder–Mead), in box-scaled coordinates u ∈ [0, 1]³
 *    (a single window longer than `gridMaxPoints` screens on the same thinned data as its grid);
 *    then a tc scan over the neighbouring basins (sampling intervals inside the data, log-periodic cycles
 *    beyond t2) at the winner's (m, ω), each promising one polished again; then a cusp check: when the
 *    winner's tc is within 2 % of a sampling interval of an observation t_i, (m, ω) are polished with
 *    tc = t_i fixed (the profile has a cusp at every observation, |tc − t_i|^m with m < 1, and a minimum on
 *    it is only approached by the smooth polish);
 * 3. pooling (families of several windows) — a backward and a forward sweep offer each window its
 *    neighbour's optimum, polished when its SSE there is already no worse than the window's own best
 *    (nested windows have similar landscapes, so a basin one window found often serves the next).
 * Every reported value is recomputed with the QR solver of `linear.ts`.
 * Randomness (random starts, DE) comes only from RandomStream(seed, endRow·2²⁰ + windowLength), and warm
 * starts and pooling stay inside the family, so a family's fits do not depend on which other families
 * (window ends) are fitted, in which order, or on which worker.
 *
 * Complexity per family: O(G·n_max + G·K) for the grid (G grid points, K windows) plus
 * O(K · starts · E · n̄) for the local stage (E ≈ 10–40 evaluations per quasi-Newton polish).
 */
import { RandomStream } from "../../core/rng.ts";
import { differentialEvolution } from "./differentialEvolution.ts";
import { gridLocalMinima, gridProfileSse, linspace, type ProfileGrid, tcGrid } from "./gridProfile.ts";
import { type LinearMode, LpplsProfile } from "./linear.ts";
import { nelderMead } from "./nelderMead.ts";
import { FILTER_PRESETS, type FilterConditions, type PresetName, presetBounds, type SearchBounds } from "./presets.ts";
import { type LpplsFit, makeFit } from "./result.ts";
import { validateRange } from "./validate.ts";
import { varproLm, varproQuasiNewton } from "./varproLm.ts";

/** Global stage of the search. */
export type GlobalStage = "grid" | "de" | "grid+de";

/** Options shared by every fitting function (all optional; see {@link FIT_DEFAULTS}). */
export interface FitOptions {
  /** Search box and qualification preset ("lppls"). */
  readonly preset?: PresetName;
  /** Qualification thresholds; default the preset's. */
  readonly filter?: FilterConditions;
  /** tc search range as offsets from each window's t2 (units of t); default the preset's box. */
  readonly tcOffset?: readonly [number, number];
  /** m search range; default the preset's. */
  readonly m?: readonly [number, number];
  /** ω search range; default the preset's. */
  readonly omega?: readonly [number, number];
  /** Global stage ("grid"). */
  readonly global?: GlobalStage;
  /** Grid points per axis for the global stage. */
  readonly grid?: { readonly tc: number; readonly m: number; readonly omega: number };
  /** A single window longer than this is thinned to about this many points for the grid stage (100). */
  readonly gridMaxPoints?: number;
  /** Grid local minima used as local starts (6). */
  readonly localStarts?: number;
  /**
   * Local optimiser on the profile cost: bounded quasi-Newton with Gauss–Newton start ("qn", default),
   * variable-projection Levenberg–Marquardt ("lm") or Nelder–Mead ("nm").
   */
  readonly local?: "qn" | "lm" | "nm";
  /** Local iterations run from every start before ranking them (4). */
  readonly screenIter?: number;
  /** Starts polished to convergence after screening (2). */
  readonly finalStarts?: number;
  /** tc scan after the local stage: up to this many tc values on each side of t2 (8; 0 = off). */
  readonly tcScan?: number;
  /** Extra uniform random local starts per window (0). */
  readonly randomStarts?: number;
  /** Differential evolution population and generations (used when `global` includes "de"). */
  readonly de?: { readonly popSize: number; readonly generations: number };
  /** Seed of the per-window random streams (0). */
  readonly seed?: number;
  /** Linear sub-problem recipe for the local stage and reported values ("default"). */
  readonly mode?: LinearMode;
}

/**
 * Defaults of every fitting function (a single fit; the indicator overrides the local-stage sizes).
 *
 * @example
 * FIT_DEFAULTS.grid; // { tc: 16, m: 8, omega: 12 }
 */
export const FIT_DEFAULTS = Object.freeze({
  preset: "lppls" as PresetName,
  global: "grid" as GlobalStage,
  grid: Object.freeze({ tc: 16, m: 8, omega: 12 }),
  gridMaxPoints: 100,
  localStarts: 6,
  randomStarts: 0,
  local: "qn" as "qn" | "lm" | "nm",
  screenIter: 4,
  tcScan: 8,
  finalStarts: 2,
  de: Object.freeze({ popSize: 30, generations: 40 }),
  seed: 0,
  mode: "default" as LinearMode,
});

/**
 * Per-window search box for a given option set.
 *
 * @example
 * windowBounds({ preset: "dgs2017" }, 0, 100).tc; // [95, 110]
 */
export function windowBounds(options: FitOptions, t1: number, t2: number): SearchBounds {
  const preset = options.preset ?? FIT_DEFAULTS.preset;
  const b = presetBounds(preset, t1, t2);
  const tc: [number, number] = options.tcOffset ? [t2 + options.tcOffset[0], t2 + options.tcOffset[1]] : [...b.tc];
  return { tc, m: options.m ?? b.m, omega: options.omega ?? b.omega };
}

/**
 * Validates the range options once (RangeError naming the option).
 *
 * @example
 * validateFitOptions({ m: [0.9, 0.1] }); // throws RangeError: m must be finite LO:HI with LO <= HI, got 0.9:0.1
 */
export function validateFitOptions(options: FitOptions): void {
  if (options.tcOffset) validateRange(options.tcOffset, "tcOffset");
  if (options.m) {
    validateRange(options.m, "m");
    if (options.m[0] < 0) throw new RangeError(`m range must be non-negative, got ${options.m[0]}:${options.m[1]}`);
  }
  if (options.omega) validateRange(options.omega, "omega");
  const p = options.preset ?? FIT_DEFAULTS.preset;
  if (!(p in FILTER_PRESETS)) throw new RangeError(`preset must be "lppls" or "dgs2017", got "${p}"`);
  const g = options.grid ?? FIT_DEFAULTS.grid;
  for (const k of ["tc", "m", "omega"] as const) {
    if (!Number.isInteger(g[k]) || g[k] < 1) throw new RangeError(`grid.${k} must be a positive integer, got ${g[k]}`);
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
    throw new RangeError(`seed must be a safe integer, got ${options.seed}`);
  }
}

/**
 * Stream index of the window with last row `endRow` and length `n` (RandomStream(seed, index)).
 *
 * @example
 * windowStream(1562, 504); // 1637876216
 */
export function windowStream(endRow: number, n: number): number {
  return endRow * 1048576 + n;
}

/**
 * Fits every window [endRow − L + 1, endRow] for L in `lengths` (t, y already validated).
 *
 * @example
 * const fits = fitWindows(t, y, t.length - 1, [120, 80, 40]); // three nested fits sharing t2
 */
export function fitWindows(
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  endRow: number,
  lengths: readonly number[],
  options: FitOptions = {},
): LpplsFit[] {
  const preset = options.preset ?? FIT_DEFAULTS.preset;
  const filter = options.filter ?? FILTER_PRESETS[preset];
  const global = options.global ?? FIT_DEFAULTS.global;
  const gridN = options.grid ?? FIT_DEFAULTS.grid;
  const localStarts = options.localStarts ?? FIT_DEFAULTS.localStarts;
  const gridMaxPoints = options.gridMaxPoints ?? FIT_DEFAULTS.gridMaxPoints;
  const randomStarts = options.randomStarts ?? FIT_DEFAULTS.randomStarts;
  const deOpt = options.de ?? FIT_DEFAULTS.de;
  const seed = options.seed ?? FIT_DEFAULTS.seed;
  const mode = options.mode ?? FIT_DEFAULTS.mode;
  const tcScan = options.tcScan ?? FIT_DEFAULTS.tcScan;
  const screenIter = options.screenIter ?? FIT_DEFAULTS.screenIter;
  const finalStarts = options.finalStarts ?? FIT_DEFAULTS.finalStarts;
  const local = mode === "lppls" ? "nm" : (options.local ?? FIT_DEFAULTS.local);
  const polish = local === "qn" ? varproQuasiNewton : varproLm;
  const K = lengths.length;
  const t2 = t[endRow];
  const starts = lengths.map((L) => endRow - L + 1);
  const boxes = starts.map((s) => windowBounds(options, t[s], t2));

  // Global stage: one grid for the whole family.
  const useGrid = global !== "de";
  let grid: ProfileGrid = { tc: new Float64Array(0), m: new Float64Array(0), omega: new Float64Array(0) };
  let sse = new Float64Array(0);
  let thinProfile: LpplsProfile | null = null;
  if (useGrid) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const b of boxes) {
      lo = Math.min(lo, b.tc[0]);
      hi = Math.max(hi, b.tc[1]);
    }
    const ntc = gridN.tc;
    // Half the mean sampling interval of the shortest window sets the tc grid's resolution near t2.
    let shortest = 0;
    for (let k = 1; k < K; k++) if (lengths[k] < lengths[shortest]) shortest = k;
    const scale = (0.5 * (t2 - t[starts[shortest]])) / Math.max(1, lengths[shortest] - 1);
    const b0 = boxes[0];
    grid = {
      tc: tcGrid(lo, hi, t2, scale > 0 ? scale : 1, ntc),
      m: linspace(b0.m[0], b0.m[1], gridN.m),
      omega: linspace(b0.omega[0], b0.omega[1], gridN.omega),
    };
    const G = grid.tc.length * gridN.m * gridN.omega;
    sse = new Float64Array(K * G);
    const tcLo = boxes.map((b) => b.tc[0] - 1e-9 * Math.max(1, Math.abs(b.tc[0])));
    const tcHi = boxes.map((b) => b.tc[1] + 1e-9 * Math.max(1, Math.abs(b.tc[1])));
    const span = endRow - starts[0] + 1;
    if (K === 1 && span > gridMaxPoints) {
      // A single long window: the global stage and the screening iterations of the local stage run on every
      // k-th observation (counted back from t2), which keeps the basins' layout and costs k times less; the
      // final polishes, the tc scan and the reported values use all observations.
      const k = Math.ceil(span / gridMaxPoints);
      const m = Math.floor((span - 1) / k) + 1;
      const tt = new Float64Array(m);
      const yy = new Float64Array(m);
      for (let j = 0; j < m; j++) {
        tt[m - 1 - j] = t[endRow - j * k];
        yy[m - 1 - j] = y[endRow - j * k];
      }
      gridProfileSse(tt, yy, m - 1, [0], tcLo, tcHi, grid, sse);
      thinProfile = new LpplsProfile(tt, yy, 0, m, mode);
    } else gridProfileSse(t, y, endRow, starts, tcLo, tcHi, grid, sse);
  }
  const G = grid.tc.length * grid.m.length * grid.omega.length;

  const fits: LpplsFit[] = [];
  const states: WindowState[] = [];
  let warm: number[] | null = null;
  for (let k = 0; k < K; k++) {
    const s = starts[k];
    const box = boxes[k];
    const profile = new LpplsProfile(t, y, s, endRow + 1, mode);
    const lo = [box.tc[0], box.m[0], box.omega[0]];
    const width = [box.tc[1] - box.tc[0], box.m[1] - box.m[0], box.omega[1] - box.omega[0]];
    const toX = (u: readonly number[]) => [lo[0] + u[0] * width[0], lo[1] + u[1] * width[1], lo[2] + u[2] * width[2]];
    const toU = (x: readonly number[]) => x.map((v, i) => (width[i] > 0 ? (v - lo[i]) / width[i] : 0));
    let nfev = useGrid ? G : 0;
    const obj = (u: readonly number[]): number => {
      nfev++;
      const v = profile.sse(lo[0] + u[0] * width[0], lo[1] + u[1] * width[1], lo[2] + u[2] * width[2]);
      return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
    };
    const cands: number[][] = [];
    let stepU = [0.05, 0.05, 0.05];
    if (useGrid) {
      const nt = grid.tc.length;
      const nm = grid.m.length;
      const nw = grid.omega.length;
      stepU = [nt > 1 ? 0.5 / (nt - 1) : 0.05, nm > 1 ? 0.5 / (nm - 1) : 0.05, nw > 1 ? 0.5 / (nw - 1) : 0.05].map(
        (v) => Math.min(0.25, Math.max(1e-3, v)),
      );
      for (const g of gridLocalMinima(sse, k * G, nt, nm, nw, warm === null ? Math.max(localStarts, 6) : localStarts)) {
        const iw = g % nw;
        const im = Math.floor(g / nw) % nm;
        const it = Math.floor(g / (nw * nm));
        cands.push(toU([grid.tc[it], grid.m[im], grid.omega[iw]]).map((v) => Math.min(1, Math.max(0, v))));
      }
    }
    // Warm start: the previous (longer, same-t2) window's optimum, when it lies in this window's box.
    if (warm !== null) {
      const wu = toU(warm);
      if (wu.every((v) => v >= 0 && v <= 1)) cands.unshift(wu);
    }
    const rng = randomStarts > 0 || global !== "grid" ? new RandomStream(seed, windowStream(endRow, lengths[k])) : null;
    if (rng && global !== "grid") {
      const de = differentialEvolution(obj, [0, 0, 0], [1, 1, 1], () => rng.uniform(), {
        popSize: deOpt.popSize,
        generations: deOpt.generations,
        init: cands,
      });
      cands.unshift(de.x);
    }
    if (rng) for (let r = 0; r < randomStarts; r++) cands.push([rng.uniform(), rng.uniform(), rng.uniform()]);
    if (cands.length === 0) cands.push([0.5, 0.5, 0.5]);
    let bestU = cands[0];
    let bestF = Number.POSITIVE_INFINITY;
    if (local !== "nm") {
      // Two phases: a few LM iterations from every start, then full convergence from the best few.
      const pre = cands.map((c) => {
        const r = polish(thinProfile ?? profile, lo, width, c, { maxIter: screenIter });
        nfev += r.nfev;
        return r;
      });
      pre.sort((a, b) => a.fun - b.fun);
      for (const c of pre.slice(0, warm === null ? Math.max(finalStarts, 2) : finalStarts)) {
        const r = polish(profile, lo, width, c.u);
        nfev += r.nfev;
        if (r.fun < bestF) {
          bestF = r.fun;
          bestU = r.u;
        }
      }
      if (tcScan > 0 && Number.isFinite(bestF)) {
        // tc scan at the winner's (m, ω): inside the data the profile has one basin per sampling interval
        // (kinks where tc crosses an observation), beyond t2 one per log-periodic cycle in ln(tc − t2).
        const best = toX(bestU);
        const tcs = scanPoints(t, s, endRow, box.tc[0], box.tc[1], tcScan);
        const scored = tcs.map((tc) => {
          nfev++;
          return { tc, f: profile.sse(tc, best[1], best[2]) };
        });
        scored.sort((a, b) => a.f - b.f);
        for (const c of scored.slice(0, 2)) {
          const r = polish(profile, lo, width, toU([c.tc, best[1], best[2]]));
          nfev += r.nfev;
          if (r.fun < bestF) {
            bestF = r.fun;
            bestU = r.u;
          }
        }
      }
      if (Number.isFinite(bestF)) {
        // Cusp: the profile has a cusp at every observation (|tc − t_i|^m, m < 1), and a minimum sitting on
        // one is approached but never reached by the smooth polish. When the winner's tc is within
        // KINK_FRAC of a sampling interval of an observation, (m, ω) are polished again with tc fixed on it.
        const x = toX(bestU);
        const i = nearestRow(t, s, endRow, x[0]);
        const ti = t[i];
        const dt = (t2 - t[s]) / Math.max(1, endRow - s);
        if (ti !== x[0] && Math.abs(x[0] - ti) < KINK_FRAC * dt && ti >= box.tc[0] && ti <= box.tc[1]) {
          const loK = [ti, lo[1], lo[2]];
          const widthK = [0, width[1], width[2]];
          const r = polish(profile, loK, widthK, [0, bestU[1], bestU[2]]);
          nfev += r.nfev;
          if (r.fun < bestF) {
            bestF = r.fun;
            bestU = [width[0] > 0 ? (ti - lo[0]) / width[0] : 0, r.u[1], r.u[2]];
          }
        }
      }
    } else {
      const nmOpts = { xatol: 1e-7, fatol: 0, frtol: 1e-12, maxfev: 600, lower: [0, 0, 0], upper: [1, 1, 1] };
      for (const c of cands) {
        const r = nelderMead(obj, c, { ...nmOpts, step: stepU });
        if (r.fun < bestF) {
          bestF = r.fun;
          bestU = r.x;
        }
      }
      const again = nelderMead(obj, bestU, { ...nmOpts, step: [0.01, 0.01, 0.01] });
      if (again.fun <= bestF) bestU = again.x;
    }
    const [tc, m, omega] = toX(bestU);
    warm = [tc, m, omega];
    states.push({ profile, lo, width, x: [tc, m, omega], f: bestF, nfev });
  }
  if (local !== "nm" && K > 1) {
    // Pooling: nested windows of one family have similar profile landscapes, so a basin one window found
    // is a candidate for its neighbours. Backward then forward sweeps offer each window its neighbour's
    // optimum (when inside its box); it is polished when its unpolished SSE there is already no worse than
    // the window's best (1 evaluation per window otherwise).
    for (const dir of [-1, 1]) {
      for (let j = dir < 0 ? K - 2 : 1; j >= 0 && j < K; j += dir) {
        const st = states[j];
        const x = states[j - dir].x;
        if (x[0] === st.x[0] && x[1] === st.x[1] && x[2] === st.x[2]) continue;
        const u = [0, 1, 2].map((i) => (st.width[i] > 0 ? (x[i] - st.lo[i]) / st.width[i] : 0));
        if (!u.every((v) => v >= 0 && v <= 1)) continue;
        st.nfev++;
        const f0 = st.profile.sse(x[0], x[1], x[2]);
        if (!(f0 <= st.f)) continue;
        const r = polish(st.profile, st.lo, st.width, u);
        st.nfev += r.nfev;
        if (r.fun < st.f) {
          st.f = r.fun;
          st.x = [0, 1, 2].map((i) => st.lo[i] + r.u[i] * st.width[i]);
        }
      }
    }
  }
  for (let k = 0; k < K; k++) {
    const st = states[k];
    const [tc, m, omega] = st.x;
    const lin = st.profile.solve(tc, m, omega);
    fits.push(makeFit(tc, m, omega, lin, t[starts[k]], t2, lengths[k], filter, st.nfev));
  }
  return fits;
}

interface WindowState {
  readonly profile: LpplsProfile;
  readonly lo: number[];
  readonly width: number[];
  x: number[];
  f: number;
  nfev: number;
}

/** Cusp check threshold, as a fraction of the window's mean sampling interval. */
const KINK_FRAC = 0.02;

/** Row in [start, endRow] whose time is nearest to x (t sorted ascending). */
function nearestRow(t: ArrayLike<number>, start: number, endRow: number, x: number): number {
  let a = start;
  let b = endRow;
  while (b - a > 1) {
    const mid = (a + b) >> 1;
    if (t[mid] <= x) a = mid;
    else b = mid;
  }
  return Math.abs(t[a] - x) <= Math.abs(t[b] - x) ? a : b;
}

/**
 * tc values for the scan: midpoints of the sampling intervals nearest to t2 inside [lo, hi] (up to `count`),
 * and t2 + h·1.3^k beyond t2 (h = half the last interval; up to `count`).
 */
function scanPoints(
  t: ArrayLike<number>,
  start: number,
  endRow: number,
  lo: number,
  hi: number,
  count: number,
): number[] {
  const out: number[] = [];
  for (let i = endRow; i > start && out.length < count; i--) {
    const mid = 0.5 * (t[i] + t[i - 1]);
    if (mid < lo) break;
    if (mid <= hi) out.push(mid);
  }
  const t2 = t[endRow];
  const h = 0.5 * (t[endRow] - t[endRow - 1]);
  let k = 0;
  for (let x = t2 + h; x <= hi && k < count; x = t2 + h * 1.3 ** ++k) if (x >= lo) out.push(x);
  return out;
}
