/**
 * LPPLS bubble detector (Johansen–Ledoit–Sornette model in the Filimonov–Sornette 2013 formulation):
 * linear sub-problem, fitting, qualification, crash-time distribution and the multi-window confidence
 * indicator. Browser-safe (no `node:*`).
 */
export { type Confidence, type ConfidenceInput, type Denominator, lpplsConfidence } from "./confidence.ts";
export {
  CRASH_TIME_DEFAULTS,
  type CrashTimeDistribution,
  type CrashTimeOptions,
  crashTimeDistribution,
} from "./crashTime.ts";
export { dayOrdinal, isLeapYear, ordinalToDate } from "./dates.ts";
export { DE_DEFAULTS, type DifferentialEvolutionOptions, differentialEvolution } from "./differentialEvolution.ts";
export { type FitLpplsOptions, fitLppls } from "./fit.ts";
export { COMPAT_DEFAULTS, type CompatOptions, fitWindowCompat } from "./fitCompat.ts";
export { FIT_DEFAULTS, type FitOptions, fitWindows, type GlobalStage, windowBounds } from "./fitWindows.ts";
export { gridLocalMinima, gridProfileSse, linspace, type ProfileGrid, tcGrid } from "./gridProfile.ts";
export {
  INDICATOR_DEFAULTS,
  type IndicatorOptions,
  type IndicatorPoint,
  lpplsIndicator,
  nestedLengths,
} from "./indicator.ts";
export {
  type LinearMode,
  type LinearOptions,
  type LinearSolution,
  LpplsProfile,
  lpplsLinear,
  RANK_TOL,
} from "./linear.ts";
export { lpplsAmplitude, lpplsDamping, lpplsOscillations } from "./metrics.ts";
export { type LpplsParams, lpplsModel } from "./model.ts";
export { NELDER_MEAD_DEFAULTS, type NelderMeadOptions, type NelderMeadResult, nelderMead } from "./nelderMead.ts";
export {
  FILTER_PRESETS,
  type FilterConditions,
  type PresetName,
  presetBounds,
  type SearchBounds,
  tcRange,
} from "./presets.ts";
export { type BubbleSign, bubbleSign, type Qualification, qualifyFit } from "./qualify.ts";
export { failedFit, type LpplsFit, makeFit } from "./result.ts";
export { logPrices, MIN_WINDOW, validateSeries } from "./validate.ts";
export { VARPRO_LM_DEFAULTS, type VarproLmOptions, varproLm, varproQuasiNewton } from "./varproLm.ts";
