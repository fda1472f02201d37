/**
 * Prepares one raw price series for a scan: checks it (ISO dates strictly increasing, finite positive prices),
 * clips it at the as-of date, resamples it to weekly closes when asked, and splits it into the full history (for
 * the GSY run-up and GMO's trend) and the test window (the last `window` observations, for PSY and LPPLS).
 * Never skips a bad value silently: the first problem is thrown as a RangeError naming the series, row and value.
 * Complexity O(n).
 */
import type { ScanSettings } from "./settings.ts";

/** A named price series as read from a file or the store. */
export interface RawSeries {
  readonly name: string;
  readonly dates: readonly string[];
  readonly values: ArrayLike<number>;
}

/** A series ready for the tests. */
export interface PreparedSeries {
  readonly name: string;
  /** Whole history up to the as-of date, at the scan frequency. */
  readonly dates: readonly string[];
  readonly values: readonly number[];
  /** Index in `dates` of the first observation of the test window. */
  readonly windowStart: number;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Last observation of each ISO week (Monday-based), keeping the date of that last trading day.
 *
 * @example
 * weeklyLast(["2024-01-01", "2024-01-05", "2024-01-08"], [1, 2, 3]); // { dates: ["2024-01-05", "2024-01-08"], values: [2, 3] }
 */
export function weeklyLast(dates: readonly string[], values: ArrayLike<number>): { dates: string[]; values: number[] } {
  const outD: string[] = [];
  const outV: number[] = [];
  let key = Number.NaN;
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
    const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * 86400000;
    if (monday === key) {
      outD[outD.length - 1] = d;
      outV[outV.length - 1] = values[i];
    } else {
      key = monday;
      outD.push(d);
      outV.push(values[i]);
    }
  }
  return { dates: outD, values: outV };
}

/** Number of observations the PSY test will see (the critical-value table is shared by equal lengths). */
export function testLength(p: PreparedSeries): number {
  return p.dates.length - p.windowStart;
}

/**
 * Checks, clips, resamples and windows a series.
 *
 * @example
 * prepareSeries({ name: "x", dates, values }, resolveScanSettings(), "2025-10-31").windowStart;
 */
export function prepareSeries(raw: RawSeries, settings: ScanSettings, asOf?: string): PreparedSeries {
  const { name } = raw;
  if (raw.dates.length !== raw.values.length)
    throw new RangeError(`${name}: ${raw.dates.length} dates but ${raw.values.length} values`);
  if (asOf !== undefined && !ISO.test(asOf)) throw new RangeError(`as-of date must be YYYY-MM-DD, got "${asOf}"`);
  const dates: string[] = [];
  const values: number[] = [];
  for (let i = 0; i < raw.dates.length; i++) {
    const d = raw.dates[i];
    if (typeof d !== "string" || !ISO.test(d))
      throw new RangeError(`${name}: row ${i + 1}: date "${d}" is not YYYY-MM-DD`);
    if (i > 0 && !(d > raw.dates[i - 1]))
      throw new RangeError(`${name}: row ${i + 1}: dates not strictly increasing (${raw.dates[i - 1]}, ${d})`);
    const v = raw.values[i];
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new RangeError(`${name}: row ${i + 1} (${d}): price ${v} is not a finite number`);
    if (settings.log && !(v > 0)) throw new RangeError(`${name}: row ${i + 1} (${d}): price ${v} is not positive`);
    if (asOf !== undefined && d > asOf) break;
    dates.push(d);
    values.push(v);
  }
  const res = settings.frequency === "weekly" ? weeklyLast(dates, values) : { dates, values };
  const n = res.dates.length;
  const unit = settings.frequency === "weekly" ? "weekly observations" : "observations";
  if (n < settings.minObservations)
    throw new RangeError(
      `${name}: too short: ${n} ${unit}${asOf ? ` up to ${asOf}` : ""}, the scan needs at least ${settings.minObservations}`,
    );
  let constant = true;
  for (let i = 1; i < n && constant; i++) if (res.values[i] !== res.values[0]) constant = false;
  if (constant) throw new RangeError(`${name}: constant series (${res.values[0]}): the ADF regression is undefined`);
  const windowStart = settings.window > 0 ? Math.max(0, n - settings.window) : 0;
  return { name, dates: res.dates, values: res.values, windowStart };
}
