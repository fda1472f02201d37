/**
 * The report model: everything `bubblescope report` shows, as one JSON-serialisable object (validated by
 * `ReportSchema`, published as schema/report.schema.json). It joins the evidence model (claims, indicators for both
 * eras, frameworks, sensitivity, deal graph; src/frameworks/model.ts) with the price-based detectors (PSY
 * GSADF/BSADF on weekly log prices; LPPLS when available) and the two eras' price paths aligned at their peaks.
 *
 * Provenance: every number sits in an object that carries `evidence` ids (ledger rows E…, deals D…, price files
 * "prices:FILE") or a `source` (a cited threshold, a paper, or the run's parameters). A test walks the JSON and
 * fails on any number without one.
 */

import { existsSync } from "node:fs";
import { dateFigures, parseFigureRecords } from "../evidence/load.ts";
import { makeLedger } from "../evidence/query.ts";
import type { Deal, Figure } from "../evidence/schema.ts";
import type { EvidenceModel } from "../frameworks/model.ts";
import { buildEvidenceModel } from "../frameworks/model.ts";
import type { PriceSeries as FrameworkPrices } from "../frameworks/price-frameworks.ts";
import { analysePsy } from "../node/psy-analysis.ts";
import { type AlignedSeries, alignAtPeak } from "./charts/era-paths.ts";
import { type LpplsEntry, lpplsForReport } from "./lppls-section.ts";
import { type MacroSection, macroForReport } from "./macro-section.ts";
import { loadPriceFile, type PriceSeries, resolvePriceDir, weeklyCloses } from "./prices.ts";

export const REPORT_VERSION = 1;
/** Fewest weekly observations the report runs PSY on (one year). */
const MIN_WEEKS = 52;

/** Price series the report uses, one entry per role. `asOf` pins a 2000-era series at its own bubble peak. */
export interface ReportSeriesSpec {
  readonly key: string;
  readonly era: "2000" | "ai";
  /** File in a price folder (--data DIR). */
  readonly file: string;
  /** Ids in the data store, preferred first: `data import-dir` names series after the file, `data pull` by ticker. */
  readonly storeIds: readonly string[];
  readonly label: string;
  readonly from: string;
  readonly to: string;
  /** Evaluate the price frameworks at this date (a 2000-era series at its own peak). */
  readonly frameworkAsOf?: string;
}

export const REPORT_SERIES: readonly ReportSeriesSpec[] = Object.freeze([
  {
    key: "NASDAQ_2000",
    era: "2000",
    file: "nasdaq_composite_daily_fred.csv",
    storeIds: ["nasdaq_composite_daily_fred", "NASDAQCOM"],
    label: "Nasdaq Composite",
    from: "1995-01-01",
    to: "2002-12-31",
    frameworkAsOf: "2000-03-10",
  },
  {
    key: "CSCO",
    era: "2000",
    file: "csco_daily_yahoo_to2020.csv",
    storeIds: ["csco_daily_yahoo_to2020", "CSCO"],
    label: "Cisco",
    from: "1995-01-01",
    to: "2002-12-31",
    frameworkAsOf: "2000-03-27",
  },
  {
    key: "NASDAQ_AI",
    era: "ai",
    file: "nasdaq_composite_daily_fred.csv",
    storeIds: ["nasdaq_composite_daily_fred", "NASDAQCOM"],
    label: "Nasdaq Composite",
    from: "2019-01-01",
    to: "2099-12-31",
  },
  {
    key: "NVDA",
    era: "ai",
    file: "nvda_daily_yahoo_2019_2026.csv",
    storeIds: ["nvda_daily_yahoo_2019_2026", "NVDA"],
    label: "Nvidia",
    from: "2019-01-01",
    to: "2099-12-31",
  },
]);

export interface PsyEntry {
  readonly id: string;
  readonly era: "2000" | "ai";
  readonly label: string;
  readonly evidence: readonly string[];
  readonly source: string;
  readonly frequency: "weekly";
  readonly transform: "log";
  readonly from: string;
  readonly to: string;
  readonly n: number;
  readonly minWindow: number;
  readonly lag: number;
  readonly nrep: number;
  readonly adf: number | null;
  readonly sadf: number | null;
  readonly gsadf: number | null;
  /** GSADF critical values [90, 95, 99%]. */
  readonly gsadfCv: readonly number[];
  readonly rejected: boolean;
  readonly significance: string;
  readonly episodes: readonly {
    start: string | number;
    peak: string | number;
    end: string | number;
    duration: number;
    ongoing: boolean;
    signal: string;
  }[];
  readonly index: readonly (string | number)[];
  readonly bsadf: readonly (number | null)[];
  readonly cv95: readonly (number | null)[];
  readonly level: readonly number[];
}

export interface EraPathSeries extends AlignedSeries {
  readonly era: "2000" | "ai";
  readonly evidence: readonly string[];
}

export interface ReportModel {
  readonly schemaVersion: number;
  readonly title: string;
  readonly question: string;
  readonly asOf: string | null;
  readonly run: {
    readonly tool: string;
    readonly version: string;
    readonly seed: number;
    readonly draws: number;
    readonly nrep: number;
    readonly source: string;
  };
  readonly sources: {
    readonly ledger: {
      readonly file: string;
      readonly figures: number;
      /** Rows computed from SEC filings in the data store (0 without a store). */
      readonly secFigures: number;
      readonly deals: number;
      readonly source: string;
    };
    readonly prices: {
      readonly origin: string;
      readonly dir: string | null;
      readonly series: readonly {
        readonly key: string;
        readonly id: string;
        readonly file: string;
        readonly from: string;
        readonly to: string;
        readonly observations: number;
        readonly evidence: readonly string[];
      }[];
    };
  };
  readonly headline: readonly { readonly text: string; readonly evidence: readonly string[] }[];
  readonly claims: EvidenceModel["claims"];
  readonly indicators: EvidenceModel["indicators"];
  readonly frameworks: EvidenceModel["frameworks"];
  readonly sensitivity: EvidenceModel["sensitivity"];
  readonly detectors: { readonly psy: readonly PsyEntry[]; readonly lppls: readonly LpplsEntry[] };
  readonly eraPaths: { readonly index: readonly EraPathSeries[]; readonly bellwethers: readonly EraPathSeries[] };
  readonly deals: EvidenceModel["deals"];
  readonly ledger: EvidenceModel["ledger"];
  readonly notComputed: readonly { readonly section: string; readonly reason: string }[];
  /** Market-wide valuation, PSY on P/D and P/E, the technology-adjusted test (macro-section.ts). */
  readonly macro: MacroSection | null;
}

export interface BuildOptions {
  /** The curated ledger's validated figures. */
  readonly figures: readonly Figure[];
  readonly deals: readonly Deal[];
  readonly ledgerFile: string;
  /** Price folder (--data), else resolved by `resolvePriceDir`. */
  readonly dataDir?: string;
  readonly asOf?: string;
  readonly seed: number;
  readonly nrep: number;
  readonly draws?: number;
  readonly onProgress?: (what: string) => void;
  /** Data store directory (default: the user's store); ignored when `dataDir` is given. */
  readonly storeDir?: string;
}

/** The user's data store when it exists (DuckDB is loaded only then), with a reader for the report's series. */
async function openStoreIfPresent(storeDir?: string) {
  const { resolveStoreDir, storePaths } = await import("../data/paths.ts");
  const dir = resolveStoreDir(storeDir);
  if (!existsSync(storePaths(dir).db)) return null;
  const { openStore } = await import("../data/store.ts");
  const { readPriceSeries } = await import("../data/read.ts");
  const st = await openStore({ dir });
  const { fundamentalsAsEvidence } = await import("../data/evidence.ts");
  return {
    dir,
    close: () => st.close(),
    /** SEC fundamentals as evidence rows (empty when none were pulled). */
    fundamentals: () => fundamentalsAsEvidence(st),
    /** The first of `ids` present in the store, as a report price series (split-adjusted close). */
    async read(ids: readonly string[], label: string, from: string, to: string): Promise<PriceSeries | null> {
      for (const id of ids) {
        if (!(await st.getSeriesInfo(id))) continue;
        const r = await readPriceSeries(id, { store: st, column: "close", missing: "drop", from, to });
        return { id: `store:${id}`, file: `store:${id}`, label, dates: [...r.dates], values: Array.from(r.values) };
      }
      return null;
    },
  };
}

const clip = (to: string, asOf: string | undefined) => (asOf && asOf < to ? asOf : to);

/** Builds the complete report model. */
export async function buildReport(o: BuildOptions): Promise<ReportModel> {
  const notComputed: { section: string; reason: string }[] = [];
  // Where prices come from: --data DIR when given; else the data store when it holds the series; else
  // $BUBBLESCOPE_DATA or the shared research folder.
  const store = o.dataDir ? null : await openStoreIfPresent(o.storeDir);
  const { dir, origin: dirOrigin } = resolvePriceDir(o.dataDir);
  const used = new Set<string>();
  const secFigures: Figure[] = [];
  // Each series with its weekly closes (the PSY test and the aligned paths use them), resampled once.
  const loaded = new Map<
    string,
    PriceSeries & { key: string; era: "2000" | "ai"; frameworkAsOf?: string; weekly: PriceSeries }
  >();
  try {
    for (const s of REPORT_SERIES) {
      const to = clip(s.to, o.asOf);
      if (to < s.from) {
        notComputed.push({
          section: `${s.label} (${s.era === "ai" ? "AI era" : "2000 era"})`,
          reason: `--as-of ${o.asOf} is before this series starts (${s.from})`,
        });
        continue;
      }
      let p: PriceSeries | null = null;
      if (store) {
        p = await store.read(s.storeIds, s.label, s.from, to);
        if (p) used.add(`the data store (${store.dir})`);
      }
      if (!p && dir) {
        try {
          p = loadPriceFile(dir, s.file, s.label, s.from, to);
        } catch (err) {
          // An unreadable file is a section not computed, not a failed report.
          notComputed.push({
            section: `${s.label} (${s.era === "ai" ? "AI era" : "2000 era"})`,
            reason: `${s.file}: ${err instanceof Error ? err.message : String(err)}`,
          });
          continue;
        }
        if (p) used.add(dirOrigin);
      }
      // The weekly PSY test needs a year of weeks; LPPLS checks its own two-year window.
      const weekly = p ? weeklyCloses(p) : null;
      const weeks = weekly ? weekly.values.length : 0;
      if (!p || !weekly || weeks < MIN_WEEKS) {
        notComputed.push({
          section: `${s.label} (${s.era === "ai" ? "AI era" : "2000 era"})`,
          reason: p
            ? `only ${weeks} weekly observations up to ${to} (the tests need at least ${MIN_WEEKS})`
            : dir
              ? `${s.file} not found in ${dir}${store ? " nor in the data store" : ""}`
              : "no price data: pass --data DIR (a folder of price CSVs), or fill the store with `bubblescope data import-dir DIR` or `bubblescope data pull`",
        });
        continue;
      }
      loaded.set(s.key, {
        ...p,
        weekly,
        key: s.key,
        era: s.era,
        ...(s.frameworkAsOf ? { frameworkAsOf: clip(s.frameworkAsOf, o.asOf) } : {}),
      });
    }
    // SEC fundamentals from the store join the ledger as computed evidence rows (source: the EDGAR URL + accession).
    if (store) {
      const rows = await store.fundamentals();
      if (rows.length > 0) {
        const checked = parseFigureRecords(
          rows as unknown as Record<string, unknown>[],
          `data store ${store.dir} (SEC EDGAR)`,
        );
        secFigures.push(...checked.records);
        for (const p of checked.problems.slice(0, 5))
          notComputed.push({
            section: `SEC row ${p.id || `#${p.line}`}`,
            reason: `not used: ${p.field}: ${p.message}`,
          });
      }
    }
  } finally {
    store?.close();
  }
  const asOfFigures = o.asOf ? secFigures.filter((f) => (f.published ?? "") <= o.asOf!) : secFigures;
  const ledger = makeLedger(dateFigures([...o.figures, ...asOfFigures]));
  const origin = used.size > 0 ? [...used].join(" and ") : "none";

  // Evidence model, with the price series for GMO 2σ, GSY and the price-based P/E.
  o.onProgress?.("evidence model");
  const prices: Record<string, FrameworkPrices> = {};
  for (const [key, p] of loaded)
    prices[key] = { dates: p.dates, values: p.values, ...(p.frameworkAsOf ? { asOf: p.frameworkAsOf } : {}) };
  const model = buildEvidenceModel({
    ledger,
    deals: o.deals,
    ...(o.asOf ? { asOf: o.asOf } : {}),
    prices,
    seed: o.seed,
    ...(o.draws !== undefined ? { draws: o.draws } : {}),
  });

  // PSY on weekly log closes.
  const psy: PsyEntry[] = [];
  for (const [key, p] of loaded) {
    o.onProgress?.(`PSY ${p.label} (${p.era})`);
    const w = p.weekly;
    const { json } = await analysePsy([{ name: `log ${p.label}`, values: w.values.map(Math.log) }], w.dates, {
      nrep: o.nrep,
      seed: o.seed,
    });
    const s = json.series[0];
    psy.push({
      id: `psy-${key.toLowerCase()}`,
      era: p.era,
      label: `${p.label}, ${w.dates[0].slice(0, 4)}–${w.dates[w.dates.length - 1].slice(0, 4)}`,
      evidence: [p.id],
      source: "Phillips, Shi & Yu (2015) GSADF/BSADF, exuber conventions; Monte Carlo critical values (seeded)",
      frequency: "weekly",
      transform: "log",
      from: w.dates[0],
      to: w.dates[w.dates.length - 1],
      n: json.n,
      minWindow: json.minWindow,
      lag: json.lag,
      nrep: json.criticalValues.nrep,
      adf: s.adf,
      sadf: s.sadf,
      gsadf: s.gsadf,
      gsadfCv: s.cv.gsadf,
      rejected: s.rejected,
      significance: s.significance,
      episodes: s.episodes,
      index: json.index,
      bsadf: s.bsadf,
      cv95: s.cv.bsadf,
      level: w.values.slice(json.firstIndex).map((v) => Number(v.toPrecision(6))),
    });
  }

  // LPPLS on daily log closes: the 2000-era series ending at their 2000 peak, the AI-era ones at the last date.
  const lppls: LpplsEntry[] = [];
  for (const [, p] of loaded) {
    o.onProgress?.(`LPPLS ${p.label} (${p.era})`);
    const end = p.frameworkAsOf ?? p.dates[p.dates.length - 1];
    const e = lpplsForReport(p, end, o.seed);
    if (e) lppls.push(e);
    else
      notComputed.push({
        section: `LPPLS: ${p.label} (${p.era})`,
        reason: `fewer than 504 daily observations up to ${end}`,
      });
  }

  // Market-wide valuation (CAPE, equities/GDP), PSY on P/D and P/E, the technology-adjusted test (data/macro).
  const macro = await macroForReport({
    seed: o.seed,
    nrep: o.nrep,
    ...(o.asOf ? { asOf: o.asOf } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });

  // The two eras' paths aligned at their peaks (weekly).
  const aligned = (key: string): EraPathSeries | null => {
    const p = loaded.get(key);
    if (!p) return null;
    const w = p.weekly;
    return {
      ...alignAtPeak({
        label: `${p.label} (${p.era === "ai" ? "AI era" : "2000 era"})`,
        dates: w.dates,
        values: w.values,
      }),
      era: p.era,
      evidence: [p.id],
    };
  };
  const pair = (a: string, b: string) => [aligned(a), aligned(b)].filter((x): x is EraPathSeries => x !== null);

  return {
    schemaVersion: REPORT_VERSION,
    title: "Is AI in a bubble like the 2000 telecom/dot-com bubble?",
    question:
      "The a16z argument (Gavin Baker with David George, 31 Oct 2025), checked against cited data for both eras, beside the established bubble frameworks and the econometric tests on prices.",
    asOf: o.asOf ?? null,
    run: {
      tool: "bubblescope",
      version: "0.1.0",
      seed: o.seed,
      draws: model.meta.draws,
      nrep: o.nrep,
      source: "run parameters",
    },
    sources: {
      ledger: {
        file: o.ledgerFile,
        figures: o.figures.length,
        secFigures: secFigures.length,
        deals: o.deals.length,
        source: o.ledgerFile,
      },
      prices: {
        origin,
        dir,
        series: [...loaded.values()].map((p) => ({
          key: p.key,
          id: p.id,
          file: p.file,
          from: p.dates[0],
          to: p.dates[p.dates.length - 1],
          observations: p.values.length,
          evidence: [p.id],
        })),
      },
    },
    headline: headline(model, psy, lppls),
    claims: model.claims,
    indicators: [...model.indicators, ...macro.indicators],
    frameworks: model.frameworks,
    sensitivity: model.sensitivity,
    detectors: { psy, lppls },
    eraPaths: { index: pair("NASDAQ_2000", "NASDAQ_AI"), bellwethers: pair("CSCO", "NVDA") },
    deals: model.deals,
    ledger: model.ledger,
    macro: macro.section,
    notComputed: [
      ...notComputed,
      ...macro.notComputed,
      ...model.indicators.filter((i) => !i.computed).map((i) => ({ section: `indicator ${i.id}`, reason: i.reason })),
      ...model.frameworks
        .filter((f) => !f.computed)
        .map((f) => ({ section: `framework ${f.id}`, reason: f.reasons[0] ?? "not computed" })),
    ],
  };
}

function headline(
  model: EvidenceModel,
  psy: readonly PsyEntry[],
  lppls: readonly LpplsEntry[],
): { text: string; evidence: string[] }[] {
  const out: { text: string; evidence: string[] }[] = [];
  for (const era of ["2000", "ai"] as const) {
    const sc = model.frameworks.find((f) => f.id === `scorecard-${era}`);
    const rs = model.indicators.filter((i) => i.era === era && i.computed && i.threshold !== null);
    const count = (v: string) => rs.filter((i) => i.verdict === v).length;
    if (sc)
      out.push({
        text: `${era === "ai" ? "AI era" : "2000 era"}: ${count("bubble-like")} indicators bubble-like, ${count("healthy")} healthy, ${count("inconclusive")} inconclusive (tally: ${sc.verdict}).`,
        evidence: [...sc.evidence],
      });
  }
  const claims = model.claims;
  const by = (s: string) => claims.filter((c) => c.status === s).map((c) => c.id);
  out.push({
    text: `The talk's ${claims.length} claims: ${by("supported").length} supported, ${by("qualified").length} qualified, ${by("contradicted").length} contradicted, ${by("unverified").length} unverified.`,
    evidence: [...new Set(claims.flatMap((c) => c.evidence))],
  });
  for (const p of psy) {
    out.push({
      text: `PSY test, ${p.label} (${p.era === "ai" ? "AI era" : "2000 era"}): GSADF ${fmt(p.gsadf)} vs 95% critical value ${fmt(p.gsadfCv[1])} — ${p.rejected ? `explosive episodes (${p.episodes.length} dated)` : "no significant explosiveness"}.`,
      evidence: [...p.evidence],
    });
  }
  for (const l of lppls) {
    const q = l.tcDistribution.quantiles;
    out.push({
      text: `LPPLS, ${l.label} (${l.era === "ai" ? "AI era" : "2000 era"}): ${l.tcDistribution.qualified} of ${l.tcDistribution.windows} windows give a qualified fit${l.tcDistribution.qualified > 0 ? `, critical time ${q[0].date} … ${q[q.length - 1].date}` : " — no LPPLS bubble signature"}.`,
      evidence: [...l.evidence],
    });
  }
  return out;
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? "n/a" : v.toFixed(2);
}
