/**
 * The WebAssembly SIMD kernels (src/detect/psy/wasm) against the JS kernels they replace: same BADF/BSADF/GSADF to
 * 1e-12 relative and the same NaN/±∞ positions, on random walks (many lengths and windows, so odd and even start
 * counts, single starts and the pipeline fill/drain are all hit), explosive series, series with exact zero
 * differences, degenerate inputs (constant, linear trend, exact exponential), the shared exuber/psymonitor cases,
 * and Monte Carlo critical values; plus the committed .generated.ts files equal the generator's output from the .wat.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { generateWasmModules, WASM_DIR } from "../../../scripts/build-wasm.ts";
import { RandomStream } from "../../../src/core/rng.ts";
import { mcCriticalValues, psyMinw, radf, standardise } from "../../../src/detect/psy/index.ts";
import {
  decodeBase64,
  JS_KERNELS,
  type PsyWasmKernels,
  psyKernels,
  psyWasmKernels,
  setPsyWasmEnabled,
} from "../../../src/detect/psy/wasm/index.ts";
import { PSY_REF, readRefInput } from "../../helpers/psy-ref.ts";
import { sharedPath, skipWithoutShared } from "../../helpers/shared.ts";

const RTOL = 1e-12;

/** Same statistic: identical NaN / ±∞, otherwise within RTOL relative. */
function same(a: number, b: number, label: string): void {
  if (Object.is(a, b) || a === b) return;
  if (Number.isNaN(a) || Number.isNaN(b) || !Number.isFinite(a) || !Number.isFinite(b))
    assert.fail(`${label}: WASM ${a} vs JS ${b}`);
  const d = Math.abs(a - b);
  if (!(d <= RTOL * Math.max(Math.abs(a), Math.abs(b)))) assert.fail(`${label}: WASM ${a} vs JS ${b} (delta ${d})`);
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>, label: string): void {
  assert.equal(a.length, b.length, `${label}: length`);
  for (let i = 0; i < a.length; i++) same(a[i], b[i], `${label}[${i}]`);
}

function walk(n: number, seed: number, drift = 0, rho = 1): number[] {
  const r = new RandomStream(seed);
  const y: number[] = [];
  let c = 0;
  for (let i = 0; i < n; i++) {
    c = rho * c + drift + r.normal();
    y.push(c);
  }
  return y;
}

/** A walk with steps in {−1, 0, 1}: many differences are exactly 0 (rotations skipped in some lanes only). */
function ternaryWalk(n: number, seed: number): number[] {
  const r = new RandomStream(seed);
  let c = 0;
  return Array.from({ length: n }, () => (c += r.int(3) - 1));
}

/** The WASM kernels, even under BUBBLESCOPE_NO_WASM=1 (so the whole suite can also run with the JS default). */
function wasmOrFail(): PsyWasmKernels {
  setPsyWasmEnabled(true);
  try {
    const w = psyWasmKernels();
    assert.ok(w, "WebAssembly SIMD kernels should load in Node 20");
    return w;
  } finally {
    setPsyWasmEnabled(undefined);
  }
}

/** Runs both kernels on one series and window and compares every output. */
function compareKernels(values: ArrayLike<number>, m: number, label: string): void {
  const w = wasmOrFail();
  const { y } = standardise(values);
  const n = y.length;
  for (const mode of ["bsadf", "gsadf", "none"] as const) {
    if (m >= n) break;
    const L = n - m;
    const a = { badf: new Float64Array(L), bsadf: new Float64Array(L) };
    const b = { badf: new Float64Array(L), bsadf: new Float64Array(L) };
    const ga = w.radfLag0Kernel(y, m, a, mode);
    const gb = JS_KERNELS.radfLag0Kernel(y, m, b, mode);
    same(ga, gb, `${label} lag0 ${mode} gsadf`);
    sameArray(a.badf, b.badf, `${label} lag0 ${mode} badf`);
    if (mode === "bsadf") sameArray(a.bsadf, b.bsadf, `${label} lag0 bsadf`);
  }
  if (m + 2 < n && m >= 5) {
    for (const bsadf of [true, false]) {
      const L = n - m - 2;
      const a = { badf: new Float64Array(L), bsadf: new Float64Array(L).fill(7) };
      const b = { badf: new Float64Array(L), bsadf: new Float64Array(L).fill(7) };
      w.radfLag2Kernel(y, m, a, bsadf);
      JS_KERNELS.radfLag2Kernel(y, m, b, bsadf);
      sameArray(a.badf, b.badf, `${label} lag2 badf`);
      sameArray(a.bsadf, b.bsadf, `${label} lag2 ${bsadf ? "bsadf" : "untouched bsadf"}`);
    }
  }
}

/** radf with the WASM kernels and with the JS kernels, compared field by field. */
function compareRadf(values: ArrayLike<number>, options: Parameters<typeof radf>[1], label: string): void {
  try {
    setPsyWasmEnabled(true);
    const a = radf(values, options).series[0];
    setPsyWasmEnabled(false);
    const b = radf(values, options).series[0];
    same(a.adf, b.adf, `${label} adf`);
    same(a.sadf, b.sadf, `${label} sadf`);
    same(a.gsadf, b.gsadf, `${label} gsadf`);
    sameArray(a.badf, b.badf, `${label} badf`);
    sameArray(a.bsadf, b.bsadf, `${label} bsadf`);
  } finally {
    setPsyWasmEnabled(undefined);
  }
}

describe("WASM SIMD kernels equal the JS kernels", () => {
  test("they load (Node 20 has WebAssembly SIMD), and BUBBLESCOPE_NO_WASM / setPsyWasmEnabled force JS", () => {
    wasmOrFail();
    const saved = process.env.BUBBLESCOPE_NO_WASM;
    try {
      delete process.env.BUBBLESCOPE_NO_WASM;
      assert.ok(psyWasmKernels(), "WASM by default");
      process.env.BUBBLESCOPE_NO_WASM = "1";
      assert.equal(psyWasmKernels(), null);
      assert.equal(psyKernels(), JS_KERNELS);
      setPsyWasmEnabled(true);
      assert.ok(psyWasmKernels());
      delete process.env.BUBBLESCOPE_NO_WASM;
      setPsyWasmEnabled(false);
      assert.equal(psyWasmKernels(), null);
    } finally {
      setPsyWasmEnabled(undefined);
      if (saved === undefined) delete process.env.BUBBLESCOPE_NO_WASM;
      else process.env.BUBBLESCOPE_NO_WASM = saved;
    }
  });

  test("random walks: n = 8…400, default and custom windows (odd/even start counts, single starts)", () => {
    for (let n = 8; n <= 60; n++) {
      compareKernels(walk(n, n), psyMinw(n), `walk n=${n}`);
      compareKernels(walk(n, 1000 + n), Math.max(5, n - 4 - (n % 3)), `walk n=${n} short`);
    }
    for (let n = 5; n <= 30; n++)
      for (const m of [3, 4, 5]) if (m + 1 < n) compareKernels(walk(n, 500 + n), m, `n=${n} m=${m}`);
    for (let seed = 1; seed <= 40; seed++) {
      const n = 61 + seed * 9;
      compareKernels(walk(n, seed), psyMinw(n), `walk n=${n}`);
      compareKernels(walk(n, seed + 77), 5 + (seed % 7), `walk n=${n} m small`);
    }
  });

  test("explosive and mean-reverting series (many new maxima, both pruning branches)", () => {
    for (let seed = 1; seed <= 20; seed++) {
      compareKernels(walk(150 + seed, seed, 0, 1.03), 20, `explosive ${seed}`);
      compareKernels(walk(150 + seed, seed, 0.5), 20, `drift ${seed}`);
      compareKernels(walk(150 + seed, seed, 0, 0.5), 20, `AR(0.5) ${seed}`);
      const bubble = walk(200, seed);
      for (let i = 120; i < 160; i++) bubble[i] = bubble[i - 1] * 1.04 + 0.1;
      compareKernels(bubble, psyMinw(200), `bubble ${seed}`);
    }
  });

  test("exact zero differences: ternary walks and flat stretches", () => {
    for (let seed = 1; seed <= 25; seed++) {
      compareKernels(ternaryWalk(120 + seed, seed), 12, `ternary ${seed}`);
      const flat = walk(150, seed);
      for (let i = 0; i < 40; i++) flat[i] = 3; // windows inside the flat start are 0/0 (NaN BADF)
      for (let i = 90; i < 100; i++) flat[i] = flat[89];
      compareKernels(flat, 15, `flat ${seed}`);
      compareKernels(flat, 45, `flat ${seed} m45`);
    }
  });

  test("degenerate inputs: constant, linear trend, exact exponential, exact quadratic", () => {
    for (const n of [20, 50, 51, 120]) {
      const cases: [number[], string][] = [
        [Array(n).fill(5), "constant"],
        [Array.from({ length: n }, (_, i) => i + 1), "linear"],
        [Array.from({ length: n }, (_, i) => 2 - 0.5 * i), "falling linear"],
        [Array.from({ length: n }, (_, i) => 1.05 ** (i + 1)), "exponential"],
        [Array.from({ length: n }, (_, i) => 0.97 ** (i + 1)), "decay"],
        [Array.from({ length: n }, (_, i) => i * i), "quadratic"],
      ];
      for (const [values, label] of cases) {
        for (const m of [5, 8, psyMinw(n)]) compareKernels(values, m, `${label} n=${n} m=${m}`);
        for (const lag of [0, 2]) compareRadf(values, { lag }, `${label} n=${n} lag ${lag}`);
      }
    }
  });

  test("degenerate tails after a random start: later starts hit ±∞ / NaN windows where BADF is finite", () => {
    for (let seed = 1; seed <= 12; seed++) {
      for (const cut of [40, 41, 57]) {
        const head = walk(cut, seed);
        const last = head[cut - 1];
        const tails: [(i: number) => number, string][] = [
          [(i) => last + 1.05 ** (i + 1), "exponential"],
          [(i) => last - 0.93 ** (i + 1), "decay"],
          [(i) => last + 0.7 * (i + 1), "linear"],
          [() => last, "constant"],
        ];
        for (const [f, label] of tails) {
          const y = [...head, ...Array.from({ length: 60 + seed }, (_, i) => f(i))];
          for (const m of [6, 9, 14]) compareKernels(y, m, `${label} tail seed=${seed} cut=${cut} m=${m}`);
        }
      }
    }
  });

  test("radf with the WASM kernels equals radf with the JS kernels (lags 0 and 2, bsadf on/off, panels)", () => {
    for (const n of [40, 199, 200, 501]) {
      for (const lag of [0, 2]) {
        compareRadf(walk(n, n + lag), { lag }, `n=${n} lag=${lag}`);
        compareRadf(walk(n, n + lag), { lag, bsadf: false }, `n=${n} lag=${lag} no bsadf`);
        compareRadf(walk(n, n + lag), { lag, minWindow: 12, windowConvention: "levels" }, `n=${n} lag=${lag} levels`);
      }
    }
    const panel = [0, 1, 2].map((k) => ({ name: `s${k}`, values: walk(120, 40 + k) }));
    try {
      setPsyWasmEnabled(true);
      const a = radf(panel, { lag: 2 });
      setPsyWasmEnabled(false);
      const b = radf(panel, { lag: 2 });
      sameArray(a.panel!.bsadf, b.panel!.bsadf, "panel bsadf");
    } finally {
      setPsyWasmEnabled(undefined);
    }
  });

  test("Monte Carlo critical values: identical distributions with both kernels", () => {
    try {
      for (const [n, lag] of [
        [120, 0],
        [80, 2],
      ]) {
        setPsyWasmEnabled(true);
        const a = mcCriticalValues(n, { nrep: 60, seed: 3, lag, keepDistribution: true, bsadfRule: "psy2015" });
        setPsyWasmEnabled(false);
        const b = mcCriticalValues(n, { nrep: 60, seed: 3, lag, keepDistribution: true, bsadfRule: "psy2015" });
        sameArray(a.distribution!.gsadf, b.distribution!.gsadf, `mc n=${n} lag=${lag} gsadf`);
        sameArray(a.distribution!.sadf, b.distribution!.sadf, `mc n=${n} lag=${lag} sadf`);
        sameArray(a.gsadf, b.gsadf, `mc n=${n} gsadf cv`);
        a.bsadf.forEach((row, i) => sameArray(row, b.bsadf[i], `mc n=${n} bsadf cv row ${i}`));
      }
    } finally {
      setPsyWasmEnabled(undefined);
    }
  });
});

describe("WASM kernels on the shared exuber/psymonitor cases", { skip: skipWithoutShared(...PSY_REF) }, () => {
  test("every reference input series, lags 0 and 2", () => {
    const names = readdirSync(sharedPath(...PSY_REF))
      .filter((f) => f.endsWith(".input.csv"))
      .map((f) => f.slice(0, -".input.csv".length));
    assert.ok(names.length > 0);
    for (const name of names) {
      for (const s of readRefInput(name).series) {
        for (const lag of [0, 2]) compareRadf(s.values, { lag }, `${name}/${s.name} lag ${lag}`);
        compareKernels(s.values, psyMinw(s.values.length), `${name}/${s.name}`);
      }
    }
  });
});

describe("WASM build artefacts", () => {
  test("the committed .generated.ts files equal what scripts/build-wasm.ts produces from the .wat sources", async () => {
    const generated = await generateWasmModules();
    const wat = readdirSync(WASM_DIR).filter((f) => f.endsWith(".wat"));
    assert.equal(generated.length, wat.length);
    assert.ok(generated.length >= 2);
    for (const g of generated)
      assert.equal(readFileSync(g.path, "utf8"), g.text, `${g.name}.generated.ts is stale: run npm run build:wasm`);
  });

  test("the base64 fallback decoder (no atob) equals atob", () => {
    const g = globalThis as { atob?: (s: string) => string };
    const samples = ["", "AA==", "AAE=", "AAEC", "AGFzbQEAAAA=", "////+/7+", btoa("bubblescope wasm kernels")];
    const viaAtob = samples.map(decodeBase64);
    const saved = g.atob;
    try {
      g.atob = undefined;
      samples.forEach((s, i) => assert.deepEqual(decodeBase64(s), viaAtob[i], s));
    } finally {
      g.atob = saved;
    }
  });
});
