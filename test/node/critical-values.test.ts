/**
 * Critical-value infrastructure: bit-identical results for 1 and N worker threads, the checksummed disk cache
 * (corrupted files are recomputed, never trusted), and the corrected bootstraps' properties.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { quantile7 } from "../../src/core/quantile.ts";
import { RandomStream } from "../../src/core/rng.ts";
import {
  buildHlstJob,
  buildMcJob,
  buildPanelJob,
  buildPsJob,
  mcCriticalValues,
  panelCriticalValues,
  psCriticalValues,
  radf,
  runReplications,
} from "../../src/detect/psy/index.ts";
import { computeCriticalValues } from "../../src/node/critical-values.ts";
import { readCachedCv } from "../../src/node/cv-cache.ts";
import { runReplicationsParallel } from "../../src/node/parallel.ts";

const dir = mkdtempSync(join(tmpdir(), "bubblescope-cv-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function walk(n: number, seed: number): number[] {
  const r = new RandomStream(seed);
  let c = 0;
  return Array.from({ length: n }, () => (c += r.normal()));
}

const same = (a: Float64Array | undefined, b: Float64Array | undefined) =>
  a !== undefined &&
  b !== undefined &&
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe("parallel replications", () => {
  const y = walk(80, 1);
  for (const [label, job] of [
    ["mc", buildMcJob(80, { seed: 5 })],
    ["wb-hlst", buildHlstJob(y, { seed: 5 })],
    ["wb-ps (BIC per window)", buildPsJob(y, { seed: 5, test: { ic: "bic", maxLag: 2 } })],
    ["sb-panel", buildPanelJob([y, walk(80, 2)], { seed: 5 })],
  ] as const) {
    test(`${label}: 1 and 3 worker threads give bit-identical statistics`, async () => {
      const a = await runReplicationsParallel(job, 60, "both", { threads: 1 });
      const b = await runReplicationsParallel(job, 60, "both", { threads: 3 });
      assert.ok(same(a.gsadf, b.gsadf), "gsadf");
      assert.ok(same(a.bsadf, b.bsadf), "bsadf");
      if (label !== "sb-panel") assert.ok(same(a.badf, b.badf) && same(a.adf, b.adf), "badf/adf");
    });
  }
  test("a replication's draws do not depend on the slice it runs in", () => {
    const job = buildMcJob(60, { seed: 3 });
    const whole = runReplications(job, 0, 10, "both");
    const tail = runReplications(job, 6, 10, "both");
    assert.ok(same(whole.gsadf.subarray(6), tail.gsadf));
  });
});

describe("critical-value cache", () => {
  test("a second call is a cache hit with an identical table; every parameter is in the key", async () => {
    const statuses: string[] = [];
    const req = { method: "mc" as const, n: 60, options: { nrep: 50, seed: 1 } };
    const a = await computeCriticalValues(req, { cacheDir: dir, onCache: (s) => statuses.push(s) });
    const b = await computeCriticalValues(req, { cacheDir: dir, onCache: (s) => statuses.push(s) });
    assert.deepEqual(statuses, ["miss", "hit"]);
    assert.deepEqual(b, a);
    await computeCriticalValues(
      { ...req, options: { nrep: 50, seed: 2 } },
      { cacheDir: dir, onCache: (s) => statuses.push(s) },
    );
    await computeCriticalValues(
      { ...req, options: { nrep: 50, seed: 1, bsadfRule: "psy2015" } },
      { cacheDir: dir, onCache: (s) => statuses.push(s) },
    );
    assert.deepEqual(statuses.slice(2), ["miss", "miss"]);
  });
  test("a corrupted or tampered file is detected and recomputed, never trusted", async () => {
    const req = { method: "mc" as const, n: 61, options: { nrep: 40, seed: 1 } };
    const good = await computeCriticalValues(req, { cacheDir: dir });
    const file = readdirSync(dir)
      .map((f) => join(dir, f))
      .find((f) => readFileSync(f, "utf8").includes('"n":61'))!;
    // 1. Truncated file.
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.slice(0, text.length / 2));
    const statuses: string[] = [];
    const again = await computeCriticalValues(req, { cacheDir: dir, onCache: (s) => statuses.push(s) });
    assert.deepEqual(again, good);
    // 2. Payload edited but checksum kept.
    const doc = JSON.parse(readFileSync(file, "utf8"));
    doc.payload = doc.payload.replace(/"gsadf":\[[^\]]*\]/, '"gsadf":[9,9,9]');
    writeFileSync(file, JSON.stringify(doc));
    assert.equal(readCachedCv({}, dir).status, "miss");
    const third = await computeCriticalValues(req, { cacheDir: dir, onCache: (s) => statuses.push(s) });
    assert.deepEqual(third.gsadf, good.gsadf);
    assert.deepEqual(statuses, ["corrupt", "corrupt"]);
    assert.equal(readdirSync(dir).filter((f) => f.endsWith(".tmp")).length, 0, "no temporary files left");
  });
});

describe("bootstraps", () => {
  test("Phillips–Shi: fresh multipliers per observation — the bootstrap series vary across replications and are not a rescaled copy", () => {
    const y = walk(120, 4);
    const job = buildPsJob(y, { seed: 1 });
    const out = runReplications(job, 0, 200, "both");
    // psymonitor's bug (one multiplier for all residuals) makes every replication a scaled residual bootstrap;
    // with fresh draws the GSADF distribution has real spread.
    const [q10, q90] = quantile7(out.gsadf, [0.1, 0.9]);
    assert.ok(q90 - q10 > 0.5, `spread ${q90 - q10}`);
  });
  test("Phillips–Shi with tb: family-wise cvs are constant over observations and exceed pointwise ones at the same level", () => {
    const y = walk(150, 8);
    const fw = psCriticalValues(y, { tb: 40, nrep: 199, seed: 2 });
    assert.equal(fw.tb, 40);
    assert.ok(fw.bsadf.every((row) => row[1] === fw.gsadf[1]));
    const pw = psCriticalValues(y, { nrep: 199, seed: 2 });
    const meanPointwise = pw.bsadf.reduce((a, r) => a + r[1], 0) / pw.bsadf.length;
    assert.ok(fw.gsadf[1] > meanPointwise, `${fw.gsadf[1]} vs ${meanPointwise}`);
  });
  test("panel sieve bootstrap: the statistic is the mean of every series' BSADF (exuber's bug used only the last)", () => {
    const a = walk(70, 11);
    const b = walk(70, 12);
    const r = radf([
      { name: "a", values: a },
      { name: "b", values: b },
    ]);
    const mean = r.series[0].bsadf.map((v, k) => (v + r.series[1].bsadf[k]) / 2);
    r.panel!.bsadf.forEach((v, k) => assert.ok(Math.abs(v - mean[k]) < 1e-12));
    const cv = panelCriticalValues([a, b], { nrep: 50, seed: 1 });
    assert.equal(cv.method, "sb-panel");
    assert.equal(cv.bsadf.length, r.panel!.bsadf.length);
    assert.throws(() => panelCriticalValues([a]), /at least 2 series/);
  });
  test("MC seeds: same seed bit-identical, different seed different", () => {
    const a = mcCriticalValues(50, { nrep: 30, seed: 4 });
    const b = mcCriticalValues(50, { nrep: 30, seed: 4 });
    const c = mcCriticalValues(50, { nrep: 30, seed: 5 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.gsadf, c.gsadf);
    assert.throws(() => mcCriticalValues(50, { nrep: 1 }), /nrep must be an integer >= 2/);
    assert.throws(() => mcCriticalValues(50, { seed: 1.5 }), /seed must be an integer/);
  });
});
