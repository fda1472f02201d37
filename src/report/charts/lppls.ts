/**
 * ECharts options for LPPLS charts (rendered with `renderSvg`, shared by the CLI's --svg, the HTML report and
 * the dashboard):
 * - `lpplsFitChartOption`: the (log) price with the fitted LPPLS curve over the fit window, extended to
 *   just before tc, and the crash-time distribution as a shaded band between its outer quantiles with a
 *   line at each quantile (the band's width is the honest uncertainty of tc);
 * - `lpplsIndicatorChartOption`: price (left axis) with the positive and negative confidence indicators
 *   (right axis, 0–1).
 * x values are numbers (days since the first observation's epoch) on a value axis, labelled by `xLabel`.
 */
import type { EChartsCoreOption } from "echarts";

// Okabe–Ito colour-blind-safe palette.
const C = Object.freeze({
  blue: "#0072B2",
  orange: "#E69F00",
  vermillion: "#D55E00",
  green: "#009E73",
  grey: "#666666",
});

const r6 = (v: number): number | null => (Number.isFinite(v) ? Number(v.toPrecision(7)) : null);

/** Input of {@link lpplsFitChartOption}. */
export interface LpplsFitChartInput {
  readonly title: string;
  /** Times of the observations (units of t) and the plotted values. */
  readonly t: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Fitted curve: times and values (may extend past the data toward tc). */
  readonly fitT: ArrayLike<number>;
  readonly fitY: ArrayLike<number>;
  /** Critical time of the fit. */
  /** Best-fit critical time; null when the fit failed (no tc line, no curve). */
  readonly tc: number | null;
  /** tc quantiles of the qualified fits ({p, tc}); empty when none qualified. */
  readonly tcQuantiles: readonly { readonly p: number; readonly tc: number }[];
  /** Axis label formatter for a time value (e.g. day ordinal → ISO date). */
  readonly xLabel: (t: number) => string;
  readonly yName?: string;
}

/**
 * Price + LPPLS fit + tc distribution.
 *
 * @example
 * renderSvg(lpplsFitChartOption({ title: "NASDAQ", t, y, fitT, fitY, tc, tcQuantiles: [], xLabel: ordinalToDate }));
 */
export function lpplsFitChartOption(input: LpplsFitChartInput): EChartsCoreOption {
  const data = Array.from(input.t, (x, i) => [x, r6(input.y[i])]);
  const fit = Array.from(input.fitT, (x, i) => [x, r6(input.fitY[i])]);
  const q = input.tcQuantiles.filter((d) => Number.isFinite(d.tc));
  const markLines: object[] = [
    ...(input.tc === null
      ? []
      : [
          {
            xAxis: input.tc,
            name: "tc (best fit)",
            lineStyle: { color: C.vermillion, width: 2 },
            label: { formatter: "tc" },
          },
        ]),
    ...q.map((d) => ({
      xAxis: d.tc,
      lineStyle: { color: C.orange, type: "dashed", width: 1 },
      label: { formatter: `${Math.round(d.p * 100)}%`, fontSize: 9 },
    })),
  ];
  const band = q.length >= 2 ? [[{ xAxis: q[0].tc }, { xAxis: q[q.length - 1].tc }]] : [];
  let xmin = Number.POSITIVE_INFINITY;
  let xmax = Number.NEGATIVE_INFINITY;
  for (const v of [input.t[0], input.t[input.t.length - 1], input.tc ?? Number.NaN, ...q.map((d) => d.tc)]) {
    if (Number.isFinite(v)) {
      xmin = Math.min(xmin, v);
      xmax = Math.max(xmax, v);
    }
  }
  return {
    title: { text: input.title, left: "center", textStyle: { fontSize: 14 } },
    tooltip: { trigger: "axis" },
    legend: { top: 32, data: ["observed", "LPPLS fit"] },
    grid: { left: 60, right: 30, top: 72, bottom: 50 },
    xAxis: {
      type: "value",
      min: Math.floor(xmin),
      max: Math.ceil(xmax + 0.02 * (xmax - xmin)),
      axisLabel: { formatter: (v: number) => input.xLabel(v), hideOverlap: true },
    },
    yAxis: { type: "value", scale: true, name: input.yName ?? "log price" },
    series: [
      {
        name: "observed",
        type: "line",
        data,
        showSymbol: false,
        lineStyle: { width: 1, color: C.grey },
        itemStyle: { color: C.grey },
        markArea: { silent: true, itemStyle: { color: "rgba(230, 159, 0, 0.15)" }, data: band },
        markLine: { silent: true, symbol: "none", data: markLines },
      },
      {
        name: "LPPLS fit",
        type: "line",
        data: fit,
        showSymbol: false,
        lineStyle: { width: 2, color: C.blue },
        itemStyle: { color: C.blue },
      },
    ],
  };
}

/** Input of {@link lpplsIndicatorChartOption}. */
export interface LpplsIndicatorChartInput {
  readonly title: string;
  readonly t: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Window-end times with the two confidences. */
  readonly points: readonly { readonly t2: number; readonly posConf: number; readonly negConf: number }[];
  readonly xLabel: (t: number) => string;
  readonly yName?: string;
}

/**
 * Confidence indicator over price.
 *
 * @example
 * renderSvg(lpplsIndicatorChartOption({ title: "NASDAQ", t, y, points, xLabel: ordinalToDate }));
 */
export function lpplsIndicatorChartOption(input: LpplsIndicatorChartInput): EChartsCoreOption {
  return {
    title: { text: input.title, left: "center", textStyle: { fontSize: 14 } },
    tooltip: { trigger: "axis" },
    legend: { top: 32, data: ["price", "positive bubble confidence", "negative bubble confidence"] },
    grid: { left: 60, right: 60, top: 72, bottom: 50 },
    xAxis: {
      type: "value",
      min: Math.floor(input.t[0]),
      max: Math.ceil(input.t[input.t.length - 1]),
      axisLabel: { formatter: (v: number) => input.xLabel(v), hideOverlap: true },
    },
    yAxis: [
      { type: "value", scale: true, name: input.yName ?? "log price" },
      { type: "value", min: -1, max: 1, name: "confidence (negative bubble below 0)", splitLine: { show: false } },
    ],
    series: [
      {
        name: "price",
        type: "line",
        data: Array.from(input.t, (x, i) => [x, r6(input.y[i])]),
        showSymbol: false,
        lineStyle: { width: 1, color: C.grey },
        itemStyle: { color: C.grey },
      },
      {
        name: "positive bubble confidence",
        type: "bar",
        yAxisIndex: 1,
        barMaxWidth: 3,
        data: input.points.map((p) => [p.t2, r6(p.posConf)]),
        itemStyle: { color: C.vermillion },
      },
      {
        name: "negative bubble confidence",
        type: "bar",
        yAxisIndex: 1,
        barMaxWidth: 3,
        data: input.points.map((p) => [p.t2, r6(-p.negConf)]),
        itemStyle: { color: C.green },
      },
    ],
  };
}
