/**
 * The dashboard's read-only Scan API (GET /api/scan/runs, /api/scan/latest, /api/scan/runs/:id) with real HTTP
 * requests to the real app on an ephemeral port, against a temporary data store filled by the real `bubblescope
 * scan` and `monitor` commands (test/web/scan-fixture.ts): what the API serves equals what the CLI printed, the
 * changes since the previous run are the ones `monitor` finds, filters and limits bound the answer, bad query
 * parameters are 400 (never 500), no store or no run is a clear 404/empty answer naming the command to run, and a
 * store locked by a writer is 503 with Retry-After. The API never writes: the store's file is unchanged.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { serve } from "@hono/node-server";
import { diffScans } from "../../src/scan/changes.ts";
import type { ScanRunPayload, ScanRunsPayload } from "../../src/web/client/types.ts";
import { createApp } from "../../src/web/server/app.ts";
import { storeScanSource } from "../../src/web/server/scans.ts";
import { makeScanFixture, type ScanFixture } from "./scan-fixture.ts";

let fx: ScanFixture;
const servers: Server[] = [];

async function listen(storeDir: string | null): Promise<string> {
  const app = createApp({
    clientDir: "/nonexistent",
    report: () => ({ state: "building" }),
    evidence: () => null,
    figures: () => [],
    listSeries: () => [],
    loadSeries: () => null,
    ...(storeDir !== null ? { scans: storeScanSource(storeDir) } : {}),
  });
  const s = await new Promise<Server>((res) => {
    const srv = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => res(srv as Server)) as Server;
  });
  servers.push(s);
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

let base = "";
const get = async (path: string, root = base) => {
  const r = await fetch(`${root}${path}`);
  return { status: r.status, headers: r.headers, body: (await r.json()) as Record<string, unknown> };
};

before(
  async () => {
    fx = makeScanFixture();
    base = await listen(fx.home);
  },
  { timeout: 180_000 },
);

after(async () => {
  for (const s of servers) await new Promise<void>((res) => s.close(() => res()));
  fx?.cleanup();
});

describe("GET /api/scan/*", { timeout: 120_000 }, () => {
  test("runs: every recorded run, newest first, with counts; filters by watchlist and kind", async () => {
    const r = await get("/api/scan/runs");
    assert.equal(r.status, 200);
    const b = r.body as unknown as ScanRunsPayload;
    assert.equal(b.store, fx.home);
    assert.equal(b.total, 3);
    assert.deepEqual(b.baskets, ["demo"]);
    assert.deepEqual(
      b.runs.map((x) => [x.kind, x.asOf, x.series, x.failed, x.explosive]),
      [
        ["monitor", null, 4, 1, fx.monitor.scan.meta.counts.explosive],
        ["scan", null, 4, 1, fx.latest.meta.counts.explosive],
        ["scan", "2024-01-31", 4, 1, fx.early.meta.counts.explosive],
      ],
    );
    assert.ok(b.runs[0].finishedAt >= b.runs[1].finishedAt && b.runs[1].finishedAt >= b.runs[2].finishedAt);
    const scans = (await get("/api/scan/runs?kind=scan&limit=1")).body as unknown as ScanRunsPayload;
    assert.equal(scans.total, 2);
    assert.equal(scans.runs.length, 1, "limit bounds the rows");
    assert.equal(scans.runs[0].kind, "scan");
    const none = (await get("/api/scan/runs?watchlist=ai")).body as unknown as ScanRunsPayload;
    assert.equal(none.total, 0);
    assert.deepEqual(none.runs, []);
  });

  test("latest: the monitor run's document equals the CLI's JSON, with the changes monitor recorded", async () => {
    const r = await get("/api/scan/latest?watchlist=demo");
    assert.equal(r.status, 200);
    const b = r.body as unknown as ScanRunPayload;
    assert.equal(b.run.kind, "monitor");
    assert.equal(b.run.id, fx.monitor.runId);
    assert.deepEqual(b.scan, fx.monitor.scan);
    assert.equal(b.truncated, null);
    assert.equal(b.previous, null, "the first monitor run has no previous monitor run");
    assert.deepEqual(b.changes.items, fx.monitor.changes);
    assert.ok(
      b.changes.items.some((c) => c.kind === "new-alarm" && c.series === "BOOM"),
      "the synthetic boom is a new alarm",
    );
    assert.match(b.changes.source, /recorded by `bubblescope monitor`/);
  });

  test("latest scan: changes since the previous scan are diffScans of the two recorded documents", async () => {
    const b = (await get("/api/scan/latest?kind=scan")).body as unknown as ScanRunPayload;
    assert.equal(b.run.kind, "scan");
    assert.deepEqual(b.scan, fx.latest);
    assert.equal(b.previous?.asOf, "2024-01-31");
    assert.deepEqual(
      b.changes.items,
      diffScans(fx.early.series, fx.latest.series, fx.latest.meta.settings.lpplsSignal),
    );
    const boom = fx.latest.series.find((s) => s.name === "BOOM");
    assert.ok(boom?.current.explosive, "BOOM explosive on the latest data");
    assert.ok(
      b.changes.items.some((c) => c.kind === "new-alarm" && c.series === "BOOM" && c.date === boom.current.since),
    );
    // The breadth is served as recorded: its last value is the share explosive at the last date.
    const last = b.scan.breadth.share[b.scan.breadth.share.length - 1];
    assert.equal(last, fx.latest.breadth.share[fx.latest.breadth.share.length - 1]);
  });

  test("a run by id; the first run of a basket has nothing to compare with; limit cuts the ranked rows only", async () => {
    const runs = ((await get("/api/scan/runs")).body as unknown as ScanRunsPayload).runs;
    const early = runs[2];
    const b = (await get(`/api/scan/runs/${early.id}?limit=2`)).body as unknown as ScanRunPayload;
    assert.equal(b.run.id, early.id);
    assert.equal(b.previous, null);
    assert.deepEqual(b.changes.items, []);
    assert.match(b.changes.source, /first run/);
    assert.deepEqual(b.truncated, { shown: 2, of: 4 });
    assert.deepEqual(b.scan.series, fx.early.series.slice(0, 2), "ranked order kept");
    assert.deepEqual(b.scan.breadth, fx.early.breadth, "breadth covers the whole basket");
    assert.deepEqual(b.scan.meta.counts, fx.early.meta.counts);
  });

  test("bad parameters are 400 naming the field, never 500", async () => {
    const cases: [string, RegExp][] = [
      ["/api/scan/runs?foo=1", /unrecognized|foo/i],
      ["/api/scan/runs?limit=0", /^limit/],
      ["/api/scan/runs?limit=501", /^limit/],
      ["/api/scan/runs?limit=abc", /^limit/],
      ["/api/scan/runs?kind=both", /^kind/],
      ["/api/scan/latest?until=2026-02-30", /^until/],
      ["/api/scan/latest?until=yesterday", /^until/],
      ["/api/scan/latest?watchlist=..%2F..%2Fetc", /^watchlist/],
      ["/api/scan/runs/not-a-run", /^id/],
      ["/api/scan/runs/scan-20260101000000-abcdef12?x=1", /unrecognized|x/i],
    ];
    for (const [path, re] of cases) {
      const r = await get(path);
      assert.equal(r.status, 400, `${path}: ${JSON.stringify(r.body)}`);
      assert.match(String(r.body.error), re, path);
    }
    const wrong = await fetch(`${base}/api/scan/latest`, { method: "POST" });
    assert.equal(wrong.status, 405);
  });

  test("until: the latest run recorded by a day; none recorded by then is 404 with the command to run", async () => {
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await get(`/api/scan/latest?until=${today}`)).status, 200);
    const old = await get("/api/scan/latest?until=2020-01-01");
    assert.equal(old.status, 404);
    assert.match(String(old.body.error), /no scan run recorded by 2020-01-01.*run `bubblescope scan/);
  });

  test("no run / no store: 404 (latest, by id) or an empty list, each saying to run `bubblescope scan` first", async () => {
    const ai = await get("/api/scan/latest?watchlist=ai");
    assert.equal(ai.status, 404);
    assert.match(String(ai.body.error), /no scan run of watchlist ai .*run `bubblescope scan/);
    const id = await get("/api/scan/runs/scan-20200101000000000-abcdef12");
    assert.equal(id.status, 404);
    const empty = await listen(join(fx.home, "no-store-here"));
    const l = await get("/api/scan/latest", empty);
    assert.equal(l.status, 404);
    assert.match(String(l.body.error), /no data store at .*no-store-here.*run `bubblescope scan/);
    const runs = await get("/api/scan/runs", empty);
    assert.equal(runs.status, 200);
    assert.deepEqual(runs.body.runs, []);
    assert.match(String(runs.body.message), /run `bubblescope scan/);
    const none = await listen(null);
    assert.equal((await get("/api/scan/latest", none)).status, 404);
  });

  test("the API never writes to the store", async () => {
    const db = join(fx.home, "bubblescope.duckdb");
    const before = readFileSync(db);
    for (const p of ["/api/scan/runs", "/api/scan/latest", "/api/scan/latest?kind=scan", "/api/scan/runs?limit=1"])
      assert.equal((await get(p)).status, 200, p);
    assert.ok(readFileSync(db).equals(before), "the store file is unchanged by the API");
  });

  test("a store held by a writer answers 503 with Retry-After, then is served again", async () => {
    // A writer in another process holds DuckDB's file lock (as `bubblescope scan` does while recording).
    const store = join(import.meta.dirname, "../../src/data/store.ts");
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import(${JSON.stringify(store)}).then(async (m) => { await m.openStore({ dir: ${JSON.stringify(fx.home)} }); console.log("open"); setTimeout(() => {}, 60000); });`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((res, rej) => {
        child.stdout.on("data", (d: Buffer) => d.toString().includes("open") && res());
        child.once("exit", (c) => rej(new Error(`writer exited ${c}`)));
      });
      const r = await get("/api/scan/latest");
      assert.equal(r.status, 503, JSON.stringify(r.body));
      assert.equal(r.headers.get("retry-after"), "2");
      assert.match(String(r.body.error), /in use by another process/);
    } finally {
      child.kill("SIGKILL");
      if (child.exitCode === null) await new Promise((res) => child.once("exit", res));
    }
    assert.equal((await get("/api/scan/latest")).status, 200, "served again once the writer is gone");
  });
});
