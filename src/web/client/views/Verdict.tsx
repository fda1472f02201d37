/**
 * Verdict view: each framework's verdict with its reason, then every indicator for both eras side by side (chart
 * from the shared option builder, value, Monte Carlo band, verdict, reason, formula, and the "what would flip it"
 * sentence from the sensitivity analysis), then the PSY tests on prices from the report. Evidence ids link to the
 * Evidence view (ledger rows) or the Deals view (deals).
 */
import { useMemo } from "preact/hooks";
import type { SensitivityResult } from "../../../frameworks/engine.ts";
import { comparisonChartOption, comparisonRows } from "../../../report/charts/comparison.ts";
import { eraPathsOption } from "../../../report/charts/era-paths.ts";
import { indicatorChartOption, indicatorGroups } from "../../../report/charts/indicators.ts";
import { Badge, Chart, DataTable, EvidenceLinks, fmtNum } from "../components.tsx";
import type { ViewContext } from "../context.ts";

/** The smallest move that flips a subject's verdict (by |log(1 + relative change)|). */
export function flipFor(sens: readonly SensitivityResult[], subjects: readonly string[]): SensitivityResult | null {
  const c = sens.filter((s) => subjects.includes(s.subject));
  if (c.length === 0) return null;
  return c.reduce((a, b) => (Math.abs(Math.log1p(b.relativeChange)) < Math.abs(Math.log1p(a.relativeChange)) ? b : a));
}

const NO_FLIP = "no change of a single input within a factor of 20 either way flips this verdict";

export function VerdictView({ ctx }: { ctx: ViewContext }) {
  const m = ctx.model;
  const groups = useMemo(() => indicatorGroups([...m.indicators]), [m.indicators]);
  const tally = (era: "2000" | "ai") => {
    const rs = m.indicators.filter((i) => i.era === era && i.computed && i.threshold !== null);
    return ["bubble-like", "healthy", "inconclusive"].map((v) => rs.filter((i) => i.verdict === v).length);
  };
  return (
    <section aria-labelledby="verdict-h">
      <h2 id="verdict-h">Verdict</h2>
      <p class="sub">{ctx.report.question}</p>
      {ctx.report.bottomLine && (
        <section aria-label="Bottom line" data-bottom-line>
          <h3>Bottom line</h3>
          <ul class="bottom-line">
            {ctx.report.bottomLine.sentences.map((b) => (
              <li key={b.kind + b.text.slice(0, 24)} data-kind={b.kind}>
                {b.text} <EvidenceLinks ids={b.evidence} href={ctx.evidenceHref} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {comparisonRows(m.indicators).length > 0 && (
        <Chart
          name="comparison"
          option={comparisonChartOption(m.indicators)}
          height={140 + 46 * comparisonRows(m.indicators).length}
          label="Each fact in both eras on one scale between its healthy (0) and bubble (1) lines"
        />
      )}
      <ul class="tally">
        {(["2000", "ai"] as const).map((era) => {
          const [b, h, i] = tally(era);
          return (
            <li key={era} data-tally={era}>
              <strong>{era === "ai" ? "AI era" : "2000 era"}:</strong> {b} indicators bubble-like, {h} healthy, {i}{" "}
              inconclusive
            </li>
          );
        })}
      </ul>

      <h3>Frameworks</h3>
      <DataTable
        name="frameworks"
        caption="Each framework's verdict, its reason and what would flip it"
        rows={m.frameworks}
        rowKey={(f) => f.id}
        columns={[
          { key: "name", label: "Framework", value: (f) => f.name },
          {
            key: "verdict",
            label: "Verdict",
            value: (f) => (f.computed ? f.verdict : "not computed"),
            render: (f) => (f.computed ? <Badge value={f.verdict} /> : <span class="na">not computed</span>),
          },
          { key: "reason", label: "Reason", value: (f) => f.reasons[0] ?? "" },
          {
            key: "flip",
            label: "What would flip it",
            value: (f) =>
              f.computed
                ? (flipFor(m.sensitivity, [f.id, `${f.id}-ai`, ...(f.components ?? []).map((c) => c.id)])?.sentence ??
                  NO_FLIP)
                : "",
          },
          {
            key: "evidence",
            label: "Evidence",
            value: (f) => f.evidence.join(" "),
            render: (f) => <EvidenceLinks ids={f.evidence} href={ctx.evidenceHref} />,
          },
        ]}
      />

      <h3>Indicators, both eras</h3>
      {groups.map((g) => {
        const shown = g.items.filter((i) => i.computed && i.value !== null);
        return (
          <article class="card" key={g.key} data-group={g.key} id={`ind-${g.key}`}>
            <h4>{g.label}</h4>
            {shown.length > 0 && (
              <Chart
                name={`ind-${g.key}`}
                option={indicatorChartOption(g.label, g.items)}
                height={70 + 34 * shown.length}
                label={`${g.label}: ${shown.map((i) => `${i.era === "ai" ? "AI era" : "2000 era"} ${fmtNum(i.value)} ${i.unit}, ${i.verdict}`).join("; ")}`}
              />
            )}
            <table class="ind">
              <caption class="sr-only">{g.label}</caption>
              <thead>
                <tr>
                  <th scope="col">Era</th>
                  <th scope="col">Value</th>
                  <th scope="col">90% band</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Reason, formula and what would flip it</th>
                  <th scope="col">Evidence</th>
                </tr>
              </thead>
              <tbody>
                {g.items.map((i) => {
                  const flip = flipFor(m.sensitivity, [i.id]);
                  return (
                    <tr key={i.id} data-indicator={i.id}>
                      <td>{i.era === "ai" ? "AI" : "2000"}</td>
                      <td class="num" data-value={i.value ?? ""}>
                        {i.computed ? fmtNum(i.value, i.unit) : <span class="na">n/a</span>}
                      </td>
                      <td class="num">{i.band ? `${fmtNum(i.band.p05)}–${fmtNum(i.band.p95)}` : ""}</td>
                      <td>{i.computed ? <Badge value={i.verdict} /> : <span class="na">not computed</span>}</td>
                      <td>
                        <div>{i.reason}</div>
                        <div class="formula">{i.formula}</div>
                        {i.computed && i.threshold !== null && (
                          <div class="flip" data-flip={i.id}>
                            <strong>Would flip:</strong> {flip?.sentence ?? NO_FLIP}
                          </div>
                        )}
                      </td>
                      <td>
                        <EvidenceLinks ids={i.evidence} href={ctx.evidenceHref} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </article>
        );
      })}

      {(ctx.report.eraPaths.index.length > 0 || ctx.report.eraPaths.bellwethers.length > 0) && (
        <>
          <h3>The two eras' prices, aligned at their peaks</h3>
          <div class="grid2">
            {ctx.report.eraPaths.index.length > 0 && (
              <Chart
                name="era-paths-index"
                option={eraPathsOption(
                  "Nasdaq Composite: the two eras aligned at their peaks",
                  ctx.report.eraPaths.index,
                )}
                height={380}
                label={`Nasdaq Composite, peak = 100, by weeks from each era's peak: ${ctx.report.eraPaths.index.map((s) => `${s.label} peaked ${s.peakDate}`).join("; ")}`}
              />
            )}
            {ctx.report.eraPaths.bellwethers.length > 0 && (
              <Chart
                name="era-paths-bellwethers"
                option={eraPathsOption(
                  "Bellwethers: Cisco (2000) and Nvidia (AI era)",
                  ctx.report.eraPaths.bellwethers,
                )}
                height={380}
                label={`Bellwethers, peak = 100, by weeks from each peak: ${ctx.report.eraPaths.bellwethers.map((s) => `${s.label} peaked ${s.peakDate}`).join("; ")}`}
              />
            )}
          </div>
        </>
      )}

      <h3>PSY bubble tests on prices (weekly log closes)</h3>
      {ctx.report.detectors.psy.length === 0 ? (
        <p class="na">Not computed: {ctx.report.notComputed[0]?.reason ?? "no price data"}</p>
      ) : (
        <DataTable
          name="psy-tests"
          caption={`GSADF against its 95% critical value (${ctx.report.run.nrep} Monte Carlo replications, seed ${ctx.report.run.seed}); computed on the full sample`}
          rows={ctx.report.detectors.psy}
          rowKey={(p) => p.id}
          columns={[
            {
              key: "label",
              label: "Series",
              value: (p) => p.label,
              render: (p) => (
                <a
                  href={ctx.href("series", {
                    src: `api:${(ctx.report.sources.prices.series.find((s) => s.id === p.evidence[0])?.file ?? "").replace(/\.csv$/, "")}`,
                    from: p.from,
                    to: p.to,
                    log: "1",
                  })}
                >
                  {p.label}
                </a>
              ),
            },
            { key: "era", label: "Era", value: (p) => p.era },
            { key: "gsadf", label: "GSADF", value: (p) => p.gsadf, numeric: true },
            { key: "cv95", label: "95% cv", value: (p) => p.gsadfCv[1], numeric: true },
            { key: "rejected", label: "Explosive?", value: (p) => (p.rejected ? "yes" : "no") },
            { key: "episodes", label: "Episodes", value: (p) => p.episodes.length, numeric: true },
          ]}
        />
      )}
    </section>
  );
}
