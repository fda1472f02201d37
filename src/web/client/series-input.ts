/**
 * Inputs of the Series view, pure and browser-safe: a dropped CSV parsed with the CLI's CSV rules (the chosen
 * numeric column, or close/adj_close/value/the first numeric one; rows with missing cells dropped and counted), and
 * the PSY settings read from the URL with out-of-range values replaced by defaults.
 */
import { ANALYSIS_DEFAULTS } from "../../analysis/series.ts";
import { parseCsvRows, parseNumberCell, readSeriesTable } from "../../core/csv.ts";
import type { PsyRunOptions } from "./psy-run.ts";
import { numParam } from "./url-state.ts";

export interface Loaded {
  readonly name: string;
  readonly dates: readonly string[] | null;
  readonly values: readonly number[];
  readonly note: string;
  /** Numeric columns of a dropped file (to choose from) and the one read. */
  readonly columns?: readonly string[];
  readonly column?: string;
}

const DATE_NAMES = /^(date|time|day|month|period|timestamp|datetime|t|index)$/i;

/** Parses dropped CSV text: the chosen (or a sensible default) numeric column and the date column. */
export function parseDropped(text: string, fileName: string, column: string | undefined): Loaded {
  const rows = parseCsvRows(text, fileName);
  if (rows.length < 2) throw new RangeError(`${fileName}: no data rows`);
  const header = rows[0].map((h) => h.trim());
  const sample = rows.slice(1, 21);
  const numeric = header.filter(
    (h, k) =>
      !DATE_NAMES.test(h) &&
      sample.filter((r) => parseNumberCell(r[k] ?? "") !== undefined).length >= Math.max(1, 0.8 * sample.length),
  );
  if (numeric.length === 0) throw new RangeError(`${fileName}: no numeric column (columns: ${header.join(", ")})`);
  const pick =
    column && numeric.includes(column)
      ? column
      : (["close", "Close", "adj_close", "Adj Close", "value"].find((c) => numeric.includes(c)) ?? numeric[0]);
  const t = readSeriesTable(text, { source: fileName, columns: [pick], missing: "drop" });
  return {
    name: `${fileName}: ${pick}`,
    dates: t.dates ? [...t.dates] : null,
    values: Array.from(t.columns[0].values),
    note: `${t.columns[0].values.length} rows${t.droppedRows ? `, ${t.droppedRows} with missing cells dropped` : ""}; parsed in this browser, not uploaded`,
    columns: numeric,
    column: pick,
  };
}

/** The PSY settings in the URL. */
export function psySettings(params: Readonly<Record<string, string>>): PsyRunOptions {
  const level = numParam(params, "level", 90, 99);
  const minw = numParam(params, "minw", 3, 100_000);
  const mind = params.mind === "psy" ? "psy" : numParam(params, "mind", 0, 10_000);
  return {
    lag: numParam(params, "lag", 0, 12) ?? 0,
    ...(minw !== null ? { minWindow: Math.round(minw) } : {}),
    nrep: Math.round(numParam(params, "nrep", 9, 5000) ?? ANALYSIS_DEFAULTS.psyNrepInteractive),
    seed: Math.round(numParam(params, "seed", 0, 2 ** 31) ?? 123),
    level: level === 90 || level === 99 ? level : 95,
    bsadfRule: params.rule === "psy2015" ? "psy2015" : "exuber",
    method: params.cvm === "wb" || params.cvm === "wb-harvey" ? params.cvm : "mc",
    minDuration: mind === null ? 0 : mind,
    log: params.log === "1",
  };
}
