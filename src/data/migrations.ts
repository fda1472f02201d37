/**
 * The store's schema as an ordered list of migrations. Each migration runs once, inside one transaction together
 * with the row that records it in `schema_version`, so a store is always at exactly one version. A store written
 * by a newer bubblescope (a version above the last one here) is refused rather than guessed at.
 *
 * v1: provenance (where each blob of data came from: URL, time, sha256), series (one row per price series) and
 *     prices (one row per series and date; NULL = explicitly missing cell).
 * v2: fundamentals (company, metric, period, value, unit, with the SEC filing accession for each value).
 * v3: scan_runs (one row per completed `bubblescope scan` / `monitor` run, with its whole JSON document),
 *     scan_results (one row per series of a run) and scan_changes (what `monitor` found changed since the last run).
 */

/** One schema step. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
}

/** All migrations, in order; `version` values are 1, 2, … without gaps. */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    description: "provenance, series and prices",
    statements: [
      `CREATE TABLE provenance (
        id VARCHAR PRIMARY KEY,
        source VARCHAR NOT NULL,
        source_url VARCHAR NOT NULL,
        retrieved_at TIMESTAMP NOT NULL,
        checksum VARCHAR NOT NULL,
        bytes BIGINT NOT NULL,
        note VARCHAR
      )`,
      `CREATE TABLE series (
        id VARCHAR PRIMARY KEY,
        ticker VARCHAR,
        name VARCHAR,
        source VARCHAR NOT NULL,
        frequency VARCHAR NOT NULL,
        adjusted BOOLEAN NOT NULL,
        value_column VARCHAR NOT NULL,
        n_rows INTEGER NOT NULL,
        first_date DATE NOT NULL,
        last_date DATE NOT NULL,
        imported_at TIMESTAMP NOT NULL,
        provenance_id VARCHAR NOT NULL,
        warnings VARCHAR NOT NULL
      )`,
      `CREATE TABLE prices (
        series_id VARCHAR NOT NULL,
        date DATE NOT NULL,
        open DOUBLE,
        high DOUBLE,
        low DOUBLE,
        close DOUBLE NOT NULL,
        adj_close DOUBLE,
        volume DOUBLE,
        PRIMARY KEY (series_id, date)
      )`,
    ],
  },
  {
    version: 2,
    description: "fundamentals from SEC XBRL company facts",
    statements: [
      `CREATE TABLE fundamentals (
        company VARCHAR NOT NULL,
        cik VARCHAR NOT NULL,
        entity_name VARCHAR NOT NULL,
        metric VARCHAR NOT NULL,
        concept VARCHAR NOT NULL,
        period_type VARCHAR NOT NULL,
        period_start DATE,
        period_end DATE NOT NULL,
        fiscal_year INTEGER,
        fiscal_period VARCHAR,
        value DOUBLE NOT NULL,
        unit VARCHAR NOT NULL,
        form VARCHAR,
        accession VARCHAR NOT NULL,
        filed DATE,
        frame VARCHAR,
        derived BOOLEAN NOT NULL,
        provenance_id VARCHAR NOT NULL
      )`,
      "CREATE INDEX fundamentals_company ON fundamentals (company, metric)",
    ],
  },
  {
    version: 3,
    description: "scan and monitor runs, their per-series results and the changes monitor found",
    statements: [
      `CREATE TABLE scan_runs (
        id VARCHAR PRIMARY KEY,
        kind VARCHAR NOT NULL,
        basket VARCHAR NOT NULL,
        basket_key VARCHAR NOT NULL,
        as_of DATE,
        settings VARCHAR NOT NULL,
        engine VARCHAR NOT NULL,
        finished_at TIMESTAMP NOT NULL,
        n_series INTEGER NOT NULL,
        n_failed INTEGER NOT NULL,
        n_explosive INTEGER NOT NULL,
        document VARCHAR NOT NULL
      )`,
      `CREATE TABLE scan_results (
        run_id VARCHAR NOT NULL,
        series VARCHAR NOT NULL,
        n INTEGER NOT NULL,
        first_date DATE,
        last_date DATE,
        gsadf DOUBLE,
        cv95 DOUBLE,
        rejected BOOLEAN NOT NULL,
        explosive BOOLEAN NOT NULL,
        since DATE,
        pos_conf DOUBLE,
        neg_conf DOUBLE,
        gsy_run_up_pct DOUBLE,
        gmo_z DOUBLE,
        episodes VARCHAR NOT NULL,
        error VARCHAR,
        PRIMARY KEY (run_id, series)
      )`,
      `CREATE TABLE scan_changes (
        run_id VARCHAR NOT NULL,
        series VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        date DATE,
        detail VARCHAR NOT NULL,
        PRIMARY KEY (run_id, series, kind)
      )`,
      "CREATE INDEX scan_runs_basket ON scan_runs (basket_key, kind)",
    ],
  },
]);

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
