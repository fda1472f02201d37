import assert from "node:assert/strict";
import { test } from "node:test";
import { RandomStream } from "../../../src/core/rng.ts";
import {
  differentialEvolution,
  LpplsProfile,
  lpplsModel,
  nelderMead,
  varproLm,
  varproQuasiNewton,
} from "../../../src/detect/lppls/index.ts";
import { assertClose } from "../../helpers/assert-close.ts";

const rosen = (x: readonly number[]) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;

test("Nelder–Mead (scipy rules) minimises Rosenbrock from (-1.2, 1)", () => {
  const r = nelderMead(rosen, [-1.2, 1], { xatol: 1e-8, fatol: 1e-12, maxfev: 2000, maxiter: 2000 });
  assert.ok(r.success);
  assertClose(r.x[0], 1, { atol: 1e-5 });
  assertClose(r.x[1], 1, { atol: 1e-5 });
});

test("Nelder–Mead scipy defaults: 5 % initial simplex, maxfev 200·d, failure flagged when the budget runs out", () => {
  let calls = 0;
  const r = nelderMead(
    (x) => {
      calls++;
      return rosen(x);
    },
    [-1.2, 1],
    { xatol: -1, fatol: -1 },
  );
  assert.equal(r.success, false);
  assert.ok(r.nfev === 400 && calls === r.nfev, `nfev ${r.nfev}`);
  // first evaluations are x0 and x0 with one coordinate scaled by 1.05
  const seen: number[][] = [];
  nelderMead(
    (x) => {
      seen.push([...x]);
      return rosen(x);
    },
    [2, 0],
    { maxfev: 3 },
  );
  assert.deepEqual(seen, [
    [2, 0],
    [2.1, 0],
    [2, 0.00025],
  ]);
});

test("Nelder–Mead with bounds never evaluates outside the box; NaN is treated as worst", () => {
  const r = nelderMead(
    (x) => {
      assert.ok(x[0] >= 0 && x[0] <= 1 && x[1] >= 0 && x[1] <= 1);
      return x[0] > 0.9 ? Number.NaN : (x[0] - 2) ** 2 + (x[1] - 0.5) ** 2;
    },
    [0.2, 0.2],
    { lower: [0, 0], upper: [1, 1], step: [0.1, 0.1], xatol: 1e-9, fatol: 1e-12 },
  );
  assert.ok(r.x[0] <= 0.9 && r.x[0] > 0.85, `x0 ${r.x[0]}`);
  assertClose(r.x[1], 0.5, { atol: 1e-5 });
});

test("differential evolution is seeded: same stream, same result; it finds the global minimum of a two-well function", () => {
  const f = (x: readonly number[]) => Math.min((x[0] - 0.2) ** 2 + 0.1, (x[0] - 0.8) ** 2) + (x[1] - 0.3) ** 2;
  const run = (seed: number) => {
    const r = new RandomStream(seed, 3);
    return differentialEvolution(f, [0, 0], [1, 1], () => r.uniform(), { generations: 80 });
  };
  const a = run(1);
  const b = run(1);
  assert.deepEqual(a, b);
  assertClose(a.x[0], 0.8, { atol: 1e-3 });
  assertClose(a.x[1], 0.3, { atol: 1e-3 });
});

const T = Array.from({ length: 150 }, (_, i) => i);
const P = { tc: 170, m: 0.5, omega: 9, A: 5, B: -0.1, C1: 0.01, C2: 0.005 };

test("variable-projection LM and quasi-Newton recover (tc, m, ω) on noise-free LPPLS data from a nearby start", () => {
  const y = lpplsModel(T, P);
  const p = new LpplsProfile(T, y);
  const lo = [150, 0.1, 6];
  const w = [60, 0.8, 7];
  const u0 = [(168 - 150) / 60, (0.45 - 0.1) / 0.8, (9.3 - 6) / 7];
  for (const [name, fn] of [
    ["lm", varproLm],
    ["qn", varproQuasiNewton],
  ] as const) {
    const r = fn(p, lo, w, u0, { maxIter: 100, ftol: 0 });
    const x = r.u.map((v, i) => lo[i] + v * w[i]);
    assertClose(x[0], P.tc, { atol: 1e-4 }, `${name} tc`);
    assertClose(x[1], P.m, { atol: 1e-5 }, `${name} m`);
    assertClose(x[2], P.omega, { atol: 1e-4 }, `${name} ω`);
    assert.ok(r.fun < 1e-16, `${name} sse ${r.fun}`);
  }
});

test("quasi-Newton respects the box: a minimum outside the box ends on the bound", () => {
  const y = lpplsModel(T, P);
  const p = new LpplsProfile(T, y);
  const r = varproQuasiNewton(p, [150, 0.6, 6], [60, 0.3, 7], [0.3, 0.5, 0.5]);
  const m = 0.6 + r.u[1] * 0.3;
  assert.ok(r.u.every((v) => v >= 0 && v <= 1));
  assertClose(m, 0.6, { atol: 1e-6 }, "m on its lower bound");
});
