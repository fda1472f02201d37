/**
 * Valuation view: the report's market-wide section (issue 13) as the report model carries it — Shiller's CAPE and
 * the Buffett indicator (nonfinancial corporate equities / GDP) with their long history, the 2000-era peak, the
 * talk date and the latest value marked, and each measure's historical mean and mean + 2σ lines (the GMO 2σ
 * thresholds of the cape-/buffett- indicators); the marks with their percentiles and evidence; PSY on the S&P 500
 * price/dividend and price/earnings ratios with their episodes; and the technology-adjusted PSY test on the NASDAQ
 * (Chen et al. 2026) — raw vs adjusted, the declared specification, the robustness table, the comparison with the
 * paper and the caveat. Nothing is recomputed here: every number comes from GET /api/report (`report.macro`, and the
 * indicators for the 2σ lines), drawn with the report's own option builders. The view shows the report's run: the
 * as-of replay and the assumptions do not change market-wide data (`bubblescope report --as-of` does).
 * URL state: `since` (chart start year), `ratio` (pd | pe: which ratio's BSADF chart), table sorting.
 */
import type { IndicatorResult } from "../../../frameworks/engine.ts";
import { psyChartOption } from "../../../report/charts/psy.ts";
import { valuationChartOption } from "../../../report/charts/valuation.ts";
import type { AdjustedRow, MacroSection, ValuationJson } from "../../../report/macro-section.ts";
import { Badge, Chart, DataTable, EvidenceLinks, fmtNum } from "../components.tsx";
import type { ViewContext } from "../context.ts";

/** The talk date (a16z, 31 Oct 2025), as the report marks it. */
const TALK = { date: "2025-10-31", label: "talk" };
const SINCE = ["all", "1950", "1990"] as const;

const ym = (d: string | number) => String(d).slice(0, 7);
const eraName = (e: "2000" | "ai") => (e === "ai" ? "AI era" : "2000 era");

/** The mean and mean + 2σ lines of a measure, from its two indicators (history to the 2000 peak, to the latest). */
export function sigmaLevels(
  indicators: readonly IndicatorResult[],
  id: "cape" | "buffett",
): { value: number; label: string; era: "2000" | "ai"; kind: "mean" | "2σ"; ind: IndicatorResult }[] {
  const out: ReturnType<typeof sigmaLevels> = [];
  for (const era of ["2000", "ai"] as const) {
    const ind = indicators.find((i) => i.id === `${id}-${era}`);
    const t = ind?.threshold;
    if (!ind || !t || t.bubbleAt === undefined) continue;
    const to = /\((\d{4}-\d{2})\)$/.exec(ind.formula)?.[1] ?? (era === "ai" ? "latest" : "2000 peak");
    out.push({ value: t.bubbleAt, label: `mean + 2σ to ${to}`, era, kind: "2σ", ind });
    if (t.healthyAt !== undefined && era === "ai")
      out.push({ value: t.healthyAt, label: `mean to ${to}`, era, kind: "mean", ind });
  }
  return out;
}

function chartMarks(s: ValuationJson) {
  return s.marks
    .filter((m) => m.key === "peak-2000" || m.key === "talk" || m.key === "latest" || m.key === "peak-all")
    .filter((m, i, a) => a.findIndex((x) => x.date === m.date) === i)
    .map((m) => ({ date: m.date, value: m.value, label: m.label }));
}

/** Raw and adjusted rows (every row's evidence is the section's three macro files, listed under the tables). */
function AdjustedTable({ name, caption, rows }: { name: string; caption: string; rows: readonly AdjustedRow[] }) {
  const era = (r: AdjustedRow, e: "2000" | "ai") => {
    const x = r.eras.find((y) => y.era === e);
    if (!x || x.verdict === "not covered") return "not covered";
    return x.episodes.length
      ? `${x.verdict}: ${x.episodes.map((p) => `${ym(p.start)} → ${ym(p.end)}${p.ongoing ? " (ongoing)" : ""}${p.short ? " (short)" : ""}`).join("; ")}`
      : x.verdict;
  };
  return (
    <DataTable
      name={name}
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { key: "label", label: "Test", value: (r) => r.label },
        {
          key: "method",
          label: "Method",
          value: (r) =>
            `${r.estimator.toUpperCase()}${r.estimator === "dols" ? `(${r.leadsLags})` : ""}${r.trend ? " + trend" : ""}, ${r.nullModel} null`,
        },
        {
          key: "sample",
          label: "Sample",
          value: (r) => `${ym(r.from)} – ${ym(r.to)}`,
          render: (r) => <span class="nowrap">{`${ym(r.from)} – ${ym(r.to)}`}</span>,
        },
        { key: "n", label: "n", value: (r) => r.n, numeric: true },
        // R² of the raw test (no regressors) is 0 up to rounding (e.g. −2e−16): three decimals.
        {
          key: "r2",
          label: "R²",
          value: (r) => r.r2,
          numeric: true,
          render: (r) => (Math.abs(r.r2) < 5e-4 ? 0 : r.r2).toFixed(3),
        },
        { key: "gsadf", label: "GSADF", value: (r) => r.gsadf, numeric: true },
        { key: "cv95", label: "95% cv", value: (r) => r.gsadfCv[1], numeric: true },
        {
          key: "decision",
          label: "Decision",
          value: (r) => (r.rejected ? "rejects" : "does not reject"),
          render: (r) => <Badge value={r.rejected ? "rejects" : "does not reject"} />,
        },
        { key: "era2000", label: "2000 era (1995–2002)", value: (r) => era(r, "2000") },
        { key: "eraAi", label: "AI era (2019 on)", value: (r) => era(r, "ai") },
      ]}
    />
  );
}

export function ValuationView({ ctx }: { ctx: ViewContext }) {
  const m: MacroSection | null | undefined = ctx.report.macro;
  if (!m)
    return (
      <section aria-labelledby="val-h">
        <h2 id="val-h">Market-wide valuation</h2>
        <p class="na" data-empty="valuation">
          The report has no market-wide section:{" "}
          {ctx.report.notComputed.find((n) => n.section === "market-wide valuation")?.reason ??
            "the data/macro tables were not found"}
          .
        </p>
      </section>
    );
  const { cape, buffett } = m.valuation;
  const since = (SINCE as readonly string[]).includes(ctx.params.since ?? "") ? ctx.params.since! : "all";
  const cut = (h: ValuationJson["history"]) => (since === "all" ? h : h.filter(([d]) => d >= `${since}-01-01`));
  const capeLevels = sigmaLevels(ctx.report.indicators, "cape");
  const buffettLevels = sigmaLevels(ctx.report.indicators, "buffett");
  const level = (l: (typeof capeLevels)[number]) => ({ value: l.value, label: l.label });
  const marks = [cape, buffett].flatMap((s) => s.marks.map((mk) => ({ s, mk })));
  const ratio = m.ratioPsy.find((p) => p.id === `psy-sp500-${ctx.params.ratio ?? "pd"}`) ?? m.ratioPsy[0];
  const t = m.techAdjusted;
  const latest = (s: ValuationJson) => s.marks.find((x) => x.key === "latest");
  const peak = (s: ValuationJson) => s.marks.find((x) => x.key === "peak-2000");
  const sortProps = (prefix: string) => ({
    sortKey: ctx.params[`${prefix}sort`],
    sortDir: ctx.params[`${prefix}dir`] === "desc" ? ("desc" as const) : ("asc" as const),
    onSort: (k: string, d: "asc" | "desc") => ctx.update({ [`${prefix}sort`]: k, [`${prefix}dir`]: d }),
  });

  return (
    <section aria-labelledby="val-h">
      <h2 id="val-h">Market-wide valuation</h2>
      <p class="sub">
        Shiller's CAPE and the Buffett indicator, computed from their inputs and checked against the published series;
        PSY on the S&amp;P 500 price/dividend and price/earnings ratios; and PSY on the NASDAQ net of technology
        fundamentals. From the report's run{ctx.report.asOf ? ` as of ${ctx.report.asOf}` : ""} (the as-of slider and
        the assumptions do not change market-wide data). Source: {m.source}.
      </p>

      <h3>CAPE and equities / GDP since {since === "all" ? "1881 / 1947" : since}</h3>
      <label>
        Chart from{" "}
        <select
          aria-label="Chart from"
          value={since}
          onChange={(e) => ctx.update({ since: (e.target as HTMLSelectElement).value })}
        >
          <option value="all">all history</option>
          <option value="1950">1950</option>
          <option value="1990">1990</option>
        </select>
      </label>
      <Chart
        name="valuation-history"
        height={440}
        option={valuationChartOption({
          title: "Shiller CAPE and nonfinancial corporate equities / GDP",
          left: {
            label: "CAPE",
            unit: "x",
            history: cut(cape.history),
            marks: chartMarks(cape),
            levels: capeLevels.map(level),
          },
          right: {
            label: "equities / GDP",
            unit: "% of GDP",
            history: cut(buffett.history),
            marks: chartMarks(buffett),
            levels: buffettLevels.map(level),
          },
          refDate: TALK,
        })}
        label={`CAPE ${fmtNum(peak(cape)?.value)} at the 2000-era peak and ${fmtNum(latest(cape)?.value)} at the latest month; equities/GDP ${fmtNum(peak(buffett)?.value)}% at the 2000-era peak and ${fmtNum(latest(buffett)?.value)}% at the latest quarter; dotted lines: each measure's mean and mean + 2σ`}
      />
      <p class="small">
        Dotted lines: each measure's mean + 2σ of its own history up to the 2000-era peak and up to the latest value
        (GMO's two-sigma definition of a bubble), and its mean to the latest value (the "healthy" line, a bubblescope
        convention). The two measures disagree on "now vs 2000": CAPE was higher in 1999–2000; equities/GDP is higher
        now.
      </p>

      <DataTable
        name="valuation-marks"
        caption="The marked values, each with its percentile in its own history up to that date (no look-ahead)"
        rows={marks}
        rowKey={({ s, mk }) => `${s.id}:${mk.key}`}
        {...sortProps("m")}
        columns={[
          { key: "measure", label: "Measure", value: ({ s }) => s.label },
          { key: "mark", label: "Mark", value: ({ mk }) => mk.label },
          {
            key: "date",
            label: "Date",
            value: ({ mk }) => ym(mk.date),
            render: ({ mk }) => <span class="nowrap">{ym(mk.date)}</span>,
          },
          {
            key: "value",
            label: "Value",
            value: ({ mk }) => mk.value,
            numeric: true,
            render: ({ s, mk }) => (
              <span data-value={mk.value} data-mark={`${s.id}-${mk.key}`}>
                {fmtNum(mk.value, s.unit)}
              </span>
            ),
          },
          { key: "percentile", label: "Percentile", value: ({ mk }) => mk.percentile, numeric: true },
          {
            key: "history",
            label: "History",
            value: ({ mk }) => `${mk.observations} obs. since ${mk.historyFrom.slice(0, 4)}`,
          },
          {
            key: "evidence",
            label: "Evidence",
            value: ({ s }) => s.evidence.join(" "),
            render: ({ s }) => <EvidenceLinks ids={s.evidence} href={ctx.evidenceHref} />,
          },
        ]}
      />

      <DataTable
        name="valuation-lines"
        caption="Verdict lines of the market-valuation fact (one vote in the tallies): value against the mean and mean + 2σ of the measure's history to that date"
        rows={ctx.report.indicators.filter((i) => /^(cape|buffett)-(2000|ai)$/.test(i.id))}
        rowKey={(i) => i.id}
        columns={[
          { key: "label", label: "Indicator", value: (i) => i.label },
          {
            key: "value",
            label: "Value",
            value: (i) => i.value,
            numeric: true,
            render: (i) => <span data-value={i.value ?? ""}>{i.computed ? fmtNum(i.value, i.unit) : "n/a"}</span>,
          },
          { key: "mean", label: "Mean", value: (i) => i.threshold?.healthyAt ?? null, numeric: true },
          { key: "sigma2", label: "Mean + 2σ", value: (i) => i.threshold?.bubbleAt ?? null, numeric: true },
          {
            key: "verdict",
            label: "Verdict",
            value: (i) => i.verdict,
            render: (i) => <Badge value={i.verdict} />,
          },
          { key: "reason", label: "Reason", value: (i) => i.reason },
          {
            key: "source",
            label: "Line source",
            value: (i) => i.threshold?.source ?? "",
            render: (i) => <span class="small">{i.threshold?.source ?? ""}</span>,
          },
          {
            key: "evidence",
            label: "Evidence",
            value: (i) => i.evidence.join(" "),
            render: (i) => <EvidenceLinks ids={i.evidence} href={ctx.evidenceHref} />,
          },
        ]}
      />
      <p class="small" data-checks>
        Checks against the published series: CAPE vs Shiller's column over {fmtNum(cape.check.compared)} months, max
        relative deviation {fmtNum(cape.check.maxRelDeviation * 100)}% (tolerance {cape.check.tolerance}); equities/GDP
        vs the published ratio over {fmtNum(buffett.check.compared)} quarters, max absolute deviation{" "}
        {fmtNum(buffett.check.maxAbsDeviation)} pp (tolerance {buffett.check.tolerance}). Formulas: {cape.formula};{" "}
        {buffett.formula}. Sources: {cape.source}; {buffett.source}.
      </p>

      {m.ratioPsy.length > 0 && ratio && (
        <>
          <h3>PSY on the S&amp;P 500 price/dividend and price/earnings ratios</h3>
          <DataTable
            name="ratio-psy"
            caption="GSADF on each ratio's level, monthly, with each era's explosive episodes"
            rows={m.ratioPsy}
            rowKey={(p) => p.id}
            columns={[
              { key: "label", label: "Series", value: (p) => p.label },
              { key: "n", label: "n", value: (p) => p.n, numeric: true },
              { key: "gsadf", label: "GSADF", value: (p) => p.gsadf, numeric: true },
              { key: "cv95", label: "95% cv", value: (p) => p.gsadfCv[1], numeric: true },
              {
                key: "decision",
                label: "Decision",
                value: (p) => (p.rejected ? "explosive" : "not explosive"),
                render: (p) => <Badge value={p.rejected ? "explosive" : "not explosive"} />,
              },
              ...(["2000", "ai"] as const).map((era) => ({
                key: `era${era}`,
                label: eraName(era),
                value: (p: (typeof m.ratioPsy)[number]) => {
                  const e = p.eras.find((x) => x.era === era);
                  return e ? `${e.verdict}${e.episodes.length ? `: ${e.episodes.join("; ")}` : ""}` : "";
                },
              })),
              { key: "evidence", label: "Evidence", value: (p) => p.evidence.join(" ") },
            ]}
          />
          <label>
            BSADF chart of{" "}
            <select
              aria-label="BSADF chart of"
              value={ratio.id.replace("psy-sp500-", "")}
              onChange={(e) => ctx.update({ ratio: (e.target as HTMLSelectElement).value })}
            >
              {m.ratioPsy.map((p) => (
                <option key={p.id} value={p.id.replace("psy-sp500-", "")}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <Chart
            name={ratio.id}
            height={340}
            option={psyChartOption({
              title: `${ratio.label}: BSADF vs 95% cv`,
              x: ratio.index,
              stat: ratio.bsadf.map((v) => v ?? Number.NaN),
              cv: ratio.cv95.map((v) => v ?? Number.NaN),
              episodes: ratio.episodes,
            })}
            label={`BSADF of ${ratio.label} against its 95% critical values; ${ratio.episodes.length} episode(s)`}
          />
          <DataTable
            name="ratio-psy-episodes"
            caption={`Every date-stamped episode of ${ratio.label}`}
            rows={ratio.episodes}
            rowKey={(e) => `${e.start}`}
            columns={[
              { key: "start", label: "Start", value: (e) => ym(e.start) },
              { key: "peak", label: "Peak", value: (e) => ym(e.peak) },
              { key: "end", label: "End", value: (e) => ym(e.end) },
              { key: "duration", label: "Months", value: (e) => e.duration, numeric: true },
              { key: "signal", label: "Signal", value: (e) => e.signal },
              { key: "ongoing", label: "Ongoing", value: (e) => (e.ongoing ? "yes" : "") },
            ]}
          />
          <p class="small">
            {ratio.source}; {fmtNum(ratio.nrep)} replications; minimum window {fmtNum(ratio.minWindow)} months, minimum
            duration {fmtNum(ratio.minDuration)}. An explosive P/E run when earnings collapse (2001–02, 2008–09) is
            driven by the denominator, not by prices.
          </p>
        </>
      )}

      {t ? (
        <section aria-labelledby="adj-h" data-adjusted>
          <h3 id="adj-h">Technology-adjusted PSY on the NASDAQ (Chen et al. 2026)</h3>
          <p>
            When a general-purpose technology is adopted, fundamental prices can rise explosively for a while, so the
            raw PSY test can reject "no bubble" without a bubble. The adjusted test regresses the log real NASDAQ on
            technology proxies and controls and runs PSY on the residual. Raw and adjusted, same sample, same bootstrap:
          </p>
          <AdjustedTable name="adjusted-psy" caption="Raw vs technology-adjusted PSY" rows={[t.raw, t.primary]} />
          <p class="caveat" data-caveat role="note">
            <strong>Caveat, in plain words.</strong> {t.caveat} The size simulation (a random walk with a hump-shaped
            fundamental, the paper's adoption-shock design: how often raw and adjusted PSY reject when there is no
            bubble) is described with its measured rejection rates in the README, section "Technology-adjusted PSY".
          </p>
          <div class="card">
            <strong>Specification, declared before the results</strong>
            <ul class="small">
              <li>
                dependent: {t.specification.dependent}; {t.specification.frequency}; sample {t.specification.sample}
              </li>
              <li>
                technology proxies: {t.specification.proxies.join("; ")}; controls:{" "}
                {t.specification.controls.join("; ")}
              </li>
              <li>
                estimator: {t.specification.estimator}; coefficients:{" "}
                {t.coefficients.map((c) => `${c.name} ${fmtNum(c.estimate)}`).join(", ")}
              </li>
              <li>interpolation: {t.specification.interpolation}</li>
              <li>critical values: {t.specification.criticalValues}</li>
              <li>episodes: {t.specification.episodes}</li>
            </ul>
          </div>
          <Chart
            name="macro-adjusted"
            height={380}
            option={psyChartOption({
              title: "NASDAQ net of technology fundamentals: BSADF vs 95% bootstrap cv",
              x: t.chart.index,
              stat: t.chart.bsadf.map((v) => v ?? Number.NaN),
              cv: t.chart.cv95.map((v) => v ?? Number.NaN),
              episodes: t.chart.episodes,
              level: t.chart.residual,
              levelName: "residual (speculative component)",
            })}
            label={`BSADF of the technology-adjusted NASDAQ residual against its bootstrap critical values; ${t.chart.episodes.length} episode(s)`}
          />
          <h4>Against the paper's findings</h4>
          <ul data-paper>
            {t.paper.map((p) => (
              <li key={p.claim}>
                <Badge value={p.agrees ? "agrees" : "disagrees"} /> paper: {p.claim}. Ours: {p.ours}.
              </li>
            ))}
          </ul>
          <h4>Robustness</h4>
          <AdjustedTable
            name="adjusted-robustness"
            caption={`Alternatives, not used to choose the primary specification (${t.robustnessNboot} bootstrap replications each; primary and raw ${t.nboot}, seed ${t.seed})`}
            rows={t.robustness}
          />
          <p class="small">
            {t.source}. Evidence: {t.evidence.join(", ")}.
          </p>
        </section>
      ) : (
        <p class="na">
          Technology-adjusted PSY:{" "}
          {ctx.report.notComputed.find((n) => n.section === "technology-adjusted PSY")?.reason ?? "not computed"}.
        </p>
      )}
    </section>
  );
}
