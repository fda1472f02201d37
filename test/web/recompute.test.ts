/**
 * The browser-side engines of the dashboard, run in Node: the evidence model rebuilt from the evidence bundle
 * equals the server's report model (so the as-of replay and the assumptions start from the report's numbers),
 * each assumption moves exactly the indicators it should, the as-of date replays what was known, the dashboard's
 * PSY run equals the CLI's `analysePsy`, and the pure helpers (CSV export, URL state, dropped-CSV parsing).
 */
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { REPORT_SERIES } from "../../src/analysis/series.ts";
import { loadEvidence } from "../../src/cli/evidence.ts";
import { RandomStream } from "../../src/core/rng.ts";
import { analysePsy } from "../../src/node/psy-analysis.ts";
import { buildReport } from "../../src/report/build.ts";
import { loadReportInputs } from "../../src/report/prices.ts";
import { toCsv } from "../../src/web/client/export.ts";
import { runLppls } from "../../src/web/client/lppls-run.ts";
import { runPsy } from "../../src/web/client/psy-run.ts";
import { assumptionBaseline, parseBundle, pricesAsOf, recomputeModel } from "../../src/web/client/recompute.ts";
import { parseDropped, psySettings } from "../../src/web/client/series-input.ts";
import { type Assumptions, NO_ASSUMPTIONS } from "../../src/web/client/types.ts";
import { formatHash, parseHash } from "../../src/web/client/url-state.ts";
import { evidenceBundle } from "../../src/web/server/sources.ts";

const DRAWS = 300;
const SEED = 123;
// The report's inputs as the dashboard server reads them (an empty store: the bundled snapshot is used).
const inputs = await loadReportInputs({ storeDir: join(tmpdir(), "bubblescope-no-store") });
const ev = loadEvidence();
const bundle = parseBundle(evidenceBundle(inputs, { seed: SEED, draws: DRAWS }));
const ind = (m: ReturnType<typeof recomputeModel>, id: string) => {
  const r =
    m.indicators.find((i) => i.id === id) ?? m.frameworks.flatMap((f) => f.components ?? []).find((c) => c.id === id);
  assert.ok(r, `indicator ${id} exists`);
  return r;
};
const base = recomputeModel(bundle, null, NO_ASSUMPTIONS);
const withA = (a: Partial<Assumptions>) => recomputeModel(bundle, null, { ...NO_ASSUMPTIONS, ...a });

describe("evidence model in the browser", () => {
  for (const asOf of [null, "2000-06-30", "2024-06-30"]) {
    test(`the report's model and the dashboard's model are equal on the same inputs (as of ${asOf ?? "now"})`, async () => {
      assert.equal(bundle.prices.length, REPORT_SERIES.length, "the bundled snapshot gives every report series");
      const report = await buildReport({
        figures: ev.figures,
        deals: ev.deals,
        ledgerFile: "data/evidence.csv",
        inputs,
        ...(asOf ? { asOf } : {}),
        seed: SEED,
        nrep: 9,
        draws: DRAWS,
      });
      const dashboard = asOf === null ? base : recomputeModel(bundle, asOf, NO_ASSUMPTIONS);
      const strip = (x: unknown) => JSON.parse(JSON.stringify(x));
      for (const k of ["claims", "frameworks", "sensitivity", "deals", "ledger"] as const)
        assert.deepEqual(strip(dashboard[k]), strip(report[k]), `${k} differs from the report`);
      // Market-wide valuation (CAPE, equities/GDP) is in both, computed from the macro tables known by then.
      assert.ok(
        dashboard.indicators.some((i) => i.id === "cape-2000" && i.computed),
        "CAPE 2000 in the browser model",
      );
      assert.equal(
        dashboard.indicators.find((i) => i.id === "buffett-ai")?.computed,
        asOf !== "2000-06-30",
        "no AI-era equities/GDP before the AI era",
      );
      // The price frameworks ran on both sides (not equal because both are empty).
      const gmo = report.frameworks.filter((f) => f.id.startsWith("gmo") && f.computed);
      assert.ok(gmo.length > 0, "GMO 2σ computed from the snapshot's prices");
    });
  }

  test("utilisation assumption sets E011 and flips the AI utilisation verdict", () => {
    assert.equal(ind(base, "utilisation-ai").value, 80);
    assert.equal(ind(base, "utilisation-ai").verdict, "healthy");
    const m = withA({ utilisation: 30 });
    assert.equal(ind(m, "utilisation-ai").value, 30);
    assert.equal(ind(m, "utilisation-ai").verdict, "bubble-like");
    assert.deepEqual(ind(m, "utilisation-2000"), ind(base, "utilisation-2000"), "the 2000 era is untouched");
  });

  test("revenue growth of 100% gives a doubling time of exactly the interval", () => {
    const m = withA({ revenueGrowth: 100 });
    const r = ind(m, "revenue-doubling-ai");
    assert.ok(Math.abs(r.value! - 12) < 1e-9, `${r.value}`);
    assert.equal(ind(m, "gauge-revenue-momentum").value, r.value);
    assert.notEqual(ind(m, "sequoia-coverage-ai").value, ind(base, "sequoia-coverage-ai").value);
  });

  test("$/GW scales the funding coverage inversely; the GPU share (depreciation) is unchanged", () => {
    const b = assumptionBaseline(bundle.figures);
    assert.equal(b.usdPerGw, 50);
    const m = withA({ usdPerGw: 100 });
    assert.ok(Math.abs(ind(m, "funding-gw-ai").value! - ind(base, "funding-gw-ai").value! / 2) < 1e-9, "GW halves");
    assert.ok(
      Math.abs(ind(m, "depreciation-ai").value! - ind(base, "depreciation-ai").value!) < 1e-9,
      "depreciation unchanged",
    );
  });

  test("GPU life: booked life gives no overstatement (healthy); shorter lives overstate more", () => {
    const same = withA({ gpuLife: 2.5 });
    assert.deepEqual(same, base, "the default life is the baseline");
    const none = withA({ gpuLife: 5.5 });
    assert.equal(ind(none, "depreciation-ai").value, 0);
    assert.equal(none.frameworks.find((f) => f.id === "depreciation")?.verdict, "healthy");
    const short = withA({ gpuLife: 1.5 });
    assert.ok(ind(short, "depreciation-ai").value! > ind(base, "depreciation-ai").value!, "shorter life, larger gap");
    assert.ok(
      short.sensitivity.some((s) => s.subject === "depreciation-ai"),
      "sensitivity recomputed",
    );
    assert.throws(() => withA({ gpuLife: 7 }), /GPU useful life must be in/);
  });

  test("margin assumption moves the AI gross-profit ratio in proportion", () => {
    const m = withA({ margin: 92 });
    const ratio = ind(m, "gross-profit-ratio-ai").value! / ind(base, "gross-profit-ratio-ai").value!;
    assert.ok(Math.abs(ratio - 2) < 1e-12, `ratio ${ratio}`);
  });

  test("as of mid-2000 only 2000-era evidence and deals are known", () => {
    const m = recomputeModel(bundle, "2000-06", NO_ASSUMPTIONS);
    assert.equal(m.claims.length, base.claims.length);
    assert.ok(m.deals.edges.length < base.deals.edges.length, "fewer deals");
    assert.ok(
      m.deals.edges.every((e) => e.era === "2000"),
      "only 2000-era deals",
    );
    assert.deepEqual(
      m.indicators.filter((i) => i.era === "ai" && i.computed).map((i) => i.id),
      [],
      "no AI-era indicator is computable in 2000",
    );
    const late = m.indicators
      .filter((i) => i.computed)
      .flatMap((i) => i.inputs.map((x) => bundle.figures.find((f) => f.id === x.id)))
      .filter((f) => f !== undefined && f.knownFrom > "2000-06-30")
      .map((f) => f!.id);
    assert.deepEqual(late, [], "every input of a computed indicator was published by the date");
    const p = pricesAsOf(bundle.prices, "2000-06-30");
    if (bundle.prices.length > 0) {
      // The model gets the frameworks' series (the Nasdaq's whole history, the bellwethers), as the report does.
      assert.ok(p.NASDAQ && !p.NVDA, "the AI-era bellwether starts after the date");
      assert.ok(p.NASDAQ.dates.at(-1)! <= "2000-06-30", "prices clipped at the date");
    }
  });
});

describe("PSY in the browser", () => {
  test("runPsy equals the CLI's analysePsy (Monte Carlo critical values, same seed)", async () => {
    // An explosive stretch inside a random walk.
    const rng = new RandomStream(7, 0);
    const y: number[] = [];
    let v = 10;
    for (let t = 0; t < 160; t++) {
      v = t >= 100 && t < 125 ? v * 1.04 + 0.1 * rng.normal() : v + 0.3 * rng.normal();
      y.push(v);
    }
    const dates = y.map((_, i) => new Date(Date.UTC(2000, 0, 7 + 7 * i)).toISOString().slice(0, 10));
    const progress: number[] = [];
    const mine = runPsy("x", y, dates, { nrep: 49, seed: 5, lag: 1, minDuration: 2 }, (d) => progress.push(d));
    const { json } = await analysePsy([{ name: "x", values: y }], dates, {
      nrep: 49,
      seed: 5,
      test: { lag: 1 },
      minDuration: 2,
      cache: false,
    });
    const s = json.series[0];
    assert.deepEqual(mine.bsadf, s.bsadf);
    assert.deepEqual(mine.cvSeq, s.cv.bsadf);
    assert.deepEqual(mine.cv.gsadf, s.cv.gsadf);
    assert.deepEqual(mine.episodes, s.episodes);
    assert.deepEqual(mine.index, json.index);
    assert.equal(mine.rejected, s.rejected);
    assert.equal(mine.rejected, true, "the explosive stretch is detected");
    assert.ok(mine.episodes.length >= 1, "at least one episode");
    assert.equal(progress.at(-1), 49, "progress reaches nrep");
  });

  test("runPsy rejects bad input with one line", () => {
    assert.throws(() => runPsy("c", Array(50).fill(3), null), /constant/);
    assert.throws(() => runPsy("n", [1, 2, Number.NaN, 4], null), /not a finite number/);
    assert.throws(() => runPsy("l", [1, -2, 3], null, { log: true }), /log needs positive values/);
  });
});

describe("LPPLS in the browser", () => {
  // y = A + B (tc − t)^m + C (tc − t)^m cos(ω ln(tc − t)) + noise, daily, tc 60 days after the last observation.
  const rng = new RandomStream(3, 0);
  const values: number[] = [];
  const dates: string[] = [];
  for (let t = 1; t <= 500; t++) {
    const dt = 560 - t;
    values.push(Math.exp(6 - 0.05 * dt ** 0.5 + 0.004 * dt ** 0.5 * Math.cos(7 * Math.log(dt)) + 0.002 * rng.normal()));
    dates.push(new Date(Date.UTC(2020, 0, t)).toISOString().slice(0, 10));
  }

  test("runLppls recovers a known critical time, exponent and frequency", () => {
    const r = runLppls("syn", values, dates, { window: 500 });
    assert.deepEqual(r.window, { start: "2020-01-01", end: "2021-05-14", n: 500 });
    assert.ok(r.fit.ok, "the fit succeeded");
    assert.ok(Math.abs(r.fit.tcAfterLast - 60) <= 3, `tc ${r.fit.tcAfterLast} days after`);
    assert.ok(Math.abs(r.fit.m - 0.5) < 0.05, `m ${r.fit.m}`);
    assert.ok(Math.abs(r.fit.omega - 7) < 0.3, `omega ${r.fit.omega}`);
    assert.equal(r.fit.sign, "positive");
    assert.equal(r.fit.tcLabel, "2021-07-13");
    assert.equal(r.distribution.quantiles.length, 5);
    assert.equal(r.chart.fitT.length, 201);
    const undated = runLppls("syn", values, null, { window: 300 });
    assert.deepEqual(undated.window, { start: 201, end: 500, n: 300 });
    assert.ok(undated.fit.ok, "the undated fit succeeded");
    assert.ok(Math.abs(undated.fit.tc - 560) <= 3, `undated tc ${undated.fit.tc}`);
  });

  test("runLppls rejects non-positive prices and short series with one line", () => {
    assert.throws(
      () => runLppls("x", [1, 2, -3, ...values.slice(0, 40)], null, { window: 43 }),
      /not a positive number/,
    );
    assert.throws(() => runLppls("x", values.slice(0, 20), null), /at least 30 observations/);
    assert.throws(() => runLppls("x", values, null, { window: 10 }), /window must be an integer >= 30/);
  });
});

describe("pure helpers", () => {
  test("toCsv quotes per RFC 4180 and defuses spreadsheet formulas", () => {
    assert.equal(toCsv(["a", "b"], [["x,y", 'say "hi"']]), 'a,b\r\n"x,y","say ""hi"""\r\n');
    assert.equal(
      toCsv(["f"], [["=HYPERLINK(1)"], [-3], [null], [Number.NaN]]),
      "f\r\n'=HYPERLINK(1)\r\n-3\r\n\r\n\r\n",
    );
  });

  test("URL state round-trips and falls back to the verdict view", () => {
    const s = { view: "claims" as const, params: { status: "supported,qualified", asOf: "2000-03" } };
    assert.deepEqual(parseHash(formatHash(s)), s);
    assert.equal(formatHash(s), "#/claims?asOf=2000-03&status=supported%2Cqualified");
    assert.deepEqual(parseHash("#/nonsense?x=1"), { view: "verdict", params: { x: "1" } });
    assert.deepEqual(parseHash(""), { view: "verdict", params: {} });
  });

  test("PSY settings from the URL are clamped to valid values", () => {
    const s = psySettings({ lag: "2", nrep: "99999", level: "97", rule: "psy2015", mind: "psy", log: "1" });
    assert.deepEqual(
      { lag: s.lag, nrep: s.nrep, level: s.level, rule: s.bsadfRule, mind: s.minDuration, log: s.log },
      { lag: 2, nrep: 199, level: 95, rule: "psy2015", mind: "psy", log: true },
    );
  });

  test("a dropped CSV picks the close column, drops missing rows and offers the other columns", () => {
    const text = "Date,Open,Close,Volume\n2020-01-02,1,2,100\n2020-01-03,1,null,100\n2020-01-06,2,3,90\n";
    const d = parseDropped(text, "x.csv", undefined);
    assert.deepEqual(d.values, [2, 3]);
    assert.deepEqual(d.dates, ["2020-01-02", "2020-01-06"]);
    assert.deepEqual(d.columns, ["Open", "Close", "Volume"]);
    assert.match(d.note, /1 with missing cells dropped/);
    assert.deepEqual(
      parseDropped(text, "x.csv", "Volume").values,
      [100, 100, 90],
      "only the chosen column counts as missing",
    );
    assert.throws(() => parseDropped("a,b\nx,y\n", "bad.csv", undefined), /no numeric column/);
  });
});
