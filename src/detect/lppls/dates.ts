/**
 * Proleptic-Gregorian day ordinals, the time unit of the lppls reference (Python `date.toordinal()`):
 * 0001-01-01 = 1, 1970-01-01 = 719163, 2000-03-10 = 730189. Pure integer arithmetic on `Date.UTC`, which
 * uses the proleptic Gregorian calendar for every year (years 0–99 are set explicitly, because `Date.UTC`
 * maps them to 1900–1999). Complexity O(1).
 */

const EPOCH_ORDINAL = 719163; // ordinal of 1970-01-01
const MS_PER_DAY = 86400000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Day ordinal of an ISO date `YYYY-MM-DD` (Python `date.fromisoformat(s).toordinal()`).
 *
 * @throws RangeError when the string is not a valid calendar date in years 1–9999.
 * @example
 * dayOrdinal("2000-03-10"); // 730189
 * dayOrdinal("0001-01-01"); // 1
 */
export function dayOrdinal(iso: string): number {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`date must be YYYY-MM-DD, got "${iso}"`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new RangeError(`not a calendar date: "${iso}"`);
  }
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(0, 0, 0, 0);
  return Math.round(date.getTime() / MS_PER_DAY) + EPOCH_ORDINAL;
}

/**
 * ISO date of a day ordinal; non-integer ordinals are floored (a tc of 730189.7 falls on 2000-03-10).
 * Returns "NaT" for non-finite values or ordinals outside years 1–9999 (as lppls's `ordinal_to_date`).
 *
 * @example
 * ordinalToDate(730189); // "2000-03-10"
 * ordinalToDate(730190.7); // "2000-03-11"
 */
export function ordinalToDate(ordinal: number): string {
  if (!Number.isFinite(ordinal)) return "NaT";
  const day = Math.floor(ordinal);
  if (day < 1 || day > 3652059) return "NaT";
  const date = new Date((day - EPOCH_ORDINAL) * MS_PER_DAY);
  const y = date.getUTCFullYear();
  const mo = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * Whether `y` is a Gregorian leap year.
 *
 * @example
 * isLeapYear(1900); // false
 */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, mo: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
}
