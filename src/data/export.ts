/**
 * Series export: CSV (the import format, so import → export → import gives identical rows), JSON (metadata,
 * provenance and rows, `null` for a missing cell) and Parquet (through DuckDB's COPY). Numbers are written with
 * JavaScript's shortest round-trip representation, so no digit is lost. Files go through the safe-write helper
 * (src/node/safe-write.ts: temporary file in the same folder, fsync, rename, temporary removed on failure), so an
 * existing file is replaced only by a complete export and a failed export leaves nothing behind.
 */
import { readFileSync } from "node:fs";
import { writeFileSafe, writeFileSafeWith } from "../node/safe-write.ts";
import { PRICE_COLUMNS, type PriceColumn, type PriceRows } from "./price-csv.ts";
import type { SeriesInfo, Store } from "./store.ts";

/** Export formats. */
export type ExportFormat = "csv" | "json" | "parquet";

/**
 * Formats rows as CSV `date,<columns…>`; columns that are null on every row are left out, blank = missing.
 *
 * @example
 * priceRowsToCsv({ dates: ["2020-01-02"], close: [1.5], open: [null], high: [null], low: [null], adj_close: [null], volume: [null] });
 * // "date,close\n2020-01-02,1.5\n"
 */
export function priceRowsToCsv(rows: PriceRows): string {
  const cols = PRICE_COLUMNS.filter((c) => c === "close" || rows[c].some((v) => v !== null));
  const lines = [`date,${cols.join(",")}`];
  for (let i = 0; i < rows.dates.length; i++) {
    lines.push(`${rows.dates[i]},${cols.map((c) => fmt(rows[c][i])).join(",")}`);
  }
  return `${lines.join("\n")}\n`;
}

function fmt(v: number | null): string {
  return v === null ? "" : String(v);
}

/** The JSON export document. */
export interface SeriesJson {
  readonly info: SeriesInfo;
  readonly rows: readonly ({ date: string } & Partial<Record<PriceColumn, number | null>>)[];
}

/** Builds the JSON export document for a series. */
export function priceRowsToJson(info: SeriesInfo, rows: PriceRows): SeriesJson {
  const cols = PRICE_COLUMNS.filter((c) => c === "close" || rows[c].some((v) => v !== null));
  return {
    info,
    rows: rows.dates.map((date, i) => {
      const o: { date: string } & Partial<Record<PriceColumn, number | null>> = { date };
      for (const c of cols) o[c] = rows[c][i];
      return o;
    }),
  };
}

/**
 * Writes `content` to `file` safely (see src/node/safe-write.ts); kept under its old name for callers.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  writeFileSafe(file, content);
}

/**
 * Exports a series. CSV and JSON are returned as text (and written to `out` when given); Parquet needs `out`
 * and returns the number of bytes written.
 *
 * @example
 * const csv = await exportSeries(store, "NVDA", "csv"); // "date,open,…\n2019-05-16,…"
 */
export async function exportSeries(store: Store, id: string, format: ExportFormat, out?: string): Promise<string> {
  const info = await store.getSeriesInfo(id);
  if (!info) throw new RangeError(`no series "${id}" in the store (see \`bubblescope data list\`)`);
  if (format === "parquet") {
    if (!out) throw new RangeError("--format parquet needs --out FILE (Parquet is binary)");
    await writeFileSafeWith(out, (tmp) => store.copySeriesToParquet(id, tmp));
    return `${readFileSync(out).length} bytes`;
  }
  const rows = await store.getPrices(id);
  let text: string;
  if (format === "csv") text = priceRowsToCsv(rows);
  else if (format === "json") text = `${JSON.stringify(priceRowsToJson(info, rows), null, 1)}\n`;
  else throw new RangeError(`unknown export format "${format as string}" (use csv, json or parquet)`);
  if (out) writeFileAtomic(out, text);
  return text;
}
