/** Framework calculators and the evidence model the report renders. */
export { type ClaimResult, evaluateClaims } from "./claim-status.ts";
export { classify, type Threshold, type Verdict } from "./classify.ts";
export { hhi, hhiClass, marketShares } from "./concentration.ts";
export { depreciationGap } from "./depreciation.ts";
export {
  evaluateIndicator,
  type IndicatorResult,
  type IndicatorSpec,
  type SensitivityResult,
  sensitivity,
} from "./engine.ts";
export { twoSigma } from "./gmo.ts";
export { annualGrowthFactor, doublingTime } from "./growth.ts";
export { crashProbability, GSY_TABLE, twoYearRunUp } from "./gsy.ts";
export { grossProfit, revenueMultipleToMatch } from "./margins.ts";
export { buildEvidenceModel, type EvidenceModel, type EvidenceModelInput } from "./model.ts";
export type { FrameworkResult, PriceSeries } from "./price-frameworks.ts";
export { requiredAiRevenue, revenueGap } from "./revenue-gap.ts";
export { LINES } from "./thresholds.ts";
export { triangularQuantile } from "./triangular.ts";
