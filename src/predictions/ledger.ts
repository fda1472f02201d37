/**
 * The predictions ledger: an append-only list of forecasts (the talk's, and bubblescope's own: PSY alarms, LPPLS
 * critical-time windows) and of their resolutions, each entry carrying the SHA-256 of its canonical JSON (without
 * the `hash` member) and the previous entry's hash, so any silent edit, insertion, deletion or reordering breaks the
 * chain at a named entry. Stored as JSON Lines (`data/predictions.jsonl`). Browser-safe; O(n · entry size).
 */
import { z } from "zod";
import { canonicalJson } from "./canonical.ts";
import { sha256Hex } from "./sha256.ts";

/** The previous hash of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits");
const text = z.string().trim().min(1);

/** Where a forecast comes from. */
export const PREDICTION_ORIGINS = Object.freeze(["talk", "psy", "lppls", "other"] as const);

/** A forecast: what is predicted, how it resolves, by when. */
export const ForecastFieldsSchema = z
  .object({
    kind: z.literal("forecast"),
    id: z.string().regex(/^P-[A-Za-z0-9._:-]+$/, "id must look like P-T01 or P-psy-NVDA-2025-10-31"),
    origin: z.enum(PREDICTION_ORIGINS),
    /** When the forecast was made (the talk's recording date, a report's data date). */
    made: isoDate,
    /** When it was entered in this ledger. */
    registered: isoDate,
    statement: text,
    criterion: text,
    due: isoDate,
    /** Where it comes from: "talk ¶92", "bubblescope report (PSY, weekly log closes …)". */
    source: text,
    speaker: z.string().nullable(),
    quote: z.string().nullable(),
    /** The forecaster's probability that it resolves true, when one was given (Brier scores need it). */
    probability: z.number().min(0).max(1).nullable(),
    evidence: z.array(z.string()),
  })
  .strict();

/** A resolution of an earlier forecast, with the evidence that settles it. */
export const ResolutionFieldsSchema = z
  .object({
    kind: z.literal("resolution"),
    id: z.string().regex(/^R-[A-Za-z0-9._:-]+$/, "id must look like R-T02"),
    resolves: z.string(),
    registered: isoDate,
    resolvedOn: isoDate,
    outcome: z.boolean(),
    evidence: z.array(z.string()).min(1),
    note: text,
  })
  .strict();

export type ForecastFields = z.infer<typeof ForecastFieldsSchema>;
export type ResolutionFields = z.infer<typeof ResolutionFieldsSchema>;
/** What a caller appends: an entry without its chain members. */
export type PredictionDraft = ForecastFields | ResolutionFields;

const chain = { seq: z.number().int().positive(), prevHash: hex64, hash: hex64 };
export const PredictionEntrySchema = z.discriminatedUnion("kind", [
  ForecastFieldsSchema.extend(chain).strict(),
  ResolutionFieldsSchema.extend(chain).strict(),
]);
export type PredictionEntry = z.infer<typeof PredictionEntrySchema>;
export type ForecastEntry = Extract<PredictionEntry, { kind: "forecast" }>;
export type ResolutionEntry = Extract<PredictionEntry, { kind: "resolution" }>;

/** The hash an entry must carry: SHA-256 of its canonical JSON without `hash`. */
export function entryHash(entry: Omit<PredictionEntry, "hash"> & { hash?: string }): string {
  const { hash: _omit, ...rest } = entry;
  return sha256Hex(canonicalJson(rest));
}

const firstIssue = (e: z.ZodError) => {
  const i = e.issues[0];
  return `${i.path.join(".") || "entry"}: ${i.message}`;
};

/**
 * Appends a draft to the ledger, returning a new ledger (the input is not changed). Throws a RangeError when the
 * draft is invalid, reuses an id, or resolves an unknown or already resolved forecast.
 *
 * @example
 * let ledger: PredictionEntry[] = [];
 * ledger = appendPrediction(ledger, { kind: "forecast", id: "P-T01", origin: "talk", made: "2025-10-21", … });
 */
export function appendPrediction(ledger: readonly PredictionEntry[], draft: PredictionDraft): PredictionEntry[] {
  const fields =
    draft.kind === "forecast" ? ForecastFieldsSchema.safeParse(draft) : ResolutionFieldsSchema.safeParse(draft);
  if (!fields.success) throw new RangeError(`prediction ${draft.id ?? "?"}: ${firstIssue(fields.error)}`);
  const problem = draftProblem(ledger, fields.data);
  if (problem) throw new RangeError(problem);
  const prev = ledger.at(-1);
  const body = { ...fields.data, seq: ledger.length + 1, prevHash: prev ? prev.hash : GENESIS_HASH };
  const entry = { ...body, hash: entryHash(body) } as PredictionEntry;
  return [...ledger, entry];
}

function draftProblem(earlier: readonly PredictionEntry[], d: PredictionDraft): string | null {
  if (earlier.some((e) => e.id === d.id)) return `prediction ${d.id}: id already in the ledger`;
  if (d.kind === "resolution") {
    const f = earlier.find((e) => e.id === d.resolves);
    if (f?.kind !== "forecast") return `resolution ${d.id}: resolves unknown forecast "${d.resolves}"`;
    if (earlier.some((e) => e.kind === "resolution" && e.resolves === d.resolves))
      return `resolution ${d.id}: forecast ${d.resolves} is already resolved`;
    if (d.resolvedOn < f.made) return `resolution ${d.id}: resolved on ${d.resolvedOn}, before the forecast was made`;
  } else if (d.due < d.made) {
    return `prediction ${d.id}: due ${d.due} is before it was made (${d.made})`;
  }
  return null;
}

/** The result of a chain check: intact with its length, or the first broken entry and why. */
export type ChainCheck =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly index: number; readonly id: string; readonly problem: string };

/**
 * Checks every entry in order: schema, sequence number, link to the previous hash, its own hash, and the ledger
 * rules (unique ids, resolutions of earlier forecasts). Stops at the first broken entry.
 *
 * @example
 * verifyChain(ledger); // { ok: true, entries: 14 }
 */
export function verifyChain(entries: readonly unknown[]): ChainCheck {
  const good: PredictionEntry[] = [];
  for (let i = 0; i < entries.length; i++) {
    const raw = entries[i];
    const id =
      raw && typeof raw === "object" && typeof (raw as { id?: unknown }).id === "string"
        ? (raw as { id: string }).id
        : `#${i + 1}`;
    const bad = (problem: string): ChainCheck => ({ ok: false, index: i, id, problem });
    const p = PredictionEntrySchema.safeParse(raw);
    if (!p.success) return bad(firstIssue(p.error));
    const e = p.data;
    if (e.seq !== i + 1) return bad(`seq is ${e.seq}, expected ${i + 1} (an entry was inserted, removed or moved)`);
    const prev = i === 0 ? GENESIS_HASH : good[i - 1].hash;
    if (e.prevHash !== prev) return bad("prevHash does not match the previous entry's hash");
    if (entryHash(e) !== e.hash) return bad("hash does not match the entry's content (the entry was edited)");
    const { seq: _s, prevHash: _p, hash: _h, ...draft } = e;
    const problem = draftProblem(good, draft as PredictionDraft);
    if (problem) return bad(problem);
    good.push(e);
  }
  return { ok: true, entries: entries.length };
}

/**
 * Parses JSON Lines text into raw entries (validated by `verifyChain`, not here). Blank lines are skipped; a line
 * that is not JSON is a RangeError naming its line number.
 *
 * @example
 * verifyChain(parsePredictionLines(readFileSync("data/predictions.jsonl", "utf8")));
 */
export function parsePredictionLines(textIn: string): unknown[] {
  const out: unknown[] = [];
  textIn.split(/\r?\n/).forEach((line, k) => {
    if (line.trim() === "") return;
    try {
      out.push(JSON.parse(line));
    } catch {
      throw new RangeError(`predictions line ${k + 1}: not valid JSON`);
    }
  });
  return out;
}

/** The ledger as JSON Lines (one canonical JSON object per line, a final newline). */
export function formatPredictionLines(ledger: readonly PredictionEntry[]): string {
  return ledger.map((e) => `${canonicalJson(e)}\n`).join("");
}
