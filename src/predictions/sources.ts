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
/** Same month and day `years` later; 29 February falls back to the 28th in a common year. */
const addYears = (iso: string, years: number) => {
  const y = Number(iso.slice(0, 4)) + years;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return iso.slice(5) === "02-29" && !leap ? `${y}-02-28` : `${y}${iso.slice(4)}`;
};

/** One PSY alarm: a series explosive at `date` (BSADF above its critical value since `since`). */
export interface PsyAlarm {
  /** Stable series id, e.g. "NVDA" or a store id. */
  readonly series: string;
  readonly label: string;
  /** The date the alarm is raised (the last observation used). */
  readonly date: string;
  /** Start of the running episode. */
  readonly since: string;
  /** What the test ran on, e.g. "weekly log closes, MC critical values, 95%". */
  readonly method: string;
  readonly evidence: readonly string[];
}

/**
 * A PSY alarm as a forecast: the episode ends in a crash (Greenwood-Shleifer-You definition) within two years.
 * Used for report series and for real-time monitor alarms (`monitor()` episodes with `ongoing` or a fresh
 * `alarmDate`).
 *
 * @example
 * psyAlarmDraft({ series: "NVDA", label: "Nvidia", date: "2026-05-15", since: "2026-03-06",
 *   method: "weekly log closes, MC cv 95%", evidence: ["nvda.csv"] }, { registered: "2026-05-16" }).due; // "2028-05-15"
 */
export function psyAlarmDraft(a: PsyAlarm, opts: { readonly registered: string }): ForecastFields {
  return {
    kind: "forecast",
    id: `P-psy-${a.series}-${a.date}`,
    origin: "psy",
    made: a.date,
    registered: opts.registered,
    statement: `PSY alarm: ${a.label} has been explosive since ${a.since} (BSADF above its 95% critical value at ${a.date}); a bubble of this kind ends in a crash.`,
    criterion: `Resolves true if the series' close falls ${CRASH_RULE.drawdown}% or more below its highest close within ${CRASH_RULE.years} years after ${a.date} (${CRASH_RULE.source}); false otherwise.`,
    due: addYears(a.date, CRASH_RULE.years),
    source: `bubblescope PSY GSADF/BSADF (${a.method}; ${a.series})`,
    speaker: null,
    quote: null,
    probability: null,
    evidence: [...a.evidence],
  };
}

/** One LPPLS critical-time window: quantiles of tc over the qualified fits of nested windows ending at `date`. */
export interface LpplsWindow {
  readonly series: string;
  readonly label: string;
  /** Last observation of the fitted windows. */
  readonly date: string;
  /** Lower and upper tc quantiles (dates) and their probabilities, e.g. 0.05 and 0.95. */
  readonly from: { readonly p: number; readonly date: string };
  readonly to: { readonly p: number; readonly date: string };
  readonly qualifiedFits: number;
  readonly evidence: readonly string[];
}

/**
 * An LPPLS tc window as a forecast: the peak falls inside it and is followed by a 20% drawdown within 60 trading
 * days (a bubblescope convention for a regime change at tc).
 *
 * @example
 * lpplsWindowDraft({ series: "NVDA", label: "Nvidia", date: "2026-05-15", from: { p: 0.05, date: "2026-06-01" },
 *   to: { p: 0.95, date: "2026-09-01" }, qualifiedFits: 9, evidence: ["nvda.csv"] }, { registered: "2026-05-16" });
 */
export function lpplsWindowDraft(w: LpplsWindow, opts: { readonly registered: string }): ForecastFields {
  return {
    kind: "forecast",
    id: `P-lppls-${w.series}-${w.date}`,
    origin: "lppls",
    made: w.date,
    registered: opts.registered,
    statement: `LPPLS: ${w.label}'s critical time lies between ${w.from.date} and ${w.to.date} (${Math.round(w.from.p * 100)}th-${Math.round(w.to.p * 100)}th percentiles of tc over ${w.qualifiedFits} qualified fits).`,
    criterion: `Resolves true if the highest close after ${w.date} falls between ${w.from.date} and ${w.to.date} and is followed by a drawdown of 20% or more within 60 trading days (bubblescope convention for a regime change at tc); false otherwise.`,
    due: addDays(w.to.date, 90),
    source: `bubblescope LPPLS nested-window fits (${w.series})`,
    speaker: null,
    quote: null,
    probability: null,
    evidence: [...w.evidence],
  };
}

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
    out.push(
      psyAlarmDraft(
        {
          series: p.id,
          label: p.label,
          date: p.to,
          since: last.start,
          method: `${p.frequency} log closes`,
          evidence: p.evidence,
        },
        opts,
      ),
    );
  }
  for (const l of detectors.lppls) {
    const q = l.tcDistribution.quantiles.filter((x): x is { p: number; date: string } => x.date !== null);
    if (l.tcDistribution.qualified === 0 || l.fit.sign !== "positive" || q.length < 2 || l.window.end < opts.since)
      continue;
    out.push(
      lpplsWindowDraft(
        {
          series: l.id,
          label: l.label,
          date: l.window.end,
          from: q[0],
          to: q[q.length - 1],
          qualifiedFits: l.tcDistribution.qualified,
          evidence: l.evidence,
        },
        opts,
      ),
    );
  }
  return out;
}
