/**
 * The Monte Carlo tables shipped in data/cv (npm run cv-tables): each is a valid cache entry for its own parameters,
 * a null-distribution table (no data in it), and equal to a fresh recomputation from those parameters — the same
 * numbers the report would compute on an empty cache. The report reads them only when the user's cache misses.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { ReplicationJob } from "../../src/detect/psy/replicate.ts";
import { recomputeMcTable } from "../../src/node/critical-values.ts";
import { BUNDLED_CV_DIR, cachedCv, readCachedCv } from "../../src/node/cv-cache.ts";

const files = readdirSync(BUNDLED_CV_DIR).filter((f) => f.endsWith(".json"));
const doc = (f: string) =>
  JSON.parse(readFileSync(join(BUNDLED_CV_DIR, f), "utf8")) as {
    key: string;
    payload: string;
    params: { job: ReplicationJob; nrep: number; rule?: "exuber" | "psy2015" };
  };

test("data/cv ships the report's Monte Carlo tables, each a valid entry for its parameters", () => {
  assert.ok(files.length >= 3, `${files.length} tables`);
  for (const f of files) {
    const d = doc(f);
    assert.equal(d.params.job.kind, "mc", `${f} is a Monte Carlo table`);
    assert.equal(`${d.key}.json`, f);
    assert.equal(readCachedCv(d.params, BUNDLED_CV_DIR).status, "hit", `${f} validates`);
  }
});

test("every bundled table equals its recomputation (same seed, same numbers)", async () => {
  for (const f of files) {
    const d = doc(f);
    const fresh = await recomputeMcTable(d.params);
    assert.equal(JSON.stringify(fresh), d.payload, `${f}: n = ${(d.params.job as { n: number }).n}`);
  }
});

test("a user-cache miss reads the bundled table; BUBBLESCOPE_BUNDLED_CV=0 and an explicit folder do not", async () => {
  const d = doc(files[0]);
  const dir = mkdtempSync(join(tmpdir(), "bubblescope-bundled-cv-"));
  const saved = { cache: process.env.BUBBLESCOPE_CACHE, off: process.env.BUBBLESCOPE_BUNDLED_CV };
  try {
    process.env.BUBBLESCOPE_CACHE = dir;
    delete process.env.BUBBLESCOPE_BUNDLED_CV;
    let computed = 0;
    const compute = async () => {
      computed++;
      return JSON.parse(d.payload);
    };
    await cachedCv(d.params, compute);
    assert.equal(computed, 0, "served from data/cv");
    await cachedCv(d.params, compute, { dir: join(dir, "explicit") });
    assert.equal(computed, 1, "an explicit cache folder does not fall back");
    process.env.BUBBLESCOPE_BUNDLED_CV = "0";
    await cachedCv(d.params, compute, {});
    assert.equal(computed, 2, "turned off");
  } finally {
    if (saved.cache === undefined) delete process.env.BUBBLESCOPE_CACHE;
    else process.env.BUBBLESCOPE_CACHE = saved.cache;
    if (saved.off === undefined) delete process.env.BUBBLESCOPE_BUNDLED_CV;
    else process.env.BUBBLESCOPE_BUNDLED_CV = saved.off;
    rmSync(dir, { recursive: true, force: true });
  }
});
