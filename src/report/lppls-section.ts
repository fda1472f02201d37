/**
 * LPPLS for the report: the library's `analyseLppls` (src/analysis/lppls.ts) on each series' last two years of
 * daily log closes (the 2000-era ones ending at their own 2000 peak), with the confidence indicator over the last
 * months, packed with the price file the numbers came from and rounded for the JSON. A failed fit is carried as
 * `fit: { ok: false, reason }` and shown as text only. Cost: ~30 window fits for the distribution + ~25 × 30 for
 * the indicator per series.
 */

import { availableParallelism } from "node:os";
import { analyseLppls, lpplsRows } from "../analysis/lppls.ts";
import { ANALYSIS_DEFAULTS, type SelectedSeries } from "../analysis/series.ts";
import { ordinalToDate } from "../detect/lppls/dates.ts";
import { spawnModuleWorker } from "../node/spawn-worker.ts";

export interface LpplsEntry {
  readonly id: string;
  readonly era: "2000" | "ai";
  readonly label: string;
  readonly evidence: readonly string[];
  readonly source: string;
  readonly window: { readonly start: string; readonly end: string; readonly n: number };
  readonly fit:
    | {
        readonly ok: true;
        readonly tcDate: string;
        readonly tcDaysAfterLast: number;
        readonly m: number;
        readonly omega: number;
        readonly B: number;
        readonly sign: string;
        readonly qualified: boolean;
        readonly conditions: Readonly<Record<string, boolean>>;
      }
    | { readonly ok: false; readonly reason: string; readonly qualified: false };
  readonly tcDistribution: {
    readonly windows: number;
    readonly qualified: number;
    readonly quantiles: readonly {
      readonly p: number;
      readonly date: string | null;
      readonly daysAfterLast: number | null;
    }[];
    readonly widthDays: number | null;
  };
  readonly indicator: readonly { readonly date: string; readonly posConf: number; readonly negConf: number }[];
  /** For the chart: the window's observations (day ordinals, log prices) and the fitted curve up to tc. */
  readonly chart: {
    readonly t: readonly number[];
    readonly y: readonly number[];
    readonly fitT: readonly number[];
    readonly fitY: readonly number[];
    /** null when the fit failed. */
    readonly tc: number | null;
    readonly tcQuantiles: readonly { p: number; tc: number }[];
  };
}

const WINDOW = ANALYSIS_DEFAULTS.lpplsWindow;
const r6 = (v: number) => Number(v.toPrecision(6));

/** One LPPLS run of the report: a series, the last date of its window and the seed. */
export interface LpplsTask {
  readonly series: SelectedSeries;
  readonly at: string;
  readonly seed: number;
}

/**
 * Runs the report's LPPLS tasks, in order. With more than one task and more than one core they run on a worker
 * thread (lppls-worker.ts) while the caller goes on with the other sections: `start` returns at once, `result`
 * resolves with the entries. Same function either way, so the entries are identical (seeded).
 */
export function runLpplsTasks(
  tasks: readonly LpplsTask[],
  options: { readonly worker?: boolean } = {},
): Promise<(LpplsEntry | null)[]> {
  const useWorker = (options.worker ?? availableParallelism() > 1) && tasks.length > 1;
  if (!useWorker) return Promise.resolve(tasks.map((t) => lpplsForReport(t.series, t.at, t.seed)));
  const worker = spawnModuleWorker(import.meta.url, "lppls-worker");
  return new Promise<(LpplsEntry | null)[]>((resolve, reject) => {
    worker.once("message", (m: { entries?: (LpplsEntry | null)[]; error?: string }) =>
      m.entries ? resolve(m.entries) : reject(new Error(`LPPLS worker: ${m.error}`)),
    );
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the LPPLS worker exited with code ${code}`)));
    worker.postMessage(tasks);
  }).finally(() => void worker.terminate());
}

/** LPPLS on the last `WINDOW` observations of `p` up to `end` (ISO, inclusive); null with fewer observations. */
export function lpplsForReport(p: SelectedSeries, end: string, seed: number): LpplsEntry | null {
  if (lpplsRows(p.dates, p.dates.length, end) < WINDOW) return null;
  const a = analyseLppls(p.label, p.values, p.dates, { window: WINDOW, seed, end, indicator: true });
  const last = a.chart.t[a.chart.t.length - 1];
  const start = String(a.window.start);
  const stop = String(a.window.end);
  return {
    id: `lppls-${p.key.toLowerCase()}`,
    era: p.era,
    label: `${p.label}, ${start} – ${stop}`,
    evidence: [p.id],
    source: "LPPLS (Johansen–Ledoit–Sornette; Filimonov & Sornette 2013 fit), lppls 0.6.24 filter conditions; seeded",
    window: { start, end: stop, n: a.window.n },
    fit: a.fit.ok
      ? {
          ok: true,
          tcDate: a.fit.tcLabel,
          tcDaysAfterLast: a.fit.tcAfterLast,
          m: r6(a.fit.m),
          omega: r6(a.fit.omega),
          B: r6(a.fit.B),
          sign: a.fit.sign,
          qualified: a.fit.qualified,
          conditions: a.fit.conditions,
        }
      : a.fit,
    tcDistribution: {
      windows: a.distribution.windows,
      qualified: a.distribution.qualified,
      quantiles: a.distribution.quantiles.map((q) => ({
        p: q.p,
        date: q.label,
        daysAfterLast: q.tc === null ? null : Math.round(q.tc - last),
      })),
      widthDays: a.distribution.width === null ? null : Math.round(a.distribution.width),
    },
    indicator: (a.indicator ?? []).map((pt) => ({
      date: ordinalToDate(Math.round(pt.t2)),
      posConf: r6(pt.posConf),
      negConf: r6(pt.negConf),
    })),
    chart: {
      t: a.chart.t,
      y: a.chart.y.map(r6),
      fitT: a.chart.fitT,
      fitY: a.chart.fitY.map(r6),
      tc: a.chart.tc,
      tcQuantiles: a.chart.tcQuantiles,
    },
  };
}
