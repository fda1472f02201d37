/**
 * Where watchlist members come from: the report's order of sources — --data, the data store, $BUBBLESCOPE_DATA,
 * the bundled snapshot — the first holding the member with data up to the as-of date; never the research folder
 * beside the repository. And every shipped watchlist member is bundled, over the spans the report's breadth needs.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  inputsFromWatchlist,
  loadWatchlist,
  priceDirs,
  SNAPSHOT_PRICE_DIR,
  type StoreReader,
  shippedWatchlists,
  watchlistSourcesLine,
} from "../../src/node/scan-inputs.ts";
import { SNAPSHOT_FILES, snapshotManifest } from "../../src/report/snapshot.ts";
import { parseWatchlist } from "../../src/scan/watchlist.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-wl-src-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const savedEnv = process.env.BUBBLESCOPE_DATA;
after(() => {
  if (savedEnv === undefined) delete process.env.BUBBLESCOPE_DATA;
  else process.env.BUBBLESCOPE_DATA = savedEnv;
});

/** A folder holding `file` with closes on the given dates. */
function folder(name: string, file: string, dates: readonly string[]): string {
  const dir = join(tmp, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, file), `date,close\n${dates.map((d, i) => `${d},${10 + i}`).join("\n")}\n`);
  return dir;
}
function fakeStore(series: Record<string, readonly string[]>): StoreReader {
  return {
    has: async (id) => id in series,
    read: async (id) => ({ name: id, dates: [...series[id]], values: series[id].map((_, i) => 100 + i) }),
    list: async () => Object.keys(series),
  };
}

const wl = parseWatchlist(
  JSON.stringify({
    name: "t",
    title: "t",
    why: "test",
    members: [{ symbol: "NVDA", files: ["nvda_daily_yahoo_2019_2026.csv"], store: ["NVDA"] }],
  }),
  "t",
);

test("order: --data, then the store, then $BUBBLESCOPE_DATA, then the bundled snapshot", async () => {
  const data = folder("data", "nvda_daily_yahoo_2019_2026.csv", ["2024-01-02", "2024-01-03"]);
  const env = folder("env", "nvda_daily_yahoo_2019_2026.csv", ["2023-01-02", "2023-01-03", "2023-01-04"]);
  process.env.BUBBLESCOPE_DATA = env;
  const store = fakeStore({ NVDA: ["2022-01-03", "2022-01-04"] });
  const origin = async (o: Parameters<typeof inputsFromWatchlist>[1]) => (await inputsFromWatchlist(wl, o))[0].origin;
  assert.equal(await origin({ dataDir: data, store }), join(data, "nvda_daily_yahoo_2019_2026.csv"));
  assert.equal(await origin({ store }), "store:NVDA");
  assert.equal(await origin({}), join(env, "nvda_daily_yahoo_2019_2026.csv"));
  delete process.env.BUBBLESCOPE_DATA;
  assert.equal(await origin({}), join(SNAPSHOT_PRICE_DIR, "nvda_daily_yahoo_2019_2026.csv"));
  // A source without data up to the as-of date is passed over: the store's copy starts in 2022.
  assert.equal(await origin({ store, asOf: "2021-06-30" }), join(SNAPSHOT_PRICE_DIR, "nvda_daily_yahoo_2019_2026.csv"));
  // Members missing from --data fall back to the next sources (the report's fallback for each series).
  const other = folder("other", "unrelated.csv", ["2024-01-02"]);
  assert.equal(await origin({ dataDir: other }), join(SNAPSHOT_PRICE_DIR, "nvda_daily_yahoo_2019_2026.csv"));
  assert.match(
    watchlistSourcesLine({ dataDir: other, storeDir: "/s" }),
    /^--data .* then data store \/s, then bundled/,
  );
});

test("the research folder beside the repository is never searched", () => {
  delete process.env.BUBBLESCOPE_DATA;
  const dirs = priceDirs().map((d) => d.dir);
  assert.deepEqual(dirs, [SNAPSHOT_PRICE_DIR]);
  assert.throws(() => priceDirs(join(tmp, "nope")), /--data .*nope: no such folder/);
});

test("a member found nowhere fails alone with the places searched", async () => {
  delete process.env.BUBBLESCOPE_DATA;
  const w = parseWatchlist("NOSUCH\n", "x");
  const [r] = await inputsFromWatchlist(w, { asOf: "2020-01-01" });
  assert.match(r.error ?? "", /^NOSUCH: no price series up to 2020-01-01 found \(nosuch_\*\.csv in .*data\/prices\)$/);
});

test("every shipped watchlist member is in the bundled snapshot over the span its breadth reading needs", () => {
  const manifest = snapshotManifest();
  assert.ok(manifest);
  const files = new Map(manifest.files.map((f) => [f.file, f]));
  assert.deepEqual(shippedWatchlists(), ["ai", "telecom-2000"]);
  for (const name of shippedWatchlists()) {
    for (const m of loadWatchlist(name).members) {
      const f = m.files.map((x) => files.get(x)).find(Boolean);
      assert.ok(f, `${name}: ${m.symbol} (${m.files.join(", ")}) in data/prices`);
      const spec = SNAPSHOT_FILES.find((x) => x.file === f.file)!;
      // 260 weekly closes up to the 2000 peak start in March 1995 (members listed later are bundled from listing).
      if (name === "telecom-2000")
        assert.ok(spec.from <= "1995-03-17" && f.to >= "2000-03-10", `${m.symbol}: ${spec.from} – ${f.to}`);
      // The AI files are bundled whole: the windows up to the talk date and to the latest data.
      else assert.equal(f.to, manifest.lastDate, `${m.symbol} reaches the snapshot's last date`);
    }
  }
});
