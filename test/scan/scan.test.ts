import assert from "node:assert/strict";
import { test } from "node:test";
import { mcCriticalValues } from "../../src/detect/psy/cv.ts";
import { psyMinw } from "../../src/detect/psy/minw.ts";
import { radf } from "../../src/detect/psy/radf.ts";
import { breadth, breadthAt } from "../../src/scan/breadth.ts";
import { diffScans } from "../../src/scan/changes.ts";
import { prepareSeries, weeklyLast } from "../../src/scan/prepare.ts";
import { rankResults } from "../../src/scan/rank.ts";
import { failedResult, type ScanSeriesResult, scanSeries } from "../../src/scan/scan-series.ts";
import { resolveScanSettings } from "../../src/scan/settings.ts";
import { dates, freshEnv, makeFolder, run, walk } from "./helpers.ts";

const settings = resolveScanSettings({ frequency: "as-is", window: 0, nrep: 99, minObservations: 52 });

test("scanSeries GSADF equals radf on the same log prices, and cv95 is the table's", () => {
  const d = dates(300);
  const v = walk(7, 300, true);
  const p = prepareSeries({ name: "x", dates: d, values: v }, settings);
  const cv = mcCriticalValues(300, { nrep: 99, seed: 123, minWindow: psyMinw(300) });
  const r = scanSeries(p, cv, settings);
  assert.equal(r.gsadf, radf(v.map(Math.log)).series[0].gsadf);
  assert.equal(r.cv95, cv.gsadf[1]);
  assert.equal(r.n, 300);
  assert.equal(r.rejected, (r.gsadf as number) >= cv.gsadf[1]);
  if (r.current.explosive) assert.equal(r.current.since, r.episodes[r.episodes.length - 1].start);
});

test("prepareSeries rejects NaN, unsorted dates and too-short series with the series name", () => {
  assert.throws(
    () => prepareSeries({ name: "n", dates: ["2020-01-01", "2020-01-02"], values: [1, Number.NaN] }, settings),
    /n: row 2.*not a finite/,
  );
  assert.throws(
    () => prepareSeries({ name: "u", dates: ["2020-01-02", "2020-01-01"], values: [1, 2] }, settings),
    /u: row 2: dates not strictly/,
  );
  assert.throws(
    () => prepareSeries({ name: "s", dates: dates(30), values: walk(1, 30) }, settings),
    /s: too short: 30 observations/,
  );
});

test("weeklyLast keeps the last trading day of each ISO week", () => {
  assert.deepEqual(weeklyLast(["2024-01-01", "2024-01-05", "2024-01-08"], [1, 2, 3]), {
    dates: ["2024-01-05", "2024-01-08"],
    values: [2, 3],
  });
});

const res = (
  name: string,
  episodes: ScanSeriesResult["episodes"],
  extra: Partial<ScanSeriesResult> = {},
): ScanSeriesResult => ({
  ...failedResult(name, ""),
  error: undefined,
  n: 10,
  from: "2020-01-01",
  to: "2020-01-10",
  bsadfFrom: "2020-01-03",
  gsadf: 1,
  cv95: 2,
  episodes,
  current: episodes.at(-1)?.ongoing
    ? { explosive: true, since: episodes.at(-1)!.start }
    : { explosive: false, since: null },
  ...extra,
});

test("breadth counts a series explosive on [start, end) and ongoing episodes through their last date", () => {
  const a = res("a", [
    { start: "2020-01-04", peak: "2020-01-05", end: "2020-01-06", duration: 2, ongoing: false, signal: "positive" },
  ]);
  const b = res("b", [
    { start: "2020-01-05", peak: "2020-01-10", end: "2020-01-10", duration: 6, ongoing: true, signal: "positive" },
  ]);
  const days = ["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04", "2020-01-05", "2020-01-06", "2020-01-10"];
  const br = breadth([a, b, failedResult("c", "bad")], () => days);
  assert.deepEqual(br.dates, ["2020-01-03", "2020-01-04", "2020-01-05", "2020-01-06", "2020-01-10"]);
  assert.deepEqual(br.explosive, [0, 1, 2, 1, 1]);
  assert.deepEqual(br.covered, [2, 2, 2, 2, 2]);
  assert.equal(breadthAt(br, "2020-01-07").date, "2020-01-06");
  assert.equal(breadthAt(br, "2020-01-07").peakShare, 1);
});

test("rankResults puts explosive-now first, failures last, ties by name", () => {
  const hot = res("z", [
    { start: "2020-01-05", peak: "2020-01-10", end: "2020-01-10", duration: 6, ongoing: true, signal: "positive" },
  ]);
  const big = res("m", [], { gsadf: 3, rejected: true });
  const small = res("b", [], { gsadf: 0.5 });
  const small2 = res("a", [], { gsadf: 0.5 });
  const bad = failedResult("0", "bad");
  assert.deepEqual(
    rankResults([bad, small, small2, big, hot]).map((r) => r.name),
    ["z", "m", "a", "b", "0"],
  );
});

test("diffScans reports new alarms, ended episodes and new LPPLS signals", () => {
  const ep = (start: string, ongoing: boolean) => ({
    start,
    peak: start,
    end: "2020-01-10",
    duration: 3,
    ongoing,
    signal: "positive" as const,
  });
  const prev = [
    res("a", [ep("2020-01-05", true)]),
    res("b", []),
    res("c", [], { lppls: { posConf: 0.1, negConf: 0 } }),
  ];
  const now = [
    res("a", [ep("2020-01-05", false)]),
    res("b", [ep("2020-01-08", true)]),
    res("c", [], { lppls: { posConf: 0.6, negConf: 0 } }),
  ];
  const ch = diffScans(prev, now, 0.5);
  assert.deepEqual(
    ch.map((c) => `${c.kind}:${c.series}`),
    ["ended:a", "new-alarm:b", "new-lppls:c"],
  );
  assert.deepEqual(diffScans(now, now, 0.5), []);
});

test("scan CLI: a malformed and a too-short file fail alone with their reasons; the rest are ranked with breadth", async () => {
  const dir = makeFolder(3);
  const env = freshEnv();
  const r = await run(["scan", dir, "--frequency", "as-is", "--nrep", "99", "--json", "--threads", "2"], env);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.series.length, 5);
  const byName = new Map(j.series.map((s: ScanSeriesResult) => [s.name, s]));
  assert.match((byName.get("bad") as ScanSeriesResult).error ?? "", /row 3.*"abc" is not a number/);
  assert.match((byName.get("short") as ScanSeriesResult).error ?? "", /too short: 30 observations/);
  for (const n of ["s0", "s1", "s2"]) assert.equal((byName.get(n) as ScanSeriesResult).error, undefined);
  assert.equal(j.series.at(-1).error !== undefined, true);
  assert.equal(j.breadth.dates.length, j.breadth.share.length);
  assert.equal(j.meta.counts.failed, 2);
  // One thread gives the same document.
  const r1 = await run(["scan", dir, "--frequency", "as-is", "--nrep", "99", "--json", "--threads", "1"], env);
  assert.equal(r1.stdout, r.stdout);
});

test("scan CLI: bad flags exit 2 with one line", async () => {
  const r = await run(["scan", "--watchlist", "ai", "--window", "x"], freshEnv());
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^bubblescope: --window must be an integer/);
  const r2 = await run(["scan"], freshEnv());
  assert.equal(r2.code, 2);
});

test("monitor: first run alarms on running episodes (exit 3), an unchanged rerun exits 0", async () => {
  const dir = makeFolder(2);
  const env = freshEnv();
  const args = ["monitor", dir, "--frequency", "as-is", "--nrep", "99", "--json"];
  const a = await run(args, env);
  assert.ok(a.code === 0 || a.code === 3, a.stderr);
  const ja = JSON.parse(a.stdout);
  const explosive = ja.scan.series.filter((s: ScanSeriesResult) => s.current.explosive).length;
  assert.equal(a.code, explosive > 0 ? 3 : 0);
  const b = await run(args, env);
  assert.equal(b.code, 0, b.stderr);
  const jb = JSON.parse(b.stdout);
  assert.equal(jb.previousRun !== null, true);
  assert.deepEqual(jb.changes, []);
});
