/**
 * ECharts option for a PSY date-stamping chart: the BSADF (or BADF) sequence against its critical-value sequence,
 * with the date-stamped episodes shaded and, optionally, the series itself on a second axis. One builder serves the
 * CLI's --svg, the HTML report and the dashboard.
 */
import type { EChartsCoreOption } from "echarts";

export interface PsyChartInput {
  readonly title: string;
  /** x labels for each element of the sequence (dates or t). */
  readonly x: readonly (string | number)[];
  readonly stat: ArrayLike<number>;
  readonly statName?: string;
  /** Critical value per element (same length as stat). */
  readonly cv: ArrayLike<number>;
  readonly cvName?: string;
  /** Optional second cv sequence (e.g. the PSY 2015 definition beside exuber's). */
  readonly cv2?: ArrayLike<number>;
  readonly cv2Name?: string;
  /** Episodes as [start, end] x labels. */
  readonly episodes: readonly { start: string | number; end: string | number }[];
  /** Optional level series on the right axis. */
  readonly level?: ArrayLike<number>;
  readonly levelName?: string;
}

// Okabe–Ito colour-blind-safe palette.
export const PALETTE = Object.freeze({
  blue: "#0072B2",
  orange: "#E69F00",
  vermillion: "#D55E00",
  green: "#009E73",
  sky: "#56B4E9",
  purple: "#CC79A7",
  yellow: "#F0E442",
  grey: "#666666",
});

const fin = (a: ArrayLike<number>) => Array.from(a, (v) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null));

/** A report PSY entry (prices, ratios, the adjusted residual): its BSADF sequence, 95% cv and episodes. */
export interface BsadfEntry {
  readonly index: readonly (string | number)[];
  readonly bsadf: readonly (number | null)[];
  readonly cv95: readonly (number | null)[];
  readonly episodes: readonly { start: string | number; end: string | number }[];
}

/** The chart input of a report PSY entry (missing values as NaN), with an optional level on the right axis. */
export function bsadfChartInput(
  title: string,
  p: BsadfEntry,
  level?: { readonly values: ArrayLike<number>; readonly name: string },
): PsyChartInput {
  return {
    title,
    x: p.index,
    stat: p.bsadf.map((v) => v ?? Number.NaN),
    cv: p.cv95.map((v) => v ?? Number.NaN),
    episodes: p.episodes,
    ...(level ? { level: level.values, levelName: level.name } : {}),
  };
}

export function psyChartOption(input: PsyChartInput): EChartsCoreOption {
  const series: object[] = [
    {
      name: input.statName ?? "BSADF",
      type: "line",
      data: fin(input.stat),
      showSymbol: false,
      lineStyle: { width: 1.5, color: PALETTE.blue },
      itemStyle: { color: PALETTE.blue },
      markArea: {
        silent: true,
        itemStyle: { color: "rgba(213, 94, 0, 0.18)" },
        data: input.episodes.map((e) => [{ xAxis: String(e.start) }, { xAxis: String(e.end) }]),
      },
    },
    {
      name: input.cvName ?? "95% critical value",
      type: "line",
      data: fin(input.cv),
      showSymbol: false,
      lineStyle: { width: 1.2, type: "dashed", color: PALETTE.vermillion },
      itemStyle: { color: PALETTE.vermillion },
    },
  ];
  if (input.cv2)
    series.push({
      name: input.cv2Name ?? "critical value (alt.)",
      type: "line",
      data: fin(input.cv2),
      showSymbol: false,
      lineStyle: { width: 1.2, type: "dotted", color: PALETTE.green },
      itemStyle: { color: PALETTE.green },
    });
  // Axis names run along their axes: at the top they would meet a long title.
  const yAxis: object[] = [{ type: "value", name: "statistic", scale: true, nameLocation: "middle", nameGap: 40 }];
  if (input.level) {
    yAxis.push({
      type: "value",
      name: input.levelName ?? "level",
      scale: true,
      splitLine: { show: false },
      nameLocation: "middle",
      nameGap: 44,
    });
    series.push({
      name: input.levelName ?? "level",
      type: "line",
      yAxisIndex: 1,
      data: fin(input.level),
      showSymbol: false,
      lineStyle: { width: 1, color: PALETTE.grey },
      itemStyle: { color: PALETTE.grey },
    });
  }
  return {
    title: { text: input.title, left: "center", textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 60, right: input.level ? 80 : 30, top: 52, bottom: 60 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: input.x.map(String), boundaryGap: false },
    yAxis,
    series,
  };
}
