/**
 * The generic claim evaluator: every claim's status responds when its measures move to the claim or far away
 * (no claim is decided by a constant); each transform and comparison rule on a small synthetic ledger; qualitative
 * claims follow their listed evidence; claims are judged at the recording date with later evidence beside them.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { CLAIMS, RECORDING_DATE } from "../../src/evidence/claims.ts";
import { dateFigures, parseDeals, parseFigures } from "../../src/evidence/load.ts";
import { makeLedger } from "../../src/evidence/query.ts";
import type { Claim } from "../../src/evidence/schema.ts";
import { type ClaimContext, evaluateClaims } from "../../src/frameworks/claim-status.ts";
import { buildEvidenceModel } from "../../src/frameworks/model.ts";

const evidenceText = readFileSync(new URL("../../data/evidence.csv", import.meta.url), "utf8");
const ledger = makeLedger(dateFigures(parseFigures(evidenceText).records));
const deals = parseDeals(readFileSync(new URL("../../data/deals.csv", import.meta.url), "utf8")).records;
const model = buildEvidenceModel({ ledger, deals, seed: 3, draws: 50 });
const atTalk = buildEvidenceModel({ ledger, deals, seed: 3, draws: 50, asOf: RECORDING_DATE, claims: [] });
const ctx: ClaimContext = {
  ledger,
  deals: new Map(deals.map((d) => [d.id, d])),
  indicators: new Map(model.indicators.map((i) => [i.id, i])),
  indicatorsAtTalk: new Map(atTalk.indicators.map((i) => [i.id, i])),
  asOf: null,
};

/** A value strictly inside the claim, and one far outside it, for the claim's rule. */
function targets(c: Claim): { to: number; far: number } {
  const r = c.comparison;
  const q = c.quantity ?? 0;
  switch (r.rule) {
    case "point":
      return { to: q, far: q * 10 + 100 };
    case "range":
      return { to: (c.low! + c.high!) / 2, far: c.high! * 10 + 100 };
    case "at-least": {
      const x = typeof r.than === "number" ? r.than : r.than === undefined ? q : thresholdOf(r.than);
      return { to: x + Math.abs(x) + 1, far: x - 10 * Math.abs(x) - 10 };
    }
    case "at-most": {
      const x = typeof r.than === "number" ? r.than : r.than === undefined ? q : thresholdOf(r.than);
      return { to: x - Math.abs(x) - 1, far: x + 10 * Math.abs(x) + 10 };
    }
    default:
      throw new Error("qualitative");
  }
}
function thresholdOf(t: { indicator: string; line: "bubbleAt" | "healthyAt" }): number {
  return ctx.indicators.get(t.indicator)!.threshold![t.line];
}
/** The status before any cap ("… (supported by the numbers)" in the reason when a cap applied). */
function measuredStatus(status: string, reason: string): string {
  return /\((supported|contradicted) by the numbers\)/.exec(reason)?.[1] ?? status;
}

test("every quantitative claim has a measure available with everything known, and its status responds to it", () => {
  const quantitative = CLAIMS.filter((c) => c.comparison.rule !== "qualitative");
  assert.ok(quantitative.length >= 25, `${quantitative.length}`);
  for (const c of quantitative) {
    const base = evaluateClaims([c], ctx)[0];
    assert.ok(base.measuresToday.length > 0, `${c.id}: no measure resolves: ${base.reasonToday}`);
    const { to, far } = targets(c);
    const at = (v: number) => {
      const r = evaluateClaims([c], ctx, { perturb: () => v })[0];
      return measuredStatus(r.statusToday, r.reasonToday);
    };
    const near = at(to);
    const away = at(far);
    assert.equal(near, "supported", `${c.id}: moved to ${to} it should be supported, got ${near}`);
    assert.notEqual(away, near, `${c.id}: moved far away (${far}) its status must change`);
    // A bound alone can never support a point far off; a full measure far off contradicts.
    if (c.measures.some((m) => !m.bound)) assert.equal(away, "contradicted", `${c.id} at ${far}`);
  }
});

test("qualitative claims follow their listed evidence: nothing known in 1990, the stances today", () => {
  const qual = CLAIMS.filter((c) => c.comparison.rule === "qualitative" && c.comparison.evidence.length > 0);
  assert.ok(qual.length >= 2);
  for (const c of qual) {
    const early = evaluateClaims([c], { ...ctx, asOf: "1990-01-01" })[0];
    assert.equal(early.status, "unverified", c.id);
    assert.equal(early.statusToday, "unverified", c.id);
    const now = evaluateClaims([c], ctx)[0];
    assert.notEqual(now.statusToday, "unverified", c.id);
  }
  const c23 = evaluateClaims(
    CLAIMS.filter((c) => c.id === "C23"),
    ctx,
  )[0];
  assert.equal(c23.status, "supported", "Amazon's stake was known at the talk");
  assert.equal(c23.statusToday, "qualified", "Anthropic's Nvidia and Azure deals came after");
  assert.ok(c23.sinceThen.some((s) => s.id === "D040"));
});

test("judged at the recording date: later figures only in statusToday and sinceThen", () => {
  const rs = evaluateClaims(CLAIMS, ctx);
  for (const r of rs) {
    assert.equal(r.judgedAsOf, RECORDING_DATE);
    for (const s of r.sinceThen) assert.ok(s.knownFrom > RECORDING_DATE, `${r.id} ${s.id}`);
    for (const m of r.measures.filter((x) => !x.asStated))
      for (const id of m.evidence) {
        const f = ledger.byId.get(id);
        if (f) assert.ok(f.knownFrom <= RECORDING_DATE, `${r.id}: ${id} known from ${f.knownFrom}`);
      }
  }
  const c07 = rs.find((r) => r.id === "C07")!;
  assert.equal(c07.status, "unverified", "only a two-company lower bound was known at the talk");
  assert.equal(c07.statusToday, "contradicted", "the four spenders held ~$339bn on 30 Sep 2025, reported 29-31 Oct");
  assert.deepEqual(c07.sinceThen.map((s) => s.id).sort(), ["E420", "E421", "E422", "E423"]);
  // A model dated before the talk judges both statuses at its own date and lists nothing since.
  const early = evaluateClaims(CLAIMS, { ...ctx, asOf: "2025-06-30" });
  for (const r of early) {
    assert.equal(r.judgedAsOf, "2025-06-30");
    assert.equal(r.status, r.statusToday);
    assert.deepEqual(r.sinceThen, []);
  }
});

const synthetic = `id,era,topic,entity,metric,value,unit,as_of,low,high,claim_in_talk,source_title,source_url,note,published
E901,ai,demand,A,a,30,percent,2020,,,,t,https://example.org,,
E902,ai,demand,B,b,20,USD bn,2020,10,30,,t,https://example.org,,
E903,ai,demand,C,c,5,USD bn,2020,,,,t,https://example.org,,
E904,ai,demand,D,d,120,USD bn/yr,2020,,,,t,https://example.org,,
E905,ai,demand,E,e,4000,USD m,2026-06,,,,t,https://example.org,,
`;
const synLedger = makeLedger(dateFigures(parseFigures(synthetic).records));
const claim = (over: Partial<Claim>): Claim => ({
  id: "C99",
  text: "t",
  quote: "q",
  paragraph: 1,
  speaker: "Gavin Baker",
  quantity: 10,
  low: null,
  high: null,
  unit: "USD bn",
  era: "ai",
  asOf: "2020",
  claimEvidence: null,
  evidence: [],
  measures: [],
  comparison: { rule: "point" },
  cap: null,
  note: "",
  ...over,
});
const one = (c: Claim, asOf: string | null = null) =>
  evaluateClaims([c], { ledger: synLedger, indicators: new Map(), asOf, talkDate: "2025-01-01" })[0];
const M = (transform: Claim["measures"][number]["transform"], ids: string[], extra = {}) => ({
  label: "m",
  transform,
  ids,
  basis: "b",
  ...extra,
});

test("transforms: value, complement, sum (units converted), difference, ratio, product, annualise with interval bands", () => {
  const v = (m: ReturnType<typeof M>, unit = "USD bn") =>
    one(claim({ unit, measures: [m] })).measures[0] as { value: number; low: number | null; high: number | null };
  assert.equal(v(M("value", ["E903"])).value, 5);
  assert.equal(v(M("complement", ["E901"]), "percent").value, 70);
  const s = v(M("sum", ["E902", "E903"]));
  assert.deepEqual([s.value, s.low, s.high], [25, 15, 35]);
  const d = v(M("difference", ["E902"], { over: ["E903"] }));
  assert.deepEqual([d.value, d.low, d.high], [15, 5, 25]);
  const r = v(M("ratio", ["E902"], { over: ["E903"], unit: "ratio" }), "ratio");
  assert.deepEqual([r.value, r.low, r.high], [4, 2, 6]);
  assert.equal(v(M("product", ["E903"], { over: ["E903"] })).value, 25);
  assert.equal(v(M("annualise", ["E902"], { years: 4 })).value, 5);
  const pr = v(M("ratio", ["E902", "E903"], { over: ["E903"], combine: "product", unit: "ratio" }), "ratio");
  assert.deepEqual([pr.value, pr.low, pr.high], [20, 10, 30], "(20 × 5) / 5 with E902's range 10-30");
  // An annual rate read as an amount is one year of it.
  assert.equal(v(M("value", ["E904"])).value, 120);
});

test("rules: point/range tolerance zones, at-least/at-most, bounds, caps, later evidence", () => {
  const st = (over: Partial<Claim>, asOf: string | null = null) => one(claim(over), asOf);
  const val = [M("value", ["E903"])];
  assert.equal(st({ quantity: 5, measures: val }).status, "supported");
  assert.equal(st({ quantity: 5.8, measures: val }).status, "qualified", "within 20%: edge");
  assert.equal(st({ quantity: 8, measures: val }).status, "contradicted");
  assert.equal(st({ quantity: 8, measures: val, comparison: { rule: "point", tolerance: 0.3 } }).status, "qualified");
  assert.equal(st({ low: 4, high: 6, quantity: 5, measures: val, comparison: { rule: "range" } }).status, "supported");
  assert.equal(st({ measures: val, comparison: { rule: "at-least", than: 4 } }).status, "supported");
  assert.equal(
    st({ measures: val, comparison: { rule: "at-most", than: 4.6 } }).status,
    "qualified",
    "within 10% of the line",
  );
  assert.equal(st({ measures: val, comparison: { rule: "at-most", than: 2 } }).status, "contradicted");
  // A ranged measure whose range reaches the claim is edge, not beyond.
  assert.equal(st({ quantity: 12, measures: [M("value", ["E902"])] }).status, "qualified");
  // A lower bound below a point claim does not test it; above it, it refutes it.
  const lb = [M("value", ["E903"], { bound: "lower" })];
  assert.equal(st({ quantity: 50, measures: lb }).status, "unverified");
  assert.match(st({ quantity: 50, measures: lb }).reason, /only bounds/);
  assert.equal(st({ quantity: 2, measures: lb }).status, "contradicted");
  assert.equal(st({ measures: lb, comparison: { rule: "at-least", than: 3 } }).status, "supported");
  // Caps hold back supported and contradicted, and say so.
  const capped = st({ quantity: 5, measures: val, cap: { status: "qualified", reason: "other metric" } });
  assert.equal(capped.status, "qualified");
  assert.match(capped.reason, /at most qualified \(supported by the numbers\): other metric/);
  // E905 (2026) is after the talk (2025-01-01): shown since then, counted only today.
  const later = st({ quantity: 4, measures: [M("value", ["E905"])] });
  assert.equal(later.status, "unverified");
  assert.equal(later.statusToday, "supported");
  assert.deepEqual(
    later.sinceThen.map((s) => s.id),
    ["E905"],
  );
  assert.throws(
    () => evaluateClaims([], { ledger: synLedger, indicators: new Map(), asOf: null }, { tolerance: 1 }),
    /tolerance/,
  );
});
