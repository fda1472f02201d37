import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { buildDealGraph, cycleFlows } from "../../src/evidence/deal-graph.ts";
import { parseDeals } from "../../src/evidence/load.ts";
import type { Deal } from "../../src/evidence/schema.ts";

const deal = (
  id: string,
  from: string,
  to: string,
  kind: Deal["kind"],
  amount: number | null,
  era: Deal["era"] = "ai",
): Deal => ({
  id,
  era,
  date: "2025-09",
  from_entity: from,
  to_entity: to,
  kind,
  amount_usd: amount,
  gw: null,
  low: null,
  high: null,
  source_title: "s",
  source_url: "https://e.com",
  note: "",
});

test("an investment and a purchase back form one round-trip cycle", () => {
  const g = buildDealGraph([
    deal("D1", "Vendor", "Lab", "equity_investment", 1e11),
    deal("D2", "Lab", "Vendor", "chip_purchase", 5e10),
  ]);
  assert.equal(g.cycles.length, 1);
  assert.deepEqual(g.cycles[0].nodes, ["Lab", "Vendor"]);
  assert.deepEqual(g.cycles[0].hops, [["D2"], ["D1"]]);
  assert.equal(g.edges[0].amountUsdBn, 100);
  const f = cycleFlows(g, "Vendor");
  assert.deepEqual(
    f.outEdges.map((e) => e.deal),
    ["D1"],
  );
  assert.deepEqual(
    f.inEdges.map((e) => e.deal),
    ["D2"],
  );
});

test("vendor financing implies a return purchase edge, flagged implied", () => {
  const g = buildDealGraph([deal("D1", "Lucent", "Winstar", "vendor_financing", 2e9, "2000")]);
  assert.equal(g.edges.length, 2);
  assert.equal(g.edges[1].id, "D1~");
  assert.equal(g.edges[1].implied, true);
  assert.equal(g.cycles.length, 1);
  assert.equal(g.cycles[0].implied, true);
  assert.equal(
    buildDealGraph([deal("D1", "Lucent", "Winstar", "vendor_financing", 2e9, "2000")], {
      impliedVendorFinancingReturn: false,
    }).cycles.length,
    0,
  );
});

test("aliases merge entity names; cycles never mix eras", () => {
  const g = buildDealGraph([
    deal("D1", "OpenAI", "Amazon (AWS)", "cloud_contract", 1),
    deal("D2", "Amazon", "OpenAI", "equity_investment", 1),
    deal("D3", "OpenAI", "X", "cloud_contract", 1, "2000"),
    deal("D4", "X", "OpenAI", "cloud_contract", 1, "ai"),
  ]);
  assert.deepEqual(g.nodes.map((n) => n.id).sort(), ["Amazon", "OpenAI", "X"]);
  assert.deepEqual(
    g.cycles.map((c) => [...c.nodes].sort().join(">")),
    ["Amazon>OpenAI"],
  );
});

test("the layout is deterministic and inside the unit square", () => {
  const deals = parseDeals(readFileSync(new URL("../../data/deals.csv", import.meta.url), "utf8")).records;
  const a = buildDealGraph(deals);
  const b = buildDealGraph(deals);
  assert.deepEqual(a.nodes, b.nodes);
  for (const n of a.nodes) {
    assert.ok(n.x >= 0.05 - 1e-12 && n.x <= 0.95 + 1e-12 && n.y >= 0.05 - 1e-12 && n.y <= 0.95 + 1e-12, n.id);
    assert.ok(n.evidence.length > 0, `${n.id} has evidence`);
  }
  const pts = new Set(a.nodes.map((n) => `${n.x.toFixed(3)},${n.y.toFixed(3)}`));
  assert.equal(pts.size, a.nodes.length, "no two nodes coincide");
  assert.throws(
    () => buildDealGraph(deals, { layoutIterations: -1 }),
    /layoutIterations must be a non-negative integer, got -1/,
  );
});

test("the curated deals contain the talk-era round trips (Nvidia-OpenAI, Nvidia-xAI, AMD-OpenAI)", () => {
  const deals = parseDeals(readFileSync(new URL("../../data/deals.csv", import.meta.url), "utf8")).records;
  const g = buildDealGraph(deals);
  const two = new Set(g.cycles.filter((c) => c.nodes.length === 2).map((c) => [...c.nodes].sort().join("+")));
  for (const pair of ["Nvidia+OpenAI", "Nvidia+xAI", "AMD+OpenAI", "Anthropic+Microsoft", "Anthropic+Google"]) {
    assert.ok(two.has(pair), pair);
  }
});
