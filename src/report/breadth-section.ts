/**
 * Bubble breadth for the report: the share of a basket in a PSY explosive episode (src/scan/breadth.ts), for the
 * 2000 telecom/tech basket at the Nasdaq peak (2000-03-10) FIRST — the test shown on the known bubble — and then,
 * with the same settings, the AI basket at the talk date (2025-10-31, talk ¶1) and at the latest data. Settings:
 * the scan's defaults (weekly log closes, the last 260 weeks, PSY lag 0, Monte Carlo critical values from the
 * disk cache, 95 % line) with LPPLS off (breadth is PSY only; LPPLS is the scan's costliest part). It runs the
 * scan itself (`runScan` on the shipped watchlists): one analysis path for the CLI, the report and the dashboard.
 * Members are found in the report's order of sources: --data, the data store, $BUBBLESCOPE_DATA, the bundled
 * snapshot (data/prices carries every member over the spans needed here).
 * Complexity: one scan per reading, each O(S·w²) for S series and a w-week window (PSY lag 0), plus one
 * critical-value table per distinct test length (cached).
 */
import { basename } from "node:path";
import { TALK_DATE } from "../analysis/series.ts";
import { breadthAt, explosiveAt } from "../scan/breadth.ts";
import { resolveScanSettings, type ScanSettings } from "../scan/settings.ts";

/** The 2000 peak the 2000 basket is read at (the Nasdaq Composite's close high, as the report's aligned paths). */
export const PEAK_2000 = "2000-03-10";
/** Weeks of the breadth path kept in the model for the chart (three years before each reading). */
export const BREADTH_PATH_WEEKS = 156;

/** One breadth reading: a basket at a date. */
export interface BreadthEntry {
  readonly basket: string;
  readonly era: "2000" | "ai";
  readonly point: "2000 peak" | "talk date" | "latest";
  readonly label: string;
  /** The date asked for (null = the latest data) and the date read (the last breadth date on or before it). */
  readonly asOf: string | null;
  readonly date: string | null;
  /** The reference date of the aligned chart: the 2000 peak, or the talk date for the AI basket. */
  readonly refDate: string;
  readonly share: number | null;
  readonly explosive: number;
  readonly covered: number;
  /** Members of the watchlist (tested or not). */
  readonly members: number;
  /** Highest breadth over the 52 weeks up to the date read. */
  readonly peakShare: number | null;
  readonly peakDate: string | null;
  /** Series explosive on the date read, with the start of their episode. */
  readonly explosiveSeries: readonly { readonly name: string; readonly since: string }[];
  /** Members that could not be tested, with why. */
  readonly failed: readonly { readonly name: string; readonly reason: string }[];
  /** Breadth over the last {@link BREADTH_PATH_WEEKS} dates up to the date read (for the chart). */
  readonly path: { readonly dates: readonly string[]; readonly share: readonly (number | null)[] };
  /** Price series used (prices:FILE or store:ID). */
  readonly evidence: readonly string[];
  readonly source: string;
}

/** The report's breadth section. */
export interface BreadthSection {
  /** The 2000 basket first, then the AI basket at the talk date and at the latest data. */
  readonly entries: readonly BreadthEntry[];
  readonly settings: ScanSettings;
  /** The comparison in one sentence (no threshold: the 2000 reading is the yardstick). */
  readonly text: string;
  readonly source: string;
}

export interface BreadthOptions {
  readonly nrep: number;
  readonly seed: number;
  /** The report's as-of date: readings after it are not computed; the latest reading is at it. */
  readonly asOf?: string;
  /** --data DIR (searched first). */
  readonly dataDir?: string;
  /** The data store the report read (null or absent: not read). */
  readonly storeDir?: string | null;
  /** Use the critical-value disk cache (default true). */
  readonly cache?: boolean;
  readonly onProgress?: (what: string) => void;
}

interface Case {
  readonly basket: string;
  readonly era: "2000" | "ai";
  readonly point: BreadthEntry["point"];
  readonly at: string | null;
  readonly ref: string;
  readonly label: string;
}

/** The readings, in order: the known bubble first. */
function cases(asOf: string | undefined): { run: Case[]; skipped: { section: string; reason: string }[] } {
  const all: Case[] = [
    {
      basket: "telecom-2000",
      era: "2000",
      point: "2000 peak",
      at: PEAK_2000,
      ref: PEAK_2000,
      label: "2000 telecom/tech basket at the Nasdaq peak",
    },
    { basket: "ai", era: "ai", point: "talk date", at: TALK_DATE, ref: TALK_DATE, label: "AI basket at the talk date" },
    {
      basket: "ai",
      era: "ai",
      point: "latest",
      at: asOf ?? null,
      ref: TALK_DATE,
      label: asOf ? `AI basket at ${asOf}` : "AI basket at the latest data",
    },
  ];
  const run: Case[] = [];
  const skipped: { section: string; reason: string }[] = [];
  for (const c of all) {
    if (c.point !== "latest" && asOf !== undefined && (c.at as string) > asOf)
      skipped.push({ section: `breadth: ${c.label}`, reason: `after the report's as-of date ${asOf}` });
    else if (c.point === "latest" && asOf !== undefined && asOf <= TALK_DATE)
      skipped.push({
        section: `breadth: ${c.label}`,
        reason: `the as-of date ${asOf} is not after the talk date (${TALK_DATE})`,
      });
    else run.push(c);
  }
  return { run, skipped };
}

const pct = (v: number | null) => (v === null ? "n/a" : `${Math.round(v * 100)} %`);
const evidenceOf = (origin: string) =>
  origin.startsWith("store:") ? origin : `prices:${basename(origin).replace(/\.csv$/i, "")}`;

/**
 * Computes the breadth readings (a reading whose members are all missing is "not computed" with the reason).
 *
 * @example
 * const { section } = await breadthForReport({ nrep: 2000, seed: 123 });
 * section?.entries.map((e) => [e.basket, e.date, e.share]); // [["telecom-2000", "2000-03-10", 0.4], …]
 */
export async function breadthForReport(
  o: BreadthOptions,
): Promise<{ section: BreadthSection | null; notComputed: { section: string; reason: string }[] }> {
  const { inputsFromWatchlist, loadWatchlist, openStoreReader, watchlistSourcesLine } = await import(
    "../node/scan-inputs.ts"
  );
  const { runScan, threadEngine } = await import("../node/scan-run.ts");
  const settings = resolveScanSettings({ nrep: o.nrep, seed: o.seed, lppls: false });
  const { run, skipped } = cases(o.asOf);
  const notComputed = [...skipped];
  const entries: BreadthEntry[] = [];
  const useStore = o.dataDir === undefined && o.storeDir ? o.storeDir : null;
  const store = useStore ? await openStoreReader(useStore) : undefined;
  const where = watchlistSourcesLine({
    ...(o.dataDir !== undefined ? { dataDir: o.dataDir } : {}),
    storeDir: store?.dir ?? null,
  });
  const settingsText = `weekly log closes, the last ${settings.window} weeks, PSY lag ${settings.lag}, ${settings.nrep} Monte Carlo replications (seed ${settings.seed}), episodes where BSADF exceeds its ${settings.level} % critical value; LPPLS off`;
  try {
    for (const c of run) {
      o.onProgress?.(`breadth: ${c.label}`);
      try {
        const wl = loadWatchlist(c.basket);
        const inputs = await inputsFromWatchlist(wl, {
          ...(c.at ? { asOf: c.at } : {}),
          ...(store ? { store } : {}),
          ...(o.dataDir !== undefined ? { dataDir: o.dataDir } : {}),
        });
        if (inputs.every((i) => i.error)) {
          notComputed.push({ section: `breadth: ${c.label}`, reason: inputs[0]?.error ?? "empty watchlist" });
          continue;
        }
        const { json } = await runScan(inputs, {
          settings,
          ...(c.at ? { asOf: c.at } : {}),
          watchlist: wl.name,
          source: `watchlist ${wl.name}: ${where}`,
          engine: threadEngine(1),
          ...(o.cache === false ? { cache: false } : {}),
        });
        const b = json.breadth;
        if (b.dates.length === 0) {
          notComputed.push({
            section: `breadth: ${c.label}`,
            reason: `no member could be tested (${json.series.map((s) => `${s.name}: ${s.error ?? "no BSADF date"}`).join("; ")})`,
          });
          continue;
        }
        const read = breadthAt(b, c.at ?? b.dates[b.dates.length - 1], 52);
        const date = read.date as string;
        const k = b.dates.indexOf(date);
        const used = inputs.filter((i) => i.raw).map((i) => evidenceOf(i.origin));
        entries.push({
          basket: wl.name,
          era: c.era,
          point: c.point,
          label: c.label,
          asOf: c.at,
          refDate: c.ref,
          ...read,
          members: wl.members.length,
          explosiveSeries: json.series
            .filter((s) => !s.error && s.bsadfFrom !== null && s.bsadfFrom <= date && (s.to ?? "") >= date)
            .filter((s) => explosiveAt(s, date))
            .map((s) => ({
              name: s.name,
              since:
                s.episodes.find((e) => date >= e.start && (date < e.end || (e.ongoing && date <= e.end)))?.start ??
                date,
            }))
            .sort((a, z) => (a.since < z.since ? -1 : a.since > z.since ? 1 : a.name < z.name ? -1 : 1)),
          failed: json.series
            .filter((s) => s.error)
            .map((s) => ({ name: s.name, reason: (s.error as string).replace(`${s.name}: `, "") })),
          path: {
            dates: b.dates.slice(Math.max(0, k + 1 - BREADTH_PATH_WEEKS), k + 1),
            share: b.share.slice(Math.max(0, k + 1 - BREADTH_PATH_WEEKS), k + 1),
          },
          evidence: [...new Set(used)],
          source: `bubblescope scan --watchlist ${wl.name}${c.at ? ` --as-of ${c.at}` : ""} --no-lppls (${settingsText}); members from ${where}`,
        });
      } catch (e) {
        notComputed.push({ section: `breadth: ${c.label}`, reason: e instanceof Error ? e.message : String(e) });
      }
    }
  } finally {
    store?.close();
  }
  if (entries.length === 0) return { section: null, notComputed };
  return {
    section: {
      entries,
      settings,
      text: breadthText(entries),
      source: `bubble breadth = share of a watchlist's tested members in a PSY explosive episode (Phillips, Shi & Yu 2015 date-stamping) on a date; the same settings for every reading: ${settingsText}. Watchlists and why each member is held: data/watchlists/.`,
    },
    notComputed,
  };
}

/** The comparison sentence: each AI reading against the 2000 reading at the peak. */
export function breadthText(entries: readonly BreadthEntry[]): string {
  const one = (e: BreadthEntry) =>
    `${e.label} (${e.date}): ${pct(e.share)} (${e.explosive} of ${e.covered} tested members explosive)`;
  const base = entries.find((e) => e.era === "2000");
  const ai = entries.filter((e) => e.era === "ai");
  const parts = [base ? one(base) : "2000 basket at the peak: not computed", ...ai.map(one)];
  let cmp = "";
  if (base?.share !== null && base?.share !== undefined && ai.length > 0) {
    cmp = ` Against the 2000 reading with the same settings: ${ai
      .map((e) =>
        e.share === null
          ? `${e.point} n/a`
          : `${e.point} ${e.share < base.share! ? "narrower" : e.share > base.share! ? "broader" : "as broad"}`,
      )
      .join(", ")}.`;
  }
  return `Bubble breadth — ${parts.join("; ")}.${cmp}`;
}

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The report's HTML for the breadth section (empty when nothing was computed); `chart` is the inline figure. */
export function breadthSectionHtml(section: BreadthSection | null | undefined, chart = ""): string {
  if (!section || section.entries.length === 0) return "";
  const rows = section.entries
    .map(
      (e) =>
        `<tr data-basket="${esc(e.basket)}" data-point="${esc(e.point)}"><td>${esc(e.label)} <span class="small">(${esc(e.date ?? "n/a")}; ${esc(e.basket)})</span></td><td><span class="num" data-evidence="${esc(e.evidence.join(" "))}">${esc(pct(e.share))}</span> <span class="small">(${e.explosive} of ${e.covered} tested; ${e.members} members)</span></td><td>${esc(pct(e.peakShare))}${e.peakDate ? ` on ${esc(e.peakDate)}` : ""}</td><td>${esc(e.explosiveSeries.map((s) => `${s.name} (since ${s.since})`).join(", ") || "none")}</td><td class="small">${esc(e.failed.map((f) => `${f.name}: ${f.reason}`).join("; ") || "—")}</td></tr>`,
    )
    .join("");
  return `<h3 id="breadth">Bubble breadth: the share of each basket in a PSY explosive episode</h3><p>${esc(section.text)}</p><table><thead><tr><th>basket, date</th><th>breadth</th><th>peak, previous 52 weeks</th><th>explosive then (episode start)</th><th>not tested</th></tr></thead><tbody>${rows}</tbody></table>${chart}<p class="small">${esc(section.source)} The 2000 basket comes first: the measure is shown on the known bubble before it is read on the AI era. No threshold is applied: the 2000 reading is the yardstick.</p>`;
}
