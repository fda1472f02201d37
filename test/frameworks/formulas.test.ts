import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { checkThreshold, classify, explainVerdict, type Threshold } from "../../src/frameworks/classify.ts";
import { hhi, hhiClass, marketShares } from "../../src/frameworks/concentration.ts";
import { depreciationGap } from "../../src/frameworks/depreciation.ts";
import { annualGrowthFactor, doublingTime } from "../../src/frameworks/growth.ts";
import { grossProfit, revenueMultipleToMatch } from "../../src/frameworks/margins.ts";
import { requiredAiRevenue, revenueGap } from "../../src/frameworks/revenue-gap.ts";
import { triangularQuantile } from "../../src/frameworks/triangular.ts";
import { assertClose } from "../helpers/assert-close.ts";

test("doublingTime: Δt·ln2/ln(v1/v0) — Google tokens 9.7T → 1300T over 17 months doubles every 2.406 months", () => {
  assertClose(doublingTime(9.7, 1300, 17), 2.4057814061103295, { rtol: 1e-12 });
  assert.equal(doublingTime(1, 2, 12), 12);
  assert.equal(doublingTime(5, 5, 12), Number.POSITIVE_INFINITY, "no growth never doubles");
  assert.equal(doublingTime(5, 4, 12), Number.POSITIVE_INFINITY, "decline never doubles");
  assertClose(doublingTime(1e-300, 2e-300, 1), 1, { rtol: 1e-12 }, "scale invariant at tiny magnitudes");
  assert.throws(() => doublingTime(0, 1, 1), /v0 must be a positive finite number, got 0/);
  assert.throws(() => doublingTime(1, Number.NaN, 1), /v1 must be/);
  assert.throws(() => doublingTime(1, 2, 0), /interval must be a positive finite number, got 0/);
  assert.equal(annualGrowthFactor(4, 24), 2);
});

test("marketShares and HHI: two equal firms → 5000; 50/25/25 → 3750; one firm → 10000", () => {
  assert.deepEqual(marketShares([3, 1]), [0.75, 0.25]);
  assert.equal(hhi([0.5, 0.5]), 5000);
  assert.equal(hhi(marketShares([2, 1, 1])), 3750);
  assert.equal(hhi([1]), 10000);
  assert.equal(hhiClass(3750), "highly concentrated");
  assert.equal(hhiClass(1500), "moderately concentrated");
  assert.equal(hhiClass(999), "unconcentrated");
  assert.throws(() => marketShares([]), /quantities must not be empty/);
  assert.throws(() => marketShares([0, 0]), /must not all be zero/);
  assert.throws(() => marketShares([1, -1]), /quantities\[1\] must be finite and >= 0, got -1/);
  assert.throws(() => hhi([0.5, 0.6]), /shares must sum to 1/);
});

test("gross profit of the talk's two choices: $10 at 90% = $9, $50 at 60% = $30", () => {
  assert.equal(grossProfit(10, 90), 9);
  assert.equal(grossProfit(50, 60), 30);
  assert.equal(revenueMultipleToMatch(90, 45), 2);
  assert.throws(() => grossProfit(10, 120), /marginPct must be in \[-100, 100\], got 120/);
  assert.throws(() => revenueMultipleToMatch(90, 0), /lowPct must be in \(0, 100\], got 0/);
});

test("Sequoia's $600B question: a $150B data-centre run-rate requires $600B of AI revenue", () => {
  assert.equal(requiredAiRevenue(150), 600);
  assert.equal(requiredAiRevenue(50), 200, "the 2023 '$200B question' from a $50B run-rate");
  const g = revenueGap(150, 100);
  assert.equal(g.required, 600);
  assert.equal(g.gap, 500);
  assertClose(g.coverage, 1 / 6, { rtol: 1e-15 });
  assert.equal(requiredAiRevenue(150, { marginMultiple: 1 }), 300);
  assert.throws(() => requiredAiRevenue(-1), /runRate must be finite and >= 0, got -1/);
  assert.throws(() => requiredAiRevenue(1, { costMultiple: 0.5 }), /costMultiple must be >= 1, got 0.5/);
});

test("depreciation gap: $100 of GPUs booked over 6 years instead of 3 overstates earnings by $16.67 a year", () => {
  assertClose(depreciationGap(100, 1, 6, 3), 100 / 3 - 100 / 6, { rtol: 1e-15 });
  assertClose(depreciationGap(217.27, 0.7, 5.5, 2.5), 217.27 * 0.7 * (0.4 - 1 / 5.5), { rtol: 1e-15 });
  assert.equal(depreciationGap(100, 1, 4, 4), 0);
  assert.throws(() => depreciationGap(100, 1.5, 6, 3), /share must be in \[0, 1\], got 1.5/);
  assert.throws(() => depreciationGap(100, 1, 0, 3), /bookedLife must be > 0, got 0/);
});

test("triangular quantile inverts the CDF: median of (0, 1, 2) is 1, quartile of (0, 0, 1) is 1 - √0.75", () => {
  assert.equal(triangularQuantile(0.5, 0, 1, 2), 1);
  assertClose(triangularQuantile(0.25, 0, 0, 1), 1 - Math.sqrt(0.75), { rtol: 1e-14 });
  assert.equal(triangularQuantile(0, 3, 4, 5), 3);
  assert.equal(triangularQuantile(0.7, 2, 2, 2), 2, "degenerate range");
  assert.throws(() => triangularQuantile(0.5, 2, 1, 3), /need low <= mode <= high/);
  assert.throws(() => triangularQuantile(1.5, 0, 1, 2), /u must be in \[0, 1\], got 1.5/);
});

test("classify uses the bubble line first, then the healthy line, else inconclusive", () => {
  const hi: Threshold = { direction: "higher-is-bubblier", bubbleAt: 100, healthyAt: 40, source: "s", evidence: [] };
  const lo: Threshold = { direction: "lower-is-bubblier", bubbleAt: 50, healthyAt: 75, source: "s", evidence: [] };
  assert.deepEqual(
    [150, 100, 70, 40, 10].map((v) => classify(v, hi)),
    ["bubble-like", "bubble-like", "inconclusive", "healthy", "healthy"],
  );
  assert.deepEqual(
    [2.7, 50, 60, 75, 80].map((v) => classify(v, lo)),
    ["bubble-like", "bubble-like", "inconclusive", "healthy", "healthy"],
  );
  assert.equal(classify(Number.NaN, hi), "inconclusive");
  assert.match(explainVerdict(150, hi, String), /150 ≥ bubble line 100 \(s\)/);
  assert.throws(
    () => checkThreshold({ ...hi, healthyAt: 200 }),
    /healthyAt 200 and bubbleAt 100 are in the wrong order/,
  );
  assert.throws(() => checkThreshold({ ...hi, source: "" }), /threshold source must not be empty/);
});

test("properties: triangular quantile is monotone and bounded; doubling time is scale-invariant", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      (low, a, b, u1, u2) => {
        const mode = low + a;
        const high = mode + b;
        const [ua, ub] = u1 <= u2 ? [u1, u2] : [u2, u1];
        const qa = triangularQuantile(ua, low, mode, high);
        const qb = triangularQuantile(ub, low, mode, high);
        // Regression: with mode = low and u = 0 the upper branch used to return slightly less than low.
        assert.ok(qa >= low && qb <= high, `${qa}, ${qb} outside [${low}, ${high}]`);
        assert.ok(qa <= qb + 1e-9 * (Math.abs(qb) + Math.abs(high - low) + 1));
      },
    ),
    { numRuns: 500, seed: 7 },
  );
  fc.assert(
    fc.property(
      fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
      fc.double({ min: 1.001, max: 1e3, noNaN: true }),
      fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
      (v0, growth, k) => {
        assertClose(doublingTime(k * v0, k * v0 * growth, 12), doublingTime(v0, v0 * growth, 12), { rtol: 1e-9 });
      },
    ),
    { numRuns: 300, seed: 7 },
  );
});
