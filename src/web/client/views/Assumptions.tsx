/**
 * Assumptions view: sliders for the AI era's contested inputs — GPU economic life, all-in $ per GW, GPU
 * utilisation, AI gross margin, data-centre revenue growth. Each change is written to the URL and the evidence model
 * is rebuilt in the browser (a Web Worker); the table compares every affected indicator and framework with the
 * report's baseline and the charts redraw from the shared option builders.
 */
import { indicatorChartOption, indicatorGroups } from "../../../report/charts/indicators.ts";
import { Badge, Chart, DataTable, fmtNum } from "../components.tsx";
import type { ViewContext } from "../context.ts";
import type { Assumptions } from "../types.ts";

interface SliderSpec {
  readonly key: keyof Assumptions;
  readonly param: string;
  readonly label: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly source: string;
  /** Indicators / frameworks it feeds. */
  readonly affects: readonly string[];
}

export const SLIDERS: readonly SliderSpec[] = Object.freeze([
  {
    key: "gpuLife",
    param: "life",
    label: "GPU useful (economic) life",
    unit: "years",
    min: 1,
    max: 5.5,
    step: 0.5,
    source: "depreciation framework; booked life 5.5 years (10-K policies)",
    affects: ["depreciation-ai"],
  },
  {
    key: "usdPerGw",
    param: "gw",
    label: "All-in data-centre cost per GW",
    unit: "USD bn per GW",
    min: 10,
    max: 100,
    step: 1,
    source: "E117 (GPU part E309 keeps its share)",
    affects: ["funding-gw-ai", "depreciation-ai"],
  },
  {
    key: "utilisation",
    param: "util",
    label: "GPU utilisation (time in useful work)",
    unit: "percent",
    min: 0,
    max: 100,
    step: 1,
    source: "E011",
    affects: ["utilisation-ai"],
  },
  {
    key: "margin",
    param: "margin",
    label: "AI gross margin (OpenAI)",
    unit: "percent",
    min: 0,
    max: 95,
    step: 1,
    source: "E263",
    affects: ["gross-profit-ratio-ai"],
  },
  {
    key: "revenueGrowth",
    param: "growth",
    label: "Nvidia data-centre revenue growth FY2025 → FY2026",
    unit: "percent",
    min: -50,
    max: 300,
    step: 1,
    source: "E195 = E194 × (1 + g)",
    affects: ["revenue-doubling-ai", "gauge-revenue-momentum", "sequoia-coverage-ai"],
  },
]);

export function AssumptionsView({ ctx }: { ctx: ViewContext }) {
  const base = ctx.baseline;
  const affected = new Set(SLIDERS.flatMap((s) => s.affects));
  const before = new Map(ctx.report.indicators.map((i) => [i.id, i]));
  for (const f of ctx.report.frameworks) for (const c of f.components ?? []) before.set(c.id, c);
  const now = new Map(ctx.model.indicators.map((i) => [i.id, i]));
  for (const f of ctx.model.frameworks) for (const c of f.components ?? []) now.set(c.id, c);
  const rows = [...affected].map((id) => ({ id, before: before.get(id), now: now.get(id) }));
  const groups = indicatorGroups(ctx.model.indicators.filter((i) => affected.has(i.id)));
  const active = SLIDERS.filter((s) => ctx.assumptions[s.key] !== null);
  return (
    <section aria-labelledby="assumptions-h">
      <h2 id="assumptions-h">Assumptions</h2>
      <p class="sub">
        Move a slider to replace a ledger figure (AI era) and see which indicators and verdicts change.{" "}
        {active.length > 0 ? `${active.length} assumption(s) active.` : "All values are the ledger's."}
      </p>
      {base === null ? (
        <p aria-live="polite">Loading the ledger…</p>
      ) : (
        <div class="sliders">
          {SLIDERS.map((s) => {
            const ledger = base[s.key];
            const v = ctx.assumptions[s.key] ?? ledger;
            const id = `as-${s.param}`;
            return (
              <div class="slider" key={s.key}>
                <label for={id}>
                  {s.label}:{" "}
                  <output for={id} id={`${id}-out`}>
                    {fmtNum(v, s.unit)}
                  </output>
                </label>
                <input
                  id={id}
                  type="range"
                  min={s.min}
                  max={s.max}
                  step={s.step}
                  value={v ?? s.min}
                  disabled={ledger === null}
                  aria-describedby={`${id}-src`}
                  onInput={(e) => {
                    const x = Number((e.target as HTMLInputElement).value);
                    ctx.update({ [s.param]: ledger !== null && Math.abs(x - ledger) < 1e-9 ? null : String(x) });
                  }}
                />
                <span class="small" id={`${id}-src`}>
                  ledger: {fmtNum(ledger, s.unit)} ({s.source}){" "}
                </span>
                <button
                  type="button"
                  onClick={() => ctx.update({ [s.param]: null })}
                  disabled={ctx.assumptions[s.key] === null}
                >
                  Reset
                </button>
              </div>
            );
          })}
        </div>
      )}
      <DataTable
        name="assumption-effects"
        caption="Affected indicators: the report's value and verdict, and now"
        rows={rows}
        rowKey={(r) => r.id}
        rowClass={(r) => (r.before?.verdict !== r.now?.verdict || r.before?.value !== r.now?.value ? "changed" : "")}
        columns={[
          { key: "id", label: "Indicator", value: (r) => r.now?.label ?? r.id },
          { key: "before", label: "Report value", value: (r) => r.before?.value ?? null, numeric: true },
          {
            key: "beforeVerdict",
            label: "Report verdict",
            value: (r) => r.before?.verdict ?? "",
            render: (r) => (r.before ? <Badge value={r.before.verdict} /> : null),
          },
          {
            key: "now",
            label: "Now",
            value: (r) => r.now?.value ?? null,
            numeric: true,
            render: (r) => <span data-now={r.id}>{fmtNum(r.now?.value, r.now?.unit)}</span>,
          },
          {
            key: "nowVerdict",
            label: "Verdict now",
            value: (r) => r.now?.verdict ?? "",
            render: (r) => (r.now ? <Badge value={r.now.verdict} /> : null),
          },
        ]}
      />
      <h3>Frameworks</h3>
      <ul class="fw">
        {ctx.model.frameworks.map((f) => {
          const b = ctx.report.frameworks.find((x) => x.id === f.id);
          return (
            <li key={f.id} data-framework={f.id}>
              {f.name}: <Badge value={f.verdict} />
              {b && b.verdict !== f.verdict ? <span class="small"> (report: {b.verdict})</span> : null}
            </li>
          );
        })}
      </ul>
      {groups.map((g) =>
        g.items.some((i) => i.computed) ? (
          <Chart
            key={g.key}
            name={`assume-${g.key}`}
            option={indicatorChartOption(g.label, g.items)}
            height={70 + 34 * g.items.filter((i) => i.computed).length}
            label={`${g.label}: ${g.items.map((i) => `${fmtNum(i.value, i.unit)} ${i.verdict}`).join("; ")}`}
          />
        ) : null,
      )}
    </section>
  );
}
