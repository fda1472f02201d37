/**
 * ECharts option: the circular-financing deal graph. Node positions are the deterministic force-directed layout
 * computed by the evidence engine (Fruchterman–Reingold, src/evidence/deal-graph.ts), so the picture is the same on
 * every run; edge width grows with the deal's dollar amount (log scale); edges on a cycle found by Johnson's
 * algorithm are drawn in vermillion, others by era.
 */
import type { EChartsCoreOption } from "echarts";
import type { DealGraph } from "../../evidence/deal-graph.ts";
import { PALETTE } from "./psy.ts";

export function dealGraphOption(g: DealGraph, title: string): EChartsCoreOption {
  const onCycle = new Set<string>();
  for (const c of g.cycles)
    for (let i = 0; i < c.nodes.length; i++) onCycle.add(`${c.nodes[i]}→${c.nodes[(i + 1) % c.nodes.length]}`);
  const xs = g.nodes.map((n) => n.x);
  const ys = g.nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = (v: number, a: number, b: number) => (b > a ? ((v - a) / (b - a)) * 100 : 50);
  return {
    title: { text: title, left: "center", textStyle: { fontSize: 14 } },
    series: [
      {
        type: "graph",
        layout: "none",
        roam: false,
        left: 40,
        right: 90,
        top: 60,
        bottom: 50,
        edgeSymbol: ["none", "arrow"],
        edgeSymbolSize: 6,
        categories: [
          { name: "2000 era", itemStyle: { color: PALETTE.orange } },
          { name: "AI era", itemStyle: { color: PALETTE.sky } },
        ],
        // Long names wrap (at most 120 px a line); a node in the right half puts its label on its left, so no
        // label runs past the chart's edge.
        label: { show: true, position: "right", fontSize: 10, width: 120, overflow: "break" },
        data: g.nodes.map((n) => ({
          name: n.id,
          value: n.degree,
          x: scale(n.x, x0, x1),
          y: scale(n.y, y0, y1),
          ...(scale(n.x, x0, x1) > 50 ? { label: { position: "left" } } : {}),
          symbolSize: 6 + 2 * Math.sqrt(n.degree),
          category: n.eras.includes("ai") ? 1 : 0,
        })),
        links: g.edges.map((e) => ({
          source: e.from,
          target: e.to,
          lineStyle: {
            width: e.amountUsdBn ? 0.8 + 1.2 * Math.log10(1 + e.amountUsdBn) : 0.8,
            color: onCycle.has(`${e.from}→${e.to}`)
              ? PALETTE.vermillion
              : e.era === "ai"
                ? PALETTE.sky
                : PALETTE.orange,
            type: e.implied ? "dashed" : "solid",
            curveness: 0.12,
            opacity: 0.85,
          },
        })),
      },
    ],
  };
}
