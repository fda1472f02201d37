/** The dashboard's in-browser PSY run offers every critical-value method, with the CLI's numbers. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { RandomStream } from "../../src/core/rng.ts";
import { hlstCriticalValues, psCriticalValues } from "../../src/detect/psy/index.ts";
import { runPsy } from "../../src/web/client/psy-run.ts";
import { psySettings } from "../../src/web/client/series-input.ts";

function walk(n: number): number[] {
  const r = new RandomStream(3);
  let c = 100;
  return Array.from({ length: n }, (_, t) => (c = t > 70 && t < 95 ? c * 1.04 : c + r.normal()));
}

test("wild-bootstrap methods in the dashboard equal the library's, and the URL selects them", () => {
  const y = walk(120);
  const ps = runPsy("y", y, null, { method: "wb", nrep: 49, seed: 4 });
  const ref = psCriticalValues(y, { test: { lag: 0, minWindow: ps.minWindow }, nrep: 49, seed: 4 });
  assert.deepEqual(ps.cv.gsadf, [...ref.gsadf]);
  const hl = runPsy("y", y, null, { method: "wb-harvey", nrep: 49, seed: 4 });
  const ref2 = hlstCriticalValues(y, { minWindow: hl.minWindow, nrep: 49, seed: 4 });
  assert.deepEqual(hl.cv.gsadf, [...ref2.gsadf]);
  assert.notDeepEqual(ps.cv.gsadf, hl.cv.gsadf);
  assert.equal(psySettings({ cvm: "wb" }).method, "wb");
  assert.equal(psySettings({ cvm: "wb-harvey" }).method, "wb-harvey");
  assert.equal(psySettings({ cvm: "nonsense" }).method, "mc");
});
