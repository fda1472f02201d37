#!/usr/bin/env node
// Runs every test/**/*.test.ts through node:test with tsx (Node 20 has no --test globs).
// Extra arguments are passed through as file filters: `npm run test:unit -- psy` runs files whose path contains "psy".
// Tests never run a stale dist/: in-process tests import src/ through tsx, and tests that spawn the CLI run
// bin/bubblescope.js, i.e. the compiled dist/, so dist/ (and the dashboard bundle) is brought up to date first
// (`scripts/build.mjs --if-stale`: nothing to do when src/ is older than the last compile).
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const build = spawnSync(process.execPath, ["scripts/build.mjs", "--if-stale"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const files = walk("test").filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error(`no test files match ${filters.join(" ")}`);
  process.exit(1);
}
const reporter = process.env.CI ? "spec" : "spec";
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", `--test-reporter=${reporter}`, ...files], {
  stdio: "inherit",
});
process.exit(r.status ?? 1);
