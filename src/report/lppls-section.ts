/**
 * LPPLS for the report: on each series' last two years of daily log closes (the 2000-era ones ending at their own
 * 2000 peak), the best LPPLS fit (Filimonov & Sornette 2013; lppls preset), the crash-time distribution over
 * nested windows ending there (quantiles of the qualified fits' tc), and the confidence indicator over the last
 * months (lppls's nested-window scheme, every 10th day). Everything is seeded; the numbers carry the price file
 * they came from. Cost: ~30 window fits for the distribution + ~25 × 30 for the indicator per series.
 */
import {
  crashTimeDistribution,
  dayOrdinal,
  fitLppls,
  lpplsIndicator,
  lpplsModel,
  ordinalToDate,
} from "../detect/lppls/index.ts";
import type { PriceSeries } from "./prices.ts";

export interface LpplsEntry {
  readonly id: string;
  readonly era: "2000" | "ai";
  readonly label: string;
  readonly evidence: readonly string[];
  readonly source: string;
  readonly window: { readonly start: string; readonly end: string; readonly n: number };
  readonly fit: {
    readonly tcDate: string;
    readonly tcDaysAfterLast: number;
    readonly m: number;
    readonly omega: number;
    readonly B: number;
    readonly sign: string;
    readonly qualified: boolean;
    readonly conditions: Readonly<Record<string, boolean>>;
  };
  readonly tcDistribution: {
    readonly windows: number;
    readonly qualified: number;
    readonly quantiles: readonly {
      readonly p: number;
      readonly date: string | null;
      readonly daysAfterLast: number | null;
    }[];
    readonly widthDays: number | null;
  };
  readonly indicator: readonly { readonly date: string; readonly posConf: number; readonly negConf: number }[];
  /** For the chart: the window's observations (day ordinals, log prices) and the fitted curve up to tc. */
  readonly chart: {
    readonly t: readonly number[];
    readonly y: readonly number[];
    readonly fitT: readonly number[];
    readonly fitY: readonly number[];
    readonly tc: number;
    readonly tcQuantiles: readonly { p: number; tc: number }[];
  };
}

const WINDOW = 504;
const INDICATOR_SPAN = 250;
const r6 = (v: number) => Number(v.toPrecision(6));

/** LPPLS on the last `WINDOW` observations of `p` up to `end` (ISO, inclusive). */
export function lpplsForReport(
  p: PriceSeries & { key: string; era: "2000" | "ai" },
  end: string,
  seed: number,
): LpplsEntry | null {
  const idx: number[] = [];
  p.dates.forEach((d, i) => {
    if (d <= end) idx.push(i);
  });
  if (idx.length < WINDOW) return null;
  const rows = idx.slice(-WINDOW);
  const dates = rows.map((i) => p.dates[i]);
  const t = Float64Array.from(dates, dayOrdinal);
  const y = Float64Array.from(rows, (i) => Math.log(p.values[i]));
  const fit = fitLppls(t, y, { preset: "lppls", seed });
  const dist = crashTimeDistribution(t, y, { windowSize: WINDOW, seed });
  const last = t[t.length - 1];
  const ind = lpplsIndicator(t, y, { fromRow: WINDOW - INDICATOR_SPAN, outerIncrement: 10, seed });
  const fitT: number[] = [];
  const horizon = Number.isFinite(fit.tc) ? Math.min(fit.tc - 1, last + 400) : last;
  for (let k = 0; k <= 200; k++) fitT.push(t[0] + ((horizon - t[0]) * k) / 200);
  const fitY = Array.from(
    lpplsModel(fitT, { tc: fit.tc, m: fit.m, omega: fit.omega, A: fit.A, B: fit.B, C1: fit.C1, C2: fit.C2 }),
    r6,
  );
  const q = dist.quantiles.map((d) => ({
    p: d.p,
    date: Number.isFinite(d.tc) ? ordinalToDate(Math.round(d.tc)) : null,
    daysAfterLast: Number.isFinite(d.tc) ? Math.round(d.tc - last) : null,
  }));
  return {
    id: `lppls-${p.key.toLowerCase()}`,
    era: p.era,
    label: `${p.label}, ${dates[0]} – ${dates[dates.length - 1]}`,
    evidence: [p.id],
    source: "LPPLS (Johansen–Ledoit–Sornette; Filimonov & Sornette 2013 fit), lppls 0.6.24 filter conditions; seeded",
    window: { start: dates[0], end: dates[dates.length - 1], n: WINDOW },
    fit: {
      tcDate: Number.isFinite(fit.tc) ? ordinalToDate(Math.round(fit.tc)) : "n/a",
      tcDaysAfterLast: Math.round(fit.tc - last),
      m: r6(fit.m),
      omega: r6(fit.omega),
      B: r6(fit.B),
      sign: fit.sign,
      qualified: fit.qualification.qualified,
      conditions: { ...fit.qualification },
    },
    tcDistribution: {
      windows: dist.nFits,
      qualified: dist.nQualified,
      quantiles: q,
      widthDays: Number.isFinite(dist.width) ? Math.round(dist.width) : null,
    },
    indicator: ind.points.map((pt) => ({
      date: ordinalToDate(Math.round(pt.t2)),
      posConf: r6(pt.posConf),
      negConf: r6(pt.negConf),
    })),
    chart: {
      t: Array.from(t),
      y: Array.from(y, r6),
      fitT,
      fitY,
      tc: fit.tc,
      tcQuantiles: dist.quantiles.filter((d) => Number.isFinite(d.tc)).map((d) => ({ p: d.p, tc: d.tc })),
    },
  };
}
