/**
 * Deals view: the circular-financing deal graph of each era, drawn by the shared option builder with the engine's
 * deterministic layout (edge width by dollar amount, edges on a cycle in vermillion, implied edges dashed), the
 * cycles found by Johnson's algorithm, and every deal edge as a sortable table. An as-of date keeps only the deals
 * announced by then.
 */
import type { DealGraph } from "../../../evidence/deal-graph.ts";
import { dealGraphOption } from "../../../report/charts/deals.ts";
import { Chart, DataTable, EvidenceLinks, fmtNum } from "../components.tsx";
import type { ViewContext } from "../context.ts";

/** The sub-graph of one era (as the report draws it). */
export function eraGraph(g: DealGraph, era: "2000" | "ai"): DealGraph {
  const edges = g.edges.filter((e) => e.era === era);
  const names = new Set(edges.flatMap((e) => [e.from, e.to]));
  return {
    ...g,
    nodes: g.nodes.filter((n) => names.has(n.id)),
    edges,
    cycles: g.cycles.filter((c) => c.era === era),
  };
}

export function DealsView({ ctx }: { ctx: ViewContext }) {
  const g = ctx.model.deals;
  const focus = ctx.params.deal ?? "";
  const onCycle = new Set<string>();
  for (const c of g.cycles)
    for (let i = 0; i < c.nodes.length; i++) onCycle.add(`${c.nodes[i]}→${c.nodes[(i + 1) % c.nodes.length]}`);
  return (
    <section aria-labelledby="deals-h">
      <h2 id="deals-h">Deals</h2>
      <p class="sub">
        {g.edges.length} deal edges, {g.cycles.length} cycles{ctx.asOf ? ` (announced by ${ctx.asOf})` : ""}. Edge width
        grows with the amount; edges on a cycle are vermillion; implied edges are dashed.
      </p>
      <div class="grid2">
        {(["2000", "ai"] as const).map((era) => {
          const sub = eraGraph(g, era);
          const title = era === "ai" ? "AI era: who pays whom" : "2000 era: vendor financing";
          return sub.nodes.length > 0 ? (
            <Chart
              key={era}
              name={`deal-graph-${era}`}
              option={dealGraphOption(sub, title)}
              height={480}
              label={`${title}: ${sub.nodes.length} companies, ${sub.edges.length} deals, ${sub.cycles.length} cycles`}
            />
          ) : (
            <p key={era} class="na" data-empty-era={era}>
              {era === "ai" ? "AI era" : "2000 era"}: no deals known{ctx.asOf ? ` by ${ctx.asOf}` : ""}.
            </p>
          );
        })}
      </div>
      <h3>Cycles</h3>
      <DataTable
        name="deal-cycles"
        caption="Cycles of money flowing back to where it started (Johnson's algorithm)"
        rows={g.cycles}
        rowKey={(c) => `${c.era}:${c.nodes.join(">")}`}
        columns={[
          { key: "era", label: "Era", value: (c) => c.era },
          { key: "cycle", label: "Cycle", value: (c) => [...c.nodes, c.nodes[0]].join(" → ") },
          { key: "implied", label: "Implied edge", value: (c) => (c.implied ? "yes" : "") },
          {
            key: "evidence",
            label: "Deals",
            value: (c) => c.evidence.join(" "),
            render: (c) => <EvidenceLinks ids={c.evidence} href={ctx.evidenceHref} />,
          },
        ]}
      />
      <h3>Deal edges</h3>
      <DataTable
        name="deal-edges"
        caption="Every deal edge: who pays whom, how much, and whether it lies on a cycle"
        rows={g.edges}
        rowKey={(e) => e.id}
        rowClass={(e) => (focus !== "" && (e.deal === focus || e.evidence.includes(focus)) ? "hl" : "")}
        columns={[
          { key: "deal", label: "Deal", value: (e) => e.deal },
          { key: "era", label: "Era", value: (e) => e.era },
          { key: "from", label: "From", value: (e) => e.from },
          { key: "to", label: "To", value: (e) => e.to },
          { key: "kind", label: "Kind", value: (e) => e.kind },
          { key: "date", label: "Date", value: (e) => e.date },
          {
            key: "amount",
            label: "USD bn",
            value: (e) => e.amountUsdBn,
            numeric: true,
            render: (e) => fmtNum(e.amountUsdBn),
          },
          { key: "gw", label: "GW", value: (e) => e.gw, numeric: true },
          { key: "cycle", label: "On a cycle", value: (e) => (onCycle.has(`${e.from}→${e.to}`) ? "yes" : "") },
        ]}
      />
    </section>
  );
}
