/**
 * Conformance of the PSY engine with exuber 1.1.0 on every reference case in ../shared/reference/psy:
 * statistics within 1e-8 (abs or rel), minimum window and alignment exact, every date-stamp run exact given the
 * stored critical values, panel statistics within 1e-8.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { datestamp, diagnostics, radf } from "../../src/detect/psy/index.ts";
import { assertClose } from "../helpers/assert-close.ts";
import { type Json, PSY_REF, readRefInput, readRefJson, refCv } from "../helpers/psy-ref.ts";
import { num, skipWithoutShared } from "../helpers/shared.ts";

const skip = skipWithoutShared(...PSY_REF);
const TOL = { rtol: 1e-8, atol: 1e-8 };
const CASES: [string, number][] = [
  ["sim_psy1_n200_seed123", 0],
  ["sim_evans_n300_seed456", 0],
  ["sim_blan_n150_seed789", 0],
  ["sim_psy2_n400_seed2024", 0],
  ["sim_psy2_n400_seed2024", 2],
  ["sim_psy1_n150_te120_tf150_seed321", 0],
  ["exuber_sim_data", 0],
  ["exuber_sim_data", 1],
  ["psymonitor_snp_pd", 0],
];

function runArgs(run: Json) {
  const a = String(run.args);
  return {
    nonrejected: /nonrejected = TRUE/.test(a),
    option: (run.option ?? "gsadf") as "gsadf" | "sadf",
    level: (/sig_lvl = (\d+)/.exec(a)?.[1] ? Number(/sig_lvl = (\d+)/.exec(a)![1]) : 95) as 90 | 95 | 99,
    minDuration: Number(run.min_duration ?? 0),
  };
}

describe("radf matches exuber", { skip }, () => {
  for (const [name, lag] of CASES) {
    test(`${name} lag ${lag}: ADF/SADF/GSADF/BADF/BSADF within 1e-8, window and alignment exact`, () => {
      const input = readRefInput(name);
      const ref = readRefJson(`${name}_lag${lag}.json`);
      const r = radf(input.series, { lag });
      assert.equal(r.minWindow, ref.radf.minw);
      assert.equal(r.lag, ref.radf.lag);
      assert.equal(r.firstIndex + 1, ref.radf.seq_first_t);
      for (const s of r.series) {
        const rs = ref.radf.series[s.name];
        assert.equal(s.badf.length, rs.badf.length, "sequence length");
        assertClose(s.adf, num(rs.adf), TOL, `${s.name}.adf`);
        assertClose(s.sadf, num(rs.sadf), TOL, `${s.name}.sadf`);
        assertClose(s.gsadf, num(rs.gsadf), TOL, `${s.name}.gsadf`);
        rs.badf.forEach((v: Json, i: number) => assertClose(s.badf[i], num(v), TOL, `${s.name}.badf[${i}]`));
        rs.bsadf.forEach((v: Json, i: number) => assertClose(s.bsadf[i], num(v), TOL, `${s.name}.bsadf[${i}]`));
      }
      // The index of element k is observation firstIndex + k.
      const idx = ref.radf.seq_index as (string | number)[];
      const mine = Array.from({ length: r.series[0].badf.length }, (_, k) =>
        input.dates ? input.dates[r.firstIndex + k] : r.firstIndex + k + 1,
      );
      assert.deepEqual(mine.map(String), idx.map(String));
      if (ref.radf.panel) {
        assert.ok(r.panel, "panel statistics present");
        assertClose(r.panel.gsadf, num(ref.radf.panel.gsadf_panel), TOL, "gsadf_panel");
        ref.radf.panel.bsadf_panel.forEach((v: Json, i: number) =>
          assertClose(r.panel!.bsadf[i], num(v), TOL, `bsadf_panel[${i}]`),
        );
      }
    });

    test(`${name} lag ${lag}: every datestamp run reproduces exuber's episodes and dummy exactly`, () => {
      const input = readRefInput(name);
      const ref = readRefJson(`${name}_lag${lag}.json`);
      const r = radf(input.series, { lag });
      let runs = 0;
      for (const [cvName, block] of Object.entries(ref.datestamp as Record<string, Json>)) {
        const cv = refCv(block.cv);
        const diag = diagnostics(r, cv);
        assert.deepEqual(
          diag.filter((d) => d.rejected).map((d) => d.name),
          block.diagnostics.positive,
          `${cvName}: rejecting series`,
        );
        for (const run of block.runs as Json[]) {
          const args = runArgs(run);
          const label = `${cvName}/${run.run}`;
          if (run.error) {
            assert.throws(
              () => datestamp(r, cv, { ...args, values: input.series.map((s) => s.values) }),
              /Cannot reject H0/,
              label,
            );
            runs++;
            continue;
          }
          const ds = datestamp(r, cv, { ...args, dates: input.dates, values: input.series.map((s) => s.values) });
          assert.deepEqual(
            ds.filter((d) => d.episodes.length > 0).map((d) => d.name),
            (run.results as Json[]).map((x) => x.series),
            `${label}: stamped series`,
          );
          for (const res of run.results as Json[]) {
            const mine = ds.find((d) => d.name === res.series)!;
            const got = mine.episodes.map((e) => ({
              start_t: e.startIndex + 1,
              peak_t: e.peakIndex + 1,
              end_t: e.endIndex + 1,
              duration: e.duration,
              ongoing: e.ongoing,
              signal: e.signal,
            }));
            const want = (res.episodes as Json[]).map((e) => ({
              start_t: e.start_t,
              peak_t: e.peak_t,
              end_t: e.end_t,
              duration: e.duration,
              ongoing: e.ongoing,
              signal: e.signal,
            }));
            assert.deepEqual(got, want, `${label}: ${res.series} episodes`);
            if (input.dates) {
              assert.deepEqual(
                mine.episodes.map((e) => [e.start, e.peak, e.end]),
                (res.episodes as Json[]).map((e) => [e.start, e.peak, e.end]),
                `${label}: ${res.series} episode dates`,
              );
            }
            if (run.dummy?.[res.series])
              assert.deepEqual(Array.from(mine.dummy), run.dummy[res.series], `${label}: dummy`);
          }
          runs++;
        }
      }
      assert.ok(runs >= 5, `checked ${runs} runs`);
    });
  }
});
