/**
 * The embedded series store: one DuckDB file per user (see `paths.ts`), opened lazily with a dynamic import so
 * the CLI starts fast when it does not touch the store. Writes are all-or-nothing: a series (its metadata row,
 * its price rows and its provenance row) or a company's fundamentals are replaced inside one transaction, so a
 * process killed mid-write leaves the previous version intact (DuckDB discards the uncommitted transaction on the
 * next open). Only one process may hold the store at a time; a second one gets a clear "in use" error.
 */
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from "@duckdb/node-api";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations.ts";
import { resolveStoreDir, storePaths } from "./paths.ts";
import type { PriceRows } from "./price-csv.ts";
import { medianGapDays } from "./quality.ts";

/** Where a blob of data came from. */
export interface ProvenanceInput {
  /** Short source name: "file", "stooq", "fred", "sec", "csv-url". */
  readonly source: string;
  /** File path or URL (API keys already redacted). */
  readonly sourceUrl: string;
  /** ISO timestamp of the download or file read. */
  readonly retrievedAt: string;
  /** sha256 of the raw bytes, hex. */
  readonly checksum: string;
  readonly bytes: number;
  readonly note?: string;
}

/** A stored provenance row. */
export interface ProvenanceRecord extends ProvenanceInput {
  readonly id: string;
}

/** Metadata given when a series is written. */
export interface SeriesMetaInput {
  /** Store id: letters, digits and `_ . - ^ :`, at most 100 characters. */
  readonly id: string;
  readonly ticker?: string | null;
  readonly name?: string | null;
  readonly source: string;
  /** daily, weekly, monthly, quarterly, annual; inferred from the dates when omitted. */
  readonly frequency?: string;
  /** Whether `close` is already split-adjusted. */
  readonly adjusted: boolean;
  /** Source column that became `close`. */
  readonly valueColumn: string;
  readonly warnings?: readonly string[];
}

/** A stored series' metadata. */
export interface SeriesInfo {
  readonly id: string;
  readonly ticker: string | null;
  readonly name: string | null;
  readonly source: string;
  readonly frequency: string;
  readonly adjusted: boolean;
  readonly valueColumn: string;
  readonly rows: number;
  readonly firstDate: string;
  readonly lastDate: string;
  readonly importedAt: string;
  readonly provenance: ProvenanceRecord;
  readonly warnings: readonly string[];
}

/** One fundamental value (one company, metric and period) with the SEC filing it came from. */
export interface FundamentalRow {
  /** Ticker, e.g. "MSFT". */
  readonly company: string;
  /** Ten-digit CIK. */
  readonly cik: string;
  readonly entityName: string;
  /** bubblescope metric name, e.g. "capex". */
  readonly metric: string;
  /** XBRL concept, e.g. "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment". */
  readonly concept: string;
  /** "annual" or "quarterly" for flows, "instant" for balance-sheet values. */
  readonly periodType: "annual" | "quarterly" | "instant";
  readonly periodStart: string | null;
  readonly periodEnd: string;
  readonly fiscalYear: number | null;
  readonly fiscalPeriod: string | null;
  readonly value: number;
  readonly unit: string;
  readonly form: string | null;
  /** Filing accession number, e.g. "0000789019-24-000046". */
  readonly accession: string;
  readonly filed: string | null;
  readonly frame: string | null;
  /** True when computed (a quarter as the difference of two year-to-date values). */
  readonly derived: boolean;
}

/** A stored fundamental row with its provenance id. */
export interface StoredFundamental extends FundamentalRow {
  readonly provenanceId: string;
}

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** Store directory (default: {@link resolveStoreDir}). */
  readonly dir?: string;
}

const ID_RE = /^[A-Za-z0-9_.^:-]{1,100}$/;

/**
 * Validates a series id; throws RangeError naming it when invalid.
 *
 * @example
 * checkSeriesId("nvda_daily_yahoo_2019_2026"); // ok
 */
export function checkSeriesId(id: string): void {
  if (!ID_RE.test(id)) {
    throw new RangeError(
      `invalid series id ${JSON.stringify(id)}: use 1-100 letters, digits and _ . - ^ : (e.g. NVDA, nasdaq_composite)`,
    );
  }
}

/** Infers a frequency label from the median gap between dates. */
export function inferFrequency(dates: readonly string[]): string {
  const g = medianGapDays(dates);
  if (g === 0) return "unknown";
  if (g <= 4) return "daily";
  if (g <= 10) return "weekly";
  if (g <= 40) return "monthly";
  if (g <= 120) return "quarterly";
  return "annual";
}

/** sha256 of a string or bytes, hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Opens (creating and migrating when needed) the store in `options.dir`.
 *
 * @example
 * const store = await openStore({ dir: "/tmp/bs" });
 * try { console.log(await store.listSeries()); } finally { store.close(); }
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const dir = resolveStoreDir(options.dir);
  const paths = storePaths(dir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new Error(`cannot create the store directory ${dir}: ${(err as Error).message}`);
  }
  // Lazy: importing DuckDB costs ~0.9 s, so commands that never open the store do not pay it.
  const { DuckDBInstance } = await import("@duckdb/node-api");
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(paths.db);
  } catch (err) {
    const msg = (err as Error).message;
    if (/lock/i.test(msg)) {
      const pid = /PID (\d+)/.exec(msg)?.[1];
      throw new Error(
        `the store ${paths.db} is in use by another process${pid ? ` (PID ${pid})` : ""}; wait for it to finish`,
      );
    }
    throw new Error(`cannot open the store ${paths.db}: ${msg.split("\n")[0]}`);
  }
  const conn = await instance.connect();
  const store = new Store(dir, paths.db, instance, conn);
  try {
    await store.migrate();
  } catch (err) {
    store.close();
    throw err;
  }
  return store;
}

type Row = Record<string, unknown>;

/** An open store; call {@link Store.close} when done. */
export class Store {
  /** @internal use {@link openStore}. */
  constructor(
    readonly dir: string,
    readonly dbPath: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  private closed = false;

  /** Closes the connection and the database (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.conn.closeSync();
    this.instance.closeSync();
  }

  private async rows(sql: string, params?: DuckDBValue[]): Promise<Row[]> {
    const reader = await this.conn.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as Row[];
  }

  /** Runs `body` inside one transaction; rolls back and rethrows on error. */
  async transaction<T>(body: () => Promise<T>): Promise<T> {
    await this.conn.run("BEGIN TRANSACTION");
    try {
      const out = await body();
      await this.conn.run("COMMIT");
      return out;
    } catch (err) {
      await this.conn.run("ROLLBACK").catch(() => {});
      throw err;
    }
  }

  /** Runs one statement (for feature tables added by later migrations, e.g. the scan results of `scan-store.ts`). */
  async execute(sql: string, params?: DuckDBValue[]): Promise<void> {
    await this.conn.run(sql, params);
  }

  /** The rows of a query as JSON-compatible objects. */
  async query(sql: string, params?: DuckDBValue[]): Promise<Record<string, unknown>[]> {
    return this.rows(sql, params);
  }

  /** The schema version of the open store. */
  async schemaVersion(): Promise<number> {
    const t = await this.rows(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'schema_version'",
    );
    if (Number(t[0].n) === 0) return 0;
    const r = await this.rows("SELECT max(version) AS v FROM schema_version");
    return r[0].v === null ? 0 : Number(r[0].v);
  }

  /** Applies pending migrations, each in its own transaction. Called by {@link openStore}. */
  async migrate(): Promise<number> {
    await this.conn.run(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)",
    );
    const current = await this.schemaVersion();
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `the store ${this.dbPath} has schema version ${current}, newer than this bubblescope understands (${SCHEMA_VERSION}); upgrade bubblescope`,
      );
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await this.transaction(async () => {
        for (const s of m.statements) await this.conn.run(s);
        await this.conn.run("INSERT INTO schema_version VALUES ($1, $2, now()::TIMESTAMP)", [m.version, m.description]);
      });
    }
    return SCHEMA_VERSION;
  }

  private async insertProvenance(p: ProvenanceInput): Promise<string> {
    const id = sha256(`${p.source}\n${p.sourceUrl}\n${p.retrievedAt}\n${p.checksum}`).slice(0, 20);
    await this.conn.run("DELETE FROM provenance WHERE id = $1", [id]);
    await this.conn.run("INSERT INTO provenance VALUES ($1, $2, $3, $4::TIMESTAMP, $5, $6, $7)", [
      id,
      p.source,
      p.sourceUrl,
      p.retrievedAt.replace("T", " ").replace("Z", ""),
      p.checksum,
      p.bytes,
      p.note ?? null,
    ]);
    return id;
  }

  /** Deletes provenance rows no longer referenced by a series or a fundamental (inside the caller's transaction). */
  private async pruneProvenance(): Promise<void> {
    await this.conn.run(
      `DELETE FROM provenance WHERE id NOT IN (SELECT provenance_id FROM series)
         AND id NOT IN (SELECT provenance_id FROM fundamentals)`,
    );
  }

  /**
   * Writes (or replaces) a price series atomically: metadata, rows and provenance in one transaction.
   *
   * @example
   * await store.putSeries(meta, parsePriceCsv(text).rows, provenance);
   */
  async putSeries(meta: SeriesMetaInput, rows: PriceRows, provenance: ProvenanceInput): Promise<SeriesInfo> {
    checkSeriesId(meta.id);
    const n = rows.dates.length;
    if (n === 0) throw new RangeError(`series ${meta.id}: no rows to store`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(rows.close[i]))
        throw new RangeError(`series ${meta.id}: close at ${rows.dates[i]} is not finite`);
      if (i > 0 && !(rows.dates[i] > rows.dates[i - 1])) {
        throw new RangeError(`series ${meta.id}: dates not strictly increasing at ${rows.dates[i]}`);
      }
    }
    await this.transaction(async () => {
      await this.conn.run("DELETE FROM prices WHERE series_id = $1", [meta.id]);
      await this.conn.run("DELETE FROM series WHERE id = $1", [meta.id]);
      const pid = await this.insertProvenance(provenance);
      await this.conn.run(
        "INSERT INTO series VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::DATE, $10::DATE, now()::TIMESTAMP, $11, $12)",
        [
          meta.id,
          meta.ticker ?? null,
          meta.name ?? null,
          meta.source,
          meta.frequency ?? inferFrequency(rows.dates),
          meta.adjusted,
          meta.valueColumn,
          n,
          rows.dates[0],
          rows.dates[n - 1],
          pid,
          JSON.stringify(meta.warnings ?? []),
        ],
      );
      const app = await this.conn.createAppender("prices");
      const opt = (v: number | null | undefined): void => {
        if (v === null || v === undefined) app.appendNull();
        else if (!Number.isFinite(v)) throw new RangeError(`series ${meta.id}: non-finite value ${v}`);
        else app.appendDouble(v);
      };
      try {
        for (let i = 0; i < n; i++) {
          app.appendVarchar(meta.id);
          app.appendVarchar(rows.dates[i]);
          opt(rows.open[i]);
          opt(rows.high[i]);
          opt(rows.low[i]);
          app.appendDouble(rows.close[i]);
          opt(rows.adj_close[i]);
          opt(rows.volume[i]);
          app.endRow();
        }
        app.flushSync();
      } finally {
        app.closeSync();
      }
      await this.pruneProvenance();
    });
    const info = await this.getSeriesInfo(meta.id);
    if (!info) throw new Error(`series ${meta.id} vanished after writing`);
    return info;
  }

  private seriesSelect(where: string): string {
    return `SELECT s.id, s.ticker, s.name, s.source, s.frequency, s.adjusted, s.value_column, s.n_rows,
        CAST(s.first_date AS VARCHAR) AS first_date, CAST(s.last_date AS VARCHAR) AS last_date,
        strftime(s.imported_at, '%Y-%m-%dT%H:%M:%SZ') AS imported_at, s.warnings,
        p.id AS pid, p.source AS psource, p.source_url, strftime(p.retrieved_at, '%Y-%m-%dT%H:%M:%SZ') AS retrieved_at,
        p.checksum, p.bytes, p.note
      FROM series s LEFT JOIN provenance p ON p.id = s.provenance_id ${where} ORDER BY s.id`;
  }

  private toInfo(r: Row): SeriesInfo {
    return {
      id: String(r.id),
      ticker: r.ticker === null ? null : String(r.ticker),
      name: r.name === null ? null : String(r.name),
      source: String(r.source),
      frequency: String(r.frequency),
      adjusted: Boolean(r.adjusted),
      valueColumn: String(r.value_column),
      rows: Number(r.n_rows),
      firstDate: String(r.first_date),
      lastDate: String(r.last_date),
      importedAt: String(r.imported_at),
      warnings: JSON.parse(String(r.warnings)) as string[],
      provenance: {
        id: String(r.pid),
        source: String(r.psource),
        sourceUrl: String(r.source_url),
        retrievedAt: String(r.retrieved_at),
        checksum: String(r.checksum),
        bytes: Number(r.bytes),
        ...(r.note === null ? {} : { note: String(r.note) }),
      },
    };
  }

  /** All series, sorted by id. */
  async listSeries(): Promise<SeriesInfo[]> {
    return (await this.rows(this.seriesSelect(""))).map((r) => this.toInfo(r));
  }

  /** One series' metadata, or undefined when absent. */
  async getSeriesInfo(id: string): Promise<SeriesInfo | undefined> {
    const r = await this.rows(this.seriesSelect("WHERE s.id = $1"), [id]);
    return r.length === 0 ? undefined : this.toInfo(r[0]);
  }

  /** One series' rows; throws RangeError when the id is unknown. */
  async getPrices(id: string): Promise<PriceRows> {
    const info = await this.getSeriesInfo(id);
    if (!info) throw new RangeError(`no series "${id}" in the store (see \`bubblescope data list\`)`);
    const rs = await this.rows(
      `SELECT CAST(date AS VARCHAR) AS date, open, high, low, close, adj_close, volume
         FROM prices WHERE series_id = $1 ORDER BY date`,
      [id],
    );
    const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
    return {
      dates: rs.map((r) => String(r.date)),
      open: rs.map((r) => num(r.open)),
      high: rs.map((r) => num(r.high)),
      low: rs.map((r) => num(r.low)),
      close: rs.map((r) => Number(r.close)),
      adj_close: rs.map((r) => num(r.adj_close)),
      volume: rs.map((r) => num(r.volume)),
    };
  }

  /** Removes a series (rows, metadata, unreferenced provenance); returns false when it did not exist. */
  async removeSeries(id: string): Promise<boolean> {
    const exists = await this.getSeriesInfo(id);
    if (!exists) return false;
    await this.transaction(async () => {
      await this.conn.run("DELETE FROM prices WHERE series_id = $1", [id]);
      await this.conn.run("DELETE FROM series WHERE id = $1", [id]);
      await this.pruneProvenance();
    });
    return true;
  }

  /** Replaces all fundamentals of one company atomically. */
  async putFundamentals(
    company: string,
    rows: readonly FundamentalRow[],
    provenance: ProvenanceInput,
  ): Promise<number> {
    for (const r of rows) {
      if (r.company !== company) throw new RangeError(`fundamentals for ${company} contain a row for ${r.company}`);
      if (!Number.isFinite(r.value)) throw new RangeError(`fundamentals for ${company}: non-finite ${r.metric} value`);
    }
    await this.transaction(async () => {
      await this.conn.run("DELETE FROM fundamentals WHERE company = $1", [company]);
      const pid = await this.insertProvenance(provenance);
      const app = await this.conn.createAppender("fundamentals");
      const s = (v: string | null): void => (v === null ? app.appendNull() : app.appendVarchar(v));
      try {
        for (const r of rows) {
          s(r.company);
          s(r.cik);
          s(r.entityName);
          s(r.metric);
          s(r.concept);
          s(r.periodType);
          s(r.periodStart);
          s(r.periodEnd);
          if (r.fiscalYear === null) app.appendNull();
          else app.appendInteger(r.fiscalYear);
          s(r.fiscalPeriod);
          app.appendDouble(r.value);
          s(r.unit);
          s(r.form);
          s(r.accession);
          s(r.filed);
          s(r.frame);
          app.appendBoolean(r.derived);
          s(pid);
          app.endRow();
        }
        app.flushSync();
      } finally {
        app.closeSync();
      }
      await this.pruneProvenance();
    });
    return rows.length;
  }

  /** Stored fundamentals, optionally for one company and/or metric, ordered by company, metric, period. */
  async getFundamentals(filter: { company?: string; metric?: string } = {}): Promise<StoredFundamental[]> {
    const where: string[] = [];
    const params: DuckDBValue[] = [];
    if (filter.company !== undefined) {
      params.push(filter.company);
      where.push(`company = $${params.length}`);
    }
    if (filter.metric !== undefined) {
      params.push(filter.metric);
      where.push(`metric = $${params.length}`);
    }
    const rs = await this.rows(
      `SELECT company, cik, entity_name, metric, concept, period_type, CAST(period_start AS VARCHAR) AS period_start,
          CAST(period_end AS VARCHAR) AS period_end, fiscal_year, fiscal_period, value, unit, form, accession,
          CAST(filed AS VARCHAR) AS filed, frame, derived, provenance_id
        FROM fundamentals ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
        ORDER BY company, metric, period_type, period_end, period_start`,
      params,
    );
    const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
    return rs.map((r) => ({
      company: String(r.company),
      cik: String(r.cik),
      entityName: String(r.entity_name),
      metric: String(r.metric),
      concept: String(r.concept),
      periodType: String(r.period_type) as FundamentalRow["periodType"],
      periodStart: str(r.period_start),
      periodEnd: String(r.period_end),
      fiscalYear: r.fiscal_year === null ? null : Number(r.fiscal_year),
      fiscalPeriod: str(r.fiscal_period),
      value: Number(r.value),
      unit: String(r.unit),
      form: str(r.form),
      accession: String(r.accession),
      filed: str(r.filed),
      frame: str(r.frame),
      derived: Boolean(r.derived),
      provenanceId: String(r.provenance_id),
    }));
  }

  /** All provenance rows, by id. */
  async listProvenance(): Promise<ProvenanceRecord[]> {
    const rs = await this.rows(
      `SELECT id, source, source_url, strftime(retrieved_at, '%Y-%m-%dT%H:%M:%SZ') AS retrieved_at, checksum, bytes, note
         FROM provenance ORDER BY id`,
    );
    return rs.map((r) => ({
      id: String(r.id),
      source: String(r.source),
      sourceUrl: String(r.source_url),
      retrievedAt: String(r.retrieved_at),
      checksum: String(r.checksum),
      bytes: Number(r.bytes),
      ...(r.note === null ? {} : { note: String(r.note) }),
    }));
  }

  /**
   * Checks the store's invariants and returns the problems found (empty when consistent): every series row has
   * exactly `n_rows` price rows within its first/last dates, no orphan price or fundamental rows, every
   * provenance reference resolves, no duplicate fundamental periods.
   */
  async checkConsistency(): Promise<string[]> {
    const problems: string[] = [];
    const counts = await this.rows(
      `SELECT s.id, s.n_rows, count(p.date) AS n, CAST(min(p.date) AS VARCHAR) AS lo, CAST(max(p.date) AS VARCHAR) AS hi,
          CAST(s.first_date AS VARCHAR) AS fd, CAST(s.last_date AS VARCHAR) AS ld
        FROM series s LEFT JOIN prices p ON p.series_id = s.id GROUP BY ALL`,
    );
    for (const r of counts) {
      if (Number(r.n) !== Number(r.n_rows))
        problems.push(`series ${r.id}: ${r.n} price rows, metadata says ${r.n_rows}`);
      else if (r.lo !== r.fd || r.hi !== r.ld)
        problems.push(`series ${r.id}: date range ${r.lo}..${r.hi} vs ${r.fd}..${r.ld}`);
    }
    const orphans = await this.rows(
      "SELECT DISTINCT series_id FROM prices WHERE series_id NOT IN (SELECT id FROM series)",
    );
    for (const r of orphans) problems.push(`price rows without a series: ${r.series_id}`);
    const badProv = await this.rows(
      `SELECT 'series ' || id AS what FROM series WHERE provenance_id NOT IN (SELECT id FROM provenance)
       UNION ALL SELECT DISTINCT 'fundamentals ' || company FROM fundamentals WHERE provenance_id NOT IN (SELECT id FROM provenance)`,
    );
    for (const r of badProv) problems.push(`${r.what}: provenance row missing`);
    const dups = await this.rows(
      `SELECT company, metric, period_type, CAST(period_end AS VARCHAR) AS e, count(*) AS n FROM fundamentals
        GROUP BY company, metric, period_type, period_start, period_end HAVING count(*) > 1`,
    );
    for (const r of dups) problems.push(`fundamentals ${r.company} ${r.metric} ${r.period_type} ${r.e}: ${r.n} rows`);
    return problems;
  }

  /** Writes a series as a Parquet file at `file` (DuckDB COPY); the caller handles atomic rename. */
  async copySeriesToParquet(id: string, file: string): Promise<void> {
    checkSeriesId(id);
    const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
    await this.conn.run(
      `COPY (SELECT date, open, high, low, close, adj_close, volume FROM prices WHERE series_id = ${lit(id)} ORDER BY date)
        TO ${lit(file)} (FORMAT parquet)`,
    );
  }
}
