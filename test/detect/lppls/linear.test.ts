import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { LpplsProfile, lpplsLinear, lpplsModel } from "../../../src/detect/lppls/index.ts";
import { assertClose } from "../../helpers/assert-close.ts";

const T = Array.from({ length: 120 }, (_, i) => 1000 + i + Math.floor(i / 5) * 2); // weekday-like gaps
const P = { tc: T[T.length - 1] + 30, m: 0.45, omega: 8.5, A: 7.5, B: -0.08, C1: 0.004, C2: -0.003 };

test("linear solve recovers A, B, C1, C2 exactly on noise-free LPPLS data (QR, SSE ≈ 0)", () => {
  const y = lpplsModel(T, P);
  const s = lpplsLinear(T, y, P.tc, P.m, P.omega);
  for (const k of ["A", "B", "C1", "C2"] as const) assertClose(s[k], P[k], { rtol: 1e-9, atol: 1e-12 }, k);
  assert.ok(s.sse < 1e-24, `sse ${s.sse}`);
  assert.equal(s.rank, 3);
});

test("default mode is origin-invariant: shifting t and tc by the same constant changes nothing", () => {
  fc.assert(
    fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (shift) => {
      const y = lpplsModel(T, P).map((v, i) => v + 0.01 * Math.sin(i));
      const a = lpplsLinear(T, y, P.tc, P.m, P.omega);
      const b = lpplsLinear(
        T.map((x) => x + shift),
        y,
        P.tc + shift,
        P.m,
        P.omega,
      );
      // Only the rounding of t + shift differs.
      for (const k of ["A", "B", "C1", "C2", "sse"] as const) assertClose(b[k], a[k], { rtol: 1e-7, atol: 1e-12 }, k);
    }),
    { numRuns: 30 },
  );
});

test("shifting y by a constant moves only A (default mode)", () => {
  const y = lpplsModel(T, P).map((v, i) => v + 0.02 * Math.cos(3 * i));
  const a = lpplsLinear(T, y, P.tc, 0.3, 7);
  const b = lpplsLinear(
    T,
    y.map((v) => v + 100),
    P.tc,
    0.3,
    7,
  );
  assertClose(b.A, a.A + 100, { rtol: 1e-12 });
  for (const k of ["B", "C1", "C2"] as const) assertClose(b[k], a[k], { rtol: 1e-8, atol: 1e-12 }, k);
  assertClose(b.sse, a.sse, { rtol: 1e-8 });
});

test("rank check: m = 0 makes f constant, collinear with the intercept; the column is dropped, not inverted", () => {
  const y = lpplsModel(T, P);
  const s = lpplsLinear(T, y, P.tc, 0, P.omega);
  assert.equal(s.rank, 2);
  assert.equal(s.B, 0);
  assert.ok(Number.isFinite(s.sse) && Number.isFinite(s.A));
  // lppls mode survives thanks to its ridge and gives the same SSE to ~1e-6
  const l = lpplsLinear(T, y, P.tc, 0, P.omega, { mode: "lppls" });
  assertClose(l.sse, s.sse, { rtol: 1e-6 });
});

test("tc on an observation: Δ = 0 gives f = g = h = 0 in default mode (finite result)", () => {
  const y = lpplsModel(T, P);
  const s = lpplsLinear(T, y, T[60], 0.5, 8);
  assert.ok(Number.isFinite(s.sse) && Number.isFinite(s.B));
});

test("lppls and default modes agree to ~1e-7 on a regular problem (they differ by the 1e-8 ridge and Δ offset)", () => {
  const y = lpplsModel(T, P).map((v, i) => v + 0.01 * Math.sin(0.7 * i));
  const a = lpplsLinear(T, y, P.tc, P.m, P.omega);
  const b = lpplsLinear(T, y, P.tc, P.m, P.omega, { mode: "lppls" });
  assertClose(b.sse, a.sse, { rtol: 1e-6 });
  assertClose(b.B, a.B, { rtol: 1e-5 });
});

test("gauss(): the Kaufman gradient −2·Jᵀr equals the finite-difference gradient of the profile SSE", () => {
  const y = lpplsModel(T, P).map((v, i) => v + 0.01 * Math.sin(0.7 * i));
  const p = new LpplsProfile(T, y);
  const jtj = new Float64Array(9);
  const jtr = new Float64Array(3);
  const x = [P.tc + 3, 0.5, 8];
  p.gauss(x[0], x[1], x[2], jtj, jtr);
  const h = [1e-4, 1e-6, 1e-6];
  for (let a = 0; a < 3; a++) {
    const xp = [...x];
    const xm = [...x];
    xp[a] += h[a];
    xm[a] -= h[a];
    const fd = (p.sse(xp[0], xp[1], xp[2]) - p.sse(xm[0], xm[1], xm[2])) / (2 * h[a]);
    assertClose(-2 * jtr[a], fd, { rtol: 1e-5, atol: 1e-12 }, `d/dθ${a}`);
  }
  for (let a = 0; a < 3; a++) assert.ok(jtj[a * 4] >= 0, "JᵀJ diagonal non-negative");
});

test("edge cases: too few points and mismatched lengths are RangeErrors; NaN data give NaN, not a throw (kernel)", () => {
  assert.throws(() => lpplsLinear([1, 2, 3], [1, 2, 3], 5, 0.5, 8), /at least 5/);
  assert.throws(() => lpplsLinear([1, 2, 3, 4, 5], [1, 2, 3], 9, 0.5, 8), /same length/);
  const y = [1, 2, Number.NaN, 4, 5, 6];
  assert.ok(Number.isNaN(new LpplsProfile([1, 2, 3, 4, 5, 6], y).sse(9, 0.5, 8)));
  // huge magnitudes: the QR solution stays accurate
  const yb = lpplsModel(T, { ...P, A: 1e6 });
  assertClose(lpplsLinear(T, yb, P.tc, P.m, P.omega).B, P.B, { rtol: 1e-6 });
});
