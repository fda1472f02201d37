/** datestamp/diagnostics on hand-built sequences: exuber's episode rules one by one. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type CriticalValues, datestamp, diagnostics, type RadfResult } from "../../../src/detect/psy/index.ts";

/** A one-series result with the given BSADF sequence starting at observation `first` (0-based). */
function fake(bsadf: number[], first: number, gsadf = Math.max(...bsadf)): RadfResult {
  const n = first + bsadf.length;
  return {
    n,
    minWindow: first,
    minWindowLevels: first + 1,
    lag: 0,
    ic: "none",
    icMode: "common",
    firstIndex: first,
    series: [{ name: "y", adf: 0, sadf: 0, gsadf, badf: Float64Array.from(bsadf), bsadf: Float64Array.from(bsadf) }],
  };
}

function cvConst(
  n: number,
  first: number,
  c: [number, number, number],
  g: [number, number, number] = [1, 2, 3],
): CriticalValues {
  return {
    method: "mc",
    n,
    minWindow: first,
    lag: 0,
    ic: "none",
    nrep: 10,
    seed: 1,
    rng: "stream",
    probs: [0.9, 0.95, 0.99],
    adf: g,
    sadf: g,
    gsadf: g,
    firstIndex: first,
    badf: Array.from({ length: n - first }, () => c),
    bsadf: Array.from({ length: n - first }, () => c),
    bsadfRule: "exuber",
  };
}

describe("datestamp", () => {
  const first = 3;
  //            obs: 3  4  5  6  7  8  9  10 11
  const seq = [0, 2, 3, 3, 0, 5, 1, 2, 2];
  const r = fake(seq, first);
  const cv = cvConst(r.n, first, [0.5, 1, 1.5]);
  test("episodes start at the first exceedance, end at the first observation back at or below the cv", () => {
    const [d] = datestamp(r, cv);
    assert.deepEqual(
      d.episodes.map((e) => [e.startIndex, e.peakIndex, e.endIndex, e.duration, e.ongoing]),
      [
        [4, 5, 7, 3, false], // peak: first of the tied maxima (obs 5 and 6 both 3)
        [8, 8, 9, 1, false], // a one-observation episode; 1 is not > 1 (strict)
        [10, 10, 11, 2, true], // reaches the last observation: ongoing, end = last, duration n − start
      ],
    );
    assert.deepEqual(Array.from(d.dummy), [0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1]);
  });
  test("minimum duration filters episodes but not the dummy; sig 99 uses the 99% column", () => {
    const [d] = datestamp(r, cv, { minDuration: 2 });
    assert.deepEqual(
      d.episodes.map((e) => e.startIndex),
      [4, 10],
    );
    assert.equal(
      d.dummy.reduce((a, b) => a + b, 0),
      6,
    );
    const [d99] = datestamp(r, cv, { level: 99 });
    assert.deepEqual(
      d99.episodes.map((e) => [e.startIndex, e.endIndex]),
      [
        [4, 7],
        [8, 9],
        [10, 11],
      ],
    );
    const [d90] = datestamp(r, cv, { level: 90 });
    assert.deepEqual(
      d90.episodes.map((e) => [e.startIndex, e.endIndex]),
      [
        [4, 7],
        [8, 11],
      ],
    );
  });
  test("signal: negative when the level at the peak is below the level at the start", () => {
    const values = [0, 0, 0, 0, 10, 5, 4, 0, 1, 0, 3, 4];
    const [d] = datestamp(r, cv, { values: [values] });
    assert.deepEqual(
      d.episodes.map((e) => e.signal),
      ["negative", "positive", "positive"],
    );
  });
  test("dates label the episodes", () => {
    const dates = Array.from({ length: r.n }, (_, i) => `2020-01-${String(i + 1).padStart(2, "0")}`);
    const [d] = datestamp(r, cv, { dates });
    assert.deepEqual(
      [d.episodes[0].start, d.episodes[0].peak, d.episodes[0].end],
      ["2020-01-05", "2020-01-06", "2020-01-08"],
    );
  });
  test("no rejection at 95%: error unless nonrejected; diagnostics reports the finest level", () => {
    const weak = fake(seq, first, 1.5);
    const d = diagnostics(weak, cv);
    assert.deepEqual(
      d.map((x) => [x.rejected, x.significance]),
      [[false, "10%"]],
    );
    assert.throws(() => datestamp(weak, cv), /Cannot reject H0 at the 5% significance level/);
    assert.equal(datestamp(weak, cv, { nonrejected: true })[0].episodes.length, 3);
    assert.deepEqual(
      diagnostics(fake(seq, first, 2), cv).map((x) => x.significance),
      ["5%"],
    ); // ≥ is rejection
  });
  test("mismatched critical values are refused", () => {
    assert.throws(() => datestamp(r, { ...cv, n: 99 }), /critical values are for n = 99/);
    assert.throws(() => datestamp(r, { ...cv, minWindow: 4 }), /minimum window does not match/);
    assert.throws(() => datestamp(r, cv, { level: 80 as 90 }), /level must be 90, 95 or 99/);
  });
});
