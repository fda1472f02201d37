/**
 * Reads and validates the repository's evidence files (data/evidence.csv, data/deals.csv) in Node. The parsing is
 * the browser-safe src/evidence/load.ts; this module only locates and reads the files, resolved from this module's
 * URL so it works from any working directory (src/node or dist/node alike). Used by the CLI, the report and the
 * dashboard server.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type Deal,
  dateFigures,
  type Figure,
  type Ledger,
  makeLedger,
  type Problem,
  parseDeals,
  parseFigures,
} from "../evidence/index.ts";

function dataDir(): string {
  for (const up of ["../../data/", "../../../data/"]) {
    const d = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(`${d}evidence.csv`)) return d;
  }
  return fileURLToPath(new URL("../../data/", import.meta.url));
}

/** The repository's data folder (absolute), independent of the working directory. */
export const DEFAULT_DATA_DIR = dataDir();
export const DEFAULT_EVIDENCE_FILE = `${DEFAULT_DATA_DIR}evidence.csv`;
export const DEFAULT_DEALS_FILE = `${DEFAULT_DATA_DIR}deals.csv`;

/** Reads a text file; one-line error naming the file. */
export function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Everything loaded from the two files, with all validation problems. */
export interface LoadedEvidence {
  readonly figures: readonly Figure[];
  readonly ledger: Ledger;
  readonly deals: readonly Deal[];
  readonly problems: readonly Problem[];
}

/**
 * Reads and validates the ledger and deal files (defaults: the repository's data/ folder).
 *
 * @example
 * const { ledger, deals, problems } = loadEvidence();
 */
export function loadEvidence(evidenceFile = DEFAULT_EVIDENCE_FILE, dealsFile = DEFAULT_DEALS_FILE): LoadedEvidence {
  const f = parseFigures(readText(evidenceFile), evidenceFile);
  const d = parseDeals(readText(dealsFile), dealsFile);
  return {
    figures: f.records,
    ledger: makeLedger(dateFigures(f.records)),
    deals: d.records,
    problems: [...f.problems, ...d.problems],
  };
}
