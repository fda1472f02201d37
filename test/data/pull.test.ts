/**
 * `data pull` against a loopback server: every connector end to end into a temporary store, the summary of what
 * came from where, --offline from the cache, a failing item that does not stop the others, and a child process
 * killed with SIGKILL mid-pull (while a response hangs, and at several moments during large downloads and store
 * writes), after which the store and the cache are still consistent and a new pull completes.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DiskCache } from "../../src/data/cache.ts";
import { fundamentalsAsEvidence } from "../../src/data/evidence.ts";
import { storePaths } from "../../src/data/paths.ts";
import { pullUniverse } from "../../src/data/pull.ts";
import { openStore } from "../../src/data/store.ts";
import { DEFAULT_UNIVERSE, selectUniverse } from "../../src/data/universe.ts";
import { fixtureRoutes, type Loopback, startLoopback } from "./helpers/loopback.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-pull-"));
const ENV_KEYS = [
  "BUBBLESCOPE_SEC_BASE_URL",
  "BUBBLESCOPE_FRED_CSV_BASE_URL",
  "BUBBLESCOPE_FRED_API_BASE_URL",
  "BUBBLESCOPE_STOOQ_BASE_URL",
  "FRED_API_KEY",
  "BUBBLESCOPE_SEC_USER_AGENT",
];
const saved = new Map(ENV_KEYS.map((k) => [k, process.env[k]]));
let srv: Loopback;
before(async () => {
  srv = await startLoopback(fixtureRoutes);
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.BUBBLESCOPE_SEC_BASE_URL = srv.url;
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

const pick = (...ids: string[]) => DEFAULT_UNIVERSE.filter((i) => ids.includes(i.id));
const UA = "Bubblescope Tests tests@example.org";

test("universe selection by id, case-insensitive; unknown ids named", () => {
  assert.deepEqual(
    selectUniverse(["nvda"]).map((i) => i.id),
    ["NVDA", "sec:NVDA"],
  );
  assert.deepEqual(
    selectUniverse(["sec:msft"]).map((i) => i.id),
    ["sec:MSFT"],
  );
  assert.throws(() => selectUniverse(["NOPE"]), /unknown universe item\(s\): NOPE/);
  assert.equal(selectUniverse().length, DEFAULT_UNIVERSE.length);
});

test("pull: FRED, Stooq and SEC into the store, then the same again offline from the cache", async () => {
  const dir = join(tmp, "p1");
  const items = pick("NASDAQCOM", "SOX", "NVDA", "GDP", "sec:MSFT", "AMD");
  const store = await openStore({ dir });
  try {
    const progress: number[] = [];
    const s1 = await pullUniverse(store, {
      items,
      secUserAgent: UA,
      http: { retries: 0 },
      onProgress: (d) => progress.push(d),
    });
    assert.deepEqual(
      s1.map((r) => [r.id, r.status, r.from, r.rows]),
      [
        ["NASDAQCOM", "ok", "network", 14],
        ["SOX", "ok", "network", 5],
        ["NVDA", "ok", "network", 8],
        ["AMD", "failed", "", 0],
        ["GDP", "ok", "network", 5],
        ["sec:MSFT", "ok", "network", s1[5].rows],
      ],
    );
    assert.deepEqual(progress, [0, 1, 2, 3, 4, 5, 6]);
    assert.match(s1[3].message, /answered HTTP 404 Not Found/);
    assert.match(s1[0].message, /2 row\(s\) with a missing NASDAQCOM value dropped/);
    assert.equal(s1[0].url, `${srv.url}/graph/fredgraph.csv?id=NASDAQCOM`);
    assert.equal(s1[5].span, "to FY2025");
    const sec = srv.requests.filter((r) => r.path.startsWith("/api/xbrl"));
    assert.deepEqual(
      sec.map((r) => r.userAgent),
      [UA],
    );
    const info = await store.getSeriesInfo("SOX");
    assert.equal(info?.ticker, "^SOX");
    assert.equal(info?.provenance.source, "stooq");
    assert.equal((await store.getFundamentals({ company: "MSFT", metric: "capex" })).length, 8);
    assert.equal((await fundamentalsAsEvidence(store)).length, 9);
    assert.deepEqual(await store.checkConsistency(), []);

    const before = srv.requests.length;
    const s2 = await pullUniverse(store, {
      items: items.filter((i) => i.id !== "AMD"),
      offline: true,
      secUserAgent: UA,
    });
    assert.ok(
      s2.every((r) => r.status === "ok" && r.from === "cache"),
      JSON.stringify(s2),
    );
    assert.equal(srv.requests.length, before, "offline must not touch the network");
    const s3 = await pullUniverse(store, { items: pick("AMD"), offline: true });
    assert.match(s3[0].message, /is not in the cache; run once without --offline/);
  } finally {
    store.close();
  }
});

test("pull without a declared SEC User-Agent skips SEC items with instructions", async () => {
  const store = await openStore({ dir: join(tmp, "p2") });
  try {
    const s = await pullUniverse(store, { items: pick("sec:MSFT", "GDP") });
    assert.deepEqual(
      s.map((r) => [r.id, r.status]),
      [
        ["GDP", "ok"],
        ["sec:MSFT", "skipped"],
      ],
    );
    const secRow = s.find((r) => r.id === "sec:MSFT");
    assert.equal(secRow?.status, "skipped");
    assert.match(secRow?.message ?? "", /set BUBBLESCOPE_SEC_USER_AGENT=/);
    assert.equal(s.find((r) => r.id === "GDP")?.status, "ok");
  } finally {
    store.close();
  }
});

// ---- SIGKILL mid-pull -------------------------------------------------------------------------------------

const CLI = join(process.cwd(), "test/data/helpers/data-cli.ts");

function bigCsv(rows: number, stooq: boolean): string {
  const out = [stooq ? "Date,Open,High,Low,Close,Volume" : "observation_date,X"];
  let t = Date.UTC(1960, 0, 4);
  let p = 100;
  for (let i = 0; i < rows; i++) {
    const d = new Date(t).toISOString().slice(0, 10);
    p *= 1 + (((i * 7919) % 201) - 100) / 10000;
    out.push(stooq ? `${d},${p},${p * 1.01},${p * 0.99},${p},${1000 + i}` : `${d},${p}`);
    t += new Date(t).getUTCDay() === 5 ? 3 * 86400000 : 86400000;
  }
  return `${out.join("\n")}\n`;
}

function spawnPull(dir: string, base: string, only: string): ChildProcess {
  return spawn(
    process.execPath,
    ["--import", "tsx", CLI, "data", "pull", "--store", dir, "--only", only, "--retries", "0", "--timeout", "20"],
    {
      env: {
        ...process.env,
        BUBBLESCOPE_SEC_BASE_URL: base,
        BUBBLESCOPE_FRED_CSV_BASE_URL: base,
        BUBBLESCOPE_STOOQ_BASE_URL: base,
        BUBBLESCOPE_SEC_USER_AGENT: "",
        FRED_API_KEY: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGKILL");
  await done;
}

async function assertConsistent(dir: string): Promise<{ series: string[]; cacheOk: number }> {
  const cache = new DiskCache(storePaths(dir).cache);
  const rep = cache.verify();
  assert.deepEqual(rep.corrupt, [], "no cache entry may fail its checksum");
  const shas = new Set(rep.ok.map((k) => cache.get(k)?.meta.sha256));
  const store = await openStore({ dir });
  try {
    assert.deepEqual(await store.checkConsistency(), []);
    const series = await store.listSeries();
    // Every stored series was written after its validated body reached the cache.
    for (const s of series) assert.ok(shas.has(s.provenance.checksum), `${s.id}: provenance checksum not in the cache`);
    return { series: series.map((s) => s.id), cacheOk: rep.ok.length };
  } finally {
    store.close();
  }
}

test("SIGKILL while a download hangs: completed items kept, the rest absent, a new pull completes", async () => {
  const dir = join(tmp, "k1");
  let hang = true;
  let hungAt: (() => void) | undefined;
  const hung = new Promise<void>((r) => {
    hungAt = r;
  });
  const k = await startLoopback((path) => {
    if (path.startsWith("/graph/fredgraph.csv?id=GDP") && hang) {
      hungAt?.();
      return { hang: true };
    }
    return fixtureRoutes(path);
  });
  try {
    const child = spawnPull(dir, k.url, "NASDAQCOM,SOX,GDP,CPIAUCSL");
    const timer = setTimeout(() => child.kill("SIGKILL"), 20000);
    await hung;
    await killAndWait(child);
    clearTimeout(timer);
    assert.equal(child.signalCode, "SIGKILL");
    const r = await assertConsistent(dir);
    assert.deepEqual(r.series, ["NASDAQCOM", "SOX"]);
    assert.equal(r.cacheOk, 2);
    hang = false;
    const store = await openStore({ dir });
    try {
      const saved = process.env.BUBBLESCOPE_FRED_CSV_BASE_URL;
      process.env.BUBBLESCOPE_FRED_CSV_BASE_URL = k.url;
      process.env.BUBBLESCOPE_STOOQ_BASE_URL = k.url;
      const s = await pullUniverse(store, { items: pick("NASDAQCOM", "SOX", "GDP"), http: { retries: 0 } });
      process.env.BUBBLESCOPE_FRED_CSV_BASE_URL = saved;
      process.env.BUBBLESCOPE_STOOQ_BASE_URL = srv.url;
      assert.deepEqual(
        s.map((x) => [x.id, x.status, x.from]),
        [
          ["NASDAQCOM", "ok", "cache"],
          ["SOX", "ok", "cache"],
          ["GDP", "ok", "network"],
        ],
      );
    } finally {
      store.close();
    }
    await assertConsistent(dir);
  } finally {
    await k.close();
  }
});

test("SIGKILL at several moments during large downloads and store writes leaves store and cache consistent", async () => {
  const stooqBody = bigCsv(12000, true);
  const fredBody = bigCsv(12000, false);
  const k = await startLoopback((path) => {
    if (path.startsWith("/q/d/l/")) return { headers: { "content-type": "text/csv" }, body: stooqBody };
    if (path.startsWith("/graph/fredgraph.csv")) {
      const id = /id=([A-Z]+)/.exec(path)?.[1] ?? "X";
      return {
        headers: { "content-type": "text/csv" },
        body: fredBody.replace("observation_date,X", `observation_date,${id}`),
      };
    }
    return { status: 404 };
  });
  try {
    const seen: number[] = [];
    // Kill shortly after the child's 2nd and 4th request: inside parsing or the store transaction of that item.
    for (const [i, nth] of [2, 4].entries()) {
      const dir = join(tmp, `k2-${i}`);
      const n0 = k.requests.length;
      const child = spawnPull(dir, k.url, "NASDAQCOM,SOX,CSCO,ORCL,GDP,CPIAUCSL");
      const t0 = Date.now();
      while (k.requests.length - n0 < nth && Date.now() - t0 < 20000 && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => setTimeout(r, 40));
      await killAndWait(child);
      const r = await assertConsistent(dir);
      seen.push(r.series.length);
      for (const id of r.series) {
        const store = await openStore({ dir });
        try {
          const info = await store.getSeriesInfo(id);
          assert.equal(info?.rows, 12000, `${id} must be complete or absent`);
        } finally {
          store.close();
        }
      }
    }
    process.stderr.write(
      `# SIGKILL runs: series stored before the kill = ${seen.join(", ")} of 6 (killed 40 ms after request 2 and 4)\n`,
    );
    // The kills landed at different stages (not all before the first write, not all after the last).
    assert.ok(
      seen.some((x) => x < 6),
      `series stored per run: ${seen.join(", ")}`,
    );
  } finally {
    await k.close();
  }
});
