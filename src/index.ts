/**
 * bubblescope's library entry point: the browser-safe core (no `node:*` anywhere below), i.e. the econometric
 * detectors (PSY, LPPLS), the evidence ledger and the frameworks. Node-only pieces (worker pool, caches, data
 * store, CLI, report writer, dashboard server) are imported from their own modules.
 */
export * as core from "./core/index.ts";
export { parseCsvRows, readSeriesTable, type SeriesTable } from "./data/csv.ts";
export * as lppls from "./detect/lppls/index.ts";
export * as psy from "./detect/psy/index.ts";
export * as evidence from "./evidence/index.ts";
export * as frameworks from "./frameworks/index.ts";
export * as macro from "./macro/index.ts";
