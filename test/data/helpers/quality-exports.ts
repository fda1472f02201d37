/** Re-exports for tests (keeps test imports short). */
export { detectSplitJumps, nonTradingDates } from "../../../src/data/quality.ts";
export { inferFrequency as inferFrequencyForTest } from "../../../src/data/store.ts";
