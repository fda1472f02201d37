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
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cacheDir, canonicalJson } from "./cv-cache.ts";

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
  mkdirSync(dirname(f), { recursive: true });
  const tmp = `${f}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(model));
  renameSync(tmp, f);
  return f;
}
