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

import {
  frameworkPrices,
  ledgerFigures,
  PSY_WEEKS,
  REPORT_SERIES,
  type ReportSeriesSpec,
  type SelectedSeries,
  selectSeries,
  TALK_DATE,
} from "../analysis/series.ts";
import { dateFigures } from "../evidence/load.ts";
import { makeLedger } from "../evidence/query.ts";
import type { Deal, Figure } from "../evidence/schema.ts";
import { type BottomLine, bottomLine } from "../frameworks/bottom-line.ts";
import {
  type Calibration,
  calibratePriceTests,
  type EvaluationPoint,
  type PriceTestRun,
} from "../frameworks/calibration.ts";
import type { EvidenceModel } from "../frameworks/model.ts";
import { buildEvidenceModel } from "../frameworks/model.ts";
import { tallyByFact } from "../frameworks/tally.ts";
import { analysePsy } from "../node/psy-analysis.ts";
import type { PredictionEntry } from "../predictions/ledger.ts";
import { type BreadthSection, breadthForReport } from "./breadth-section.ts";
import { REPORT_TOOL_VERSION, REPORT_VERSION } from "./build-version.ts";
import { type AlignedSeries, alignAtPeak } from "./charts/era-paths.ts";
import { type LpplsEntry, type LpplsTask, runLpplsTasks } from "./lppls-section.ts";
import { type MacroSection, macroForReport } from "./macro-section.ts";
import { loadReportInputs, type ReportInputs } from "./prices.ts";
import { progress } from "./progress-step.ts";

export { PSY_WEEKS, REPORT_SERIES, REPORT_TOOL_VERSION, REPORT_VERSION, type ReportSeriesSpec, TALK_DATE };
export interface PsyEntry {
  readonly id: string;
  readonly era: "2000" | "ai";
  /** Where the window ends: the 2000 peak, the talk date or the latest data. */
  readonly point?: EvaluationPoint;
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
        /** Where it came from: the bundled snapshot, the data store, --data DIR or $BUBBLESCOPE_DATA. */
        readonly origin: string;
        readonly evidence: readonly string[];
      }[];
    };
  };
  /** The report header's data line: the snapshot's last date and, per price section, the series used. */
  readonly meta: ReportMeta;
  readonly headline: readonly { readonly text: string; readonly evidence: readonly string[] }[];
  readonly claims: EvidenceModel["claims"];
  readonly predictions: EvidenceModel["predictions"];
  readonly predictionScore: EvidenceModel["predictionScore"];
  readonly indicators: EvidenceModel["indicators"];
  readonly frameworks: EvidenceModel["frameworks"];
  readonly sensitivity: EvidenceModel["sensitivity"];
  readonly detectors: { readonly psy: readonly PsyEntry[]; readonly lppls: readonly LpplsEntry[] };
  /** Each price test on 2000 with the AI era's settings, and what its AI reading is worth (item 5 of issue 9). */
  readonly calibration: readonly Calibration[];
  /** The short answer in words, every sentence with its evidence (src/frameworks/bottom-line.ts). */
  readonly bottomLine: BottomLine;
  readonly eraPaths: { readonly index: readonly EraPathSeries[]; readonly bellwethers: readonly EraPathSeries[] };
  readonly deals: EvidenceModel["deals"];
  readonly ledger: EvidenceModel["ledger"];
  readonly notComputed: readonly { readonly section: string; readonly reason: string }[];
  /** Market-wide valuation, PSY on P/D and P/E, the technology-adjusted test (macro-section.ts). */
  readonly macro: MacroSection | null;
  /** Bubble breadth: the 2000 basket at the peak, then the AI basket at the talk date and latest (breadth-section.ts). */
  readonly breadth: BreadthSection | null;
}

export interface ReportMeta {
  /** Last date of the bundled price snapshot (data/prices/manifest.json), null when the package has none. */
  readonly snapshotLastDate: string | null;
  /** Each price section's series: id (prices:FILE or store:ID), origin, from–to; `newer` when past the snapshot. */
  readonly prices: readonly {
    readonly key: string;
    readonly section: string;
    readonly id: string;
    readonly origin: string;
    readonly from: string;
    readonly to: string;
    readonly newer: boolean;
  }[];
  /** One sentence naming all of the above (shown in the terminal, the HTML and the dashboard). */
  readonly pricesLine: string;
}

/** The header's data line. */
export function reportMeta(
  series: readonly {
    key: string;
    label: string;
    era: "2000" | "ai";
    id: string;
    origin: string;
    dates: readonly string[];
  }[],
  snapshot: { readonly lastDate: string; readonly files: Readonly<Record<string, string>> } | null,
): ReportMeta {
  const snapshotLastDate = snapshot?.lastDate ?? null;
  const prices = series.map((p) => {
    const to = p.dates[p.dates.length - 1];
    const file = REPORT_SERIES.find((s) => s.key === p.key)?.file ?? "";
    const snapTo = snapshot?.files[file];
    return {
      key: p.key,
      section: `${p.label} (${p.era === "ai" ? "AI era" : "2000 era"})`,
      id: p.id,
      origin: p.origin,
      from: p.dates[0],
      to,
      newer: snapTo !== undefined && p.id.startsWith("store:") && to > snapTo,
    };
  });
  const parts = prices.map(
    (p) =>
      `${p.section}: ${p.id}, ${p.from} – ${p.to}${p.newer ? " (newer than the snapshot, from the data store)" : ""}`,
  );
  const pricesLine = `${snapshotLastDate ? `Bundled price snapshot to ${snapshotLastDate}. ` : ""}${
    parts.length > 0 ? `Prices used — ${parts.join("; ")}.` : "No price series: price sections not computed."
  }`;
  return { snapshotLastDate, prices, pricesLine };
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
  /** Price series and SEC rows already loaded by `loadReportInputs` (then `dataDir`/`storeDir` are ignored). */
  readonly inputs?: ReportInputs;
  /** The predictions ledger (data/predictions.jsonl) and the date its statuses are judged at. */
  readonly predictions?: readonly PredictionEntry[];
  readonly today?: string;
}

/** Builds the complete report model. */
export async function buildReport(o: BuildOptions): Promise<ReportModel> {
  // Where prices come from (src/report/prices.ts): --data DIR; else the data store when it holds the series;
  // else $BUBBLESCOPE_DATA; else the bundled snapshot. Preloaded inputs (the dashboard server) skip the reading.
  const inputs =
    o.inputs ??
    (await loadReportInputs({
      ...(o.dataDir ? { dataDir: o.dataDir } : {}),
      ...(o.storeDir ? { storeDir: o.storeDir } : {}),
    }));
  // Series selection, as-of clipping, weekly resampling and the minimum sample: once, in the library.
  const { selected, notComputed } = selectSeries(inputs.roles, o.asOf);
  notComputed.push(...inputs.problems);
  const loaded = new Map(selected.map((p) => [p.key, p]));
  const secFigures = inputs.secFigures;
  const ledger = makeLedger(dateFigures(ledgerFigures(o.figures, secFigures, o.asOf)));
  const used = [...new Set(selected.map((p) => p.origin))];
  const origin = used.length > 0 ? used.join(" and ") : "none";
  const dir = inputs.dir;

  // Evidence model, with the price series for GMO 2σ, GSY and the price-based P/E.
  await progress(o, "evidence model");
  const prices = frameworkPrices(selected, o.asOf);
  const model = buildEvidenceModel({
    ledger,
    deals: o.deals,
    ...(o.asOf ? { asOf: o.asOf } : {}),
    prices,
    seed: o.seed,
    ...(o.draws !== undefined ? { draws: o.draws } : {}),
    ...(o.predictions ? { predictions: o.predictions } : {}),
    ...(o.today ? { today: o.today } : {}),
  });
  // The same model as of the talk date: what was known then, for the bottom line's "getting worse".
  const atTalk =
    o.asOf === undefined || o.asOf > TALK_DATE
      ? buildEvidenceModel({
          ledger,
          deals: o.deals,
          asOf: TALK_DATE,
          prices,
          seed: o.seed,
          ...(o.draws !== undefined ? { draws: o.draws } : {}),
        })
      : null;

  // LPPLS on daily log closes: the 2000-era series ending at their 2000 peak, the AI-era ones at the talk date and
  // at the last date (the same two-year window and settings everywhere). The runs start now, on a worker thread
  // when there is a second core, while this thread computes PSY, the market-wide section and the breadth.
  const lpplsTasks: { task: LpplsTask; label: string; era: "2000" | "ai"; point: EvaluationPoint }[] = [];
  for (const [, p] of loaded) {
    if (p.frameworksOnly) continue;
    for (const ev of evaluationPoints(p, o.asOf)) {
      const key = ev.point === "latest" && p.era === "ai" ? p.key : `${p.key}-${slug(ev.point)}`;
      lpplsTasks.push({
        task: { series: { ...p, key }, at: ev.at, seed: o.seed },
        label: p.label,
        era: p.era,
        point: ev.point,
      });
    }
  }
  await progress(o, `LPPLS (${lpplsTasks.length} runs)`);
  const lpplsRun = runLpplsTasks(lpplsTasks.map((t) => t.task));
  lpplsRun.catch(() => undefined); // awaited below; a failure elsewhere first must not leave it unhandled

  // PSY on weekly log closes: the same number of weeks (PSY_WEEKS) ending at each evaluation date.
  const psy: PsyEntry[] = [];
  for (const [key, p] of loaded) {
    if (p.frameworksOnly) continue;
    for (const ev of evaluationPoints(p, o.asOf)) {
      await progress(o, `PSY ${p.label} (${p.era}, ${ev.point})`);
      const w = p.weekly;
      let end = 0;
      while (end < w.dates.length && w.dates[end] <= ev.at) end++;
      if (end < PSY_WEEKS) {
        notComputed.push({
          section: `PSY: ${p.label} (${p.era}, ${ev.point})`,
          reason: `only ${end} weekly observations up to ${ev.at}; the test uses the same ${PSY_WEEKS} in both eras`,
        });
        continue;
      }
      const dates = w.dates.slice(end - PSY_WEEKS, end);
      const values = w.values.slice(end - PSY_WEEKS, end);
      const { json } = await analysePsy([{ name: `log ${p.label}`, values: values.map(Math.log) }], dates, {
        nrep: o.nrep,
        seed: o.seed,
      });
      const s = json.series[0];
      psy.push({
        id: `psy-${key.toLowerCase()}${ev.point === "latest" && p.era === "ai" ? "" : `-${slug(ev.point)}`}`,
        era: p.era,
        point: ev.point,
        label: `${p.label}, ${dates[0]} – ${dates[dates.length - 1]} (${ev.point})`,
        evidence: [p.id],
        source: "Phillips, Shi & Yu (2015) GSADF/BSADF, exuber conventions; Monte Carlo critical values (seeded)",
        frequency: "weekly",
        transform: "log",
        from: dates[0],
        to: dates[dates.length - 1],
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
        level: values.slice(json.firstIndex).map((v) => Number(v.toPrecision(6))),
      });
    }
  }

  // Market-wide valuation (CAPE, equities/GDP), PSY on P/D and P/E, the technology-adjusted test (data/macro).
  const macro = await macroForReport({
    seed: o.seed,
    nrep: o.nrep,
    ...(o.asOf ? { asOf: o.asOf } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });

  // Bubble breadth of the two watchlists, the 2000 basket first, with the same settings (LPPLS off; cached tables).
  const breadth = await breadthForReport({
    seed: o.seed,
    nrep: o.nrep,
    ...(o.asOf ? { asOf: o.asOf } : {}),
    // --data, also when the inputs were preloaded from it (the dashboard started with --data).
    ...(o.dataDir || (inputs.dir && inputs.dirOrigin.startsWith("--data"))
      ? { dataDir: o.dataDir ?? (inputs.dir as string) }
      : {}),
    storeDir: inputs.storeDir,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });

  const lppls: LpplsEntry[] = [];
  const lpplsPoint = new Map<string, EvaluationPoint>();
  const lpplsEntries = await lpplsRun;
  lpplsTasks.forEach((t, i) => {
    const e = lpplsEntries[i];
    if (e) {
      lppls.push({ ...e, label: `${e.label} (${t.point})` });
      lpplsPoint.set(e.id, t.point);
    } else
      notComputed.push({
        section: `LPPLS: ${t.label} (${t.era}, ${t.point})`,
        reason: `fewer than 504 daily observations up to ${t.task.at}`,
      });
  });

  // Each price test on the 2000 episode beside its AI-era runs, with the same settings.
  const calibration = calibratePriceTests(priceTestRuns(loaded, psy, lppls, lpplsPoint, model));

  // Market-wide valuation joins the indicators: one more fact in the tallies and the bottom line.
  const withMacro: EvidenceModel = { ...model, indicators: [...model.indicators, ...macro.indicators] };

  // The two eras' paths aligned at their peaks (weekly).
  const aligned = (key: string): EraPathSeries | null => {
    const p = loaded.get(key);
    if (!p) return null;
    // The aligned paths keep their own span (from 1995 for 2000): the PSY windows load earlier weeks than they show.
    const k0 = p.era === "2000" ? p.weekly.dates.findIndex((d) => d >= "1995-01-01") : 0;
    const w = { dates: p.weekly.dates.slice(Math.max(0, k0)), values: p.weekly.values.slice(Math.max(0, k0)) };
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
      version: REPORT_TOOL_VERSION,
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
          origin: p.origin,
          evidence: [p.id],
        })),
      },
    },
    meta: reportMeta(selected, inputs.snapshot),
    headline: headline(withMacro, calibration),
    calibration,
    bottomLine: bottomLine({ model: withMacro, atTalk, calibration, talkDate: TALK_DATE }),
    claims: model.claims,
    predictions: model.predictions,
    predictionScore: model.predictionScore,
    indicators: withMacro.indicators,
    frameworks: model.frameworks,
    sensitivity: model.sensitivity,
    detectors: { psy, lppls },
    eraPaths: { index: pair("NASDAQ_2000", "NASDAQ_AI"), bellwethers: pair("CSCO", "NVDA") },
    deals: model.deals,
    ledger: model.ledger,
    macro: macro.section,
    breadth: breadth.section,
    notComputed: [
      ...notComputed,
      ...macro.notComputed,
      ...breadth.notComputed,
      ...model.indicators.filter((i) => !i.computed).map((i) => ({ section: `indicator ${i.id}`, reason: i.reason })),
      ...model.frameworks
        .filter((f) => !f.computed)
        .map((f) => ({ section: `framework ${f.id}`, reason: f.reasons[0] ?? "not computed" })),
    ],
  };
}

function headline(model: EvidenceModel, calibration: readonly Calibration[]): { text: string; evidence: string[] }[] {
  const out: { text: string; evidence: string[] }[] = [];
  for (const era of ["2000", "ai"] as const) {
    const t = tallyByFact(model.indicators, era);
    if (t.votes.length > 0)
      out.push({
        text: `${era === "ai" ? "AI era" : "2000 era"}: of ${t.votes.length} independent facts with a verdict line, ${t.bubbleLike} bubble-like, ${t.healthy} healthy, ${t.inconclusive} inconclusive (one vote per fact; tally: ${t.verdict}).`,
        evidence: [...new Set(t.votes.flatMap((v) => v.evidence))],
      });
  }
  const claims = model.claims;
  const by = (s: string) => claims.filter((c) => c.status === s).map((c) => c.id);
  out.push({
    text: `The talk's ${claims.length} claims: ${by("supported").length} supported, ${by("qualified").length} qualified, ${by("contradicted").length} contradicted, ${by("unverified").length} unverified.`,
    evidence: [...new Set(claims.flatMap((c) => c.evidence))],
  });
  // Each price test: first whether it detects 2000 with the same settings, then what it says about the AI era.
  for (const c of calibration) {
    const run = (r: PriceTestRun | null, what: string) =>
      r ? `${what} ${r.signal === null ? "not computed" : r.signal ? "flags" : "does not flag"} (${r.text})` : "";
    const parts = [run(c.on2000, "2000 peak:"), run(c.aiTalk, "AI, talk date:"), run(c.aiLatest, "AI, latest:")];
    out.push({
      text: `${c.test} on the ${c.role === "index" ? "Nasdaq Composite" : "bellwether (Cisco / Nvidia)"} — detects 2000: ${c.detects2000 === null ? "not run" : c.detects2000 ? "yes" : "NO"}. ${parts.filter((x) => x).join("; ")}. Reading: ${c.reading}.`,
      evidence: [...c.evidence],
    });
  }
  return out;
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? "n/a" : v.toFixed(2);
}

const slug = (s: string) => s.replace(/\s+/g, "-");

type Loaded = SelectedSeries;

/** Where a series is evaluated: a 2000-era series at its peak; an AI-era one at the talk date and at its last date. */
function evaluationPoints(p: Loaded, asOf: string | undefined): { point: EvaluationPoint; at: string }[] {
  const last = p.dates[p.dates.length - 1];
  if (p.era === "2000") return [{ point: "2000 peak", at: p.frameworkAsOf ?? last }];
  const out: { point: EvaluationPoint; at: string }[] = [];
  if (TALK_DATE < last && (asOf === undefined || TALK_DATE <= asOf)) out.push({ point: "talk date", at: TALK_DATE });
  out.push({ point: "latest", at: last });
  return out;
}

/** Every price-test run as a calibration row: PSY and LPPLS from the detectors, GMO and GSY from the frameworks. */
function priceTestRuns(
  loaded: ReadonlyMap<string, Loaded>,
  psy: readonly PsyEntry[],
  lppls: readonly LpplsEntry[],
  lpplsPoint: ReadonlyMap<string, EvaluationPoint>,
  model: EvidenceModel,
): PriceTestRun[] {
  const runs: PriceTestRun[] = [];
  const roleOf = (label: string) =>
    [...loaded.values()].find((p) => !p.frameworksOnly && label.startsWith(p.label))?.role ?? "index";
  for (const p of psy) {
    runs.push({
      test: "PSY",
      role: roleOf(p.label),
      series: p.label,
      era: p.era,
      point: p.point ?? "latest",
      at: p.to,
      signal: p.gsadf === null ? null : p.rejected,
      text: `GSADF ${fmt(p.gsadf)} vs 95% critical value ${fmt(p.gsadfCv[1])}`,
      settings: `weekly log closes, the last ${PSY_WEEKS} weeks to the evaluation date, minimum window ⌊(0.01 + 1.8/√n)·n⌋, lag ${p.lag}, ${p.nrep} Monte Carlo replications, 95% line`,
      evidence: p.evidence,
    });
  }
  for (const l of lppls) {
    runs.push({
      test: "LPPLS",
      role: roleOf(l.label),
      series: l.label,
      era: l.era,
      point: lpplsPoint.get(l.id) ?? "latest",
      at: l.window.end,
      signal: l.tcDistribution.qualified > 0,
      text: `${l.tcDistribution.qualified} of ${l.tcDistribution.windows} nested windows give a qualified fit`,
      settings:
        "daily log closes, a 504-day window ending at the evaluation date, ~30 nested windows, lppls filter conditions; signal = at least one qualified fit",
      evidence: l.evidence,
    });
  }
  for (const f of model.frameworks) {
    const m = /^(gmo-2sigma|gsy-crash):([A-Z_]+)@(.+)$/.exec(f.id);
    if (!m) continue;
    const [, kind, key, at] = m;
    const point = at.replace(/-/g, " ") as EvaluationPoint;
    const p = loaded.get(key);
    if (!p) continue;
    const era = point === "2000 peak" ? "2000" : "ai";
    runs.push({
      test: kind === "gmo-2sigma" ? "GMO" : "GSY",
      role: p.role ?? "index",
      series: p.label.replace(" (whole history)", ""),
      era,
      point,
      at: point,
      signal: f.computed ? f.verdict === "bubble-like" : null,
      text: f.reasons[0] ?? "",
      settings:
        kind === "gmo-2sigma"
          ? "daily closes; OLS log-linear trend fitted on all data up to 5 years before the evaluation date and extrapolated; bubble line 2 sigma"
          : "2-year run-up to the evaluation date; bubble line +100% (GSY 2019: ~53% crash odds)",
      evidence: f.evidence,
    });
  }
  return runs;
}
