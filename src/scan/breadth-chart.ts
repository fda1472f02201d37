/**
 * ECharts option for bubble breadth: the share of one or more baskets in a PSY explosive episode over time (one
 * line per basket, 0–100 %), with optional marked dates (e.g. the March 2000 peak, the talk date). One builder for
 * the scan page, the report and the dashboard. Browser-safe.
 */
import type { EChartsCoreOption } from "echarts";
import type { Breadth } from "./breadth.ts";

const COLOURS = ["#D55E00", "#0072B2", "#009E73", "#E69F00", "#CC79A7"];

export interface BreadthChartInput {
  readonly title: string;
  readonly lines: readonly { readonly name: string; readonly breadth: Breadth }[];
  readonly marks?: readonly { readonly date: string; readonly label: string }[];
}

/**
 * @example
 * renderSvg(breadthChartOption({ title: "AI basket", lines: [{ name: "AI", breadth: json.breadth }] }));
 */
export function breadthChartOption(input: BreadthChartInput): EChartsCoreOption {
  return {
    title: { text: input.title, left: "center", textStyle: { fontSize: 14 } },
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 56, right: 24, top: 40, bottom: 56 },
    xAxis: { type: "time" },
    yAxis: { type: "value", min: 0, max: 100, name: "% of basket explosive", nameGap: 36, nameLocation: "middle" },
    series: input.lines.map((l, k) => ({
      type: "line",
      name: l.name,
      step: "end",
      showSymbol: false,
      lineStyle: { width: 1.6, color: COLOURS[k % COLOURS.length] },
      itemStyle: { color: COLOURS[k % COLOURS.length] },
      data: l.breadth.dates.map((d, i) => {
        const s = l.breadth.share[i];
        return [d, s === null ? null : Math.round(s * 1000) / 10];
      }),
      ...(k === 0 && input.marks?.length
        ? {
            markLine: {
              symbol: "none",
              lineStyle: { type: "dashed", color: "#666666" },
              label: { formatter: "{b}", fontSize: 10 },
              data: input.marks.map((m) => ({ name: m.label, xAxis: m.date })),
            },
          }
        : {}),
    })),
  };
}

export interface AlignedBreadthInput {
  readonly title: string;
  /** Each line with its reference date (week 0): e.g. the 2000 peak, the talk date. */
  readonly lines: readonly {
    readonly name: string;
    readonly ref: string;
    readonly breadth: { readonly dates: readonly string[]; readonly share: readonly (number | null)[] };
  }[];
  readonly xName?: string;
}

const WEEK_MS = 7 * 86400000;

/** Weeks from `ref` to `date` (negative before), to one decimal. */
export function weeksFrom(ref: string, date: string): number {
  return Math.round(((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${ref}T00:00:00Z`)) / WEEK_MS) * 10) / 10;
}

/**
 * Breadth of baskets from different eras on one axis: weeks from each line's reference date (0 = the 2000 peak
 * for the 2000 basket, the talk date for the AI basket), so the eras are compared at the same distance from
 * their reference. Browser-safe; used by the report (and available to the dashboard).
 *
 * @example
 * breadthAlignedChartOption({ title: "Breadth", lines: [{ name: "2000", ref: "2000-03-10", breadth }] });
 */
export function breadthAlignedChartOption(input: AlignedBreadthInput): EChartsCoreOption {
  return {
    title: { text: input.title, left: "center", textStyle: { fontSize: 14 } },
    tooltip: { trigger: "axis" },
    legend: { bottom: 0, orient: "vertical" },
    grid: { left: 56, right: 24, top: 48, bottom: 112 },
    xAxis: {
      type: "value",
      min: "dataMin",
      name: input.xName ?? "weeks from the reference date (2000 peak / talk date)",
      nameLocation: "middle",
      nameGap: 26,
    },
    yAxis: { type: "value", min: 0, max: 100, name: "% of basket explosive", nameGap: 36, nameLocation: "middle" },
    series: input.lines.map((l, k) => ({
      type: "line",
      name: l.name,
      step: "end",
      showSymbol: false,
      lineStyle: { width: 1.6, color: COLOURS[k % COLOURS.length], type: k === 1 ? "dashed" : "solid" },
      itemStyle: { color: COLOURS[k % COLOURS.length] },
      data: l.breadth.dates.map((d, i) => {
        const s = l.breadth.share[i];
        return [weeksFrom(l.ref, d), s === null ? null : Math.round(s * 1000) / 10];
      }),
      ...(k === 0
        ? {
            markLine: {
              symbol: "none",
              lineStyle: { type: "dashed", color: "#666666" },
              label: { formatter: "{b}", fontSize: 10, position: "insideEndTop" },
              data: [{ name: "reference date", xAxis: 0 }],
            },
          }
        : {}),
    })),
  };
}
