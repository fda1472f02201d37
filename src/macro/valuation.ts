/**
 * Market-wide valuation for both eras: Shiller's CAPE (cape.ts) and the Buffett indicator (buffett.ts) computed from
 * their inputs, checked against the published values, with the value at the 2000 peak, at the talk date
 * (2025-10-31) and the latest, each with its percentile rank in its own history **as known at that date** (the
 * history up to and including it: no look-ahead). O(n²) for the as-of percentiles of the three marks (n ≤ 2000).
 *
 * @example
 * const v = valuationSummary(parseDateTable(shillerCsv), parseDateTable(buffettCsv));
 * v.cape.marks.find((m) => m.key === "peak-2000")?.value; // ≈ 44.2 (1999-12)
 */

import { TALK_DATE } from "../analysis/series.ts";
import { buffettRatio } from "./buffett.ts";
import { capeSeries } from "./cape.ts";
import { percentileRank } from "./percentile.ts";
import type { DateTable } from "./table.ts";

/** The talk's date (a16z, Gavin Baker with David George, 31 Oct 2025): one constant, in src/analysis/series.ts. */
export { TALK_DATE };

export interface ValuationMark {
  readonly key: "peak-2000" | "talk" | "latest" | "peak-all";
  readonly label: string;
  readonly date: string;
  readonly value: number;
  /** Percentile rank (0–100) in the history up to and including `date`. */
  readonly percentile: number;
  readonly historyFrom: string;
  readonly observations: number;
}

export interface ValuationSeries {
  readonly id: "cape" | "buffett";
  readonly label: string;
  readonly unit: string;
  readonly formula: string;
  readonly source: string;
  readonly dates: readonly string[];
  readonly values: readonly number[];
  readonly marks: readonly ValuationMark[];
  /** Computed vs published, over the dates both exist. */
  readonly check: {
    readonly compared: number;
    readonly maxAbsDeviation: number;
    readonly maxRelDeviation: number;
    readonly at: string;
    readonly tolerance: string;
  };
}

function marks(dates: readonly string[], values: readonly number[], peak2000: [string, string]): ValuationMark[] {
  const idx: number[] = [];
  values.forEach((v, i) => {
    if (Number.isFinite(v)) idx.push(i);
  });
  if (idx.length === 0) throw new RangeError("valuation series has no finite value");
  const mark = (key: ValuationMark["key"], label: string, i: number): ValuationMark => {
    const hist = idx.filter((j) => j <= i).map((j) => values[j]);
    return {
      key,
      label,
      date: dates[i],
      value: values[i],
      percentile: percentileRank(hist, values[i]),
      historyFrom: dates[idx[0]],
      observations: hist.length,
    };
  };
  const argmax = (pred: (d: string) => boolean) => {
    let best = -1;
    for (const i of idx) if (pred(dates[i]) && (best < 0 || values[i] > values[best])) best = i;
    return best;
  };
  const out: ValuationMark[] = [];
  const p = argmax((d) => d >= peak2000[0] && d <= peak2000[1]);
  if (p >= 0) out.push(mark("peak-2000", `2000-era peak (${dates[p].slice(0, 7)})`, p));
  // The talk date: the last observation dated on or before it.
  let talk = -1;
  for (const i of idx) if (dates[i] <= TALK_DATE) talk = i;
  if (talk >= 0) out.push(mark("talk", `at the talk (last data ≤ ${TALK_DATE}: ${dates[talk].slice(0, 7)})`, talk));
  const last = idx[idx.length - 1];
  out.push(mark("latest", `latest (${dates[last].slice(0, 7)})`, last));
  const all = argmax(() => true);
  out.push(mark("peak-all", `all-time high (${dates[all].slice(0, 7)})`, all));
  return out;
}

function compare(
  dates: readonly string[],
  computed: readonly number[],
  published: readonly number[],
  tolerance: string,
) {
  let n = 0;
  let maxAbs = 0;
  let maxRel = 0;
  let at = "";
  computed.forEach((c, i) => {
    const p = published[i];
    if (!Number.isFinite(c) || !Number.isFinite(p)) return;
    n++;
    const a = Math.abs(c - p);
    if (a > maxAbs) {
      maxAbs = a;
      at = dates[i];
    }
    maxRel = Math.max(maxRel, a / Math.abs(p));
  });
  return { compared: n, maxAbsDeviation: maxAbs, maxRelDeviation: maxRel, at, tolerance };
}

export interface ValuationSummary {
  readonly cape: ValuationSeries;
  readonly buffett: ValuationSeries;
}

/** CAPE from shiller_monthly.csv and the Buffett indicator from buffett_quarterly.csv (data/macro). */
export function valuationSummary(shiller: DateTable, buffett: DateTable): ValuationSummary {
  const col = (t: DateTable, c: string) => {
    const v = t.columns[c];
    if (!v) throw new RangeError(`macro data: column "${c}" is missing`);
    return v;
  };
  const cape = capeSeries({
    price: col(shiller, "price"),
    earnings: col(shiller, "earnings"),
    cpi: col(shiller, "cpi"),
  });
  const ratio = buffettRatio(col(buffett, "equities_musd"), col(buffett, "gdp_busd"));
  return {
    cape: {
      id: "cape",
      label: "Shiller CAPE (S&P Composite)",
      unit: "x",
      formula:
        "(P_t/CPI_t) / mean_{s=t-120..t-1}(E_s/CPI_s): real price over the mean real trailing earnings of the 10 years before (Shiller)",
      source: "Shiller ie_data.xls (P, E, CPI) via data/macro/shiller_monthly.csv",
      dates: shiller.dates,
      values: cape,
      marks: marks(shiller.dates, cape, ["1995-01-01", "2002-12-31"]),
      check: compare(
        shiller.dates,
        cape,
        col(shiller, "cape_published"),
        "1e-4 relative (Shiller publishes 4 decimals)",
      ),
    },
    buffett: {
      id: "buffett",
      label: "Buffett indicator: nonfinancial corporate equities / GDP",
      unit: "% of GDP",
      formula: "NCBEILQ027S (Fed Z.1, $m) / 1000 / GDP ($bn, SAAR) × 100",
      source: "Fed Z.1 NCBEILQ027S and BEA GDP (FRED) via data/macro/buffett_quarterly.csv",
      dates: buffett.dates,
      values: ratio,
      marks: marks(buffett.dates, ratio, ["1995-01-01", "2002-12-31"]),
      check: compare(
        buffett.dates,
        ratio,
        col(buffett, "ratio_published"),
        "1e-4 absolute (the published ratio has 4 decimals)",
      ),
    },
  };
}
