/**
 * Frequency alignment for the technology-adjusted PSY test (documented choices, no hidden smoothing):
 *
 * - `levelFromGrowth`: a level index from annualised quarterly log growth rates in percent (Fernald's dtfp =
 *   400·Δln TFP): L_q = 100·exp(Σ_{j≤q} g_j/400), with L = 100 in the quarter before the first growth rate.
 * - `toMonthly`: a quarterly or annual series onto a monthly calendar. Each period's value is placed at the middle
 *   month of its period (Feb/May/Aug/Nov for quarters, July for years); months between two placed values are
 *   **linearly interpolated in logs** (log-linear, i.e. constant growth between period midpoints); months of the
 *   first and last period that lie outside the placed points **hold the nearest value** (no extrapolation beyond
 *   the series' own periods). Months outside the series' periods are NaN.
 * - `fillInteriorGaps`: a single missing month inside a monthly series (CPIAUCSL 2025-10, never released) is
 *   filled by log-linear interpolation between its neighbours; longer gaps and gaps at the ends stay NaN.
 * All O(n). Values must be positive (logs).
 *
 * @example
 * toMonthly(["2000-01-01"], [100], "Q", ["2000-01-01", "2000-02-01", "2000-03-01"]); // [100, 100, 100]
 */
const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;

export function levelFromGrowth(growthPctAnnualised: readonly number[], periodsPerYear = 4): number[] {
  let acc = 0;
  return growthPctAnnualised.map((g) => {
    if (!Number.isFinite(g)) throw new RangeError(`levelFromGrowth: non-finite growth rate ${g}`);
    acc += g / (100 * periodsPerYear);
    return 100 * Math.exp(acc);
  });
}

export function toMonthly(
  dates: readonly string[],
  values: readonly number[],
  frequency: "Q" | "A",
  monthlyDates: readonly string[],
): number[] {
  const span = frequency === "Q" ? 3 : 12;
  const mid = frequency === "Q" ? 1 : 6;
  const pts: { m: number; v: number; lo: number; hi: number }[] = [];
  dates.forEach((d, i) => {
    const v = values[i];
    if (!Number.isFinite(v)) return;
    if (v <= 0) throw new RangeError(`toMonthly: values must be positive (log interpolation), got ${v} at ${d}`);
    const start = monthIndex(d);
    pts.push({ m: start + mid, v: Math.log(v), lo: start, hi: start + span - 1 });
  });
  return monthlyDates.map((md) => {
    const m = monthIndex(md);
    if (pts.length === 0 || m < pts[0].lo || m > pts[pts.length - 1].hi) return Number.NaN;
    if (m <= pts[0].m) return Math.exp(pts[0].v);
    if (m >= pts[pts.length - 1].m) return Math.exp(pts[pts.length - 1].v);
    let k = 0;
    while (pts[k + 1].m < m) k++;
    const a = pts[k];
    const b = pts[k + 1];
    // A gap of missing periods between a and b is not bridged.
    if (b.lo > a.hi + 1) return Number.NaN;
    const w = (m - a.m) / (b.m - a.m);
    return Math.exp(a.v + w * (b.v - a.v));
  });
}

export function fillInteriorGaps(
  dates: readonly string[],
  values: readonly number[],
): { values: number[]; filled: string[] } {
  const out = values.slice();
  const filled: string[] = [];
  for (let i = 1; i < out.length - 1; i++) {
    if (Number.isFinite(out[i])) continue;
    const a = values[i - 1];
    const b = values[i + 1];
    if (Number.isFinite(a) && Number.isFinite(b) && a > 0 && b > 0) {
      out[i] = Math.exp((Math.log(a) + Math.log(b)) / 2);
      filled.push(dates[i]);
    }
  }
  return { values: out, filled };
}
