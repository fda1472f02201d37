/**
 * Bubble breadth for the report: the share of a basket in a PSY explosive episode, for the 2000 telecom/tech
 * basket at the Nasdaq peak (2000-03-10) and the AI basket at the talk date (2025-10-31, talk ¶1) and at the
 * latest data, all with the same settings (weekly log closes, the last 260 weeks, lag 0, Monte Carlo critical
 * values; LPPLS off to keep the report fast). It runs the scan (`runScan`) on the shipped watchlists: one path.
 */
import { breadthAt } from "../scan/breadth.ts";
import { resolveScanSettings } from "../scan/settings.ts";

export interface BreadthEntry {
  readonly basket: string;
  readonly era: "2000" | "ai";
  readonly label: string;
  readonly asOf: string | null;
  /** Breadth on the last date on or before asOf, and its peak over the previous 52 weeks. */
  readonly date: string | null;
  readonly share: number | null;
  readonly explosive: number;
  readonly covered: number;
  readonly peakShare: number | null;
  readonly peakDate: string | null;
  /** Series explosive on that date, and those that could not be tested (with why). */
  readonly explosiveSeries: readonly string[];
  readonly failed: readonly { readonly name: string; readonly reason: string }[];
  readonly source: string;
}

const CASES = [
  {
    basket: "telecom-2000",
    era: "2000" as const,
    asOf: "2000-03-10",
    label: "2000 telecom/tech basket at the Nasdaq peak",
  },
  { basket: "ai", era: "ai" as const, asOf: "2025-10-31", label: "AI basket at the talk date" },
  { basket: "ai", era: "ai" as const, asOf: null, label: "AI basket at the latest data" },
];

/** Computes the three breadth readings (a basket whose files are missing is skipped with its reason). */
export async function breadthForReport(o: { nrep: number; seed: number }): Promise<{
  entries: BreadthEntry[];
  notComputed: { section: string; reason: string }[];
}> {
  const { inputsFromWatchlist, loadWatchlist } = await import("../node/scan-inputs.ts");
  const { runScan } = await import("../node/scan-run.ts");
  const settings = resolveScanSettings({ nrep: o.nrep, seed: o.seed, lppls: false });
  const entries: BreadthEntry[] = [];
  const notComputed: { section: string; reason: string }[] = [];
  for (const c of CASES) {
    const wl = loadWatchlist(c.basket);
    const inputs = await inputsFromWatchlist(wl, c.asOf ? { asOf: c.asOf } : {});
    if (inputs.every((i) => i.error)) {
      notComputed.push({ section: `breadth: ${c.label}`, reason: inputs[0]?.error ?? "no series" });
      continue;
    }
    const { json } = await runScan(inputs, {
      settings,
      ...(c.asOf ? { asOf: c.asOf } : {}),
      watchlist: wl.name,
      source: `watchlist ${wl.name}`,
      threads: 1,
    });
    const b = json.breadth;
    const at = breadthAt(b, c.asOf ?? b.dates[b.dates.length - 1] ?? "", 52);
    entries.push({
      basket: wl.name,
      era: c.era,
      label: c.label,
      asOf: c.asOf,
      ...at,
      explosiveSeries: json.series.filter((s) => s.current.explosive && s.to === at.date).map((s) => s.name),
      failed: json.series.filter((s) => s.error).map((s) => ({ name: s.name, reason: s.error as string })),
      source: `bubblescope scan --watchlist ${wl.name}${c.asOf ? ` --as-of ${c.asOf}` : ""} --no-lppls (weekly log closes, last 260 weeks, lag 0, ${settings.nrep} MC replications, seed ${settings.seed})`,
    });
  }
  return { entries, notComputed };
}

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const pct = (v: number | null) => (v === null ? "n/a" : `${(v * 100).toFixed(0)} %`);

/** The report's HTML for the breadth indicator (empty when nothing was computed). */
export function breadthSectionHtml(entries: readonly BreadthEntry[] | undefined): string {
  if (!entries || entries.length === 0) return "";
  return `<h3 id="breadth">Bubble breadth: share of each basket in a PSY explosive episode</h3><table><thead><tr><th>basket, date</th><th>breadth</th><th>peak, previous 52 weeks</th><th>explosive then</th><th>not tested</th></tr></thead><tbody>${entries
    .map(
      (e) =>
        `<tr><td>${esc(e.label)} (${esc(e.date ?? "n/a")})</td><td><span class="num" data-evidence="${esc(`watchlist:${e.basket}`)}">${e.explosive} of ${e.covered} (${pct(e.share)})</span></td><td>${pct(e.peakShare)}${e.peakDate ? ` on ${esc(e.peakDate)}` : ""}</td><td>${esc(e.explosiveSeries.join(", ") || "none")}</td><td class="small">${esc(e.failed.map((f) => f.name).join(", ") || "—")}</td></tr>`,
    )
    .join(
      "",
    )}</tbody></table><p class="small">${esc(entries[0].source.replace(/--watchlist \\S+( --as-of \\S+)?/, "--watchlist …"))}. Same settings in both eras; baskets and why each name is held: data/watchlists/.</p>`;
}
