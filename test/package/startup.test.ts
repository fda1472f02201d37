/**
 * The compiled CLI starts lazily: `bubblescope --help` (and a command's own --help) loads commander and the command
 * table, never a command's heavy dependencies (ECharts, DuckDB, zod, Hono, resvg) or another command's module; the
 * bin runs dist/ JavaScript without a TypeScript loader; the command table agrees with what each module registers;
 * the version comes from package.json. Runs against dist/, which scripts/test.mjs brings up to date first.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, test } from "node:test";
import { buildProgram, COMMANDS, targetCommand } from "../../src/cli/main.ts";
import { REPO } from "../helpers/cli.ts";

const tmp = mkdtempSync(join(tmpdir(), "bubblescope-startup-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the compiled bin with the load tracer; returns exit code, stdout and the module URLs it loaded. */
function traced(args: string[]): { code: number; stdout: string; stderr: string; loaded: string[] } {
  const trace = join(tmp, `trace-${Math.random().toString(36).slice(2)}.txt`);
  const r = spawnSync(
    process.execPath,
    ["--import", resolve(REPO, "test/package/trace-loads.mjs"), resolve(REPO, "bin/bubblescope.js"), ...args],
    { cwd: REPO, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", BUBBLESCOPE_TRACE_LOADS: trace } },
  );
  let loaded: string[] = [];
  try {
    loaded = readFileSync(trace, "utf8").trim().split("\n");
  } catch {
    // no module loaded through the hook: the assertions below report it
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, loaded };
}

const HEAVY = ["/node_modules/echarts/", "/node_modules/@duckdb/", "/node_modules/zod/", "/node_modules/hono/"];
const HEAVY_TOO = ["/node_modules/@resvg/", "/node_modules/tsx/", "/node_modules/vite/", "/dist/report/"];

describe("compiled CLI start-up", () => {
  test("--help lists every command and loads no command module and nothing heavy", () => {
    const r = traced(["--help"]);
    assert.equal(r.code, 0, r.stderr);
    for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`\\n  ${c.name}\\b`), `--help lists ${c.name}`);
    assert.ok(
      r.loaded.some((u) => u.endsWith("/dist/cli/main.js")),
      `the compiled main.js is loaded (loaded: ${r.loaded.join(", ")})`,
    );
    const bad = r.loaded.filter(
      (u) =>
        [...HEAVY, ...HEAVY_TOO].some((h) => u.includes(h)) ||
        u.endsWith(".ts") ||
        COMMANDS.some((c) => u.endsWith(`/dist/cli/${c.name}.js`)),
    );
    assert.deepEqual(bad, []);
  });

  test("a command's own --help loads that command's module only, and lppls --help does not load ECharts", () => {
    const r = traced(["lppls", "--help"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /--indicator/);
    assert.ok(r.loaded.some((u) => u.endsWith("/dist/cli/lppls.js")));
    const others = COMMANDS.filter((c) => c.name !== "lppls").map((c) => `/dist/cli/${c.name}.js`);
    assert.deepEqual(
      r.loaded.filter((u) => others.some((o) => u.endsWith(o)) || HEAVY.some((h) => u.includes(h))),
      [],
    );
  });

  test("no command's own help loads ECharts, DuckDB, resvg or Hono", () => {
    for (const c of COMMANDS) {
      const r = traced(["help", c.name]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`Usage: bubblescope ${c.name}`));
      assert.deepEqual(
        r.loaded.filter((u) => ["echarts", "@duckdb", "@resvg", "hono"].some((h) => u.includes(`/node_modules/${h}/`))),
        [],
        `bubblescope help ${c.name}`,
      );
    }
  });

  test("--version prints package.json's version", () => {
    const pkg = JSON.parse(readFileSync(resolve(REPO, "package.json"), "utf8")) as { version: string };
    const r = traced(["--version"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  test("an unknown command exits 2 with one line", () => {
    const r = traced(["no-such-command"]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, /^bubblescope: unknown command 'no-such-command'/);
  });
});

describe("compiled worker pool", () => {
  test("psy with 2 worker threads (compiled cv-worker.js, no tsx) equals the serial run", () => {
    const csv = join(tmp, "walk.csv");
    let x = 100;
    const rows = ["date,close"];
    for (let i = 0; i < 120; i++) {
      x += Math.sin(i * 1.7) + 0.3 * Math.cos(i * 0.31);
      rows.push(`${new Date(Date.UTC(2001, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${x.toFixed(4)}`);
    }
    writeFileSync(csv, `${rows.join("\n")}\n`);
    const args = (threads: string) => ["psy", csv, "--nrep", "40", "--no-cache", "--json", "--threads", threads];
    const serial = traced(args("1"));
    const parallel = traced(args("2"));
    assert.equal(serial.code, 0, serial.stderr);
    assert.equal(parallel.code, 0, parallel.stderr);
    assert.ok(
      parallel.loaded.some((u) => u.endsWith("/dist/node/cv-worker.js")),
      "the compiled worker ran",
    );
    assert.deepEqual(JSON.parse(parallel.stdout), JSON.parse(serial.stdout));
  });
});

describe("command table", () => {
  test("every entry's module registers a command of that name with the summary as its description", async () => {
    const program = await buildProgram("all");
    assert.deepEqual(
      program.commands.map((c) => c.name()),
      COMMANDS.map((c) => c.name),
    );
    for (const entry of COMMANDS) {
      const cmd = program.commands.find((c) => c.name() === entry.name);
      assert.ok(cmd, entry.name);
      assert.equal(cmd.description(), entry.summary, `${entry.name}: table summary = module description`);
      const args = cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)).join(" ");
      assert.equal(args, entry.args ?? "", `${entry.name}: table args = module arguments`);
    }
  });

  test("targetCommand picks the command word, the word after help, or nothing", () => {
    assert.equal(targetCommand(["psy", "x.csv"]), "psy");
    assert.equal(targetCommand(["help", "report"]), "report");
    assert.equal(targetCommand(["help"]), "help");
    assert.equal(targetCommand(["--help"]), undefined);
    assert.equal(targetCommand([]), undefined);
  });
});
