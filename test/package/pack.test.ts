/**
 * The packed tarball works as a dependency: `npm pack` → `npm install --offline <tgz>` into an empty folder (from
 * the npm cache only) → `npx bubblescope --help`, `npx bubblescope report` (exit 0, report.json written) and
 * `import { psy } from "bubblescope"` / `bubblescope/node` in a plain .mjs file. dist/ is current (scripts/test.mjs
 * builds it before the tests), so the pack skips `prepare`. Skips with a message only when the npm cache lacks a
 * runtime dependency (after `npm ci`, as in CI, it has them all).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { REPO } from "../helpers/cli.ts";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const tmp = mkdtempSync(join(tmpdir(), "bubblescope-pack-"));
const app = join(tmp, "app");
let installError: string | null = null;

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    timeout: 300_000,
    // Nothing from the repo's environment leaks in: no ../shared prices, a fresh cache and store.
    env: {
      ...process.env,
      NO_COLOR: "1",
      BUBBLESCOPE_CACHE: join(tmp, "cache"),
      BUBBLESCOPE_DATA: "",
      BUBBLESCOPE_HOME: join(tmp, "home"),
      ...env,
    },
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

before(() => {
  const p = run(npm, ["pack", "--ignore-scripts", "--pack-destination", tmp], REPO);
  assert.equal(p.code, 0, p.stderr);
  const tgz = readdirSync(tmp).find((f) => f.endsWith(".tgz"));
  assert.ok(tgz, "npm pack wrote a tarball");
  spawnSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), '{ "name": "app", "version": "1.0.0", "private": true }\n');
  const i = run(npm, ["install", "--offline", "--no-audit", "--no-fund", join(tmp, tgz)], app);
  if (i.code !== 0) {
    if (/ENOTCACHED|ETARGET|no such package available|request to .* failed/i.test(i.stderr))
      installError = `the npm cache lacks a dependency of the package (run npm ci first): ${i.stderr.split("\n")[0]}`;
    else assert.fail(`npm install of the tarball failed:\n${i.stderr}`);
  }
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("packed tarball installed into an empty folder", () => {
  test("ships dist, bin and data, no TypeScript sources, and installs no dev dependencies", (t) => {
    if (installError) return t.skip(installError);
    const pkg = join(app, "node_modules/bubblescope");
    assert.ok(existsSync(join(pkg, "dist/cli/main.js")));
    assert.ok(existsSync(join(pkg, "dist/index.d.ts")));
    assert.ok(existsSync(join(pkg, "dist/dashboard/index.html")), "prebuilt dashboard");
    assert.ok(existsSync(join(pkg, "data/evidence.csv")));
    assert.ok(!existsSync(join(pkg, "src")), "src/ is not shipped");
    assert.ok(!existsSync(join(pkg, "dist/.tsbuildinfo")));
    for (const dev of ["tsx", "vite", "typescript", "@preact/preset-vite"])
      assert.ok(!existsSync(join(app, "node_modules", dev)), `${dev} is not installed`);
  });

  test("npx bubblescope --help and --version", (t) => {
    if (installError) return t.skip(installError);
    const h = run(npm, ["exec", "--offline", "--", "bubblescope", "--help"], app);
    assert.equal(h.code, 0, h.stderr);
    assert.match(h.stdout, /Usage: bubblescope/);
    assert.match(h.stdout, /report/);
    const v = run(npm, ["exec", "--offline", "--", "bubblescope", "--version"], app);
    const version = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;
    assert.equal(v.stdout.trim(), version);
  });

  test("npx bubblescope report exits 0 and writes report.json", (t) => {
    if (installError) return t.skip(installError);
    const r = run(npm, ["exec", "--offline", "--", "bubblescope", "report", "--out", "out", "--nrep", "99"], app);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(readFileSync(join(app, "out/report.json"), "utf8")) as {
      claims?: unknown[];
      indicators?: unknown[];
      meta?: { snapshotLastDate?: string | null };
      detectors?: { psy?: unknown[]; lppls?: unknown[] };
      macro?: unknown;
    };
    assert.ok(Array.isArray(json.claims) && json.claims.length > 0, "report.json has the claims");
    assert.ok(Array.isArray(json.indicators) && json.indicators.length > 0, "report.json has the indicators");
    // The price tests run from the bundled snapshot alone (no ../shared, no store): both eras, every evaluation date.
    assert.match(json.meta?.snapshotLastDate ?? "", /^\d{4}-\d{2}-\d{2}$/, "the header names the snapshot");
    assert.equal(json.detectors?.psy?.length, 6, "PSY: 2000 peak x2, talk date x2, latest x2");
    assert.equal(json.detectors?.lppls?.length, 6, "LPPLS on the same six");
    assert.ok(json.macro, "the market-wide valuation section (bundled data/macro)");
    assert.ok(existsSync(join(app, "out/index.html")));
  });

  test("import { psy } from 'bubblescope' and 'bubblescope/node' in a plain .mjs", (t) => {
    if (installError) return t.skip(installError);
    writeFileSync(
      join(app, "use.mjs"),
      [
        'import { psy, lppls, evidence, readSeriesTable } from "bubblescope";',
        'import { openStore, writeReport, runReplicationsParallel } from "bubblescope/node";',
        "const y = Array.from({ length: 80 }, (_, i) => Math.log(100 + i + (i > 60 ? (i - 60) ** 2 : 0)));",
        "const r = psy.radf(y);",
        "void r; console.log(JSON.stringify({ radf: typeof psy.radf,",
        "  lppls: typeof lppls.fitLppls, ev: typeof evidence.parseFigures, csv: typeof readSeriesTable,",
        "  node: [typeof openStore, typeof writeReport, typeof runReplicationsParallel] }));",
      ].join("\n"),
    );
    const r = run(process.execPath, ["use.mjs"], app);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { radf: string; lppls: string; ev: string; csv: string; node: string[] };
    assert.equal(out.radf, "function");
    assert.equal(out.lppls, "function");
    assert.equal(out.ev, "function");
    assert.equal(out.csv, "function");
    assert.deepEqual(out.node, ["function", "function", "function"]);
    // Deep imports are closed by the exports map.
    const deep = run(
      process.execPath,
      ["-e", 'import("bubblescope/dist/cli/main.js").then(()=>process.exit(0),()=>process.exit(3))'],
      app,
    );
    assert.equal(deep.code, 3);
  });
});
