/**
 * The predictions ledger on disk (`data/predictions.jsonl`, JSON Lines): read and verify the hash chain, or write
 * a new version atomically (a temporary sibling fsynced and renamed over the file, `writeFileSafe`). Used by the
 * `predictions` command, the report and `monitor --register-predictions`; the ledger logic itself is
 * `src/predictions/` (browser-safe).
 */
import { readFileSync } from "node:fs";
import {
  formatPredictionLines,
  type PredictionEntry,
  parsePredictionLines,
  verifyChain,
} from "../predictions/index.ts";
import { DEFAULT_DATA_DIR, readText } from "./evidence-files.ts";
import { writeFileSafe } from "./safe-write.ts";

/** The repository's predictions ledger. */
export const DEFAULT_PREDICTIONS_FILE = `${DEFAULT_DATA_DIR}predictions.jsonl`;

/** Reads and verifies a ledger file; throws naming the first broken entry. */
export function loadPredictions(file: string): PredictionEntry[] {
  const raw = parsePredictionLines(readText(file));
  const check = verifyChain(raw);
  if (!check.ok) throw new Error(`${file}: entry ${check.index + 1} (${check.id}): ${check.problem}`);
  return raw as PredictionEntry[];
}

/** The ledger in `file`, or an empty one when the file does not exist yet (a broken chain still throws). */
export function loadPredictionsOrEmpty(file: string): PredictionEntry[] {
  try {
    readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
  }
  return loadPredictions(file);
}

/** Replaces the file atomically with the ledger: a reader sees the old chain or the new one, never half of it. */
export function savePredictions(file: string, ledger: readonly PredictionEntry[]): void {
  writeFileSafe(file, formatPredictionLines(ledger));
}
