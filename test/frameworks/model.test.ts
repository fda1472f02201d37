import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { readSeriesTable } from "../../src/core/csv.ts";
import { CLAIMS } from "../../src/evidence/claims.ts";
import { dateFigures, parseDeals, parseFigures } from "../../src/evidence/load.ts";
import { makeLedger } from "../../src/evidence/query.ts";
import { evaluateClaims } from "../../src/frameworks/claim-status.ts";
import { buildEvidenceModel, type EvidenceModel } from "../../src/frameworks/model.ts";
import { assertClose } from "../helpers/assert-close.ts";
import { sharedPath, skipWithoutShared } from "../helpers/shared.ts";

const evidenceText = readFileSync(new URL("../../data/evidence.csv", import.meta.url), "utf8");
const figures = parseFigures(evidenceText).records;
const ledger = makeLedger(dateFigures(figures));
const deals = parseDeals(readFileSync(new URL("../../data/deals.csv", import.meta.url), "utf8")).records;
const DRAWS = 200;
const model = buildEvidenceModel({ ledger, deals, seed: 11, draws: DRAWS });
const ind = (m: EvidenceModel, id: string) => m.indicators.find((i) => i.id === id)!;

/**
 * Walks a JSON value; every number must sit in an object that has a non-empty `evidence` array or a non-empty
 * `source` string (thresholds, run parameters). Returns the paths of numbers without provenance.
 */
function numbersWithoutProvenance(value: unknown, path = "$", provenance = false): string[] {
  if (typeof value === "number") return provenance ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersWithoutProvenance(v, `${path}[${i}]`, provenance));
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const here =
      (Array.isArray(o.evidence) &&
        o.evidence.length > 0 &&
        o.evidence.every((e) => typeof e === "string" && e !== "")) ||
      (typeof o.source === "string" && o.source.trim() !== "");
    return Object.entries(o).flatMap(([k, v]) =>
      numbersWithoutProvenance(v, `${path}.${k}`, here || (provenance && k === "evidence")),
    );
  }
  return [];
}

test("the provenance walker catches a bare number (it can fail)", () => {
  assert.deepEqual(numbersWithoutProvenance({ a: { value: 1 } }), ["$.a.value"]);
  assert.deepEqual(numbersWithoutProvenance({ a: { value: 1, evidence: [] } }), ["$.a.value"]);
  assert.deepEqual(numbersWithoutProvenance({ a: { value: 1, evidence: ["E001"] } }), []);
  assert.deepEqual(numbersWithoutProvenance({ a: { value: 1, source: "paper" } }), []);
});

test("every number in the evidence model carries evidence ids (or a cited source)", () => {
  const json = JSON.parse(JSON.stringify(model));
  assert.deepEqual(numbersWithoutProvenance(json), []);
});

test("every number carries provenance also with prices and as of the talk date", () => {
  const dates = Array.from({ length: 800 }, (_, i) =>
    new Date(Date.parse("2022-01-03T00:00:00Z") + i * 86400000).toISOString().slice(0, 10),
  );
  const values = new Float64Array(dates.map((_, i) => 100 * Math.exp(i / 500)));
  const m = buildEvidenceModel({
    ledger,
    deals,
    asOf: "2025-10-31",
    prices: { NVDA: { dates, values } },
    seed: 3,
    draws: 50,
  });
  assert.deepEqual(numbersWithoutProvenance(JSON.parse(JSON.stringify(m))), []);
  const gsy = m.frameworks.find((f) => f.id === "gsy-crash:NVDA")!;
  assert.equal(gsy.computed, true);
  assert.ok(m.sensitivity.some((s) => s.subject === "gsy-crash:NVDA"));
  assert.equal(m.frameworks.find((f) => f.id === "gmo-2sigma:NVDA")!.computed, false, "2 years are not a trend");
  // A per-series asOf evaluates that series at its own date (e.g. a 2000-era series at its peak).
  const early = buildEvidenceModel({ ledger, deals, prices: { X: { dates, values, asOf: "2024-02-15" } }, draws: 0 });
  assert.match(early.frameworks.find((f) => f.id === "gsy-crash:X")!.reasons[0], /→ 2024-02-15: /);
});

test("the model is plain JSON and bit-identical for the same seed", () => {
  const again = buildEvidenceModel({ ledger, deals, seed: 11, draws: DRAWS });
  assert.deepEqual(JSON.parse(JSON.stringify(model)), JSON.parse(JSON.stringify(again)));
  assert.deepEqual(JSON.parse(JSON.stringify(model)), model);
  const other = buildEvidenceModel({ ledger, deals, seed: 12, draws: DRAWS });
  assert.notDeepEqual(ind(other, "utilisation-ai").band, ind(model, "utilisation-ai").band);
});

test("hand-worked indicator values", () => {
  assertClose(
    ind(model, "debt-share-2000").value!,
    (100 * 300) / 444,
    { rtol: 1e-12 },
    "LA Times: debt / capex 1996-2001",
  );
  assertClose(ind(model, "roic-change-2000").value!, 11.9 - (12.0 + 16.6 + 15.0) / 3, { rtol: 1e-12 }, "SBC");
  assertClose(ind(model, "roic-change-ai").value!, (22.56 - 29.21 + (16.07 - 9.15) + (33.87 - 30.85)) / 3, {
    rtol: 1e-12,
  });
  assertClose(ind(model, "usage-doubling-ai").value!, (17 * Math.LN2) / Math.log(1300 / 9.7), { rtol: 1e-12 });
  assertClose(ind(model, "usage-doubling-2000").value!, 12, { rtol: 1e-12 }, "traffic 2x/yr doubles in 12 months");
  assertClose(ind(model, "roundtrip-lucent-2000").value!, (100 * 7) / 21.3, { rtol: 1e-12 });
  assertClose(ind(model, "debt-share-ai").value!, (100 * 182) / 657, { rtol: 1e-12 });
  assertClose(
    ind(model, "gross-profit-ratio-ai").details!.find((d) => /talk's own example/.test(d.label))!.value,
    30 / 9,
    { rtol: 1e-12 },
  );
  assertClose(ind(model, "funding-gw-ai").value!, (200 + 184) / 50, { rtol: 1e-12 }, "(FCF + cash) / all-in $/GW");
  assertClose(
    ind(model, "funding-gw-ai").details![1].value,
    (300 + 500) / 45,
    { rtol: 1e-12 },
    "the talk's own arithmetic",
  );
  // Nvidia's deals on cycles back to it, per year: OpenAI 100 over 3.5 years (D025), CoreWeave 1.3 over 4 (D016);
  // without a schedule in full: xAI 2, Anthropic 10, CoreWeave 0.1 + 6.3 + 2 ($bn).
  assertClose(
    ind(model, "roundtrip-nvidia-ai").value!,
    (100 * (100 / 3.5 + 2 + 10 + 0.1 + 1.3 / 4 + 6.3 + 2)) / 130.497,
    { rtol: 1e-12 },
    "annualised by schedule",
  );
  assert.equal(ind(model, "roundtrip-nvidia-ai").bound?.kind, "upper-bound");
  const seq = model.frameworks.find((f) => f.id === "sequoia-coverage")!;
  assertClose(seq.values.find((v) => v.label === "AI revenue required")!.value, 193.7 * 4, { rtol: 1e-12 });
  // Market shares of announced GW: Nvidia 11, Broadcom 10, AMD 6, Google 1 (of 28).
  const hhi = ind(model, "market-structure-ai").value!;
  assertClose(hhi, 1e4 * ((11 / 28) ** 2 + (10 / 28) ** 2 + (6 / 28) ** 2 + (1 / 28) ** 2), { rtol: 1e-12 });
});

test("verdicts are explained and thresholds are cited", () => {
  for (const i of model.indicators) {
    assert.ok(i.reason.length > 0 && i.formula.length > 0, i.id);
    if (i.threshold) assert.ok(i.threshold.source.length > 10, `${i.id} threshold source`);
    if (!i.computed) assert.match(i.reason, /^not computed: /, i.id);
  }
  assert.equal(ind(model, "debt-share-2000").verdict, "bubble-like");
  assert.equal(ind(model, "utilisation-ai").verdict, "healthy");
  const rt = ind(model, "roundtrip-nvidia-ai");
  assert.notEqual(rt.threshold?.bubbleAt, ind(model, "roundtrip-lucent-2000").value, "no line equals an era's value");
  assert.match(rt.threshold!.source, /bubblescope convention/);
});

test("as of the talk date no figure or deal from after it is used (no look-ahead)", () => {
  const m = buildEvidenceModel({ ledger, deals, asOf: "2025-10-31", draws: 20 });
  const late = new Set(ledger.figures.filter((f) => f.knownFrom > "2025-10-31").map((f) => f.id));
  const lateDeals = new Set(deals.filter((d) => d.date >= "2025-11").map((d) => d.id));
  assert.ok(late.has("E195") && lateDeals.has("D041"));
  const used = JSON.stringify([m.indicators, m.frameworks, m.claims, m.deals]);
  for (const id of [...late, ...lateDeals]) assert.ok(!used.includes(`"${id}"`), `${id} leaked into the as-of model`);
  assert.match(ind(m, "revenue-doubling-ai").reason, /E195 not known as of 2025-10-31/);
});

test("price frameworks are reported as not computed when no prices are given", () => {
  for (const id of ["gmo-2sigma", "gsy-crash"]) {
    const f = model.frameworks.find((x) => x.id === id)!;
    assert.equal(f.computed, false);
    assert.match(f.reasons[0], /not computed: no price series supplied/);
  }
  assert.match(ind(model, "pe-trailing-2000").reason, /not computed: .*no price series "CSCO" supplied/);
});

test("claims: the talk's claims get rule-based statuses with reasons", () => {
  const s = Object.fromEntries(model.claims.map((c) => [c.id, c.status]));
  assert.equal(s.C01, "qualified", "97% dark is a 2001 lit-capacity figure");
  assert.equal(s.C05, "qualified", "ROIC rose ~1 pp on one basis, ~9 pp from 2022, fell ~9 pp from 2021");
  assert.equal(s.C06, "contradicted", "big-4 FCF 200-237bn, not 300bn");
  assert.equal(s.C07, "unverified");
  assert.equal(s.C11, "unverified");
  assert.equal(model.claims.find((c) => c.id === "C14")!.statusToday, "supported", "judged today, not at the talk");
  assert.match(model.claims[0].reason, /after the March-2000 peak/);
  for (const c of model.claims) {
    assert.ok(c.reason.length > 0, c.id);
    if (c.status !== "unverified") assert.ok(c.evidence.length > 0, c.id);
  }
});

test("claim rule for C06 moves with the evidence: supported, qualified, contradicted", () => {
  const withFcf = (v: string) => {
    const t = evidenceText
      .replace(/^E070,(.*?),free cash flow,237,/m, `E070,$1,free cash flow,${v},`)
      .replace(/^E071,.*\n/m, "");
    const l = makeLedger(dateFigures(parseFigures(t).records));
    return evaluateClaims(
      CLAIMS.filter((c) => c.id === "C06"),
      { ledger: l, indicators: new Map(), asOf: null },
    )[0].status;
  };
  assert.equal(withFcf("300"), "supported");
  assert.equal(withFcf("250"), "qualified");
  assert.equal(withFcf("200"), "contradicted");
});

test("deals: cycles by Johnson's algorithm, nodes laid out with evidence", () => {
  assert.ok(model.deals.cycles.length > 0);
  assert.ok(
    model.deals.cycles.some(
      (c) => c.era === "ai" && c.nodes.includes("Nvidia") && c.nodes.includes("OpenAI") && c.nodes.length === 2,
    ),
  );
  assert.ok(model.deals.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y)));
});

test("with the real Cisco and Nvidia price series the price frameworks run", {
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
    asOf: "2000-03-31",
    prices: { CSCO: read("csco_daily_yahoo_to2020.csv") },
    draws: 20,
  });
  const gsy = m.frameworks.find((f) => f.id === "gsy-crash:CSCO")!;
  assert.equal(gsy.verdict, "bubble-like", gsy.reasons.join("; "));
  assert.ok(gsy.values[0].value > 150, "Cisco rose more than 150% in the two years to March 2000");
  const pe = m.indicators.find((i) => i.id === "pe-trailing-2000")!;
  assertClose(pe.value!, 80.0625 / 0.34, { rtol: 1e-9 }, "close on 2000-03-27 / GAAP TTM EPS to FQ2-2000 (E478)");
  assert.deepEqual(numbersWithoutProvenance(JSON.parse(JSON.stringify(m))), []);
});

test("no look-ahead in claims and deals (regressions found in review)", async () => {
  const { loadEvidence } = await import("../../src/cli/evidence.ts");
  const { buildEvidenceModel } = await import("../../src/frameworks/model.ts");
  const { dealKnownFrom } = await import("../../src/evidence/load.ts");
  // A deal dated by a period is known at the period's end, not its start.
  assert.equal(dealKnownFrom({ date: "1995-2000" }), "2000-12-31");
  assert.equal(dealKnownFrom({ date: "2025-10" }), "2025-10-31");
  const ev = loadEvidence();
  const m = buildEvidenceModel({ ledger: ev.ledger, deals: ev.deals, asOf: "2025-10-31", draws: 0 });
  const c02 = m.claims.find((c) => c.id === "C02")!;
  assert.ok(!c02.reason.includes("E019"), "E019 is published after 2025-10-31");
  const early = buildEvidenceModel({ ledger: ev.ledger, deals: ev.deals, asOf: "2025-09-30", draws: 0 });
  const c16 = early.claims.find((c) => c.id === "C16")!;
  assert.notEqual(c16.status, "contradicted", "a vendor without a known deal is missing evidence");
  if (c16.status === "unverified") assert.match(c16.reason, /Google has no component in market-structure-ai yet/);
  assert.ok(
    early.deals.edges.every((e) => !e.date.startsWith("2025-10")),
    "deals dated October 2025 are not known on 30 September",
  );
});
