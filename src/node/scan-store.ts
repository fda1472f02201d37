/**
 * Scan and monitor runs in the data store (Node only; tables of migration v3). A run is written only once it is
 * complete — its row, every series' row and the changes, in one transaction — so an interrupted scan never
 * leaves a partial run behind. `lastRun` finds the previous complete run of the same basket and settings.
 */
import { createHash } from "node:crypto";
import type { Store } from "../data/store.ts";
import type { ScanJson } from "../scan/assemble.ts";
import type { ScanChange } from "../scan/changes.ts";
import { canonicalJson } from "./cv-cache.ts";

/** Key of a basket and its settings: runs with equal keys are comparable. */
export function basketKey(json: ScanJson): string {
  const names = json.series.map((s) => s.name).sort();
  return createHash("sha256")
    .update(canonicalJson({ basket: json.meta.watchlist ?? json.meta.source, names, settings: json.meta.settings }))
    .digest("hex")
    .slice(0, 32);
}

export interface StoredRun {
  readonly id: string;
  readonly kind: "scan" | "monitor";
  readonly finishedAt: string;
  readonly json: ScanJson;
}

/** Records a complete run (and the changes monitor found) in one transaction; returns the run id. */
export async function recordRun(
  store: Store,
  kind: "scan" | "monitor",
  json: ScanJson,
  engine: string,
  changes: readonly ScanChange[] = [],
): Promise<string> {
  const finishedAt = new Date().toISOString();
  const id = `${kind}-${finishedAt.replace(/[-:.TZ]/g, "")}-${createHash("sha256").update(canonicalJson(json)).digest("hex").slice(0, 8)}`;
  const d = (v: string | null | undefined) => (v ? v : null);
  await store.transaction(async () => {
    await store.execute(
      "INSERT INTO scan_runs VALUES ($1, $2, $3, $4, $5::DATE, $6, $7, $8::TIMESTAMP, $9, $10, $11, $12)",
      [
        id,
        kind,
        json.meta.watchlist ?? json.meta.source,
        basketKey(json),
        d(json.meta.asOf),
        JSON.stringify(json.meta.settings),
        engine,
        finishedAt.replace("T", " ").replace("Z", ""),
        json.meta.counts.series,
        json.meta.counts.failed,
        json.meta.counts.explosive,
        JSON.stringify(json),
      ],
    );
    for (const s of json.series) {
      await store.execute(
        "INSERT INTO scan_results VALUES ($1, $2, $3, $4::DATE, $5::DATE, $6, $7, $8, $9, $10::DATE, $11, $12, $13, $14, $15, $16)",
        [
          id,
          s.name,
          s.n,
          d(s.from),
          d(s.to),
          s.gsadf,
          s.cv95,
          s.rejected,
          s.current.explosive,
          d(s.current.since),
          s.lppls?.posConf ?? null,
          s.lppls?.negConf ?? null,
          s.gsy?.runUpPct ?? null,
          s.gmo?.z ?? null,
          JSON.stringify(s.episodes),
          s.error ?? null,
        ],
      );
    }
    for (const c of changes)
      await store.execute("INSERT INTO scan_changes VALUES ($1, $2, $3, $4::DATE, $5)", [
        id,
        c.series,
        c.kind,
        d(c.date),
        c.detail,
      ]);
  });
  return id;
}

/** The most recent complete run of the same basket and settings (optionally of one kind). */
export async function lastRun(store: Store, key: string, kind?: "scan" | "monitor"): Promise<StoredRun | null> {
  const rows = await store.query(
    `SELECT id, kind, finished_at, document FROM scan_runs WHERE basket_key = $1 ${kind ? "AND kind = $2" : ""}
     ORDER BY finished_at DESC, id DESC LIMIT 1`,
    kind ? [key, kind] : [key],
  );
  if (rows.length === 0) return null;
  const r = rows[0];
  return {
    id: String(r.id),
    kind: r.kind as "scan" | "monitor",
    finishedAt: String(r.finished_at),
    json: JSON.parse(String(r.document)) as ScanJson,
  };
}

/** Every run, newest first (id, kind, basket, finished, counts). */
export async function listRuns(store: Store): Promise<Record<string, unknown>[]> {
  return store.query(
    "SELECT id, kind, basket, as_of, engine, finished_at, n_series, n_failed, n_explosive FROM scan_runs ORDER BY finished_at DESC",
  );
}
