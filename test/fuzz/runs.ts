/**
 * How many cases each fuzz property runs: a few hundred in `npm test`, ≥ 10,000 in the nightly-sized run
 * (`FUZZ_RUNS=10000 npm run test:unit -- test/fuzz`, or `NIGHTLY=1`). The seed is fixed (FUZZ_SEED to change it),
 * so a failure is reproducible; fast-check prints the seed and the shrunk counterexample.
 */
export function fuzzRuns(quick: number): number {
  const env = process.env.FUZZ_RUNS;
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  return process.env.NIGHTLY === "1" ? Math.max(10_000, quick) : quick;
}

export const FUZZ_SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20261205;

/** A one-line message with no control character and no stack frame. */
export function isCleanLine(s: string): boolean {
  const control = [...s].some((c) => {
    const k = c.charCodeAt(0);
    return k < 0x20 || (k >= 0x7f && k <= 0x9f);
  });
  return s.length > 0 && !control && !/\bat .*:\d+:\d+\)?$/.test(s);
}
