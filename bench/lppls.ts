/**
 * LPPLS benchmarks against the Python lppls 0.6.24 timings in ../shared/reference/lppls/baseline.md (same VM):
 * one fit on the 2-year daily window to 2000-03-10 (504 obs) and the confidence indicator over the reference
 * stretch 1998-01-02 … 2000-03-09 (111 window ends × 30 nested fits, lppls default settings), with the fit
 * quality compared to lppls's own fits (reference box optima and stored per-fit rows). Times are wall and
 * CPU milliseconds of this process (the machine is shared; CPU is the steadier number).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import {
  fitLppls,
  fitWindows,
  type IndicatorPoint,
  LpplsProfile,
  lpplsIndicator,
  lpplsModel,
  presetBounds,
} from "../src/detect/lppls/index.ts";
import type { BenchSection } from "./run.ts";

const here = dirname(fileURLToPath(import.meta.url));
const REF = resolve(process.env.BUBBLESCOPE_SHARED ?? resolve(here, "../../shared"), "reference/lppls");

/** lppls CPU seconds from baseline.md. */
const LPPLS = Object.freeze({ fitMean: 0.197, fitMedian: 0.143, indicatorCpu: 191.5, indicatorWall1: 193 });

function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1000 };
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

export async function run(): Promise<BenchSection> {
  if (!existsSync(REF)) return { title: "LPPLS", markdown: `_Skipped: ${REF} not found._` };
  const cells = readFileSync(resolve(REF, "nasdaq_dotcom_obs.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));
  const dates = cells.map((c) => c[0]);
  const t = Float64Array.from(cells, (c) => Number(c[1]));
  const y = Float64Array.from(cells, (c) => Number(c[2]));
  const fitsRef = JSON.parse(readFileSync(resolve(REF, "fits.json"), "utf8"));
  const W1 = fitsRef.windows[0];
  const tW = t.subarray(W1.start_idx, W1.end_idx + 1);
  const yW = y.subarray(W1.start_idx, W1.end_idx + 1);
  const md: string[] = [];

  // 1. One fit on the 2-year window.
  for (let i = 0; i < 3; i++) fitLppls(tW, yW); // warm-up (JIT)
  const single = Array.from({ length: 31 }, () => timed(() => fitLppls(tW, yW)));
  const fit = single[0].value;
  const cpus = single.map((r) => r.cpu);
  const walls = single.map((r) => r.wall);
  const compat = Array.from({ length: 10 }, (_, s) => timed(() => fitLppls(tW, yW, { fitter: "lppls", seed: s })));
  const filterBest = W1.box_best.find((b: { box: string }) => b.box === "filter_box").best.SSE;
  const boxes = timed(() =>
    fitsRef.windows.flatMap(
      (w: {
        box_best: { tc_bounds: number[]; m_bounds: number[]; w_bounds: number[]; best: { SSE: number } }[];
        end_idx: number;
        n: number;
        t2: number;
      }) =>
        w.box_best.map((b) => {
          const [f] = fitWindows(t, y, w.end_idx, [w.n], {
            tcOffset: [b.tc_bounds[0] - w.t2, b.tc_bounds[1] - w.t2],
            m: b.m_bounds as [number, number],
            omega: b.w_bounds as [number, number],
          });
          return f.sse / b.best.SSE - 1;
        }),
    ),
  );
  const worstBox = Math.max(...boxes.value);
  const seededSse = W1.seeded_fits.map((s: { result: { SSE: number } }) => s.result.SSE);
  md.push(
    "### One fit, 2-year daily window (504 obs, 1998-03-13 … 2000-03-10)",
    "",
    "| | ours (31 runs: fastest / median / mean) | lppls `fit(25)` (50 seeds) | speed-up vs lppls (median / mean) |",
    "|---|---|---|---|",
    `| default fitter (grid + quasi-Newton multistart, lppls filter box) | ${Math.min(...cpus).toFixed(1)} / ${median(cpus).toFixed(1)} / ${mean(cpus).toFixed(1)} ms CPU (wall median ${median(walls).toFixed(1)} ms) | mean ${LPPLS.fitMean * 1000} ms, median ${LPPLS.fitMedian * 1000} ms CPU | ${((LPPLS.fitMedian * 1000) / median(cpus)).toFixed(1)}× (median vs median) / ${((LPPLS.fitMean * 1000) / mean(cpus)).toFixed(1)}× (mean vs mean) |`,
    `| lppls-compatible fitter (first-success Nelder–Mead, seeds 0–9) | median ${median(compat.map((r) => r.wall)).toFixed(1)} ms wall, ${median(compat.map((r) => r.cpu)).toFixed(1)} ms CPU | same | ${((LPPLS.fitMedian * 1000) / median(compat.map((r) => r.cpu))).toFixed(1)}× (median) |`,
    "",
    `Fit quality: our default fit SSE ${fit.sse.toFixed(10)} vs the reference's best in the same box (\`filter_box\`) ${filterBest.toFixed(10)} (ratio − 1 = ${(fit.sse / filterBest - 1).toExponential(2)}); lppls's ten seeded \`fit(25)\` results on this window have SSE ${Math.min(...seededSse).toFixed(4)} … ${Math.max(...seededSse).toFixed(4)} (first acceptable local optimum, unbounded; the lowest ones sit outside the filter box). Searching all 12 reference boxes (4 windows × 3 boxes): worst SSE / box_best − 1 = ${worstBox.toExponential(2)} (criterion ≤ 1e-6), ${(boxes.wall / 12).toFixed(0)} ms per box on average.`,
    "",
  );

  // 2. Confidence indicator over the reference stretch.
  const first = dates.indexOf("1998-01-02");
  // Three runs (the machine is shared); the one with the median CPU time is reported.
  const indRuns = Array.from({ length: 3 }, () =>
    timed(() => lpplsIndicator(t, y, { fromRow: first, toRow: t.length - 1, keepFits: true, seed: 0 })),
  );
  const ind = [...indRuns].sort((a, b) => a.cpu - b.cpu)[1];
  const points = ind.value.points;
  const nFits = points.length * 30;
  // Per-fit comparison with lppls's stored fits (seeds 0–2). lppls's SSE: the lower of its own objective at its
  // own parameters (Δ + 1e-8, its A, B, C1, C2) and our profile SSE (Δ exact) at its (tc, m, ω) — like with like.
  const ours = new Map<string, number>();
  for (const p of points) for (const f of p.fits ?? []) ours.set(`${f.t1},${f.t2}`, f.sse);
  const rowOf = new Map<number, number>();
  t.forEach((v, i) => rowOf.set(v, i));
  const perSeed = [0, 1, 2].map((seed) => {
    const rows = gunzipSync(readFileSync(resolve(REF, `ci_dotcom_1998-2000_seed${seed}_fits.csv.gz`)))
      .toString()
      .trim()
      .split("\n")
      .slice(1);
    const c = { seed, compared: 0, inBox: 0, worseInBox: 0, worseOutside: 0, betterOrEqual: 0 };
    for (const line of rows) {
      const r = line.split(",");
      const [tc, m, w, a, b, , c1, c2] = r.slice(4, 12).map(Number);
      if (b === 0) continue;
      const mine = ours.get(`${r[1]},${r[2]}`);
      if (mine === undefined) continue;
      const s = rowOf.get(Number(r[1])) as number;
      const e = rowOf.get(Number(r[2])) as number;
      const model = lpplsModel(t.subarray(s, e + 1), { tc, m, omega: w, A: a, B: b, C1: c1, C2: c2 }, 1e-8);
      let sse = 0;
      for (let i = 0; i < model.length; i++) sse += (model[i] - y[s + i]) ** 2;
      sse = Math.min(sse, new LpplsProfile(t, y, s, e + 1).sseQr(tc, m, w));
      const box = presetBounds("lppls", t[s], t[e]);
      const inside =
        tc >= box.tc[0] && tc <= box.tc[1] && m >= box.m[0] && m <= box.m[1] && w >= box.omega[0] && w <= box.omega[1];
      c.compared++;
      if (inside) c.inBox++;
      if (mine <= sse * (1 + 1e-6)) c.betterOrEqual++;
      else if (inside) c.worseInBox++;
      else c.worseOutside++;
    }
    return c;
  });
  const agg = (ps: IndicatorPoint[]) => ({
    mean: ps.reduce((x, p) => x + p.posConf, 0) / ps.length,
    max: Math.max(...ps.map((p) => p.posConf)),
    nz: ps.filter((p) => p.posConf > 0).length,
    neg: Math.max(...ps.map((p) => p.negConf)),
  });
  const fast = agg(points);
  const comp = timed(() => lpplsIndicator(t, y, { fromRow: first, toRow: t.length - 1, fitter: "lppls", seed: 0 }));
  const ca = agg(comp.value.points);
  const refAgg = [0, 1, 2].map((seed) => {
    const lines = readFileSync(resolve(REF, `ci_dotcom_1998-2000_seed${seed}.csv`), "utf8")
      .trim()
      .split("\n")
      .slice(1);
    const pos = lines.map((l) => Number(l.split(",")[3]));
    return {
      mean: pos.reduce((x, v) => x + v, 0) / pos.length,
      max: Math.max(...pos),
      nz: pos.filter((v) => v > 0).length,
    };
  });
  md.push(
    `### Confidence indicator, ${dates[first]} … ${dates[points[points.length - 1].row]} (${points.length} window ends × 30 nested windows = ${nFits} fits; lppls defaults 80/20/5/2)`,
    "",
    "| | wall | CPU (median of 3 runs) | lppls (workers=1) | speed-up (CPU) |",
    "|---|---|---|---|---|",
    `| default fitter (shared grid + warm-started quasi-Newton) | ${(ind.wall / 1000).toFixed(2)} s | ${(ind.cpu / 1000).toFixed(2)} s | ${LPPLS.indicatorWall1} s wall, ${LPPLS.indicatorCpu} s CPU | ${(LPPLS.indicatorCpu / (ind.cpu / 1000)).toFixed(0)}× |`,
    `| lppls-compatible fitter (first-success Nelder–Mead, 25 searches) | ${(comp.wall / 1000).toFixed(2)} s | ${(comp.cpu / 1000).toFixed(2)} s | same | ${(LPPLS.indicatorCpu / (comp.cpu / 1000)).toFixed(1)}× |`,
    "",
    "Per-fit quality against lppls's stored fits (non-failed fits of the same sub-windows; lppls's SSE is the lower of its own objective at its parameters and our Δ-exact profile at its (tc, m, ω); in box = lppls's optimum inside our search box, the lppls filter box: tc range, m ∈ [0.01, 1], ω ∈ [2, 15]):",
    "",
    "| lppls run | fits compared | ours ≤ lppls × (1 + 1e-6) | lppls optimum in our box | ours worse, in box | ours worse, lppls outside the box |",
    "|---|---|---|---|---|---|",
    ...perSeed.map(
      (c) =>
        `| seed ${c.seed} | ${c.compared} | ${c.betterOrEqual} (${((100 * c.betterOrEqual) / c.compared).toFixed(1)} %) | ${c.inBox} | ${c.worseInBox} | ${c.worseOutside} |`,
    ),
    "",
    "Where lppls has the lower SSE its optimum lies outside the box (m > 1, ω > 15, tc far away, …), which a bounded search does not look for by design.",
    "",
    "| indicator aggregate (pos_conf) | mean | max | non-zero ends | max neg_conf |",
    "|---|---|---|---|---|",
    ...refAgg.map((r, i) => `| lppls seed ${i} | ${r.mean.toFixed(4)} | ${r.max.toFixed(3)} | ${r.nz} | 0 |`),
    `| ours, lppls-compatible fitter (seed 0) | ${ca.mean.toFixed(4)} | ${ca.max.toFixed(3)} | ${ca.nz} | ${ca.neg.toFixed(3)} |`,
    `| ours, default fitter | ${fast.mean.toFixed(4)} | ${fast.max.toFixed(3)} | ${fast.nz} | ${fast.neg.toFixed(3)} |`,
    "",
  );
  return { title: "LPPLS", markdown: md.join("\n") };
}
