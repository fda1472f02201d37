import assert from "node:assert/strict";
import { test } from "node:test";
import { dateFigures, parseFigures } from "../../src/evidence/load.ts";
import { makeLedger } from "../../src/evidence/query.ts";
import type { Deal } from "../../src/evidence/schema.ts";
import {
  type Env,
  evaluateIndicator,
  type IndicatorSpec,
  resolveInput,
  sensitivity,
} from "../../src/frameworks/engine.ts";
import { assertClose } from "../helpers/assert-close.ts";

const H = "id,era,topic,entity,metric,value,unit,as_of,low,high,claim_in_talk,source_title,source_url,note,published";
const text = [
  H,
  "E001,ai,valuation,Acme,market cap,500,USD bn,2025-10-29,400,600,,S,https://e.com,,",
  "E002,ai,valuation,Acme,net income,5,USD bn,FY2024,,,,S,https://e.com,,",
  "E003,ai,valuation,Acme,net income,10,USD bn,FY2025,,,,S,https://e.com,,",
  "E004,ai,demand,Lab,annualised revenue,12,USD bn/yr,2025-06,,,,S,https://e.com,,",
].join("\n");
const ledger = makeLedger(dateFigures(parseFigures(text).records));
const deal: Deal = {
  id: "D001",
  era: "ai",
  date: "2025-09-22",
  from_entity: "Acme",
  to_entity: "Lab",
  kind: "equity_investment",
  amount_usd: 100e9,
  gw: 10,
  low: 0,
  high: 100e9,
  source_title: "S",
  source_url: "https://e.com",
  note: "",
};
const env = (asOf: string | null): Env => ({ ledger, deals: new Map([["D001", deal]]), asOf });
const noCtx = { point: () => null };

const pe: IndicatorSpec = {
  id: "pe",
  era: "ai",
  label: "P/E",
  unit: "x",
  formula: "cap / ni",
  basis: "test basis",
  inputs: [
    { key: "cap", ids: ["E001"], unit: "USD bn" },
    { key: "ni", ids: ["E003", "E002"], unit: "USD bn" },
  ],
  compute: (v) => v.cap / v.ni,
  threshold: () => ({
    direction: "higher-is-bubblier",
    bubbleAt: 100,
    healthyAt: 40,
    source: "test line",
    evidence: [],
  }),
};

test("resolveInput takes the first alternative known as of the date and converts units", () => {
  const a = resolveInput(pe.inputs[1], env(null));
  assert.ok(typeof a !== "string" && a.id === "E003" && a.value === 10);
  const b = resolveInput(pe.inputs[1], env("2025-06-30"));
  assert.ok(typeof b !== "string" && b.id === "E002");
  assert.match(
    String(resolveInput(pe.inputs[1], env("2024-06-30"))),
    /E003 not known as of 2024-06-30 .*E002 not known as of 2024-06-30/,
  );
  const d = resolveInput({ key: "d", ids: ["D001"], unit: "USD bn" }, env(null));
  assert.ok(typeof d !== "string" && d.value === 100 && d.low === 0 && d.high === 100);
  const g = resolveInput({ key: "g", ids: ["D001"], unit: "GW" }, env(null));
  assert.ok(typeof g !== "string" && g.value === 10);
  assert.match(
    String(resolveInput({ key: "d", ids: ["D001"], unit: "USD bn" }, env("2025-09-01"))),
    /D001 not announced as of 2025-09-01/,
  );
  const rate = resolveInput({ key: "r", ids: ["E004"], unit: "USD bn" }, env(null));
  assert.ok(typeof rate !== "string" && rate.value === 12 && /one year of the annual rate/.test(rate.label));
});

test("evaluateIndicator: value, verdict with its reason, evidence ids", () => {
  const r = evaluateIndicator(pe, env(null), noCtx, { draws: 0 });
  assert.equal(r.value, 50);
  assert.equal(r.verdict, "inconclusive");
  assert.match(r.reason, /50x lies between the healthy line 40x and the bubble line 100x \(test line\)/);
  assert.deepEqual(r.evidence, ["E001", "E003"]);
  const old = evaluateIndicator(pe, env("2025-10-30"), noCtx, { draws: 0 });
  assert.equal(old.value, 100, "as of Oct 2025 only FY2024 income (5) was known");
  assert.equal(old.verdict, "bubble-like");
  const none = evaluateIndicator(pe, env("2024-01-01"), noCtx);
  assert.equal(none.computed, false);
  assert.equal(none.value, null);
  assert.match(none.reason, /^not computed: cap: E001 not known/);
});

test("Monte Carlo over low/high ranges is seeded: same seed same band, different seed different band", () => {
  const a = evaluateIndicator(pe, env(null), noCtx, { seed: 7, draws: 400 });
  const b = evaluateIndicator(pe, env(null), noCtx, { seed: 7, draws: 400 });
  const c = evaluateIndicator(pe, env(null), noCtx, { seed: 8, draws: 400 });
  assert.deepEqual(a.band, b.band);
  assert.notDeepEqual(a.band, c.band);
  const band = a.band!;
  assert.ok(band.p05 >= 40 && band.p95 <= 60 && band.p05 < band.p50 && band.p50 < band.p95, JSON.stringify(band));
  // Triangular(40, 50, 60) for cap/10 is symmetric: median near 50.
  assertClose(band.p50, 50, { atol: 0.6 });
  assert.deepEqual(band.evidence, ["E001"]);
  assert.equal(band.shareBubbleLike, 0);
});

test("sensitivity finds the smallest flip: P/E 50x reaches the 40x healthy line when income rises 10 → 12.5", () => {
  const spec = pe;
  const r = evaluateIndicator(spec, env(null), noCtx, { draws: 0 });
  const s = sensitivity(spec, r);
  const byInput = new Map(s.map((x) => [x.input, x]));
  // Up 25% (to 12.5 → 40x, healthy) is smaller than down 50% (to 5 → 100x, bubble-like).
  assertClose(byInput.get("E003")!.to, 12.5, { rtol: 1e-9 });
  assert.equal(byInput.get("E003")!.newVerdict, "healthy");
  assertClose(byInput.get("E001")!.to, 400, { rtol: 1e-9 }, "cap 400 → 40x healthy");
  assert.equal(byInput.get("E001")!.newVerdict, "healthy");
  assert.equal(byInput.get("E001")!.withinLedgerRange, true, "400 is E001's own low");
  assert.match(
    byInput.get("E003")!.sentence,
    /turns from inconclusive to healthy if E003 .* rises from \$10bn to \$12.5bn \(\+25.0%\)/,
  );
  // With the healthy side removed, the nearest flip is the bubble line at income 5.
  const bubbleOnly: typeof spec = {
    ...spec,
    threshold: () => ({ direction: "higher-is-bubblier", bubbleAt: 100, healthyAt: 0, source: "t", evidence: [] }),
  };
  const s2 = sensitivity(bubbleOnly, evaluateIndicator(bubbleOnly, env(null), noCtx, { draws: 0 }));
  assertClose(s2.find((x) => x.input === "E003")!.to, 5, { rtol: 1e-9 });
});

test("an unavailable indicator is reported as not computed with its reason", () => {
  const r = evaluateIndicator({ ...pe, unavailable: "no data for the carriers" }, env(null), noCtx);
  assert.equal(r.computed, false);
  assert.equal(r.reason, "not computed: no data for the carriers");
  assert.throws(
    () => evaluateIndicator(pe, env(null), noCtx, { draws: -1 }),
    /draws must be a non-negative integer, got -1/,
  );
});
