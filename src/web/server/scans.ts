/**
 * Read-only access to the scan runs recorded in the user's data store (tables of migration v3, written by
 * `bubblescope scan` and `bubblescope monitor` through src/node/scan-store.ts) for the dashboard's Scan view.
 *
 * The store is opened READ_ONLY for each request and closed at once, never created nor migrated, and requests are
 * served one at a time: the dashboard never holds DuckDB's file lock, so a `scan` or `monitor` run can record while
 * the dashboard is open (while one is writing, the store cannot be opened: the request gets "busy" and retries).
 * Nothing is computed here except, for a `scan` run, the changes since the previous run of the same basket and
 * settings, with the library's `diffScans` (the same function `monitor` records its changes with); a `monitor`
 * run's changes are read back as recorded. Responses are bounded (a limit on runs and on series rows).
 */
import { existsSync } from "node:fs";
import { resolveStoreDir, storePaths } from "../../data/paths.ts";
import type { ScanJson } from "../../scan/assemble.ts";
import { diffScans } from "../../scan/changes.ts";
import type { ScanRunInfo, ScanRunPayload, ScanRunsPayload } from "../client/types.ts";

/** Why there is nothing to show (the API maps "busy" to 503, the rest to 404 or an empty list). */
export interface ScanUnavailable {
  readonly unavailable: "no-store" | "no-runs" | "busy";
  readonly message: string;
}

export interface ScanRunsQuery {
  readonly watchlist?: string;
  readonly kind?: "scan" | "monitor";
  /** Runs finished on or before this day (YYYY-MM-DD). */
  readonly until?: string;
  readonly limit: number;
}

export interface ScanRunQuery {
  /** A run id; without it, the latest run matching the filters. */
  readonly id?: string;
  readonly watchlist?: string;
  readonly kind?: "scan" | "monitor";
  readonly until?: string;
  /** At most this many series rows (ranked order; breadth and counts always cover the whole basket). */
  readonly limit: number;
}

/** The dashboard's view of the scan runs. */
export interface ScanSource {
  runs(q: ScanRunsQuery): Promise<ScanRunsPayload | ScanUnavailable>;
  run(q: ScanRunQuery): Promise<ScanRunPayload | ScanUnavailable>;
}

export const SCAN_HINT = "run `bubblescope scan --watchlist ai` (or `telecom-2000`, a folder, --store) first";

type Row = Record<string, unknown>;

interface Conn {
  query(sql: string, params?: (string | number)[]): Promise<Row[]>;
  close(): void;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function info(r: Row): ScanRunInfo {
  return {
    id: String(r.id),
    kind: r.kind === "monitor" ? "monitor" : "scan",
    basket: String(r.basket),
    asOf: str(r.as_of),
    engine: String(r.engine),
    finishedAt: String(r.finished_at),
    series: Number(r.n_series),
    failed: Number(r.n_failed),
    explosive: Number(r.n_explosive),
  };
}

const RUN_COLUMNS = "id, kind, basket, basket_key, as_of, engine, finished_at, n_series, n_failed, n_explosive";

function filters(q: { watchlist?: string; kind?: string; until?: string }): { where: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  if (q.watchlist !== undefined) {
    params.push(q.watchlist);
    parts.push(`basket = $${params.length}`);
  }
  if (q.kind !== undefined) {
    params.push(q.kind);
    parts.push(`kind = $${params.length}`);
  }
  if (q.until !== undefined) {
    params.push(q.until);
    parts.push(`finished_at < $${params.length}::DATE + INTERVAL 1 DAY`);
  }
  return { where: parts.length ? `WHERE ${parts.join(" AND ")}` : "", params };
}

/**
 * The scan runs of the store in `storeDir` (default: the user's store, as `bubblescope scan`).
 *
 * @example
 * const s = storeScanSource(); const r = await s.run({ watchlist: "ai", limit: 200 });
 */
export function storeScanSource(storeDir?: string): ScanSource {
  const dir = resolveStoreDir(storeDir);
  const db = storePaths(dir).db;
  let queue: Promise<unknown> = Promise.resolve();

  /** Opens the store read-only for one body, one request at a time. */
  function withStore<T>(body: (c: Conn) => Promise<T | ScanUnavailable>): Promise<T | ScanUnavailable> {
    const next = queue.then(async (): Promise<T | ScanUnavailable> => {
      if (!existsSync(db))
        return { unavailable: "no-store", message: `no data store at ${dir}: no scan has been recorded; ${SCAN_HINT}` };
      const { DuckDBInstance } = await import("@duckdb/node-api");
      let instance: Awaited<ReturnType<typeof DuckDBInstance.create>>;
      try {
        instance = await DuckDBInstance.create(db, { access_mode: "READ_ONLY" });
      } catch (e) {
        const msg = (e as Error).message.split("\n")[0];
        if (/lock|in use|different configuration/i.test(msg))
          return {
            unavailable: "busy",
            message: `the data store ${dir} is in use by another process (a scan recording?); retry in a moment`,
          };
        throw new Error(`cannot open the data store ${db}: ${msg}`);
      }
      const conn = await instance.connect();
      const c: Conn = {
        async query(sql, params) {
          const r = await conn.runAndReadAll(sql, params);
          return r.getRowObjectsJson() as Row[];
        },
        close() {
          conn.closeSync();
          instance.closeSync();
        },
      };
      try {
        const t = await c.query(
          "SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('scan_runs', 'scan_results', 'scan_changes')",
        );
        if (Number(t[0]?.n) < 3)
          return {
            unavailable: "no-runs",
            message: `the data store ${dir} has no scan tables yet (no scan recorded); ${SCAN_HINT}`,
          };
        return await body(c);
      } finally {
        c.close();
      }
    });
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    runs: (q) =>
      withStore<ScanRunsPayload>(async (c) => {
        const f = filters(q);
        const total = Number((await c.query(`SELECT count(*) AS n FROM scan_runs ${f.where}`, f.params))[0]?.n ?? 0);
        const rows = await c.query(
          `SELECT ${RUN_COLUMNS} FROM scan_runs ${f.where} ORDER BY finished_at DESC, id DESC LIMIT ${q.limit}`,
          f.params,
        );
        const baskets = (await c.query("SELECT DISTINCT basket FROM scan_runs ORDER BY basket")).map((r) =>
          String(r.basket),
        );
        return { store: dir, total, limit: q.limit, baskets, runs: rows.map(info) };
      }),

    run: (q) =>
      withStore<ScanRunPayload>(async (c) => {
        let rows: Row[];
        if (q.id !== undefined) rows = await c.query(`SELECT ${RUN_COLUMNS} FROM scan_runs WHERE id = $1`, [q.id]);
        else {
          const f = filters(q);
          rows = await c.query(
            `SELECT ${RUN_COLUMNS} FROM scan_runs ${f.where} ORDER BY finished_at DESC, id DESC LIMIT 1`,
            f.params,
          );
        }
        if (rows.length === 0) {
          const what =
            q.id !== undefined
              ? `no scan run "${q.id}" in the data store ${dir}`
              : `no scan run${q.watchlist ? ` of watchlist ${q.watchlist}` : ""}${q.kind ? ` (${q.kind})` : ""}${q.until ? ` recorded by ${q.until}` : ""} in the data store ${dir}`;
          return { unavailable: "no-runs", message: `${what}; ${SCAN_HINT}` };
        }
        const run = rows[0];
        const doc = await c.query("SELECT document FROM scan_runs WHERE id = $1", [String(run.id)]);
        const json = JSON.parse(String(doc[0].document)) as ScanJson;
        // The previous complete run of the same basket and settings (for monitor: the previous monitor run, as
        // `monitor` compares with).
        const prevRows = await c.query(
          `SELECT ${RUN_COLUMNS} FROM scan_runs WHERE basket_key = $1 AND (finished_at < $2::TIMESTAMP OR (finished_at = $2::TIMESTAMP AND id < $3)) ${
            run.kind === "monitor" ? "AND kind = 'monitor'" : ""
          } ORDER BY finished_at DESC, id DESC LIMIT 1`,
          [String(run.basket_key), String(run.finished_at), String(run.id)],
        );
        const previous = prevRows.length ? info(prevRows[0]) : null;
        let changes: ScanRunPayload["changes"];
        if (run.kind === "monitor") {
          const ch = await c.query(
            "SELECT series, kind, date, detail FROM scan_changes WHERE run_id = $1 ORDER BY series, kind",
            [String(run.id)],
          );
          changes = {
            source: "recorded by `bubblescope monitor` with this run",
            items: ch.map((r) => ({
              kind: String(r.kind) as ScanRunPayload["changes"]["items"][number]["kind"],
              series: String(r.series),
              date: str(r.date),
              detail: String(r.detail),
            })),
          };
        } else if (previous) {
          const pd = await c.query("SELECT document FROM scan_runs WHERE id = $1", [previous.id]);
          const pj = JSON.parse(String(pd[0].document)) as ScanJson;
          changes = {
            source: "diffScans (src/scan/changes.ts) between the previous run and this one, as `monitor` computes them",
            items: diffScans(pj.series, json.series, json.meta.settings.lpplsSignal),
          };
        } else changes = { source: "first run of this basket and settings: nothing to compare with", items: [] };
        const shown = json.series.slice(0, q.limit);
        return {
          store: dir,
          run: info(run),
          previous,
          changes,
          truncated: shown.length < json.series.length ? { shown: shown.length, of: json.series.length } : null,
          scan: { ...json, series: shown },
        };
      }),
  };
}
