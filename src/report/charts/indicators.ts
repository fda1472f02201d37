/**
 * ECharts option: one indicator for both eras side by side — a bar per era with its value, the Monte Carlo
 * 5–95% band from the ledger's low/high ranges as a whisker, and the verdict lines (bubble-like / healthy
 * thresholds, each from a cited source) as marker lines. Bars are coloured by verdict (colour-blind-safe).
 */
import type { EChartsCoreOption } from "echarts";
import type { IndicatorResult } from "../../frameworks/engine.ts";
import { PALETTE } from "./psy.ts";

export const VERDICT_COLOUR = Object.freeze({
  "bubble-like": PALETTE.vermillion,
  healthy: PALETTE.blue,
  inconclusive: PALETTE.grey,
} as const);

const sig = (v: number) => Number(v.toPrecision(4));

/** Groups indicators of the two eras by their id without the era suffix. */
export function indicatorGroups(
  indicators: readonly IndicatorResult[],
): { key: string; label: string; items: IndicatorResult[] }[] {
  const groups = new Map<string, { key: string; label: string; items: IndicatorResult[] }>();
  for (const i of indicators) {
    const key = i.id.replace(/-(2000|ai)(?=-|$)/, "");
    const g = groups.get(key) ?? { key, label: i.label.replace(/\s*\((2000|AI)[^)]*\)$/i, ""), items: [] };
    g.items.push(i);
    groups.set(key, g);
  }
  return [...groups.values()];
}

export function indicatorChartOption(label: string, items: readonly IndicatorResult[]): EChartsCoreOption {
  const shown = items.filter((i) => i.computed && i.value !== null && Number.isFinite(i.value));
  const cats = shown.map(
    (i) =>
      `${i.era === "ai" ? "AI era" : "2000 era"}${shown.filter((j) => j.era === i.era).length > 1 ? `: ${i.id}` : ""}`,
  );
  // Draw the verdict lines only when every bar shown is judged against the same ones (eras can differ).
  const thrs = shown.map((i) => i.threshold);
  const thr =
    thrs.length > 0 && thrs.every((t) => t && t.bubbleAt === thrs[0]!.bubbleAt && t.healthyAt === thrs[0]!.healthyAt)
      ? thrs[0]
      : null;
  const unit = shown[0]?.unit ?? "";
  const markLine = thr
    ? {
        silent: true,
        symbol: "none",
        label: { formatter: "{b}", position: "end", fontSize: 10, rotate: 0, distance: 2 },
        data: [
          {
            name: `bubble-like at ${sig(thr.bubbleAt)}`,
            xAxis: thr.bubbleAt,
            lineStyle: { color: PALETTE.vermillion, type: "dashed" },
          },
          {
            name: `healthy at ${sig(thr.healthyAt)}`,
            xAxis: thr.healthyAt,
            lineStyle: { color: PALETTE.blue, type: "dashed" },
          },
        ],
      }
    : undefined;
  return {
    title: { text: label, left: 8, top: 4, textStyle: { fontSize: 13 } },
    grid: { left: 110, right: 60, top: 44, bottom: 28 },
    xAxis: { type: "value", name: unit, nameLocation: "end", nameGap: 6, scale: false },
    yAxis: { type: "category", data: cats, inverse: true },
    series: [
      {
        type: "bar",
        barMaxWidth: 22,
        data: shown.map((i) => ({ value: sig(i.value!), itemStyle: { color: VERDICT_COLOUR[i.verdict] } })),
        label: { show: true, position: "right", formatter: (p: { value: number }) => `${p.value}` },
        markLine,
      },
      ...shown
        .map((i, k) =>
          i.band
            ? {
                type: "line",
                symbol: "none",
                silent: true,
                lineStyle: { color: "#222", width: 1.5 },
                data: [
                  [sig(i.band.p05), cats[k]],
                  [sig(i.band.p95), cats[k]],
                ],
              }
            : null,
        )
        .filter((x) => x !== null),
    ],
  };
}
