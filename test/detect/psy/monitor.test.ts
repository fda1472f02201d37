/** Real-time monitoring: no look-ahead, alarms as they would have been raised. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RandomStream } from "../../../src/core/rng.ts";
import { mcCriticalValues, monitor, psyMinw } from "../../../src/detect/psy/index.ts";

function bubble(n: number, seed: number): number[] {
  // Random walk, then an explosive AR(1.06) stretch, then a collapse.
  const r = new RandomStream(seed);
  const y: number[] = [100];
  for (let t = 1; t < n; t++) {
    const prev = y[t - 1];
    y.push(
      t > 0.6 * n && t < 0.8 * n
        ? 1.06 * prev + r.normal()
        : t === Math.floor(0.8 * n)
          ? 100 + r.normal()
          : prev + r.normal(),
    );
  }
  return y;
}

describe("monitor", () => {
  const y = bubble(160, 3);
  const te = 79;
  const cv = mcCriticalValues(y.length, { minWindow: psyMinw(te + 1), nrep: 300, seed: 9 });
  test("points after the training end; what is known at t does not change when later data arrive", () => {
    const full = monitor(y, { trainingEnd: te, cv });
    assert.equal(full.points[0].index, te + 1);
    for (const cut of [110, 125, 140]) {
      const part = monitor(y.slice(0, cut), { trainingEnd: te, cv });
      part.points.forEach((p, k) => {
        assert.equal(p.exceeds, full.points[k].exceeds, `exceeds at ${p.index} with data to ${cut}`);
        assert.equal(p.alarm, full.points[k].alarm);
        assert.equal(p.runStart, full.points[k].runStart);
        assert.ok(Math.abs(p.bsadf - full.points[k].bsadf) < 1e-9);
      });
    }
  });
  test("the explosive stretch raises an alarm inside it, and the alarm ends after the collapse", () => {
    const m = monitor(y, { trainingEnd: te, cv, minDuration: 2 });
    const inBubble = m.episodes.find((e) => Number(e.start) > 0.6 * 160 && Number(e.start) < 0.8 * 160);
    assert.ok(inBubble, JSON.stringify(m.episodes));
    assert.equal(inBubble.ongoing, false);
    assert.ok(Number(inBubble.end) > 0.8 * 160);
  });
  test("bad options are refused", () => {
    assert.throws(() => monitor(y, { trainingEnd: 200, cv }), /trainingEnd must be an observation index/);
    assert.throws(() => monitor(y, { trainingEnd: te, cv, minWindow: 30 }), /critical values use minimum window/);
  });
});
