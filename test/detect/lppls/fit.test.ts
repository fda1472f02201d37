import assert from "node:assert/strict";
import { test } from "node:test";
import { RandomStream } from "../../../src/core/rng.ts";
import {
  bubbleSign,
  crashTimeDistribution,
  FILTER_PRESETS,
  fitLppls,
  fitWindows,
  logPrices,
  lpplsModel,
  presetBounds,
  qualifyFit,
  tcRange,
} from "../../../src/detect/lppls/index.ts";
import { assertClose } from "../../helpers/assert-close.ts";

// A synthetic daily bubble: 300 observations, tc 20 days after the last one, small noise.
const N = 300;
const T = Float64Array.from({ length: N }, (_, i) => 730000 + i);
const P = { tc: T[N - 1] + 20, m: 0.5, omega: 9, A: 8, B: -0.05, C1: 0.004, C2: -0.003 };
const noise = new RandomStream(11, 0);
const Y = lpplsModel(T, P).map((v) => v + 0.002 * noise.normal());

test("fitLppls recovers a synthetic bubble: tc within 3 days, m and ω close, qualified, positive sign", () => {
  const f = fitLppls(T, Y);
  assert.ok(Math.abs(f.tc - P.tc) < 3, `tc ${f.tc - T[N - 1]} days after t2`);
  assertClose(f.m, P.m, { atol: 0.08 }, "m");
  assertClose(f.omega, P.omega, { atol: 0.6 }, "ω");
  assert.equal(f.sign, "positive");
  assert.ok(f.qualification.qualified, JSON.stringify(f.qualification));
  assert.ok(f.rmse < 0.0025 && f.rmse > 0.0015, `rmse ${f.rmse}`);
});

test("the fit is at least as good as the true parameters (global search works)", () => {
  const f = fitLppls(T, Y);
  const at = fitWindows(T, Y, N - 1, [N], { tcOffset: [20, 20], m: [0.5, 0.5], omega: [9, 9] })[0];
  assert.ok(f.sse <= at.sse * (1 + 1e-9), `best ${f.sse} vs truth ${at.sse}`);
});

test("seeded and reproducible: same seed → identical fit (DE stage); every global stage reaches the same optimum", () => {
  const a = fitLppls(T, Y, { global: "grid+de", seed: 5 });
  const b = fitLppls(T, Y, { global: "grid+de", seed: 5 });
  assert.deepEqual(a, b);
  const g = fitLppls(T, Y);
  const d = fitLppls(T, Y, { global: "de", seed: 2 });
  assertClose(a.sse, g.sse, { rtol: 1e-6 });
  assertClose(d.sse, g.sse, { rtol: 1e-6 });
});

test("fits stay inside the search box of each preset", () => {
  for (const preset of ["lppls", "dgs2017"] as const) {
    const f = fitLppls(T, Y, { preset });
    const b = presetBounds(preset, T[0], T[N - 1]);
    assert.ok(f.tc >= b.tc[0] && f.tc <= b.tc[1], `${preset} tc`);
    assert.ok(f.m >= b.m[0] && f.m <= b.m[1], `${preset} m`);
    assert.ok(f.omega >= b.omega[0] && f.omega <= b.omega[1], `${preset} ω`);
  }
  assert.deepEqual(presetBounds("dgs2017", 0, 100), { tc: [95, 110], m: [0.01, 0.99], omega: [6, 13] });
  assert.deepEqual(tcRange(FILTER_PRESETS.lppls, 0, 1000), [940, 1252]);
});

test("a falling market (negated bubble) gives a negative bubble sign", () => {
  const f = fitLppls(
    T,
    Y.map((v) => 16 - v),
  );
  assert.equal(f.sign, "negative");
  assert.equal(bubbleSign(0), "none");
});

test("qualification reports each condition separately; lppls is strict, dgs2017 inclusive", () => {
  const base = { tc: 110, m: 0.5, omega: 9, B: -1, C1: 0.05, C2: 0.05, t1: 0, t2: 100 };
  const q = qualifyFit(base, FILTER_PRESETS.lppls);
  assert.deepEqual(
    [q.tcInRange, q.mInRange, q.omegaInRange, q.oscillationsOk, q.dampingOk, q.qualified],
    [true, true, true, true, true, true],
  );
  const bad = qualifyFit({ ...base, m: 1, tc: 100 + 50 }, FILTER_PRESETS.lppls);
  assert.equal(bad.mInRange, false); // m < 1 strictly
  assert.equal(bad.tcInRange, false); // tc < t2 + 0.5Δ strictly
  assert.equal(qualifyFit({ ...base, m: 0.99 }, FILTER_PRESETS.dgs2017).mInRange, true); // inclusive
  assert.equal(qualifyFit({ ...base, tc: 50 }, FILTER_PRESETS.lppls).oscillationsOk, false); // tc in window → O NaN
});

test("crash-time distribution: quantiles of qualified tc are ordered, dated and cover the true tc", () => {
  const d = crashTimeDistribution(T, Y, { smallestWindowSize: 150, step: 25 });
  assert.equal(d.nFits, 7);
  assert.ok(d.nQualified >= 4, `${d.nQualified} qualified`);
  const q = d.quantiles.map((x) => x.tc);
  for (let i = 1; i < q.length; i++) assert.ok(q[i] >= q[i - 1]);
  assert.ok(q[0] - 5 <= P.tc && P.tc <= q[q.length - 1] + 5, `true tc ${P.tc} vs ${q}`);
  assertClose(d.width, q[q.length - 1] - q[0], { rtol: 1e-12 });
});

test("bad input → RangeError naming the option/value", () => {
  assert.throws(() => fitLppls(T.slice(0, 8), Y.slice(0, 8)), /window must be an integer of at least 10/);
  const yn = Float64Array.from(Y);
  yn[5] = Number.NaN;
  assert.throws(() => fitLppls(T, yn), /value 5 is not finite/);
  const tb = Float64Array.from(T);
  tb[7] = tb[6];
  assert.throws(() => fitLppls(tb, Y), /strictly increasing/);
  assert.throws(() => logPrices([1, 2, 0, 4]), /price 2 must be positive/);
  assert.throws(() => logPrices([1, -2]), /got -2/);
  assert.throws(() => fitLppls(T, Y, { m: [0.9, 0.1] }), /m must be finite LO:HI with LO <= HI/);
  assert.throws(() => fitLppls(T, Y, { tcOffset: [Number.NaN, 3] }), /tcOffset/);
  // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid preset
  assert.throws(() => fitLppls(T, Y, { preset: "nope" as any }), /preset must be/);
  assert.throws(() => crashTimeDistribution(T, Y, { windowSize: 400 }), /longer than the series/);
});

test("lppls-compatible fitter: first acceptable Nelder–Mead fit, seeded; same seed same fit", () => {
  const a = fitLppls(T, Y, { fitter: "lppls", seed: 3 });
  const b = fitLppls(T, Y, { fitter: "lppls", seed: 3 });
  assert.deepEqual(a, b);
  assert.ok(a.failed || (Number.isFinite(a.O) && Number.isFinite(a.D)));
  const best = fitLppls(T, Y);
  assert.ok(
    best.sse <= a.sse * (1 + 1e-6) || a.tc < presetBounds("lppls", T[0], T[N - 1]).tc[0] || a.m > 1 || a.omega > 15,
  );
});

test("every local optimiser (quasi-Newton, LM, Nelder–Mead) reaches the same optimum on the synthetic bubble", () => {
  const qn = fitLppls(T, Y);
  const lm = fitLppls(T, Y, { local: "lm" });
  const nm = fitLppls(T, Y, { local: "nm" });
  assertClose(lm.sse, qn.sse, { rtol: 1e-6 }, "lm");
  assertClose(nm.sse, qn.sse, { rtol: 1e-6 }, "nm");
  assertClose(nm.tc, qn.tc, { atol: 0.05 }, "nm tc");
});

test("mode lppls in the fast fitter: same optimum within the two Δ conventions' difference", () => {
  const d = fitLppls(T, Y);
  const l = fitLppls(T, Y, { mode: "lppls" });
  assertClose(l.sse, d.sse, { rtol: 1e-5 });
});
