/**
 * Reading a price series back for analysis: the entry point for the report and the detectors. Returns one column
 * as a `Float64Array` with its ISO dates. A missing cell in the requested column is an error unless
 * `missing: "drop"` is asked for (conventions: never skip NaN silently).
 */
import type { PriceColumn } from "./price-csv.ts";
import { openStore, type SeriesInfo, type Store } from "./store.ts";

/** Options of {@link readPriceSeries}. */
export interface ReadPriceOptions {
  /** An open store, or the store directory (default: the user's store, see `resolveStoreDir`). */
  readonly store?: Store | string;
  /** Column to read (default "close"; "adj_close" for dividend-adjusted Yahoo data). */
  readonly column?: PriceColumn;
  /** What to do with a missing cell in that column: "error" (default) or "drop" the row. */
  readonly missing?: "error" | "drop";
  /** Keep only dates >= from / <= to (ISO). */
  readonly from?: string;
  readonly to?: string;
}

/** A series read for analysis. */
export interface PriceSeries {
  readonly id: string;
  readonly column: PriceColumn;
  readonly dates: readonly string[];
  readonly values: Float64Array;
  readonly info: SeriesInfo;
  /** Rows dropped because the column was missing there (only with `missing: "drop"`). */
  readonly dropped: number;
}

/**
 * Reads one column of a stored series.
 *
 * @example
 * const s = await readPriceSeries("nasdaq_composite_daily_fred", { from: "1995-01-01", to: "2003-12-31" });
 * s.values.length; // trading days in 1995-2003
 */
export async function readPriceSeries(id: string, options: ReadPriceOptions = {}): Promise<PriceSeries> {
  const column = options.column ?? "close";
  const own = typeof options.store === "string" || options.store === undefined;
  const store = own ? await openStore({ dir: options.store as string | undefined }) : (options.store as Store);
  try {
    const info = await store.getSeriesInfo(id);
    if (!info) throw new RangeError(`no series "${id}" in the store ${store.dir} (see \`bubblescope data list\`)`);
    const rows = await store.getPrices(id);
    const dates: string[] = [];
    const values: number[] = [];
    let dropped = 0;
    for (let i = 0; i < rows.dates.length; i++) {
      const d = rows.dates[i];
      if ((options.from && d < options.from) || (options.to && d > options.to)) continue;
      const v = rows[column][i];
      if (v === null) {
        if (options.missing === "drop") {
          dropped++;
          continue;
        }
        throw new RangeError(
          `series ${id}: column ${column} is missing on ${d} (pass missing: "drop" to skip such rows)`,
        );
      }
      dates.push(d);
      values.push(v);
    }
    return { id, column, dates, values: Float64Array.from(values), info, dropped };
  } finally {
    if (own) store.close();
  }
}
