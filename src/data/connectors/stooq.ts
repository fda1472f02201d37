/**
 * Daily prices from Stooq: `GET {base}/q/d/l/?s=SYMBOL&i=d` returns `Date,Open,High,Low,Close,Volume` CSV
 * (US shares take a `.us` suffix, indices a caret: `nvda.us`, `^sox`). Stooq answers unknown symbols with the
 * plain text "No data" and throttled clients with "Exceeded the daily hits limit", both with status 200, and
 * may serve an HTML page; all three fail with a clear message instead of an empty or garbage series. Stooq
 * prices are split-adjusted. Also a generic connector for any CSV URL in one of the importer's layouts.
 */
import { type Fetched, fetchSource, type SourceContext } from "../fetch-source.ts";
import { type ParsedPrices, parsePriceCsv } from "../price-csv.ts";

/** Default Stooq host. */
export const STOOQ_BASE_URL = "https://stooq.com";

/**
 * Parses a Stooq CSV body, rejecting Stooq's plain-text refusals.
 *
 * @example
 * parseStooqCsv("Date,Open,High,Low,Close,Volume\n2024-01-02,49.2,49.3,47.6,48.1,411254000\n", "nvda.us").rows.close; // [48.1]
 */
export function parseStooqCsv(text: string, symbol: string): ParsedPrices {
  const head = text.slice(0, 200).trim();
  if (/^no data/i.test(head)) throw new RangeError(`Stooq has no data for symbol "${symbol}"`);
  if (/exceeded the daily hits limit/i.test(head)) {
    throw new Error(
      `Stooq refused the download for "${symbol}": daily hits limit exceeded; try tomorrow or import a CSV file`,
    );
  }
  const parsed = parsePriceCsv(text, { source: `Stooq ${symbol}` });
  if (parsed.layout !== "ohlcv" || !parsed.mapping.open || !parsed.mapping.high || !parsed.mapping.low)
    throw new RangeError(`Stooq ${symbol}: expected Date,Open,High,Low,Close,Volume columns`);
  return parsed;
}

/** Options of {@link fetchStooqDaily}. */
export interface StooqFetchOptions {
  /** Stooq symbol, e.g. "nvda.us", "^sox". */
  readonly symbol: string;
  readonly baseUrl?: string;
}

/**
 * Fetches a daily Stooq series.
 *
 * @example
 * const { value } = await fetchStooqDaily(ctx, { symbol: "nvda.us" });
 */
export async function fetchStooqDaily(ctx: SourceContext, o: StooqFetchOptions): Promise<Fetched<ParsedPrices>> {
  if (!/^[\^A-Za-z0-9._-]{1,30}$/.test(o.symbol))
    throw new RangeError(`invalid Stooq symbol ${JSON.stringify(o.symbol)}`);
  const base = (o.baseUrl ?? process.env.BUBBLESCOPE_STOOQ_BASE_URL ?? STOOQ_BASE_URL).replace(/\/+$/, "");
  const url = `${base}/q/d/l/?s=${encodeURIComponent(o.symbol.toLowerCase())}&i=d`;
  return fetchSource(ctx, {
    service: "stooq",
    label: o.symbol,
    url,
    displayUrl: url,
    expect: "csv",
    parse: (body) => parseStooqCsv(body, o.symbol),
  });
}

/**
 * Fetches any CSV URL in one of the importer's layouts (Yahoo-style OHLCV, FRED, two-column).
 *
 * @example
 * const { value } = await fetchCsvUrl(ctx, "https://example.org/prices.csv", { valueCol: "Close" });
 */
export async function fetchCsvUrl(
  ctx: SourceContext,
  url: string,
  options: { dateCol?: string; valueCol?: string } = {},
): Promise<Fetched<ParsedPrices>> {
  if (!/^https?:\/\//i.test(url)) throw new RangeError(`not an http(s) URL: ${url}`);
  return fetchSource(ctx, {
    service: "csv-url",
    label: new URL(url).host,
    url,
    displayUrl: url,
    expect: "csv",
    parse: (body) => parsePriceCsv(body, { source: url, ...options }),
  });
}
