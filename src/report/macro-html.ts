/**
 * The market-wide valuation section's HTML (CAPE, equities/GDP, PSY on the S&P 500 P/D and P/E ratios, the
 * technology-adjusted PSY), rendered from the model's \`macro\` field; inserted by html.ts after the price tests.
 * No computation here (macro-section.ts builds the model, charts/macro.ts the charts).
 */
import type { AdjustedRow, MacroSection } from "./macro-section.ts";

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function num(v: number | null | undefined, evidence: readonly string[], digits = 2, unit = ""): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return `<span class="na">n/a</span>`;
  return `<span class="num" data-evidence="${esc(evidence.join(" "))}">${esc(v.toFixed(digits))}${unit ? ` ${esc(unit)}` : ""}</span>`;
}

const badge = (v: string) => `<span class="badge b-${esc(v.replace(/[^a-z-]/gi, ""))}">${esc(v)}</span>`;

function figure(svg: string | undefined, name: string, alt: string, ns: (svg: string, p: string) => string): string {
  return svg
    ? `<figure class="chart" data-chart="${esc(name)}" role="img" aria-label="${esc(alt)}">${ns(svg, name)}</figure>`
    : "";
}

/** The section's HTML (inserted by html.ts after the price tests). */
export function renderMacroHtml(
  m: MacroSection | null | undefined,
  charts: { get(name: string): string | undefined },
  namespaceSvg: (svg: string, prefix: string) => string,
): string {
  if (!m) return "";
  const parts: string[] = [];
  const { cape, buffett } = m.valuation;
  parts.push(`<h2 id="macro">Market-wide valuation and the technology-adjusted test</h2>
<p class="small">Data: the repository's <code>data/macro/</code> snapshot (origin, transformation and checksums in its PROVENANCE.md). CAPE and equities/GDP are recomputed from their inputs and checked against the published series.</p>
${figure(charts.get("macro-valuation"), "macro-valuation", "CAPE and the Buffett indicator since 1881/1947, both eras' peaks marked", namespaceSvg)}
<table><thead><tr><th>measure</th><th>mark</th><th>date</th><th>value</th><th>percentile in its history to that date</th></tr></thead><tbody>${[
    cape,
    buffett,
  ]
    .flatMap((s) =>
      s.marks.map(
        (mk) =>
          `<tr><td>${esc(s.label)}</td><td>${esc(mk.label)}</td><td>${esc(mk.date.slice(0, 7))}</td><td>${num(mk.value, s.evidence, 1, s.unit)}</td><td>${num(mk.percentile, s.evidence, 1)} (${num(mk.observations, s.evidence, 0)} obs. since ${esc(mk.historyFrom.slice(0, 4))})</td></tr>`,
      ),
    )
    .join("")}</tbody></table>
<p class="small">Checks against the published series: CAPE vs Shiller's column, ${num(cape.check.compared, cape.evidence, 0)} months, max relative deviation ${num(cape.check.maxRelDeviation * 100, cape.evidence, 4)}% (tolerance ${esc(cape.check.tolerance)}); equities/GDP vs the published ratio, ${num(buffett.check.compared, buffett.evidence, 0)} quarters, max absolute deviation ${num(buffett.check.maxAbsDeviation, buffett.evidence, 6)} pp (tolerance ${esc(buffett.check.tolerance)}). Formulas: ${esc(cape.formula)}; ${esc(buffett.formula)}. The two measures disagree on "now vs 2000": CAPE was higher in 1999–2000; equities/GDP is higher now. Their verdict lines are in the indicator tables above.</p>`);

  if (m.ratioPsy.length > 0)
    parts.push(
      `<h3>PSY on the S&amp;P 500 price/dividend and price/earnings ratios (Shiller, monthly, through 2026)</h3><table><thead><tr><th>series</th><th>n</th><th>GSADF</th><th>95% cv</th><th>decision</th><th>2000 era</th><th>AI era</th><th>all episodes</th></tr></thead><tbody>${m.ratioPsy
        .map(
          (p) =>
            `<tr><td>${esc(p.label)}</td><td>${num(p.n, p.evidence, 0)}</td><td>${num(p.gsadf, p.evidence)}</td><td>${num(p.gsadfCv[1], p.evidence)}</td><td>${badge(p.rejected ? "explosive" : "not explosive")}</td>${p.eras.map((e) => `<td>${esc(e.verdict)}${e.episodes.length ? `<div class="small">${e.episodes.map(esc).join("<br>")}</div>` : ""}</td>`).join("")}<td class="small">${p.episodes.map((e) => `${esc(String(e.start).slice(0, 7))} → ${esc(String(e.end).slice(0, 7))}`).join("; ") || "none"}</td></tr>`,
        )
        .join(
          "",
        )}</tbody></table><p class="small">${esc(m.ratioPsy[0].source)}; ${num(m.ratioPsy[0].nrep, m.ratioPsy[0].evidence, 0)} replications; minimum window ${num(m.ratioPsy[0].minWindow, m.ratioPsy[0].evidence, 0)} months. An explosive P/E run when earnings collapse (2001–02, 2008–09) is driven by the denominator, not by prices. The conformance anchor is PSY (2015)'s P/D result on 1871–2010 (test/conformance/psy-sp500-pd.test.ts and test/macro/ratio-psy.test.ts).</p><div class="grid2">${m.ratioPsy.map((p) => figure(charts.get(p.id), p.id, `BSADF of ${p.label}`, namespaceSvg)).join("")}</div>`,
    );

  const t = m.techAdjusted;
  if (t) {
    const eraCell = (row: AdjustedRow, era: "2000" | "ai") => {
      const e = row.eras.find((x) => x.era === era);
      if (!e || e.verdict === "not covered") return `<td class="small">not covered</td>`;
      return `<td>${badge(e.verdict === "speculative episode" ? "bubble-like" : "healthy")} ${esc(e.verdict)}${e.episodes.length ? `<div class="small">${e.episodes.map((x) => `${esc(x.start.slice(0, 7))} → ${esc(x.end.slice(0, 7))}${x.ongoing ? " (ongoing)" : ""}${x.short ? " (short)" : ""}`).join("<br>")}</div>` : ""}</td>`;
    };
    const row = (r: AdjustedRow) =>
      `<tr><td>${esc(r.label)}</td><td class="small">${esc(r.estimator.toUpperCase())}${r.estimator === "dols" ? `(${r.leadsLags})` : ""}${r.trend ? " + trend" : ""}, ${esc(r.nullModel)} null</td><td>${esc(r.from.slice(0, 7))} – ${esc(r.to.slice(0, 7))}</td><td>${num(r.r2, r.evidence, 3)}</td><td>${num(r.gsadf, r.evidence)}</td><td>${num(r.gsadfCv[1], r.evidence)}</td><td>${badge(r.rejected ? "rejects" : "does not reject")}</td>${eraCell(r, "2000")}${eraCell(r, "ai")}</tr>`;
    const s = t.specification;
    parts.push(`<h3 id="macro-adjusted">Technology-adjusted PSY on the NASDAQ (Chen et al. 2026)</h3>
<p>When a general-purpose technology is adopted, fundamental prices can rise explosively for a while, so the raw PSY test can reject "no bubble" without a bubble. The adjusted test regresses the log real NASDAQ on technology proxies and controls and runs PSY on the residual. Raw and adjusted, same sample, same bootstrap:</p>
<table><thead><tr><th>test</th><th>method</th><th>sample</th><th>R²</th><th>GSADF</th><th>95% cv</th><th>decision</th><th>2000 era (1995–2002)</th><th>AI era (2019 on)</th></tr></thead><tbody>${row(t.raw)}${row(t.primary)}</tbody></table>
<div class="card"><b>Specification, declared before the results</b> (src/macro/tech-adjusted.ts, README "Technology-adjusted PSY"):<ul>
<li>dependent: ${esc(s.dependent)}; frequency ${esc(s.frequency)}; sample ${esc(s.sample)}</li>
<li>technology proxies: ${esc(s.proxies.join("; "))}; controls: ${esc(s.controls.join("; "))}</li>
<li>estimator: ${esc(s.estimator)}; coefficients: ${t.coefficients.map((c) => `${esc(c.name)} ${num(c.estimate, t.evidence, 3)}`).join(", ")}</li>
<li>interpolation: ${esc(s.interpolation)}</li>
<li>critical values: ${esc(s.criticalValues)}</li><li>episodes: ${esc(s.episodes)}</li></ul></div>
${figure(charts.get("macro-adjusted"), "macro-adjusted", "BSADF of the technology-adjusted NASDAQ residual against its bootstrap critical values", namespaceSvg)}
<h4>Against the paper's findings</h4><ul>${t.paper.map((p) => `<li>${badge(p.agrees ? "agrees" : "disagrees")} paper: ${esc(p.claim)}. Ours: ${esc(p.ours)}.</li>`).join("")}</ul>
<h4 id="macro-robustness">Robustness (alternatives, not used to choose the primary; ${num(t.robustnessNboot, t.evidence, 0)} replications each)</h4>
<table><thead><tr><th>specification</th><th>method</th><th>sample</th><th>R²</th><th>GSADF</th><th>95% cv</th><th>decision</th><th>2000 era</th><th>AI era</th></tr></thead><tbody>${t.robustness.map(row).join("")}</tbody></table>
<p class="small"><b>Caveat.</b> ${esc(t.caveat)}</p>`);
  }
  return parts.join("\n");
}
