/**
 * Differential evolution, DE/rand-to-best/1/bin (Storn & Price 1997, J. Global Optimization 11:341;
 * the "current-to-best" variant of Price, Storn & Lampinen 2005, §2.4) on a closed box. Trial
 * vectors that leave the box are folded back by reflection. Seeded via an injected uniform source, so
 * runs are reproducible. Optional `init` rows seed part of the population (e.g. the best grid points).
 *
 * Complexity: popSize × generations evaluations; O(d) work per trial.
 */

/** Options of {@link differentialEvolution}. */
export interface DifferentialEvolutionOptions {
  /** Population size (default 15·d, at least 5). */
  readonly popSize?: number;
  /** Generations (default 60). */
  readonly generations?: number;
  /** Differential weight F (0.7). */
  readonly weight?: number;
  /** Crossover probability CR (0.9). */
  readonly crossover?: number;
  /** Stop early when the population's f spread is ≤ tol·|f_best| (1e-10). */
  readonly tol?: number;
  /** Starting members (clipped into the box); the rest is drawn uniformly. */
  readonly init?: readonly (readonly number[])[];
}

/** Result of {@link differentialEvolution}. */
export interface DifferentialEvolutionResult {
  readonly x: number[];
  readonly fun: number;
  readonly nfev: number;
  readonly generations: number;
}

/**
 * Defaults of {@link differentialEvolution}.
 *
 * @example
 * DE_DEFAULTS.weight; // 0.7
 */
export const DE_DEFAULTS = Object.freeze({ generations: 60, weight: 0.7, crossover: 0.9, tol: 1e-10 });

/**
 * Minimises `f` over the box [lower, upper].
 *
 * @example
 * const rng = new RandomStream(1, 0);
 * differentialEvolution(([a]) => (a - 0.3) ** 2, [0], [1], () => rng.uniform()).x[0]; // ≈ 0.3
 */
export function differentialEvolution(
  f: (x: readonly number[]) => number,
  lower: readonly number[],
  upper: readonly number[],
  uniform: () => number,
  options: DifferentialEvolutionOptions = {},
): DifferentialEvolutionResult {
  const d = lower.length;
  const np = Math.max(5, options.popSize ?? 15 * d);
  const gens = options.generations ?? DE_DEFAULTS.generations;
  const F = options.weight ?? DE_DEFAULTS.weight;
  const CR = options.crossover ?? DE_DEFAULTS.crossover;
  const tol = options.tol ?? DE_DEFAULTS.tol;
  const fold = (v: number, k: number): number => {
    const lo = lower[k];
    const hi = upper[k];
    if (v < lo) v = lo + Math.min(hi - lo, lo - v);
    if (v > hi) v = hi - Math.min(hi - lo, v - hi);
    return v;
  };
  const score = (x: readonly number[]): number => {
    const v = f(x);
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  const pop: number[][] = [];
  const init = options.init ?? [];
  for (let i = 0; i < np; i++) {
    if (i < init.length) pop.push(init[i].map((v, k) => Math.min(upper[k], Math.max(lower[k], v))));
    else pop.push(lower.map((lo, k) => lo + (upper[k] - lo) * uniform()));
  }
  const fit = pop.map(score);
  let nfev = np;
  let best = 0;
  for (let i = 1; i < np; i++) if (fit[i] < fit[best]) best = i;
  let g = 0;
  for (; g < gens; g++) {
    let worst = fit[0];
    for (let i = 1; i < np; i++) if (fit[i] > worst) worst = fit[i];
    if (worst - fit[best] <= tol * Math.abs(fit[best])) break;
    for (let i = 0; i < np; i++) {
      let r1: number;
      let r2: number;
      do r1 = Math.floor(uniform() * np);
      while (r1 === i);
      do r2 = Math.floor(uniform() * np);
      while (r2 === i || r2 === r1);
      const jr = Math.floor(uniform() * d);
      const xi = pop[i];
      const xb = pop[best];
      const trial = xi.slice();
      for (let k = 0; k < d; k++) {
        if (k === jr || uniform() < CR) {
          trial[k] = fold(xi[k] + F * (xb[k] - xi[k]) + F * (pop[r1][k] - pop[r2][k]), k);
        }
      }
      const ft = score(trial);
      nfev++;
      if (ft <= fit[i]) {
        pop[i] = trial;
        fit[i] = ft;
        if (ft < fit[best]) best = i;
      }
    }
  }
  return { x: pop[best], fun: fit[best], nfev, generations: g };
}
