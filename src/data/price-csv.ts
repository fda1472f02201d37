/**
 * Price-file importer: turns the text of a Yahoo-style OHLCV export (`Date,Open,High,Low,Close,Adj Close,Volume`),
 * a FRED download (`observation_date,NASDAQCOM` or `DATE,GDP`, "." for a holiday), a Stooq CSV
 * (`Date,Open,High,Low,Close,Volume`) or a plain two-column `date,value` file into a {@link PriceRows} table.
 *
 * Rules (never a silent NaN):
 * - a cell that is not a number is an error naming the row and the column (with a hint for thousands separators);
 * - a missing close ("", ".", "NA", …) drops the row and is reported in `warnings` with the count and first row;
 *   a missing open/high/low/adj_close/volume is stored as `null` (explicitly missing), never NaN;
 * - ±Infinity or an overflowing literal (1e400) is an error;
 * - dates must be ISO `YYYY-MM-DD` (or compact `YYYYMMDD`); unsorted or duplicate dates are an error naming both
 *   rows; weekend/holiday dates in daily data and split-like jumps are warnings ({@link checkPriceRows}).
 * Built on the pure RFC 4180 reader in `csv.ts`. Complexity O(bytes).
 */
import { numberCellHint, parseCsvRows, parseDateCell, parseNumberCell } from "../core/csv.ts";
import { checkPriceRows } from "./quality.ts";

/** The columns a price series may carry; `close` is the value column (for FRED or two-column files, the value). */
export const PRICE_COLUMNS = ["open", "high", "low", "close", "adj_close", "volume"] as const;
/** One of {@link PRICE_COLUMNS}. */
export type PriceColumn = (typeof PRICE_COLUMNS)[number];

/** A daily (or monthly, quarterly…) price table; `null` marks an explicitly missing cell. */
export interface PriceRows {
  /** ISO dates, strictly increasing. */
  readonly dates: readonly string[];
  readonly open: readonly (number | null)[];
  readonly high: readonly (number | null)[];
  readonly low: readonly (number | null)[];
  /** Always present and finite. */
  readonly close: readonly number[];
  readonly adj_close: readonly (number | null)[];
  readonly volume: readonly (number | null)[];
}

/** The result of {@link parsePriceCsv}. */
export interface ParsedPrices {
  readonly rows: PriceRows;
  /** Which source column became which price column, e.g. `{ close: "NASDAQCOM" }`. */
  readonly mapping: Readonly<Partial<Record<PriceColumn, string>>>;
  /** Detected layout: "ohlcv" (Yahoo/Stooq), "fred" (observation_date/DATE + series), "two-column" or "picked". */
  readonly layout: "ohlcv" | "fred" | "two-column" | "picked";
  /** Human-readable warnings (dropped missing rows, non-trading dates, split-like jumps). */
  readonly warnings: readonly string[];
}

/** Options of {@link parsePriceCsv}. */
export interface ParsePriceOptions {
  /** Name of the date column (default: date/Date/DATE/observation_date/timestamp…). */
  readonly dateCol?: string;
  /** Name of the value column that becomes `close` (default: close, else value, else the only numeric column). */
  readonly valueCol?: string;
  /** When several candidate value columns exist and none is named close/value: pick the first (default false: error). */
  readonly pickFirstValue?: boolean;
  /** Where the text came from, for messages. */
  readonly source?: string;
  /** Upper bound on rows, a guard against runaway input (default 5 000 000). */
  readonly maxRows?: number;
}

const DEFAULTS = Object.freeze({ source: "CSV", maxRows: 5_000_000, pickFirstValue: false });

const DATE_HEADER = /^(date|observation_date|time|timestamp|datetime|day|period|month)$/;

/** Normalises a header: "Adj Close" → "adj_close", " Close " → "close". */
export function normaliseHeader(h: string): string {
  const s = h
    .trim()
    .toLowerCase()
    .replace(/[\s.\-/]+/g, "_");
  if (s === "adjclose" || s === "adj_close" || s === "adjusted_close" || s === "adj_close_") return "adj_close";
  if (s === "vol") return "volume";
  return s;
}

/** Parses a date cell: ISO (time part dropped) or compact YYYYMMDD; undefined when not a valid date. */
export function parseDateLoose(raw: string): string | undefined {
  const s = raw.trim();
  const iso = parseDateCell(s);
  if (iso !== undefined) return iso;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? parseDateCell(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
}

/**
 * Parses a price CSV into a {@link PriceRows} table; throws RangeError/SyntaxError with a one-line message naming
 * the row on malformed input.
 *
 * @example
 * parsePriceCsv("observation_date,NASDAQCOM\n2020-01-01,.\n2020-01-02,9092.19\n").rows.close; // [9092.19]
 */
export function parsePriceCsv(text: string, options: ParsePriceOptions = {}): ParsedPrices {
  const { source, maxRows, pickFirstValue } = { ...DEFAULTS, ...options };
  if (text.includes("\u0000")) throw new RangeError(`${source}: binary data (NUL byte) is not a CSV file`);
  const head = text.slice(0, 512).trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) {
    throw new RangeError(`${source}: this is an HTML page, not a CSV file`);
  }
  const table = parseCsvRows(text, source);
  if (table.length === 0) throw new RangeError(`${source}: the file is empty`);
  if (table.length < 2) throw new RangeError(`${source}: no data rows after the header`);
  if (table.length - 1 > maxRows) throw new RangeError(`${source}: more than ${maxRows} rows`);
  // Header names as given (trimmed), with control characters escaped so every message stays on one line.
  const rawHeader = table[0].map((h) => oneLine(h.trim()));
  const header = rawHeader.map(normaliseHeader);
  const seen = new Map<string, number>();
  header.forEach((h, k) => {
    if (h === "") throw new RangeError(`${source}: column ${k + 1} of the header has no name`);
    if (seen.has(h)) throw new RangeError(`${source}: duplicate column name "${rawHeader[k]}"`);
    seen.set(h, k);
  });
  const find = (name: string, what: string): number => {
    const k = rawHeader.indexOf(name);
    const j = k >= 0 ? k : header.indexOf(normaliseHeader(name));
    if (j < 0) throw new RangeError(`${source}: no ${what} column "${name}" (columns: ${rawHeader.join(", ")})`);
    return j;
  };

  const dateIdx =
    options.dateCol !== undefined ? find(options.dateCol, "date") : header.findIndex((h) => DATE_HEADER.test(h));
  if (dateIdx < 0)
    throw new RangeError(`${source}: no date column (columns: ${rawHeader.join(", ")}); name it with --date-col`);

  let layout: ParsedPrices["layout"];
  const idx: Partial<Record<PriceColumn, number>> = {};
  if (options.valueCol !== undefined) {
    idx.close = find(options.valueCol, "value");
    layout = "picked";
  } else if (seen.has("close")) {
    layout = "ohlcv";
    for (const c of PRICE_COLUMNS) if (seen.has(c)) idx[c] = seen.get(c);
  } else if (seen.has("value")) {
    idx.close = seen.get("value");
    layout = "two-column";
  } else if (header.length === 2) {
    idx.close = 1 - dateIdx;
    layout = header[dateIdx] === "observation_date" || rawHeader[dateIdx] === "DATE" ? "fred" : "two-column";
  } else if (pickFirstValue) {
    idx.close = header.findIndex((_, k) => k !== dateIdx);
    layout = "picked";
  } else {
    const others = rawHeader.filter((_, k) => k !== dateIdx);
    throw new RangeError(
      `${source}: several value columns (${others.join(", ")}) and none is "close"; choose with --value-col`,
    );
  }
  if (idx.close === dateIdx) throw new RangeError(`${source}: the value column cannot also be the date column`);
  const mapping: Partial<Record<PriceColumn, string>> = {};
  for (const c of PRICE_COLUMNS) if (idx[c] !== undefined) mapping[c] = rawHeader[idx[c] as number];

  const dates: string[] = [];
  const cols: Record<PriceColumn, (number | null)[]> = {
    open: [],
    high: [],
    low: [],
    close: [],
    adj_close: [],
    volume: [],
  };
  const warnings: string[] = [];
  let droppedMissing = 0;
  let firstDropped = 0;
  let prevDate: string | undefined;
  let prevRow = 0;
  for (let r = 1; r < table.length; r++) {
    const row = table[r];
    const lineNo = r + 1;
    if (row.length !== header.length) {
      const hint =
        row.length > header.length && row.some((c) => /^\d{3}(\.\d+)?$/.test(c.trim()))
          ? ' (an unquoted thousands separator such as "1,234"?)'
          : "";
      throw new RangeError(`${source}: row ${lineNo} has ${row.length} cells, the header has ${header.length}${hint}`);
    }
    const rawDate = row[dateIdx];
    const date = parseDateLoose(rawDate);
    if (date === undefined) {
      throw new RangeError(
        `${source}: row ${lineNo}, column "${rawHeader[dateIdx]}": ${JSON.stringify(clip(rawDate))} is not a date (expected YYYY-MM-DD)`,
      );
    }
    const vals: Partial<Record<PriceColumn, number | null>> = {};
    for (const c of PRICE_COLUMNS) {
      const k = idx[c];
      if (k === undefined) continue;
      const raw = row[k];
      const v = parseNumberCell(raw);
      if (v === undefined) {
        throw new RangeError(
          `${source}: row ${lineNo}, column "${rawHeader[k]}": ${JSON.stringify(clip(raw))} is not a number${numberCellHint(raw)}`,
        );
      }
      if (Number.isNaN(v)) vals[c] = null;
      else if (!Number.isFinite(v)) {
        throw new RangeError(
          `${source}: row ${lineNo}, column "${rawHeader[k]}": infinite value ${JSON.stringify(clip(raw))}`,
        );
      } else vals[c] = v;
    }
    if (vals.close === null || vals.close === undefined) {
      if (droppedMissing === 0) firstDropped = lineNo;
      droppedMissing++;
      continue;
    }
    if (prevDate !== undefined) {
      if (date === prevDate) throw new RangeError(`${source}: duplicate date ${date} at rows ${prevRow} and ${lineNo}`);
      if (date < prevDate) {
        throw new RangeError(
          `${source}: dates not sorted: ${prevDate} (row ${prevRow}) before ${date} (row ${lineNo})`,
        );
      }
    }
    prevDate = date;
    prevRow = lineNo;
    dates.push(date);
    for (const c of PRICE_COLUMNS) cols[c].push(idx[c] === undefined ? null : (vals[c] ?? null));
  }
  if (dates.length === 0) throw new RangeError(`${source}: no rows with a value in column "${mapping.close}"`);
  if (droppedMissing > 0) {
    warnings.push(
      `${droppedMissing} row(s) with a missing ${mapping.close} value dropped (first at row ${firstDropped}; FRED writes "." for holidays)`,
    );
  }
  const rows: PriceRows = { dates, ...cols, close: cols.close as number[] };
  warnings.push(...checkPriceRows(rows));
  return { rows, mapping, layout, warnings };
}

function oneLine(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
