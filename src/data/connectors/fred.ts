/**
 * FRED connector (Federal Reserve Bank of St. Louis). With an API key (`FRED_API_KEY`) it calls
 * `GET {api}/fred/series/observations?series_id=ID&api_key=KEY&file_type=json`, whose `observations` are
 * `{realtime_start, realtime_end, date, value}` with value "." for a missing observation (a market holiday);
 * without a key it downloads the public graph CSV `GET {site}/graph/fredgraph.csv?id=ID`, a two-column file
 * `observation_date,ID` (older downloads: `DATE,ID`) with the same "." convention. Missing observations are
 * dropped and counted, never turned into NaN. The API key never reaches the cache, the store or a message: URLs
 * are recorded with `api_key=REDACTED`.
 */
import { type Fetched, fetchSource, type SourceContext } from "../fetch-source.ts";
import { type ParsedPrices, type PriceRows, parsePriceCsv } from "../price-csv.ts";

/** Default FRED API host. */
export const FRED_API_BASE_URL = "https://api.stlouisfed.org";
/** Default FRED web host (keyless CSV). */
export const FRED_CSV_BASE_URL = "https://fred.stlouisfed.org";

const SERIES_RE = /^[A-Za-z0-9_]{1,40}$/;

function checkSeries(id: string): void {
  if (!SERIES_RE.test(id)) throw new RangeError(`invalid FRED series id ${JSON.stringify(id)}`);
}

/**
 * Parses a FRED API observations document.
 *
 * @example
 * parseFredObservations({ observations: [{ date: "2020-01-01", value: "." }, { date: "2020-01-02", value: "9092.19" }] }, "NASDAQCOM").rows.close; // [9092.19]
 */
export function parseFredObservations(doc: unknown, seriesId: string): ParsedPrices {
  if (!doc || typeof doc !== "object") throw new RangeError(`FRED ${seriesId}: the response is not a JSON object`);
  const d = doc as Record<string, unknown>;
  if (typeof d.error_message === "string") throw new Error(`FRED ${seriesId}: ${d.error_message}`);
  checkSeries(seriesId);
  if (!Array.isArray(d.observations)) throw new RangeError(`FRED ${seriesId}: no "observations" array in the response`);
  const lines = [`date,${seriesId}`];
  for (const [i, o] of d.observations.entries()) {
    const r = o as Record<string, unknown>;
    if (typeof r?.date !== "string" || typeof r?.value !== "string") {
      throw new RangeError(`FRED ${seriesId}: observation ${i + 1} has no string date/value`);
    }
    if (/[",\n\r]/.test(r.date + r.value)) throw new RangeError(`FRED ${seriesId}: observation ${i + 1} is malformed`);
    lines.push(`${r.date},${r.value}`);
  }
  if (lines.length === 1) throw new RangeError(`FRED ${seriesId}: the series has no observations`);
  return parsePriceCsv(`${lines.join("\n")}\n`, { source: `FRED ${seriesId}` });
}

/**
 * Parses a keyless FRED graph CSV (`observation_date,ID` or `DATE,ID`).
 *
 * @example
 * parseFredCsv("observation_date,GDP\n2020-01-01,21727.657\n", "GDP").rows.close; // [21727.657]
 */
export function parseFredCsv(text: string, seriesId: string): ParsedPrices {
  const parsed = parsePriceCsv(text, { source: `FRED ${seriesId}` });
  if (parsed.layout !== "fred" && parsed.layout !== "two-column") {
    throw new RangeError(
      `FRED ${seriesId}: expected a two-column date,value CSV, got columns of layout ${parsed.layout}`,
    );
  }
  return parsed;
}

/** Options of {@link fetchFredSeries}. */
export interface FredFetchOptions {
  readonly seriesId: string;
  /** API key (default $FRED_API_KEY); without one the keyless CSV is used. */
  readonly apiKey?: string;
  readonly apiBaseUrl?: string;
  readonly csvBaseUrl?: string;
}

/** A FRED series and the URL it came from. */
export interface FredSeries {
  readonly rows: PriceRows;
  readonly warnings: readonly string[];
  readonly via: "api" | "csv";
}

/** Replaces the value of `api_key=` in a URL. */
export function redactApiKey(url: string): string {
  return url.replace(/([?&]api_key=)[^&]*/gi, "$1REDACTED");
}

/**
 * Fetches one FRED series through the API (with a key) or the keyless CSV.
 *
 * @example
 * const { value } = await fetchFredSeries(ctx, { seriesId: "NASDAQCOM" });
 */
export async function fetchFredSeries(ctx: SourceContext, o: FredFetchOptions): Promise<Fetched<FredSeries>> {
  checkSeries(o.seriesId);
  const key = o.apiKey ?? process.env.FRED_API_KEY;
  if (key) {
    const base = (o.apiBaseUrl ?? process.env.BUBBLESCOPE_FRED_API_BASE_URL ?? FRED_API_BASE_URL).replace(/\/+$/, "");
    const url = `${base}/fred/series/observations?series_id=${o.seriesId}&api_key=${encodeURIComponent(key)}&file_type=json`;
    return fetchSource(ctx, {
      service: "fred",
      label: o.seriesId,
      url,
      displayUrl: redactApiKey(url),
      expect: "json",
      parse: (body) => {
        let doc: unknown;
        try {
          doc = JSON.parse(body);
        } catch {
          throw new SyntaxError(`FRED ${o.seriesId}: response is not valid JSON; truncated download?`);
        }
        const p = parseFredObservations(doc, o.seriesId);
        return { rows: p.rows, warnings: p.warnings, via: "api" as const };
      },
    });
  }
  const base = (o.csvBaseUrl ?? process.env.BUBBLESCOPE_FRED_CSV_BASE_URL ?? FRED_CSV_BASE_URL).replace(/\/+$/, "");
  const url = `${base}/graph/fredgraph.csv?id=${o.seriesId}`;
  return fetchSource(ctx, {
    service: "fred",
    label: o.seriesId,
    url,
    displayUrl: url,
    expect: "csv",
    parse: (body) => {
      const p = parseFredCsv(body, o.seriesId);
      return { rows: p.rows, warnings: p.warnings, via: "csv" as const };
    },
  });
}
