/**
 * `bubblescope data update` against a loopback server in the services' formats (FRED fredgraph CSV, Stooq daily
 * CSV): the report's series (NASDAQCOM, CSCO, NVDA) land in the store, the report then reads the newer ones from
 * the store and its header says so; with the network down (connection refused) or offline, one line on stderr,
 * exit 1, and nothing in the store changes.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { storePaths } from "../../src/data/paths.ts";
import { loadEvidence } from "../../src/node/evidence-files.ts";
import { buildReport } from "../../src/report/build.ts";
import { REPO } from "../helpers/cli.ts";
import { runDataCli } from "./helpers/data-cli.ts";
import { type Loopback, startLoopback } from "./helpers/loopback.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-update-"));
const ENV_KEYS = ["BUBBLESCOPE_FRED_CSV_BASE_URL", "BUBBLESCOPE_STOOQ_BASE_URL", "FRED_API_KEY", "BUBBLESCOPE_OFFLINE"];
const saved = new Map(ENV_KEYS.map((k) => [k, process.env[k]]));
process.env.BUBBLESCOPE_CACHE = join(tmp, "cv");
delete process.env.BUBBLESCOPE_DATA;

/** The snapshot's closes plus `extra` business days after its end, in a service's CSV layout. */
function served(file: string, header: string, row: (d: string, v: string) => string, extra: number): string {
  const lines = readFileSync(join(REPO, "data/prices", file), "utf8")
    .trimEnd()
    .split("\n")
    .slice(1);
  const out = [header, ...lines.map((l) => row(l.slice(0, 10), l.slice(11)))];
  let t = Date.parse(`${lines[lines.length - 1].slice(0, 10)}T00:00:00Z`);
  const last = Number(lines[lines.length - 1].slice(11));
  for (let k = 1; k <= extra; ) {
    t += 86400000;
    const day = new Date(t).getUTCDay();
    if (day === 0 || day === 6) continue;
    out.push(row(new Date(t).toISOString().slice(0, 10), (last * (1 + 0.001 * k)).toFixed(2)));
    k++;
  }
  return `${out.join("\n")}\n`;
}

let srv: Loopback;
let requests: string[] = [];
before(async () => {
  const fred = served("nasdaq_composite_daily_fred.csv", "observation_date,NASDAQCOM", (d, v) => `${d},${v}`, 20);
  const stooq = (file: string) =>
    served(file, "Date,Open,High,Low,Close,Volume", (d, v) => `${d},${v},${v},${v},${v},1000`, 10);
  const cisco = stooq("csco_daily_yahoo_to2020.csv");
  const nvda = stooq("nvda_daily_yahoo_2019_2026.csv");
  srv = await startLoopback((path) => {
    requests.push(path);
    const csv = { "content-type": "text/csv; charset=utf-8" };
    if (path === "/graph/fredgraph.csv?id=NASDAQCOM") return { headers: csv, body: fred };
    if (path === "/q/d/l/?s=csco.us&i=d") return { headers: csv, body: cisco };
    if (path === "/q/d/l/?s=nvda.us&i=d") return { headers: csv, body: nvda };
    return { status: 404, headers: { "content-type": "text/plain" }, body: "Not Found" };
  });
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.BUBBLESCOPE_FRED_CSV_BASE_URL = srv.url;
  process.env.BUBBLESCOPE_STOOQ_BASE_URL = srv.url;
});
after(async () => {
  await srv.close();
  for (const [k, v] of saved) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(tmp, { recursive: true, force: true });
});

describe("data update", () => {
  test("offline or network down: one line, exit 1, nothing changes", async () => {
    const store = join(tmp, "down");
    process.env.BUBBLESCOPE_OFFLINE = "1";
    try {
      const r = await runDataCli(["data", "update", "--store", store]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^bubblescope: data update needs the network and this run is offline: nothing changed\n$/);
    } finally {
      delete process.env.BUBBLESCOPE_OFFLINE;
    }
    assert.ok(!existsSync(storePaths(store).db), "no store created");
    // Connection refused: a port nothing listens on.
    process.env.BUBBLESCOPE_FRED_CSV_BASE_URL = "http://127.0.0.1:9";
    process.env.BUBBLESCOPE_STOOQ_BASE_URL = "http://127.0.0.1:9";
    try {
      const r = await runDataCli(["data", "update", "--store", store, "--retries", "0", "--timeout", "2"]);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
      assert.match(r.stderr, /^bubblescope: data update: the sources cannot be reached .*nothing changed\n$/);
      const report = await buildReport({
        ...base(),
        storeDir: store,
      });
      assert.ok(report.meta.prices.every((p) => p.origin === "the bundled snapshot (data/prices)"));
    } finally {
      process.env.BUBBLESCOPE_FRED_CSV_BASE_URL = srv.url;
      process.env.BUBBLESCOPE_STOOQ_BASE_URL = srv.url;
    }
  });

  test("refreshes the report's series into the store; the report uses the newer data and says so", async () => {
    const store = join(tmp, "ok");
    requests = [];
    const r = await runDataCli(["data", "update", "--store", store]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(requests.sort(), [
      "/graph/fredgraph.csv?id=NASDAQCOM",
      "/q/d/l/?s=csco.us&i=d",
      "/q/d/l/?s=nvda.us&i=d",
    ]);
    assert.match(r.stdout, /NASDAQCOM: 1971-02-05 – 2026-05-12 \(13934 rows\), new in the store/);
    assert.match(r.stdout, /NVDA: 2019-05-16 – 2026-05-29/);
    const report = await buildReport({ ...base(), storeDir: store });
    const nvda = report.meta.prices.find((p) => p.key === "NVDA")!;
    assert.deepEqual([nvda.id, nvda.to, nvda.newer], ["store:NVDA", "2026-05-29", true]);
    const ai = report.meta.prices.find((p) => p.key === "NASDAQ_AI")!;
    assert.deepEqual([ai.id, ai.to, ai.newer], ["store:NASDAQCOM", "2026-05-12", true]);
    assert.match(
      report.meta.pricesLine,
      /Nvidia \(AI era\): store:NVDA, 2019-05-16 – 2026-05-29 \(newer than the snapshot/,
    );
    assert.ok(report.detectors.psy.some((p) => p.evidence.includes("store:NVDA") && p.to === "2026-05-29"));
    // A second update changes nothing but says the last dates are unchanged.
    const again = await runDataCli(["data", "update", "--store", store]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /NVDA: .*unchanged last date/);
  });
});

function base() {
  const ev = loadEvidence();
  return { figures: ev.figures, deals: ev.deals, ledgerFile: "data/evidence.csv", seed: 1, nrep: 9, draws: 20 };
}
