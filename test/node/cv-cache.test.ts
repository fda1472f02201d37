/**
 * The critical-value cache trusts a file only when its payload is a well-formed table for the requested
 * parameters (issue 11, defect 5): a valid checksum over `{}`, a table for another n, or edited quantiles that
 * break their order are corrupt — recomputed and replaced, never used.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { computeCriticalValues } from "../../src/node/critical-values.ts";
import { cvProblem } from "../../src/node/cv-cache.ts";

const dir = mkdtempSync(join(tmpdir(), "bs-cv-cache-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

/** Rewrites the payload of the one cache file and gives it a matching checksum (a "valid" forgery). */
function forge(edit: (cv: Record<string, unknown>) => unknown): void {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  assert.equal(files.length, 1);
  const file = join(dir, files[0]);
  const doc = JSON.parse(readFileSync(file, "utf8"));
  const payload = JSON.stringify(edit(JSON.parse(doc.payload)));
  writeFileSync(file, JSON.stringify({ ...doc, payload, checksum: sha(payload) }));
}

test("a checksummed {} payload is corrupt and recomputed (regression: 'critical values are for n = undefined' until deleted)", async () => {
  const req = { method: "mc" as const, n: 50, options: { nrep: 30, seed: 4 } };
  const good = await computeCriticalValues(req, { cacheDir: dir });
  for (const edit of [
    () => ({}),
    (cv: Record<string, unknown>) => ({ ...cv, n: 51 }),
    (cv: Record<string, unknown>) => ({ ...cv, seed: 5 }),
    (cv: Record<string, unknown>) => ({ ...cv, gsadf: [3, 2, 1] }),
    (cv: Record<string, unknown>) => ({ ...cv, bsadf: (cv.bsadf as unknown[]).slice(1) }),
    (cv: Record<string, unknown>) => ({ ...cv, adf: ["x", 1, 2] }),
  ]) {
    forge(edit);
    const statuses: string[] = [];
    const again = await computeCriticalValues(req, { cacheDir: dir, onCache: (s) => statuses.push(s) });
    assert.deepEqual(statuses, ["corrupt"], String(edit));
    assert.deepEqual(again, good, "recomputed, equal to the original table");
    const hit: string[] = [];
    await computeCriticalValues(req, { cacheDir: dir, onCache: (s) => hit.push(s) });
    assert.deepEqual(hit, ["hit"], "the corrupt file was replaced by a good one");
  }
});

test("cvProblem names what is wrong and accepts the real table", async () => {
  const req = { method: "mc" as const, n: 40, options: { nrep: 20, seed: 9 } };
  const cv = await computeCriticalValues(req, { cache: false });
  const { buildMcJob } = await import("../../src/detect/psy/index.ts");
  const params = { job: buildMcJob(40, { nrep: 20, seed: 9 }), nrep: 20, rule: "exuber", tb: undefined, engine: 1 };
  assert.equal(cvProblem(cv, params), null);
  assert.equal(cvProblem({}, params), "method is missing or unknown");
  assert.match(String(cvProblem({ ...cv, n: 41 }, params)), /does not have one row per observation|n is 41/);
  assert.match(String(cvProblem({ ...cv, nrep: 21 }, params)), /nrep is 21, the request has 20/);
  assert.match(String(cvProblem({ ...cv, sadf: [2, 1, 3] }, params)), /sadf: quantiles decrease/);
  assert.equal(cvProblem(null, params), "not an object");
});
