/**
 * Issue 11, defects 2, 7, 9 and 10 on `psy` and `lppls`: threads capped at the cores (said once), inputs above the
 * documented size refused unless --allow-large, --svg never leaves a temporary when the final rename fails, no
 * colour codes in piped output or under NO_COLOR, and flag errors exit 2 in both commands.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import { Command, CommanderError } from "commander";
import { errorLine, exitCodeOf } from "../../src/cli/errors.ts";
import { LIMITS } from "../../src/cli/limits.ts";
import { registerLppls } from "../../src/cli/lppls.ts";
import { registerPsy } from "../../src/cli/psy.ts";
import { RandomStream } from "../../src/core/rng.ts";
import { REPO } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "bs-limits-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const ESC = String.fromCharCode(27);

function walkCsv(n: number, seed = 3): string {
  const r = new RandomStream(seed);
  const rows = ["date,price"];
  let y = 100;
  const start = Date.UTC(2000, 0, 1);
  for (let t = 0; t < n; t++) {
    y += r.normal();
    rows.push(`${new Date(start + t * 86400000).toISOString().slice(0, 10)},${(y + 50).toFixed(4)}`);
  }
  return `${rows.join("\n")}\n`;
}
const csv = join(dir, "walk.csv");
writeFileSync(csv, walkCsv(120));

/** In-process run with main.ts's error mapping; only for runs that fail (stdout is not captured). */
async function run(register: (p: Command) => void, args: string[]): Promise<{ code: number; stderr: string }> {
  const program = new Command().name("bubblescope").exitOverride();
  let stderr = "";
  program.configureOutput({
    writeErr: (s) => {
      stderr += s;
    },
    writeOut: () => {},
  });
  register(program);
  try {
    await program.parseAsync(args, { from: "user" });
    return { code: 0, stderr };
  } catch (err) {
    if (err instanceof CommanderError) return { code: err.exitCode === 0 ? 0 : 2, stderr };
    return { code: exitCodeOf(err), stderr: errorLine(err) };
  }
}

/** The real binary, with a chosen environment (colour variables removed unless given). */
function spawn(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  for (const k of ["NO_COLOR", "FORCE_COLOR", "CI", "BUBBLESCOPE_PROGRESS"]) delete base[k];
  const r = spawnSync(process.execPath, [resolve(REPO, "bin/bubblescope.js"), ...args], {
    encoding: "utf8",
    env: { ...base, BUBBLESCOPE_CACHE: join(dir, "cache"), ...env },
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("psy --threads 999 runs on the cores there are and says so once (regression: ~700 threads, 6 GB)", () => {
  const r = spawn(["psy", csv, "--nrep", "40", "--threads", "999", "--no-cache", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const cores = availableParallelism();
  assert.deepEqual(r.stderr.trim().split("\n"), [
    `bubblescope: warning: --threads 999 is more than the ${cores} core(s) of this machine: using ${cores} threads`,
  ]);
  assert.equal(JSON.parse(r.stdout).criticalValues.nrep, 40);
});

test("psy tables carry no colour codes when piped or under NO_COLOR (regression: cli-table3 coloured them anyway)", () => {
  const piped = spawn(["psy", csv, "--nrep", "40"]);
  assert.equal(piped.code, 0, piped.stderr);
  assert.match(piped.stdout, /GSADF/);
  assert.equal(piped.stdout.includes(ESC), false, "no ESC in piped output");
  const noColor = spawn(["psy", csv, "--nrep", "40"], { NO_COLOR: "1", CI: "1" });
  assert.equal(noColor.stdout.includes(ESC), false, "NO_COLOR wins over CI");
  const forced = spawn(["psy", csv, "--nrep", "40"], { FORCE_COLOR: "1" });
  assert.equal(forced.stdout.includes(ESC), true, "colours still come when asked for");
});

test("psy above the input-size limit is refused with a suggestion; --allow-large is a known flag (regression: hours, no output)", async () => {
  const big = join(dir, "big.csv");
  writeFileSync(big, walkCsv(LIMITS.psyObservations + 1));
  const r = await run(registerPsy, ["psy", big]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    new RegExp(
      `^bubblescope: psy: ${LIMITS.psyObservations + 1} observations is above the limit of ${LIMITS.psyObservations} .*--from/--to.*--allow-large\\n$`,
    ),
  );
  const p = new Command();
  registerPsy(p);
  assert.deepEqual(p.commands[0].parseOptions(["--allow-large"]).unknown, []);
});

test("--svg onto a folder fails in one line and leaves no FILE.tmp (regression: psy and lppls left it)", async () => {
  const out = join(dir, "svg-target");
  mkdirSync(join(out, "chart.svg"), { recursive: true });
  writeFileSync(join(out, "chart.svg", "keep.txt"), "k");
  const p = await run(registerPsy, ["psy", csv, "--nrep", "20", "--no-cache", "--svg", join(out, "chart.svg")]);
  assert.equal(p.code, 1, p.stderr);
  assert.match(p.stderr, /chart\.svg is a folder: refusing to replace it with a file/);
  const l = await run(registerLppls, ["lppls", csv, "--window", "60", "--svg", join(out, "chart.svg")]);
  assert.equal(l.code, 1, l.stderr);
  assert.match(l.stderr, /is a folder/);
  assert.deepEqual(readdirSync(out), ["chart.svg"], "no temporary beside the target");
  assert.deepEqual(readdirSync(join(out, "chart.svg")), ["keep.txt"]);
});

test("flag errors exit 2 in psy and lppls alike, data errors 1 (regression: lppls flags exited 1, --seed 1e23 exited 1)", async () => {
  const cases: [(p: Command) => void, string[], number, RegExp][] = [
    [registerPsy, ["psy", csv, "--seed", "100000000000000000000000"], 2, /--seed must be an integer >= 0/],
    [registerLppls, ["lppls", csv, "--seed", "100000000000000000000000"], 2, /--seed must be an integer >= 0/],
    [registerPsy, ["psy", csv, "--threads", "0"], 2, /--threads must be an integer >= 1/],
    [registerPsy, ["psy", csv, "--monitor-from", "soon"], 2, /--monitor-from must be a date/],
    [registerLppls, ["lppls", csv, "--tc-range", "x"], 2, /--tc-range must be LO:HI/],
    [registerLppls, ["lppls", csv, "--denominator", "x"], 2, /--denominator must be one of/],
    [registerPsy, ["psy", join(dir, "none.csv")], 1, /cannot read/],
    [registerLppls, ["lppls", join(dir, "none.csv")], 1, /cannot read/],
    // A bad flag is reported before the file is even read.
    [registerPsy, ["psy", join(dir, "none.csv"), "--level", "97"], 2, /--level must be one of 90, 95, 99/],
  ];
  for (const [reg, args, code, re] of cases) {
    const r = await run(reg, args);
    assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split("\n").length, 1);
  }
});
