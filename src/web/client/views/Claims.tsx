/**
 * Claims view: the talk's claims with their status (supported / qualified / contradicted / unverified), the reason
 * and the sources behind it; filter by status (checkboxes, kept in the URL) and by text; a bar chart of the
 * counts by status, both exportable; each claim's ¶, speaker and quote, its status today; the predictions ledger.
 */
import type { EChartsCoreOption } from "echarts";
import { PALETTE } from "../../../report/charts/psy.ts";
import { Badge, Chart, DataTable, EvidenceLinks } from "../components.tsx";
import type { ViewContext } from "../context.ts";

export const STATUSES = Object.freeze(["supported", "qualified", "contradicted", "unverified"] as const);
const COLOURS: Record<string, string> = {
  supported: PALETTE.blue,
  qualified: PALETTE.orange,
  contradicted: PALETTE.vermillion,
  unverified: PALETTE.grey,
};

/** Statuses selected in the URL (`status=a,b`); all when absent. */
export function selectedStatuses(params: Readonly<Record<string, string>>): string[] {
  const raw = params.status;
  if (raw === undefined) return [...STATUSES];
  return raw.split(",").filter((s) => (STATUSES as readonly string[]).includes(s));
}

export function ClaimsView({ ctx }: { ctx: ViewContext }) {
  const selected = selectedStatuses(ctx.params);
  const q = (ctx.params.q ?? "").toLowerCase();
  const sources = new Map(ctx.model.ledger.map((l) => [l.id, l]));
  const rows = ctx.model.claims.filter(
    (c) => selected.includes(c.status) && (q === "" || `${c.id} ${c.text} ${c.reason}`.toLowerCase().includes(q)),
  );
  const toggle = (s: string) => {
    const next = selected.includes(s) ? selected.filter((x) => x !== s) : [...selected, s];
    ctx.update({ status: next.length === STATUSES.length ? null : next.join(",") || "none" });
  };
  const counts = STATUSES.map((s) => rows.filter((c) => c.status === s).length);
  const option: EChartsCoreOption = {
    title: { text: "The talk's claims by status (as filtered)", left: "center", textStyle: { fontSize: 13 } },
    grid: { left: 100, right: 40, top: 36, bottom: 24 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: [...STATUSES], inverse: true },
    series: [
      {
        type: "bar",
        data: STATUSES.map((s, i) => ({ value: counts[i], itemStyle: { color: COLOURS[s] } })),
        label: { show: true, position: "right" },
      },
    ],
  };
  return (
    <section aria-labelledby="claims-h">
      <h2 id="claims-h">Claims</h2>
      <fieldset class="filters">
        <legend>Show claims with status</legend>
        {STATUSES.map((s) => (
          <label key={s}>
            <input type="checkbox" name="status" value={s} checked={selected.includes(s)} onChange={() => toggle(s)} />{" "}
            {s} ({ctx.model.claims.filter((c) => c.status === s).length})
          </label>
        ))}
        <label>
          Search{" "}
          <input
            type="search"
            value={ctx.params.q ?? ""}
            onInput={(e) => ctx.update({ q: (e.target as HTMLInputElement).value })}
          />
        </label>
      </fieldset>
      <Chart
        name="claims-by-status"
        option={option}
        height={180}
        label={`Claims by status: ${STATUSES.map((s, i) => `${s} ${counts[i]}`).join(", ")}`}
      />
      <DataTable
        name="claims"
        caption="The talk's claims, their status, reason and sources"
        rows={rows}
        rowKey={(c) => c.id}
        columns={[
          { key: "id", label: "Id", value: (c) => c.id },
          { key: "status", label: "Status", value: (c) => c.status, render: (c) => <Badge value={c.status} /> },
          {
            key: "today",
            label: "Today",
            value: (c) => c.statusToday,
            render: (c) => <Badge value={c.statusToday} />,
          },
          { key: "paragraph", label: "¶", value: (c) => `¶${c.paragraph} ${c.speaker}` },
          { key: "text", label: "Claim", value: (c) => `${c.text} — “${c.quote}”` },
          { key: "reason", label: "Reason", value: (c) => c.reason },
          {
            key: "sources",
            label: "Sources",
            value: (c) =>
              c.evidence
                .map((id) => sources.get(id))
                .filter((s) => s !== undefined)
                .map((s) => `${s.id}: ${s.source_title} <${s.source_url}>`)
                .join("; "),
            render: (c) => (
              <ul class="sources">
                {c.evidence.map((id) => {
                  const s = sources.get(id);
                  return (
                    <li key={id}>
                      <EvidenceLinks ids={[id]} href={ctx.evidenceHref} />{" "}
                      {s && (
                        <a href={s.source_url} target="_blank" rel="noopener noreferrer">
                          {s.source_title}
                        </a>
                      )}
                    </li>
                  );
                })}
              </ul>
            ),
          },
        ]}
      />
      <PredictionsTable ctx={ctx} />
    </section>
  );
}

/** The predictions ledger: each forecast with its ¶ or detector, criterion, due date and status. */
function PredictionsTable({ ctx }: { ctx: ViewContext }) {
  return (
    <DataTable
      name="predictions"
      caption={`Predictions ledger: the talk's forecasts and the detectors' alarms (${(ctx.report.predictions ?? []).length})`}
      rows={ctx.report.predictions ?? []}
      rowKey={(p) => p.id}
      columns={[
        { key: "id", label: "Id", value: (p) => p.id },
        { key: "status", label: "Status", value: (p) => p.status, render: (p) => <Badge value={p.status} /> },
        { key: "source", label: "Source", value: (p) => p.source },
        { key: "statement", label: "Forecast", value: (p) => p.statement },
        { key: "criterion", label: "Resolves how", value: (p) => p.criterion },
        { key: "due", label: "Due", value: (p) => p.due },
      ]}
    />
  );
}
