/**
 * Cache-or-network fetch shared by the connectors. A response is parsed (the connector's `parse`) before it is
 * cached, so a truncated JSON, a captcha page or an empty CSV never lands in the cache; a cached entry younger than
 * `maxAgeMs` is reused without a request; `offline` uses the cache only, with a clear message when the entry is
 * missing.
 */
import { type CacheMeta, cacheKey, type DiskCache } from "./cache.ts";
import { type Expect, type HttpOptions, httpGet } from "./http.ts";

/** Shared settings of one pull. */
export interface SourceContext {
  readonly cache: DiskCache;
  /** Use the cache only (default false). */
  readonly offline?: boolean;
  /** Reuse cache entries younger than this (ms; default 12 h; 0 = always download). */
  readonly maxAgeMs?: number;
  /** HTTP settings (timeouts, retries, jitter source, sleep). */
  readonly http?: HttpOptions;
  /** Clock (default `() => new Date()`). */
  readonly now?: () => Date;
}

/** One request of a connector. */
export interface SourceRequest<T> {
  /** Service name for the cache key and messages: "sec", "fred", "stooq", "csv-url". */
  readonly service: string;
  /** Readable part of the cache key, e.g. the CIK or the symbol. */
  readonly label: string;
  /** The real URL (may contain an API key). */
  readonly url: string;
  /** The URL to record and show (API key redacted). */
  readonly displayUrl: string;
  readonly expect: Expect;
  /** Per-service HTTP settings (User-Agent, rate limiter), merged over the context's. */
  readonly http?: HttpOptions;
  /** Parses and validates the body; throws on bad content (then nothing is cached). */
  readonly parse: (body: string) => T;
}

/** A parsed response and where it came from. */
export interface Fetched<T> {
  readonly value: T;
  readonly meta: CacheMeta;
  readonly fromCache: boolean;
}

/** Default cache age: 12 hours. */
export const DEFAULT_MAX_AGE_MS = 12 * 3600 * 1000;

/**
 * Fetches (or reads from the cache) and parses one resource.
 *
 * @example
 * const r = await fetchSource(ctx, { service: "fred", label: "GDP", url, displayUrl: url, expect: "csv", parse: parseFredCsv });
 */
export async function fetchSource<T>(ctx: SourceContext, req: SourceRequest<T>): Promise<Fetched<T>> {
  const key = cacheKey(req.service, req.label, req.displayUrl);
  const now = ctx.now ?? (() => new Date());
  const cached = ctx.cache.get(key);
  const maxAge = ctx.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  if (cached && (ctx.offline || now().getTime() - Date.parse(cached.meta.retrievedAt) < maxAge)) {
    try {
      return { value: req.parse(cached.body), meta: cached.meta, fromCache: true };
    } catch (err) {
      // A cached body this version cannot parse: an error offline, otherwise download it again.
      if (ctx.offline) throw err;
    }
  }
  if (ctx.offline) {
    throw new Error(`${req.displayUrl} is not in the cache; run once without --offline to download it`);
  }
  const res = await httpGet(req.url, req.expect, { ...ctx.http, ...req.http, displayUrl: req.displayUrl });
  const value = req.parse(res.body);
  const meta = ctx.cache.put(key, res.body, {
    url: req.displayUrl,
    retrievedAt: now().toISOString(),
    contentType: res.contentType,
  });
  return { value, meta, fromCache: false };
}
