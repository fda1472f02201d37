/**
 * Imports CSV files into the store: one file (`bubblescope data import FILE --id ID`) or a folder of files in the
 * format of the project's shared price folder (`data import-dir DIR`: the id is the file name without `.csv`, the
 * ticker is read from the name and recorded as metadata). Each file is parsed completely before anything is
 * written, and written in one transaction, so a bad file never leaves a partial series behind.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { DiskCache } from "./cache.ts";
import { fetchSource } from "./fetch-source.ts";
import type { HttpOptions } from "./http.ts";
import { storePaths } from "./paths.ts";
import { type ParsePriceOptions, parsePriceCsv } from "./price-csv.ts";
import { checkSeriesId, type SeriesInfo, type Store, sha256 } from "./store.ts";

/** Options of {@link importCsvText} and {@link importCsvFile}. */
export interface ImportOptions extends Pick<ParsePriceOptions, "dateCol" | "valueCol" | "pickFirstValue"> {
  /** Series id in the store. */
  readonly id: string;
  /** Ticker recorded as metadata (default: none). */
  readonly ticker?: string | null;
  readonly name?: string | null;
  /** Whether the values are already split-adjusted (recorded; default false). */
  readonly adjusted?: boolean;
  /** Source label (default "file"). */
  readonly source?: string;
  /**
   * Whether an existing series with the same id may be replaced (default true, as `data import-dir` refreshes a
   * folder); `false` throws {@link SeriesExistsError} before anything is written (`data import` without --replace).
   */
  readonly replace?: boolean;
}

/** Thrown by an import with `replace: false` when the id is already in the store. */
export class SeriesExistsError extends Error {
  constructor(readonly id: string) {
    super(`series "${id}" is already in the store: add --replace to replace it (see \`bubblescope data show ${id}\`)`);
  }
}

/** The outcome of one import. */
export interface ImportResult {
  readonly info: SeriesInfo;
  /** The series this import replaced (same id), or null when the id was new. */
  readonly replaced: SeriesInfo | null;
  readonly warnings: readonly string[];
  readonly layout: string;
}

/**
 * Parses CSV text and stores it as series `options.id`, with provenance `sourceUrl` and the text's sha256.
 *
 * @example
 * await importCsvText(store, "date,close\n2020-01-02,1\n", "mem.csv", { id: "X" });
 */
export async function importCsvText(
  store: Store,
  text: string,
  sourceUrl: string,
  options: ImportOptions,
  retrievedAt: string = new Date().toISOString(),
): Promise<ImportResult> {
  checkSeriesId(options.id);
  const parsed = parsePriceCsv(text, {
    source: basename(sourceUrl),
    dateCol: options.dateCol,
    valueCol: options.valueCol,
    pickFirstValue: options.pickFirstValue,
  });
  if (options.replace === false && (await store.getSeriesInfo(options.id))) throw new SeriesExistsError(options.id);
  const replaced = (await store.getSeriesInfo(options.id)) ?? null;
  const info = await store.putSeries(
    {
      id: options.id,
      ticker: options.ticker ?? null,
      name: options.name ?? null,
      source: options.source ?? "file",
      adjusted: options.adjusted ?? false,
      valueColumn: parsed.mapping.close ?? "close",
      warnings: parsed.warnings,
    },
    parsed.rows,
    {
      source: options.source ?? "file",
      sourceUrl,
      retrievedAt,
      checksum: sha256(text),
      bytes: Buffer.byteLength(text),
      note: `layout ${parsed.layout}; columns ${Object.entries(parsed.mapping)
        .map(([k, v]) => `${k}<-${v}`)
        .join(" ")}`,
    },
  );
  return { info, replaced, warnings: parsed.warnings, layout: parsed.layout };
}

/** Reads a file as UTF-8 with a clear error, refusing directories and files over 512 MB. */
export function readTextFile(file: string): string {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch {
    throw new Error(`cannot read ${file}: no such file`);
  }
  if (st.isDirectory()) throw new Error(`${file} is a directory (use \`data import-dir\`)`);
  if (st.size > 512 * 1024 * 1024) throw new RangeError(`${file} is larger than 512 MB`);
  return readFileSync(file, "utf8");
}

/** Imports one CSV file; see {@link importCsvText}. */
export async function importCsvFile(store: Store, file: string, options: ImportOptions): Promise<ImportResult> {
  const path = resolve(file);
  return importCsvText(store, readTextFile(path), path, options, statSync(path).mtime.toISOString());
}

/**
 * Downloads a CSV from an http(s) URL (always fresh; the body is validated before it is cached in the store's
 * cache) and imports it like a file.
 *
 * @example
 * await importCsvUrl(store, "https://example.org/nvda.csv", { id: "NVDA" });
 */
export async function importCsvUrl(
  store: Store,
  url: string,
  options: ImportOptions,
  http?: HttpOptions,
): Promise<ImportResult> {
  if (!/^https?:\/\//i.test(url)) throw new RangeError(`not an http(s) URL: ${url}`);
  checkSeriesId(options.id);
  const parseOpts = {
    source: url,
    dateCol: options.dateCol,
    valueCol: options.valueCol,
    pickFirstValue: options.pickFirstValue,
  };
  const r = await fetchSource(
    { cache: new DiskCache(storePaths(store.dir).cache), maxAgeMs: 0, ...(http ? { http } : {}) },
    {
      service: "csv-url",
      label: new URL(url).host,
      url,
      displayUrl: url,
      expect: "csv",
      parse: (body) => {
        parsePriceCsv(body, parseOpts);
        return body;
      },
    },
  );
  return importCsvText(store, r.value, url, { source: "csv-url", ...options }, r.meta.retrievedAt);
}

const INDEX_TICKERS: Readonly<Record<string, string>> = Object.freeze({
  nasdaq: "^IXIC",
  sox: "^SOX",
  sp500: "^GSPC",
});

/**
 * Reads what a shared-folder file name says: `nvda_daily_yahoo_2019_2026.csv` → id `nvda_daily_yahoo_2019_2026`,
 * ticker `NVDA`, source `yahoo`; index names map to their symbols (`nasdaq_composite_daily_fred` → `^IXIC`).
 *
 * @example
 * describeFileName("sox_daily_investing_yahoo_soxldata.csv"); // { id: "sox_daily_investing_yahoo_soxldata", ticker: "^SOX", source: "investing+yahoo", adjusted: true }
 */
export function describeFileName(file: string): { id: string; ticker: string; source: string; adjusted: boolean } {
  const id = basename(file).replace(/\.csv$/i, "");
  const parts = id.toLowerCase().split("_");
  const ticker = INDEX_TICKERS[parts[0]] ?? parts[0].toUpperCase();
  const sources = ["yahoo", "fred", "investing", "shiller"].filter((s) => parts.includes(s));
  const source = sources.length ? sources.join("+") : "file";
  // Yahoo/investing exports in the shared folder are split-adjusted as of their download date (PROVENANCE.md).
  return { id, ticker, source, adjusted: sources.includes("yahoo") || sources.includes("investing") };
}

/** The outcome of {@link importDir}. */
export interface ImportDirResult {
  readonly imported: readonly ImportResult[];
  readonly failed: readonly { readonly file: string; readonly error: string }[];
}

/**
 * Imports every `*.csv` file of a folder (sorted by name); a failing file is reported and the others continue.
 * Files with several value columns and no "close" (the Shiller table) use their first value column.
 */
export async function importDir(
  store: Store,
  dir: string,
  onProgress?: (done: number, total: number, file: string) => void,
): Promise<ImportDirResult> {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => f.toLowerCase().endsWith(".csv"))
      .sort();
  } catch {
    throw new Error(`cannot read the folder ${dir}`);
  }
  if (names.length === 0) throw new RangeError(`no .csv files in ${dir}`);
  const imported: ImportResult[] = [];
  const failed: { file: string; error: string }[] = [];
  for (let k = 0; k < names.length; k++) {
    const f = names[k];
    const d = describeFileName(f);
    try {
      imported.push(
        await importCsvFile(store, join(dir, f), {
          id: d.id,
          ticker: d.ticker,
          source: d.source,
          adjusted: d.adjusted,
          pickFirstValue: true,
        }),
      );
    } catch (err) {
      failed.push({ file: f, error: (err as Error).message });
    }
    onProgress?.(k + 1, names.length, f);
  }
  return { imported, failed };
}
