/**
 * Parses the ledger's `as_of` period strings into explicit date intervals, so that point-in-time queries
 * ("what was known on 2000-03-10?") compare dates, never strings.
 *
 * Accepted forms (all seen in the ledger): `2000`, `2001-12`, `2000-03-27`, `2000-Q4`, `Q2-2001`, `2000-H2`,
 * `2001 (summer)`, `FY2025` (calendar year), `FY2025 (Jan)` (fiscal year ending January 2025), `FQ4-2001 (Sep)`,
 * `FQ1-2025 (Sep 2024)`, `FQ1-2026 (to 2025-08-31)`, `Q3-2025 (Sep)`, ranges `2020-2024`, `c.2002-2005`,
 * `2000-03 to 2002-10`, `2025-10/11`, `17 months to 2025-10`, and fiscal years with a publication note such as
 * `FY2025 (guidance, Oct 2025)` (the note's date becomes `published`). Complexity O(length of the string).
 */

/** A closed date interval [start, end] in ISO form, plus the publication date when the string states one. */
export interface Period {
  readonly start: string;
  readonly end: string;
  /** Date the figure was published, when the as-of string says so (guidance, forecast). */
  readonly published: string | null;
  /** True for "c." (circa) periods. */
  readonly approximate: boolean;
}

const MONTHS: Readonly<Record<string, number>> = Object.freeze({
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
});

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function daysInMonth(y: number, m: number): number {
  return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

function monthStart(y: number, m: number): string {
  return `${y}-${pad(m)}-01`;
}

function monthEnd(y: number, m: number): string {
  return `${y}-${pad(m)}-${pad(daysInMonth(y, m))}`;
}

/** Shifts (y, m) by k months (k may be negative). */
function addMonths(y: number, m: number, k: number): [number, number] {
  const t = y * 12 + (m - 1) + k;
  return [Math.floor(t / 12), (t % 12) + 1];
}

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Parses a single point-like token (year, month, day, quarter, half) into an interval. */
function parseSimple(s: string): { start: string; end: string } | undefined {
  let m = /^(\d{4})$/.exec(s);
  if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return undefined;
    return { start: monthStart(y, mo), end: monthEnd(y, mo) };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDay(y, mo, d)) return undefined;
    return { start: s, end: s };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(s) ?? /^Q([1-4])-(\d{4})$/.exec(s);
  if (m) {
    const y = Number(s.startsWith("Q") ? m[2] : m[1]);
    const q = Number(s.startsWith("Q") ? m[1] : m[2]);
    return { start: monthStart(y, 3 * q - 2), end: monthEnd(y, 3 * q) };
  }
  m = /^(\d{4})-H([12])$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    return m[2] === "1"
      ? { start: monthStart(y, 1), end: monthEnd(y, 6) }
      : { start: monthStart(y, 7), end: monthEnd(y, 12) };
  }
  return undefined;
}

function monthOf(word: string): number | undefined {
  return MONTHS[word.slice(0, 3).toLowerCase()];
}

/**
 * Parses an `as_of` string; `undefined` when the form is not recognised (the validator reports it).
 *
 * @example
 * parsePeriod("FY2025 (Jan)"); // { start: "2024-02-01", end: "2025-01-31", published: null, approximate: false }
 */
export function parsePeriod(raw: string): Period | undefined {
  const s = raw.trim();
  if (s === "") return undefined;
  const plain = (p: { start: string; end: string } | undefined, approximate = false): Period | undefined =>
    p && p.start <= p.end ? { start: p.start, end: p.end, published: null, approximate } : undefined;

  const simple = parseSimple(s);
  if (simple) return plain(simple);

  // "2001 (summer)"
  let m = /^(\d{4}) \(summer\)$/i.exec(s);
  if (m) return plain({ start: monthStart(Number(m[1]), 6), end: monthEnd(Number(m[1]), 8) });

  // Year range "2020-2024" or circa "c.2002-2005".
  m = /^(c\.\s*)?(\d{4})-(\d{4})$/.exec(s);
  if (m) return plain({ start: `${m[2]}-01-01`, end: `${m[3]}-12-31` }, m[1] !== undefined);

  // "2025-10/11": a span of two months in one year.
  m = /^(\d{4})-(\d{2})\/(\d{2})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const [a, b] = [Number(m[2]), Number(m[3])];
    if (a < 1 || b > 12 || a > b) return undefined;
    return plain({ start: monthStart(y, a), end: monthEnd(y, b) });
  }

  // "A to B" where A and B are simple tokens.
  m = /^(\S+) to (\S+)$/.exec(s);
  if (m && !/months/.test(s)) {
    const a = parseSimple(m[1]);
    const b = parseSimple(m[2]);
    if (!a || !b) return undefined;
    return plain({ start: a.start, end: b.end });
  }

  // "17 months to 2025-10"
  m = /^(\d+) months to (\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const [y, mo] = [Number(m[2]), Number(m[3])];
    const [y0, m0] = addMonths(y, mo, -Number(m[1]));
    return plain({ start: monthStart(y0, m0), end: monthEnd(y, mo) });
  }

  // Fiscal year: "FY2025", "FY2025 (Jan)", "FY2025 (guidance, Oct 2025)", "FY2026 (forecast, Feb 2026)", "FY2026 (forecast)".
  m = /^FY(\d{4})(?: \((.+)\))?$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const note = m[2]?.trim();
    let endMonth = 12;
    let published: string | null = null;
    if (note !== undefined) {
      const single = monthOf(note);
      if (/^[A-Za-z]{3,9}$/.test(note) && single !== undefined) endMonth = single;
      else {
        const g = /^(guidance|forecast)(?:, ([A-Za-z]{3,9}) (\d{4}))?$/.exec(note);
        if (!g) return undefined;
        if (g[2] !== undefined) {
          const pm = monthOf(g[2]);
          if (pm === undefined) return undefined;
          published = monthEnd(Number(g[3]), pm);
        }
      }
    }
    const [ys, ms] = addMonths(y, endMonth, -11);
    return { start: monthStart(ys, ms), end: monthEnd(y, endMonth), published, approximate: false };
  }

  // Fiscal / calendar quarter with its closing month: "FQ4-2001 (Sep)", "FQ1-2025 (Sep 2024)", "Q3-2025 (Sep)",
  // "FQ1-2026 (to 2025-08-31)".
  m = /^F?Q([1-4])-(\d{4}) \((?:to (\d{4}-\d{2}-\d{2})|([A-Za-z]{3,9})(?: (\d{4}))?)\)$/.exec(s);
  if (m) {
    if (m[3] !== undefined) {
      const d = parseSimple(m[3]);
      if (!d) return undefined;
      const [y, mo] = [Number(m[3].slice(0, 4)), Number(m[3].slice(5, 7))];
      const [ys, ms] = addMonths(y, mo, -2);
      return plain({ start: monthStart(ys, ms), end: m[3] });
    }
    const mo = monthOf(m[4]);
    if (mo === undefined) return undefined;
    const y = m[5] !== undefined ? Number(m[5]) : Number(m[2]);
    const [ys, ms] = addMonths(y, mo, -2);
    return plain({ start: monthStart(ys, ms), end: monthEnd(y, mo) });
  }
  return undefined;
}

/**
 * Parses a date given on the command line or in a query: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the result is the
 * LAST day of that period (as of "2000-03" means "by the end of March 2000").
 *
 * @example
 * parseAsOfDate("2000-03"); // "2000-03-31"
 */
export function parseAsOfDate(raw: string): string {
  const p = parseSimple(raw.trim());
  if (!p) throw new RangeError(`asOf must be YYYY, YYYY-MM or YYYY-MM-DD, got "${raw}"`);
  return p.end;
}

/**
 * The first or last day of a date written as YYYY, YYYY-MM or YYYY-MM-DD (also quarters and halves), for range
 * flags: `--from 2000` means 2000-01-01, `--to 2000-02` means 2000-02-29. Undefined when it is not such a date.
 *
 * @example
 * dateBound("1999-12", "end"); // "1999-12-31"
 */
export function dateBound(raw: string, side: "start" | "end"): string | undefined {
  const p = parseSimple(raw.trim());
  return p ? p[side] : undefined;
}

/** Whole months between two ISO dates (fractional, by 30.4375-day months). */
export function monthsBetween(a: string, b: string): number {
  const ms = Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`);
  return ms / (86400000 * 30.4375);
}
