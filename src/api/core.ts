/**
 * The public `core` namespace of the package (`import { core } from "bubblescope"`): seeded random streams (one
 * independent stream per task, bit-identical with 1 or N workers), R's Mersenne-Twister + inversion normal
 * generator, and R-7 quantiles. Explicit names only: what is listed here is the supported API.
 */
export { quantile7, quantileSorted, quantilesOmitNaN } from "../core/quantile.ts";
export { qnormAS241, RRandom } from "../core/r-rng.ts";
export { mixSeed, type NormalSource, RandomStream } from "../core/rng.ts";
