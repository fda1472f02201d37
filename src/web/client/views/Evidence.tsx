/**
 * Evidence view: the ledger as a searchable, sortable table (topic, entity, era, source, …) and the as-of slider
 * that replays what was knowable on a date: the table keeps only figures published by then, and every view's model
 * is rebuilt in the browser for that date (claims, indicators, verdicts, sensitivity, deals). Search, filters,
 * sort order and the date live in the URL.
 */
import { parseAsOfDate } from "../../../evidence/period.ts";
import { DataTable } from "../components.tsx";
import type { ViewContext } from "../context.ts";
import type { FigureRow } from "../model.worker.ts";

/** Months from `first` (YYYY-MM) to `last` inclusive. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  const ly = Number(last.slice(0, 4));
  const lm = Number(last.slice(5, 7));
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The as-of control: a month slider whose last position means "everything". */
export function AsOfSlider({ ctx }: { ctx: ViewContext }) {
  const figures = ctx.figures ?? [];
  let latest = "1995-01-01";
  for (const f of figures) if (f.knownFrom > latest) latest = f.knownFrom;
  const last = latest.slice(0, 7);
  const months = monthRange("1995-01", last);
  const cur = ctx.asOf ? months.indexOf(ctx.asOf.slice(0, 7)) : months.length;
  const pos = cur < 0 ? months.length : cur;
  const label = pos >= months.length ? "everything in the ledger" : months[pos];
  return (
    <div class="asof">
      <label for="asof-slider">
        As of:{" "}
        <output id="asof-out" for="asof-slider">
          {label}
        </output>
      </label>
      <input
        id="asof-slider"
        type="range"
        min={0}
        max={months.length}
        step={1}
        value={pos}
        aria-valuetext={label}
        onInput={(e) => {
          const v = Number((e.target as HTMLInputElement).value);
          ctx.update({ asOf: v >= months.length ? null : months[v] });
        }}
      />
      <label>
        or a date{" "}
        <input
          type="date"
          value={ctx.asOf && ctx.asOf.length === 10 ? ctx.asOf : ""}
          min="1995-01-01"
          onChange={(e) => ctx.update({ asOf: (e.target as HTMLInputElement).value || null })}
        />
      </label>
      <button type="button" onClick={() => ctx.update({ asOf: null })} disabled={ctx.asOf === null}>
        Show everything
      </button>
    </div>
  );
}

export function EvidenceView({ ctx }: { ctx: ViewContext }) {
  const figures = ctx.figures;
  const date = ctx.asOf ? parseAsOfDate(ctx.asOf) : null;
  const q = (ctx.params.q ?? "").trim().toLowerCase();
  const era = ctx.params.era ?? "";
  const topic = ctx.params.topic ?? "";
  const used = new Set(ctx.model.ledger.map((l) => l.id));
  const all = figures ?? [];
  const topics = [...new Set(all.map((f) => f.topic))].sort();
  // An exact ledger id (a click-through from another view) selects that row only; anything else is a substring.
  const exact = q !== "" && all.some((f) => f.id.toLowerCase() === q);
  const rows = all.filter(
    (f) =>
      (date === null || f.knownFrom <= date) &&
      (era === "" || f.era === era) &&
      (topic === "" || f.topic === topic) &&
      (q === "" ||
        (exact
          ? f.id.toLowerCase() === q
          : `${f.id} ${f.topic} ${f.entity} ${f.metric} ${f.source_title}`.toLowerCase().includes(q))),
  );
  return (
    <section aria-labelledby="evidence-h">
      <h2 id="evidence-h">Evidence</h2>
      <AsOfSlider ctx={ctx} />
      <fieldset class="filters">
        <legend>Filter the ledger</legend>
        <label>
          Search{" "}
          <input
            type="search"
            name="q"
            value={ctx.params.q ?? ""}
            placeholder="id, entity, metric, source…"
            onInput={(e) => ctx.update({ q: (e.target as HTMLInputElement).value })}
          />
        </label>
        <label>
          Era{" "}
          <select value={era} onChange={(e) => ctx.update({ era: (e.target as HTMLSelectElement).value })}>
            <option value="">both</option>
            <option value="2000">2000</option>
            <option value="ai">AI</option>
          </select>
        </label>
        <label>
          Topic{" "}
          <select value={topic} onChange={(e) => ctx.update({ topic: (e.target as HTMLSelectElement).value })}>
            <option value="">all</option>
            {topics.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {figures === null ? (
        <p aria-live="polite">Loading the ledger…</p>
      ) : (
        <DataTable<FigureRow>
          name="evidence"
          caption={`Ledger figures known ${date ? `on ${date}` : "today"} (${rows.length} of ${all.length}); "used" = read by the current model`}
          rows={rows}
          rowKey={(f) => f.id}
          sortKey={ctx.params.sort ?? "id"}
          sortDir={ctx.params.dir === "desc" ? "desc" : "asc"}
          onSort={(k, d) => ctx.update({ sort: k, dir: d })}
          rowClass={(f) => (q !== "" && f.id.toLowerCase() === q ? "hl" : "")}
          columns={[
            { key: "id", label: "Id", value: (f) => f.id },
            { key: "topic", label: "Topic", value: (f) => f.topic },
            { key: "entity", label: "Entity", value: (f) => f.entity },
            { key: "metric", label: "Metric", value: (f) => f.metric },
            { key: "value", label: "Value", value: (f) => f.value, numeric: true },
            { key: "unit", label: "Unit", value: (f) => f.unit },
            { key: "era", label: "Era", value: (f) => f.era },
            { key: "as_of", label: "As of", value: (f) => f.as_of },
            { key: "knownFrom", label: "Known from", value: (f) => f.knownFrom },
            {
              key: "source",
              label: "Source",
              value: (f) => f.source_title,
              render: (f) => (
                <a href={f.source_url} target="_blank" rel="noopener noreferrer">
                  {f.source_title}
                </a>
              ),
            },
            { key: "used", label: "Used", value: (f) => (used.has(f.id) ? "yes" : "") },
          ]}
        />
      )}
    </section>
  );
}
