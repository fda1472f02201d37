/**
 * Point-in-time queries over the ledger: which figures were known as of a date, filtered by topic and era.
 * A figure counts as known from its `knownFrom` date (its stated publication date, else the end of the period it
 * describes, which is conservative: it never lets a query see a number before it could have been reported).
 * Complexity O(n) per query.
 */

import type { DatedFigure } from "./load.ts";
import { parseAsOfDate } from "./period.ts";
import type { Era, Topic } from "./schema.ts";

/** An indexed, dated ledger. */
export interface Ledger {
  readonly figures: readonly DatedFigure[];
  readonly byId: ReadonlyMap<string, DatedFigure>;
}

/**
 * Builds the id index over dated figures.
 *
 * @example
 * const ledger = makeLedger(dateFigures(parseFigures(text).records));
 */
export function makeLedger(figures: readonly DatedFigure[]): Ledger {
  const byId = new Map<string, DatedFigure>();
  for (const f of figures) {
    if (byId.has(f.id)) throw new RangeError(`ledger id must be unique, got "${f.id}" twice`);
    byId.set(f.id, f);
  }
  return { figures, byId };
}

export interface FigureQuery {
  readonly topic?: Topic | string;
  readonly era?: Era | string;
  /** YYYY, YYYY-MM or YYYY-MM-DD: keep only figures known by the end of that period. */
  readonly asOf?: string;
}

/** True when the figure was known on the ISO date `date` (inclusive). */
export function isKnownOn(f: DatedFigure, date: string): boolean {
  return f.knownFrom <= date;
}

/**
 * Figures matching a query, in ledger order.
 *
 * @example
 * queryFigures(ledger, { topic: "valuation", era: "2000", asOf: "2000-03-10" }).map((f) => f.id);
 */
export function queryFigures(ledger: Ledger, q: FigureQuery = {}): DatedFigure[] {
  const date = q.asOf !== undefined ? parseAsOfDate(q.asOf) : undefined;
  return ledger.figures.filter(
    (f) =>
      (q.topic === undefined || f.topic === q.topic) &&
      (q.era === undefined || f.era === q.era) &&
      (date === undefined || isKnownOn(f, date)),
  );
}
