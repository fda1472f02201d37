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
