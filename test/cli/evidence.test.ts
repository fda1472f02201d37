/**
 * `bubblescope evidence check|list|model` end to end. `check` is spawned as a user would run it, from a directory
 * outside the repository (the default data path must not depend on the working directory); the other commands run
 * in-process, because each spawn pays several seconds of start-up for the whole CLI on this machine.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { registerEvidence } from "../../src/cli/evidence.ts";

const BIN = fileURLToPath(new URL("../../bin/bubblescope.js", import.meta.url));
const DATA = fileURLToPath(new URL("../../data/", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "bs-evidence-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the CLI in a child process, as a user would. */
function run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: tmp, timeout: 60000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString("utf8");
    });
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("bubblescope evidence (spawned)", () => {
  test("evidence check passes on the curated data, from any working directory", async () => {
    const r = await run("evidence", "check");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ok: \d+ figures, 41 deals, no problems\n$/);
  });

  test("evidence check prints one line per problem and exits 1", async () => {
    const bad = readFileSync(join(DATA, "evidence.csv"), "utf8")
      .replace(/^E002,2000,utilization,(.*?),2\.7,percent,/m, "E002,2000,utilization,$1,2.7,percent of lit,")
      .replace(/^E003,/m, "E002,");
    const file = join(tmp, "bad.csv");
    writeFileSync(file, bad);
    const r = await run("evidence", "check", "--file", file);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split("\n");
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0], /bad\.csv:3: E002 unit: unknown unit$/);
    assert.match(lines[1], /bad\.csv:4: E002 id: duplicate id \(first at line 3\)$/);
    assert.match(r.stderr, /^bubblescope: evidence check: 2 problem\(s\) in /);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, "no stack trace");
  });
});

/**
 * In-process runs (a spawn costs seconds of tsx start-up on this machine): the same error mapping as main.ts.
 * The actions are synchronous, so stdout/stderr are captured only for the duration of the call.
 */
function runInProcess(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const program = new Command().name("bubblescope").exitOverride();
  program.configureOutput({
    writeErr: (x) => {
      stderr += x;
    },
    writeOut: (x) => {
      stdout += x;
    },
    outputError: (x, write) => write(`bubblescope: ${x.replace(/^error: /, "").trim()}\n`),
  });
  registerEvidence(program);
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  }) as typeof process.stdout.write;
  try {
    program.parse(argv, { from: "user" });
    return { code: 0, stdout, stderr };
  } catch (err) {
    if (err instanceof CommanderError) return { code: err.exitCode === 0 ? 0 : 2, stdout, stderr };
    return { code: 1, stdout, stderr: `${stderr}bubblescope: ${(err as Error).message.split("\n")[0]}\n` };
  } finally {
    process.stdout.write = write;
  }
}

test("evidence list rejects a bad era with one line and exit 2, a bad date with exit 1", () => {
  const e = runInProcess("evidence", "list", "--era", "1929");
  assert.equal(e.code, 2);
  assert.equal(
    e.stderr,
    "bubblescope: option '--era <era>' argument '1929' is invalid. Allowed choices are 2000, ai.\n",
  );
  const d = runInProcess("evidence", "list", "--as-of", "soon");
  assert.equal(d.code, 1);
  assert.equal(d.stderr, 'bubblescope: asOf must be YYYY, YYYY-MM or YYYY-MM-DD, got "soon"\n');
});

test("evidence list prints a table with known-from dates", () => {
  const r = runInProcess("evidence", "list", "--topic", "roic", "--as-of", "2024-12");
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /│ E050 │ ai +│ roic +│ Microsoft .*│ 2024-12-31 │/);
  assert.match(
    r.stdout,
    /13 figure\(s\)\n$/,
    "6 ROIC rows from the research merge (SBC, one-provider ROIC) are known by 2024-12",
  );
});

test("evidence model prints the JSON model", () => {
  const r = runInProcess("evidence", "model", "--as-of", "2025-10-31", "--draws", "10", "--seed", "5");
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(r.stdout);
  assert.equal(m.meta.asOf, "2025-10-31");
  assert.equal(m.meta.seed, 5);
  assert.deepEqual(Object.keys(m).sort(), [
    "claims",
    "deals",
    "frameworks",
    "indicators",
    "ledger",
    "meta",
    "predictionScore",
    "predictions",
    "sensitivity",
  ]);
  assert.equal(runInProcess("evidence", "model", "--draws", "-3").code, 1);
});

test("evidence list --json filters by topic, era and as-of date", () => {
  const r = runInProcess(
    "evidence",
    "list",
    "--topic",
    "valuation",
    "--era",
    "2000",
    "--as-of",
    "2000-03-10",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { id: string; knownFrom: string; topic: string }[];
  assert.ok(rows.length > 0);
  assert.ok(rows.every((x) => x.topic === "valuation" && x.knownFrom <= "2000-03-10"));
  assert.ok(
    rows.some((x) => x.id === "E307"),
    "Cisco FY1999 EPS was known at the peak",
  );
  assert.ok(!rows.some((x) => x.id === "E026"), "FY2000 EPS was not");
});
