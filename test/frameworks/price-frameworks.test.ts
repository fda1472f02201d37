import assert from "node:assert/strict";
import { test } from "node:test";
import { twoSigma, twoSigmaOutOfSample } from "../../src/frameworks/gmo.ts";
import { crashProbability, GSY_TABLE, twoYearRunUp } from "../../src/frameworks/gsy.ts";
import { gmoFramework, gsyFramework, truncateSeries } from "../../src/frameworks/price-frameworks.ts";
import { assertClose } from "../helpers/assert-close.ts";

/** Daily-ish dates from 2000-01-01, one every 7 days. */
function weekly(n: number): string[] {
  const t0 = Date.parse("2000-01-01T00:00:00Z");
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * 7 * 86400000).toISOString().slice(0, 10));
}

test("GSY crash odds at the paper's anchors: +50% → 20%, +100% → 53%, +150% → 80%", () => {
  assert.deepEqual(crashProbability(50), { probabilityPct: 20, extrapolated: false });
  assert.deepEqual(crashProbability(100), { probabilityPct: 53, extrapolated: false });
  assert.deepEqual(crashProbability(150), { probabilityPct: 80, extrapolated: false });
  assertClose(crashProbability(75).probabilityPct, 36.5, { rtol: 1e-14 });
  assertClose(crashProbability(125).probabilityPct, 66.5, { rtol: 1e-14 });
  assert.deepEqual(crashProbability(400), { probabilityPct: 80, extrapolated: true });
  assert.deepEqual(crashProbability(10), { probabilityPct: 20, extrapolated: true });
  assert.equal(GSY_TABLE.length, 3);
  assert.throws(() => crashProbability(Number.NaN), /runUpPct must be finite, got NaN/);
  assert.throws(() => crashProbability(60, [{ runUpPct: 1, crashProbPct: 1 }]), /at least 2 points/);
});

test("twoYearRunUp uses the last close on or before the same day two years earlier", () => {
  const r = twoYearRunUp({ dates: ["2020-01-01", "2021-06-01", "2022-01-01", "2022-01-03"], values: [1, 5, 2, 3] });
  assert.deepEqual(r, { runUpPct: 200, from: "2020-01-01", to: "2022-01-03" });
  assert.throws(
    () => twoYearRunUp({ dates: ["2021-01-01", "2022-01-01"], values: [1, 2] }),
    /needs data from 2020-01-01/,
  );
});

test("GMO two-sigma: a series on an exact exponential trend with one final excursion", () => {
  // ln P = 0.1·t + e, with e alternating ±0.01 and a final +0.05 excursion.
  const n = 400;
  const dates = weekly(n);
  const t = dates.map((d) => (Date.parse(`${d}T00:00:00Z`) - Date.parse("2000-01-01T00:00:00Z")) / (365.25 * 86400000));
  const e = t.map((_, i) => (i === n - 1 ? 0.05 : i % 2 === 0 ? 0.01 : -0.01));
  const values = t.map((x, i) => Math.exp(0.1 * x + e[i]));
  const r = twoSigma({ dates, values }, { minObservations: 100 });
  assertClose(r.trendPerYear, 0.1, { rtol: 0.02 });
  assert.ok(r.z > 3, `z = ${r.z}`);
  assert.equal(r.bubble, true);
  // Scale invariance: multiplying prices by a constant changes nothing but the intercept.
  assertClose(twoSigma({ dates, values: values.map((v) => v * 1000) }, { minObservations: 100 }).z, r.z, {
    rtol: 1e-9,
  });
  assert.throws(
    () => twoSigma({ dates: dates.slice(0, 10), values: values.slice(0, 10) }),
    /needs at least 250 observations, got 10/,
  );
  assert.throws(
    () => twoSigma({ dates, values: values.map((v, i) => (i === 5 ? -1 : v)) }, { minObservations: 100 }),
    /values\[5\] must be a positive finite price, got -1/,
  );
});

test("price frameworks report verdicts, flip prices and evidence 'prices:KEY'", () => {
  const n = 300;
  const dates = weekly(n);
  const values = dates.map((_, i) => 10 * 1.008 ** i);
  const gsy = gsyFramework("X", { dates, values }, null);
  assert.equal(gsy.result.computed, true);
  assert.deepEqual(gsy.result.evidence, ["prices:X"]);
  const runUp = gsy.result.values[0].value;
  // Two calendar years (731 days, with 29 Feb 2004) back from the last date: 105 whole weeks.
  assertClose(runUp, (1.008 ** 105 - 1) * 100, { rtol: 1e-9 }, "105 weeks back");
  assert.equal(gsy.result.verdict, "bubble-like");
  assert.ok(gsy.sensitivity[0].to < values[n - 1]);
  const gmo = gmoFramework("X", { dates, values }, null);
  assert.equal(gmo.result.computed, false, "5.7 years of data leave no 10-year trend before the judged window");
  assert.match(gmo.result.reasons[0], /needs at least 10 years of data before/);
  const early = gsyFramework("X", { dates, values }, "2000-06-01");
  assert.equal(early.result.computed, false);
  assert.match(early.result.reasons[0], /^not computed: twoYearRunUp needs data from/);
  assert.throws(
    () => truncateSeries({ dates: ["2000-01-02", "2000-01-01"], values: [1, 2] }, null, "K"),
    /prices.K: dates must be strictly increasing/,
  );
});

test("GMO's trend is not fitted on the window it judges: a run-up inside the window leaves the trend unchanged", () => {
  // 20 years of weekly ln P = 0.08·t ± 0.02, then the last 5 years run up at 0.4 a year.
  const n = 1044;
  const dates = weekly(n);
  const t = dates.map((d) => (Date.parse(`${d}T00:00:00Z`) - Date.parse("2000-01-01T00:00:00Z")) / (365.25 * 86400000));
  const calm = t.map((x, i) => Math.exp(0.08 * x + (i % 2 === 0 ? 0.02 : -0.02)));
  const last = dates[n - 1];
  const fitEnd = `${Number(last.slice(0, 4)) - 5}${last.slice(4)}`;
  const boom = calm.map((v, i) =>
    dates[i] > fitEnd ? v * Math.exp(0.4 * (t[i] - t[dates.indexOf(dates.find((d) => d > fitEnd)!)])) : v,
  );
  const a = twoSigmaOutOfSample({ dates, values: calm }, fitEnd);
  const b = twoSigmaOutOfSample({ dates, values: boom }, fitEnd);
  assertClose(a.trendPerYear, b.trendPerYear, { rtol: 1e-12 }, "the trend does not see the judged window");
  assertClose(a.sigma, b.sigma, { rtol: 1e-12 });
  assert.ok(Math.abs(a.z) < 2, `calm z = ${a.z}`);
  assert.ok(b.z > 10, `boom z = ${b.z}`);
  // Fitted on the whole sample, the run-up bends the trend toward itself and hides part of the excursion.
  assert.ok(twoSigma({ dates, values: boom }).z < b.z);
  const f = gmoFramework("B", { dates, values: boom }, null);
  assert.equal(f.result.verdict, "bubble-like");
  assert.match(f.result.reasons[0], /fitted 2000-01-01 to /);
  assert.throws(() => twoSigmaOutOfSample({ dates, values: calm }, last), /no observation after the fit window/);
});
