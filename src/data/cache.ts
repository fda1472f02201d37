/**
 * Disk cache of downloaded responses, one entry per request: `<key>.body` (the raw text) and `<key>.meta.json`
 * (URL with secrets redacted, retrieval time, sha256 and byte length of the body). Both are written atomically
 * (temporary file, fsync, rename), body first, meta last, so a reader sees either the previous entry or the new
 * one; an entry whose body does not match its recorded checksum (a crash between the two renames, disk damage,
 * a hand edit) is treated as absent and reported by {@link DiskCache.verify}. Leftover temporary files from an
 * interrupted write are never read and are removed by {@link DiskCache.clean}.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileSafe } from "../node/safe-write.ts";

/** What the cache records beside each body. */
export interface CacheMeta {
  readonly key: string;
  /** Source URL, secrets redacted. */
  readonly url: string;
  /** ISO time of the download. */
  readonly retrievedAt: string;
  /** sha256 of the body bytes, hex. */
  readonly sha256: string;
  readonly bytes: number;
  readonly contentType: string;
}

/** A cache hit. */
export interface CacheEntry {
  readonly meta: CacheMeta;
  readonly body: string;
}

/** The result of {@link DiskCache.verify}. */
export interface CacheReport {
  readonly ok: readonly string[];
  /** Entries whose body is missing or does not match the checksum. */
  readonly corrupt: readonly string[];
  /** Bodies without a meta file (a write interrupted between the two renames). */
  readonly orphans: readonly string[];
  /** Temporary files left by an interrupted write. */
  readonly temps: readonly string[];
}

const KEY_RE = /^[A-Za-z0-9_.^-]{1,160}$/;
/** Temporaries of an interrupted write: the safe-write helper's `.NAME.PID-HEX.tmp`, and the older `NAME.tmp-HEX`. */
const TMP_RE = /^\..+\.\d+-[0-9a-f]+\.tmp$|\.tmp-[0-9a-f]+$/;

/**
 * Makes a cache key: a readable prefix plus a hash of the full request identity.
 *
 * @example
 * cacheKey("sec", "CIK0000789019", "https://data.sec.gov/api/xbrl/companyfacts/CIK0000789019.json"); // "sec-CIK0000789019-3f2a…"
 */
export function cacheKey(service: string, label: string, identity: string): string {
  const safe = label.replace(/[^A-Za-z0-9_.^-]/g, "_").slice(0, 80);
  return `${service}-${safe}-${createHash("sha256").update(identity).digest("hex").slice(0, 16)}`;
}

function writeAtomic(file: string, data: string): void {
  writeFileSafe(file, data);
}

/** A directory of cached responses. */
export class DiskCache {
  constructor(readonly dir: string) {}

  private paths(key: string): { body: string; meta: string } {
    if (!KEY_RE.test(key)) throw new RangeError(`invalid cache key ${JSON.stringify(key)}`);
    return { body: join(this.dir, `${key}.body`), meta: join(this.dir, `${key}.meta.json`) };
  }

  /** Returns the entry when present and intact, else undefined. */
  get(key: string): CacheEntry | undefined {
    const p = this.paths(key);
    let meta: CacheMeta;
    let buf: Buffer;
    try {
      meta = JSON.parse(readFileSync(p.meta, "utf8")) as CacheMeta;
      buf = readFileSync(p.body);
    } catch {
      return undefined;
    }
    // The meta must be this entry's and well formed; the body must match its recorded length and sha256.
    if (
      !meta ||
      typeof meta !== "object" ||
      meta.key !== key ||
      typeof meta.url !== "string" ||
      typeof meta.retrievedAt !== "string" ||
      typeof meta.contentType !== "string" ||
      !Number.isSafeInteger(meta.bytes) ||
      !/^[0-9a-f]{64}$/.test(String(meta.sha256))
    )
      return undefined;
    if (buf.length !== meta.bytes || createHash("sha256").update(buf).digest("hex") !== meta.sha256) return undefined;
    return { meta, body: buf.toString("utf8") };
  }

  /** Stores a body atomically (body first, then meta) and returns its meta. */
  put(key: string, body: string, info: { url: string; retrievedAt: string; contentType: string }): CacheMeta {
    const p = this.paths(key);
    mkdirSync(this.dir, { recursive: true });
    const buf = Buffer.from(body, "utf8");
    const meta: CacheMeta = {
      key,
      url: info.url,
      retrievedAt: info.retrievedAt,
      sha256: createHash("sha256").update(buf).digest("hex"),
      bytes: buf.length,
      contentType: info.contentType,
    };
    writeAtomic(p.body, body);
    writeAtomic(p.meta, `${JSON.stringify(meta, null, 1)}\n`);
    return meta;
  }

  /** Checks every entry without changing anything. */
  verify(): CacheReport {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return { ok: [], corrupt: [], orphans: [], temps: [] };
    }
    const ok: string[] = [];
    const corrupt: string[] = [];
    const orphans: string[] = [];
    const temps = names.filter((n) => TMP_RE.test(n));
    const metas = new Set(names.filter((n) => n.endsWith(".meta.json")).map((n) => n.slice(0, -".meta.json".length)));
    for (const key of metas) (this.get(key) ? ok : corrupt).push(key);
    for (const n of names) {
      if (n.endsWith(".body") && !metas.has(n.slice(0, -".body".length))) orphans.push(n.slice(0, -".body".length));
    }
    return { ok: ok.sort(), corrupt: corrupt.sort(), orphans: orphans.sort(), temps: temps.sort() };
  }

  /** Removes temporary files, orphan bodies and corrupt entries; returns how many files were removed. */
  clean(): number {
    const r = this.verify();
    let n = 0;
    const rm = (f: string): void => {
      rmSync(join(this.dir, f), { force: true });
      n++;
    };
    for (const t of r.temps) rm(t);
    for (const k of r.orphans) rm(`${k}.body`);
    for (const k of r.corrupt) {
      rm(`${k}.body`);
      rm(`${k}.meta.json`);
    }
    return n;
  }
}
