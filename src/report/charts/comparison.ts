/**
 * ECharts option: the comparison chart of the bottom line — each independent fact with a verdict line, its 2000 and
 * AI values placed on one normalised scale, position = (value − healthy line) / (bubble line − healthy line), so the
 * healthy line is 0 and the bubble line is 1 for every indicator whatever its unit or direction (a dumbbell per fact).
 * Bounds are drawn as triangles pointing the way the true value can lie. Positions are clipped to [−1.5, 2.5] and
 * the clipped ones say so in their label. Used by the HTML report and the dashboard's Verdict view.
 */
import type { EChartsCoreOption } from "echarts";
import { linePosition } from "../../frameworks/bottom-line.ts";
import type { IndicatorResult } from "../../frameworks/engine.ts";
import { PALETTE } from "./psy.ts";

const LO = -1.5;
const HI = 2.5;

export interface ComparisonRow {
  readonly fact: string;
  readonly label: string;
  readonly points: readonly {
    readonly era: "2000" | "ai";
    readonly id: string;
    readonly position: number;
    readonly clipped: boolean;
    readonly text: string;
    readonly bound: "lower-bound" | "upper-bound" | null;
    readonly evidence: readonly string[];
  }[];
}

/** One row per fact that has a verdict line in at least one era (the first indicator of each era and fact). */
export function comparisonRows(indicators: readonly IndicatorResult[]): ComparisonRow[] {
  const rows = new Map<string, { fact: string; label: string; points: ComparisonRow["points"][number][] }>();
  for (const i of indicators) {
    const pos = linePosition(i);
    if (!i.computed || pos === null) continue;
    const head = i.label.split(":")[0].trim();
    // Short labels: server-side text measurement is approximate, so no label relies on truncation.
    const label = head.length > 24 ? `${head.slice(0, 22).trimEnd()}…` : head;
    const row = rows.get(i.fact) ?? { fact: i.fact, label, points: [] };
    if (row.points.some((p) => p.era === i.era)) continue;
    // A lower-is-bubblier lower bound can only lie further toward healthy, i.e. at a lower position.
    const hi = i.threshold?.direction === "higher-is-bubblier";
    const dirOfBound = i.bound ? ((i.bound.kind === "lower-bound") === hi ? "up" : "down") : null;
    const clipped = pos < LO || pos > HI;
    row.points.push({
      era: i.era,
      id: i.id,
      position: Math.min(HI, Math.max(LO, pos)),
      clipped,
      text: `${i.bound ? (i.bound.kind === "lower-bound" ? "≥" : "≤") : ""}${Number(i.value!.toPrecision(3))} ${i.unit}${clipped ? " (off scale)" : ""}`,
      bound: dirOfBound === null ? null : dirOfBound === "up" ? "lower-bound" : "upper-bound",
      evidence: i.evidence,
    });
    rows.set(i.fact, row);
  }
  return [...rows.values()];
}

/**
 * The dumbbell chart's option.
 *
 * @example
 * renderSvg(comparisonChartOption(report.indicators), { width: 760, height: 420 });
 */
export function comparisonChartOption(indicators: readonly IndicatorResult[]): EChartsCoreOption {
  const rows = comparisonRows(indicators);
  const cats = rows.map((r) => r.label);
  const pts = (era: "2000" | "ai") =>
    rows.flatMap((r, k) =>
      r.points
        .filter((p) => p.era === era)
        .map((p) => ({
          value: [p.position, k],
          symbol: p.bound === null ? "circle" : "triangle",
          symbolRotate: p.bound === "lower-bound" ? -90 : p.bound === "upper-bound" ? 90 : 0,
          label: { show: true, formatter: p.text, position: era === "ai" ? "bottom" : "top", fontSize: 10 },
        })),
    );
  const links = rows
    .filter((r) => r.points.length === 2)
    .map((r) => {
      const k = rows.indexOf(r);
      return [{ coord: [r.points[0].position, k] }, { coord: [r.points[1].position, k] }];
    });
  return {
    animation: false,
    title: {
      text: "Each fact, both eras, on one scale",
      subtext: "0 = healthy line, 1 = bubble line (each indicator's own sourced lines); ▸◂ = a bound",
      left: 8,
      top: 4,
      textStyle: { fontSize: 14 },
      subtextStyle: { fontSize: 11 },
    },
    legend: { top: 50, right: 10, itemGap: 24, data: ["2000 era", "AI era"] },
    grid: { left: 170, right: 110, top: 84, bottom: 46 },
    xAxis: {
      type: "value",
      min: LO,
      max: HI,
      name: "position between the healthy (0) and bubble (1) lines",
      nameLocation: "middle",
      nameGap: 26,
    },
    yAxis: { type: "category", data: cats, inverse: true, axisLabel: { fontSize: 11 } },
    series: [
      {
        name: "2000 era",
        type: "scatter",
        symbolSize: 12,
        itemStyle: { color: PALETTE.vermillion },
        data: pts("2000"),
        markLine: {
          silent: true,
          symbol: "none",
          label: { formatter: "{b}", position: "start", fontSize: 10 },
          data: [
            { name: "healthy", xAxis: 0, lineStyle: { color: PALETTE.blue, type: "dashed" } },
            { name: "bubble", xAxis: 1, lineStyle: { color: PALETTE.vermillion, type: "dashed" } },
          ],
        },
      },
      {
        name: "AI era",
        type: "scatter",
        symbolSize: 12,
        itemStyle: { color: PALETTE.blue },
        data: pts("ai"),
        markLine: {
          silent: true,
          symbol: "none",
          lineStyle: { color: "#999", type: "solid" },
          label: { show: false },
          data: links,
        },
      },
    ],
  };
}
