/**
 * Disk cache for critical-value tables (Node only). The key is a SHA-256 of every parameter that determines the
 * table — the replication job (method, n or data, minimum window, lag/IC, seed, generator, tb) plus nrep and the
 * BSADF rule — so a table is never reused for other settings. Each file stores its key, a format version and a
 * SHA-256 checksum of the payload; a file that fails to parse, or whose key or checksum does not match, is treated
 * as corrupt: it is recomputed and replaced, never trusted. Writes go to a temporary file that is renamed into
 * place, so an interrupted run never leaves a half-written table.
 *
 * Location: $BUBBLESCOPE_CACHE, else $XDG_CACHE_HOME/bubblescope/cv, else ~/.cache/bubblescope/cv.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { CriticalValues } from "../detect/psy/cv.ts";

const FORMAT = 1;

export function cacheDir(): string {
  if (process.env.BUBBLESCOPE_CACHE) return process.env.BUBBLESCOPE_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "bubblescope", "cv");
}

function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

/** Stable JSON (sorted keys) so equal parameters always hash alike. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

export function cacheKey(params: unknown): string {
  return sha256(`bubblescope-cv-v${FORMAT}:${canonicalJson(params)}`);
}

export type CacheStatus = "hit" | "miss" | "corrupt";

/** Returns the cached table, or undefined with the reason ("miss" or "corrupt"). */
export function readCachedCv(params: unknown, dir = cacheDir()): { cv?: CriticalValues; status: CacheStatus } {
  const key = cacheKey(params);
  const file = join(dir, `${key}.json`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { status: "miss" };
  }
  try {
    const doc = JSON.parse(text) as { format: number; key: string; checksum: string; payload: string };
    if (
      doc.format !== FORMAT ||
      doc.key !== key ||
      typeof doc.payload !== "string" ||
      sha256(doc.payload) !== doc.checksum
    ) {
      return { status: "corrupt" };
    }
    return { cv: JSON.parse(doc.payload) as CriticalValues, status: "hit" };
  } catch {
    return { status: "corrupt" };
  }
}

/** Writes a table atomically (temp file + rename). */
export function writeCachedCv(params: unknown, cv: CriticalValues, dir = cacheDir()): string {
  mkdirSync(dir, { recursive: true });
  const key = cacheKey(params);
  const payload = JSON.stringify(cv);
  const file = join(dir, `${key}.json`);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ format: FORMAT, key, params, checksum: sha256(payload), payload }));
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return file;
}

/** Cache-through: the cached table when valid, otherwise `compute()` stored and returned. */
export async function cachedCv(
  params: unknown,
  compute: () => Promise<CriticalValues>,
  options: { dir?: string; enabled?: boolean; onStatus?: (s: CacheStatus) => void } = {},
): Promise<CriticalValues> {
  const enabled = options.enabled ?? true;
  if (enabled) {
    const r = readCachedCv(params, options.dir);
    options.onStatus?.(r.status);
    if (r.cv) return r.cv;
  }
  const cv = await compute();
  if (enabled) {
    try {
      writeCachedCv(params, cv, options.dir);
    } catch {
      // An unwritable cache must not fail the analysis; the table is simply recomputed next time.
    }
  }
  return cv;
}
