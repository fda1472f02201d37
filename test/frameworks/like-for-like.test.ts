/**
 * The like-for-like rules (issue 9 item 3), enforced: every indicator states its basis; bounds are judged as
 * intervals; one vote per independent fact; no verdict line equals one era's own value; multi-year commitments are
 * annualised by their schedule; the bellwether valuation is GAAP TTM at the same relative date in both eras; no
 * category errors (tokens against dollars, compute efficiency against capacity lines); the 2000 side complete.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { readSeriesTable } from "../../src/core/csv.ts";
import { dateFigures, parseDeals, parseFigures } from "../../src/evidence/load.ts";
import { makeLedger } from "../../src/evidence/query.ts";
import { DEAL_SCHEDULES } from "../../src/frameworks/circular.ts";
import { classifyInterval, classifyValue, type Threshold } from "../../src/frameworks/classify.ts";
import {
  evaluateIndicator,
  type IndicatorResult,
  type IndicatorSpec,
  sensitivity,
} from "../../src/frameworks/engine.ts";
import { buildEvidenceModel, type EvidenceModel } from "../../src/frameworks/model.ts";
import { tallyByFact } from "../../src/frameworks/tally.ts";
import { assertClose } from "../helpers/assert-close.ts";
import { sharedPath, skipWithoutShared } from "../helpers/shared.ts";

const figures = parseFigures(readFileSync(new URL("../../data/evidence.csv", import.meta.url), "utf8")).records;
const ledger = makeLedger(dateFigures(figures));
const deals = parseDeals(readFileSync(new URL("../../data/deals.csv", import.meta.url), "utf8")).records;
const model = buildEvidenceModel({ ledger, deals, seed: 3, draws: 50 });
const ind = (m: EvidenceModel, id: string) => m.indicators.find((i) => i.id === id)!;

const lower: Threshold = { direction: "lower-is-bubblier", bubbleAt: 0.5, healthyAt: 1, source: "t", evidence: [] };
const higher: Threshold = { direction: "higher-is-bubblier", bubbleAt: 20, healthyAt: 5, source: "t", evidence: [] };

test("interval verdicts: bubble-like only if the whole interval is beyond the line, healthy only if wholly inside", () => {
  assert.equal(
    classifyInterval(0.02, Number.POSITIVE_INFINITY, lower),
    "inconclusive",
    "a low lower bound says nothing",
  );
  assert.equal(
    classifyInterval(1.2, Number.POSITIVE_INFINITY, lower),
    "healthy",
    "a lower bound above the healthy line",
  );
  assert.equal(classifyInterval(Number.NEGATIVE_INFINITY, 0.4, lower), "bubble-like");
  assert.equal(classifyInterval(Number.NEGATIVE_INFINITY, 30, higher), "inconclusive", "an upper bound above the line");
  assert.equal(classifyInterval(Number.NEGATIVE_INFINITY, 4, higher), "healthy");
  assert.equal(classifyInterval(25, 25, higher), "bubble-like", "a point is a zero-width interval");
  assert.equal(classifyValue(0.02, lower, "lower-bound"), "inconclusive");
  assert.equal(classifyValue(0.02, lower), "bubble-like", "the same value read as a point");
  assert.throws(() => classifyInterval(2, 1, higher), /lo <= hi/);
});

test("a lower bound is judged as an interval by the engine, and its sensitivity moves the bound", () => {
  const spec: IndicatorSpec = {
    id: "cov",
    era: "ai",
    label: "coverage",
    unit: "ratio",
    formula: "a / b",
    basis: "test",
    bound: "lower-bound",
    inputs: [
      { key: "a", ids: ["E305"], unit: "USD bn" },
      { key: "b", ids: ["E193"], unit: "USD bn" },
    ],
    compute: (v) => v.a / v.b,
    threshold: () => lower,
  };
  const env = { ledger, deals: new Map(), asOf: null };
  const r = evaluateIndicator(spec, env, { point: () => null }, { draws: 0 });
  assertClose(r.value!, 13 / 130.497, { rtol: 1e-12 });
  assert.equal(r.verdict, "inconclusive");
  assert.equal(r.bound?.kind, "lower-bound");
  assert.equal(r.bound?.high, null);
  assert.match(r.reason, /is a lower bound: the true value lies in \[/);
  // The only flip of a lower bound under a lower-is-bubblier line: the bound rises above the healthy line.
  const s = sensitivity(spec, r);
  assert.ok(s.length > 0 && s.every((x) => x.newVerdict === "healthy"));
  // The same spec read as a point would have been bubble-like.
  const point = evaluateIndicator({ ...spec, bound: undefined }, env, { point: () => null }, { draws: 0 });
  assert.equal(point.verdict, "bubble-like");
});

test("every indicator and framework component states its basis and the fact it measures", () => {
  const all: IndicatorResult[] = [...model.indicators, ...model.frameworks.flatMap((f) => f.components ?? [])];
  for (const i of all) {
    assert.ok(typeof i.basis === "string" && i.basis.length > 10, `${i.id}: basis`);
    assert.ok(i.fact.length > 0, `${i.id}: fact`);
  }
});

test("lower bounds are flagged as bounds: Sequoia's two-lab revenue, the AI funding coverage with two firms' cash", () => {
  const seq = model.frameworks.find((f) => f.id === "sequoia-coverage")!.components![0];
  assert.equal(seq.bound?.kind, "lower-bound");
  assert.equal(seq.verdict, "inconclusive", "2% is a lower bound below the bubble line: no verdict");
  assert.equal(ind(model, "funding-coverage-ai").bound?.kind, "lower-bound");
});

test("no verdict line equals either era's own value of the same fact", () => {
  for (const i of model.indicators) {
    if (!i.computed || i.threshold === null) continue;
    const values = model.indicators.filter((j) => j.fact === i.fact && j.value !== null).map((j) => j.value!);
    for (const v of values) {
      assert.notEqual(i.threshold.bubbleAt, v, `${i.id}: bubble line equals a ${i.fact} value`);
      assert.notEqual(i.threshold.healthyAt, v, `${i.id}: healthy line equals a ${i.fact} value`);
    }
    assert.ok(i.threshold.bubbleAt !== i.threshold.healthyAt || i.fact === "ai-vs-saas-gross-profit", i.id);
  }
});

test("one vote per independent fact: measures of one fact agree or the fact is inconclusive", () => {
  const mk = (id: string, fact: string, verdict: IndicatorResult["verdict"]): IndicatorResult => ({
    id,
    era: "2000",
    label: id,
    value: 1,
    unit: "x",
    formula: "",
    basis: "b",
    fact,
    evidence: [id],
    verdict,
    reason: "",
    computed: true,
    inputs: [],
    threshold: higher,
  });
  const t = tallyByFact(
    [mk("a", "valuation", "bubble-like"), mk("b", "valuation", "bubble-like"), mk("c", "debt", "healthy")],
    "2000",
  );
  assert.equal(t.votes.length, 2);
  assert.equal(t.bubbleLike, 1, "two measures of one valuation are one vote");
  const split = tallyByFact([mk("a", "cf", "bubble-like"), mk("b", "cf", "healthy")], "2000");
  assert.equal(split.votes[0].verdict, "inconclusive");
  // In the model every scorecard vote is a distinct fact.
  for (const era of ["2000", "ai"] as const) {
    const facts = tallyByFact(model.indicators, era).votes.map((v) => v.fact);
    assert.equal(new Set(facts).size, facts.length);
  }
});

test("multi-year commitments are annualised by their schedule; each schedule names its source", () => {
  for (const [id, s] of Object.entries(DEAL_SCHEDULES)) {
    assert.ok(s.years > 0 && s.source.length > 10, id);
    assert.ok(
      deals.some((d) => d.id === id),
      `${id} is a deal`,
    );
  }
  const rt = ind(model, "roundtrip-nvidia-ai");
  const d025 = rt.details!.find((d) => d.label.startsWith("D025"))!;
  assertClose(d025.value, (100 * 100) / DEAL_SCHEDULES.D025.years / 130.497, { rtol: 1e-12 });
});

test("no category errors: tokens are not judged against dollars, compute efficiency not by capacity lines", () => {
  assert.equal(ind(model, "usage-doubling-ai").threshold, null);
  assert.ok(!model.indicators.some((i) => i.id === "utilisation-ai-capacity"));
  const u = ind(model, "utilisation-ai");
  assert.ok(u.details!.some((d) => /compute efficiency/.test(d.label)));
  assert.equal(ind(model, "capex-gdp-ai").threshold, null, "the 2000 value is no longer the AI era's line");
});

test("the 2000 side is complete: no 2000-era indicator is 'not computed' (with the bellwether prices)", {
  skip: skipWithoutShared("data/prices/csco_daily_yahoo_to2020.csv"),
}, () => {
  const read = (f: string) => {
    const t = readSeriesTable(readFileSync(sharedPath("data/prices", f), "utf8"), {
      columns: ["close"],
      missing: "drop",
    });
    return { dates: t.dates!, values: t.columns[0].values };
  };
  const m = buildEvidenceModel({
    ledger,
    deals,
    draws: 20,
    prices: { CSCO: read("csco_daily_yahoo_to2020.csv"), NVDA: read("nvda_daily_yahoo_2019_2026.csv") },
  });
  const missing = m.indicators.filter((i) => i.era === "2000" && !i.computed).map((i) => `${i.id}: ${i.reason}`);
  assert.deepEqual(missing, []);
  // The valuation: the close on the same relative date over GAAP TTM EPS, in both eras.
  const cisco = ind(m, "pe-trailing-2000");
  assertClose(cisco.value!, 80.0625 / 0.34, { rtol: 1e-9 }, "Cisco close 2000-03-27 / TTM EPS to FQ2-2000 (E478)");
  assert.ok(cisco.evidence.includes("E478") && cisco.evidence.includes("prices:CSCO"));
  assert.ok(cisco.details!.some((d) => d.label.startsWith("forward P/E on the consensus") && d.value === 120));
  const nvda = ind(m, "pe-trailing-ai");
  const nv = read("nvda_daily_yahoo_2019_2026.csv");
  const k = nv.dates.filter((d) => d <= "2025-10-31").length - 1;
  assertClose(nvda.value!, nv.values[k] / 3.52, { rtol: 1e-9 }, "Nvidia close at the talk date / TTM EPS (E438)");
  assert.match(nvda.basis, /trailing twelve months/);
});
