/** `bubblescope psy` end to end: outputs (table, --json, --svg), flags and one-line errors with exit codes. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { RandomStream } from "../../src/core/rng.ts";
import { runCli } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "bubblescope-psy-cli-"));
const env = { BUBBLESCOPE_CACHE: join(dir, "cache") };
after(() => rmSync(dir, { recursive: true, force: true }));

function bubbleCsv(n: number): string {
  const r = new RandomStream(21);
  const rows = ["date,price,other"];
  let y = 100;
  let o = 50;
  const start = Date.UTC(2020, 0, 1);
  for (let t = 0; t < n; t++) {
    y = t > 0.55 * n && t < 0.75 * n ? y * 1.05 + r.normal() : t === Math.floor(0.75 * n) ? 100 : y + r.normal();
    o += r.normal();
    rows.push(`${new Date(start + t * 86400000).toISOString().slice(0, 10)},${y.toFixed(6)},${(o + 100).toFixed(6)}`);
  }
  return `${rows.join("\n")}\n`;
}

const csv = join(dir, "bubble.csv");
writeFileSync(csv, bubbleCsv(140));

describe("bubblescope psy", () => {
  test("human output: statistics with critical values and a dated episode table", () => {
    const r = runCli(["psy", csv, "--column", "price", "--nrep", "200"], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /GSADF/);
    assert.match(r.stdout, /reject H0\?/);
    assert.match(r.stdout, /Episodes \(BSADF > 95% cv\): [1-9]/);
    assert.match(r.stdout, /2020-0[3-5]-\d\d/);
  });
  test("--json keeps the documented names per series, with dates", () => {
    const r = runCli(["psy", csv, "--column", "price", "--column", "other", "--nrep", "200", "--json"], env);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.series.length, 2);
    const s = j.series[0];
    for (const k of ["adf", "sadf", "gsadf"]) assert.equal(typeof s[k], "number", k);
    assert.equal(s.badf.length, j.index.length);
    assert.equal(s.bsadf.length, j.index.length);
    assert.equal(j.index[0], "2020-01-23"); // minWindow = ⌊(0.01 + 1.8/√140)·140⌋ = 22: first statistic at observation 23
    assert.equal(s.minWindow, 22);
    assert.equal(s.lag, 0);
    assert.equal(s.cv.gsadf.length, 3);
    assert.equal(s.cv.bsadf.length, j.index.length);
    assert.ok(s.episodes.length >= 1);
    for (const k of ["start", "peak", "end", "duration", "ongoing"]) assert.ok(k in s.episodes[0], k);
    assert.match(s.episodes[0].start, /^\d{4}-\d\d-\d\d$/);
    assert.ok(j.panel && typeof j.panel.gsadf === "number");
  });
  test("flags: --log, --lag, --ic with --max-lag, --min-window, --level, --cv wb-harvey, --seed reproducible", () => {
    const args =
      "--column price --log --ic bic --max-lag 2 --min-window 20 --level 99 --cv wb-harvey --nrep 99 --seed 3 --json".split(
        " ",
      );
    const a = runCli(["psy", csv, ...args], env);
    assert.equal(a.code, 0, a.stderr);
    const j = JSON.parse(a.stdout);
    assert.equal(j.minWindow, 20);
    assert.equal(j.ic, "bic");
    assert.equal(j.level, 99);
    assert.equal(j.criticalValues.method, "wb-hlst");
    assert.equal(j.series[0].name, "log(price)");
    const b = runCli(["psy", csv, ...args, "--no-cache"], env);
    assert.equal(b.stdout, a.stdout, "same seed, same result, cached or not");
  });
  test("--from/--to take whole periods: --to 2020-04 keeps April; bad dates are usage errors", () => {
    const r = runCli(
      ["psy", csv, "--column", "price", "--from", "2020-01", "--to", "2020-04", "--nrep", "50", "--json"],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.n, 121, "2020-01-01 … 2020-04-30");
    assert.equal(j.index[j.index.length - 1], "2020-04-30");
    const bad = runCli(["psy", csv, "--column", "price", "--from", "06/01/2020"], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--from must be a date YYYY, YYYY-MM or YYYY-MM-DD, got "06\/01\/2020"/);
  });
  test("--svg writes the BSADF chart with its critical value and shaded episodes", () => {
    const svg = join(dir, "out.svg");
    const r = runCli(["psy", csv, "--column", "price", "--nrep", "100", "--svg", svg], env);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(svg, "utf8");
    assert.match(text, /^<svg/);
    assert.match(text, /BSADF/);
    assert.match(text, /95% critical value/);
  });
  test("bad input: one line on stderr naming the problem, non-zero exit", () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "date,price\n2020-01-01,1\n2020-01-02,abc\n");
    const unsorted = join(dir, "unsorted.csv");
    writeFileSync(unsorted, "date,price\n2020-01-02,1\n2020-01-01,2\n");
    const short = join(dir, "short.csv");
    writeFileSync(short, "date,price\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n");
    const constant = join(dir, "constant.csv");
    writeFileSync(
      constant,
      `date,price\n${Array.from({ length: 30 }, (_, i) => `2020-02-${String(i + 1).padStart(2, "0")},5`)
        .filter((l) => !l.startsWith("2020-02-30"))
        .join("\n")}\n`,
    );
    const dup = join(dir, "dup.csv");
    writeFileSync(dup, "date,price\n2020-01-01,1\n2020-01-02,2\n2020-01-02,3\n");
    const nan = join(dir, "nan.csv");
    writeFileSync(nan, "date,price\n2020-01-01,1\n2020-01-02,NaN\n2020-01-03,3\n");
    const cases: [string[], RegExp, number][] = [
      [["psy", constant], /series "price" is constant \(5\): the ADF regression is undefined/, 1],
      [["psy", dup], /duplicate date 2020-01-02 at rows 3 and 4/, 1],
      [["psy", nan], /row 3, column "price": missing value "NaN" \(use --drop-missing/, 1],
      [
        ["psy", csv, "--column", "price", "--lag", "3", "--min-window", "5"],
        /minWindow 5 rows is too small for lag 3/,
        1,
      ],
      [["psy", join(dir, "missing.csv")], /cannot read .*missing\.csv: no such file/, 1],
      [["psy", bad], /row 3, column "price": "abc" is not a number/, 1],
      [["psy", unsorted], /dates not sorted: 2020-01-02 \(row 2\) before 2020-01-01 \(row 3\)/, 1],
      [["psy", short], /at least 4 observations, got 3/, 1],
      [["psy", csv], /several numeric columns \(price, other\); choose with --column NAME/, 1],
      [["psy", csv, "--column", "price", "--level", "97"], /--level must be one of 90, 95, 99; got "97"/, 2],
      [["psy", csv, "--column", "price", "--bogus"], /unknown option '--bogus'/, 2],
      [["psy", csv, "--column", "price", "--min-window", "2"], /minWindow 2 rows is too small/, 1],
      [["psy", csv, "--column", "nope"], /no value column "nope"/, 1],
    ];
    for (const [args, re, code] of cases) {
      const r = runCli(args, env);
      assert.equal(r.code, code, `${args.join(" ")}: exit ${r.code}, stderr ${r.stderr}`);
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split("\n").length, 1, `one line: ${r.stderr}`);
      assert.match(r.stderr, /^bubblescope: /);
    }
  });
});
