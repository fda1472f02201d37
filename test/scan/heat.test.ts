import assert from "node:assert/strict";
import { test } from "node:test";
import { mcCriticalValues } from "../../src/detect/psy/cv.ts";
import { psyMinw } from "../../src/detect/psy/minw.ts";
import { radf } from "../../src/detect/psy/radf.ts";
import { heatGrid } from "../../src/scan/heat-chart.ts";
import { prepareSeries } from "../../src/scan/prepare.ts";
import { failedResult, HEAT_BUCKETS, heatPath, roundRatio, scanSeries } from "../../src/scan/scan-series.ts";
import { resolveScanSettings } from "../../src/scan/settings.ts";
import { dates, walk } from "./helpers.ts";

// minDuration 0: every exceeding run is an episode, so "ratio > 1" and "in an episode" must coincide bucket by bucket.
const settings = resolveScanSettings({ frequency: "as-is", window: 0, nrep: 99, minObservations: 52, minDuration: 0 });

test("heat: BSADF / cv by the bucket maximum, ≤ 156 buckets, > 1 exactly where the episodes are, null before the first statistic", () => {
  const n = 1000;
  const d = dates(n);
  const v = walk(11, n, true);
  const cv = mcCriticalValues(n, { nrep: 99, seed: 123, minWindow: psyMinw(n) });
  const r = scanSeries(prepareSeries({ name: "x", dates: d, values: v }, settings), cv, settings);
  const heat = r.heat;
  assert.ok(heat);
  const size = Math.ceil(n / HEAT_BUCKETS);
  assert.equal(heat.ratio.length, Math.ceil(n / size));
  assert.ok(heat.ratio.length <= HEAT_BUCKETS);
  assert.equal(heat.dates.length, heat.ratio.length);
  assert.equal(heat.dates[heat.dates.length - 1], d[n - 1]);

  // Independent recomputation of every bucket's maximum from radf and the cv table.
  const rr = radf(v.map(Math.log), { minWindow: cv.minWindow });
  const stat = rr.series[0].bsadf;
  let sawNull = false;
  let sawExplosive = false;
  let compared = 0;
  let nulls = 0;
  for (let b = 0; b < heat.ratio.length; b++) {
    const lo = b * size;
    const hi = Math.min(n, lo + size);
    assert.equal(heat.dates[b], d[hi - 1]);
    const ratios: number[] = [];
    let cvNotPositive = 0;
    for (let i = Math.max(lo, rr.firstIndex); i < hi; i++) {
      const c = cv.bsadf[i - cv.firstIndex][1];
      if (c > 0) ratios.push(stat[i - rr.firstIndex] / c);
      else cvNotPositive++;
    }
    if (hi <= rr.firstIndex) {
      assert.equal(heat.ratio[b], null, `bucket ${b} lies before the first statistic`);
      sawNull = true;
      nulls++;
      continue;
    }
    const max = Math.max(...ratios);
    assert.equal(heat.ratio[b], roundRatio(max), `bucket ${b}`);
    assert.ok(Math.abs((heat.ratio[b] as number) - max) <= 1e-3 * Math.abs(max) + 1e-12);
    // > 1 exactly when the bucket overlaps an episode ([start, end) or through the last date when ongoing).
    const inEpisode = r.episodes.some((e) => {
      const s = d.indexOf(e.start);
      const end = e.ongoing ? n : d.indexOf(e.end);
      return s < hi && end > lo;
    });
    // (Where the cv is ≤ 0 the ratio is null by design, so only buckets without such observations are compared.)
    if (cvNotPositive === 0) {
      compared++;
      assert.equal((heat.ratio[b] as number) > 1, inEpisode, `bucket ${b}: ratio ${heat.ratio[b]}`);
    }
    if (inEpisode) sawExplosive = true;
  }
  assert.ok(compared >= heat.ratio.length - nulls - 2, `compared ${compared} buckets`);
  assert.ok(sawNull, "the first bucket precedes the first BSADF");
  assert.ok(sawExplosive && r.current.explosive, "the synthetic boom is explosive at the end");
  assert.ok((heat.ratio[heat.ratio.length - 1] as number) > 1);
});

test("heat: a short series keeps one bucket per observation; a failed series has none", () => {
  const n = 120;
  const d = dates(n);
  const cv = mcCriticalValues(n, { nrep: 99, seed: 5, minWindow: psyMinw(n) });
  const r = scanSeries(prepareSeries({ name: "y", dates: d, values: walk(3, n) }, settings), cv, settings);
  assert.deepEqual(r.heat?.dates, d);
  assert.equal(failedResult("z", "too short").heat, null);
  // The maximum, not the mean: one explosive observation among calm ones makes the bucket explosive.
  const flat = { ...cv, tb: 1, bsadf: [[1, 2, 3]] };
  const h = heatPath([0.1, 0.2, 4, 0.1], 0, flat, 95, ["a", "b", "c", "d"], 1);
  assert.deepEqual(h, { dates: ["d"], ratio: [2] });
});

test("roundRatio keeps 4 significant digits and never crosses 1", () => {
  assert.equal(roundRatio(1.23456), 1.235);
  assert.equal(roundRatio(0.000123456), 0.0001235);
  assert.equal(roundRatio(-2.34567), -2.346);
  assert.equal(roundRatio(1.00004), 1.001);
  assert.equal(roundRatio(0.99996), 0.9999);
  assert.equal(roundRatio(1), 1);
});

test("heatGrid: rows in the given order, common columns by the maximum, no false gaps between calendars", () => {
  const base = failedResult("a", "x");
  const row = (name: string, dates: string[], ratio: (number | null)[]) => ({
    ...base,
    name,
    error: undefined,
    heat: { dates, ratio },
  });
  const g = heatGrid(
    [
      row("A", ["d1", "d3", "d5"], [null, 0.5, 2]),
      { ...base, name: "FAILED" },
      row("B", ["d2", "d4", "d5"], [0.2, 1.5, 0.1]),
    ],
    3,
  );
  // Union d1…d5 merged to 3 columns ending d1, d3, d5 (counted back from the last date).
  assert.deepEqual(g.columns, ["d1", "d3", "d5"]);
  assert.deepEqual(g.rows, ["A", "B"]);
  assert.deepEqual(g.cells, [
    [1, 0, 0.5],
    [2, 0, 2],
    [1, 1, 0.2],
    [2, 1, 1.5],
  ]);
  // Without merging, B's column d3 lies inside its bucket ending d4 and takes its ratio; A's d2 and d4 likewise.
  const full = heatGrid([row("A", ["d1", "d3", "d5"], [null, 0.5, 2]), row("B", ["d2", "d4", "d5"], [0.2, 1.5, 0.1])]);
  assert.deepEqual(full.columns, ["d1", "d2", "d3", "d4", "d5"]);
  assert.deepEqual(
    full.cells.filter((c) => c[1] === 1),
    [
      [1, 1, 0.2],
      [2, 1, 1.5],
      [3, 1, 1.5],
      [4, 1, 0.1],
    ],
  );
  assert.deepEqual(
    full.cells.filter((c) => c[1] === 0).map((c) => c[0]),
    [2, 3, 4],
  );
});
