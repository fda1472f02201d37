/**
 * Node-side data for the dashboard API: the evidence bundle (the ledger and deal CSVs as text, the report's price
 * inputs exactly as `loadReportInputs` read them — data store, folder or bundled snapshot — the store's SEC
 * rows and the two market-valuation tables of data/macro as text) and the price-series folder listing and loader. Series ids are file names without `.csv`, looked up in
 * the folder listing (never joined from user input), so a request can only name a file that is listed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPORT_SERIES } from "../../analysis/series.ts";
import { DEFAULT_DEALS_FILE, DEFAULT_EVIDENCE_FILE } from "../../node/evidence-files.ts";
import { MACRO_DIR } from "../../report/macro-section.ts";
import { loadPriceFile, type ReportInputs, weeklyCloses } from "../../report/prices.ts";
import type { BundlePrice, EvidenceBundle, SeriesInfo, SeriesPayload } from "../client/types.ts";
import type { SeriesQuery } from "./app.ts";

/**
 * The evidence bundle for the browser.
 *
 * @example
 * evidenceBundle(await loadReportInputs(), { seed: 123, draws: 2000 }).prices.map((p) => p.key);
 */
export function evidenceBundle(
  inputs: ReportInputs,
  run: { seed: number; draws: number },
  files: { evidence: string; deals: string; macroDir?: string } = {
    evidence: DEFAULT_EVIDENCE_FILE,
    deals: DEFAULT_DEALS_FILE,
  },
): EvidenceBundle {
  const prices: BundlePrice[] = [];
  for (const s of REPORT_SERIES) {
    const p = inputs.roles.find((r) => r.key === s.key);
    if (!p?.series) continue;
    prices.push({
      key: s.key,
      era: s.era,
      id: p.series.id,
      file: p.series.file,
      origin: p.origin,
      label: s.label,
      from: s.from,
      to: s.to,
      ...(s.frameworkAsOf ? { frameworkAsOf: s.frameworkAsOf } : {}),
      dates: p.series.dates,
      values: p.series.values,
    });
  }
  // The market-valuation tables the report's CAPE and equities/GDP indicators come from (data/macro), as text.
  const macroDir = files.macroDir ?? MACRO_DIR;
  const shiller = join(macroDir, "shiller_monthly.csv");
  const buffett = join(macroDir, "buffett_quarterly.csv");
  const macro =
    existsSync(shiller) && existsSync(buffett)
      ? { shillerCsv: readFileSync(shiller, "utf8"), buffettCsv: readFileSync(buffett, "utf8") }
      : undefined;
  return {
    evidenceCsv: readFileSync(files.evidence, "utf8"),
    dealsCsv: readFileSync(files.deals, "utf8"),
    seed: run.seed,
    draws: run.draws,
    prices,
    computedFigures: inputs.secFigures,
    ...(macro ? { macro } : {}),
  };
}

/** CSV files of the price folder, sorted by name. */
export function listSeries(priceDir: string | null): SeriesInfo[] {
  if (!priceDir) return [];
  return readdirSync(priceDir)
    .filter((f) => f.endsWith(".csv") && !f.startsWith("."))
    .sort()
    .map((file) => ({ id: file.slice(0, -4), file, bytes: statSync(join(priceDir, file)).size }));
}

/** One listed series (closes), optionally weekly and clipped; null when the id is not listed. */
export function loadSeries(priceDir: string | null, id: string, q: SeriesQuery): SeriesPayload | null {
  const info = listSeries(priceDir).find((s) => s.id === id);
  if (!priceDir || !info) return null;
  const p = loadPriceFile(priceDir, info.file, id, q.from, q.to);
  if (!p) return null;
  const s = q.freq === "weekly" ? weeklyCloses(p) : p;
  return { id, file: info.file, freq: q.freq, dates: s.dates, values: s.values };
}
