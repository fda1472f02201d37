/**
 * A failed LPPLS fit is a typed state, never numbers: `summariseFit` turns lppls's all-zero failure (tc = 0) and
 * non-finite parameters into `{ ok: false, reason }`; the report entry, its table row and its chart carry no tc.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { summariseFit } from "../../src/analysis/lppls.ts";
import { FILTER_PRESETS } from "../../src/detect/lppls/presets.ts";
import { failedFit } from "../../src/detect/lppls/result.ts";
import { lpplsFitChartOption } from "../../src/report/charts/lppls.ts";

describe("LPPLS fit failure", () => {
  const failed = failedFit(730000, 730500, 501, FILTER_PRESETS.lppls, 0);

  test("lppls's all-zero result (tc = 0) is { ok: false } with a reason and no parameters", () => {
    const s = summariseFit(failed, 730500, String);
    assert.deepEqual(s, { ok: false, reason: "every LPPLS search failed (no fit)", qualified: false });
    assert.ok(!("tc" in s) && !("tcAfterLast" in s));
  });

  test("non-finite parameters are a failure too", () => {
    const s = summariseFit({ ...failed, failed: false, tc: Number.NaN }, 730500, String);
    assert.equal(s.ok, false);
  });

  test("a sound fit keeps its numbers", () => {
    const fit = { ...failed, failed: false, tc: 730560, m: 0.5, omega: 7, B: -1 };
    const s = summariseFit(fit, 730500, (x) => `t${x}`);
    assert.ok(s.ok);
    assert.equal(s.tcAfterLast, 60);
    assert.equal(s.tcLabel, "t730560");
  });

  test("the chart of a failed fit draws no tc line and no curve", () => {
    const opt = lpplsFitChartOption({
      title: "x",
      t: [1, 2, 3],
      y: [1, 2, 3],
      fitT: [],
      fitY: [],
      tc: null,
      tcQuantiles: [],
      xLabel: String,
    }) as { series: { markLine?: { data: unknown[] }; data: unknown[] }[]; xAxis: { min: number; max: number } };
    assert.deepEqual(opt.series[0].markLine?.data, []);
    assert.deepEqual(opt.series[1].data, []);
    assert.equal(opt.xAxis.min, 1);
    assert.ok(opt.xAxis.max < 10, "the axis is not stretched to t = 0");
  });
});
