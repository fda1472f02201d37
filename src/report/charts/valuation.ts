/**
 * ECharts option: the long history of the two market-wide valuation measures — Shiller's CAPE (left axis, monthly
 * since 1881) and the Buffett indicator, nonfinancial corporate equities / GDP (right axis, quarterly since 1947) —
 * with both eras' peaks marked on each line (the 2000-era peak and the AI-era high), and the talk date as a vertical
 * line; optionally horizontal levels per series (the dashboard draws each measure's mean + 2σ lines). One builder
 * serves the HTML report and the dashboard.
 */
import type { EChartsCoreOption } from "echarts";
import { PALETTE } from "./psy.ts";

export interface ValuationChartSeries {
  readonly label: string;
  readonly unit: string;
  /** [ISO date, value or null]. */
  readonly history: readonly (readonly [string, number | null])[];
  /** Marked points: [ISO date, value, label]. */
  readonly marks: readonly { readonly date: string; readonly value: number; readonly label: string }[];
  /** Horizontal reference levels on this series' axis (e.g. the historical mean + 2σ), drawn dotted. */
  readonly levels?: readonly { readonly value: number; readonly label: string }[];
}

export interface ValuationChartInput {
  readonly title: string;
  readonly left: ValuationChartSeries;
  readonly right: ValuationChartSeries;
  /** A vertical reference line (e.g. the talk date). */
  readonly refDate?: { readonly date: string; readonly label: string };
}

/**
 * @example
 * valuationChartOption({ title: "CAPE and equities/GDP", left: cape, right: buffett, refDate: { date: "2025-10-31", label: "talk" } });
 */
export function valuationChartOption(o: ValuationChartInput): EChartsCoreOption {
  const line = (s: ValuationChartSeries, axis: number, color: string) => ({
    name: `${s.label} (${s.unit})`,
    type: "line",
    yAxisIndex: axis,
    data: s.history.map(([d, v]) => [d, v === null ? null : Number(v.toPrecision(5))]),
    showSymbol: false,
    connectNulls: false,
    lineStyle: { width: 1.4, color },
    itemStyle: { color },
    markPoint: {
      symbol: "pin",
      symbolSize: 34,
      label: { fontSize: 9, formatter: (p: { value: number }) => `${Number(p.value).toFixed(0)}` },
      itemStyle: { color },
      data: s.marks.map((m) => ({ name: m.label, coord: [m.date, Number(m.value.toPrecision(5))], value: m.value })),
    },
    ...((axis === 0 && o.refDate) || s.levels?.length
      ? {
          markLine: {
            silent: true,
            symbol: "none",
            label: { formatter: "{b}", fontSize: 10 },
            lineStyle: { color: PALETTE.grey, type: "dashed" },
            data: [
              ...(axis === 0 && o.refDate ? [{ name: o.refDate.label, xAxis: o.refDate.date }] : []),
              ...(s.levels ?? []).map((l) => ({
                name: l.label,
                yAxis: Number(l.value.toPrecision(5)),
                lineStyle: { color, type: "dotted", width: 1 },
                label: { formatter: "{b}", fontSize: 9, position: "insideEndTop" },
              })),
            ],
          },
        }
      : {}),
  });
  return {
    title: { text: o.title, left: "center", textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 56, right: 64, top: 56, bottom: 60 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "time" },
    yAxis: [
      { type: "value", name: o.left.unit, position: "left", splitLine: { show: true } },
      { type: "value", name: o.right.unit, position: "right", splitLine: { show: false } },
    ],
    series: [line(o.left, 0, PALETTE.vermillion), line(o.right, 1, PALETTE.blue)],
  };
}
