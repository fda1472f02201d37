/**
 * Price series for the report and the dashboard, in one order of sources:
 *
 *   1. `--data DIR` (a folder of price CSVs: `date,open,high,low,close,adj_close,volume` or `date,close`);
 *   2. else the data store (`data import-dir`, `data pull`, `data update`) for each series it holds, when its
 *      copy reaches at least as far as the folder's (so a refreshed series wins over the bundled one);
 *   3. else `$BUBBLESCOPE_DATA`;
 *   4. else the bundled snapshot `data/prices` inside the package (see data/prices/PROVENANCE.md).
 *
 * The research folder beside the repository is never read here. `loadReportInputs` returns each role's series
 * over its whole window (as-of clipping and resampling happen once, in src/analysis/series.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { REPORT_SERIES, type RoleInput, type PriceSeries as SeriesData } from "../analysis/series.ts";
import { readSeriesTable } from "../core/csv.ts";
import { dateFigures, parseFigureRecords } from "../evidence/load.ts";
import type { Figure } from "../evidence/schema.ts";
import { snapshotDir, snapshotManifest } from "./snapshot.ts";

export { weeklyCloses } from "../analysis/series.ts";
export type PriceSeries = SeriesData;

export const SNAPSHOT_ORIGIN = "the bundled snapshot (data/prices)";

/** Resolves the price folder: --data, else $BUBBLESCOPE_DATA, else the bundled snapshot. */
export function resolvePriceDir(explicit?: string): { dir: string | null; origin: string; snapshot: boolean } {
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`--data ${explicit}: no such folder`);
    return { dir: resolve(explicit), origin: `--data ${explicit}`, snapshot: false };
  }
  const env = process.env.BUBBLESCOPE_DATA;
  if (env && existsSync(env)) return { dir: resolve(env), origin: `$BUBBLESCOPE_DATA (${env})`, snapshot: false };
  const snap = snapshotDir();
  if (existsSync(snap)) return { dir: snap, origin: SNAPSHOT_ORIGIN, snapshot: true };
  return { dir: null, origin: "none", snapshot: false };
}

/** Parsed files of the last `loadReportInputs` call (several roles read one file: the Nasdaq serves three). */
let parsed: Map<string, ReturnType<typeof readSeriesTable>> | null = null;

/** Loads one file's (split-adjusted) closes between optional dates; null when the file is absent. */
export function loadPriceFile(dir: string, file: string, label: string, from?: string, to?: string): SeriesData | null {
  const path = join(dir, file);
  if (!existsSync(path)) return null;
  let t = parsed?.get(path);
  if (!t) {
    t = parsePriceText(readFileSync(path, "utf8"), file);
    parsed?.set(path, t);
  }
  const dates: string[] = [];
  const values: number[] = [];
  t.dates?.forEach((d, i) => {
    if ((from && d < from) || (to && d > to)) return;
    dates.push(d);
    values.push(t.columns[0].values[i]);
  });
  return { id: `prices:${file.replace(/\.csv$/, "")}`, file, label, dates, values };
}

function parsePriceText(text: string, file: string): ReturnType<typeof readSeriesTable> {
  const header = text
    .slice(0, text.indexOf("\n"))
    .split(",")
    .map((h) => h.trim());
  // The split-adjusted close, not the dividend-adjusted one: valuations (P/E from EPS) need the traded price basis.
  const col = header.includes("close") ? "close" : "Close";
  const dateCol = header.includes("date") ? "date" : "Date";
  return readSeriesTable(text, { source: file, columns: [col], dateColumn: dateCol, missing: "drop" });
}

function snapshotInfo(): ReportInputs["snapshot"] {
  const m = snapshotManifest();
  return m ? { lastDate: m.lastDate, files: Object.fromEntries(m.files.map((f) => [f.file, f.to])) } : null;
}

/** What `loadReportInputs` found. */
export interface ReportInputs {
  /** One entry per role of REPORT_SERIES (whole window; clipped later). */
  readonly roles: readonly RoleInput[];
  /** SEC fundamentals from the store as evidence rows (validated). */
  readonly secFigures: readonly Figure[];
  /** Problems met while loading (unusable SEC rows). */
  readonly problems: readonly { readonly section: string; readonly reason: string }[];
  /** The price folder used after the store (null when none) and how it was chosen. */
  readonly dir: string | null;
  readonly dirOrigin: string;
  /** The bundled snapshot's last date and each file's last date (null when the package carries none). */
  readonly snapshot: { readonly lastDate: string; readonly files: Readonly<Record<string, string>> } | null;
  /** The data store folder when it was read. */
  readonly storeDir: string | null;
}

export interface LoadInputsOptions {
  /** --data DIR: only this folder (the store is not read). */
  readonly dataDir?: string;
  /** Data store directory (default: the user's store). */
  readonly storeDir?: string;
}

/** The user's data store when it exists (DuckDB is loaded only then). */
async function openStoreIfPresent(storeDir?: string) {
  const { resolveStoreDir, storePaths } = await import("../data/paths.ts");
  const dir = resolveStoreDir(storeDir);
  if (!existsSync(storePaths(dir).db)) return null;
  const { openStore } = await import("../data/store.ts");
  const { readPriceSeries } = await import("../data/read.ts");
  const { fundamentalsAsEvidence } = await import("../data/evidence.ts");
  const st = await openStore({ dir });
  return {
    dir,
    close: () => st.close(),
    fundamentals: () => fundamentalsAsEvidence(st),
    /** Of `ids` present in the store, the one reaching furthest, with its last date. */
    async newest(ids: readonly string[]): Promise<{ id: string; lastDate: string } | null> {
      let best: { id: string; lastDate: string } | null = null;
      for (const id of ids) {
        const info = await st.getSeriesInfo(id);
        if (info && (!best || info.lastDate > best.lastDate)) best = { id, lastDate: info.lastDate };
      }
      return best;
    },
    async read(id: string, label: string, from: string, to: string): Promise<SeriesData> {
      const r = await readPriceSeries(id, { store: st, column: "close", missing: "drop", from, to });
      return { id: `store:${id}`, file: `store:${id}`, label, dates: [...r.dates], values: Array.from(r.values) };
    },
  };
}

/**
 * Loads the report's price series (and the store's SEC rows) in the documented order of sources.
 *
 * @example
 * const inputs = await loadReportInputs({}); inputs.roles.map((r) => r.series?.id);
 */
export async function loadReportInputs(o: LoadInputsOptions = {}): Promise<ReportInputs> {
  parsed = new Map();
  try {
    return await loadInputs(o);
  } finally {
    parsed = null;
  }
}

async function loadInputs(o: LoadInputsOptions): Promise<ReportInputs> {
  const store = o.dataDir ? null : await openStoreIfPresent(o.storeDir);
  const { dir, origin: dirOrigin } = resolvePriceDir(o.dataDir);
  const roles: RoleInput[] = [];
  const problems: { section: string; reason: string }[] = [];
  const secFigures: Figure[] = [];
  try {
    for (const s of REPORT_SERIES) {
      let fromDir: SeriesData | null = null;
      let dirError: string | null = null;
      if (dir) {
        try {
          fromDir = loadPriceFile(dir, s.file, s.label, s.from, s.to);
        } catch (err) {
          // An unreadable file is a section not computed, not a failed report.
          dirError = `${s.file}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`;
        }
      }
      const inStore = store ? await store.newest(s.storeIds) : null;
      const dirLast = fromDir && fromDir.dates.length > 0 ? fromDir.dates[fromDir.dates.length - 1] : "";
      if (store && inStore && inStore.lastDate >= dirLast) {
        roles.push({
          key: s.key,
          origin: `the data store (${store.dir})`,
          series: await store.read(inStore.id, s.label, s.from, s.to),
        });
        continue;
      }
      if (fromDir) {
        roles.push({ key: s.key, origin: dirOrigin, series: fromDir });
        continue;
      }
      const missing =
        dirError ??
        (dir
          ? `${s.file} not found in ${dir}${store ? " nor in the data store" : ""}`
          : "no price data: pass --data DIR (a folder of price CSVs), or fill the store with `bubblescope data update`");
      roles.push({ key: s.key, origin: "none", series: null, missing });
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
          problems.push({ section: `SEC row ${p.id || `#${p.line}`}`, reason: `not used: ${p.field}: ${p.message}` });
      }
    }
  } finally {
    store?.close();
  }
  return {
    roles,
    secFigures,
    problems,
    dir,
    dirOrigin,
    snapshot: snapshotInfo(),
    storeDir: store?.dir ?? null,
  };
}

/** Dated figures of the ledger plus SEC rows (for the dashboard's query endpoint). */
export function datedFigures(curated: readonly Figure[], inputs: ReportInputs) {
  return dateFigures([...curated, ...inputs.secFigures]);
}
