/**
 * The report's market-wide section (issue 13): Shiller's CAPE and the Buffett indicator computed from their inputs
 * (with their history, the 2000 peak, the talk date and the latest value, each with its as-of percentile), as
 * indicators for both eras; PSY on the S&P 500 price/dividend and price/earnings ratios through 2026; and the
 * technology-adjusted PSY test on the NASDAQ (Chen et al. 2026) — raw vs adjusted for both eras, the declared
 * specification, the robustness table and the comparison with the paper. Data: the repository's data/macro/
 * snapshot (PROVENANCE.md there). Every number carries `evidence` ("macro:FILE") or a `source`.
 *
 * The computations live in the library (src/macro, src/detect/psy/adjusted.ts); this file only loads the tables,
 * runs them with the report's seed and replications, and renders the HTML. Cost: PSY on two ratios (n ≈ 1,860,
 * cached Monte Carlo) + 16 adjusted specifications × nboot replications of an O(n²) test (n ≈ 660).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { IndicatorResult } from "../frameworks/engine.ts";
import { clipTable, marketValuation, type ValuationJson } from "../frameworks/market-valuation.ts";
import {
  type DateTable,
  ERA_WINDOWS,
  PRIMARY_SPEC,
  PROXY_LABELS,
  parseDateTable,
  ROBUSTNESS_SPECS,
  runAdjustSpec,
  type SpecResult,
  techMonthly,
} from "../macro/index.ts";
import { analysePsy } from "../node/psy-analysis.ts";
import { progress } from "./progress-step.ts";

export const MACRO_DIR = resolve(fileURLToPath(new URL("../../data/macro/", import.meta.url)));

const ev = (f: string) => `macro:${f}`;
const r4 = (v: number) => Number(v.toPrecision(6));

// CAPE and equities/GDP as the model carries them (moved to the browser-safe library; re-exported for the renderers).
export type { ValuationJson };

export interface RatioPsyEntry {
  readonly id: string;
  readonly label: string;
  readonly evidence: readonly string[];
  readonly source: string;
  readonly from: string;
  readonly to: string;
  readonly n: number;
  readonly minWindow: number;
  readonly minDuration: number;
  readonly nrep: number;
  readonly gsadf: number | null;
  readonly gsadfCv: readonly number[];
  readonly rejected: boolean;
  readonly episodes: readonly {
    start: string | number;
    end: string | number;
    peak: string | number;
    duration: number;
    ongoing: boolean;
    signal: string;
  }[];
  readonly eras: readonly { era: "2000" | "ai"; episodes: readonly string[]; verdict: string }[];
  readonly index: readonly (string | number)[];
  readonly bsadf: readonly (number | null)[];
  readonly cv95: readonly (number | null)[];
}

export interface AdjustedRow {
  readonly id: string;
  readonly label: string;
  readonly reason: string;
  readonly proxies: readonly string[];
  readonly controls: readonly string[];
  readonly estimator: "ols" | "dols";
  readonly leadsLags: number;
  readonly trend: boolean;
  readonly nullModel: "wild" | "iid";
  readonly from: string;
  readonly to: string;
  readonly n: number;
  readonly r2: number;
  readonly gsadf: number;
  readonly gsadfCv: readonly number[];
  readonly rejected: boolean;
  readonly eras: SpecResult["eras"];
  readonly evidence: readonly string[];
}

export interface TechAdjustedJson {
  readonly source: string;
  readonly evidence: readonly string[];
  readonly nboot: number;
  /** Replications of each robustness row. */
  readonly robustnessNboot: number;
  readonly seed: number;
  readonly specification: {
    readonly dependent: string;
    readonly proxies: readonly string[];
    readonly controls: readonly string[];
    readonly estimator: string;
    readonly sample: string;
    readonly frequency: "monthly";
    readonly interpolation: string;
    readonly criticalValues: string;
    readonly episodes: string;
  };
  readonly primary: AdjustedRow;
  readonly raw: AdjustedRow;
  readonly coefficients: readonly { name: string; estimate: number }[];
  readonly robustness: readonly AdjustedRow[];
  readonly paper: readonly { readonly claim: string; readonly ours: string; readonly agrees: boolean }[];
  readonly caveat: string;
  /** For the chart: the residual's BSADF against its 95% bootstrap cv, and the residual. */
  readonly chart: {
    readonly index: readonly string[];
    readonly bsadf: readonly (number | null)[];
    readonly cv95: readonly (number | null)[];
    readonly residual: readonly number[];
    readonly episodes: readonly { start: string; end: string }[];
  };
}

export interface MacroSection {
  readonly source: string;
  readonly evidence: readonly string[];
  readonly valuation: { readonly cape: ValuationJson; readonly buffett: ValuationJson };
  readonly ratioPsy: readonly RatioPsyEntry[];
  readonly techAdjusted: TechAdjustedJson | null;
}

export interface MacroOptions {
  readonly seed: number;
  readonly nrep: number;
  readonly asOf?: string;
  readonly dir?: string;
  readonly onProgress?: (what: string) => void;
}

function readTable(dir: string, file: string, asOf?: string): DateTable {
  return clipTable(parseDateTable(readFileSync(join(dir, file), "utf8"), file), asOf);
}

/** Runs the whole section; returns null pieces (with reasons) for what the data up to --as-of cannot support. */
export async function macroForReport(o: MacroOptions): Promise<{
  section: MacroSection | null;
  indicators: IndicatorResult[];
  notComputed: { section: string; reason: string }[];
}> {
  const dir = o.dir ?? MACRO_DIR;
  const notComputed: { section: string; reason: string }[] = [];
  if (!existsSync(join(dir, "shiller_monthly.csv")))
    return {
      section: null,
      indicators: [],
      notComputed: [{ section: "market-wide valuation", reason: `no data/macro tables in ${dir}` }],
    };
  const shiller = readTable(dir, "shiller_monthly.csv", o.asOf);
  const buffettT = readTable(dir, "buffett_quarterly.csv", o.asOf);
  await progress(o, "CAPE and the Buffett indicator");
  // CAPE, equities/GDP and their four indicators: the library function the dashboard's as-of replay also calls.
  const { cape, buffett, indicators } = marketValuation(shiller, buffettT);

  // PSY on the S&P 500 P/D and P/E ratios: monthly, 1871 to the last month with D and E, same settings for both.
  await progress(o, "PSY on the S&P 500 P/D and P/E ratios");
  const ratioPsy: RatioPsyEntry[] = [];
  const P = shiller.columns.price;
  const D = shiller.columns.dividend;
  const E = shiller.columns.earnings;
  const rows = shiller.dates.map((_, i) => i).filter((i) => P[i] > 0 && D[i] > 0 && E[i] > 0);
  if (rows.length >= 200) {
    const dates = rows.map((i) => shiller.dates[i]);
    const { json } = await analysePsy(
      [
        { name: "S&P 500 price/dividend", values: rows.map((i) => P[i] / D[i]) },
        { name: "S&P 500 price/earnings", values: rows.map((i) => P[i] / E[i]) },
      ],
      dates,
      // Up to 999 Monte Carlo replications at n ≈ 1,860 (cached on disk after the first run).
      { nrep: Math.min(o.nrep, 999), seed: o.seed, minDuration: "psy" },
    );
    for (const s of json.series) {
      const key = s.name.endsWith("dividend") ? "pd" : "pe";
      ratioPsy.push({
        id: `psy-sp500-${key}`,
        label: `${s.name}, ${dates[0].slice(0, 7)} – ${dates[dates.length - 1].slice(0, 7)}`,
        evidence: [ev("shiller_monthly.csv")],
        source:
          "Phillips, Shi & Yu (2015) GSADF/BSADF on the ratio's level (PSY 2015 §5 tests P/D in levels), exuber conventions, lag 0; Monte Carlo critical values (seeded), exuber's BSADF rule; minimum duration ⌊log n⌉",
        from: dates[0],
        to: dates[dates.length - 1],
        n: json.n,
        minWindow: json.minWindow,
        minDuration: json.minDuration,
        nrep: json.criticalValues.nrep,
        gsadf: s.gsadf,
        gsadfCv: s.cv.gsadf,
        rejected: s.rejected,
        episodes: s.episodes,
        eras: (["2000", "ai"] as const).map((era) => {
          const w = ERA_WINDOWS[era];
          const eps = s.episodes
            .filter((e) => e.signal === "positive" && String(e.start) <= w.to && String(e.end) >= w.from)
            .map(
              (e) => `${String(e.start).slice(0, 7)} → ${String(e.end).slice(0, 7)}${e.ongoing ? " (ongoing)" : ""}`,
            );
          return {
            era,
            episodes: eps,
            verdict:
              dates[dates.length - 1] < w.from
                ? "not covered"
                : eps.length > 0
                  ? "explosive episode"
                  : "no explosive episode",
          };
        }),
        index: json.index,
        bsadf: s.bsadf,
        cv95: s.cv.bsadf,
      });
    }
  } else notComputed.push({ section: "PSY on the S&P 500 P/D and P/E", reason: `only ${rows.length} months of data` });

  // The technology-adjusted test on the NASDAQ.
  let techAdjusted: TechAdjustedJson | null = null;
  const asOfMonth = o.asOf ? o.asOf.slice(0, 7) : null;
  if (asOfMonth && asOfMonth < "1990-01") {
    notComputed.push({
      section: "technology-adjusted PSY",
      reason: `--as-of ${o.asOf} leaves too little NASDAQ history`,
    });
  } else {
    const data = techMonthly(
      readTable(dir, "nasdaq_macro_monthly.csv"),
      readTable(dir, "tech_quarterly.csv"),
      readTable(dir, "tech_annual.csv"),
    );
    // Replications: the primary and the raw test at up to 499, the robustness rows at up to 199 (stated in the table).
    const nboot = Math.min(o.nrep, 499);
    const robustBoot = Math.min(o.nrep, 199);
    const clipSpec = <T extends { to: string }>(s: T): T =>
      asOfMonth && asOfMonth < s.to ? { ...s, to: asOfMonth } : s;
    const evidence = [ev("nasdaq_macro_monthly.csv"), ev("tech_quarterly.csv"), ev("tech_annual.csv")];
    const toRow = (r: SpecResult): AdjustedRow => ({
      id: r.spec.id,
      label: r.spec.label,
      reason: r.spec.reason,
      proxies: r.spec.proxies.map((p) => PROXY_LABELS[p]),
      controls: r.spec.controls.map((p) => PROXY_LABELS[p]),
      estimator: r.spec.estimator,
      leadsLags: r.result.leadsLags,
      trend: r.spec.trend,
      nullModel: r.spec.nullModel,
      from: r.from,
      to: r.to,
      n: r.n,
      r2: r4(r.result.regression.r2),
      gsadf: r4(r.result.gsadf),
      gsadfCv: r.result.gsadfCv.map(r4),
      rejected: r.result.rejected,
      eras: r.eras,
      evidence,
    });
    await progress(o, "technology-adjusted PSY (primary specification)");
    const primary = runAdjustSpec(data, clipSpec(PRIMARY_SPEC), { nboot, seed: o.seed });
    const robustness: AdjustedRow[] = [];
    for (const s of ROBUSTNESS_SPECS) {
      const cs = clipSpec(s);
      if (cs.to < "1990-01") continue;
      await progress(o, `technology-adjusted PSY (${s.id})`);
      robustness.push(toRow(runAdjustSpec(data, cs, { nboot: robustBoot, seed: o.seed })));
    }
    await progress(o, "technology-adjusted PSY (raw, same settings as the primary)");
    const rawSpec = ROBUSTNESS_SPECS.find((s) => s.id === "raw") ?? PRIMARY_SPEC;
    const raw = toRow(runAdjustSpec(data, clipSpec(rawSpec), { nboot, seed: o.seed }));
    const pRow = toRow(primary);
    const dot = pRow.eras.find((e) => e.era === "2000");
    const ai = pRow.eras.find((e) => e.era === "ai");
    const epText = (e: (typeof pRow.eras)[number] | undefined) =>
      !e || e.verdict === "not covered"
        ? "not covered by the sample"
        : e.episodes.length === 0
          ? "no speculative episode"
          : e.episodes
              .map((x) => `${x.start.slice(0, 7)} → ${x.end.slice(0, 7)}${x.short ? " (short)" : ""}`)
              .join("; ");
    const dotAgrees =
      !!dot &&
      dot.episodes.length > 0 &&
      dot.episodes.every((x) => x.start >= "1999-06-01" && x.end <= "2000-09-30") &&
      dot.episodes.some((x) => x.start <= "2000-03-31" && x.end >= "1999-12-01");
    const aiAgrees = !!ai && ai.verdict === "no speculative episode";
    techAdjusted = {
      source:
        "Chen, Chen, Huang, Li & Zhang (2026), arXiv 2604.25826: PSY on the residual of log real NASDAQ on technology proxies and controls; Stock & Watson (1993) DOLS; two-step bootstrap critical values (bubblescope)",
      evidence,
      nboot,
      robustnessNboot: robustBoot,
      seed: o.seed,
      specification: {
        dependent: "ln(NASDAQ Composite month-end close / CPI-U SA)",
        proxies: PRIMARY_SPEC.proxies.map((p) => PROXY_LABELS[p]),
        controls: PRIMARY_SPEC.controls.map((p) => PROXY_LABELS[p]),
        estimator: `DOLS with ${PRIMARY_SPEC.leadsLags} leads and lags of the differenced regressors (Stock–Watson), no trend`,
        sample: `${primary.from.slice(0, 7)} – ${primary.to.slice(0, 7)} (${primary.n} months)`,
        frequency: "monthly",
        interpolation: `quarterly TFP levels (cumulated from Fernald's growth rates) placed at the middle month of each quarter and interpolated log-linearly; annual series at July; end months of the first/last period hold the nearest value; CPI ${data.cpiFilled.join(", ") || "—"} (no BLS release) interpolated log-linearly`,
        criticalValues: `two-step ${PRIMARY_SPEC.nullModel} bootstrap of the whole procedure under a random-walk residual (regression re-estimated each time), ${nboot} replications, seed ${o.seed}; GSADF decision at 95%, BSADF(t) against its pointwise 95% quantile`,
        episodes: `every run above the 95% line listed; runs shorter than ⌊log n⌉ = ${primary.shortBelow} months flagged "short"`,
      },
      primary: pRow,
      raw,
      coefficients: primary.result.regression.coefficients.map((c) => ({ name: c.name, estimate: r4(c.estimate) })),
      robustness,
      paper: [
        {
          claim: "dot-com: a speculative peak confined to about Dec 1999 – Mar 2000",
          ours: `primary specification, 1995–2002: ${epText(dot)} (GSADF ${pRow.gsadf.toFixed(2)} vs 95% cv ${pRow.gsadfCv[1].toFixed(2)})`,
          agrees: dotAgrees,
        },
        {
          claim: "2020–2025 AI rally: no speculation after the adjustment",
          ours: `primary specification, 2019 on: ${epText(ai)}`,
          agrees: aiAgrees,
        },
      ],
      caveat:
        "The adjustment is contested. Projecting prices on slow-moving technology proxies can absorb a genuine bubble into the 'fundamental' part (valuations and adoption rise together in a mania, and TFP or patent trends are not prices of claims on future cash flows), so a non-rejection after adjustment is not evidence of no bubble. The result depends on the proxies, the estimator, the sample and the bootstrap null (see the robustness table), and the paper's own CRSP NASDAQ series and IT-investment proxy are not public.",
      chart: {
        index: primary.dates.slice(primary.result.radf.firstIndex),
        bsadf: Array.from(primary.result.radf.series[0].bsadf, (x) => (Number.isFinite(x) ? r4(x) : null)),
        cv95: primary.result.cv.bsadf.map((row) => (Number.isFinite(row[1]) ? r4(row[1]) : null)),
        residual: primary.result.residual.slice(primary.result.radf.firstIndex).map(r4),
        episodes: primary.result.episodes.map((e) => ({ start: String(e.start), end: String(e.end) })),
      },
    };
  }
  return {
    section: {
      source:
        "data/macro (PROVENANCE.md): Shiller ie_data.xls, Fed Z.1 NCBEILQ027S, BEA GDP, FRED NASDAQCOM/CPIAUCSL/INDPRO, Fernald TFP, USPTO, PWT",
      evidence: [ev("PROVENANCE.md")],
      valuation: { cape, buffett },
      ratioPsy,
      techAdjusted,
    },
    indicators,
    notComputed,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// HTML
