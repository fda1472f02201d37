/**
 * All the report's charts from the report model: ECharts options rendered to SVG (server-side, deterministic).
 * The same option builders serve the HTML report, the CLI's --svg and the dashboard.
 */

import { ordinalToDate } from "../detect/lppls/dates.ts";
import { breadthAlignedChartOption } from "../scan/breadth-chart.ts";
import type { ReportModel } from "./build.ts";
import type { ChartSet } from "./chart-set.ts";
import { comparisonChartOption, comparisonRows } from "./charts/comparison.ts";
import { dealGraphOption } from "./charts/deals.ts";
import { eraPathsOption } from "./charts/era-paths.ts";
import { indicatorChartOption, indicatorGroups } from "./charts/indicators.ts";
import { lpplsFitChartOption, lpplsIndicatorChartOption } from "./charts/lppls.ts";
import { macroCharts } from "./charts/macro.ts";
import { bsadfChartInput, psyChartOption } from "./charts/psy.ts";
import { renderSvg } from "./svg.ts";

export type { ChartSet };

export function buildCharts(r: ReportModel): ChartSet {
  const svgs = new Map<string, string>();
  // The bottom line's comparison chart: every fact with a verdict line, both eras on one normalised scale.
  const rows = comparisonRows(r.indicators).length;
  if (rows > 0)
    svgs.set("comparison", renderSvg(comparisonChartOption(r.indicators), { width: 760, height: 140 + 46 * rows }));
  if (r.eraPaths.index.length > 0)
    svgs.set(
      "era-paths-index",
      renderSvg(eraPathsOption("Nasdaq Composite: the two eras aligned at their peaks", r.eraPaths.index), {
        width: 560,
        height: 380,
      }),
    );
  if (r.eraPaths.bellwethers.length > 0)
    svgs.set(
      "era-paths-bellwethers",
      renderSvg(eraPathsOption("Bellwethers: Cisco (2000) and Nvidia (AI era)", r.eraPaths.bellwethers), {
        width: 560,
        height: 380,
      }),
    );
  for (const p of r.detectors.psy)
    svgs.set(
      p.id,
      renderSvg(psyChartOption(bsadfChartInput(`${p.label}: BSADF vs 95% cv`, p, { values: p.level, name: "price" })), {
        width: 560,
        height: 340,
      }),
    );
  for (const l of r.detectors.lppls) {
    svgs.set(
      `${l.id}-fit`,
      renderSvg(
        lpplsFitChartOption({ title: `LPPLS fit: ${l.label}`, ...l.chart, xLabel: ordinalToDate, yName: "log price" }),
        { width: 560, height: 340 },
      ),
    );
    const idx = new Map(l.chart.t.map((x, i) => [ordinalToDate(x), i]));
    const pts = l.indicator.map((pt) => ({
      t2: l.chart.t[idx.get(pt.date) ?? 0],
      posConf: pt.posConf,
      negConf: pt.negConf,
    }));
    svgs.set(
      `${l.id}-indicator`,
      renderSvg(
        lpplsIndicatorChartOption({
          title: `LPPLS confidence: ${l.label}`,
          t: l.chart.t,
          y: l.chart.y,
          points: pts,
          xLabel: ordinalToDate,
          yName: "log price",
        }),
        { width: 560, height: 300 },
      ),
    );
  }
  const groups = indicatorGroups(r.indicators).map((g) => ({ ...g, chart: `ind-${g.key}` }));
  for (const g of groups) {
    if (!g.items.some((i) => i.computed && i.value !== null)) continue;
    const height = 70 + 34 * g.items.filter((i) => i.computed).length;
    svgs.set(g.chart, renderSvg(indicatorChartOption(g.label, g.items), { width: 760, height }));
  }
  for (const era of ["2000", "ai"] as const) {
    const edges = r.deals.edges.filter((e) => e.era === era);
    const names = new Set(edges.flatMap((e) => [e.from, e.to]));
    const sub = {
      ...r.deals,
      nodes: r.deals.nodes.filter((n) => names.has(n.id)),
      edges,
      cycles: r.deals.cycles.filter((c) => c.era === era),
    };
    if (sub.nodes.length > 0)
      svgs.set(
        `deal-graph-${era}`,
        renderSvg(dealGraphOption(sub, era === "ai" ? "AI era: who pays whom" : "2000 era: vendor financing"), {
          width: 560,
          height: 480,
        }),
      );
  }
  for (const [name, svg] of macroCharts(r.macro)) svgs.set(name, svg);
  // Bubble breadth of both baskets, each line aligned at its reference date (the 2000 peak; the talk date).
  if (r.breadth && r.breadth.entries.length > 0)
    svgs.set(
      "breadth",
      renderSvg(
        breadthAlignedChartOption({
          title: "Bubble breadth: share of each basket in a PSY explosive episode",
          lines: r.breadth.entries.map((e) => ({
            name: `${e.basket}, window to ${e.point === "latest" ? `the latest data (${e.date})` : `the ${e.point} (${e.date})`}`,
            ref: e.refDate,
            breadth: e.path,
          })),
        }),
        { width: 760, height: 420 },
      ),
    );
  return { get: (n) => svgs.get(n), svgs, groups };
}
