/**
 * Disk cache for critical-value tables (Node only). The key is a SHA-256 of every parameter that determines the
 * table — the replication job (method, n or data, minimum window, lag/IC, seed, generator, tb) plus nrep and the
 * BSADF rule — so a table is never reused for other settings. Each file stores its key, a format version and a
 * SHA-256 checksum of the payload. A file is used only when it parses, its key and checksum match, and its payload
 * is a well-formed table for exactly the requested parameters: method, n, minimum window, lag, IC, replications,
 * seed, generator, BSADF rule and tb equal to the request's; 90/95/99% quantile rows of three numbers, each row
 * non-decreasing; one BSADF (and BADF) row per observation after the first window. Anything else is corrupt:
 * recomputed and replaced, never trusted. (A deliberate edit that keeps all of that and recomputes the checksum
 * cannot be told from a real table by any unkeyed checksum; `--no-cache` or deleting the folder is the remedy.)
 * Writes go through the safe-write helper (temp file, fsync, rename), so an interrupted run never leaves a
 * half-written table.
 *
 * Location: $BUBBLESCOPE_CACHE, else $XDG_CACHE_HOME/bubblescope/cv, else ~/.cache/bubblescope/cv.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CriticalValues } from "../detect/psy/cv.ts";
import { jobLength, type ReplicationJob } from "../detect/psy/replicate.ts";
import { writeFileSafe } from "./safe-write.ts";

const FORMAT = 1;

/**
 * Monte Carlo critical-value tables shipped with the package (data/cv/, written by `npm run cv-tables`) for the
 * report's default settings: null-distribution tables that depend only on (n, window, lag, replications, seed), as
 * exuber ships radf_crit. Read-only; used when the user's cache misses (a test recomputes each bit-identically).
 */
export const BUNDLED_CV_DIR = fileURLToPath(new URL("../../data/cv/", import.meta.url));

/** Is this a bundled kind of table (a Monte Carlo table under the null, no data in it)? */
function bundledKind(params: unknown): boolean {
  const job = (params as { job?: { kind?: unknown } } | null)?.job;
  return job?.kind === "mc";
}

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
    const cv: unknown = JSON.parse(doc.payload);
    if (cvProblem(cv, params) !== null) return { status: "corrupt" };
    return { cv: cv as CriticalValues, status: "hit" };
  } catch {
    return { status: "corrupt" };
  }
}

/** Writes a table safely (temp file in the same folder, fsync, rename; see safe-write.ts). */
export function writeCachedCv(params: unknown, cv: CriticalValues, dir = cacheDir()): string {
  mkdirSync(dir, { recursive: true });
  const key = cacheKey(params);
  const payload = JSON.stringify(cv);
  const file = join(dir, `${key}.json`);
  writeFileSafe(file, JSON.stringify({ format: FORMAT, key, params, checksum: sha256(payload), payload }));
  return file;
}

const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

/** A quantile row: one number (or null, a NaN quantile of a degenerate table) per prob, finite ones non-decreasing. */
function rowProblem(row: unknown, width: number): string | null {
  if (!Array.isArray(row) || row.length !== width) return "a quantile row has the wrong length";
  let last = Number.NEGATIVE_INFINITY;
  for (const v of row) {
    if (v === null) continue;
    if (typeof v !== "number" || !Number.isFinite(v)) return "a quantile is not a number";
    if (v < last) return "quantiles decrease with the level";
    last = v;
  }
  return null;
}

/**
 * Why a cached payload is not a table for `params` (null when it is). `params` is the cache key's object
 * (`{ job, nrep, rule, tb }` from critical-values.ts); fields it does not carry are not compared.
 *
 * @example
 * cvProblem({}, params); // "method is missing or unknown"
 */
export function cvProblem(cv: unknown, params: unknown): string | null {
  if (!cv || typeof cv !== "object" || Array.isArray(cv)) return "not an object";
  const c = cv as Record<string, unknown>;
  if (!["mc", "wb-hlst", "wb-ps", "sb-panel"].includes(c.method as string)) return "method is missing or unknown";
  for (const k of ["n", "minWindow", "lag", "nrep", "seed", "firstIndex"] as const)
    if (!isInt(c[k]) || (c[k] as number) < 0) return `${k} is not a non-negative integer`;
  if (!["none", "aic", "bic"].includes(c.ic as string)) return "ic is unknown";
  if (!["stream", "r"].includes(c.rng as string)) return "rng is unknown";
  if (!["exuber", "psy2015", "bootstrap"].includes(c.bsadfRule as string)) return "bsadfRule is unknown";
  const probs = c.probs;
  if (
    !Array.isArray(probs) ||
    probs.length === 0 ||
    probs.some((p, i) => typeof p !== "number" || !(p > 0 && p < 1) || (i > 0 && p <= probs[i - 1]))
  )
    return "probs are not increasing levels in (0, 1)";
  const w = probs.length;
  const n = c.n as number;
  const first = c.firstIndex as number;
  if (first >= n) return "firstIndex is not inside the series";
  for (const k of ["adf", "sadf"] as const)
    if (c[k] !== null && rowProblem(c[k], w)) return `${k}: ${rowProblem(c[k], w)}`;
  if (rowProblem(c.gsadf, w)) return `gsadf: ${rowProblem(c.gsadf, w)}`;
  const rows = n - first;
  for (const k of ["bsadf", "badf"] as const) {
    const seq = c[k];
    if (seq === null && k === "badf") continue;
    if (!Array.isArray(seq) || seq.length !== rows)
      return `${k} does not have one row per observation after the first window`;
    for (const r of seq) if (rowProblem(r, w)) return `${k}: ${rowProblem(r, w)}`;
  }
  if (c.tb !== undefined && (!isInt(c.tb) || (c.tb as number) < 1)) return "tb is not a positive integer";
  // The request: every parameter the table depends on must be the one asked for.
  const p = params as { job?: ReplicationJob; nrep?: unknown; rule?: unknown; tb?: unknown } | null;
  const job = p?.job;
  if (job && typeof job === "object" && "kind" in job && job.test) {
    const want: Record<string, unknown> = {
      method: job.kind,
      n: jobLength(job),
      minWindow: job.test.m,
      lag: job.test.lag,
      ic: job.test.ic,
      seed: job.seed,
      rng: "rng" in job ? job.rng : "stream",
      firstIndex: job.test.m + job.test.lag,
      nrep: p.nrep,
      tb: p.tb,
      bsadfRule: p.rule ?? (job.kind === "mc" ? "exuber" : "bootstrap"),
    };
    for (const [k, v] of Object.entries(want))
      if (c[k] !== v) return `${k} is ${JSON.stringify(c[k])}, the request has ${JSON.stringify(v)}`;
  }
  return null;
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
    // The package's own tables (the default cache location only; BUBBLESCOPE_BUNDLED_CV=0 turns them off).
    if (options.dir === undefined && process.env.BUBBLESCOPE_BUNDLED_CV !== "0" && bundledKind(params)) {
      const b = readCachedCv(params, BUNDLED_CV_DIR);
      if (b.cv) return b.cv;
    }
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
