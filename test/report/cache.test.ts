/**
 * The report's model-and-charts cache (src/node/model-cache.ts, used by src/report/run.ts): a second run on the same
 * inputs reads the model and the rendered charts from the cache and writes the same report; any input that the
 * model depends on changes the key; --no-cache rebuilds; a corrupt entry is a miss, never a failure.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import {
  readCachedCharts,
  readCachedModel,
  reportModelKey,
  writeCachedCharts,
  writeCachedModel,
} from "../../src/node/model-cache.ts";
import { runCli } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "bubblescope-report-cache-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  ledgerText: "id,value\nE1,1\n",
  dealsText: "id\n",
  predictionsText: "{}\n",
  today: "2026-12-05",
  asOf: null,
  inputs: { roles: [{ key: "NVDA", series: { dates: ["2025-01-02"], values: [1] } }], secFigures: [], snapshot: null },
  seed: 123,
  nrep: 2000,
  draws: 2000,
  version: "0.1.0/1",
};

test("the key changes with every input the model depends on, and only with them", () => {
  const k = reportModelKey(base);
  assert.equal(reportModelKey({ ...base }), k, "same inputs, same key");
  const variants = [
    { ledgerText: "id,value\nE1,2\n" },
    { dealsText: "id\nD1\n" },
    { predictionsText: "{ }\n" },
    { today: "2026-12-06" },
    { asOf: "2000-06-30" },
    { inputs: { ...base.inputs, roles: [{ key: "NVDA", series: { dates: ["2025-01-02"], values: [2] } }] } },
    { inputs: { ...base.inputs, secFigures: [{ id: "SEC-X" }] } },
    { seed: 124 },
    { nrep: 1999 },
    { draws: 1000 },
    { version: "0.1.1/1" },
  ];
  const keys = new Set([k, ...variants.map((v) => reportModelKey({ ...base, ...v }))]);
  assert.equal(keys.size, variants.length + 1, "every variant has its own key");
  // Without a predictions ledger the judging date does not enter the key (the dashboard's model).
  const noPred = { ...base, predictionsText: null };
  assert.equal(reportModelKey(noPred), reportModelKey({ ...noPred, today: "1999-01-01" }));
});

test("models and charts round-trip; an unreadable entry is a miss", () => {
  const cache = join(dir, "unit");
  const key = "a".repeat(64);
  assert.equal(readCachedModel(key, cache), undefined);
  writeCachedModel(key, { x: [1, 2] }, cache);
  assert.deepEqual(readCachedModel(key, cache), { x: [1, 2] });
  const png = new Uint8Array([137, 80, 78, 71, 0, 255]);
  writeCachedCharts(key, { svgs: new Map([["c", "<svg/>"]]), pngs: new Map([["c", png]]) }, cache);
  const back = readCachedCharts(key, cache);
  assert.equal(back?.svgs.get("c"), "<svg/>");
  assert.deepEqual(back?.pngs.get("c"), png);
  writeFileSync(join(cache, "models", `${key}.json`), "{ truncated");
  assert.equal(readCachedModel(key, cache), undefined);
  assert.deepEqual(
    readdirSync(join(cache, "models")).filter((f) => f.includes(".tmp")),
    [],
    "no temporary left behind",
  );
});

describe("bubblescope report twice on the same inputs", () => {
  const cache = join(dir, "cli");
  const env = { BUBBLESCOPE_CACHE: cache, BUBBLESCOPE_HOME: join(dir, "no-store") };
  const args = (out: string, ...more: string[]) => ["report", "--out", join(dir, out), "--nrep", "19", ...more];
  const files = (out: string) => ({
    json: readFileSync(join(dir, out, "report.json"), "utf8"),
    html: readFileSync(join(dir, out, "index.html"), "utf8"),
    charts: readdirSync(join(dir, out, "charts")).sort(),
  });
  test("the second run reads the cache and writes the same report; --no-cache rebuilds it", () => {
    const first = runCli(args("a"), env);
    assert.equal(first.code, 0, first.stderr);
    assert.doesNotMatch(first.stdout, /from the cache/);
    const second = runCli(args("b"), env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /model and charts from the cache/);
    const [a, b] = [files("a"), files("b")];
    assert.equal(b.json, a.json);
    assert.equal(b.html, a.html);
    assert.deepEqual(b.charts, a.charts);
    assert.ok(a.charts.some((c) => c.endsWith(".png")) && a.charts.some((c) => c.endsWith(".svg")));
    const rebuilt = runCli(args("c", "--no-cache"), env);
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    assert.doesNotMatch(rebuilt.stdout, /from the cache/);
    assert.equal(files("c").json, a.json, "a rebuilt model equals the cached one (seeded)");
  });
});
