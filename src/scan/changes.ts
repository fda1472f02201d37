/**
 * What changed between two scans of the same basket (for `bubblescope monitor`): a **new alarm** is a series in
 * an explosive episode now that was not in one before, or is in a different episode (a new start date); an
 * **ended** episode is one that was running before and is not now; a **new LPPLS signal** is a confidence
 * (posConf for a bubble, negConf for a negative bubble) at or above the threshold now and below it (or not
 * computed) before. A series seen for the first time counts as not explosive before. Complexity O(S).
 */
import type { ScanSeriesResult } from "./scan-series.ts";

/** One change. */
export interface ScanChange {
  readonly kind: "new-alarm" | "ended" | "new-lppls";
  readonly series: string;
  /** Episode start (new-alarm), previous start (ended) or the last date (new-lppls). */
  readonly date: string | null;
  readonly detail: string;
}

/**
 * Changes from `previous` to `current` (null previous = first run: every running episode is new).
 *
 * @example
 * diffScans(prev, now, 0.5).filter((c) => c.kind === "new-alarm");
 */
export function diffScans(
  previous: readonly ScanSeriesResult[] | null,
  current: readonly ScanSeriesResult[],
  lpplsSignal: number,
): ScanChange[] {
  const before = new Map((previous ?? []).map((r) => [r.name, r]));
  const out: ScanChange[] = [];
  const names = [...new Set([...current.map((r) => r.name), ...before.keys()])].sort();
  const now = new Map(current.map((r) => [r.name, r]));
  for (const name of names) {
    const a = before.get(name);
    const b = now.get(name);
    if (b && !b.error && b.current.explosive && (!a?.current.explosive || a.current.since !== b.current.since)) {
      out.push({
        kind: "new-alarm",
        series: name,
        date: b.current.since,
        detail: `explosive since ${b.current.since} (GSADF ${fmt(b.gsadf)} vs cv95 ${fmt(b.cv95)})`,
      });
    }
    if (a?.current.explosive && b && !b.error && (!b.current.explosive || b.current.since !== a.current.since)) {
      const ep = b.episodes.find((e) => e.start === a.current.since);
      out.push({
        kind: "ended",
        series: name,
        date: a.current.since,
        detail: `episode from ${a.current.since} ended${ep ? ` on ${ep.end}` : ""}`,
      });
    }
    if (b?.lppls) {
      for (const side of ["posConf", "negConf"] as const) {
        const was = a?.lppls?.[side] ?? 0;
        if (b.lppls[side] >= lpplsSignal && was < lpplsSignal)
          out.push({
            kind: "new-lppls",
            series: name,
            date: b.to,
            detail: `LPPLS ${side === "posConf" ? "positive" : "negative"} confidence ${fmt(b.lppls[side])} ≥ ${lpplsSignal} (was ${fmt(was)})`,
          });
      }
    }
  }
  return out;
}

function fmt(v: number | null): string {
  return v === null ? "n/a" : v.toFixed(2);
}
