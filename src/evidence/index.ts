/** The evidence layer: ledger schema, loaders, validation, point-in-time queries, units, claims, deal graph. */
export { CLAIMS, parseTalkFile, RECORDING_DATE, TALK_FORECASTS, TALK_META } from "./claims.ts";
export {
  buildDealGraph,
  type CycleFlows,
  cycleFlows,
  DEAL_GRAPH_DEFAULTS,
  type DealCycle,
  type DealEdge,
  type DealGraph,
  type DealNode,
} from "./deal-graph.ts";
export { CIRCUIT_DEFAULTS, elementaryCircuits } from "./johnson.ts";
export {
  type DatedFigure,
  DEAL_COLUMNS,
  dateFigures,
  dealKnownFrom,
  FIGURE_COLUMNS,
  formatProblem,
  type Loaded,
  type Problem,
  parseDeals,
  parseFigureRecords,
  parseFigures,
} from "./load.ts";
export { monthsBetween, type Period, parseAsOfDate, parsePeriod } from "./period.ts";
export { type FigureQuery, isKnownOn, type Ledger, makeLedger, queryFigures } from "./query.ts";
export * from "./schema.ts";
export { convert, type Dimension, formatWithUnit, KNOWN_UNITS, parseUnit, toBase, type UnitInfo } from "./units.ts";
