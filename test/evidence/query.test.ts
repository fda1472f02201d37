import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { CLAIMS } from "../../src/evidence/claims.ts";
import { dateFigures, parseDeals, parseFigures } from "../../src/evidence/load.ts";
import { makeLedger, queryFigures } from "../../src/evidence/query.ts";

const ledger = makeLedger(
  dateFigures(parseFigures(readFileSync(new URL("../../data/evidence.csv", import.meta.url), "utf8")).records),
);
const deals = parseDeals(readFileSync(new URL("../../data/deals.csv", import.meta.url), "utf8")).records;

test("queryFigures: as of the 2000 peak, only figures reported by then are known", () => {
  const known = queryFigures(ledger, { era: "2000", asOf: "2000-03-10" });
  assert.ok(known.every((f) => f.knownFrom <= "2000-03-10"));
  const ids = known.map((f) => f.id);
  assert.ok(ids.includes("E171"), "Cisco FY1999 sales (to Jul 1999) were known");
  assert.ok(!ids.includes("E172"), "Cisco FY2000 sales (to Jul 2000) were not");
  assert.ok(!ids.includes("E002"), "the 2001 lit-capacity figure was not");
});

test("queryFigures: talk claims are known from the talk, not from the period they describe", () => {
  const ids = queryFigures(ledger, { asOf: "2025-10-31" }).map((f) => f.id);
  assert.ok(ids.includes("E004") && ids.includes("E168"));
  assert.ok(!queryFigures(ledger, { asOf: "2025-09" }).some((f) => f.id === "E004"));
});

test("queryFigures filters by topic and era and names a bad date", () => {
  const r = queryFigures(ledger, { topic: "roic", era: "ai" });
  assert.ok(r.length > 0 && r.every((f) => f.topic === "roic" && f.era === "ai"));
  assert.throws(() => queryFigures(ledger, { asOf: "yesterday" }), /asOf must be/);
});

test("makeLedger refuses duplicate ids", () => {
  const f = ledger.figures[0];
  assert.throws(() => makeLedger([f, f]), /ledger id must be unique, got "E001" twice/);
});

test("every claim links only to ledger rows and deals that exist", () => {
  const dealIds = new Set(deals.map((d) => d.id));
  for (const c of CLAIMS) {
    for (const id of c.evidence) assert.ok(ledger.byId.has(id) || dealIds.has(id), `${c.id} → ${id}`);
    if (c.claimEvidence) assert.ok(ledger.byId.has(c.claimEvidence), `${c.id} claimEvidence`);
  }
});
