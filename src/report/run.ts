/**
 * The report pipeline: resolve data, run the detectors on the default price series, and write the outputs.
 * (Evidence, indicators and frameworks join here as the evidence engine lands.)
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analysePsy, type PsyAnalysisJson } from "../node/psy-analysis.ts";
import { loadPriceFile, resolvePriceDir, weeklyCloses } from "./prices.ts";

export interface ReportFlags {
  out: string;
  data?: string;
  asOf?: string;
  json?: boolean;
  seed: string;
  nrep: string;
}

/** Default PSY series: one bellwether index per era (log weekly closes). */
export const PSY_SERIES = Object.freeze([
  {
    era: "2000",
    file: "nasdaq_composite_daily_fred.csv",
    label: "Nasdaq Composite 1995–2002",
    from: "1995-01-01",
    to: "2002-12-31",
  },
  { era: "2000", file: "csco_daily_yahoo_to2020.csv", label: "Cisco 1995–2002", from: "1995-01-01", to: "2002-12-31" },
  {
    era: "AI",
    file: "nvda_daily_yahoo_2019_2026.csv",
    label: "Nvidia 2019–2026",
    from: "2019-01-01",
    to: "2026-12-31",
  },
  {
    era: "AI",
    file: "nasdaq_composite_daily_fred.csv",
    label: "Nasdaq Composite 2019–2026",
    from: "2019-01-01",
    to: "2026-12-31",
  },
]);

export async function runReport(flags: ReportFlags): Promise<void> {
  const { dir, origin } = resolvePriceDir(flags.data);
  const missing: { section: string; reason: string }[] = [];
  const psy: { era: string; label: string; source: string; result: PsyAnalysisJson }[] = [];
  if (!dir) {
    missing.push({
      section: "PSY bubble tests",
      reason: "no price data: pass --data DIR, or fill the store with `bubblescope data import-dir`",
    });
  } else {
    for (const s of PSY_SERIES) {
      const to = flags.asOf && flags.asOf < s.to ? flags.asOf : s.to;
      const p = loadPriceFile(dir, s.file, s.label, s.from, to);
      if (!p || p.values.length < 60) {
        missing.push({
          section: `PSY: ${s.label}`,
          reason: p ? `only ${p.values.length} observations up to ${to}` : `${s.file} not found in ${dir}`,
        });
        continue;
      }
      const w = weeklyCloses(p);
      const { json } = await analysePsy([{ name: `log ${s.label}`, values: w.values.map(Math.log) }], w.dates, {
        nrep: Number(flags.nrep),
        seed: Number(flags.seed),
      });
      psy.push({ era: s.era, label: s.label, source: p.id, result: json });
    }
  }
  const report = {
    question: "Is AI in a bubble like the 2000 telecom/dot-com bubble?",
    asOf: flags.asOf ?? null,
    prices: { dir, origin },
    psy,
    missing,
  };
  mkdirSync(flags.out, { recursive: true });
  const file = join(flags.out, "report.json");
  writeFileSync(`${file}.tmp`, JSON.stringify(report, null, 2));
  renameSync(`${file}.tmp`, file);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const lines = [`Is AI in a bubble like 2000? — prices from ${origin}`];
  for (const p of psy) {
    const s = p.result.series[0];
    lines.push(
      `  [${p.era}] ${p.label}: GSADF ${s.gsadf?.toFixed(2)} vs 95% cv ${s.cv.gsadf[1].toFixed(2)} → ${s.rejected ? "explosive episodes detected" : "no explosiveness"}; episodes: ${s.episodes.map((e) => `${e.start}→${e.end}${e.ongoing ? " (ongoing)" : ""}`).join(", ") || "none"}`,
    );
  }
  for (const m of missing) lines.push(`  not computed — ${m.section}: ${m.reason}`);
  lines.push(`Report written to ${file}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}
