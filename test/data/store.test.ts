/** The DuckDB store: migrations, atomic replace, round trip, Parquet, removal, consistency, readPriceSeries. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { exportSeries } from "../../src/data/export.ts";
import { importCsvFile, importCsvText } from "../../src/data/import.ts";
import { SCHEMA_VERSION } from "../../src/data/migrations.ts";
import { resolveStoreDir } from "../../src/data/paths.ts";
import type { PriceRows } from "../../src/data/price-csv.ts";
import { readPriceSeries } from "../../src/data/read.ts";
import { openStore } from "../../src/data/store.ts";
import { FIXTURES, fixture } from "./helpers/loopback.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-store-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => join(tmp, `s${n++}`);

const prov = { source: "test", sourceUrl: "mem://x", retrievedAt: "2025-01-02T03:04:05Z", checksum: "ab", bytes: 2 };
const rows = (dates: string[], close: number[]): PriceRows => ({
  dates,
  close,
  open: close.map(() => null),
  high: close.map(() => null),
  low: close.map(() => null),
  adj_close: close.map(() => null),
  volume: close.map(() => null),
});

test("store directory: --store, then BUBBLESCOPE_HOME, then XDG_DATA_HOME, then ~/.local/share", () => {
  assert.equal(resolveStoreDir("/a", { BUBBLESCOPE_HOME: "/b" }), "/a");
  assert.equal(resolveStoreDir(undefined, { BUBBLESCOPE_HOME: "/b", XDG_DATA_HOME: "/c" }), "/b");
  assert.equal(resolveStoreDir(undefined, { XDG_DATA_HOME: "/c" }), "/c/bubblescope");
  assert.equal(resolveStoreDir(undefined, { HOME: "/h" }), "/h/.local/share/bubblescope");
});

test("a fresh store is migrated to the latest schema; reopening applies nothing twice", async () => {
  const dir = freshDir();
  const s1 = await openStore({ dir });
  assert.equal(await s1.schemaVersion(), SCHEMA_VERSION);
  s1.close();
  const s2 = await openStore({ dir });
  assert.equal(await s2.schemaVersion(), SCHEMA_VERSION);
  assert.deepEqual(await s2.checkConsistency(), []);
  s2.close();
});

test("a store written by a newer bubblescope is refused with a clear message", async () => {
  const dir = freshDir();
  const s = await openStore({ dir });
  // biome-ignore lint/complexity/useLiteralKeys: reaching the private connection on purpose
  await s["conn"].run("INSERT INTO schema_version VALUES (99, 'future', now()::TIMESTAMP)");
  s.close();
  await assert.rejects(
    openStore({ dir }),
    new RegExp(`schema version 99, newer than this bubblescope understands \\(${SCHEMA_VERSION}\\)`),
  );
});

test("round trip: import → export CSV → import gives identical rows (shared-format fixture)", async () => {
  const store = await openStore({ dir: freshDir() });
  try {
    const a = await importCsvFile(store, join(FIXTURES, "csv", "unadjusted_split.csv"), { id: "SPLIT" });
    assert.equal(a.info.rows, 7);
    const csv = await exportSeries(store, "SPLIT", "csv");
    await importCsvText(store, csv, "export.csv", { id: "SPLIT2" });
    assert.deepEqual(await store.getPrices("SPLIT2"), await store.getPrices("SPLIT"));
    const again = await exportSeries(store, "SPLIT2", "csv");
    assert.equal(again, csv);
    const orig = await store.getPrices("SPLIT");
    assert.equal(orig.volume[6], null);
    assert.equal(orig.close[3], 1208.88);
  } finally {
    store.close();
  }
});

test("JSON and Parquet exports carry the same rows", async () => {
  const dir = freshDir();
  const store = await openStore({ dir });
  try {
    await importCsvText(store, fixture("fred", "fredgraph_NASDAQCOM.csv"), "nasdaq.csv", { id: "NASDAQCOM" });
    const doc = JSON.parse(await exportSeries(store, "NASDAQCOM", "json"));
    assert.equal(doc.info.id, "NASDAQCOM");
    assert.equal(doc.rows.length, 14);
    assert.deepEqual(Object.keys(doc.rows[0]), ["date", "close"]);
    assert.equal(doc.rows[0].close, 15074.57);
    const file = join(dir, "n.parquet");
    await exportSeries(store, "NASDAQCOM", "parquet", file);
    // Read the Parquet file back through DuckDB.
    // biome-ignore lint/complexity/useLiteralKeys: test reads through the private connection
    const r = await store["conn"].runAndReadAll(`SELECT count(*) AS n, sum(close) AS s FROM read_parquet('${file}')`);
    const row = r.getRowObjectsJson()[0];
    assert.equal(Number(row.n), 14);
    const sum = (await store.getPrices("NASDAQCOM")).close.reduce((x, y) => x + y, 0);
    assert.ok(Math.abs(Number(row.s) - sum) < 1e-6);
    await assert.rejects(exportSeries(store, "NASDAQCOM", "parquet"), /needs --out FILE/);
    await assert.rejects(exportSeries(store, "NOPE", "csv"), /no series "NOPE"/);
  } finally {
    store.close();
  }
});

test("replacing a series is atomic: a failure mid-write leaves the previous version intact", async () => {
  const store = await openStore({ dir: freshDir() });
  try {
    await store.putSeries(
      { id: "A", source: "t", adjusted: false, valueColumn: "close" },
      rows(["2020-01-02", "2020-01-03"], [1, 2]),
      prov,
    );
    const bad = { ...rows(["2021-01-04", "2021-01-05", "2021-01-06"], [5, 6, 7]), open: [1, 2, Number.NaN] };
    await assert.rejects(
      store.putSeries({ id: "A", source: "t", adjusted: false, valueColumn: "close" }, bad, {
        ...prov,
        checksum: "cd",
      }),
      /non-finite value NaN/,
    );
    const info = await store.getSeriesInfo("A");
    assert.equal(info?.rows, 2);
    assert.deepEqual((await store.getPrices("A")).close, [1, 2]);
    assert.equal(info?.provenance.checksum, "ab");
    assert.deepEqual(await store.checkConsistency(), []);
    assert.equal((await store.listProvenance()).length, 1);
  } finally {
    store.close();
  }
});

test("putSeries validates ids, dates and values before writing", async () => {
  const store = await openStore({ dir: freshDir() });
  try {
    const meta = { source: "t", adjusted: false, valueColumn: "close" };
    await assert.rejects(
      store.putSeries({ ...meta, id: "bad id" }, rows(["2020-01-02"], [1]), prov),
      /invalid series id/,
    );
    await assert.rejects(
      store.putSeries({ ...meta, id: "X" }, rows(["2020-01-03", "2020-01-02"], [1, 2]), prov),
      /not strictly increasing/,
    );
    await assert.rejects(
      store.putSeries({ ...meta, id: "X" }, rows(["2020-01-02"], [Number.POSITIVE_INFINITY]), prov),
      /not finite/,
    );
    await assert.rejects(store.putSeries({ ...meta, id: "X" }, rows([], []), prov), /no rows/);
    assert.deepEqual(await store.listSeries(), []);
  } finally {
    store.close();
  }
});

test("remove deletes rows, metadata and unreferenced provenance", async () => {
  const store = await openStore({ dir: freshDir() });
  try {
    await importCsvText(store, "date,close\n2020-01-02,1\n2020-01-03,2\n", "a.csv", { id: "A" });
    await importCsvText(store, "date,close\n2020-01-02,3\n", "b.csv", { id: "B" });
    assert.equal(await store.removeSeries("A"), true);
    assert.equal(await store.removeSeries("A"), false);
    assert.deepEqual(
      (await store.listSeries()).map((s) => s.id),
      ["B"],
    );
    assert.equal((await store.listProvenance()).length, 1);
    assert.deepEqual(await store.checkConsistency(), []);
  } finally {
    store.close();
  }
});

test("readPriceSeries: a column as Float64Array, range filter, missing cells are an error unless dropped", async () => {
  const dir = freshDir();
  const store = await openStore({ dir });
  await importCsvText(store, fixture("csv", "unadjusted_split.csv"), "s.csv", { id: "S", ticker: "NVDA" });
  store.close();
  const s = await readPriceSeries("S", { store: dir, column: "adj_close", from: "2024-06-05", to: "2024-06-10" });
  assert.deepEqual(s.dates, ["2024-06-05", "2024-06-06", "2024-06-07", "2024-06-08", "2024-06-10"]);
  assert.ok(s.values instanceof Float64Array);
  assert.equal(s.values[4], 121.75);
  assert.equal(s.info.ticker, "NVDA");
  await assert.rejects(
    readPriceSeries("S", { store: dir, column: "volume" }),
    /column volume is missing on 2024-06-11/,
  );
  const v = await readPriceSeries("S", { store: dir, column: "volume", missing: "drop" });
  assert.equal(v.dropped, 1);
  assert.equal(v.values.length, 6);
  await assert.rejects(readPriceSeries("NOPE", { store: dir }), /no series "NOPE"/);
});

test("a second process cannot open the store while it is in use (clear message)", async () => {
  const dir = freshDir();
  const store = await openStore({ dir });
  try {
    const { spawnSync } = await import("node:child_process");
    const file = join(dir, "open.mts");
    writeFileSync(
      file,
      `import { openStore } from ${JSON.stringify(join(process.cwd(), "src/data/store.ts"))};\ntry { (await openStore({ dir: ${JSON.stringify(dir)} })).close(); console.log("opened"); } catch (e) { console.log((e as Error).message); }\n`,
    );
    const r = spawnSync(process.execPath, ["--import", "tsx", file], { encoding: "utf8", timeout: 20000 });
    assert.match(r.stdout, /is in use by another process \(PID \d+\); wait for it to finish/);
  } finally {
    store.close();
  }
});

test("SIGKILL inside a store transaction: the next open sees the last committed version", async () => {
  const dir = freshDir();
  const { spawn } = await import("node:child_process");
  const file = join(tmp, `killtx-${n}.mts`);
  const src = JSON.stringify(join(process.cwd(), "src/data/store.ts"));
  const imp = JSON.stringify(join(process.cwd(), "src/data/import.ts"));
  writeFileSync(
    file,
    `import { openStore } from ${src};
import { importCsvText } from ${imp};
const store = await openStore({ dir: ${JSON.stringify(dir)} });
await importCsvText(store, "date,close\\n2020-01-02,1\\n2020-01-03,2\\n2020-01-06,3\\n", "a.csv", { id: "A" });
await store.transaction(async () => {
  // A replacement in progress: old rows deleted, metadata gone, new rows half written.
  await store["conn"].run("DELETE FROM prices WHERE series_id = 'A'");
  await store["conn"].run("DELETE FROM series WHERE id = 'A'");
  await store["conn"].run("INSERT INTO prices VALUES ('A', '2021-01-04', NULL, NULL, NULL, 9, NULL, NULL)");
  process.stdout.write("in-transaction\\n");
  await new Promise(() => {});
});
`,
  );
  const child = spawn(process.execPath, ["--import", "tsx", file], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("child never reached the transaction")), 20000);
    child.stdout?.on("data", (d: Buffer) => {
      if (d.toString().includes("in-transaction")) {
        clearTimeout(t);
        resolve();
      }
    });
  });
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
  const store = await openStore({ dir });
  try {
    assert.deepEqual(await store.checkConsistency(), []);
    assert.deepEqual((await store.getPrices("A")).close, [1, 2, 3]);
    assert.equal((await store.getSeriesInfo("A"))?.rows, 3);
  } finally {
    store.close();
  }
});

test("checkConsistency reports orphan rows, wrong counts and missing provenance", async () => {
  const store = await openStore({ dir: freshDir() });
  try {
    await importCsvText(store, "date,close\n2020-01-02,1\n2020-01-03,2\n", "a.csv", { id: "A" });
    // biome-ignore lint/complexity/useLiteralKeys: corrupting the store on purpose through the private connection
    const conn = store["conn"];
    await conn.run("INSERT INTO prices VALUES ('GHOST', '2020-01-02', NULL, NULL, NULL, 1, NULL, NULL)");
    await conn.run("DELETE FROM prices WHERE series_id = 'A' AND date = '2020-01-03'");
    await conn.run("DELETE FROM provenance");
    assert.deepEqual(await store.checkConsistency(), [
      "series A: 1 price rows, metadata says 2",
      "price rows without a series: GHOST",
      "series A: provenance row missing",
    ]);
  } finally {
    store.close();
  }
});
