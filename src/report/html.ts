/**
 * The report as one self-contained HTML page (works offline: inline CSS and inline SVG charts, no scripts, no
 * external requests except the source links themselves). Every number is rendered as
 * `<span class="num" data-evidence="E001 D004">…</span>` so a reader (and a test) can trace it to the ledger
 * rows, deals or price files it was computed from; evidence ids link to the evidence appendix, whose rows link
 * to their sources.
 */

import { breadthSectionHtml } from "./breadth-section.ts";
import type { ReportModel } from "./build.ts";
import type { ChartSet } from "./charts.ts";
import { renderMacroHtml } from "./macro-html.ts";

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function fmtNum(v: number | null | undefined, unit = ""): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "n/a";
  const a = Math.abs(v);
  const s =
    Number.isInteger(v) && a < 1e6
      ? v.toLocaleString("en-US")
      : a >= 1000
        ? v.toLocaleString("en-US", { maximumFractionDigits: 0 })
        : a >= 100
          ? v.toFixed(0)
          : a >= 10
            ? v.toFixed(1)
            : v.toFixed(2);
  return unit ? `${s} ${unit}` : s;
}

/** A number with its provenance. */
function num(v: number | null | undefined, evidence: readonly string[], unit = ""): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return `<span class="na">n/a</span>`;
  return `<span class="num" data-evidence="${esc(evidence.join(" "))}">${esc(fmtNum(v, unit))}</span>`;
}

function evLinks(ids: readonly string[], known: ReadonlySet<string>): string {
  if (ids.length === 0) return "";
  return `<span class="ev">${ids
    .map((id) => (known.has(id) ? `<a href="#ev-${esc(id)}">${esc(id)}</a>` : `<span>${esc(id)}</span>`))
    .join(" ")}</span>`;
}

const badge = (v: string) => `<span class="badge b-${esc(v.replace(/[^a-z-]/gi, ""))}">${esc(v)}</span>`;

const CSS = `
:root{--fg:#1b1b1b;--muted:#5b5b5b;--line:#ddd;--bubble:#D55E00;--healthy:#0072B2;--inc:#666;--bg:#fff}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0}
main{max-width:1120px;margin:0 auto;padding:24px}h1{font-size:26px;margin:.2em 0}h2{margin-top:2em;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{margin:1.4em 0 .4em}.sub{color:var(--muted)}table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13.5px}
th,td{border-bottom:1px solid var(--line);padding:5px 6px;text-align:left;vertical-align:top}th{background:#f5f5f5}
.badge{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;color:#fff;background:var(--inc);white-space:nowrap}
.b-bubble-like,.b-contradicted{background:var(--bubble)}.b-healthy,.b-supported{background:var(--healthy)}
.b-qualified{background:#E69F00;color:#000}.b-unverified,.b-inconclusive{background:var(--inc)}
.ev a,.ev span{font-size:11px;color:var(--healthy);margin-right:3px;text-decoration:none}.ev a:hover{text-decoration:underline}
.num{font-variant-numeric:tabular-nums;font-weight:600}.na{color:var(--muted)}.chart{margin:10px 0;overflow-x:auto}
.chart svg{max-width:100%;height:auto}.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:12px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 12px;margin:10px 0}.formula{font-family:ui-monospace,monospace;font-size:12.5px;color:#333}
ul.head li{margin:4px 0}.small{font-size:12.5px;color:var(--muted)}nav a{margin-right:12px}
`;

/** Gives each inline SVG its own id namespace (ECharts reuses ids like "zr0-c0" across charts). */
export function namespaceSvg(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

function chart(charts: ChartSet, name: string, alt: string): string {
  const svg = charts.get(name);
  if (!svg) return "";
  return `<figure class="chart" data-chart="${esc(name)}" role="img" aria-label="${esc(alt)}">${namespaceSvg(svg, name)}</figure>`;
}

export function renderHtml(r: ReportModel, charts: ChartSet): string {
  const known = new Set(r.ledger.map((l) => l.id));
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(r.title)}</title><style>${CSS}</style></head><body><main>`);
  parts.push(`<h1>${esc(r.title)}</h1><p class="sub">${esc(r.question)}</p>
<p class="small">As of: <b>${esc(r.asOf ?? "all evidence in the ledger")}</b> · ledger: ${esc(r.sources.ledger.file)} (${num(r.sources.ledger.figures, [r.sources.ledger.file])} figures, ${num(r.sources.ledger.deals, [r.sources.ledger.file])} deals) · prices: ${esc(r.sources.prices.origin)} · seed ${num(r.run.seed, [r.run.source])}, ${num(r.run.draws, [r.run.source])} Monte Carlo draws per indicator, ${num(r.run.nrep, [r.run.source])} PSY replications.</p>
<p class="small" data-meta="prices">${esc(r.meta.pricesLine)}</p>
<nav><a href="#verdict">Verdict</a><a href="#frameworks">Frameworks</a><a href="#indicators">Indicators</a><a href="#claims">Claims</a><a href="#predictions">Predictions</a><a href="#prices">Prices &amp; tests</a><a href="#deals">Deals</a><a href="#sensitivity">What would flip it</a><a href="#evidence">Evidence</a></nav>`);

  parts.push(bottomLineHtml(r, charts, known));
  parts.push(`<h2 id="verdict">Verdict, with its reasons</h2><ul class="head">${r.headline.map((h) => `<li>${esc(h.text)} ${evLinks(h.evidence, known)}</li>`).join("")}</ul>
<p class="small">No single score: each framework and each indicator has its own verdict by an explicit, sourced threshold. Bands are the 5–95% range of a seeded Monte Carlo over the ledger's low/high ranges.</p>`);

  parts.push(
    `<h2 id="frameworks">Frameworks</h2><table><thead><tr><th>framework</th><th>verdict</th><th>reasons</th><th>values</th><th>source</th></tr></thead><tbody>${r.frameworks
      .map(
        (f) =>
          `<tr><td>${esc(f.name)}</td><td>${badge(f.computed ? f.verdict : "not computed")}</td><td>${f.reasons.map((x) => `<div>${esc(x)}</div>`).join("")}</td><td>${f.values
            .map((v) => `<div>${esc(v.label)}: ${num(v.value, v.evidence, v.unit)}</div>`)
            .join("")}${evLinks(f.evidence, known)}</td><td class="small">${esc(f.source)}</td></tr>`,
      )
      .join("")}</tbody></table>`,
  );

  parts.push(
    `<h2 id="indicators">Indicators, both eras</h2><p class="small">Each indicator's formula is stated; bars are coloured by verdict (vermillion bubble-like, blue healthy, grey inconclusive); dashed lines are the verdict thresholds; whiskers the 5–95% band.</p>`,
  );
  for (const g of charts.groups) {
    parts.push(
      `<div class="card"><h3>${esc(g.label)}</h3>${chart(charts, g.chart, `${g.label}: both eras`)}<table><thead><tr><th>era</th><th>value</th><th>verdict</th><th>band 5–95%</th><th>formula</th><th>reason</th><th>evidence</th></tr></thead><tbody>${g.items
        .map((i) => {
          const bandTxt = i.band ? `${num(i.band.p05, i.band.evidence)} – ${num(i.band.p95, i.band.evidence)}` : "";
          return `<tr id="ind-${esc(i.id)}"><td>${i.era === "ai" ? "AI" : "2000"}</td><td>${i.computed ? num(i.value, i.evidence, i.unit) : '<span class="na">not computed</span>'}</td><td>${badge(i.computed ? i.verdict : "inconclusive")}</td><td>${bandTxt}</td><td class="formula">${esc(i.formula)}</td><td>${esc(i.reason)}<div class="small">basis: ${esc(i.basis)}</div>${i.threshold ? `<div class="small">threshold: ${esc(i.threshold.source)}</div>` : ""}</td><td>${evLinks(i.evidence, known)}</td></tr>`;
        })
        .join("")}</tbody></table></div>`,
    );
  }

  parts.push(claimsSection(r, known), predictionsSection(r, known));

  parts.push(`<h2 id="prices">Prices and the econometric tests</h2>
<div class="grid2">${chart(charts, "era-paths-index", "Nasdaq Composite in both eras aligned at the peaks")}${chart(charts, "era-paths-bellwethers", "Cisco and Nvidia aligned at their peaks")}</div>`);
  if (r.detectors.psy.length > 0) {
    parts.push(
      `<h3>PSY GSADF/BSADF (weekly log prices)</h3><table><thead><tr><th>series</th><th>era</th><th>n</th><th>GSADF</th><th>95% cv</th><th>decision</th><th>episodes (start → end)</th></tr></thead><tbody>${r.detectors.psy
        .map(
          (p) =>
            `<tr><td>${esc(p.label)} ${evLinks(p.evidence, known)}</td><td>${p.era === "ai" ? "AI" : "2000"}</td><td>${num(p.n, p.evidence)}</td><td>${num(p.gsadf, p.evidence)}</td><td>${num(p.gsadfCv[1], p.evidence)}</td><td>${badge(p.rejected ? `explosive (${p.significance})` : "not explosive")}</td><td>${p.episodes.map((e) => `${esc(e.start)} → ${esc(e.end)}${e.ongoing ? " (ongoing)" : ""}${e.signal === "negative" ? " (crash)" : ""}`).join("<br>") || "none"}</td></tr>`,
        )
        .join(
          "",
        )}</tbody></table><p class="small">${esc(r.detectors.psy[0].source)}; minimum window ⌊(0.01 + 1.8/√n)·n⌋; ${num(r.detectors.psy[0].nrep, r.detectors.psy[0].evidence)} replications. Episodes: BSADF above its 95% critical value (exuber's rule).</p><div class="grid2">${r.detectors.psy.map((p) => chart(charts, p.id, `BSADF of ${p.label}`)).join("")}</div>`,
    );
  }
  if (r.detectors.lppls.length > 0) {
    parts.push(
      `<h3>LPPLS (daily log prices, two-year windows)</h3><table><thead><tr><th>series</th><th>era</th><th>best fit: tc</th><th>m, ω</th><th>qualified</th><th>crash-time distribution (qualified fits)</th><th>last confidence (+ / −)</th></tr></thead><tbody>${r.detectors.lppls
        .map((l) => {
          const q = l.tcDistribution.quantiles;
          const dist =
            l.tcDistribution.qualified > 0
              ? `${esc(q[0]?.date ?? "")} … ${esc(q[q.length - 1]?.date ?? "")} (median ${esc(q[Math.floor(q.length / 2)]?.date ?? "")}; ${num(l.tcDistribution.qualified, l.evidence)} of ${num(l.tcDistribution.windows, l.evidence)} windows qualified; 5–95% width ${num(l.tcDistribution.widthDays, l.evidence, "days")})`
              : `no qualified fit in ${num(l.tcDistribution.windows, l.evidence)} windows`;
          const last = l.indicator[l.indicator.length - 1];
          return `<tr><td>${esc(l.label)} ${evLinks(l.evidence, known)}</td><td>${l.era === "ai" ? "AI" : "2000"}</td>${l.fit.ok ? `<td>${esc(l.fit.tcDate)} (${num(l.fit.tcDaysAfterLast, l.evidence, "days")})</td><td>${num(l.fit.m, l.evidence)}, ${num(l.fit.omega, l.evidence)}</td><td>${badge(l.fit.qualified ? `qualified (${l.fit.sign})` : "not qualified")}</td>` : `<td colspan="2">no fit: ${esc(l.fit.reason)}</td><td>${badge("not qualified")}</td>`}<td>${dist}</td><td>${last ? `${num(last.posConf, l.evidence)} / ${num(last.negConf, l.evidence)}` : ""}</td></tr>`;
        })
        .join(
          "",
        )}</tbody></table><p class="small">${esc(r.detectors.lppls[0].source)}. The crash-time distribution is the spread of tc over ~30 nested windows ending at the last date; a wide or empty distribution means the model does not pin a date, and is shown as such.</p><div class="grid2">${r.detectors.lppls.map((l) => `${chart(charts, `${l.id}-fit`, `LPPLS fit of ${l.label}`)}${chart(charts, `${l.id}-indicator`, `LPPLS confidence of ${l.label}`)}`).join("")}</div>`,
    );
  }

  parts.push(
    breadthSectionHtml(r.breadth, chart(charts, "breadth", "Bubble breadth of the 2000 and AI baskets, aligned")),
  );
  parts.push(renderMacroHtml(r.macro, charts, namespaceSvg));
  parts.push(`<h2 id="deals">Circular deals and vendor financing</h2><div class="grid2">${chart(charts, "deal-graph-2000", "deal graph, 2000 era")}${chart(charts, "deal-graph-ai", "deal graph, AI era")}</div>
<p class="small">Edges point from the payer to the receiver, width by amount; vermillion edges lie on a cycle (Johnson's algorithm); dashed edges are the purchases implied by vendor financing.</p>
<table><thead><tr><th>era</th><th>cycle</th><th>hops</th><th>evidence</th></tr></thead><tbody>${r.deals.cycles
    .map(
      (c) =>
        `<tr><td>${c.era === "ai" ? "AI" : "2000"}</td><td>${esc([...c.nodes, c.nodes[0]].join(" → "))}${c.implied ? ' <span class="small">(via implied purchases)</span>' : ""}</td><td>${num(c.hops.length, c.evidence)}</td><td>${evLinks(c.evidence, known)}</td></tr>`,
    )
    .join("")}</tbody></table>`);

  parts.push(
    `<h2 id="sensitivity">What would flip each verdict</h2><ul>${r.sensitivity
      .map(
        (s) =>
          `<li>${esc(s.sentence)}${s.withinLedgerRange ? " <b>(within the ledger's own range)</b>" : ""} ${evLinks(s.evidence, known)}</li>`,
      )
      .join("")}</ul>`,
  );

  if (r.notComputed.length > 0)
    parts.push(
      `<h2>Not computed, and why</h2><ul>${r.notComputed.map((n) => `<li><b>${esc(n.section)}</b>: ${esc(n.reason)}</li>`).join("")}</ul>`,
    );

  parts.push(
    `<h2 id="evidence">Evidence</h2><table><thead><tr><th>id</th><th>era</th><th>entity</th><th>metric</th><th>value</th><th>as of</th><th>source</th></tr></thead><tbody>${r.ledger
      .map(
        (l) =>
          `<tr id="ev-${esc(l.id)}"><td>${esc(l.id)}</td><td>${esc(l.era)}</td><td>${esc(l.entity)}</td><td>${esc(l.metric)}${l.note ? `<div class="small">${esc(l.note)}</div>` : ""}</td><td>${num(l.value, [l.id], l.unit)}${l.low !== null || l.high !== null ? `<div class="small">range ${num(l.low, [l.id])} – ${num(l.high, [l.id])}</div>` : ""}</td><td>${esc(l.as_of)}</td><td>${/^https?:\/\//i.test(l.source_url) ? `<a href="${esc(l.source_url)}" rel="noopener">${esc(l.source_title)}</a>` : esc(l.source_title)}</td></tr>`,
      )
      .join("")}</tbody></table>`,
  );
  parts.push(
    `<p class="small">Generated by bubblescope ${esc(r.run.version)}. Price files: ${r.sources.prices.series.map((s) => `${esc(s.file)} (${esc(s.from)} – ${esc(s.to)})`).join("; ") || "none"}.</p></main></body></html>`,
  );
  return parts.join("\n");
}

/** The bottom line (opens the report), its comparison chart, and each price test on 2000 before the AI era. */
function bottomLineHtml(r: ReportModel, charts: ChartSet, known: ReadonlySet<string>): string {
  const b = r.bottomLine;
  const runCell = (x: ReportModel["calibration"][number]["on2000"]) =>
    x
      ? `${badge(x.signal === null ? "not computed" : x.signal ? "flags" : "does not flag")}<div class="small">${esc(x.text)}</div>`
      : '<span class="na">—</span>';
  return `<h2 id="bottom-line">Bottom line</h2><ul class="head bottom-line">${b.sentences
    .map((s) => `<li data-kind="${esc(s.kind)}">${esc(s.text)} ${evLinks(s.evidence, known)}</li>`)
    .join(
      "",
    )}</ul>${chart(charts, "comparison", "Each fact in both eras on one scale between its healthy and bubble lines")}
<h3 id="calibration">Price tests: first on 2000, with the same settings, then on the AI era</h3><table><thead><tr><th>test</th><th>series</th><th>detects 2000?</th><th>2000 peak</th><th>AI, talk date</th><th>AI, latest</th><th>reading</th><th>settings</th></tr></thead><tbody>${r.calibration
    .map(
      (c) =>
        `<tr><td>${esc(c.test)}</td><td>${c.role === "index" ? "Nasdaq Composite" : "bellwether (Cisco / Nvidia)"} ${evLinks(c.evidence, known)}</td><td>${badge(c.detects2000 === null ? "not run" : c.detects2000 ? "yes" : "no")}</td><td>${runCell(c.on2000)}</td><td>${runCell(c.aiTalk)}</td><td>${runCell(c.aiLatest)}</td><td>${esc(c.reading)}</td><td class="small">${esc(c.settings)}</td></tr>`,
    )
    .join("")}</tbody></table>`;
}

/** The talk's claims: ¶ and speaker, the quote, status at the recording date and today, why, and what came since. */
function claimsSection(r: ReportModel, known: ReadonlySet<string>): string {
  const judged = r.claims[0]?.judgedAsOf ?? "the recording date";
  const rows = r.claims
    .map((c) => {
      const since =
        c.sinceThen.length > 0
          ? `<div class="small">since then: ${c.sinceThen.map((x) => `${esc(x.text)} (known ${esc(x.knownFrom)}) ${evLinks(x.evidence, known)}`).join("; ")}</div>`
          : "";
      const today = c.statusToday !== c.status ? `<div class="small">today: ${esc(c.reasonToday)}</div>` : "";
      return `<tr id="claim-${esc(c.id)}"><td>${esc(c.id)}</td><td>¶${c.paragraph}<div class="small">${esc(c.speaker)}</div></td><td>${esc(c.text)}<div class="small">“${esc(c.quote)}”</div>${c.quantity !== null ? `<div class="small">as stated: ${num(c.quantity, c.evidence, c.unit)}</div>` : ""}</td><td>${badge(c.status)}</td><td>${badge(c.statusToday)}</td><td>${esc(c.reason)}${today}${since}</td><td>${evLinks(c.evidence, known)}</td></tr>`;
    })
    .join("");
  return `<h2 id="claims">The talk's claims, checked</h2><p class="small">Each checkable statement of the talk (transcript paragraph ¶), judged with what was known on ${esc(judged)} (the recording date) and again with everything known since.</p><table><thead><tr><th>#</th><th>¶</th><th>claim</th><th>at the talk</th><th>today</th><th>why</th><th>evidence</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The predictions ledger: each forecast with its ¶ or detector, criterion, due date, status and resolving evidence. */
function predictionsSection(r: ReportModel, known: ReadonlySet<string>): string {
  const s = r.predictionScore;
  const rows = r.predictions
    .map(
      (p) =>
        `<tr id="pred-${esc(p.id)}"><td>${esc(p.id)}</td><td>${esc(p.source)}${p.speaker ? `<div class="small">${esc(p.speaker)}</div>` : ""}</td><td>${esc(p.statement)}${p.quote ? `<div class="small">“${esc(p.quote)}”</div>` : ""}</td><td>${esc(p.criterion)}</td><td>${esc(p.due)}</td><td>${badge(p.status)}${p.resolution ? `<div class="small">${esc(p.resolution.on)}: ${esc(p.resolution.note)}</div>` : ""}</td><td>${evLinks(p.evidence, known)}<div class="small mono">${esc(p.hash.slice(0, 12))}</div></td></tr>`,
    )
    .join("");
  const brier =
    s.brier === null
      ? "no forecast with a probability is resolved yet"
      : `Brier score ${s.brier.toFixed(3)} over ${s.brierCount}`;
  return `<h2 id="predictions">Predictions ledger</h2><p class="small">${s.forecasts} forecasts (the talk's and the detectors' alarms), hash-chained in data/predictions.jsonl (<code>bubblescope predictions verify</code>): ${s.open} open, ${s.due} due, ${s.resolvedTrue} resolved true, ${s.resolvedFalse} resolved false; ${esc(brier)}.</p><table><thead><tr><th>id</th><th>source</th><th>forecast</th><th>resolves how</th><th>due</th><th>status</th><th>evidence · hash</th></tr></thead><tbody>${rows}</tbody></table>`;
}
