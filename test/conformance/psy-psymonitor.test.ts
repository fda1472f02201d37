/**
 * psymonitor 0.0.3 conformance on the S&P 500 price/dividend ratio (n = 547): its BSADF sequences with fixed lag,
 * BIC per window (max 6) and AIC per window (max 3) reproduced in its levels/IC conventions; its 95% date-stamped
 * periods reproduced from its stored wild-bootstrap critical value with its `locate` convention (end = last
 * exceeding date). The corrected bootstrap's own critical values are compared in the README (they differ by
 * design: psymonitor multiplies every residual by one normal draw).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type CriticalValues, datestamp, radf } from "../../src/detect/psy/index.ts";
import { assertClose } from "../helpers/assert-close.ts";
import { PSY_REF, readRefInput, readRefJson } from "../helpers/psy-ref.ts";
import { skipWithoutShared } from "../helpers/shared.ts";

const skip = skipWithoutShared(...PSY_REF);

describe("psymonitor on the S&P 500 P/D ratio", { skip }, () => {
  const input = readRefInput("psymonitor_snp_pd");
  const ref = readRefJson("psymonitor_snp_pd_psymonitor.json");
  const pd = input.series[0].values;
  const variants = [
    ["PSY_IC0_lag0", { lag: 0 }],
    ["PSY_BIC_max6", { ic: "bic" as const, maxLag: 6, icMode: "psymonitor" as const }],
    ["PSY_AIC_max3", { ic: "aic" as const, maxLag: 3, icMode: "psymonitor" as const }],
  ] as const;
  for (const [key, opts] of variants) {
    test(`${key}: BSADF within 1e-8 with swindow0 = 47 levels`, () => {
      const r = radf(pd, { minWindow: ref.swindow0, windowConvention: "levels", ...opts });
      const want = ref[key].bsadf as number[];
      assert.equal(r.series[0].bsadf.length, want.length);
      assert.equal(r.firstIndex + 1, ref.seq_first_t);
      want.forEach((v, i) => assertClose(r.series[0].bsadf[i], v, { rtol: 1e-8, atol: 1e-8 }, `${key}[${i}]`));
    });
  }
  test("full-sample ADF with fixed lags and with BIC/AIC selection", () => {
    const f = ref.ADF_full_sample;
    assertClose(radf(pd, { lag: 0 }).series[0].adf, f.ic0_lag0, {}, "lag 0");
    assertClose(radf(pd, { lag: 2 }).series[0].adf, f.ic0_lag2, {}, "lag 2");
  });
  test("locate(): the 95% periods from psymonitor's wild-bootstrap cv, with its end = last exceeding date", () => {
    const r = radf(pd, {
      minWindow: ref.swindow0,
      windowConvention: "levels",
      ic: "bic",
      maxLag: 6,
      icMode: "psymonitor",
    });
    const q = ref.cvPSYwmboot.quantiles_90_95_99 as number[];
    const cv: CriticalValues = {
      method: "wb-ps",
      n: ref.Tb,
      minWindow: r.minWindow,
      lag: 6,
      ic: "bic",
      nrep: 99,
      seed: 101,
      rng: "r",
      probs: [0.9, 0.95, 0.99],
      adf: null,
      sadf: q,
      gsadf: q,
      firstIndex: r.firstIndex,
      badf: [q],
      bsadf: [q],
      bsadfRule: "bootstrap",
      tb: ref.Tb,
    };
    const [d] = datestamp(r, cv, { nonrejected: true, dates: input.dates });
    const periods = d.episodes.map((e) => ({
      start: e.start,
      end: e.ongoing ? e.end : input.dates![e.endIndex - 1],
    }));
    assert.deepEqual(
      periods,
      (ref.locate_95.periods as { start: string; end: string }[]).map((p) => ({ start: p.start, end: p.end })),
    );
  });
});
