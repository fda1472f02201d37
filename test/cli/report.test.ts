/** `bubblescope report` as a new user runs it: the folder, the summary, --json, --as-of, and one-line errors. */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { runCli } from "../helpers/cli.ts";
import { sharedPath, skipWithoutShared } from "../helpers/shared.ts";

const dir = mkdtempSync(join(tmpdir(), "bubblescope-report-cli-"));
const env = { BUBBLESCOPE_CACHE: join(dir, "cache") };
after(() => rmSync(dir, { recursive: true, force: true }));

describe("bubblescope report", () => {
  test("writes index.html, report.json, its schema and the charts, and prints a summary", {
    skip: skipWithoutShared("data", "prices"),
  }, () => {
    const out = join(dir, "rep");
    const r = runCli(["report", "--out", out, "--data", sharedPath("data", "prices"), "--nrep", "199"], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Is AI in a bubble/);
    assert.match(r.stdout, /Frameworks/);
    assert.match(r.stdout, /The talk's claims/);
    for (const f of ["index.html", "report.json", "report.schema.json"]) assert.ok(existsSync(join(out, f)), f);
    const charts = readdirSync(join(out, "charts"));
    assert.ok(charts.filter((c) => c.endsWith(".svg")).length >= 10);
    assert.equal(charts.filter((c) => c.endsWith(".png")).length, charts.filter((c) => c.endsWith(".svg")).length);
    const png = readFileSync(join(out, "charts", charts.find((c) => c.endsWith(".png"))!));
    assert.equal(png.subarray(1, 4).toString(), "PNG");
    assert.ok(!readdirSync(dir).some((f) => f.includes(".tmp-")), "no temporary folder left");
  });
  test("--json prints report.json; --as-of replays what was knowable then", {
    skip: skipWithoutShared("data", "prices"),
  }, () => {
    const r = runCli(["report", "--out", join(dir, "rep2"), "--json", "--as-of", "2000-06", "--nrep", "99"], env);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.asOf, "2000-06-30", "a month means its last day");
    for (const k of ["claims", "indicators", "frameworks", "sensitivity"]) assert.ok(Array.isArray(j[k]), k);
    assert.ok(j.indicators.every((i: { era: string; computed: boolean }) => i.era === "2000" || !i.computed));
  });
  test("--out never deletes a folder that is not a report (regression: it used to replace any folder)", () => {
    const victim = join(dir, "victim");
    mkdirSync(victim);
    writeFileSync(join(victim, "notes.txt"), "keep me");
    const r = runCli(["report", "--out", victim, "--nrep", "99"], env);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /is not empty and is not a bubblescope report: refusing to replace it/);
    assert.equal(readFileSync(join(victim, "notes.txt"), "utf8"), "keep me");
    const here = runCli(["report", "--out", "."], env, victim);
    assert.equal(here.code, 2);
    assert.match(here.stderr, /is the working folder or one of its parents/);
    assert.ok(existsSync(join(victim, "notes.txt")));
  });
  test("bad flags and missing folders are one-line errors", () => {
    const cases: [string[], RegExp, number][] = [
      [["report", "--as-of", "yesterday"], /--as-of must be a date YYYY, YYYY-MM or YYYY-MM-DD, got "yesterday"/, 2],
      [["report", "--as-of", "2000-13"], /--as-of must be a date YYYY, YYYY-MM or YYYY-MM-DD, got "2000-13"/, 2],
      [["report", "--as-of", "2000-02-30"], /--as-of must be a date/, 2],
      [["report", "--data", join(dir, "nope")], /--data .*nope: no such folder/, 1],
      [["report", "--nrep", "1"], /--nrep must be an integer >= 2/, 2],
    ];
    for (const [args, re, code] of cases) {
      const r = runCli(args, env);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split("\n").length, 1);
    }
  });
});
