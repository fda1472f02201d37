/**
 * Price series for the report: read from a folder of CSVs in the project's price format
 * (`date,open,high,low,close,adj_close,volume`, or FRED-style `date,close`), resampled to weekly closes (last
 * trading day of each ISO week) for the econometric tests. Which folder: `--data DIR`, else $BUBBLESCOPE_DATA,
 * else the shared research folder beside the repository (../shared/data/prices) when present.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readSeriesTable } from "../data/csv.ts";

export interface PriceSeries {
  /** Provenance id, e.g. "prices:nasdaq_composite_daily_fred". */
  readonly id: string;
  readonly file: string;
  readonly label: string;
  readonly dates: string[];
  readonly values: number[];
}

const here = dirname(fileURLToPath(import.meta.url));

/** Resolves the price folder, or null when there is none. */
export function resolvePriceDir(explicit?: string): { dir: string | null; origin: string } {
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`--data ${explicit}: no such folder`);
    return { dir: resolve(explicit), origin: "--data" };
  }
  if (process.env.BUBBLESCOPE_DATA && existsSync(process.env.BUBBLESCOPE_DATA))
    return { dir: resolve(process.env.BUBBLESCOPE_DATA), origin: "BUBBLESCOPE_DATA" };
  const shared = resolve(here, "../../../shared/data/prices");
  if (existsSync(shared)) return { dir: shared, origin: "shared research folder (../shared/data/prices)" };
  return { dir: null, origin: "none" };
}

/** Loads one file's (split-adjusted) closes between optional dates. */
export function loadPriceFile(
  dir: string,
  file: string,
  label: string,
  from?: string,
  to?: string,
): PriceSeries | null {
  const path = join(dir, file);
  if (!existsSync(path)) return null;
  const text = readFileSync(path, "utf8");
  const header = text
    .slice(0, text.indexOf("\n"))
    .split(",")
    .map((h) => h.trim());
  // The split-adjusted close, not the dividend-adjusted one: valuations (P/E from EPS) need the traded price basis.
  const col = header.includes("close") ? "close" : "Close";
  const dateCol = header.includes("date") ? "date" : "Date";
  const t = readSeriesTable(text, { source: file, columns: [col], dateColumn: dateCol, missing: "drop" });
  const dates: string[] = [];
  const values: number[] = [];
  t.dates!.forEach((d, i) => {
    if ((from && d < from) || (to && d > to)) return;
    dates.push(d);
    values.push(t.columns[0].values[i]);
  });
  return { id: `prices:${file.replace(/\.csv$/, "")}`, file, label, dates, values };
}

/** Last close of each ISO week (Monday-based), keeping the date of that last trading day. */
export function weeklyCloses(s: PriceSeries): PriceSeries {
  const dates: string[] = [];
  const values: number[] = [];
  let key = "";
  s.dates.forEach((d, i) => {
    const k = isoWeekKey(d);
    if (k === key) {
      dates[dates.length - 1] = d;
      values[values.length - 1] = s.values[i];
    } else {
      key = k;
      dates.push(d);
      values.push(s.values[i]);
    }
  });
  return { ...s, dates, values };
}

function isoWeekKey(d: string): string {
  const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  const day = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(t - day * 86400000).toISOString().slice(0, 10);
}
