/**
 * Status and scores of the predictions ledger at a date: each forecast is open (not yet due), due (past its due
 * date and unresolved), or resolved-true / resolved-false by a resolution entry known by then, with the evidence.
 * Scores over resolved forecasts: counts, share true, and the Brier score (mean of (p − outcome)²; Brier 1950,
 * "Verification of forecasts expressed in terms of probability", Monthly Weather Review 78(1)) over those that
 * gave a probability. Complexity O(entries).
 */
import type { ForecastEntry, PredictionEntry, ResolutionEntry } from "./ledger.ts";

export type PredictionStatusName = "open" | "due" | "resolved-true" | "resolved-false";

export interface PredictionStatus {
  readonly id: string;
  readonly origin: ForecastEntry["origin"];
  readonly statement: string;
  readonly criterion: string;
  readonly made: string;
  readonly registered: string;
  readonly due: string;
  readonly source: string;
  readonly speaker: string | null;
  readonly quote: string | null;
  readonly probability: number | null;
  readonly status: PredictionStatusName;
  /** The resolution, when resolved by the date. */
  readonly resolution: { readonly on: string; readonly outcome: boolean; readonly note: string } | null;
  /** The entry's hash in the chain (its fingerprint). */
  readonly hash: string;
  readonly evidence: readonly string[];
}

/**
 * Every forecast's status on `today` (YYYY-MM-DD).
 *
 * @example
 * predictionStatuses(ledger, "2026-12-05").filter((p) => p.status === "due").map((p) => p.id);
 */
export function predictionStatuses(ledger: readonly PredictionEntry[], today: string): PredictionStatus[] {
  const resolutions = new Map<string, ResolutionEntry>();
  for (const e of ledger) if (e.kind === "resolution" && e.resolvedOn <= today) resolutions.set(e.resolves, e);
  return ledger
    .filter((e): e is ForecastEntry => e.kind === "forecast" && e.registered <= today)
    .map((f) => {
      const r = resolutions.get(f.id) ?? null;
      const status: PredictionStatusName = r
        ? r.outcome
          ? "resolved-true"
          : "resolved-false"
        : f.due < today
          ? "due"
          : "open";
      return {
        id: f.id,
        origin: f.origin,
        statement: f.statement,
        criterion: f.criterion,
        made: f.made,
        registered: f.registered,
        due: f.due,
        source: f.source,
        speaker: f.speaker,
        quote: f.quote,
        probability: f.probability,
        status,
        resolution: r ? { on: r.resolvedOn, outcome: r.outcome, note: r.note } : null,
        hash: f.hash,
        evidence: [...new Set([...f.evidence, ...(r ? r.evidence : [])])],
      };
    });
}

export interface PredictionScore {
  readonly forecasts: number;
  readonly open: number;
  readonly due: number;
  readonly resolved: number;
  readonly resolvedTrue: number;
  readonly resolvedFalse: number;
  /** Share of resolved forecasts that came true (null when none resolved). */
  readonly hitRate: number | null;
  /** Mean (p − outcome)² over resolved forecasts with a probability (null when none). */
  readonly brier: number | null;
  readonly brierCount: number;
  readonly source: string;
}

/**
 * Scores the statuses.
 *
 * @example
 * scorePredictions(predictionStatuses(ledger, today)).brier;
 */
export function scorePredictions(statuses: readonly PredictionStatus[]): PredictionScore {
  const resolved = statuses.filter((s) => s.resolution !== null);
  const t = resolved.filter((s) => s.resolution!.outcome).length;
  const withP = resolved.filter((s) => s.probability !== null);
  const brier =
    withP.length === 0
      ? null
      : withP.reduce((acc, s) => acc + (s.probability! - (s.resolution!.outcome ? 1 : 0)) ** 2, 0) / withP.length;
  return {
    forecasts: statuses.length,
    open: statuses.filter((s) => s.status === "open").length,
    due: statuses.filter((s) => s.status === "due").length,
    resolved: resolved.length,
    resolvedTrue: t,
    resolvedFalse: resolved.length - t,
    hitRate: resolved.length === 0 ? null : t / resolved.length,
    brier,
    brierCount: withP.length,
    source: "Brier (1950): mean squared difference between the stated probability and the 0/1 outcome",
  };
}
