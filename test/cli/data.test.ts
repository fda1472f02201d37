/**
 * `bubblescope data …` end to end, in-process with output captured: import (with warnings), list, show, export
 * (csv, json, parquet), remove, import-dir, pull --offline, check, evidence, fundamentals; every failure is one
 * `bubblescope: <message>` line with exit code 1.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runDataCli } from "../data/helpers/data-cli.ts";
import { FIXTURES } from "../data/helpers/loopback.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-cli-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const store = join(tmp, "store");
const cli = (...argv: string[]) => runDataCli([...argv, "--store", store]);

test("data import prints a summary and the warnings; list and show describe the series", async () => {
  const r = await cli(
    "data",
    "import",
    join(FIXTURES, "csv", "unadjusted_split.csv"),
    "--id",
    "NVDA_RAW",
    "--ticker",
    "NVDA",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^imported NVDA_RAW: 7 rows 2024-06-04\.\.2024-06-11 \(daily, ohlcv, close <- Close\) into /);
  assert.match(r.stderr, /warning: NVDA_RAW: possible 10:1 split not adjusted in close on 2024-06-10/);
  assert.match(r.stderr, /warning: NVDA_RAW: 1 non-trading date/);
  const l = await cli("data", "list");
  assert.match(l.stdout, /│ NVDA_RAW │ NVDA {3}│ file {3}│ daily │ 7 {4}│ 2024-06-04 │ 2024-06-11 │/);
  const s = await cli("data", "show", "NVDA_RAW", "--rows", "1");
  assert.match(s.stdout, /rows 7, 2024-06-04\.\.2024-06-11, daily, close <- Close/);
  assert.match(s.stdout, /│ 2024-06-11 │ 121\.77 +│ 122\.87 +│ 118\.74 +│ 120\.91 +│ 120\.87 +│ +│/);
  assert.match(s.stdout, /warning: possible 10:1 split/);
  const j = JSON.parse((await cli("data", "list", "--json")).stdout);
  assert.equal(j.series[0].provenance.bytes, readFileSync(join(FIXTURES, "csv", "unadjusted_split.csv")).length);
});

test("a non-numeric cell: exit 1 and one line naming the row", async () => {
  const bad = join(tmp, "bad.csv");
  writeFileSync(bad, "Date,Close\n2024-01-02,10\n2024-01-03,10.5x\n");
  const r = await cli("data", "import", bad, "--id", "BAD");
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'bubblescope: bad.csv: row 3, column "Close": "10.5x" is not a number\n');
  assert.equal(r.stdout, "");
  const missing = await cli("data", "import", join(tmp, "nope.csv"), "--id", "X");
  assert.equal(missing.stderr, `bubblescope: cannot read ${join(tmp, "nope.csv")}: no such file\n`);
  const badId = await cli("data", "import", bad, "--id", "has space");
  assert.match(badId.stderr, /^bubblescope: invalid series id "has space"/);
  assert.equal((await cli("data", "import", bad)).code, 2, "missing --id is a usage error");
});

test("export csv round-trips through import; json and parquet are written; remove", async () => {
  const csv = await cli("data", "export", "NVDA_RAW");
  assert.equal(csv.code, 0);
  assert.match(
    csv.stdout,
    /^date,open,high,low,close,adj_close,volume\n2024-06-04,1145,1160,1132,1164\.37,116\.4,40332400\n/,
  );
  assert.match(csv.stdout, /\n2024-06-11,121\.77,122\.87,118\.74,120\.91,120\.87,\n$/);
  const file = join(tmp, "rt.csv");
  writeFileSync(file, csv.stdout);
  assert.equal((await cli("data", "import", file, "--id", "NVDA_RT")).code, 0);
  assert.equal((await cli("data", "export", "NVDA_RT")).stdout, csv.stdout);
  const jf = join(tmp, "n.json");
  assert.equal((await cli("data", "export", "NVDA_RAW", "--format", "json", "--out", jf)).code, 0);
  assert.equal(JSON.parse(readFileSync(jf, "utf8")).rows[6].volume, null);
  const pf = join(tmp, "n.parquet");
  const p = await cli("data", "export", "NVDA_RAW", "--format", "parquet", "--out", pf);
  assert.match(p.stdout, /^wrote .*n\.parquet \(\d+ bytes\)/);
  assert.equal(readFileSync(pf).subarray(0, 4).toString(), "PAR1");
  assert.match(
    (await cli("data", "export", "NVDA_RAW", "--format", "xml")).stderr,
    /^bubblescope: --format must be csv, json or parquet, got "xml"\n$/,
  );
  assert.equal((await cli("data", "remove", "NVDA_RT")).stdout, "removed NVDA_RT\n");
  assert.equal((await cli("data", "remove", "NVDA_RT")).stderr, 'bubblescope: no series "NVDA_RT" in the store\n');
  assert.match((await cli("data", "show", "NVDA_RT")).stderr, /^bubblescope: no series "NVDA_RT"/);
});

test("import-dir, check, evidence and fundamentals", async () => {
  const d = join(tmp, "dir");
  mkdirSync(d);
  writeFileSync(join(d, "gdp_quarterly_fred.csv"), readFileSync(join(FIXTURES, "fred", "fredgraph_GDP.csv")));
  writeFileSync(join(d, "sox_daily_stooq.csv"), readFileSync(join(FIXTURES, "stooq", "sox.csv")));
  const r = await cli("data", "import-dir", d);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /imported 2 file\(s\) into/);
  assert.match(r.stdout, /│ sox_daily_stooq +│ \^SOX +│ 5 +│/);
  const c = await cli("data", "check");
  assert.equal(c.code, 0);
  assert.match(c.stdout, /: consistent\n/);
  assert.match(c.stdout, /0 ok, 0 corrupt, 0 orphan, 0 temporary/);
  const e = await cli("data", "evidence");
  assert.equal(
    e.stdout,
    "id,era,topic,entity,metric,value,unit,as_of,low,high,claim_in_talk,source_title,source_url,note,published\n",
  );
  assert.match(
    (await cli("data", "fundamentals", "MSFT")).stderr,
    /^bubblescope: no fundamentals for MSFT in the store/,
  );
});

test("pull --offline with an empty cache fails clearly and writes nothing", async () => {
  const s2 = join(tmp, "store2");
  const r = await runDataCli(["data", "pull", "--offline", "--only", "GDP,NASDAQCOM", "--store", s2]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /0 ok \(0 downloaded, 0 from cache\), 0 skipped, 2 failed/);
  assert.match(
    r.stderr,
    /^bubblescope: 2 of 2 item\(s\) failed, first: NASDAQCOM: https:\/\/fred\.stlouisfed\.org\/graph\/fredgraph\.csv\?id=NASDAQCOM is not in the cache; run once without --offline/m,
  );
  assert.equal(
    r.stderr
      .trim()
      .split("\n")
      .filter((l) => l.startsWith("bubblescope:")).length,
    1,
  );
  assert.ok(existsSync(join(s2, "bubblescope.duckdb")));
  const xyz = await runDataCli(["data", "pull", "--only", "XYZ", "--store", s2]);
  assert.match(xyz.stderr, /^bubblescope: --only: unknown universe item\(s\): XYZ/);
  assert.equal(xyz.code, 2, "an unknown --only item is a flag error");
});

test("data import URL downloads a CSV (loopback), an HTML page fails in one line", async () => {
  const { startLoopback, fixture } = await import("../data/helpers/loopback.ts");
  const srv = await startLoopback((path) =>
    path === "/nvda.csv"
      ? { headers: { "content-type": "text/csv" }, body: fixture("stooq", "nvda.us.csv") }
      : { headers: { "content-type": "text/html" }, body: fixture("stooq", "challenge.html") },
  );
  try {
    const ok = await cli("data", "import", `${srv.url}/nvda.csv`, "--id", "NVDA_URL");
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^imported NVDA_URL: 8 rows 2024-06-03\.\.2024-06-12/);
    const show = await cli("data", "show", "NVDA_URL", "--rows", "0");
    assert.match(show.stdout, new RegExp(`source csv-url: ${srv.url}/nvda\\.csv`));
    const bad = await cli("data", "import", `${srv.url}/page`, "--id", "X");
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /^bubblescope: http:\/\/127\.0\.0\.1:\d+\/page returned an HTML page \(HTTP 200\) instead of CSV \(page title: "Just a moment\.\.\."\)/,
    );
    assert.equal(bad.stderr.split("\n").length, 2);
  } finally {
    await srv.close();
  }
});

test("data import of an existing id needs --replace and says what it replaced (regression: 300 rows silently became 200)", async () => {
  const rows = (n: number) =>
    `date,close\n${Array.from({ length: n }, (_, i) => `${new Date(Date.UTC(2001, 0, 1) + i * 86400000).toISOString().slice(0, 10)},${100 + i}`).join("\n")}\n`;
  const a = join(tmp, "r300.csv");
  const b = join(tmp, "r200.csv");
  writeFileSync(a, rows(300));
  writeFileSync(b, rows(200));
  assert.equal((await cli("data", "import", a, "--id", "REPL")).code, 0);
  const refused = await cli("data", "import", b, "--id", "REPL");
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(
    refused.stderr,
    /^bubblescope: series "REPL" is already in the store \(300 rows 2001-01-01\.\.2001-10-27\): add --replace to replace it\n$/,
  );
  assert.match((await cli("data", "show", "REPL", "--rows", "0")).stdout, /rows 300,/, "the series is untouched");
  const replaced = await cli("data", "import", b, "--id", "REPL", "--replace");
  assert.equal(replaced.code, 0, replaced.stderr);
  assert.match(replaced.stdout, /^replaced REPL: was 300 rows 2001-01-01\.\.2001-10-27 \(file, imported /);
  assert.match(replaced.stdout, /imported REPL: 200 rows 2001-01-01\.\.2001-07-19/);
});
