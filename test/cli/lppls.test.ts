/**
 * `bubblescope lppls …` end to end: spawns the real binary, checks --json fields, the human tables, the SVG
 * and one-line errors with exit code 1 for bad input.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Command, CommanderError } from "commander";
import { errorLine, exitCodeOf } from "../../src/cli/errors.ts";
import { registerLppls } from "../../src/cli/lppls.ts";
import { sharedPath, skipWithoutShared } from "../helpers/shared.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-lppls-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const NASDAQ = sharedPath("data", "prices", "nasdaq_dotcom.csv");
const skip = skipWithoutShared("data", "prices", "nasdaq_dotcom.csv");

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["bin/bubblescope.js", "lppls", ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", BUBBLESCOPE_PROGRESS: "0" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeCsv(name: string, rows: string[]): string {
  const p = join(tmp, name);
  writeFileSync(p, `date,close\n${rows.join("\n")}\n`);
  return p;
}

/** 60 weekdays of a rising series starting 2024-01-01. */
function rising(n = 60, bad?: (i: number) => string | undefined): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(2024, 0, 1));
  while (out.length < n) {
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) {
      const k = out.length;
      out.push(
        `${d.toISOString().slice(0, 10)},${bad?.(k) ?? (100 * Math.exp(0.004 * k + 0.0003 * k * k)).toFixed(4)}`,
      );
    }
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

test("lppls --json: one fit on the 504 days to 2000-03-10 with tc date, parameters, per-condition flags, tc distribution", {
  skip,
}, () => {
  const svg = join(tmp, "fit.svg");
  const r = cli(
    NASDAQ,
    "--column",
    "Adj Close",
    "--log",
    "--end",
    "2000-03-10",
    "--window",
    "504",
    "--json",
    "--svg",
    svg,
  );
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.window.start, "1998-03-13");
  assert.equal(j.window.n, 504);
  assert.match(j.fit.tc.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(typeof j.fit.tc.daysAfterLast, "number");
  for (const k of ["m", "omega", "A", "B", "C1", "C2", "sse"]) assert.equal(typeof j.fit[k], "number", k);
  // the best SSE in lppls's filter box is the reference's box_best (1.7377661566, tc 2000-03-04)
  assert.ok(j.fit.sse <= 1.7377661566176716 * (1 + 1e-6), `sse ${j.fit.sse}`);
  assert.equal(j.fit.tc.date, "2000-03-04");
  assert.deepEqual(Object.keys(j.fit.conditions).sort(), [
    "dampingOk",
    "mInRange",
    "omegaInRange",
    "oscillationsOk",
    "tcInRange",
  ]);
  assert.equal(j.fit.qualified, false); // tc inside the window: O is undefined
  assert.equal(j.fit.conditions.oscillationsOk, false);
  assert.equal(j.tcDistribution.quantiles.length, 5);
  assert.ok(j.tcDistribution.windows >= 20);
  const s = readFileSync(svg, "utf8");
  assert.match(s, /^<svg/);
  assert.match(s, /LPPLS fit/);
});

test("lppls human output: tables with qualification and the crash-time distribution; dgs2017 preset, tc range", {
  skip,
}, () => {
  const r = cli(
    NASDAQ,
    "--column",
    "Adj Close",
    "--log",
    "--end",
    "1999-12-31",
    "--window",
    "250",
    "--preset",
    "dgs2017",
    "--tc-range",
    "-5:30",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /LPPLS fit — Adj Close \(log\), preset dgs2017/);
  assert.match(r.stdout, /critical time tc/);
  assert.match(r.stdout, /damping D/);
  assert.match(r.stdout, /crash-time distribution: \d+ of \d+ nested windows ending 1999-12-31 qualified/);
  const tc = /tc +│ (\d{4}-\d{2}-\d{2}) \((-?[\d.]+) days/.exec(r.stdout);
  assert.ok(tc, r.stdout);
  assert.ok(Number(tc[2]) >= -5 && Number(tc[2]) <= 30, `tc offset ${tc[2]}`);
});

test("lppls --indicator --json: points with date, posConf, negConf over a short stretch; SVG written", { skip }, () => {
  const svg = join(tmp, "ind.svg");
  const r = cli(
    NASDAQ,
    "--column",
    "Adj Close",
    "--log",
    "--indicator",
    "--from",
    "2000-02-01",
    "--to",
    "2000-03-10",
    "--json",
    "--svg",
    svg,
  );
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.mode, "indicator");
  assert.equal(j.points[0].date, "2000-02-01");
  assert.equal(j.points.length, 6); // 27 trading days, every 5th
  for (const p of j.points) {
    assert.ok(p.posConf >= 0 && p.posConf <= 1 && p.negConf >= 0 && p.negConf <= 1);
    assert.equal(p.nFits, 30);
  }
  assert.match(readFileSync(svg, "utf8"), /confidence/);
});

test("bad input through the real binary: one line on stderr naming the file row, exit code 1 (regression: said row 7 for file row 9)", () => {
  const p = writeCsv(
    "neg.csv",
    rising(60, (i) => (i === 7 ? "-3" : undefined)),
  );
  const r = cli(p, "--log");
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(r.stderr.trim().split("\n"), [
    "bubblescope: --log needs positive prices: close is -3 at file row 9",
  ]);
  assert.equal(r.stdout, "");
});

/** In-process run with main.ts's error mapping (spawning costs seconds per case on this machine). */
async function run(...args: string[]): Promise<{ code: number; stderr: string }> {
  const program = new Command().name("bubblescope").exitOverride();
  let stderr = "";
  program.configureOutput({ writeErr: (s) => (stderr += s), writeOut: () => {} });
  registerLppls(program);
  try {
    await program.parseAsync(["lppls", ...args], { from: "user" });
    return { code: 0, stderr };
  } catch (err) {
    if (err instanceof CommanderError) return { code: err.exitCode === 0 ? 0 : 2, stderr };
    return { code: exitCodeOf(err), stderr: errorLine(err) };
  }
}

test("bad input: errors name the option and the value; bad flags exit 2, bad data 1 (regression: lppls flag errors exited 1)", async () => {
  const ok = writeCsv("ok.csv", rising());
  const cases: [string[], RegExp, number][] = [
    [
      [
        writeCsv(
          "zero.csv",
          rising(60, (i) => (i === 2 ? "0" : undefined)),
        ),
        "--log",
      ],
      /--log needs positive prices: close is 0 at file row 4/,
      1,
    ],
    [
      [
        writeCsv(
          "nan.csv",
          rising(60, (i) => (i === 3 ? "NA" : undefined)),
        ),
      ],
      /row 5, column "close": missing value/,
      1,
    ],
    [[ok, "--window", "12"], /--window must be at least 20 observations, got 12/, 2],
    [[ok, "--window", "500"], /--window 500 needs 500 observations/, 1],
    [[ok, "--tc-range", "30:5"], /--tc-range must be LO:HI with LO <= HI, got "30:5"/, 2],
    [[ok, "--m-range", "abc"], /--m-range must be LO:HI/, 2],
    [[ok, "--omega-range", "-1:5"], /--omega-range must be positive/, 2],
    [[ok, "--preset", "nope"], /--preset must be one of lppls, dgs2017; got "nope"/, 2],
    [[ok, "--fitter", "nope"], /--fitter must be one of fast, lppls; got "nope"/, 2],
    [[ok, "--seed", "x"], /--seed must be an integer >= 0/, 2],
    [
      [ok, "--seed", "100000000000000000000000"],
      /--seed must be an integer >= 0 \(and at most 2\^53 - 1\), got "1000/,
      2,
    ],
    [[ok, "--end", "2023-01-01"], /--end 2023-01-01 is before the first observation/, 1],
    [[ok, "--end", "2024-02-30"], /--end must be a date \(YYYY-MM-DD\) or time value, got "2024-02-30"/, 2],
    [[ok, "--indicator"], /--indicator needs at least 80 observations, got 60/, 1],
    [[ok, "--from", "2024-02-01"], /--from\/--to need --indicator/, 2],
    [[join(tmp, "missing.csv")], /cannot read/, 1],
  ];
  for (const [args, re, code] of cases) {
    const r = await run(...args);
    assert.equal(r.code, code, `${args.join(" ")}: exit ${r.code}, ${r.stderr}`);
    assert.match(r.stderr, /^bubblescope: [^\n]+\n$/);
    assert.match(r.stderr, re);
  }
  const u = await run(ok, "--no-such-flag");
  assert.equal(u.code, 2);
  assert.match(u.stderr, /unknown option/);
});

test("a missing value suggests --drop-missing, which lppls accepts (regression: the flag did not exist)", async () => {
  const p = writeCsv(
    "gap.csv",
    rising(60, (i) => (i === 3 ? "" : undefined)),
  );
  const r = await run(p);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /--drop-missing/);
  const program = new Command().name("bubblescope").exitOverride();
  program.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerLppls(program);
  const parsed = program.commands[0].parseOptions(["--drop-missing"]);
  assert.deepEqual(parsed.unknown, [], "--drop-missing is a known option");
});

test("a constant series is refused, not reported as a positive bubble (regression: exit 0 with B = -9.7e-25)", async () => {
  const p = writeCsv(
    "const.csv",
    rising(60).map((r) => r.replace(/,.*/, ",100")),
  );
  const r = await run(p, "--window", "40");
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /close is constant \(100\) from 2024-\d\d-\d\d on: the LPPLS model is undefined/);
  const ind = await run(
    writeCsv(
      "const2.csv",
      rising(100).map((r) => r.replace(/,.*/, ",7")),
    ),
    "--indicator",
  );
  assert.equal(ind.code, 1, ind.stderr);
  assert.match(ind.stderr, /is constant/);
});

test("input size: a fit window or indicator span above the limit is refused unless --allow-large (regression: hours with no output)", async () => {
  const { LIMITS } = await import("../../src/cli/limits.ts");
  // Above both limits: the indicator's first window end is row 80.
  const n = Math.max(LIMITS.lpplsFitObservations, LIMITS.lpplsIndicatorEnds + 79) + 1;
  const big = writeCsv(
    "big.csv",
    rising(n, (i) => (100 + i + Math.sin(i)).toFixed(3)),
  );
  const r = await run(big);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    new RegExp(`${n} observations in the fit window is above the limit of ${LIMITS.lpplsFitObservations}`),
  );
  assert.match(r.stderr, /--window N .*--allow-large/);
  const ind = await run(big, "--indicator");
  assert.equal(ind.code, 1, ind.stderr);
  assert.match(ind.stderr, /window ends is above the limit/);
});
