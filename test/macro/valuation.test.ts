/**
 * CAPE and the Buffett indicator recomputed from their inputs (data/macro) against the published series, the
 * as-of percentiles, the frequency helpers, the compact tables against the shared files they were built from, and
 * that src/macro never imports node:*.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import {
  buffettRatio,
  capeSeries,
  fillInteriorGaps,
  levelFromGrowth,
  parseDateTable,
  percentileRank,
  toMonthly,
  valuationSummary,
} from "../../src/macro/index.ts";
import { REPO } from "../helpers/cli.ts";
import { sharedPath, skipWithoutShared } from "../helpers/shared.ts";

const near = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
const table = (f: string) => parseDateTable(readFileSync(join(REPO, "data", "macro", f), "utf8"), f);

describe("CAPE and equities/GDP from their inputs", () => {
  const v = valuationSummary(table("shiller_monthly.csv"), table("buffett_quarterly.csv"));
  test("CAPE matches Shiller's published column within 1e-4 relative on every month (measured < 1e-5)", () => {
    assert.ok(v.cape.check.compared > 1700, `compared ${v.cape.check.compared}`);
    assert.ok(
      v.cape.check.maxRelDeviation < 1e-4,
      `max rel deviation ${v.cape.check.maxRelDeviation} at ${v.cape.check.at}`,
    );
  });
  test("CAPE peaks at 44.2 in Dec 1999 (Shiller); the 2000 mark is the all-time high", () => {
    const peak = v.cape.marks.find((m) => m.key === "peak-2000")!;
    assert.equal(peak.date, "1999-12-01");
    assert.ok(Math.abs(peak.value - 44.2) < 0.01, String(peak.value));
    assert.equal(peak.percentile, 100);
    assert.equal(v.cape.marks.find((m) => m.key === "peak-all")!.date, "1999-12-01");
  });
  test("equities/GDP matches the published ratio within 1e-4 pp (measured < 5e-5) and is higher now than in 2000", () => {
    assert.equal(v.buffett.check.compared, 302);
    assert.ok(v.buffett.check.maxAbsDeviation < 1e-4, String(v.buffett.check.maxAbsDeviation));
    const p2000 = v.buffett.marks.find((m) => m.key === "peak-2000")!;
    const talk = v.buffett.marks.find((m) => m.key === "talk")!;
    assert.ok(Math.abs(p2000.value - 162.61) < 0.01, String(p2000.value));
    assert.equal(talk.date, "2025-10-01");
    assert.ok(Math.abs(talk.value - 228.7) < 0.01, String(talk.value));
    assert.ok(talk.value > p2000.value);
  });
  test("percentiles are as of each mark's date (no look-ahead)", () => {
    const talk = v.cape.marks.find((m) => m.key === "talk")!;
    const hist = v.cape.values.filter((x, i) => Number.isFinite(x) && v.cape.dates[i] <= talk.date);
    assert.equal(talk.observations, hist.length);
    assert.equal(talk.percentile, percentileRank(hist, talk.value));
    assert.ok(talk.percentile > 95 && talk.percentile < 100, String(talk.percentile));
  });
});

describe("valuation helpers: edge cases", () => {
  test("capeSeries: NaN until 120 months of earnings precede t; the reference CPI cancels", () => {
    const n = 130;
    const x = { price: Array(n).fill(20), earnings: Array(n).fill(1), cpi: Array(n).fill(100) };
    const c = capeSeries(x);
    assert.ok(Number.isNaN(c[119]));
    near(c[120], 20);
    const scaled = capeSeries({ ...x, cpi: x.cpi.map((v) => v * 3) });
    near(scaled[125], c[125]);
    const gap = capeSeries({ ...x, earnings: x.earnings.map((e, i) => (i === 5 ? Number.NaN : e)) });
    assert.ok(Number.isNaN(gap[125]));
    near(gap[126], 20);
    assert.throws(() => capeSeries({ ...x, cpi: [1] }), /same length/);
  });
  test("buffettRatio: units (millions / billions) and missing inputs", () => {
    assert.ok(Math.abs(buffettRatio([71_863_086], [31_422.526])[0] - 228.7) < 0.01);
    assert.ok(Number.isNaN(buffettRatio([1], [Number.NaN])[0]));
    assert.ok(Number.isNaN(buffettRatio([1], [0])[0]));
    assert.throws(() => buffettRatio([1, 2], [1]), /same length/);
  });
  test("percentileRank: weak rank, NaN ignored, empty history rejected", () => {
    assert.equal(percentileRank([1, 2, 3, 4], 3), 75);
    assert.equal(percentileRank([1, Number.NaN, 3], 3), 100);
    assert.throws(() => percentileRank([Number.NaN], 1), /no finite/);
    assert.throws(() => percentileRank([1], Number.NaN), /finite/);
  });
  test("toMonthly: mid-quarter placement, log-linear between, held inside the end periods, NaN outside", () => {
    const months = [
      "1999-12-01",
      "2000-01-01",
      "2000-02-01",
      "2000-03-01",
      "2000-04-01",
      "2000-05-01",
      "2000-06-01",
      "2000-07-01",
    ];
    const m = toMonthly(["2000-01-01", "2000-04-01"], [100, 200], "Q", months);
    assert.ok(Number.isNaN(m[0]) && Number.isNaN(m[7]));
    near(m[1], 100);
    near(m[2], 100);
    assert.ok(Math.abs(m[3] - 100 * 2 ** (1 / 3)) < 1e-9);
    near(m[5], 200);
    near(m[6], 200);
    assert.throws(() => toMonthly(["2000-01-01"], [-1], "Q", months), /positive/);
  });
  test("levelFromGrowth and fillInteriorGaps", () => {
    const l = levelFromGrowth([400 * Math.log(1.01), 400 * Math.log(1.01)]);
    assert.ok(Math.abs(l[1] - 102.01) < 1e-9);
    const f = fillInteriorGaps(["a", "b", "c", "d"], [100, Number.NaN, 400, Number.NaN]);
    assert.deepEqual(f.filled, ["b"]);
    assert.ok(Math.abs(f.values[1] - 200) < 1e-9 && Number.isNaN(f.values[3]));
  });
  test("parseDateTable rejects bad input with the row", () => {
    assert.throws(() => parseDateTable("date,a\n2000-01-01,x\n"), /row 2.*not a number/);
    assert.throws(() => parseDateTable("date,a\n2000-02-01,1\n2000-01-01,1\n"), /increase/);
    assert.throws(() => parseDateTable("d,a\n2000-01-01,1\n"), /"date"/);
  });
});

describe("data/macro against the shared files", { skip: skipWithoutShared("data", "macro", "PROVENANCE.md") }, () => {
  test("every cell of the compact tables equals the shared file's value; PROVENANCE.md lists current checksums", () => {
    const prov = readFileSync(join(REPO, "data", "macro", "PROVENANCE.md"), "utf8");
    const pairs: [string, string, string][] = [
      ["shiller_monthly.csv", "earnings", "shiller_sp500_earnings_monthly.csv"],
      ["buffett_quarterly.csv", "ratio_published", "buffett_ratio_ncbeilq027s_to_gdp_quarterly.csv"],
      ["nasdaq_macro_monthly.csv", "cpi", "cpiaucsl_monthly.csv"],
      ["tech_quarterly.csv", "dtfp_util", "tfp_fernald_dtfp_util_quarterly.csv"],
    ];
    for (const [file, col, src] of pairs) {
      const t = table(file);
      const s = parseDateTable(readFileSync(sharedPath("data", "macro", src), "utf8"), src);
      const map = new Map(s.dates.map((d, i) => [d, s.columns.value[i]]));
      t.dates.forEach((d, i) => {
        const v = t.columns[col][i];
        if (map.has(d)) assert.equal(v, map.get(d), `${file} ${col} ${d}`);
        else assert.ok(Number.isNaN(v), `${file} ${col} ${d} has no source value`);
      });
    }
    for (const f of readdirSync(join(REPO, "data", "macro")).filter((x) => x.endsWith(".csv"))) {
      const h = createHash("sha256")
        .update(readFileSync(join(REPO, "data", "macro", f)))
        .digest("hex");
      assert.ok(prov.includes(h), `${f}: sha256 ${h} not in PROVENANCE.md (run npm run macro-data)`);
    }
  });
});

test("src/macro and src/detect/psy/adjusted.ts never import node:*", () => {
  const files = [
    ...readdirSync(join(REPO, "src", "macro")).map((f) => join(REPO, "src", "macro", f)),
    join(REPO, "src", "detect", "psy", "adjusted.ts"),
  ];
  for (const f of files) assert.doesNotMatch(readFileSync(f, "utf8"), /from "node:/, f);
});
