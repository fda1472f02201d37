/** Market-wide valuation (CAPE, Buffett indicator) and the technology-adjusted PSY test on the NASDAQ (browser-safe). */
export { buffettRatio } from "./buffett.ts";
export { capeSeries } from "./cape.ts";
export { fillInteriorGaps, levelFromGrowth, toMonthly } from "./monthly.ts";
export { percentileRank } from "./percentile.ts";
export { type DateTable, parseDateTable } from "./table.ts";
export * from "./tech-adjusted.ts";
export * from "./valuation.ts";
