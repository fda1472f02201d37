/** The predictions ledger: hash-chained forecasts and resolutions, their statuses and scores (browser-safe). */
export { canonicalJson } from "./canonical.ts";
export {
  appendPrediction,
  type ChainCheck,
  entryHash,
  type ForecastEntry,
  type ForecastFields,
  ForecastFieldsSchema,
  formatPredictionLines,
  GENESIS_HASH,
  PREDICTION_ORIGINS,
  type PredictionDraft,
  type PredictionEntry,
  PredictionEntrySchema,
  parsePredictionLines,
  type ResolutionEntry,
  type ResolutionFields,
  ResolutionFieldsSchema,
  verifyChain,
} from "./ledger.ts";
export { sha256Hex } from "./sha256.ts";
export {
  CRASH_RULE,
  detectorDrafts,
  type LpplsLike,
  type LpplsWindow,
  lpplsWindowDraft,
  type PsyAlarm,
  type PsyLike,
  psyAlarmDraft,
  talkForecastDrafts,
} from "./sources.ts";
export {
  type PredictionScore,
  type PredictionStatus,
  type PredictionStatusName,
  predictionStatuses,
  scorePredictions,
} from "./status.ts";
