import assert from "node:assert/strict";
import { test } from "node:test";
import { RandomStream } from "../../../src/core/rng.ts";
import {
  fitWindows,
  gridProfileSse,
  LpplsProfile,
  linspace,
  lpplsConfidence,
  lpplsIndicator,
  lpplsModel,
  nestedLengths,
  tcGrid,
} from "../../../src/detect/lppls/index.ts";
import { assertClose } from "../../helpers/assert-close.ts";

// 160 daily observations of a noisy bubble ending 10 days before tc.
const N = 160;
const T = Float64Array.from({ length: N }, (_, i) => 730000 + i + 2 * Math.floor(i / 5));
const rng = new RandomStream(4, 0);
const Y = lpplsModel(T, { tc: T[N - 1] + 10, m: 0.6, omega: 8, A: 8, B: -0.03, C1: 0.002, C2: 0.001 }).map(
  (v) => v + 0.003 * rng.normal(),
);

test("nestedLengths follows lppls: 80/20/2 → 80, 78, …, 22 (30 windows); 120/30/5 → 120 … 35 (18)", () => {
  const a = nestedLengths(80, 20, 2);
  assert.equal(a.length, 30);
  assert.equal(a[0], 80);
  assert.equal(a[29], 22);
  const b = nestedLengths(120, 30, 5);
  assert.equal(b.length, 18);
  assert.equal(b[17], 35);
});

test("confidence: same-sign denominator (lppls) vs all fits (Sornette); failed fits (B = 0) count in neither sign", () => {
  const fits = [
    { B: -1, qualified: true },
    { B: -1, qualified: false },
    { B: 1, qualified: true },
    { B: 0, qualified: false },
  ];
  const s = lpplsConfidence(fits);
  assert.equal(s.posConf, 0.5);
  assert.equal(s.negConf, 1);
  const a = lpplsConfidence(fits, "all");
  assert.equal(a.posConf, 0.25);
  assert.equal(a.negConf, 0.25);
  assert.equal(lpplsConfidence([]).posConf, 0);
});

test("grid stage: suffix-sum SSE of every nested window equals the direct QR profile SSE", () => {
  const e = N - 1;
  const lengths = [80, 60, 40, 22];
  const starts = lengths.map((L) => e - L + 1);
  const grid = { tc: tcGrid(T[e] - 30, T[e] + 30, T[e], 0.7, 5), m: linspace(0.1, 0.9, 3), omega: linspace(6, 12, 4) };
  const nt = grid.tc.length;
  assert.equal(nt, 7); // 5 asinh-spaced points + 2 just after t2
  const G = nt * 3 * 4;
  const out = new Float64Array(lengths.length * G);
  gridProfileSse(
    T,
    Y,
    e,
    starts,
    starts.map(() => -Infinity),
    starts.map(() => Infinity),
    grid,
    out,
  );
  for (let k = 0; k < lengths.length; k++) {
    const p = new LpplsProfile(T, Y, starts[k], e + 1);
    for (let g = 0; g < G; g++) {
      const iw = g % 4;
      const im = Math.floor(g / 4) % 3;
      const it = Math.floor(g / 12);
      const direct = p.sse(grid.tc[it], grid.m[im], grid.omega[iw]);
      assertClose(out[k * G + g], direct, { rtol: 1e-7, atol: 1e-12 }, `window ${lengths[k]} point ${g}`);
    }
  }
  // tc outside a window's box → +∞
  gridProfileSse(T, Y, e, [e - 39], [T[e] + 100], [T[e] + 200], grid, out);
  assert.equal(out[0], Number.POSITIVE_INFINITY);
});

test("indicator is order-independent and bit-identical however window ends are split (parallel == serial)", () => {
  const opts = {
    windowSize: 60,
    smallestWindowSize: 30,
    outerIncrement: 7,
    innerIncrement: 6,
    seed: 9,
    global: "grid+de" as const,
    de: { popSize: 8, generations: 3 },
  };
  const full = lpplsIndicator(T, Y, { ...opts, keepFits: true }).points;
  assert.equal(full.length, Math.floor((N - 60) / 7) + 1);
  const rows = full.map((p) => p.row);
  const half1 = lpplsIndicator(T, Y, { ...opts, keepFits: true, endRows: rows.filter((_, i) => i % 2 === 0) }).points;
  const half2 = lpplsIndicator(T, Y, {
    ...opts,
    keepFits: true,
    endRows: rows.filter((_, i) => i % 2 === 1).reverse(),
  }).points;
  const merged = [...half1, ...half2].sort((a, b) => a.row - b.row);
  assert.deepEqual(merged, full);
});

test("nested fits equal stand-alone fits of the same windows up to the warm start (same or better SSE)", () => {
  const e = N - 1;
  const lengths = [60, 50, 40];
  const nested = fitWindows(T, Y, e, lengths);
  for (let k = 0; k < lengths.length; k++) {
    const alone = fitWindows(T, Y, e, [lengths[k]])[0];
    assert.ok(
      nested[k].sse <= alone.sse * (1 + 1e-6),
      `window ${lengths[k]}: nested ${nested[k].sse} vs alone ${alone.sse}`,
    );
  }
});

test("indicator sees the synthetic bubble: positive confidence near the end, progress reported for every end", () => {
  const calls: [number, number][] = [];
  const { points } = lpplsIndicator(T, Y, {
    windowSize: 80,
    smallestWindowSize: 40,
    innerIncrement: 4,
    outerIncrement: 20,
    onProgress: (d, t) => calls.push([d, t]),
  });
  assert.deepEqual(
    calls.map((c) => c[0]),
    points.map((_, i) => i + 1),
  );
  assert.ok(calls.every((c) => c[1] === points.length));
  const last = points[points.length - 1];
  assert.ok(last.posConf > 0.3, `posConf at the end ${last.posConf}`);
  assert.equal(last.negConf, 0);
  for (const p of points) assert.ok(p.posConf >= 0 && p.posConf <= 1 && p.negConf >= 0 && p.negConf <= 1);
});

test("indicator input validation names the option", () => {
  assert.throws(() => lpplsIndicator(T, Y, { windowSize: 200 }), /windowSize 200 is longer than the series/);
  assert.throws(() => lpplsIndicator(T, Y, { smallestWindowSize: 90 }), /smallestWindowSize/);
  assert.throws(() => lpplsIndicator(T, Y, { outerIncrement: 0 }), /outerIncrement must be a positive integer/);
  assert.throws(() => lpplsIndicator(T, Y, { fromRow: 10 }), /fromRow/);
  assert.throws(() => lpplsIndicator(T, Y, { endRows: [N] }), /endRows/);
  assert.throws(() => lpplsIndicator(T.slice(0, 5), Y), /lengths differ/);
});
