/**
 * Price tests calibrated on the known bubble: each price-based test (PSY GSADF, LPPLS, GMO two-sigma, GSY run-up)
 * is run on the 2000 episode with the same settings it is used with for the AI era, and its reading of the AI era
 * is qualified by whether it detected 2000. A test that misses 2000 with the same settings cannot clear the AI era:
 * its silence is reported as "clears nothing". Runs are matched by role (the Nasdaq Composite in both eras; Cisco
 * and Nvidia as bellwethers). Complexity O(runs).
 */
import type { Era } from "../evidence/schema.ts";
import type { PriceSeries } from "./price-frameworks.ts";

export type PriceTest = "PSY" | "LPPLS" | "GMO" | "GSY";
export type SeriesRole = "index" | "bellwether";
/** Where a run is evaluated: the 2000 peak, the talk date (2025-10-31), or the latest data. */
export type EvaluationPoint = "2000 peak" | "talk date" | "latest";

/** One run of one test on one series at one evaluation date. */
export interface PriceTestRun {
  readonly test: PriceTest;
  readonly role: SeriesRole;
  readonly series: string;
  readonly era: Era;
  readonly point: EvaluationPoint;
  /** ISO date the run ends at. */
  readonly at: string;
  /** true = the test flags a bubble; false = it does not; null = not computed. */
  readonly signal: boolean | null;
  /** One sentence with the statistic and its line. */
  readonly text: string;
  /** The settings, identical for both eras (frequency, window, lines). */
  readonly settings: string;
  readonly evidence: readonly string[];
}

export interface Calibration {
  readonly test: PriceTest;
  readonly role: SeriesRole;
  readonly settings: string;
  /** Does the test flag the 2000 bubble with these settings (null = not run on 2000)? */
  readonly detects2000: boolean | null;
  readonly on2000: PriceTestRun | null;
  readonly aiTalk: PriceTestRun | null;
  readonly aiLatest: PriceTestRun | null;
  /** What the AI reading is worth, given the 2000 calibration. */
  readonly reading: string;
  readonly evidence: readonly string[];
}

const ORDER: readonly PriceTest[] = ["PSY", "LPPLS", "GMO", "GSY"];

/**
 * Pairs each test's 2000 run with its AI runs and states what the AI reading is worth.
 *
 * @example
 * calibratePriceTests(runs).map((c) => `${c.test} ${c.role}: detects 2000 ${c.detects2000}; ${c.reading}`);
 */
export function calibratePriceTests(runs: readonly PriceTestRun[]): Calibration[] {
  const out: Calibration[] = [];
  for (const test of ORDER) {
    for (const role of ["index", "bellwether"] as const) {
      const rs = runs.filter((r) => r.test === test && r.role === role);
      if (rs.length === 0) continue;
      const on2000 = rs.find((r) => r.era === "2000") ?? null;
      const aiTalk = rs.find((r) => r.era === "ai" && r.point === "talk date") ?? null;
      const aiLatest = rs.find((r) => r.era === "ai" && r.point === "latest") ?? null;
      const detects2000 = on2000 ? on2000.signal : null;
      const ai = [aiTalk, aiLatest].filter((r): r is PriceTestRun => r !== null && r.signal !== null);
      const flagged = ai.filter((r) => r.signal).map((r) => r.point);
      let reading: string;
      if (detects2000 === null) reading = "not run on 2000 with these settings: its AI reading is uncalibrated";
      else if (ai.length === 0) reading = "no AI-era run computed";
      else if (!detects2000)
        reading =
          flagged.length > 0
            ? `misses 2000 with the same settings, yet flags the AI era (${flagged.join(", ")})`
            : "misses 2000 with the same settings, so its silence on the AI era clears nothing";
      else
        reading =
          flagged.length > 0
            ? `flags 2000 and flags the AI era (${flagged.join(", ")})`
            : "flags 2000 with the same settings and does not flag the AI era";
      out.push({
        test,
        role,
        settings: (on2000 ?? rs[0]).settings,
        detects2000,
        on2000,
        aiTalk,
        aiLatest,
        reading,
        evidence: [...new Set(rs.flatMap((r) => r.evidence))],
      });
    }
  }
  return out;
}

/**
 * The price series handed to the evidence model, with their evaluation dates: the bellwethers (for the valuation
 * inputs and GMO/GSY) and the Nasdaq's whole history (key "NASDAQ", for GMO's out-of-sample trend) at the 2000 peak,
 * the talk date and the latest data. The report's per-era Nasdaq windows ("NASDAQ_2000", "NASDAQ_AI") serve the
 * detectors only. Used by the report and by the dashboard's recomputation, so both hand the model the same inputs.
 *
 * @example
 * frameworkPriceInputs(series, null, "2025-10-31").NASDAQ.evaluate; // 2000 peak, talk date, latest
 */
export function frameworkPriceInputs(
  series: readonly {
    readonly key: string;
    readonly era: Era;
    readonly dates: readonly string[];
    readonly values: readonly number[] | Float64Array;
    readonly frameworkAsOf?: string;
  }[],
  asOf: string | null,
  talkDate: string,
): Record<string, PriceSeries> {
  const out: Record<string, PriceSeries> = {};
  const peak = series.find((p) => p.key === "NASDAQ_2000")?.frameworkAsOf;
  // Before the talk date there is no AI-era evaluation point: only the 2000 one (if any) is kept.
  const early = asOf !== null && asOf < talkDate;
  for (const p of series) {
    if (p.key === "NASDAQ_2000" || p.key === "NASDAQ_AI") continue;
    const evaluate: { label: string; at: string | null }[] =
      p.key === "NASDAQ"
        ? [
            ...(peak ? [{ label: "2000 peak", at: peak }] : []),
            { label: "talk date", at: talkDate },
            { label: "latest", at: null },
          ]
        : p.era === "2000"
          ? [{ label: "2000 peak", at: p.frameworkAsOf ?? null }]
          : [
              { label: "talk date", at: talkDate },
              { label: "latest", at: null },
            ];
    const kept = early ? evaluate.filter((e) => e.label === "2000 peak") : evaluate;
    if (kept.length > 0) out[p.key] = { dates: p.dates, values: p.values, evaluate: kept };
  }
  return out;
}
