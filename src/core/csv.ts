/**
 * CSV → typed time-series table. Pure (no `node:*`), so the dashboard can parse a dropped file in the
 * browser with the same rules as the CLI.
 *
 * Accepts RFC 4180 quoting, a UTF-8 BOM, CRLF or LF line ends, and a header row. Missing cells ("", ".",
 * "NA", "null", "NaN") are never skipped silently: by default they are an error naming the row; with
 * `missing: "drop"` the whole row is dropped and counted. Dates must be ISO `YYYY-MM-DD` (optionally with a
 * time part) or plain numbers (a time index); they must be strictly increasing (unsorted or duplicate dates are
 * an error naming both rows). Complexity O(bytes).
 */

/** One parsed table: the date column (if any) and the requested numeric columns. */
export interface SeriesTable {
  /** Dates as ISO strings (YYYY-MM-DD) or null when the file has no date column. */
  readonly dates: readonly string[] | null;
  readonly dateColumn: string | null;
  readonly columns: readonly { readonly name: string; readonly values: Float64Array }[];
  /** Rows dropped because a cell was missing (only with `missing: "drop"`). */
  readonly droppedRows: number;
  /** File row (1 = header) of each kept observation, for error messages after filtering. */
  readonly rows?: readonly number[];
}

export interface ReadSeriesOptions {
  /** Name of the date column; default: the first column named like date/time/day/month/period/t, if any. */
  readonly dateColumn?: string;
  /** Columns to read; default: the only numeric column (error when there are several). */
  readonly columns?: readonly string[];
  /** What to do with a missing cell: "error" (default) or "drop" the row. */
  readonly missing?: "error" | "drop";
  /** Where the text came from, for error messages. */
  readonly source?: string;
}

const MISSING = new Set(["", ".", "na", "nan", "null", "n/a", "#n/a"]);
const DATE_NAMES = /^(date|time|day|month|period|timestamp|datetime|t|index)$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+Z?)?$/;

/** Splits CSV text into rows of string cells (RFC 4180). Throws on an unterminated quote. */
export function parseCsvRows(text: string, source = "CSV"): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let inQuotes = false;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      if (c === "\n") line++;
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === "") {
      inQuotes = true;
      i++;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
      i++;
    } else if (c === "\n" || c === "\r") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      if (c === "\r" && text[i + 1] === "\n") i++;
      i++;
      line++;
    } else {
      cell += c;
      i++;
    }
  }
  if (inQuotes) throw new SyntaxError(`${source}: unterminated quoted field starting before line ${line}`);
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  // Drop blank lines (a lone empty cell).
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ""));
}

/** Parses a numeric cell; returns NaN for a missing marker and undefined for a non-number. */
export function parseNumberCell(raw: string): number | undefined {
  const s = raw.trim();
  if (MISSING.has(s.toLowerCase())) return Number.NaN;
  // Plain decimal / scientific notation only: no thousands separators, no hex, no trailing text.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    if (/^[+-]?inf(inity)?$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
    return undefined;
  }
  return Number(s);
}

/**
 * Explains why a cell that looks numeric was rejected: thousands separators ("1,234.50", "1 234") or a decimal
 * comma ("1234,5"). Returns a short hint to append to an error message, or "" when there is nothing to add.
 *
 * @example
 * numberCellHint("1,234.50"); // " (thousands separators are not supported: write 1234.50)"
 */
export function numberCellHint(raw: string): string {
  const s = raw.trim();
  if (/^[+-]?\d{1,3}([, \u00a0'_]\d{3})+(\.\d+)?$/.test(s)) {
    return ` (thousands separators are not supported: write ${s.replace(/[, \u00a0'_]/g, "")})`;
  }
  if (/^[+-]?\d{1,3}(\.\d{3})+,\d+$/.test(s) || /^[+-]?\d+,\d+$/.test(s)) {
    return " (decimal commas are not supported: use a point as the decimal separator)";
  }
  return "";
}

/** Normalises a date cell to YYYY-MM-DD (time part dropped), or returns undefined when it is not a date. */
export function parseDateCell(raw: string): string | undefined {
  const m = ISO_DATE.exec(raw.trim());
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const dim = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (d > dim) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Reads a table of one date column and one or more numeric columns.
 *
 * @example
 * readSeriesTable("date,close\n2020-01-02,1\n2020-01-03,2\n").columns[0].values; // Float64Array [1, 2]
 */
export function readSeriesTable(text: string, options: ReadSeriesOptions = {}): SeriesTable {
  const source = options.source ?? "CSV";
  const rows = parseCsvRows(text, source);
  if (rows.length === 0) throw new RangeError(`${source}: the file is empty`);
  const header = rows[0].map((h) => h.trim());
  if (rows.length < 2) throw new RangeError(`${source}: no data rows after the header`);
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new RangeError(`${source}: duplicate column name "${h}"`);
    seen.add(h);
  }
  const col = (name: string, what: string): number => {
    const k = header.indexOf(name);
    if (k < 0) throw new RangeError(`${source}: no ${what} column "${name}" (columns: ${header.join(", ")})`);
    return k;
  };

  let dateIdx = -1;
  if (options.dateColumn !== undefined) dateIdx = col(options.dateColumn, "date");
  else {
    const k = header.findIndex((h) => DATE_NAMES.test(h));
    if (k >= 0) dateIdx = k;
  }

  let valueIdx: number[];
  if (options.columns && options.columns.length > 0) {
    valueIdx = options.columns.map((c) => col(c, "value"));
  } else {
    // A column is numeric when most of its first 20 cells parse; the bad cells are then reported by row below.
    const others = header.map((_, k) => k).filter((k) => k !== dateIdx);
    const sample = rows.slice(1, 21);
    let numeric = others.filter(
      (k) => sample.filter((r) => parseNumberCell(r[k] ?? "") !== undefined).length >= Math.max(1, 0.8 * sample.length),
    );
    if (numeric.length === 0 && others.length === 1) numeric = others;
    if (numeric.length === 0)
      throw new RangeError(`${source}: no numeric column found (columns: ${header.join(", ")})`);
    if (numeric.length > 1) {
      const names = numeric.map((k) => header[k]);
      throw new RangeError(`${source}: several numeric columns (${names.join(", ")}); choose with --column NAME`);
    }
    valueIdx = numeric;
  }

  const dates: string[] = [];
  const fileRows: number[] = [];
  const cols: number[][] = valueIdx.map(() => []);
  let dropped = 0;
  let prevDate: string | undefined;
  let prevRow = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const lineNo = r + 1;
    if (row.length !== header.length) {
      throw new RangeError(`${source}: row ${lineNo} has ${row.length} cells, the header has ${header.length}`);
    }
    const vals: number[] = [];
    let missing = false;
    for (let j = 0; j < valueIdx.length; j++) {
      const raw = row[valueIdx[j]];
      const v = parseNumberCell(raw);
      if (v === undefined) {
        throw new RangeError(
          `${source}: row ${lineNo}, column "${header[valueIdx[j]]}": "${raw}" is not a number${numberCellHint(raw)}`,
        );
      }
      if (!Number.isFinite(v)) {
        if (Number.isNaN(v) && options.missing === "drop") {
          missing = true;
          continue;
        }
        throw new RangeError(
          `${source}: row ${lineNo}, column "${header[valueIdx[j]]}": ${Number.isNaN(v) ? "missing value" : "infinite value"} "${raw}"` +
            (Number.isNaN(v) ? " (use --drop-missing to drop such rows)" : ""),
        );
      }
      vals.push(v);
    }
    if (missing) {
      dropped++;
      continue;
    }
    if (dateIdx >= 0) {
      const raw = row[dateIdx];
      let d = parseDateCell(raw);
      if (d === undefined) {
        const num = parseNumberCell(raw);
        if (num === undefined || !Number.isFinite(num)) {
          throw new RangeError(`${source}: row ${lineNo}, column "${header[dateIdx]}": "${raw}" is not a date`);
        }
        d = raw.trim();
      }
      if (prevDate !== undefined) {
        const cmp = compareDateKeys(prevDate, d);
        if (cmp === 0)
          throw new RangeError(
            `${source}: duplicate date ${d} at rows ${prevRow} and ${lineNo}${/[T ]\d/.test(raw.trim()) ? " (intraday data is not supported: one row per day)" : ""}`,
          );
        if (cmp > 0)
          throw new RangeError(`${source}: dates not sorted: ${prevDate} (row ${prevRow}) before ${d} (row ${lineNo})`);
      }
      prevDate = d;
      prevRow = lineNo;
      dates.push(d);
    }
    for (let j = 0; j < vals.length; j++) cols[j].push(vals[j]);
    fileRows.push(lineNo);
  }
  return {
    dates: dateIdx >= 0 ? dates : null,
    dateColumn: dateIdx >= 0 ? header[dateIdx] : null,
    columns: valueIdx.map((k, j) => ({ name: header[k], values: Float64Array.from(cols[j]) })),
    droppedRows: dropped,
    rows: fileRows,
  };
}

function compareDateKeys(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && !a.includes("-")) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
