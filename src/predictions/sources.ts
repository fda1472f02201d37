/**
 * Turns forward-looking outputs into prediction drafts for the ledger: the talk's forecasts (`data/claims.json`)
 * and the report's detector results — a PSY alarm (an explosive episode still running at the last observation)
 * and an LPPLS critical-time window (quantiles of tc over the qualified nested-window fits). The resolution
 * criteria are bubblescope conventions, stated in each draft. Complexity O(entries).
 */
import type { TalkForecast } from "../evidence/schema.ts";
import type { ForecastFields } from "./ledger.ts";

/**
 * The talk's forecasts as drafts, made on the recording date.
 *
 * @example
 * talkForecastDrafts(TALK_FORECASTS, { made: RECORDING_DATE, registered: "2026-12-05" })[0].id; // "P-T01"
 */
export function talkForecastDrafts(
  forecasts: readonly TalkForecast[],
  opts: { readonly made: string; readonly registered: string },
): ForecastFields[] {
  return forecasts.map((f) => ({
    kind: "forecast",
    id: `P-${f.id}`,
    origin: "talk",
    made: opts.made,
    registered: opts.registered,
    statement: f.statement,
    criterion: f.criterion,
    due: f.due,
    source: `talk ¶${f.paragraph} (due date: ${f.dueBasis})`,
    speaker: f.speaker,
    quote: f.quote,
    probability: f.probability,
    evidence: [],
  }));
}

/** The parts of a report's PSY entry this module reads (see `report/build.ts` `PsyEntry`). */
export interface PsyLike {
  readonly id: string;
  readonly label: string;
  readonly to: string;
  readonly frequency: string;
  readonly evidence: readonly string[];
  readonly episodes: readonly { readonly start: string; readonly end: string; readonly ongoing: boolean }[];
}

/** The parts of a report's LPPLS entry this module reads (see `report/lppls-section.ts` `LpplsEntry`). */
export interface LpplsLike {
  readonly id: string;
  readonly label: string;
  readonly evidence: readonly string[];
  readonly window: { readonly end: string };
  readonly fit: { readonly qualified: boolean; readonly sign: string };
  readonly tcDistribution: {
    readonly qualified: number;
    readonly quantiles: readonly { readonly p: number; readonly date: string | null }[];
  };
}

/** Crash definition used to resolve detector alarms (a convention from the literature). */
export const CRASH_RULE = Object.freeze({
  drawdown: 40,
  years: 2,
  source: "Greenwood, Shleifer & You (2019), 'Bubbles for Fama': a crash is a 40% drawdown within two years",
});

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 864e5).toISOString().slice(0, 10);
const addYears = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;

/**
 * Drafts from a report's detectors: one per PSY series whose last episode is still running (an alarm), one per
 * LPPLS series with qualified nested-window fits (a positive-bubble best fit) and a tc window. Series whose data end before `since` (e.g.
 * the 2000-era calibration runs) are skipped: they are not forecasts any more.
 *
 * @example
 * detectorDrafts(report.detectors, { registered: "2026-12-05", since: "2025-01-01" });
 */
export function detectorDrafts(
  detectors: { readonly psy: readonly PsyLike[]; readonly lppls: readonly LpplsLike[] },
  opts: { readonly registered: string; readonly since: string },
): ForecastFields[] {
  const out: ForecastFields[] = [];
  for (const p of detectors.psy) {
    const last = p.episodes.at(-1);
    if (!last?.ongoing || p.to < opts.since) continue;
    out.push({
      kind: "forecast",
      id: `P-psy-${p.id}-${p.to}`,
      origin: "psy",
      made: p.to,
      registered: opts.registered,
      statement: `PSY alarm: ${p.label} has been explosive since ${last.start} (BSADF above its 95% critical value at ${p.to}); a bubble of this kind ends in a crash.`,
      criterion: `Resolves true if the series' close falls ${CRASH_RULE.drawdown}% or more below its highest close within ${CRASH_RULE.years} years after ${p.to} (${CRASH_RULE.source}); false otherwise.`,
      due: addYears(p.to, CRASH_RULE.years),
      source: `bubblescope report, PSY GSADF/BSADF on ${p.frequency} log closes (${p.id})`,
      speaker: null,
      quote: null,
      probability: null,
      evidence: [...p.evidence],
    });
  }
  for (const l of detectors.lppls) {
    const q = l.tcDistribution.quantiles.filter((x) => x.date !== null);
    if (l.tcDistribution.qualified === 0 || l.fit.sign !== "positive" || q.length < 2 || l.window.end < opts.since)
      continue;
    const lo = q[0];
    const hi = q[q.length - 1];
    out.push({
      kind: "forecast",
      id: `P-lppls-${l.id}-${l.window.end}`,
      origin: "lppls",
      made: l.window.end,
      registered: opts.registered,
      statement: `LPPLS: ${l.label}'s critical time lies between ${lo.date} and ${hi.date} (${Math.round(lo.p * 100)}th-${Math.round(hi.p * 100)}th percentiles of tc over ${l.tcDistribution.qualified} qualified fits).`,
      criterion: `Resolves true if the highest close after ${l.window.end} falls between ${lo.date} and ${hi.date} and is followed by a drawdown of 20% or more within 60 trading days (bubblescope convention for a regime change at tc); false otherwise.`,
      due: addDays(hi.date!, 90),
      source: `bubblescope report, LPPLS nested-window fits (${l.id})`,
      speaker: null,
      quote: null,
      probability: null,
      evidence: [...l.evidence],
    });
  }
  return out;
}
