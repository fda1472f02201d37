/**
 * The dashboard opens at once: `startServer` listens before any heavy work (well within 1 s), GET /api/report
 * answers 503 with the background build's progress, then the model; a restart with the same inputs reads the model
 * from the on-disk cache (keyed by a hash of ledger, deals, prices, seed, nrep and code version) and equals it.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { REPORT_SERIES } from "../../src/analysis/series.ts";
import { startServer } from "../../src/web/server/start.ts";

const tmp = mkdtempSync(join(tmpdir(), "bubblescope-startup-"));
process.env.BUBBLESCOPE_CACHE = join(tmp, "cache");
delete process.env.BUBBLESCOPE_DATA;
// A client folder newer than every source, so no client build runs in this test.
const clientDir = join(tmp, "client");
mkdirSync(clientDir);
writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>test</title>");
const options = { port: 0, nrep: 19, seed: 7, clientDir, storeDir: join(tmp, "no-store") };
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("dashboard start-up", () => {
  let first: unknown;
  test("listens at once, reports progress while building, then serves the model", async () => {
    const t0 = performance.now();
    const s = await startServer(options);
    const listening = performance.now() - t0;
    try {
      const r = await fetch(`${s.url}api/report`);
      const answered = performance.now() - t0;
      assert.ok(listening < 1000 && answered < 1000, `listening after ${listening} ms, answered after ${answered} ms`);
      assert.equal(r.status, 503);
      assert.equal(r.headers.get("retry-after"), "1");
      const body = (await r.json()) as { status: string; progress: { step: string; done: number; total: number } };
      assert.equal(body.status, "building");
      assert.ok(body.progress.total > 1 && body.progress.done < body.progress.total, JSON.stringify(body));
      assert.equal(typeof body.progress.step, "string");
      const ready = await s.ready;
      assert.deepEqual(ready, { state: "ready", cached: false });
      const ok = await fetch(`${s.url}api/report`);
      assert.equal(ok.status, 200);
      first = await ok.json();
      assert.equal((first as { run: { nrep: number; seed: number } }).run.nrep, 19);
      const ev = await fetch(`${s.url}api/evidence`);
      assert.equal(ev.status, 200);
      assert.equal(
        ((await ev.json()) as { prices: unknown[] }).prices.length,
        REPORT_SERIES.length,
        "snapshot prices in the bundle",
      );
    } finally {
      await s.close();
    }
  });

  test("a restart with the same inputs reads the model from the cache, equal to the built one", async () => {
    const s = await startServer(options);
    try {
      assert.deepEqual(await s.ready, { state: "ready", cached: true });
      const r = await fetch(`${s.url}api/report`);
      assert.equal(r.status, 200);
      assert.deepEqual(await r.json(), first);
    } finally {
      await s.close();
    }
  });

  test("another seed is another cache entry (built, not read)", async () => {
    const s = await startServer({ ...options, seed: 8 });
    try {
      const ready = await s.ready;
      assert.equal(ready.cached, false);
    } finally {
      await s.close();
    }
  });
});
