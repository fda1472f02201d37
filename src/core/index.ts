/** Browser-safe numerical core: seeded random streams, the R-compatible generator, quantiles. */
export * from "./quantile.ts";
export * from "./r-rng.ts";
export * from "./rng.ts";
