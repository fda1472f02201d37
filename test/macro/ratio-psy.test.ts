/**
 * PSY on the S&P 500 P/D and P/E ratios from data/macro (Shiller's updated data): the PSY (2015) §5 anchor on
 * 1871–2010 (n = 1680; the paper's rule dates the 1928–29 and late-1990s booms) holds on the updated data, and the
 * same settings through 2026 date the 1997–2001 P/D episode; plus the psy-adjusted CLI's errors and --macro run.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { datestamp, mcCriticalValues, psyDs, radf } from "../../src/detect/psy/index.ts";
import { parseDateTable } from "../../src/macro/index.ts";
import { REPO, runCli } from "../helpers/cli.ts";

const sh = parseDateTable(readFileSync(join(REPO, "data", "macro", "shiller_monthly.csv"), "utf8"));

function pd(to: string) {
  const idx = sh.dates.map((_, i) => i).filter((i) => sh.dates[i] <= to && sh.columns.dividend[i] > 0);
  return { dates: idx.map((i) => sh.dates[i]), values: idx.map((i) => sh.columns.price[i] / sh.columns.dividend[i]) };
}
const covers = (eps: string[][], from: string, to: string) => eps.some(([s, e]) => s <= to && e >= from);

describe("S&P 500 P/D on the updated Shiller data", () => {
  test("1871–2010 (n = 1680): PSY 2015's episodes with the paper's rule; 1997–2001 with exuber's", () => {
    const x = pd("2010-12-31");
    assert.equal(x.values.length, 1680);
    const r = radf(x.values);
    const stamp = (rule: "psy2015" | "exuber") =>
      datestamp(r, mcCriticalValues(1680, { nrep: 200, seed: 2015, bsadfRule: rule }), {
        minDuration: psyDs(1680),
        dates: x.dates,
      }).flatMap((d) => d.episodes.map((e) => [String(e.start), String(e.end)]));
    const paper = stamp("psy2015");
    assert.ok(covers(paper, "1928-06-01", "1929-09-01"), JSON.stringify(paper));
    assert.ok(covers(paper, "1997-01-01", "2000-12-01"), JSON.stringify(paper));
    assert.ok(covers(stamp("exuber"), "1997-01-01", "2000-12-01"));
  });
  test("through 2026-03 with the same settings: GSADF rejects and the late-1990s episode is dated", () => {
    const x = pd("2026-12-31");
    assert.equal(x.dates[x.dates.length - 1], "2026-03-01");
    const r = radf(x.values);
    const cv = mcCriticalValues(x.values.length, { nrep: 200, seed: 2015 });
    const d = datestamp(r, cv, { minDuration: psyDs(x.values.length), dates: x.dates })[0];
    assert.ok(d.rejected);
    const eps = d.episodes.map((e) => [String(e.start), String(e.end)]);
    assert.ok(covers(eps, "1997-01-01", "2000-12-01"), JSON.stringify(eps));
  });
});

describe("bubblescope psy-adjusted", () => {
  test("bad flags exit 2 with one line; a missing file exits 1", () => {
    const a = runCli([
      "psy-adjusted",
      "x.csv",
      "--column",
      "c",
      "--adjust",
      "y.csv",
      "--adjust-column",
      "z",
      "--estimator",
      "gls",
    ]);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /^bubblescope: --estimator must be dols or ols/);
    const b = runCli(["psy-adjusted", "missing.csv", "--column", "c", "--adjust", "y.csv", "--adjust-column", "z"]);
    assert.equal(b.code, 1);
    assert.match(b.stderr, /cannot read missing.csv/);
  });
  test("a file joined with itself: log NASDAQ on log industrial production, JSON", () => {
    const f = join(REPO, "data", "macro", "nasdaq_macro_monthly.csv");
    const r = runCli([
      "psy-adjusted",
      f,
      "--column",
      "nasdaq_close",
      "--log",
      "--adjust",
      f,
      "--adjust-column",
      "indpro",
      "--log-adjust",
      "--nboot",
      "19",
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.estimator, "dols");
    assert.equal(j.bootstrap.nboot, 19);
    assert.equal(j.regression.coefficients.length, 2);
    assert.ok(Number.isFinite(j.gsadf) && j.gsadfCv.length === 3);
  });
});
