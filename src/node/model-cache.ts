/**
 * On-disk cache of the dashboard's report model, keyed by a hash of everything the model depends on: the ledger
 * and deal files' text, the price series and SEC rows read (`ReportInputs`), the seed, the PSY replications, the
 * Monte Carlo draws and the code version (package version + a hash of the package's own module files, so an edited
 * or upgraded install never serves a stale model). A restart with the same inputs reads the model back at once.
 *
 * Location: `<cv cache dir>/models/<sha256>.json` ($BUBBLESCOPE_CACHE, else ~/.cache/bubblescope/cv). Written to
 * a temporary file and renamed, so a crash never leaves half a model; an unreadable entry is a miss.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cacheDir, canonicalJson } from "./cv-cache.ts";
import { writeFileSafe } from "./safe-write.ts";

const FORMAT = 1;
let codeHash: string | null = null;

/** sha256 over the package's module files (src/ or dist/, wherever this module runs from); computed once. */
export function codeVersion(version: string): string {
  if (codeHash === null) {
    const root = join(dirname(fileURLToPath(import.meta.url)), "..");
    const h = createHash("sha256");
    const walk = (d: string) => {
      for (const name of readdirSync(d).sort()) {
        const p = join(d, name);
        const st = statSync(p);
        if (st.isDirectory()) {
          if (name !== "client" && name !== "node_modules") walk(p);
        } else if (/\.(ts|js|mjs)$/.test(name) && !name.endsWith(".map")) {
          h.update(name);
          h.update(readFileSync(p));
        }
      }
    };
    walk(root);
    codeHash = h.digest("hex").slice(0, 16);
  }
  return `${version}+${codeHash}`;
}

/** The cache key of a model: sha256 of the canonical JSON of its inputs. */
export function modelKey(inputs: unknown): string {
  return createHash("sha256")
    .update(`bubblescope-model-v${FORMAT}:${canonicalJson(inputs)}`)
    .digest("hex");
}

function file(key: string, dir: string): string {
  return join(dir, "models", `${key}.json`);
}

/** The cached model, or undefined on a miss or an unreadable entry. */
export function readCachedModel<T>(key: string, dir = cacheDir()): T | undefined {
  const f = file(key, dir);
  if (!existsSync(f)) return undefined;
  try {
    return JSON.parse(readFileSync(f, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** Stores a model (atomically); returns the file. */
export function writeCachedModel(key: string, model: unknown, dir = cacheDir()): string {
  const f = file(key, dir);
  writeFileSafe(f, JSON.stringify(model), { mkdir: true });
  return f;
}

/** sha256 over the files of a folder (names and bytes, sorted), e.g. data/macro; "" when the folder is absent. */
export function folderHash(dir: string): string {
  if (!existsSync(dir)) return "";
  const h = createHash("sha256");
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (!statSync(p).isFile()) continue;
    h.update(name);
    h.update(readFileSync(p));
  }
  return h.digest("hex");
}

/**
 * A stamp of the breadth section's other sources: the shipped watchlists, the bundled snapshot, $BUBBLESCOPE_DATA
 * (folder hashes) and the data store file (size and modification time: any write to the store changes it).
 */
export function breadthSources(o: { readonly dataDir?: string; readonly storeDb?: string }): unknown {
  const stamp = (f: string | undefined) => {
    if (!f || !existsSync(f)) return null;
    const st = statSync(f);
    return [st.size, st.mtimeMs];
  };
  const env = process.env.BUBBLESCOPE_DATA;
  return {
    watchlists: folderHash(fileURLToPath(new URL("../../data/watchlists/", import.meta.url))),
    snapshot: folderHash(fileURLToPath(new URL("../../data/prices/", import.meta.url))),
    data: o.dataDir ? folderHash(o.dataDir) : null,
    env: env ? folderHash(env) : null,
    store: o.dataDir ? null : stamp(o.storeDb),
  };
}

/** The bundled market-wide data (CAPE, equities/GDP, technology proxies) the report's macro section reads. */
const MACRO_DATA_DIR = fileURLToPath(new URL("../../data/macro/", import.meta.url));

/**
 * The cache key of a report model: everything `buildReport` reads. One function for the report command and the
 * dashboard server, so the two share cache entries whenever their inputs agree.
 */
export function reportModelKey(o: {
  readonly ledgerText: string;
  readonly dealsText: string;
  /** The predictions ledger's text and the date statuses are judged at (null when the model carries none). */
  readonly predictionsText: string | null;
  readonly today: string | null;
  readonly asOf: string | null;
  readonly inputs: { readonly roles: unknown; readonly secFigures: unknown; readonly snapshot: unknown };
  readonly seed: number;
  readonly nrep: number;
  readonly draws: number;
  /** Tool and report-format version (the package version is added with a hash of the code). */
  readonly version: string;
  /**
   * Anything else the model reads beyond `inputs` (the breadth section's watchlists and member prices: folder
   * hashes of the watchlists, the bundled snapshot and $BUBBLESCOPE_DATA, and the data store's size and time).
   */
  readonly sources?: unknown;
}): string {
  return modelKey({
    ledger: o.ledgerText,
    deals: o.dealsText,
    predictions: o.predictionsText,
    today: o.predictionsText === null ? null : o.today,
    asOf: o.asOf,
    roles: o.inputs.roles,
    sec: o.inputs.secFigures,
    snapshot: o.inputs.snapshot,
    macro: folderHash(MACRO_DATA_DIR),
    sources: o.sources ?? null,
    seed: o.seed,
    nrep: o.nrep,
    draws: o.draws,
    code: codeVersion(o.version),
  });
}

/** Rendered charts of a cached model: SVG text and PNG bytes by chart name. */
export interface CachedCharts {
  readonly svgs: ReadonlyMap<string, string>;
  readonly pngs: ReadonlyMap<string, Uint8Array>;
}

/** The charts cached beside a model (`<key>.charts.json`), or undefined on a miss or an unreadable entry. */
export function readCachedCharts(key: string, dir = cacheDir()): CachedCharts | undefined {
  const doc = readCachedModel<{ svgs: [string, string][]; pngs: [string, string][] }>(`${key}.charts`, dir);
  if (!doc || !Array.isArray(doc.svgs) || !Array.isArray(doc.pngs)) return undefined;
  return {
    svgs: new Map(doc.svgs),
    pngs: new Map(doc.pngs.map(([n, b64]) => [n, new Uint8Array(Buffer.from(b64, "base64"))])),
  };
}

/** Caches rendered charts beside their model (atomically). */
export function writeCachedCharts(key: string, charts: CachedCharts, dir = cacheDir()): string {
  return writeCachedModel(
    `${key}.charts`,
    {
      svgs: [...charts.svgs],
      pngs: [...charts.pngs].map(([n, png]) => [n, Buffer.from(png).toString("base64")]),
    },
    dir,
  );
}
