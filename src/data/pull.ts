/**
 * `data pull`: fetches the universe item by item (FRED, Stooq, SEC), writes each into the store in its own
 * transaction, and returns a summary of what came from where. A failing item is recorded and the pull goes on;
 * SEC items are skipped (not failed) when no User-Agent is declared. Each item is fetched and parsed completely
 * before its store transaction starts, and the cache only receives validated bodies, so killing the process at
 * any moment leaves the store and the cache consistent (at worst the last item is missing).
 */
import { DiskCache } from "./cache.ts";
import { fetchFredSeries } from "./connectors/fred.ts";
import { fetchCompanyFacts, resolveSecUserAgent } from "./connectors/sec.ts";
import { fetchStooqDaily } from "./connectors/stooq.ts";
import type { SourceContext } from "./fetch-source.ts";
import type { HttpOptions } from "./http.ts";
import { storePaths } from "./paths.ts";
import type { Store } from "./store.ts";
import { DEFAULT_UNIVERSE, type UniverseItem } from "./universe.ts";

/** Options of {@link pullUniverse}. */
export interface PullOptions {
  readonly items?: readonly UniverseItem[];
  readonly offline?: boolean;
  /** Reuse cache entries younger than this (ms). */
  readonly maxAgeMs?: number;
  /** Declared SEC User-Agent (default $BUBBLESCOPE_SEC_USER_AGENT). */
  readonly secUserAgent?: string;
  readonly http?: HttpOptions;
  /** Progress callback: items done, total, current item id. */
  readonly onProgress?: (done: number, total: number, id: string) => void;
}

/** One line of the pull summary. */
export interface PullSummaryRow {
  readonly id: string;
  readonly kind: UniverseItem["kind"];
  readonly status: "ok" | "failed" | "skipped";
  /** "network", "cache" or "" when nothing was read. */
  readonly from: "network" | "cache" | "";
  readonly url: string;
  readonly rows: number;
  /** First..last date for series, the latest fiscal year for fundamentals. */
  readonly span: string;
  readonly message: string;
}

/**
 * Pulls every item into `store`, using `<store dir>/cache` as the HTTP cache.
 *
 * @example
 * const summary = await pullUniverse(store, { offline: true });
 */
export async function pullUniverse(store: Store, options: PullOptions = {}): Promise<PullSummaryRow[]> {
  const items = options.items ?? DEFAULT_UNIVERSE;
  const ctx: SourceContext = {
    cache: new DiskCache(storePaths(store.dir).cache),
    offline: options.offline ?? false,
    ...(options.maxAgeMs === undefined ? {} : { maxAgeMs: options.maxAgeMs }),
    ...(options.http ? { http: options.http } : {}),
  };
  let secUa: string | undefined;
  let secUaError: string | undefined;
  try {
    secUa = resolveSecUserAgent(options.secUserAgent);
  } catch (err) {
    secUaError = (err as Error).message;
  }
  const out: PullSummaryRow[] = [];
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    options.onProgress?.(k, items.length, it.id);
    out.push(await pullOne(store, ctx, it, secUa, secUaError));
  }
  options.onProgress?.(items.length, items.length, "");
  return out;
}

/** Stores a downloaded price series with its provenance and returns its summary row. */
async function storeFetched(
  store: Store,
  base: { id: string; kind: UniverseItem["kind"] },
  r: {
    value: { rows: Parameters<Store["putSeries"]>[1]; warnings: readonly string[] };
    meta: { url: string; retrievedAt: string; sha256: string; bytes: number };
    fromCache: boolean;
  },
  meta: Parameters<Store["putSeries"]>[0],
  source: string,
): Promise<PullSummaryRow> {
  const info = await store.putSeries(meta, r.value.rows, {
    source,
    sourceUrl: r.meta.url,
    retrievedAt: r.meta.retrievedAt,
    checksum: r.meta.sha256,
    bytes: r.meta.bytes,
  });
  return {
    ...base,
    status: "ok",
    from: r.fromCache ? "cache" : "network",
    url: r.meta.url,
    rows: info.rows,
    span: `${info.firstDate}..${info.lastDate}`,
    message: r.value.warnings.join("; "),
  };
}

async function pullOne(
  store: Store,
  ctx: SourceContext,
  it: UniverseItem,
  secUa: string | undefined,
  secUaError: string | undefined,
): Promise<PullSummaryRow> {
  const base = { id: it.id, kind: it.kind };
  try {
    if (it.kind === "fred") {
      const r = await fetchFredSeries(ctx, { seriesId: it.seriesId });
      return await storeFetched(
        store,
        base,
        r,
        {
          id: it.id,
          ticker: it.seriesId,
          name: it.name,
          source: `fred-${r.value.via}`,
          adjusted: false,
          valueColumn: it.seriesId,
          warnings: r.value.warnings,
        },
        "fred",
      );
    }
    if (it.kind === "stooq") {
      const r = await fetchStooqDaily(ctx, { symbol: it.symbol });
      return await storeFetched(
        store,
        base,
        r,
        {
          id: it.id,
          ticker: it.ticker,
          name: it.name,
          source: "stooq",
          adjusted: true,
          valueColumn: r.value.mapping.close ?? "Close",
          warnings: r.value.warnings,
        },
        "stooq",
      );
    }
    if (!secUa) return { ...base, status: "skipped", from: "", url: "", rows: 0, span: "", message: secUaError ?? "" };
    const r = await fetchCompanyFacts(ctx, { ticker: it.ticker, cik: it.cik, userAgent: secUa });
    const f = r.value;
    await store.putFundamentals(it.ticker, f.rows, {
      source: "sec",
      sourceUrl: r.meta.url,
      retrievedAt: r.meta.retrievedAt,
      checksum: r.meta.sha256,
      bytes: r.meta.bytes,
      note: `${f.entityName}; concepts ${f.report.conceptsUsed.join(", ")}`,
    });
    const fy = Math.max(...f.rows.filter((x) => x.periodType === "annual").map((x) => x.fiscalYear ?? 0), 0);
    const msg = f.report.missingMetrics.length ? `no data for ${f.report.missingMetrics.join(", ")}` : "";
    return {
      ...base,
      status: "ok",
      from: r.fromCache ? "cache" : "network",
      url: r.meta.url,
      rows: f.rows.length,
      span: fy ? `to FY${fy}` : "",
      message: msg,
    };
  } catch (err) {
    return {
      ...base,
      status: "failed",
      from: "",
      url: "",
      rows: 0,
      span: "",
      message: (err as Error).message.split("\n")[0],
    };
  }
}
