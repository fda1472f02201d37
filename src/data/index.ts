/**
 * The data layer (Node only): price CSV import, the DuckDB series store, HTTP connectors (SEC EDGAR, FRED,
 * Stooq) with a checksummed disk cache, the default universe pull, and evidence rows computed from fundamentals.
 */

export * from "../core/csv.ts";
export * from "./cache.ts";
export * from "./connectors/fred.ts";
export * from "./connectors/sec.ts";
export * from "./connectors/stooq.ts";
export * from "./evidence.ts";
export * from "./export.ts";
export * from "./fetch-source.ts";
export * from "./http.ts";
export * from "./import.ts";
export * from "./migrations.ts";
export * from "./paths.ts";
export * from "./price-csv.ts";
export * from "./pull.ts";
export * from "./quality.ts";
export * from "./read.ts";
export * from "./store.ts";
export * from "./universe.ts";
