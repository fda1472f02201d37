/**
 * Node-side data for the dashboard API: the evidence bundle (the ledger and deal CSVs as text, the report's price
 * inputs) and the price-series folder listing and loader. Series ids are file names without `.csv`, looked up in
 * the folder listing (never joined from user input), so a request can only name a file that is listed.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_DEALS_FILE, DEFAULT_EVIDENCE_FILE } from "../../cli/evidence.ts";
import { REPORT_SERIES } from "../../report/build.ts";
import { loadPriceFile, weeklyCloses } from "../../report/prices.ts";
import type { BundlePrice, EvidenceBundle, SeriesInfo, SeriesPayload } from "../client/types.ts";
import type { SeriesQuery } from "./app.ts";

/**
 * The evidence bundle for the browser.
 *
 * @example
 * evidenceBundle(priceDir, { seed: 123, draws: 2000 }).prices.map((p) => p.key);
 */
export function evidenceBundle(
  priceDir: string | null,
  run: { seed: number; draws: number },
  files = { evidence: DEFAULT_EVIDENCE_FILE, deals: DEFAULT_DEALS_FILE },
): EvidenceBundle {
  const prices: BundlePrice[] = [];
  if (priceDir) {
    for (const s of REPORT_SERIES) {
      const p = loadPriceFile(priceDir, s.file, s.label, s.from, s.to);
      if (!p) continue;
      prices.push({
        key: s.key,
        era: s.era,
        id: p.id,
        label: s.label,
        from: s.from,
        to: s.to,
        ...("frameworkAsOf" in s ? { frameworkAsOf: s.frameworkAsOf } : {}),
        dates: p.dates,
        values: p.values,
      });
    }
  }
  return {
    evidenceCsv: readFileSync(files.evidence, "utf8"),
    dealsCsv: readFileSync(files.deals, "utf8"),
    seed: run.seed,
    draws: run.draws,
    prices,
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
