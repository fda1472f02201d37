/** The disk cache: atomic entries, checksum verification, interrupted writes never read as data. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { cacheKey, DiskCache } from "../../src/data/cache.ts";

const tmp = mkdtempSync(join(tmpdir(), "bs-cache-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const info = { url: "https://x/y", retrievedAt: "2025-01-01T00:00:00.000Z", contentType: "text/csv" };

test("put then get returns the body and a meta with its sha256; keys are readable and stable", () => {
  const c = new DiskCache(join(tmp, "a"));
  const key = cacheKey("fred", "GDP", "https://fred/x?id=GDP");
  assert.match(key, /^fred-GDP-[0-9a-f]{16}$/);
  assert.equal(key, cacheKey("fred", "GDP", "https://fred/x?id=GDP"));
  assert.notEqual(key, cacheKey("fred", "GDP", "https://other/x?id=GDP"));
  const meta = c.put(key, "date,close\n2020-01-02,1\n", info);
  assert.equal(meta.bytes, 24);
  assert.equal(meta.sha256, createHash("sha256").update("date,close\n2020-01-02,1\n").digest("hex"));
  assert.equal(c.get(key)?.body, "date,close\n2020-01-02,1\n");
  assert.deepEqual(c.verify(), { ok: [key], corrupt: [], orphans: [], temps: [] });
  assert.equal(c.get("absent-key"), undefined);
  assert.throws(() => c.get("../etc/passwd"), /invalid cache key/);
});

test("a damaged body fails its checksum: treated as absent, reported, cleaned", () => {
  const c = new DiskCache(join(tmp, "b"));
  c.put("k1", "hello world", info);
  writeFileSync(join(c.dir, "k1.body"), "hello wOrld");
  assert.equal(c.get("k1"), undefined);
  assert.deepEqual(c.verify().corrupt, ["k1"]);
  assert.equal(c.clean(), 2);
  assert.deepEqual(readdirSync(c.dir), []);
});

test("a crash between the two renames never yields a wrong body", () => {
  const c = new DiskCache(join(tmp, "c"));
  c.put("k", "version one", info);
  // Simulate: the new body was renamed into place, then the process died before the meta rename.
  writeFileSync(join(c.dir, "k.body.tmp-aa"), "version two!");
  renameSync(join(c.dir, "k.body.tmp-aa"), join(c.dir, "k.body"));
  assert.equal(c.get("k"), undefined);
  // A first-time entry interrupted the same way is an orphan body, also never read.
  writeFileSync(join(c.dir, "n.body"), "data");
  // And a temporary file from a write interrupted before its rename.
  writeFileSync(join(c.dir, "m.body.tmp-0badc0de"), "partial");
  const r = c.verify();
  assert.deepEqual([r.corrupt, r.orphans, r.temps], [["k"], ["n"], ["m.body.tmp-0badc0de"]]);
  assert.equal(c.get("n"), undefined);
  assert.equal(c.get("m"), undefined);
  c.clean();
  assert.deepEqual(c.verify(), { ok: [], corrupt: [], orphans: [], temps: [] });
  c.put("k", "version three", info);
  assert.equal(c.get("k")?.body, "version three");
});

test("verify on a missing directory is empty, not an error", () => {
  assert.deepEqual(new DiskCache(join(tmp, "none")).verify(), { ok: [], corrupt: [], orphans: [], temps: [] });
});
