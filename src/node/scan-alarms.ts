/**
 * Registers `bubblescope monitor`'s new alarms in the hash-chained predictions ledger (opt-in:
 * `monitor --register-predictions [file]`). The drafts come from `alarmDrafts` (src/scan/alarm-drafts.ts: PSY
 * alarms and positive LPPLS signals); the ledger is read and its chain verified first (a broken chain is an error
 * and nothing is written), drafts whose id is already in the ledger are skipped (the same alarm seen again is the
 * same forecast), and the new ledger replaces the file atomically (temporary sibling, fsync, rename) — as
 * `bubblescope predictions register` does. Alarms are recorded in the data store (`scan_changes`) either way.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  appendPrediction,
  formatPredictionLines,
  type PredictionEntry,
  parsePredictionLines,
  verifyChain,
} from "../predictions/index.ts";
import { alarmDrafts } from "../scan/alarm-drafts.ts";
import type { ScanJson } from "../scan/assemble.ts";
import type { ScanChange } from "../scan/changes.ts";
import { writeFileSafe } from "./safe-write.ts";

export interface AlarmRegistration {
  /** Ids of the forecasts appended by this call. */
  readonly registered: readonly string[];
  /** Ids already in the ledger (not appended again). */
  readonly known: readonly string[];
  /** Entries in the ledger afterwards (null when there was nothing to register and the file was not read). */
  readonly entries: number | null;
  readonly file: string;
}

/** Reads a ledger file (absent = empty) and verifies its chain; throws naming the first broken entry. */
export function readLedger(file: string): PredictionEntry[] {
  if (!existsSync(file)) {
    if (!existsSync(dirname(resolve(file))))
      throw new Error(`${file}: its folder does not exist (the ledger file is created, not its folder)`);
    return [];
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const raw = parsePredictionLines(text);
  const check = verifyChain(raw);
  if (!check.ok)
    throw new Error(
      `${file}: chain broken at entry ${check.index + 1} (${check.id}): ${check.problem}; nothing registered`,
    );
  return raw as PredictionEntry[];
}

/**
 * Appends the forecasts of monitor's new alarms to the ledger `file`.
 *
 * @example
 * await registerAlarms(changes, scan, { file: "data/predictions.jsonl", runId, registered: "2026-05-16" });
 */
export async function registerAlarms(
  changes: readonly ScanChange[],
  scan: ScanJson,
  o: { readonly file: string; readonly runId: string | null; readonly registered: string },
): Promise<AlarmRegistration> {
  const drafts = alarmDrafts(changes, scan, { runId: o.runId, registered: o.registered });
  if (drafts.length === 0) return { registered: [], known: [], entries: null, file: o.file };
  let ledger = readLedger(o.file);
  const ids = new Set(ledger.map((e) => e.id));
  const known: string[] = [];
  const registered: string[] = [];
  for (const d of drafts) {
    if (ids.has(d.id)) {
      known.push(d.id);
      continue;
    }
    ledger = appendPrediction(ledger, d);
    ids.add(d.id);
    registered.push(d.id);
  }
  if (registered.length > 0) writeFileSafe(o.file, formatPredictionLines(ledger));
  return { registered, known, entries: ledger.length, file: o.file };
}
