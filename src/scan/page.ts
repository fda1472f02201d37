/**
 * The scan as one self-contained HTML page (inline CSS and SVG, no scripts): the ranked table and the breadth
 * chart, with the settings and the sources of every test. Browser-safe (the SVG is rendered by the caller).
 */
import type { ScanJson } from "./assemble.ts";
import { margin } from "./rank.ts";

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const f = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? "n/a" : v.toFixed(d));

/**
 * @example
 * writeFileSync("scan/index.html", scanPageHtml(json, svg));
 */
export function scanPageHtml(json: ScanJson, breadthSvg: string): string {
  const m = json.meta;
  const rows = json.series
    .map((s, i) => {
      if (s.error)
        return `<tr class="err"><td>${i + 1}</td><td>${esc(s.name)}</td><td colspan="9">failed: ${esc(s.error)}</td></tr>`;
      return `<tr${s.current.explosive ? ' class="hot"' : ""}><td>${i + 1}</td><td>${esc(s.name)}</td><td>${s.n}</td><td>${esc(s.from)} – ${esc(s.to)}</td><td>${f(s.gsadf)}</td><td>${f(s.cv95)}</td><td>${f(margin(s))}</td><td>${s.current.explosive ? `since ${esc(s.current.since)}` : s.rejected ? "past episode(s)" : "no"}</td><td>${s.lppls ? `${f(s.lppls.posConf)} / ${f(s.lppls.negConf)}` : "n/a"}</td><td>${s.gsy ? `${f(s.gsy.runUpPct, 0)} % (${f(s.gsy.crashProbabilityPct, 0)} %)` : "n/a"}</td><td>${f(s.gmo?.z)}</td></tr>`;
    })
    .join("");
  const b = json.breadth;
  const last = b.dates.length - 1;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>bubblescope scan — ${esc(m.watchlist ?? m.source)}</title><style>
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#222}main{max-width:1100px;margin:auto;padding:16px}
table{border-collapse:collapse;width:100%;margin:12px 0}th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;font-variant-numeric:tabular-nums}
tr.hot td{background:#fde8dc}tr.err td{color:#8a1c00}.small{color:#555;font-size:12px}svg{max-width:100%;height:auto}
</style></head><body><main>
<h1>Which series are explosive now? ${esc(m.watchlist ?? m.source)}</h1>
<p class="small">As of ${esc(m.asOf ?? "the latest data")} · ${m.counts.series} series, ${m.counts.explosive} explosive at their last date, ${m.counts.rejected} reject at 95 %, ${m.counts.failed} failed · ${esc(m.settings.frequency)} ${m.settings.log ? "log " : ""}prices, last ${m.settings.window || "all"} observations, lag ${m.settings.lag}, ${m.settings.nrep} replications, seed ${m.settings.seed}.</p>
<h2>Breadth</h2>
<p>Share of the basket in an explosive episode${last >= 0 ? ` on ${esc(b.dates[last])}: <b>${b.explosive[last]} of ${b.covered[last]}</b> (${f((b.share[last] ?? 0) * 100, 0)} %)` : ": no series could be tested"}.</p>
${breadthSvg}
<h2>Ranking</h2>
<table><thead><tr><th>#</th><th>series</th><th>n</th><th>window</th><th>GSADF</th><th>cv95</th><th>margin</th><th>explosive now</th><th>LPPLS + / −</th><th>GSY 2-year run-up (crash p)</th><th>GMO z</th></tr></thead><tbody>${rows}</tbody></table>
<p class="small">${esc(m.sources.psy)}. ${esc(m.sources.lppls)}. ${esc(m.sources.gsy)}. ${esc(m.sources.gmo)}. Ranked: explosive now first, then rejecting, then by GSADF − cv95.</p>
</main></body></html>
`;
}
