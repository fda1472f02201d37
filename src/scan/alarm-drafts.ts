/**
 * Monitor alarms as forward-looking outputs for the predictions ledger (src/predictions): a **new PSY alarm** (a
 * series in an explosive episode that was not before) becomes `psyAlarmDraft`'s forecast — the episode ends in a
 * crash of 40 % within two years (Greenwood, Shleifer & You 2019) — and a **new positive LPPLS signal** (posConf at
 * or above the monitor's threshold) becomes a forecast that the high is near: the lppls filter places a qualified
 * fit's critical time at most 10 % of the fitted window after its last date, so the highest close falls within that
 * horizon and is followed by a 20 % drawdown within 60 trading days (the bubblescope convention of
 * `lpplsWindowDraft`). Negative LPPLS signals (a rebound) and ended episodes are not forecasts of a crash and are
 * not registered. Ids name the series and the episode (PSY: its start; LPPLS: the signal's date), so the same
 * alarm seen again is the same forecast. Browser-safe; O(changes).
 */
import { type ForecastFields, psyAlarmDraft } from "../predictions/index.ts";
import type { ScanJson } from "./assemble.ts";
import type { ScanChange } from "./changes.ts";

const DAY = 86400000;
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** A series name as it may appear in a prediction id ([A-Za-z0-9._:-]). */
export const idPart = (s: string): string => s.replace(/[^A-Za-z0-9._:-]/g, "_");

/**
 * Forecast drafts for monitor's new alarms (PSY) and new positive LPPLS signals.
 *
 * @example
 * alarmDrafts(changes, scan, { runId, registered: "2026-05-16" }).map((d) => d.id); // ["P-psy-scan-CIEN-2026-01-30"]
 */
export function alarmDrafts(
  changes: readonly ScanChange[],
  scan: ScanJson,
  o: { readonly runId: string | null; readonly registered: string },
): ForecastFields[] {
  const s = scan.meta.settings;
  const basket = scan.meta.watchlist ? `watchlist ${scan.meta.watchlist}` : scan.meta.source;
  const runTag = o.runId ? [`scan-run:${o.runId}`] : [];
  const out: ForecastFields[] = [];
  for (const c of changes) {
    const r = scan.series.find((x) => x.name === c.series);
    if (!r || r.error || !r.to) continue;
    if (c.kind === "new-alarm" && r.current.explosive && r.current.since) {
      const draft = psyAlarmDraft(
        {
          series: r.name,
          label: `${r.name} (${basket})`,
          date: r.to,
          since: r.current.since,
          method: `bubblescope monitor: ${s.frequency} ${s.log ? "log " : ""}closes, the last ${s.window || "all"} observations, lag ${s.lag}, ${s.nrep} Monte Carlo replications (seed ${s.seed}); GSADF ${fmt(r.gsadf)} vs cv95 ${fmt(r.cv95)}`,
          evidence: [`scan:${r.name}`, ...runTag],
        },
        { registered: o.registered },
      );
      out.push({ ...draft, id: `P-psy-scan-${idPart(r.name)}-${r.current.since}` });
    } else if (c.kind === "new-lppls" && r.lppls && r.lppls.posConf >= s.lpplsSignal && r.from && r.n > 1) {
      // The horizon in days: 10 % of the LPPLS window, in this series' own spacing of observations.
      const spacing = (Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / DAY / (r.n - 1);
      const horizon = Math.max(1, Math.ceil(0.1 * s.lpplsWindow * spacing));
      const until = addDays(r.to, horizon);
      out.push({
        kind: "forecast",
        id: `P-lppls-scan-${idPart(r.name)}-${r.to}`,
        origin: "lppls",
        made: r.to,
        registered: o.registered,
        statement: `LPPLS signal: ${r.name} (${basket}) has a positive-bubble confidence of ${fmt(r.lppls.posConf)} at ${r.to} (share of qualified nested-window fits, at or above ${s.lpplsSignal}): its critical time is near.`,
        criterion: `Resolves true if the series' highest close between ${r.to} and ${until} (10% of the ${s.lpplsWindow}-observation window, where the lppls filter places a qualified fit's critical time) is followed by a drawdown of 20% or more within 60 trading days (bubblescope convention for a regime change at tc, as for LPPLS critical-time windows); false otherwise.`,
        due: addDays(until, 90),
        source: `bubblescope monitor LPPLS confidence indicator (Sornette et al. 2015; lppls nested windows, ${s.lpplsWindow} observations, seed ${s.seed}; ${r.name})`,
        speaker: null,
        quote: null,
        probability: null,
        evidence: [`scan:${r.name}`, ...runTag],
      });
    }
  }
  return out;
}

function fmt(v: number | null): string {
  return v === null ? "n/a" : v.toFixed(2);
}
