/**
 * The talk "Is there an AI bubble?" (a16z Runtime, Gavin Baker with David George; published 31 Oct 2025, recorded
 * 21 Oct 2025) as data: every checkable statement as a claim (quote, ¶, speaker, measures, comparison rule, cap)
 * and every forecast, curated in `data/claims.json` and carried into the library by `npm run build:talk`
 * (`talk-data.generated.ts`). Validated against `TalkFileSchema` at load; statuses are computed by the generic
 * evaluator in `frameworks/claim-status.ts`.
 */
import { type Claim, type TalkFile, TalkFileSchema, type TalkForecast } from "./schema.ts";
import { TALK_DATA } from "./talk-data.generated.ts";

/**
 * Validates a talk file (the parsed `data/claims.json`): schema, unique claim and forecast ids.
 *
 * @example
 * parseTalkFile(JSON.parse(text)).claims.length; // 42
 */
export function parseTalkFile(data: unknown): TalkFile {
  const r = TalkFileSchema.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new RangeError(`talk file: ${i.path.join(".")}: ${i.message}`);
  }
  const seen = new Set<string>();
  for (const x of [...r.data.claims, ...r.data.forecasts]) {
    if (seen.has(x.id)) throw new RangeError(`talk file: id "${x.id}" appears twice`);
    seen.add(x.id);
  }
  return r.data;
}

const TALK: TalkFile = parseTalkFile(TALK_DATA);

/** The talk's metadata: title, publication and recording dates, how the recording date was derived. */
export const TALK_META: Readonly<TalkFile["talk"]> = Object.freeze({ ...TALK.talk });

/** The recording date (YYYY-MM-DD): claims are judged with what was known by the end of this day. */
export const RECORDING_DATE: string = TALK.talk.recorded;

/** The talk's claims. */
export const CLAIMS: readonly Claim[] = Object.freeze(TALK.claims.map((c) => Object.freeze(c)));

/** The talk's forecasts (registered in the predictions ledger, `data/predictions.jsonl`). */
export const TALK_FORECASTS: readonly TalkForecast[] = Object.freeze(TALK.forecasts.map((f) => Object.freeze(f)));
