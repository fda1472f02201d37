/**
 * The report's set of rendered charts (name → SVG) and the indicator groups the HTML lays them out by. Light on
 * purpose (no ECharts): a report whose charts come from the chart cache is rendered without loading ECharts.
 */
import type { IndicatorResult } from "../frameworks/engine.ts";
import type { ReportModel } from "./build.ts";
import { indicatorGroups } from "./charts/indicators.ts";

export interface ChartSet {
  get(name: string): string | undefined;
  readonly svgs: ReadonlyMap<string, string>;
  readonly groups: readonly { key: string; label: string; chart: string; items: IndicatorResult[] }[];
}

/**
 * A chart set from already rendered SVGs (the report's chart cache): the indicator groups are recomputed from the
 * model (cheap), the SVGs are used as they are.
 */
export function chartSetFrom(r: ReportModel, svgs: ReadonlyMap<string, string>): ChartSet {
  const groups = indicatorGroups(r.indicators).map((g) => ({ ...g, chart: `ind-${g.key}` }));
  return { get: (n) => svgs.get(n), svgs, groups };
}
