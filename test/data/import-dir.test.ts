/**
 * `importDir` on files of the project's shared price folder (read in place through symlinks in a temporary
 * folder; skipped with a message when ../shared is absent), and on a generated folder with a bad file.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { describeFileName, importDir } from "../../src/data/import.ts";
import { readPriceSeries } from "../../src/data/read.ts";
import { openStore } from "../../src/data/store.ts";
import { sharedPath, skipWithoutShared } from "../helpers/shared.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-dir-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

test("file names give id, ticker and source", () => {
  assert.deepEqual(describeFileName("nvda_daily_yahoo_2019_2026.csv"), {
    id: "nvda_daily_yahoo_2019_2026",
    ticker: "NVDA",
    source: "yahoo",
    adjusted: true,
  });
  assert.deepEqual(describeFileName("nasdaq_composite_daily_fred.csv"), {
    id: "nasdaq_composite_daily_fred",
    ticker: "^IXIC",
    source: "fred",
    adjusted: false,
  });
  assert.equal(describeFileName("/x/sp500_shiller_monthly.csv").source, "shiller");
});

const FILES = [
  "nvda_daily_yahoo_2019_2026.csv",
  "nasdaq_composite_daily_fred.csv",
  "sp500_shiller_monthly.csv",
  "sox_daily_investing_yahoo_soxldata.csv",
  "csco_daily_yahoo_to2020.csv",
];

test("shared price files import with their ids, tickers and every row", {
  skip: skipWithoutShared("data", "prices"),
}, async () => {
  const src = join(tmp, "shared");
  mkdirSync(src);
  for (const f of FILES) symlinkSync(sharedPath("data", "prices", f), join(src, f));
  const dir = join(tmp, "store-shared");
  const store = await openStore({ dir });
  let r: Awaited<ReturnType<typeof importDir>>;
  try {
    r = await importDir(store, src);
    assert.deepEqual(r.failed, []);
    for (const f of FILES) {
      const lines = readFileSync(sharedPath("data", "prices", f), "utf8")
        .trim()
        .split("\n");
      const info = await store.getSeriesInfo(f.replace(".csv", ""));
      assert.equal(info?.rows, lines.length - 1, f);
      assert.equal(info?.firstDate, lines[1].split(",")[0]);
    }
    const shiller = await store.getSeriesInfo("sp500_shiller_monthly");
    assert.equal(shiller?.valueColumn, "SP500");
    assert.equal(shiller?.frequency, "monthly");
    assert.equal((await store.getSeriesInfo("nvda_daily_yahoo_2019_2026"))?.ticker, "NVDA");
    assert.deepEqual(await store.checkConsistency(), []);
  } finally {
    store.close();
  }
  // PROVENANCE.md: CSCO peak close 80.0625 on 2000-03-27; Nasdaq peak 5048.62 on 2000-03-10.
  const csco = await readPriceSeries("csco_daily_yahoo_to2020", { store: dir, from: "2000-01-01", to: "2000-12-31" });
  const i = csco.values.indexOf(Math.max(...csco.values));
  assert.deepEqual([csco.dates[i], csco.values[i]], ["2000-03-27", 80.0625]);
  const nq = await readPriceSeries("nasdaq_composite_daily_fred", { store: dir, to: "2001-12-31" });
  const j = nq.values.indexOf(Math.max(...nq.values));
  assert.deepEqual([nq.dates[j], nq.values[j]], ["2000-03-10", 5048.62]);
});

test("a bad file is reported and the others are imported", async () => {
  const src = join(tmp, "mixed");
  mkdirSync(src);
  writeFileSync(join(src, "good_daily.csv"), "date,close\n2020-01-02,1\n2020-01-03,2\n");
  writeFileSync(join(src, "bad_daily.csv"), "date,close\n2020-01-02,1\n2020-01-03,n/a2\n");
  writeFileSync(join(src, "notes.txt"), "ignored");
  const store = await openStore({ dir: join(tmp, "store-mixed") });
  try {
    const done: string[] = [];
    const r = await importDir(store, src, (_d, _t, f) => done.push(f));
    assert.deepEqual(
      r.imported.map((x) => x.info.id),
      ["good_daily"],
    );
    assert.deepEqual(r.failed, [
      { file: "bad_daily.csv", error: 'bad_daily.csv: row 3, column "close": "n/a2" is not a number' },
    ]);
    assert.deepEqual(done, ["bad_daily.csv", "good_daily.csv"]);
    assert.deepEqual(
      (await store.listSeries()).map((s) => s.id),
      ["good_daily"],
    );
    await assert.rejects(importDir(store, join(tmp, "nope")), /cannot read the folder/);
  } finally {
    store.close();
  }
});
