/**
 * `bubblescope/node`: the Node-only half of the package — the series store (DuckDB, opened lazily), CSV/URL import,
 * online pulls, the report writer, the PSY worker pool and the on-disk caches. Every name is listed explicitly.
 * Importing this module stays cheap: DuckDB loads on `openStore`, and the report writer (ECharts, resvg) loads on
 * the first `writeReport` call.
 *
 * @example
 * import { openStore, readPriceSeries } from "bubblescope/node";
 * const s = await readPriceSeries("NASDAQCOM");
 */
import type { ReportFlags } from "./report/run.ts";

export { DiskCache } from "./data/cache.ts";
export { fundamentalsAsEvidence } from "./data/evidence.ts";
export { type ExportFormat, exportSeries } from "./data/export.ts";
export {
  type ImportDirResult,
  type ImportOptions,
  type ImportResult,
  importCsvFile,
  importCsvText,
  importCsvUrl,
  importDir,
} from "./data/import.ts";
export { resolveStoreDir, type StorePaths, storePaths } from "./data/paths.ts";
export { type ParsedPrices, type PriceRows, parsePriceCsv } from "./data/price-csv.ts";
export { type PullOptions, type PullSummaryRow, pullUniverse } from "./data/pull.ts";
export { type PriceSeries, type ReadPriceOptions, readPriceSeries } from "./data/read.ts";
export {
  type OpenStoreOptions,
  openStore,
  type ProvenanceInput,
  type ProvenanceRecord,
  type SeriesInfo,
  Store,
} from "./data/store.ts";
export { type ComputeOptions, type CvRequest, computeCriticalValues } from "./node/critical-values.ts";
export {
  type CacheStatus,
  cacheDir as cvCacheDir,
  cachedCv,
  readCachedCv,
  writeCachedCv,
} from "./node/cv-cache.ts";
export { defaultThreads, type ParallelOptions, runReplicationsParallel } from "./node/parallel.ts";
export { analysePsy, type CvChoice, type PsyAnalysisJson, type PsyAnalysisOptions } from "./node/psy-analysis.ts";
export { type BuildOptions, buildReport, REPORT_SERIES, type ReportModel } from "./report/build.ts";
export type { ReportFlags } from "./report/run.ts";

/**
 * Writes the report folder (index.html, report.json, charts) exactly as `bubblescope report` does and prints its
 * terminal summary. The writer (ECharts, resvg) is loaded on the first call, not when this module is imported.
 *
 * @example
 * await writeReport({ out: "./bubblescope-report", seed: "123", nrep: "2000" });
 */
export async function writeReport(flags: ReportFlags): Promise<void> {
  const { runReport } = await import("./report/run.ts");
  await runReport(flags);
}
