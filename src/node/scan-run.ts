/**
 * Runs a scan (Node only): prepares every input, computes one Monte Carlo critical-value table per distinct test
 * length (from the disk cache when it is there, on worker threads otherwise), runs the per-series tests on an
 * engine — worker threads on this machine, or BullMQ workers through Redis (`scan-queue.ts`) — and assembles the
 * ranked document with its breadth. The engine only changes where tasks run: the document is identical.
 */
import { createHash } from "node:crypto";
import type { CriticalValues } from "../detect/psy/cv.ts";
import { psyMinw } from "../detect/psy/minw.ts";
import { assembleScan, type ScanCvInfo, type ScanJson } from "../scan/assemble.ts";
import { type PreparedSeries, prepareSeries, testLength } from "../scan/prepare.ts";
import { failedResult, type ScanSeriesResult } from "../scan/scan-series.ts";
import type { ScanSettings } from "../scan/settings.ts";
import { computeCriticalValues } from "./critical-values.ts";
import { canonicalJson } from "./cv-cache.ts";
import type { ScanInput } from "./scan-inputs.ts";
import { ScanPool } from "./scan-pool.ts";
import type { ScanTask } from "./scan-task.ts";

/** Where the tasks run. */
export interface ScanEngine {
  readonly name: string;
  /** Results in the order of `tasks`. */
  run(
    tasks: readonly ScanTask[],
    tables: ReadonlyMap<string, CriticalValues>,
    onProgress?: (done: number, total: number) => void,
  ): Promise<ScanSeriesResult[]>;
}

/** Worker threads on this machine (1 = this thread). */
export function threadEngine(threads?: number): ScanEngine {
  return {
    name: "threads",
    async run(tasks, tables, onProgress) {
      const pool = new ScanPool(tables, threads);
      let done = 0;
      try {
        return await Promise.all(
          tasks.map((t) =>
            pool.run(t).then((r) => {
              onProgress?.(++done, tasks.length);
              return r;
            }),
          ),
        );
      } finally {
        await pool.close();
      }
    },
  };
}

/** Key of a Monte Carlo table: every parameter that determines it. */
export function cvKeyFor(n: number, settings: ScanSettings): string {
  return `mc-stream-exuber-n${n}-m${psyMinw(n)}-lag0-r${settings.nrep}-s${settings.seed}`;
}

/** Idempotency key of a task: SHA-256 of the series data, the settings and the table it uses. */
export function taskId(series: PreparedSeries, settings: ScanSettings, cvKey: string): string {
  return createHash("sha256")
    .update(canonicalJson({ v: 1, series, settings, cvKey }))
    .digest("hex")
    .slice(0, 40);
}

export interface RunScanOptions {
  readonly settings: ScanSettings;
  readonly asOf?: string;
  readonly watchlist: string | null;
  readonly source: string;
  readonly engine?: ScanEngine;
  /** Threads for the critical values (and for the default engine). */
  readonly threads?: number;
  /** Use the critical-value disk cache (default true). */
  readonly cache?: boolean;
  readonly onPhase?: (phase: string) => void;
  readonly onCvProgress?: (done: number, total: number) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ScanRunStats {
  readonly engine: string;
  readonly cvSeconds: number;
  readonly scanSeconds: number;
  readonly tables: number;
}

/** Runs the whole scan. */
export async function runScan(
  inputs: readonly ScanInput[],
  o: RunScanOptions,
): Promise<{ json: ScanJson; stats: ScanRunStats }> {
  const { settings } = o;
  const results = new Map<string, ScanSeriesResult>();
  const prepared: PreparedSeries[] = [];
  const names = new Set<string>();
  for (const inp of inputs) {
    if (names.has(inp.name)) throw new RangeError(`two series are named "${inp.name}"`);
    names.add(inp.name);
    if (!inp.raw) {
      results.set(inp.name, failedResult(inp.name, inp.error ?? "no data"));
      continue;
    }
    try {
      prepared.push(prepareSeries(inp.raw, settings, o.asOf));
    } catch (e) {
      results.set(inp.name, failedResult(inp.name, e instanceof Error ? e.message : String(e)));
    }
  }
  // One table per test length, shared by every series of that length.
  const t0 = performance.now();
  const lengths = [...new Set(prepared.map(testLength))].sort((a, b) => a - b);
  const tables = new Map<string, CriticalValues>();
  const cvInfo: ScanCvInfo[] = [];
  for (const n of lengths) {
    o.onPhase?.(`critical values n = ${n}`);
    const cv = await computeCriticalValues(
      { method: "mc", n, options: { minWindow: psyMinw(n), lag: 0, nrep: settings.nrep, seed: settings.seed } },
      { threads: o.threads, cache: o.cache ?? true, onProgress: o.onCvProgress },
    );
    tables.set(cvKeyFor(n, settings), cv);
    cvInfo.push({ n, minWindow: cv.minWindow, nrep: cv.nrep, seed: cv.seed, gsadf95: cv.gsadf[1] });
  }
  const t1 = performance.now();
  const tasks: ScanTask[] = prepared.map((p) => {
    const cvKey = cvKeyFor(testLength(p), settings);
    return { id: taskId(p, settings, cvKey), series: p, cvKey, settings };
  });
  const engine = o.engine ?? threadEngine(o.threads);
  o.onPhase?.(`scanning ${tasks.length} series (${engine.name})`);
  const out = await engine.run(tasks, tables, o.onProgress);
  tasks.forEach((t, i) => results.set(t.series.name, out[i]));
  const t2 = performance.now();
  const datesBy = new Map(prepared.map((p) => [p.name, p.dates.slice(p.windowStart)]));
  const json = assembleScan(
    inputs.map((i) => results.get(i.name) as ScanSeriesResult),
    settings,
    { watchlist: o.watchlist, source: o.source, asOf: o.asOf ?? null, criticalValues: cvInfo },
    (name) => datesBy.get(name),
  );
  return {
    json,
    stats: { engine: engine.name, cvSeconds: (t1 - t0) / 1000, scanSeconds: (t2 - t1) / 1000, tables: tables.size },
  };
}
