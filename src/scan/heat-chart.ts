/**
 * ECharts option for the scan's heat map: BSADF / critical value by series over time, from the recorded `heat`
 * paths of a scan (`ScanSeriesResult.heat`: the maximum ratio of each bucket). One row per tested series in the
 * order given (the ranking), one column per date bucket; the colour breaks at 1, where BSADF exceeds its critical
 * value (an explosive observation at the date-stamping level). Series of different lengths or calendars have their
 * own buckets: the columns are the union of the bucket end dates, merged (by the maximum again) to at most
 * `HEAT_BUCKETS` columns, each point falling in the first column that ends on or after its date; a column inside a
 * series' span where none of its buckets ends takes the ratio of the bucket that covers it. Browser-safe.
 * Complexity O(S·B·log C) for S series of B buckets and C columns.
 */
import type { EChartsCoreOption } from "echarts";
import { HEAT_BUCKETS, type ScanSeriesResult } from "./scan-series.ts";

/** The grid behind the heat map: column end dates, row names (top row first) and cells [column, row, ratio]. */
export interface HeatGrid {
  readonly columns: readonly string[];
  readonly rows: readonly string[];
  readonly cells: readonly (readonly [number, number, number])[];
}

/**
 * Lays the series' heat paths on common columns (the maximum where several buckets meet in one column).
 *
 * @example
 * heatGrid(scan.series).rows; // ["BOOM", "NVDA", …] (tested series, ranked order)
 */
export function heatGrid(series: readonly ScanSeriesResult[], maxColumns = HEAT_BUCKETS): HeatGrid {
  const ok = series.filter((s) => !s.error && s.heat && s.heat.dates.length > 0);
  const union = [...new Set(ok.flatMap((s) => s.heat!.dates))].sort();
  const step = Math.max(1, Math.ceil(union.length / maxColumns));
  // Column ends: every step-th date counted back from the last, so the last column ends on the last date.
  const columns: string[] = [];
  for (let i = union.length - 1; i >= 0; i -= step) columns.push(union[i]);
  columns.reverse();
  const cells: [number, number, number][] = [];
  ok.forEach((s, row) => {
    const best = new Map<number, number>();
    const h = s.heat!;
    h.dates.forEach((d, k) => {
      const v = h.ratio[k];
      if (v === null) return;
      let lo = 0;
      let hi = columns.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (columns[mid] >= d) hi = mid;
        else lo = mid + 1;
      }
      const prev = best.get(lo);
      if (prev === undefined || v > prev) best.set(lo, v);
    });
    // A column in which none of this series' buckets ends (the columns come from every series' calendar) lies
    // inside the series' next bucket: it takes that bucket's ratio, so a row has no false gap.
    const filled = [...best].sort((a, b) => a[0] - b[0]);
    for (let k = 0; k < filled.length; k++) {
      const [c, v] = filled[k];
      const prev = k > 0 ? filled[k - 1][0] : c - 1;
      for (let gap = prev + 1; gap < c; gap++) cells.push([gap, row, v]);
      cells.push([c, row, v]);
    }
  });
  return { columns, rows: ok.map((s) => s.name), cells };
}

/**
 * Colour pieces: blues below the break, oranges to red above it (a diverging ColorBrewer RdBu scheme; 1 is the only
 * break that matters, the others are conventions for reading). No piece is near white: an empty cell means no ratio.
 */
const PIECES = [
  { lte: 0, label: "≤ 0", color: "#2166ac" },
  { gt: 0, lte: 0.5, label: "0 – 0.5", color: "#4393c3" },
  { gt: 0.5, lte: 1, label: "0.5 – 1 (not explosive)", color: "#92c5de" },
  { gt: 1, lte: 1.5, label: "1 – 1.5 (explosive)", color: "#f4a582" },
  { gt: 1.5, lte: 2, label: "1.5 – 2", color: "#d6604d" },
  { gt: 2, label: "> 2", color: "#b2182b" },
];

/**
 * @example
 * renderSvg(heatMapOption(scan.series, { title: "BSADF / cv95", level: 95 }));
 */
export function heatMapOption(
  series: readonly ScanSeriesResult[],
  input: { readonly title: string; readonly level: number },
): EChartsCoreOption {
  const g = heatGrid(series);
  const R = g.rows.length;
  // Row 0 (rank 1) at the top: the category axis counts upwards, so rows are drawn reversed.
  const names = [...g.rows].reverse();
  return {
    title: { text: input.title, left: "center", textStyle: { fontSize: 14 } },
    tooltip: {
      trigger: "item",
      formatter: (p: { value: [number, number, number] }) =>
        `${names[p.value[1]]}<br/>bucket ending ${g.columns[p.value[0]]}<br/>max BSADF / cv${input.level}: ${p.value[2]}`,
    },
    grid: { left: 8, right: 24, top: 40, bottom: 76, containLabel: true },
    xAxis: { type: "category", data: g.columns, splitArea: { show: false } },
    yAxis: { type: "category", data: names, axisTick: { show: false }, triggerEvent: true },
    visualMap: {
      type: "piecewise",
      dimension: 2,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      pieces: PIECES,
      itemGap: 12,
    },
    series: [
      {
        name: `BSADF / cv${input.level}`,
        type: "heatmap",
        data: g.cells.map(([c, r, v]) => [c, R - 1 - r, v]),
        emphasis: { itemStyle: { borderColor: "#000", borderWidth: 1 } },
        progressive: 0,
      },
    ],
  };
}
