/**
 * Pure loaders for the ledger CSVs: text in, typed records and a list of problems out. No file access here (the
 * CLI reads files; the browser passes dropped text). Each row is checked with the zod schemas; cross-row rules
 * (unique ids, low <= value <= high) are applied too, so `problems` is the complete validation report.
 * Complexity O(rows · columns).
 */
import { parseCsvRows, parseNumberCell } from "../core/csv.ts";
import { parsePeriod } from "./period.ts";
import { type Deal, DealSchema, type Figure, FigureSchema } from "./schema.ts";

/** One validation problem, located by file, line and record id. */
export interface Problem {
  readonly source: string;
  readonly line: number;
  readonly id: string;
  readonly field: string;
  readonly message: string;
}

/** Formats a problem as the one line the CLI prints. */
export function formatProblem(p: Problem): string {
  return `${p.source}:${p.line}: ${p.id || "(no id)"} ${p.field}: ${p.message}`;
}

export interface Loaded<T> {
  /** Records that passed every per-row check (rows with problems are left out). */
  readonly records: readonly T[];
  readonly problems: readonly Problem[];
}

export const FIGURE_COLUMNS = Object.freeze([
  "id",
  "era",
  "topic",
  "entity",
  "metric",
  "value",
  "unit",
  "as_of",
  "low",
  "high",
  "claim_in_talk",
  "source_title",
  "source_url",
  "note",
] as const);

export const DEAL_COLUMNS = Object.freeze([
  "id",
  "date",
  "from_entity",
  "to_entity",
  "kind",
  "amount_usd",
  "gw",
  "low",
  "high",
  "source_title",
  "source_url",
  "note",
] as const);

interface Table {
  header: string[];
  rows: { line: number; cells: Record<string, string> }[];
}

function readTable(text: string, source: string, required: readonly string[], problems: Problem[]): Table | undefined {
  let raw: string[][];
  try {
    raw = parseCsvRows(text, source);
  } catch (e) {
    problems.push({ source, line: 1, id: "", field: "file", message: (e as Error).message });
    return undefined;
  }
  if (raw.length === 0) {
    problems.push({ source, line: 1, id: "", field: "file", message: "the file is empty" });
    return undefined;
  }
  const header = raw[0].map((h) => h.trim());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    problems.push({ source, line: 1, id: "", field: "header", message: `missing column(s): ${missing.join(", ")}` });
    return undefined;
  }
  // parseCsvRows does not report line numbers; count physical lines per row (quoted newlines included).
  const rows: Table["rows"] = [];
  let line = 2;
  for (let r = 1; r < raw.length; r++) {
    const cells: Record<string, string> = {};
    const row = raw[r];
    if (row.length !== header.length) {
      problems.push({
        source,
        line,
        id: row[0] ?? "",
        field: "row",
        message: `has ${row.length} cells, the header has ${header.length}`,
      });
    }
    header.forEach((h, k) => {
      cells[h] = row[k] ?? "";
    });
    rows.push({ line, cells });
    line += 1 + row.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
  }
  return { header, rows };
}

/** Parses an optional numeric cell: "" → null, a number → number, anything else → undefined (a problem). */
function optionalNumber(raw: string): number | null | undefined {
  if (raw.trim() === "") return null;
  const v = parseNumberCell(raw);
  return v === undefined || Number.isNaN(v) ? undefined : v;
}

function zodProblems(
  source: string,
  line: number,
  id: string,
  issues: readonly { path: PropertyKey[]; message: string }[],
): Problem[] {
  return issues.map((i) => ({ source, line, id, field: String(i.path[0] ?? "row"), message: i.message }));
}

function checkRange(
  source: string,
  line: number,
  id: string,
  value: number | null,
  low: number | null,
  high: number | null,
  field: string,
): Problem[] {
  const out: Problem[] = [];
  if (low !== null && high !== null && low > high) {
    out.push({ source, line, id, field: "low", message: `low ${low} > high ${high}` });
  }
  if (value !== null && low !== null && value < low) {
    out.push({ source, line, id, field, message: `${field} ${value} < low ${low}` });
  }
  if (value !== null && high !== null && value > high) {
    out.push({ source, line, id, field, message: `${field} ${value} > high ${high}` });
  }
  return out;
}

/** A duplicate-id problem when `id` was seen before (remembering it otherwise); empty ids are checked elsewhere. */
function duplicateId(
  seen: Map<string, number>,
  id: string,
  source: string,
  line: number,
  unit: "line" | "record",
): Problem[] {
  if (id === "") return [];
  const prev = seen.get(id);
  if (prev === undefined) {
    seen.set(id, line);
    return [];
  }
  return [{ source, line, id, field: "id", message: `duplicate id (first at ${unit} ${prev})` }];
}

/**
 * Parses `data/evidence.csv` text into figures.
 *
 * @example
 * const { records, problems } = parseFigures(text, "data/evidence.csv");
 */
export function parseFigures(text: string, source = "evidence.csv"): Loaded<Figure> {
  const problems: Problem[] = [];
  const table = readTable(text, source, FIGURE_COLUMNS, problems);
  if (!table) return { records: [], problems };
  const records: Figure[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const id = cells.id.trim();
    const rowProblems: Problem[] = [...duplicateId(seen, id, source, line, "line")];
    const value = optionalNumber(cells.value);
    const low = optionalNumber(cells.low);
    const high = optionalNumber(cells.high);
    if (value === null || value === undefined) {
      rowProblems.push({ source, line, id, field: "value", message: `"${cells.value}" is not a number` });
    }
    if (low === undefined)
      rowProblems.push({ source, line, id, field: "low", message: `"${cells.low}" is not a number` });
    if (high === undefined) {
      rowProblems.push({ source, line, id, field: "high", message: `"${cells.high}" is not a number` });
    }
    const published = (cells.published ?? "").trim();
    const candidate = {
      id,
      era: cells.era.trim(),
      topic: cells.topic.trim(),
      entity: cells.entity,
      metric: cells.metric,
      value: typeof value === "number" ? value : Number.NaN,
      unit: cells.unit.trim(),
      as_of: cells.as_of.trim(),
      low: low ?? null,
      high: high ?? null,
      claim_in_talk: cells.claim_in_talk,
      source_title: cells.source_title,
      source_url: cells.source_url,
      note: cells.note,
      published: published === "" ? null : published,
    };
    const parsed = FigureSchema.safeParse(candidate);
    if (!parsed.success) {
      const issues = parsed.error.issues.filter(
        (i) => !(i.path[0] === "value" && (value === null || value === undefined)),
      );
      rowProblems.push(...zodProblems(source, line, id, issues));
    }
    rowProblems.push(
      ...checkRange(source, line, id, typeof value === "number" ? value : null, low ?? null, high ?? null, "value"),
    );
    problems.push(...rowProblems);
    if (rowProblems.length === 0 && parsed.success) records.push(parsed.data);
  }
  return { records, problems };
}

/**
 * Validates figure records that arrive as objects rather than CSV (e.g. rows derived from SEC filings), with the
 * same per-row and cross-row checks as `parseFigures`; `line` is the 1-based index in the array.
 *
 * @example
 * const { records, problems } = parseFigureRecords(rows, "sec-fundamentals");
 */
export function parseFigureRecords(
  rows: readonly Readonly<Record<string, unknown>>[],
  source = "records",
): Loaded<Figure> {
  const problems: Problem[] = [];
  const records: Figure[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, k) => {
    const line = k + 1;
    const id = typeof raw.id === "string" ? raw.id : "";
    const rowProblems: Problem[] = [...duplicateId(seen, id, source, line, "record")];
    const parsed = FigureSchema.safeParse({ published: null, ...raw });
    if (!parsed.success) rowProblems.push(...zodProblems(source, line, id, parsed.error.issues));
    else {
      const f = parsed.data;
      rowProblems.push(...checkRange(source, line, id, f.value, f.low, f.high, "value"));
    }
    problems.push(...rowProblems);
    if (rowProblems.length === 0 && parsed.success) records.push(parsed.data);
  });
  return { records, problems };
}

/** Reads the era of a deal from an `era` column, or from the legacy "[era 2000]" / "[era ai]" tag in the note. */
function dealEra(cells: Record<string, string>): string {
  const col = (cells.era ?? "").trim();
  if (col !== "") return col;
  const m = /\[era (2000|ai)\]/.exec(cells.note ?? "");
  return m ? m[1] : "";
}

/**
 * Parses `data/deals.csv` text into deal edges.
 *
 * @example
 * const { records } = parseDeals(text, "data/deals.csv");
 */
export function parseDeals(text: string, source = "deals.csv"): Loaded<Deal> {
  const problems: Problem[] = [];
  const table = readTable(text, source, DEAL_COLUMNS, problems);
  if (!table) return { records: [], problems };
  const records: Deal[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const id = cells.id.trim();
    const rowProblems: Problem[] = [...duplicateId(seen, id, source, line, "line")];
    const nums: Record<string, number | null> = {};
    for (const f of ["amount_usd", "gw", "low", "high"]) {
      const v = optionalNumber(cells[f]);
      if (v === undefined) rowProblems.push({ source, line, id, field: f, message: `"${cells[f]}" is not a number` });
      nums[f] = v ?? null;
    }
    const candidate = {
      id,
      era: dealEra(cells),
      date: cells.date.trim(),
      from_entity: cells.from_entity,
      to_entity: cells.to_entity,
      kind: cells.kind.trim(),
      amount_usd: nums.amount_usd,
      gw: nums.gw,
      low: nums.low,
      high: nums.high,
      source_title: cells.source_title,
      source_url: cells.source_url,
      note: cells.note,
    };
    const parsed = DealSchema.safeParse(candidate);
    if (!parsed.success) rowProblems.push(...zodProblems(source, line, id, parsed.error.issues));
    if (candidate.from_entity.trim() !== "" && candidate.from_entity.trim() === candidate.to_entity.trim()) {
      rowProblems.push({ source, line, id, field: "to_entity", message: "a deal cannot go from an entity to itself" });
    }
    rowProblems.push(...checkRange(source, line, id, nums.amount_usd, nums.low, nums.high, "amount_usd"));
    problems.push(...rowProblems);
    if (rowProblems.length === 0 && parsed.success) records.push(parsed.data);
  }
  return { records, problems };
}

/** A figure with its parsed period and the date from which it counts as known (point-in-time queries). */
export interface DatedFigure extends Figure {
  readonly period: { readonly start: string; readonly end: string };
  /** ISO date from which the figure was public: `published` if given, else the end of its as-of period. */
  readonly knownFrom: string;
}

/** Adds parsed period and known-from date to validated figures (they are guaranteed parsable). */
export function dateFigures(figures: readonly Figure[]): DatedFigure[] {
  return figures.map((f) => {
    const p = parsePeriod(f.as_of);
    if (!p) throw new RangeError(`figure ${f.id}: as_of "${f.as_of}" is not parsable`);
    // A "published" month means "by the end of that month".
    const published = f.published ? (parsePeriod(f.published)?.end ?? null) : p.published;
    return { ...f, period: { start: p.start, end: p.end }, knownFrom: published ?? p.end };
  });
}

/**
 * The date from which a deal counts as known: the end of its date period (no look-ahead: sources rarely give the day).
 *
 * @example
 * dealKnownFrom({ date: "2000-H2" } as Deal); // "2000-12-31"
 */
export function dealKnownFrom(d: Pick<Deal, "date">): string {
  // The end of the deal's period: a deal dated "2025-10" or "1995-2000" is not assumed known before that period
  // is over (no look-ahead; the sources rarely give the announcement day).
  return parsePeriod(d.date)?.end ?? "9999-12-31";
}
