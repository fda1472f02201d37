/**
 * Where a scan's series come from (Node only): a folder of price CSVs, the data store, or a watchlist (a shipped
 * name in data/watchlists/ or a file). A file that cannot be parsed, or a symbol that cannot be found, becomes an
 * input with an `error`: it fails alone with its reason while the rest are scanned.
 *
 * Watchlist members are looked up in the report's order of sources (src/report/prices.ts): `--data DIR`, the data
 * store (with `--store`), $BUBBLESCOPE_DATA, then the bundled snapshot (data/prices, inside the package). The first
 * source holding the member with an observation on or before the as-of date is used (within one folder, of the
 * member's candidate files, the one with the most observations up to that date). The research folder beside the
 * repository is never read: pass it with `--data` or $BUBBLESCOPE_DATA.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parsePriceCsv } from "../data/price-csv.ts";
import type { RawSeries } from "../scan/prepare.ts";
import { parseWatchlist, type Watchlist } from "../scan/watchlist.ts";

/** One series to scan, or the reason it cannot be. */
export interface ScanInput {
  readonly name: string;
  /** File path or `store:ID`. */
  readonly origin: string;
  readonly raw?: RawSeries;
  readonly error?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");

/** Shipped watchlists (data/watchlists/NAME.json). */
export function watchlistDir(): string {
  return join(repoRoot, "data", "watchlists");
}

/** Names of the shipped watchlists. */
export function shippedWatchlists(): string[] {
  const d = watchlistDir();
  return existsSync(d)
    ? readdirSync(d)
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.replace(/\.json$/, ""))
        .sort()
    : [];
}

/** The bundled snapshot folder (data/prices at the package root; the same from src/node and dist/node). */
export const SNAPSHOT_PRICE_DIR = join(repoRoot, "data", "prices");

/**
 * Folders searched for watchlist files, in order (existing ones only): `dataDir` (--data), $BUBBLESCOPE_DATA, the
 * bundled snapshot. The data store, when used, comes between `dataDir` and $BUBBLESCOPE_DATA.
 */
export function priceDirs(dataDir?: string): { dir: string; origin: string }[] {
  const out: { dir: string; origin: string }[] = [];
  const add = (dir: string | undefined, origin: string) => {
    if (dir && existsSync(dir) && !out.some((o) => o.dir === resolve(dir))) out.push({ dir: resolve(dir), origin });
  };
  if (dataDir !== undefined && !existsSync(dataDir)) throw new Error(`--data ${dataDir}: no such folder`);
  add(dataDir, `--data ${dataDir}`);
  add(process.env.BUBBLESCOPE_DATA, "$BUBBLESCOPE_DATA");
  add(SNAPSHOT_PRICE_DIR, "bundled snapshot (data/prices)");
  return out;
}

/** Reads one CSV as a raw series (split-adjusted close); throws RangeError with the file's name. */
export function readPriceFile(path: string, name = basename(path).replace(/\.csv$/i, "")): RawSeries {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new RangeError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const parsed = parsePriceCsv(text, { source: basename(path), pickFirstValue: true });
  return { name, dates: parsed.rows.dates, values: parsed.rows.close };
}

const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Every *.csv in a folder (name = file name without .csv). */
export function inputsFromDir(dir: string): ScanInput[] {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(dir);
  } catch {
    throw new Error(`${dir}: no such folder`);
  }
  if (!st.isDirectory()) throw new Error(`${dir}: not a folder`);
  const files = readdirSync(dir)
    .filter((f) => /\.csv$/i.test(f))
    .sort();
  if (files.length === 0) throw new Error(`${dir}: no .csv files`);
  return files.map((f) => {
    const path = join(dir, f);
    const name = f.replace(/\.csv$/i, "");
    try {
      return { name, origin: path, raw: readPriceFile(path, name) };
    } catch (e) {
      return { name, origin: path, error: why(e) };
    }
  });
}

/** Loads a watchlist by shipped name or from a file. */
export function loadWatchlist(nameOrFile: string): Watchlist {
  const shipped = join(watchlistDir(), `${nameOrFile}.json`);
  if (/^[a-z0-9-]+$/i.test(nameOrFile) && existsSync(shipped))
    return parseWatchlist(readFileSync(shipped, "utf8"), nameOrFile);
  if (!existsSync(nameOrFile))
    throw new Error(
      `watchlist "${nameOrFile}": neither a shipped watchlist (${shippedWatchlists().join(", ")}) nor a file`,
    );
  return parseWatchlist(readFileSync(nameOrFile, "utf8"), basename(nameOrFile).replace(/\.[a-z]+$/i, ""));
}

/** A minimal view of the data store for the scan (so this file does not load DuckDB itself). */
export interface StoreReader {
  has(id: string): Promise<boolean>;
  read(id: string): Promise<RawSeries>;
  list(): Promise<string[]>;
}

/** Where {@link inputsFromWatchlist} looks members up. */
export interface WatchlistSourceOptions {
  /** Use data up to this date (a source counts only with an observation on or before it). */
  readonly asOf?: string;
  /** The data store (searched after `dataDir`, before $BUBBLESCOPE_DATA and the snapshot). */
  readonly store?: StoreReader;
  /** --data DIR: searched first. */
  readonly dataDir?: string;
}

/** The sources searched, in order, as one line (for the scan's `meta.source`). */
export function watchlistSourcesLine(o: { dataDir?: string; storeDir?: string | null } = {}): string {
  const dirs = priceDirs(o.dataDir);
  const parts = dirs.map((d) => (d.origin.startsWith("bundled") ? d.origin : `${d.origin} (${d.dir})`));
  if (o.storeDir) parts.splice(o.dataDir !== undefined ? 1 : 0, 0, `data store ${o.storeDir}`);
  return parts.join(", then ") || "no price folder";
}

/** Resolves every member of a watchlist to a series (or its error), in the order of sources above. */
export async function inputsFromWatchlist(wl: Watchlist, options: WatchlistSourceOptions = {}): Promise<ScanInput[]> {
  const dirs = priceDirs(options.dataDir);
  const [first, rest] = options.dataDir !== undefined ? [dirs.slice(0, 1), dirs.slice(1)] : [[], dirs];
  const upTo = (raw: RawSeries) =>
    options.asOf ? raw.dates.filter((d) => d <= (options.asOf as string)).length : raw.dates.length;
  const out: ScanInput[] = [];
  for (const m of wl.members) {
    let firstError: ScanInput | null = null;
    const files = m.files.length ? m.files : candidatesFor(m.symbol, dirs);
    /** The member's best file in one folder (most observations up to as-of), or null. */
    const fromDir = (dir: string): ScanInput | null => {
      let best: ScanInput | null = null;
      let bestN = 0;
      for (const f of files) {
        const path = join(dir, f);
        if (!existsSync(path)) continue;
        try {
          const raw = { ...readPriceFile(path), name: m.symbol };
          const n = upTo(raw);
          if (n > bestN) {
            best = { name: m.symbol, origin: path, raw };
            bestN = n;
          }
        } catch (e) {
          firstError ??= { name: m.symbol, origin: path, error: why(e) };
        }
      }
      return best;
    };
    const fromStore = async (): Promise<ScanInput | null> => {
      const store = options.store;
      if (!store) return null;
      for (const id of m.store.length ? m.store : [m.symbol]) {
        if (!(await store.has(id))) continue;
        try {
          const raw = { ...(await store.read(id)), name: m.symbol };
          if (upTo(raw) > 0) return { name: m.symbol, origin: `store:${id}`, raw };
        } catch (e) {
          firstError ??= { name: m.symbol, origin: `store:${id}`, error: why(e) };
        }
      }
      return null;
    };
    let found: ScanInput | null = null;
    for (const { dir } of first) found ??= fromDir(dir);
    found ??= await fromStore();
    for (const { dir } of rest) found ??= fromDir(dir);
    const searched = [
      ...first.map((d) => d.dir),
      ...(options.store ? ["the data store"] : []),
      ...rest.map((d) => d.dir),
    ];
    out.push(
      found ??
        firstError ?? {
          name: m.symbol,
          origin: "not found",
          error: `${m.symbol}: no price series${options.asOf ? ` up to ${options.asOf}` : ""} found (${files.join(", ") || `${m.symbol.toLowerCase()}_*.csv`} in ${searched.join(", ") || "no price folder"})`,
        },
    );
  }
  return out;
}

/** Files named `<symbol>_*.csv` in the price folders (for plain symbol lists). */
function candidatesFor(symbol: string, dirs: readonly { dir: string }[]): string[] {
  const prefix = `${symbol.toLowerCase()}_`;
  const set = new Set<string>();
  for (const { dir } of dirs)
    for (const f of readdirSync(dir)) if (f.startsWith(prefix) && f.endsWith(".csv")) set.add(f);
  return [...set].sort();
}

/** Opens the data store as a {@link StoreReader} (DuckDB is loaded only here). */
export async function openStoreReader(dir?: string): Promise<StoreReader & { close(): void; dir: string }> {
  const { openStore } = await import("../data/store.ts");
  const { readPriceSeries } = await import("../data/read.ts");
  const st = await openStore(dir ? { dir } : {});
  return {
    dir: st.dir,
    close: () => st.close(),
    has: async (id) => (await st.getSeriesInfo(id)) !== undefined,
    read: async (id) => {
      const r = await readPriceSeries(id, { store: st, column: "close", missing: "drop" });
      return { name: id, dates: r.dates, values: r.values };
    },
    list: async () => (await st.listSeries()).map((s) => s.id),
  };
}

/** Every series in the store. */
export async function inputsFromStore(store: StoreReader): Promise<ScanInput[]> {
  const ids = await store.list();
  if (ids.length === 0) throw new Error("the data store holds no series (see `bubblescope data import`)");
  const out: ScanInput[] = [];
  for (const id of ids) {
    try {
      out.push({ name: id, origin: `store:${id}`, raw: await store.read(id) });
    } catch (e) {
      out.push({ name: id, origin: `store:${id}`, error: why(e) });
    }
  }
  return out;
}
