/**
 * `bubblescope predictions` end to end, as a user runs it (child processes): the committed ledger verifies; a
 * tampered copy fails naming the edited entry; list shows statuses and scores at a date; register and resolve
 * append to a fresh ledger atomically and idempotently; bad flags exit 2, a missing file 1.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCli } from "../helpers/cli.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-predictions-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const COMMITTED = new URL("../../data/predictions.jsonl", import.meta.url);

test("verify: the committed ledger is intact; a copy with one field edited fails naming that entry", () => {
  const ok = runCli(["predictions", "verify"]);
  const n = readFileSync(COMMITTED, "utf8").trim().split("\n").length;
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout.trim(), `chain intact: ${n} entries`);

  const lines = readFileSync(COMMITTED, "utf8").trim().split("\n");
  const k = lines.findIndex((l) => l.includes('"id":"P-T05"'));
  const e = JSON.parse(lines[k]);
  e.due = "2030-01-01";
  lines[k] = JSON.stringify(e);
  const tampered = join(tmp, "tampered.jsonl");
  writeFileSync(tampered, `${lines.join("\n")}\n`);
  const bad = runCli(["predictions", "verify", "--file", tampered]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, new RegExp(`^bubblescope: chain broken at entry ${k + 1} \\(P-T05\\): hash does not match`));
  assert.equal(bad.stderr.trim().split("\n").length, 1, "one line");
});

test("list: statuses and scores at a date, as text and JSON", () => {
  const j = runCli(["predictions", "--json", "--as-of", "2027-01-01"]);
  assert.equal(j.code, 0, j.stderr);
  const out = JSON.parse(j.stdout) as {
    predictions: { id: string; status: string; evidence: string[] }[];
    score: { forecasts: number; resolvedTrue: number; resolvedFalse: number };
  };
  const by = Object.fromEntries(out.predictions.map((p) => [p.id, p]));
  assert.equal(by["P-T02"].status, "resolved-true");
  assert.deepEqual(by["P-T02"].evidence, ["E070", "E071"]);
  assert.equal(by["P-T08"].status, "resolved-false");
  assert.equal(by["P-T03"].status, "open");
  assert.equal(out.score.resolvedTrue, 1);
  // Nothing is listed before it was registered (the talk's forecasts were entered on 2026-12-05).
  const early = JSON.parse(runCli(["predictions", "--json", "--as-of", "2026-06-01"]).stdout) as typeof out;
  assert.equal(early.predictions.length, 0);
  assert.equal(out.score.resolvedFalse, 2);
  const t = runCli(["predictions", "list", "--as-of", "2027-01-01"]);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /P-T02 {2}resolved-true/);
  assert.match(t.stdout, /Brier score: no probabilities given/);
});

test("register and resolve build a fresh chained ledger; register is idempotent; errors are one line", () => {
  const file = join(tmp, "fresh.jsonl");
  const r1 = runCli(["predictions", "register", "--file", file, "--date", "2026-01-02"]);
  assert.equal(r1.code, 0, r1.stderr);
  assert.match(r1.stdout, /registered 12 new forecast\(s\); 12 entries/);
  const r2 = runCli(["predictions", "register", "--file", file, "--date", "2026-01-03"]);
  assert.match(r2.stdout, /registered 0 new forecast\(s\); 12 entries/);
  const res = runCli([
    "predictions",
    "resolve",
    "--file",
    file,
    "--id",
    "P-T05",
    "--outcome",
    "false",
    "--on",
    "2026-12-31",
    "--evidence",
    "E001",
    "--note",
    "test",
  ]);
  assert.equal(res.code, 0, res.stderr);
  assert.match(runCli(["predictions", "verify", "--file", file]).stdout, /chain intact: 13 entries/);
  const again = runCli([
    "predictions",
    "resolve",
    "--file",
    file,
    "--id",
    "P-T05",
    "--outcome",
    "true",
    "--evidence",
    "E1",
    "--note",
    "x",
  ]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already in the ledger|already resolved/);
  const badFlag = runCli([
    "predictions",
    "resolve",
    "--file",
    file,
    "--id",
    "P-T01",
    "--outcome",
    "maybe",
    "--evidence",
    "E1",
    "--note",
    "x",
  ]);
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.stderr, /--outcome must be true or false/);
  const missing = runCli(["predictions", "verify", "--file", join(tmp, "nope.jsonl")]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read .*nope\.jsonl: ENOENT/);
  // A broken ledger is never appended to.
  const broken = join(tmp, "broken.jsonl");
  copyFileSync(file, broken);
  writeFileSync(broken, readFileSync(broken, "utf8").replace('"due":"2027-03-31"', '"due":"2027-04-01"'));
  const before = readFileSync(broken, "utf8");
  const no = runCli(["predictions", "register", "--file", broken]);
  assert.equal(no.code, 1);
  assert.equal(readFileSync(broken, "utf8"), before);
});
