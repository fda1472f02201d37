/** Timing helpers for benchmarks: median of repeated runs after a warm-up, in milliseconds. */
export function timeMedian(
  fn: () => unknown,
  { runs = 5, warmup = 1 }: { runs?: number; warmup?: number } = {},
): number {
  for (let i = 0; i < warmup; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

export async function timeMedianAsync(fn: () => Promise<unknown>, { runs = 3, warmup = 1 } = {}): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}
