/**
 * bubblescope's library entry point (`import { psy, lppls } from "bubblescope"`): the browser-safe core (no
 * `node:*` anywhere below), i.e. the econometric detectors (PSY, LPPLS), the evidence ledger, the frameworks and the
 * numerical core, plus the browser-safe CSV reader. Every name is listed explicitly (src/api/ for the namespaces
 * whose folders re-export internals); anything not reachable from here is internal and may change.
 * Node-only pieces (data store, report writer, worker pool, caches) are in `bubblescope/node` (src/node-api.ts).
 */
export * as core from "./api/core.ts";
export * as evidence from "./api/evidence.ts";
export * as psy from "./api/psy.ts";
export {
  numberCellHint,
  parseCsvRows,
  parseDateCell,
  parseNumberCell,
  type ReadSeriesOptions,
  readSeriesTable,
  type SeriesTable,
} from "./core/csv.ts";
// The lppls and frameworks barrels list their exports by name already.
export * as lppls from "./detect/lppls/index.ts";
export * as frameworks from "./frameworks/index.ts";
export * as macro from "./macro/index.ts";
