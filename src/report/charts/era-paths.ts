/**
 * ECharts option: price paths of the two eras aligned at their peaks — each series rebased to 100 at its own
 * maximum and plotted against trading weeks from that peak, on a log axis. This is how a reader sees whether
 * today's run-up looks like 1995–2000's, and what the 2000–2002 fall would mean from today's peak.
 */
import type { EChartsCoreOption } from "echarts";
import { PALETTE } from "./psy.ts";

export interface AlignedPath {
  readonly label: string;
  /** Weekly observations. */
  readonly dates: readonly string[];
  readonly values: readonly number[];
}

export interface AlignedSeries {
  readonly label: string;
  readonly peakDate: string;
  readonly peakValue: number;
  /** [weeks from peak, value rebased to 100 at the peak]. */
  readonly points: readonly [number, number][];
}

/** Rebases a path to 100 at its maximum and indexes it by weeks from that maximum. */
export function alignAtPeak(p: AlignedPath): AlignedSeries {
  let k = 0;
  for (let i = 1; i < p.values.length; i++) if (p.values[i] > p.values[k]) k = i;
  const peak = p.values[k];
  return {
    label: p.label,
    peakDate: p.dates[k],
    peakValue: peak,
    points: p.values.map((v, i) => [i - k, Number(((100 * v) / peak).toPrecision(5))]),
  };
}

const COLORS = [PALETTE.vermillion, PALETTE.blue, PALETTE.orange, PALETTE.sky, PALETTE.green, PALETTE.purple];

export function eraPathsOption(title: string, series: readonly AlignedSeries[]): EChartsCoreOption {
  return {
    title: { text: title, left: "center", textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 60, right: 30, top: 56, bottom: 70 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "value", name: "weeks from each series' peak", nameLocation: "middle", nameGap: 28 },
    // The axis name runs along the axis (a name at the top would meet the title); the y axis stays at the left edge
    // (a value x axis spanning 0 would otherwise draw it at x = 0).
    yAxis: {
      type: "log",
      name: "price, peak = 100",
      logBase: 10,
      nameLocation: "middle",
      nameGap: 38,
      axisLine: { onZero: false },
    },
    series: series.map((s, i) => ({
      name: `${s.label} (peak ${s.peakDate})`,
      type: "line",
      data: s.points,
      showSymbol: false,
      lineStyle: { width: 1.6, color: COLORS[i % COLORS.length] },
      itemStyle: { color: COLORS[i % COLORS.length] },
      markLine:
        i === 0
          ? {
              silent: true,
              symbol: "none",
              label: { show: false },
              data: [{ xAxis: 0 }],
              lineStyle: { color: PALETTE.grey, type: "dashed" },
            }
          : undefined,
    })),
  };
}
