/**
 * radf: exuber's edge cases, input validation, invariances (affine transform, GSADF ≥ SADF ≥ ADF, BSADF ≥ BADF)
 * as fast-check properties, and the kernels against a direct OLS fit of every window.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { RRandom } from "../../../src/core/r-rng.ts";
import { RandomStream } from "../../../src/core/rng.ts";
import { psyDs, psyMinw, radf, standardise } from "../../../src/detect/psy/index.ts";
import { radfFixedLagKernel, radfIcKernel } from "../../../src/detect/psy/kernel-lag.ts";
import { radfLag0Kernel } from "../../../src/detect/psy/kernel-lag0.ts";
import { radfLag2Kernel } from "../../../src/detect/psy/kernel-lag2.ts";
import { assertClose } from "../../helpers/assert-close.ts";
import { type Json, PSY_REF, readRefJson } from "../../helpers/psy-ref.ts";
import { num, skipWithoutShared } from "../../helpers/shared.ts";

function walk(n: number, seed: number): number[] {
  const r = new RandomStream(seed);
  let c = 0;
  return Array.from({ length: n }, () => (c += r.normal()));
}

/** Direct OLS ADF(p) t-statistic of one window [s, e] (0-based levels), by Gaussian elimination. */
function olsAdf(y: number[], s: number, e: number, p: number): number {
  const rows: number[][] = [];
  const dep: number[] = [];
  for (let t = s + p + 1; t <= e; t++) {
    const x = [1, y[t - 1]];
    for (let j = 1; j <= p; j++) x.push(y[t - j] - y[t - j - 1]);
    rows.push(x);
    dep.push(y[t] - y[t - 1]);
  }
  const K = p + 2;
  const A = Array.from({ length: K }, (_, i) =>
    Array.from({ length: K }, (_, j) => rows.reduce((a, r) => a + r[i] * r[j], 0)),
  );
  const b = Array.from({ length: K }, (_, i) => rows.reduce((a, r, k) => a + r[i] * dep[k], 0));
  // Invert A by Gauss–Jordan.
  const inv = A.map((r, i) => [...r, ...Array.from({ length: K }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < K; c++) {
    let piv = c;
    for (let r = c + 1; r < K; r++) if (Math.abs(inv[r][c]) > Math.abs(inv[piv][c])) piv = r;
    [inv[c], inv[piv]] = [inv[piv], inv[c]];
    const d = inv[c][c];
    for (let j = 0; j < 2 * K; j++) inv[c][j] /= d;
    for (let r = 0; r < K; r++)
      if (r !== c) {
        const f = inv[r][c];
        for (let j = 0; j < 2 * K; j++) inv[r][j] -= f * inv[c][j];
      }
  }
  const Ainv = inv.map((r) => r.slice(K));
  const beta = Ainv.map((r) => r.reduce((a, v, j) => a + v * b[j], 0));
  const rss = rows.reduce((a, r, k) => a + (dep[k] - r.reduce((q, v, j) => q + v * beta[j], 0)) ** 2, 0);
  const s2 = rss / (rows.length - K);
  return beta[1] / Math.sqrt(s2 * Ainv[1][1]);
}

describe("psyMinw / psyDs", () => {
  test("PSY's minimum window rule: exuber's examples", () => {
    assert.deepEqual([100, 200, 400, 500, 547, 1000, 2000].map(psyMinw), [19, 27, 40, 45, 47, 66, 100]);
  });
  test("psyDs rounds log n half to even (R's round)", () => {
    assert.equal(psyDs(200), 5);
    assert.equal(psyDs(547), 6);
    assert.throws(() => psyDs(0), /positive integer/);
  });
  test("psyMinw and psyDs equal exuber's table for n = 6..5000", { skip: skipWithoutShared(...PSY_REF) }, async () => {
    const { readFileSync } = await import("node:fs");
    const { sharedPath } = await import("../../helpers/shared.ts");
    const lines = readFileSync(sharedPath(...PSY_REF, "minw_table.csv"), "utf8")
      .trim()
      .split("\n");
    const hdr = lines[0].split(",");
    for (const l of lines.slice(1)) {
      const v = l.split(",");
      const n = Number(v[hdr.indexOf("n")]);
      assert.equal(psyMinw(n), Number(v[hdr.indexOf("psy_minw")]), `psyMinw(${n})`);
      const ds = hdr.findIndex((h) => /ds.*1|rule1/.test(h));
      if (ds >= 0) assert.equal(psyDs(n), Number(v[ds]), `psyDs(${n})`);
    }
  });
});

describe("radf edge cases (exuber's edge_cases.json)", { skip: skipWithoutShared(...PSY_REF) }, () => {
  const cases = readRefJsonSafe();
  test("constant series and exact linear trend: ADF NaN, SADF/GSADF −Inf, sequences NaN", () => {
    for (const [values, label] of [
      [Array(50).fill(5), "constant"],
      [Array.from({ length: 50 }, (_, i) => i + 1), "linear"],
    ] as const) {
      const r = radf(values as number[]);
      const s = r.series[0];
      assert.ok(Number.isNaN(s.adf), `${label} adf`);
      assert.equal(s.sadf, Number.NEGATIVE_INFINITY);
      assert.equal(s.gsadf, Number.NEGATIVE_INFINITY);
      assert.ok(s.badf.every(Number.isNaN) && s.bsadf.every(Number.isNaN), `${label} sequences`);
    }
  });
  test("exact exponential growth (a perfect explosive fit) gives +∞ where exuber's rounding gives ~1e15", () => {
    const r = radf(Array.from({ length: 50 }, (_, i) => 1.05 ** (i + 1)));
    assert.equal(r.series[0].gsadf, Number.POSITIVE_INFINITY);
    for (const lag of [1, 2])
      assert.equal(
        radf(
          Array.from({ length: 50 }, (_, i) => 1.05 ** (i + 1)),
          { lag },
        ).series[0].gsadf,
        Number.POSITIVE_INFINITY,
      );
  });
  for (const label of [
    "n = 10 (default minw = 5)",
    "n = 6",
    "n = 4 (default minw = 3, single window)",
    "minw = 3 allowed",
    "minw = n - 1 (one window)",
    "negative values fine",
    "affine invariance: radf(3 * rw + 7) equals radf(rw)",
    "sign flip invariance: radf(-rw) equals radf(rw)",
    "reference for the two invariance rows",
  ]) {
    test(`${label}: every statistic within 1e-8`, () => {
      const c = cases.find((x: Json) => x.label === label);
      assert.ok(c, label);
      const values = seriesFor(c);
      const minWindow = /minw = (\d+)/.exec(c.call)?.[1];
      const r = radf(values, minWindow ? { minWindow: Number(minWindow) } : {});
      assert.equal(r.minWindow, c.minw);
      const s = r.series[0];
      for (const k of ["adf", "sadf", "gsadf"] as const) assertClose(s[k], num(c[k][0]), { rtol: 1e-8, atol: 1e-8 }, k);
      (c.badf as Json[]).forEach((v, i) => assertClose(s.badf[i], num(v), { rtol: 1e-8, atol: 1e-8 }, `badf[${i}]`));
      (c.bsadf as Json[]).forEach((v, i) => assertClose(s.bsadf[i], num(v), { rtol: 1e-8, atol: 1e-8 }, `bsadf[${i}]`));
    });
  }
  test("NA/NaN/Inf, too short, and too small windows are rejected with a clear message (never garbage)", () => {
    const y = walk(60, 1);
    assert.throws(
      () => radf([...y.slice(0, 10), Number.NaN, ...y.slice(11)]),
      /non-finite value \(NaN\) at observation 11/,
    );
    assert.throws(
      () => radf([...y.slice(0, 10), Number.POSITIVE_INFINITY, ...y.slice(11)]),
      /non-finite value \(Infinity\)/,
    );
    assert.throws(() => radf(y.slice(0, 3)), /at least 4 observations, got 3/);
    assert.throws(() => radf(y, { minWindow: 2 }), /minWindow 2 rows is too small for lag 0/);
    assert.throws(
      () => radf(y, { minWindow: 4, lag: 2 }),
      /too small for lag 2: an ADF\(2\) window needs at least 5 rows/,
    );
    assert.throws(() => radf(y, { minWindow: 60 }), /series too short: 60 observations/);
    assert.throws(() => radf(y, { minWindow: 10.5 }), /minWindow must be a positive integer, got 10.5/);
    assert.throws(() => radf(y, { lag: -1 }), /lag must be a non-negative integer, got -1/);
    assert.throws(
      () =>
        radf([
          { name: "a", values: y },
          { name: "b", values: y.slice(1) },
        ]),
      /same length/,
    );
  });
});

function readRefJsonSafe(): Json[] {
  try {
    return readRefJson("edge_cases.json").edge_cases;
  } catch {
    return [];
  }
}

/** The reference's `rw` is R's set.seed(7); cumsum(rnorm(60)) (identified by matching its statistics exactly). */
function referenceRw(): number[] {
  const r = new RRandom(7);
  let c = 0;
  return Array.from({ length: 60 }, () => (c += r.normal()));
}

/** Rebuilds an edge case's input from its R call. */
function seriesFor(c: Json): number[] {
  const rw = referenceRw();
  const call = String(c.call);
  const slice = /rw\[1:(\d+)\]/.exec(call);
  if (slice) return rw.slice(0, Number(slice[1]));
  if (call.startsWith("radf(rw - 100)")) return rw.map((v) => v - 100);
  if (call.startsWith("radf(3 * rw + 7)")) return rw.map((v) => 3 * v + 7);
  if (call.startsWith("radf(-rw)")) return rw.map((v) => -v);
  if (call.startsWith("radf(rw")) return rw;
  throw new Error(`edge case "${c.label}": unknown input ${call}`);
}

describe("kernels agree with a direct OLS fit of every window", () => {
  for (const p of [0, 1, 2, 3]) {
    test(`lag ${p}: BADF and BSADF equal max over windows of plain OLS t-statistics (n = 45)`, () => {
      const y = walk(45, 10 + p);
      const m = 8 + p;
      const r = radf(y, { lag: p, minWindow: m });
      for (let e = m + p; e < y.length; e++) {
        const k = e - (m + p);
        assertClose(r.series[0].badf[k], olsAdf(y, 0, e, p), { rtol: 1e-9, atol: 1e-9 }, `badf e=${e}`);
        let best = Number.NEGATIVE_INFINITY;
        for (let s = 0; e - s - p >= m; s++) best = Math.max(best, olsAdf(y, s, e, p));
        assertClose(r.series[0].bsadf[k], best, { rtol: 1e-9, atol: 1e-9 }, `bsadf e=${e}`);
      }
    });
  }
  test("the unrolled lag-2 kernel equals the generic QR kernel", () => {
    const { y } = standardise(walk(250, 6));
    const a = { badf: new Float64Array(218), bsadf: new Float64Array(218) };
    const b = { badf: new Float64Array(218), bsadf: new Float64Array(218) };
    radfLag2Kernel(y, 30, a);
    radfFixedLagKernel(y, 30, 2, b);
    for (let k = 0; k < 218; k++) {
      assertClose(a.badf[k], b.badf[k], { rtol: 1e-12, atol: 1e-12 }, `badf ${k}`);
      assertClose(a.bsadf[k], b.bsadf[k], { rtol: 1e-12, atol: 1e-12 }, `bsadf ${k}`);
    }
  });
  test("the lag-0 closed form, the Givens kernel and the IC kernel with maxLag 0 agree", () => {
    const { y } = standardise(walk(300, 5));
    const m = 30;
    const a = { badf: new Float64Array(270), bsadf: new Float64Array(270) };
    const b = { badf: new Float64Array(270), bsadf: new Float64Array(270) };
    const c = { badf: new Float64Array(270), bsadf: new Float64Array(270) };
    const g = radfLag0Kernel(y, m, a, "bsadf");
    radfFixedLagKernel(y, m, 0, b);
    radfIcKernel(y, m, { maxLag: 0, ic: "bic", mode: "common", scale2: 1 }, c);
    for (let k = 0; k < 270; k++) {
      assertClose(a.badf[k], b.badf[k], { rtol: 1e-10 }, `badf ${k}`);
      assertClose(a.bsadf[k], b.bsadf[k], { rtol: 1e-10 }, `bsadf ${k}`);
      assertClose(c.bsadf[k], b.bsadf[k], { rtol: 1e-10 }, `ic bsadf ${k}`);
    }
    const gOnly = radfLag0Kernel(y, m, { badf: new Float64Array(270), bsadf: new Float64Array(270) }, "gsadf");
    assertClose(gOnly, g, { rtol: 1e-12 }, "gsadf-only path");
  });
});

describe("invariances (fast-check)", () => {
  const series = fc.integer({ min: 1, max: 1e6 }).map((seed) => walk(40, seed));
  test("an affine transform a + b·y (b ≠ 0, either sign) leaves every statistic unchanged", () => {
    fc.assert(
      fc.property(
        series,
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.boolean(),
        (y, a, b, flip) => {
          const z = y.map((v) => a + (flip ? -b : b) * v);
          const r1 = radf(y).series[0];
          const r2 = radf(z).series[0];
          for (let k = 0; k < r1.bsadf.length; k++)
            assertClose(r2.bsadf[k], r1.bsadf[k], { rtol: 1e-7, atol: 1e-7 }, `bsadf ${k}`);
          assertClose(r2.gsadf, r1.gsadf, { rtol: 1e-7, atol: 1e-7 }, "gsadf");
        },
      ),
      { numRuns: 60 },
    );
  });
  test("GSADF ≥ SADF ≥ ADF and BSADF(e) ≥ BADF(e), for lags 0–2", () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 0, max: 2 }), (y, lag) => {
        const s = radf(y, { lag }).series[0];
        assert.ok(s.gsadf >= s.sadf && s.sadf >= s.adf, `${s.gsadf} ${s.sadf} ${s.adf}`);
        for (let k = 0; k < s.badf.length; k++) assert.ok(s.bsadf[k] >= s.badf[k]);
      }),
      { numRuns: 60 },
    );
  });
  test("BSADF at e depends only on observations up to e (no look-ahead)", () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 25, max: 39 }), (y, cut) => {
        const full = radf(y, { minWindow: 10 }).series[0];
        const part = radf(y.slice(0, cut + 1), { minWindow: 10 }).series[0];
        for (let k = 0; k < part.bsadf.length; k++)
          assertClose(part.bsadf[k], full.bsadf[k], { rtol: 1e-9, atol: 1e-9 }, `bsadf ${k}`);
      }),
      { numRuns: 40 },
    );
  });
});
